/* cmd_compare.c - `concord compare`: the relation of two articles, or of
   every pair of a JSON Lines file. */
#include <getopt.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char compare_usage[] =
    "Usage: concord compare [OPTIONS] A B\n"
    "       concord compare [OPTIONS] --pairs FILE\n"
    "\n"
    "Say how two articles are related: one copied from the other (verbatim,\n"
    "as an excerpt, spun with synonyms, paraphrased), independent reports of\n"
    "the same story, or unrelated; with a graded similarity score and, when\n"
    "it can be told, which one derives from which.\n"
    "A and B are each a text file, a JSON Lines file or - (standard input, for\n"
    "one of them); only the FIRST article of each is used, with its date and\n"
    "title when the input gives them (the output's id is then 1). With\n"
    "--pairs, FILE (or - for standard input) holds one pair a line:\n"
    "  {\"id\":ID,\"a\":{\"text\":T,\"date\":D,\"title\":H},\"b\":{...}}\n"
    "where a and b may also be plain strings (the text); ids default to\n"
    "FILE:LINE. A malformed line is reported on stderr (FILE:LINE: why) and\n"
    "skipped. Writes one JSON object a line to stdout:\n"
    "  {\"type\":\"compare\",\"id\":ID,\"relation\":R,\"score\":F,\n"
    "   \"direction\":\"a->b|b->a|unknown\",\"confidence\":F,\"features\":{...}}\n"
    "R is one of\n"
    "  verbatim    the same text, give or take headline, boilerplate, small\n"
    "              edits or trimming\n"
    "  partial     one contains a substantial excerpt of the other\n"
    "  spun        the same text with many words replaced by synonyms\n"
    "  paraphrase  rewritten from the same text: same facts, largely the same\n"
    "              order, reworded or condensed\n"
    "  same_story  independent reports of the same event (shared names,\n"
    "              numbers, quotes)\n"
    "  unrelated\n"
    "score is a similarity in [0, 1]; direction a->b means b derives from a\n"
    "(from the dates; else credit lines such as \"Reporting by\"; else from\n"
    "which one contains the other), confidence in [0, 1]. See docs/compare.md.\n"
    "\n"
    "Options:\n"
    "      --pairs FILE      compare the pairs of a JSON Lines file\n"
    "      --no-synonyms     no WordNet lexicon (spins look like paraphrases)\n"
    "      --wordnet DIR     WordNet dict directory (default $CONCORD_WORDNET_DIR,\n"
    "                        else the system's; without it: a warning, and no\n"
    "                        synonyms)\n"
    "  -f, --format FMT      jsonl (default) or tsv: 'ID RELATION SCORE DIRECTION\n"
    "                        CONFIDENCE' rows\n"
    "      --strict          exit 1 if any pair was skipped\n"
    "  -q, --quiet           no closing summary on stderr\n"
    INPUT_OPTIONS_HELP
    "  -h, --help            this text\n"
    "\n"
    "Exit status: 0 success, 1 pairs skipped under --strict, 2 usage error or\n"
    "unreadable input.\n";

#define CMD "concord compare"


typedef struct run_state {
    concord_comparer *comparer;
    int tsv;
    size_t pairs, skipped;
    size_t per[CONCORD_REUSE_UNRELATED + 1];
} run_state;

static void meta_of(const cli_doc *d, concord_doc_meta *m)
{
    memset(m, 0, sizeof *m);
    m->date = d->date, m->date_len = d->date_len;
    m->title = d->title, m->title_len = d->title_len;
}

/* Compare one pair and write its line; 0 on a library error. */
static int emit(run_state *rs, const char *id, size_t id_len, const cli_doc *a, const cli_doc *b)
{
    concord_doc_meta am, bm;
    meta_of(a, &am);
    meta_of(b, &bm);
    concord_comparison c;
    concord_status st = concord_compare(rs->comparer, a->text, a->len, &am, b->text, b->len, &bm, &c);
    if (st) {
        fprintf(stderr, CMD ": %.*s: %s\n", (int)id_len, id, concord_strerror(st));
        return 0;
    }
    rs->pairs++;
    rs->per[c.relation]++;
    if (rs->tsv) {
        tsv_write_field(stdout, id, id_len);
        printf("\t%s\t%.4f\t%s\t%.2f\n", concord_reuse_name(c.relation), c.score,
               concord_direction_name(c.direction), c.confidence);
        return 1;
    }
    fputs("{\"type\":\"compare\",\"id\":", stdout);
    json_write_string(stdout, id, id_len);
    printf(",\"relation\":\"%s\",\"score\":%.4f,\"direction\":\"%s\",\"confidence\":%.2f,\"features\":{",
           concord_reuse_name(c.relation), c.score, concord_direction_name(c.direction), c.confidence);
    for (size_t i = 0; i < c.feature_count; i++)
        printf("%s\"%s\":%.4g", i ? "," : "", concord_feature_name(i), c.features[i]);
    fputs("}}\n", stdout);
    return 1;
}

/* --pairs: one pair a line. Returns 0 when the file cannot be read. */
static int run_pairs(run_state *rs, const char *path, size_t max_record_bytes)
{
    concord_pair_reader *r;
    char msg[512];
    if (concord_pair_reader_open(&r, path, max_record_bytes, msg, sizeof msg)) {
        fprintf(stderr, CMD ": %s\n", msg);
        return 0;
    }
    concord_article_pair p;
    concord_status st;
    while ((st = concord_pair_reader_next(r, &p)) != CONCORD_END) {
        if (st) {
            fprintf(stderr, CMD ": %s; skipped\n", concord_pair_reader_error(r));
            rs->skipped++;
            continue;
        }
        cli_doc a = {p.a.text, p.a.text_len, p.a.date, p.a.date_len, p.a.title, p.a.title_len};
        cli_doc b = {p.b.text, p.b.text_len, p.b.date, p.b.date_len, p.b.title, p.b.title_len};
        if (!emit(rs, p.id, p.id_len, &a, &b)) rs->skipped++;
    }
    concord_pair_reader_close(r);
    return 1;
}

int cmd_compare(int argc, char **argv)
{
    enum { OPT_PAIRS = 256, OPT_NO_SYNONYMS, OPT_WORDNET };
    static const struct option longopts[] = {
        {"pairs", required_argument, NULL, OPT_PAIRS},
        {"no-synonyms", no_argument, NULL, OPT_NO_SYNONYMS},
        {"wordnet", required_argument, NULL, OPT_WORDNET},
        {"format", required_argument, NULL, 'f'},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"quiet", no_argument, NULL, 'q'},
        INPUT_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    concord_reader_options ropt;
    concord_reader_options_init(&ropt);
    int tsv = 0, synonyms = 1, strict = 0, quiet = 0, c;
    const char *wordnet = NULL, *pairs = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_PAIRS: pairs = optarg; break;
        case OPT_NO_SYNONYMS: synonyms = 0; break;
        case OPT_WORDNET: wordnet = optarg; break;
        case OPT_STRICT: strict = 1; break;
        case 'q': quiet = 1; break;
        case 'f':
            if (!parse_choice("compare", "--format", optarg, "jsonl", "tsv", &tsv)) return EXIT_USAGE;
            break;
        case 'h': fputs(compare_usage, stdout); return EXIT_OK;
        default:
            if (input_option("compare", c, optarg, &ropt) < 0) return EXIT_USAGE;
        }
    }
    int nargs = argc - optind;
    if (pairs ? nargs != 0 : nargs != 2) {
        if (pairs) fprintf(stderr, CMD ": --pairs takes no other inputs, got %d\n", nargs);
        else fprintf(stderr, CMD ": expected two inputs A B (or --pairs FILE), got %d\n", nargs);
        fputs("Try 'concord compare --help'.\n", stderr);
        return EXIT_USAGE;
    }
    if (!pairs && !strcmp(argv[optind], "-") && !strcmp(argv[optind + 1], "-")) {
        fputs(CMD ": only one of A and B can be - (standard input)\n", stderr);
        return EXIT_USAGE;
    }

    int rc = EXIT_USAGE;
    cli_doc a = {0}, b = {0};
    concord_lexicon *lex = NULL;
    run_state rs;
    memset(&rs, 0, sizeof rs);
    rs.tsv = tsv;
    concord_status st;
    if (!pairs && (!read_first_article("compare", argv[optind], &ropt, &a) ||
                   !read_first_article("compare", argv[optind + 1], &ropt, &b)))
        goto done;
    if (synonyms) {
        char msg[512];
        if (concord_lexicon_create(&lex, wordnet, msg, sizeof msg)) {
            fprintf(stderr, CMD ": %s\n", msg);
            if (wordnet) goto done;
            fputs(CMD ": warning: no synonyms\n", stderr);
        }
    }
    if ((st = concord_comparer_create(&rs.comparer, lex))) {
        fprintf(stderr, CMD ": %s\n", concord_strerror(st));
        goto done;
    }
    double t0 = now_seconds();
    if (pairs) {
        if (!run_pairs(&rs, pairs, ropt.max_record_bytes)) goto done;
    } else {
        char id[16] = "1";
        if (!emit(&rs, id, 1, &a, &b)) goto done;
    }
    double secs = now_seconds() - t0;
    rc = strict && rs.skipped ? EXIT_SKIPPED : EXIT_OK;
    if (fflush(stdout)) {
        perror(CMD ": writing output");
        rc = EXIT_USAGE;
    }
    if (!quiet && pairs) {
        fprintf(stderr, CMD ": %zu pairs", rs.pairs);
        for (int r = 0; r <= CONCORD_REUSE_UNRELATED; r++)
            fprintf(stderr, ", %zu %s", rs.per[r], concord_reuse_name((concord_reuse)r));
        fprintf(stderr, "; %zu skipped; %.0f pairs/s\n", rs.skipped,
                secs > 0 ? (double)rs.pairs / secs : 0.0);
    }
done:
    concord_comparer_free(rs.comparer);
    concord_lexicon_free(lex);
    cli_doc_free(&a);
    cli_doc_free(&b);
    return rc;
}
