/* cmd_relate.c - `concord relate`: every related pair of a corpus. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char relate_usage[] =
    "Usage: concord relate [OPTIONS] INPUT...\n"
    "\n"
    "Find every related pair of a corpus: copies (verbatim, excerpts), spun\n"
    "copies, paraphrases and independent reports of the same story. Three\n"
    "indexes propose candidate pairs, never all pairs:\n"
    "  copy    MinHash + LSH over word 5-shingles\n"
    "  spin    MinHash + LSH over SpotSigs and synonym-class 3-shingles\n"
    "  anchor  shared rare names, numbers and quotation fingerprints\n"
    "and each candidate is verified as `concord compare` would (with the\n"
    "articles' dates and titles). Writes one JSON object a line to stdout,\n"
    "each related pair once, sorted by input order (a before b):\n"
    "  {\"type\":\"relate\",\"a\":ID,\"b\":ID,\"relation\":R,\"score\":F,\n"
    "   \"direction\":\"a->b|b->a|unknown\",\"confidence\":F,\n"
    "   \"found_by\":[\"copy\",\"spin\",\"anchor\"]}\n"
    "R is verbatim, partial, spun, paraphrase or same_story (see `concord\n"
    "compare --help`); score is a similarity in [0, 1]; direction a->b means\n"
    "b derives from a, with confidence in [0, 1]; found_by names the indexes\n"
    "that proposed the pair. See docs/relate.md.\n"
    "\n"
    "Options:\n"
    "      --relations LIST  relations to write, comma-separated: verbatim,\n"
    "                        partial, spun, paraphrase, same_story, unrelated;\n"
    "                        'reuse' = the first four; 'all' = all six (default:\n"
    "                        all but unrelated)\n"
    "      --min-score F     write only pairs with score >= F (default 0)\n"
    "      --features        add \"features\":{...} (as `concord compare`)\n"
    "      --passages        add the aligned passages (as `concord align`):\n"
    "                        \"passages\":[{\"a\":[S,E],\"b\":[S,E],\"kind\":K,\n"
    "                        \"score\":F}], byte spans of each text\n"
    "      --no-synonyms     no WordNet lexicon (spins are found less well)\n"
    "      --wordnet DIR     WordNet dict directory (default $CONCORD_WORDNET_DIR,\n"
    "                        else the system's; without it: a warning, and no\n"
    "                        synonyms)\n"
    "      --min-anchors N   shared anchors an anchor candidate needs (default 3)\n"
    "      --anchor-weight F their summed IDF weight, each in (0, 1] (default 2)\n"
    "      --max-anchor-df N anchors in more than N articles are not indexed\n"
    "                        (default 50)\n"
    "      --copy-threshold F  shingle Jaccard the copy index aims at (default 0.3)\n"
    "      --spin-threshold F  signature Jaccard the spin index aims at (default 0.15)\n"
    "  -p, --perms N         MinHash permutations per index (default 128)\n"
    "      --seed N          hash seed (default 1)\n"
    "  -f, --format FMT      jsonl (default) or tsv: 'A B RELATION SCORE DIRECTION\n"
    "                        CONFIDENCE FOUND_BY' rows (FOUND_BY comma-separated),\n"
    "                        with --passages one more column of\n"
    "                        'AS-AE:BS-BE:KIND:SCORE' items separated by ';'\n"
    CORPUS_OPTIONS_HELP
    "  -h, --help            this text\n"
    "\n"
    "Exit status: 0 success, 1 --strict and something was skipped,\n"
    "2 usage error or no input readable.\n";

#define CMD "concord relate"

typedef struct relate_ctx {
    concord_relate *relate;
    int failed;
} relate_ctx;

static int add_article(void *p, const concord_article *a)
{
    relate_ctx *ctx = p;
    concord_doc_meta m = {a->date, a->date_len, a->title, a->title_len, a->source, a->source_len};
    concord_status st = concord_relate_add(ctx->relate, a->id, a->id_len, a->text, a->text_len, &m);
    if (st) {
        fprintf(stderr, CMD ": %s: %s\n", a->file, concord_strerror(st));
        ctx->failed = 1;
        return 1;
    }
    return 0;
}

/* --relations: a comma-separated list into a mask; 0 on a bad name. */
static int parse_relations(const char *arg, unsigned *mask)
{
    *mask = 0;
    const char *p = arg;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        int found = 0;
        if (n == 3 && !strncmp(p, "all", 3)) *mask |= (1u << (CONCORD_REUSE_UNRELATED + 1)) - 1, found = 1;
        if (n == 5 && !strncmp(p, "reuse", 5))
            *mask |= CONCORD_RELATE_MASK(CONCORD_REUSE_VERBATIM) | CONCORD_RELATE_MASK(CONCORD_REUSE_PARTIAL) |
                     CONCORD_RELATE_MASK(CONCORD_REUSE_SPUN) | CONCORD_RELATE_MASK(CONCORD_REUSE_PARAPHRASE),
                found = 1;
        for (int r = 0; r <= CONCORD_REUSE_UNRELATED && !found; r++) {
            const char *name = concord_reuse_name((concord_reuse)r);
            if (strlen(name) == n && !strncmp(p, name, n)) *mask |= CONCORD_RELATE_MASK(r), found = 1;
        }
        if (!found) {
            fprintf(stderr, CMD ": invalid value for --relations: '%s' (unknown relation '%.*s')\n", arg,
                    (int)n, p);
            return 0;
        }
        p += n + (e != NULL);
    }
    if (*mask) return 1;
    fprintf(stderr, CMD ": invalid value for --relations: '%s' (empty)\n", arg);
    return 0;
}

typedef struct output {
    int tsv, features, passages;
    concord_aligner *aligner; /* with --passages */
} output;

static void write_id(const concord_relate *r, size_t i, int tsv)
{
    size_t len;
    const char *id = concord_relate_id(r, i, &len);
    if (tsv) tsv_write_field(stdout, id, len);
    else json_write_string(stdout, id, len);
}

static void write_found_by(unsigned sources, int tsv)
{
    static const char *const names[] = {"copy", "spin", "anchor"};
    int first = 1;
    if (!tsv) putchar('[');
    for (int i = 0; i < 3; i++) {
        if (!(sources & (1u << i))) continue;
        if (!first) putchar(',');
        printf(tsv ? "%s" : "\"%s\"", names[i]);
        first = 0;
    }
    if (!tsv) putchar(']');
}

/* The passages of pair p, aligned now. 0 on a library error. */
static int write_passages(const concord_relate *r, const concord_related *p, output *o)
{
    size_t al, bl;
    const char *a = concord_relate_text(r, p->a, &al), *b = concord_relate_text(r, p->b, &bl);
    concord_status st = concord_align(o->aligner, a, al, b, bl);
    if (st) {
        fprintf(stderr, CMD ": aligning a pair: %s\n", concord_strerror(st));
        return 0;
    }
    if (o->tsv) putchar('\t');
    else fputs(",\"passages\":[", stdout);
    for (size_t i = 0; i < concord_align_count(o->aligner); i++) {
        const concord_passage *q = concord_align_passage(o->aligner, i);
        const char *kind = concord_passage_kind_name(q->kind);
        if (o->tsv)
            printf("%s%zu-%zu:%zu-%zu:%s:%.4f", i ? ";" : "", q->a_start, q->a_end, q->b_start, q->b_end,
                   kind, q->score);
        else
            printf("%s{\"a\":[%zu,%zu],\"b\":[%zu,%zu],\"kind\":\"%s\",\"score\":%.4f}", i ? "," : "",
                   q->a_start, q->a_end, q->b_start, q->b_end, kind, q->score);
    }
    if (!o->tsv) putchar(']');
    return 1;
}

static int write_pair(const concord_relate *r, const concord_related *p, output *o)
{
    const concord_comparison *c = &p->comparison;
    const char *rel = concord_reuse_name(c->relation), *dir = concord_direction_name(c->direction);
    if (o->tsv) {
        write_id(r, p->a, 1);
        putchar('\t');
        write_id(r, p->b, 1);
        printf("\t%s\t%.4f\t%s\t%.2f\t", rel, c->score, dir, c->confidence);
        write_found_by(p->sources, 1);
        if (o->passages && !write_passages(r, p, o)) return 0;
        putchar('\n');
        return 1;
    }
    fputs("{\"type\":\"relate\",\"a\":", stdout);
    write_id(r, p->a, 0);
    fputs(",\"b\":", stdout);
    write_id(r, p->b, 0);
    printf(",\"relation\":\"%s\",\"score\":%.4f,\"direction\":\"%s\",\"confidence\":%.2f,\"found_by\":", rel,
           c->score, dir, c->confidence);
    write_found_by(p->sources, 0);
    if (o->features) {
        fputs(",\"features\":{", stdout);
        for (size_t i = 0; i < c->feature_count; i++)
            printf("%s\"%s\":%.4g", i ? "," : "", concord_feature_name(i), c->features[i]);
        putchar('}');
    }
    if (o->passages && !write_passages(r, p, o)) return 0;
    fputs("}\n", stdout);
    return 1;
}

static void write_summary(const concord_relate *r, const input_stats *in, double secs, double run_secs)
{
    concord_relate_stats s;
    concord_relate_stats_get(r, &s);
    size_t kept[CONCORD_REUSE_UNRELATED + 1] = {0};
    for (size_t i = 0; i < concord_relate_count(r); i++) kept[concord_relate_pair(r, i)->comparison.relation]++;
    double all = (double)s.documents * ((double)s.documents - 1) / 2;
    fprintf(stderr, CMD ": %zu articles read, %zu skipped%s; %zu pairs written (", in->articles,
            in->skipped + in->inputs_failed, in->inputs_failed ? " (incl. inputs)" : "", s.pairs);
    for (int k = 0; k <= CONCORD_REUSE_UNRELATED; k++)
        if (k < CONCORD_REUSE_UNRELATED || kept[k])
            fprintf(stderr, "%s%zu %s", k ? ", " : "", kept[k], concord_reuse_name((concord_reuse)k));
    fputs(")\n", stderr);
    fprintf(stderr,
            CMD ": %zu candidates verified of %.0f pairs (%.4f%%): copy index %zu (LSH %ux%u), spin "
                "index %zu (LSH %ux%u), anchor index %zu; %zu unrelated\n",
            s.candidates, all, all > 0 ? 100.0 * (double)s.candidates / all : 0.0, s.candidates_copy,
            s.copy_bands, s.copy_rows, s.candidates_spin, s.spin_bands, s.spin_rows, s.candidates_anchor,
            s.by_relation[CONCORD_REUSE_UNRELATED]);
    fprintf(stderr,
            CMD ": %zu anchors, %zu indexed, %zu too common; %.1f MB in %.2f s (%.0f articles/s; "
                "candidates and verification %.2f s)",
            s.anchors, s.anchors_indexed, s.anchors_too_common, (double)in->bytes / 1e6, secs,
            secs > 0 ? (double)in->articles / secs : 0.0, run_secs);
    if (s.empty) fprintf(stderr, "; %zu articles without words", s.empty);
    fputc('\n', stderr);
}

int cmd_relate(int argc, char **argv)
{
    enum {
        OPT_RELATIONS = 256, OPT_MIN_SCORE, OPT_FEATURES, OPT_PASSAGES, OPT_NO_SYNONYMS, OPT_WORDNET,
        OPT_MIN_ANCHORS, OPT_ANCHOR_WEIGHT, OPT_MAX_ANCHOR_DF, OPT_COPY_THRESHOLD, OPT_SPIN_THRESHOLD,
        OPT_HASH_SEED
    };
    static const struct option longopts[] = {
        {"relations", required_argument, NULL, OPT_RELATIONS},
        {"min-score", required_argument, NULL, OPT_MIN_SCORE},
        {"features", no_argument, NULL, OPT_FEATURES},
        {"passages", no_argument, NULL, OPT_PASSAGES},
        {"no-synonyms", no_argument, NULL, OPT_NO_SYNONYMS},
        {"wordnet", required_argument, NULL, OPT_WORDNET},
        {"min-anchors", required_argument, NULL, OPT_MIN_ANCHORS},
        {"anchor-weight", required_argument, NULL, OPT_ANCHOR_WEIGHT},
        {"max-anchor-df", required_argument, NULL, OPT_MAX_ANCHOR_DF},
        {"copy-threshold", required_argument, NULL, OPT_COPY_THRESHOLD},
        {"spin-threshold", required_argument, NULL, OPT_SPIN_THRESHOLD},
        {"perms", required_argument, NULL, 'p'},
        {"seed", required_argument, NULL, OPT_HASH_SEED},
        CORPUS_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    concord_relate_options opt;
    concord_relate_options_init(&opt);
    corpus_options co;
    corpus_options_init(&co);
    output out = {0};
    int synonyms = 1, c;
    const char *wordnet = NULL;
    unsigned long u;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_RELATIONS:
            if (!parse_relations(optarg, &opt.relations)) return EXIT_USAGE;
            break;
        case OPT_MIN_SCORE:
            if (!parse_double("relate", "--min-score", optarg, 0.0, 1.0, &opt.min_score)) return EXIT_USAGE;
            break;
        case OPT_FEATURES: out.features = 1; break;
        case OPT_PASSAGES: out.passages = 1; break;
        case OPT_NO_SYNONYMS: synonyms = 0; break;
        case OPT_WORDNET: wordnet = optarg; break;
        case OPT_MIN_ANCHORS:
            if (!parse_unsigned("relate", "--min-anchors", optarg, 1, 1000, &u)) return EXIT_USAGE;
            opt.min_anchors = (unsigned)u;
            break;
        case OPT_ANCHOR_WEIGHT:
            if (!parse_double("relate", "--anchor-weight", optarg, 0.0, 1000.0, &opt.min_anchor_weight))
                return EXIT_USAGE;
            break;
        case OPT_MAX_ANCHOR_DF:
            if (!parse_unsigned("relate", "--max-anchor-df", optarg, 2, 1000000, &u)) return EXIT_USAGE;
            opt.max_anchor_df = u;
            break;
        case OPT_COPY_THRESHOLD:
            if (!parse_double("relate", "--copy-threshold", optarg, 0.01, 0.99, &opt.copy_threshold))
                return EXIT_USAGE;
            break;
        case OPT_SPIN_THRESHOLD:
            if (!parse_double("relate", "--spin-threshold", optarg, 0.01, 0.99, &opt.spin_threshold))
                return EXIT_USAGE;
            break;
        case 'p':
            if (!parse_unsigned("relate", "--perms", optarg, 1, 4096, &u)) return EXIT_USAGE;
            opt.perms = (unsigned)u;
            break;
        case OPT_HASH_SEED:
            if (!parse_unsigned("relate", "--seed", optarg, 0, (unsigned long)-1, &u)) return EXIT_USAGE;
            opt.seed = u;
            break;
        case 'h': fputs(relate_usage, stdout); return EXIT_OK;
        default:
            if (corpus_option("relate", c, optarg, &co) < 0) return EXIT_USAGE;
        }
    }
    if (!have_corpus("relate", argc - optind, &co)) return EXIT_USAGE;
    out.tsv = co.tsv;

    double t0 = now_seconds();
    int rc = EXIT_USAGE;
    concord_lexicon *lex = NULL;
    relate_ctx ctx = {0};
    concord_status st;
    if (synonyms) {
        char msg[512];
        if (concord_lexicon_create(&lex, wordnet, msg, sizeof msg)) {
            fprintf(stderr, CMD ": %s\n", msg);
            if (wordnet) goto done;
            fputs(CMD ": warning: no synonyms\n", stderr);
        }
    }
    if ((st = concord_relate_create(&ctx.relate, lex, &opt)) ||
        (out.passages && (st = concord_aligner_create(&out.aligner, lex, NULL)))) {
        fprintf(stderr, CMD ": %s\n", concord_strerror(st));
        goto done;
    }
    static char outbuf[1 << 20];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

    input_stats in;
    read_corpus("relate", argv + optind, argc - optind, &co, add_article, &ctx, &in);
    if (ctx.failed) goto done;
    if (in.inputs_failed == corpus_input_count(argc - optind, &co)) {
        fputs(CMD ": no input could be read\n", stderr);
        goto done;
    }
    double t1 = now_seconds();
    if ((st = concord_relate_run(ctx.relate))) {
        fprintf(stderr, CMD ": %s\n", concord_strerror(st));
        goto done;
    }
    double run_secs = now_seconds() - t1;
    rc = EXIT_OK;
    for (size_t i = 0; i < concord_relate_count(ctx.relate) && rc == EXIT_OK; i++)
        if (!write_pair(ctx.relate, concord_relate_pair(ctx.relate, i), &out)) rc = EXIT_USAGE;
    if (fflush(stdout)) {
        perror(CMD ": writing output");
        rc = EXIT_USAGE;
    }
    if (!co.quiet) write_summary(ctx.relate, &in, now_seconds() - t0, run_secs);
    if (rc == EXIT_OK && co.strict && (in.skipped || in.inputs_failed)) rc = EXIT_SKIPPED;
done:
    concord_aligner_free(out.aligner);
    concord_relate_free(ctx.relate);
    concord_lexicon_free(lex);
    return rc;
}
