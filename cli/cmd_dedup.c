/* cmd_dedup.c - `concord dedup`: exact and near duplicates and their groups. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char dedup_usage[] =
    "Usage: concord dedup [OPTIONS] INPUT...\n"
    "\n"
    "Find exact duplicates, near duplicates and excerpts among articles.\n"
    "Writes one JSON object a line to stdout:\n"
    "  {\"type\":\"pair\",\"a\":ID,\"b\":ID,\"relation\":\"exact|near|contained\",\n"
    "   \"jaccard\":F,\"a_in_b\":F,\"b_in_a\":F}          each related pair once\n"
    "  {\"type\":\"group\",\"id\":G,\"members\":[ID,...]}   each group of 2 or more\n"
    "\n"
    "  exact      the same words after normalisation (case, Unicode, quotes)\n"
    "  near       Jaccard similarity of word shingles >= --threshold\n"
    "  contained  not near, but >= --containment of the shorter article's\n"
    "             shingles are in the longer one, and the shorter is at least\n"
    "             --min-ratio of the longer (an excerpt)\n"
    "Figures are exact (every LSH candidate is verified on the full shingle\n"
    "sets). jaccard = |A&B|/|A|B|; a_in_b = |A&B|/|A|; b_in_a = |A&B|/|B|.\n"
    "\n"
    "Options:\n"
    DEDUP_OPTIONS_HELP
    "  -f, --format FMT      jsonl (default) or tsv: 'pair A B RELATION JACCARD\n"
    "                        A_IN_B B_IN_A' and 'group G ID ID...' rows\n"
    CORPUS_OPTIONS_HELP
    "  -h, --help            this text\n"
    "\n"
    "Exit status: 0 success, 1 --strict and something was skipped,\n"
    "2 usage error or no input readable.\n";

typedef struct dedup_ctx {
    concord_dedup *dedup;
    int failed;
} dedup_ctx;

static int add_article(void *p, const concord_article *a)
{
    dedup_ctx *ctx = p;
    concord_status st = concord_dedup_add(ctx->dedup, a->id, a->id_len, a->text, a->text_len);
    if (st) {
        fprintf(stderr, "concord dedup: %s: %s\n", a->file, concord_strerror(st));
        ctx->failed = 1;
        return 1;
    }
    return 0;
}

static void write_id(FILE *f, const concord_dedup *d, size_t i, int tsv)
{
    size_t len;
    const char *id = concord_dedup_id(d, i, &len);
    if (tsv) tsv_write_field(f, id, len);
    else json_write_string(f, id, len);
}

static void write_results(const concord_dedup *d, int tsv)
{
    for (size_t i = 0; i < concord_dedup_pair_count(d); i++) {
        const concord_pair *p = concord_dedup_pair(d, i);
        const char *rel = concord_relation_name(p->relation);
        if (tsv) {
            fputs("pair\t", stdout);
            write_id(stdout, d, p->a, 1);
            putchar('\t');
            write_id(stdout, d, p->b, 1);
            printf("\t%s\t%.4f\t%.4f\t%.4f\n", rel, p->jaccard, p->a_in_b, p->b_in_a);
        } else {
            fputs("{\"type\":\"pair\",\"a\":", stdout);
            write_id(stdout, d, p->a, 0);
            fputs(",\"b\":", stdout);
            write_id(stdout, d, p->b, 0);
            printf(",\"relation\":\"%s\",\"jaccard\":%.4f,\"a_in_b\":%.4f,\"b_in_a\":%.4f}\n", rel,
                   p->jaccard, p->a_in_b, p->b_in_a);
        }
    }
    for (size_t g = 0; g < concord_dedup_group_count(d); g++) {
        size_t n;
        const size_t *m = concord_dedup_group(d, g, &n);
        if (tsv) {
            printf("group\t%zu", g + 1);
            for (size_t i = 0; i < n; i++) {
                putchar('\t');
                write_id(stdout, d, m[i], 1);
            }
            putchar('\n');
        } else {
            printf("{\"type\":\"group\",\"id\":%zu,\"members\":[", g + 1);
            for (size_t i = 0; i < n; i++) {
                if (i) putchar(',');
                write_id(stdout, d, m[i], 0);
            }
            fputs("]}\n", stdout);
        }
    }
}

static void write_summary(const concord_dedup *d, const input_stats *in, double total_s)
{
    concord_dedup_stats s;
    concord_dedup_stats_get(d, &s);
    size_t by_rel[3] = {0, 0, 0};
    for (size_t i = 0; i < s.pairs; i++) by_rel[concord_dedup_pair(d, i)->relation]++;
    double mb = (double)in->bytes / 1e6;
    fprintf(stderr,
            "concord dedup: %zu articles read, %zu skipped%s; %zu pairs (%zu exact, %zu near, "
            "%zu contained) in %zu groups\n",
            in->articles, in->skipped + in->inputs_failed, in->inputs_failed ? " (incl. inputs)" : "",
            s.pairs, by_rel[CONCORD_REL_EXACT], by_rel[CONCORD_REL_NEAR],
            by_rel[CONCORD_REL_CONTAINED], s.groups);
    fprintf(stderr,
            "concord dedup: %.1f MB in %.2f s (%.1f MB/s); %zu candidates from LSH %u bands x %u "
            "rows (tuned for J >= %.3f)",
            mb, total_s, total_s > 0 ? mb / total_s : 0.0, s.candidates, s.bands, s.rows,
            s.candidate_threshold);
    if (s.empty) fprintf(stderr, "; %zu articles without words", s.empty);
    if (s.repaired) fprintf(stderr, "; %zu invalid UTF-8 sequences repaired", s.repaired);
    fputc('\n', stderr);
}

int cmd_dedup(int argc, char **argv)
{
    static const struct option longopts[] = {
        DEDUP_LONG_OPTIONS,
        CORPUS_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    concord_dedup_options opt;
    concord_dedup_options_init(&opt);
    corpus_options co;
    corpus_options_init(&co);
    int c, done;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:k:p:f:qh", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(dedup_usage, stdout);
            return EXIT_OK;
        }
        if ((done = dedup_option("dedup", c, optarg, &opt)) == 0) return EXIT_USAGE;
        if (done < 0 && corpus_option("dedup", c, optarg, &co) < 0) return EXIT_USAGE;
    }
    if (!have_corpus("dedup", argc - optind, &co)) return EXIT_USAGE;

    double t0 = now_seconds();
    dedup_ctx ctx = {0};
    concord_status st = concord_dedup_create(&ctx.dedup, &opt);
    if (st) {
        fprintf(stderr, "concord dedup: %s\n", concord_strerror(st));
        return EXIT_USAGE;
    }
    static char outbuf[1 << 20];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

    input_stats in;
    read_corpus("dedup", argv + optind, argc - optind, &co, add_article, &ctx, &in);
    int rc = EXIT_OK;
    if (ctx.failed) {
        rc = EXIT_USAGE;
    } else if (in.inputs_failed == corpus_input_count(argc - optind, &co)) {
        fputs("concord dedup: no input could be read\n", stderr);
        rc = EXIT_USAGE;
    } else if ((st = concord_dedup_run(ctx.dedup))) {
        fprintf(stderr, "concord dedup: %s\n", concord_strerror(st));
        rc = EXIT_USAGE;
    } else {
        write_results(ctx.dedup, co.tsv);
        if (fflush(stdout)) {
            perror("concord dedup: writing output");
            rc = EXIT_USAGE;
        }
        if (!co.quiet) write_summary(ctx.dedup, &in, now_seconds() - t0);
        if (co.strict && (in.skipped || in.inputs_failed)) rc = EXIT_SKIPPED;
    }
    concord_dedup_free(ctx.dedup);
    return rc;
}
