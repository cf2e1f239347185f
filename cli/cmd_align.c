/* cmd_align.c - `concord align`: the shared passages of two articles. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char align_usage[] =
    "Usage: concord align [OPTIONS] A B\n"
    "\n"
    "Align two articles: find the passages they share, even when sentences\n"
    "were moved, words inserted, deleted or swapped for synonyms.\n"
    "A and B are each a text file, a JSON Lines file or - (standard input, for\n"
    "one of them); only the FIRST article of each is used (a warning says so\n"
    "when more follow). Writes one JSON object a line to stdout:\n"
    "  {\"type\":\"passage\",\"a\":[START,END],\"b\":[START,END],\n"
    "   \"kind\":\"verbatim|edited|spun\",\"score\":F}    each passage, by START in A\n"
    "  {\"type\":\"coverage\",\"a\":F,\"b\":F,\"passages\":N}  once, at the end\n"
    "\n"
    "START and END delimit [START, END) in the article's text as read (the JSON\n"
    "text field, or a text file after its optional header), from the first\n"
    "word of the passage to the end of its last word. Passages do not overlap\n"
    "in A nor in B.\n"
    "  verbatim  the same words (case and punctuation aside)\n"
    "  edited    mostly the same words, some inserted, deleted or changed\n"
    "  spun      the same structure with many words swapped for synonyms\n"
    "score is the share of the passage's words that match (2*matches/words);\n"
    "coverage is the share of each article's word bytes inside passages.\n"
    "\n"
    "Options:\n"
    "      --offsets UNIT    bytes (default) or chars (Unicode code points)\n"
    "      --min-words N     shortest passage, in matching words (default 8)\n"
    "      --min-score F     lowest passage score, 0..1 (default 0.5)\n"
    "      --no-synonyms     match identical words only (no WordNet lexicon)\n"
    "      --wordnet DIR     WordNet dict directory (default $CONCORD_WORDNET_DIR,\n"
    "                        else the system's; without it: a warning, and\n"
    "                        identical words only)\n"
    "  -f, --format FMT      jsonl (default) or tsv: 'passage A_START A_END\n"
    "                        B_START B_END KIND SCORE' and 'coverage A B N' rows\n"
    INPUT_OPTIONS_HELP
    "  -h, --help            this text\n"
    "\n"
    "Exit status: 0 success (also when nothing is shared), 2 usage error,\n"
    "or A or B holds no readable article.\n";


typedef struct offset_ref {
    size_t off;
    size_t *where;
} offset_ref;

static int by_off(const void *x, const void *y)
{
    const offset_ref *p = x, *q = y;
    return (p->off > q->off) - (p->off < q->off);
}

/* Rewrite byte offsets into text as code point indexes (bytes that are not
   UTF-8 continuation bytes before the offset), in one pass over the text. */
static int to_chars(const char *text, size_t len, offset_ref *refs, size_t n)
{
    qsort(refs, n, sizeof *refs, by_off);
    size_t pos = 0, chars = 0;
    for (size_t k = 0; k < n; k++) {
        size_t off = refs[k].off < len ? refs[k].off : len;
        for (; pos < off; pos++) chars += ((unsigned char)text[pos] & 0xC0) != 0x80;
        *refs[k].where = chars;
    }
    return 1;
}

int cmd_align(int argc, char **argv)
{
    enum { OPT_OFFSETS = 256, OPT_MIN_WORDS, OPT_MIN_SCORE, OPT_NO_SYNONYMS, OPT_WORDNET };
    static const struct option longopts[] = {
        {"offsets", required_argument, NULL, OPT_OFFSETS},
        {"min-words", required_argument, NULL, OPT_MIN_WORDS},
        {"min-score", required_argument, NULL, OPT_MIN_SCORE},
        {"no-synonyms", no_argument, NULL, OPT_NO_SYNONYMS},
        {"wordnet", required_argument, NULL, OPT_WORDNET},
        {"format", required_argument, NULL, 'f'},
        INPUT_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    concord_align_options opt;
    concord_align_options_init(&opt);
    concord_reader_options ropt;
    concord_reader_options_init(&ropt);
    int tsv = 0, chars = 0, synonyms = 1, c;
    const char *wordnet = NULL;
    unsigned long u;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_OFFSETS:
            if (!parse_choice("align", "--offsets", optarg, "bytes", "chars", &chars)) return EXIT_USAGE;
            break;
        case OPT_MIN_WORDS:
            if (!parse_unsigned("align", "--min-words", optarg, 1, 1000000, &u)) return EXIT_USAGE;
            opt.min_words = (unsigned)u;
            break;
        case OPT_MIN_SCORE:
            if (!parse_double("align", "--min-score", optarg, 0.0, 1.0, &opt.min_score)) return EXIT_USAGE;
            break;
        case OPT_NO_SYNONYMS: synonyms = 0; break;
        case OPT_WORDNET: wordnet = optarg; break;
        case 'f':
            if (!parse_choice("align", "--format", optarg, "jsonl", "tsv", &tsv)) return EXIT_USAGE;
            break;
        case 'h': fputs(align_usage, stdout); return EXIT_OK;
        default:
            if (input_option("align", c, optarg, &ropt) < 0) return EXIT_USAGE;
        }
    }
    if (argc - optind != 2) {
        fprintf(stderr, "concord align: expected two inputs A B, got %d\n", argc - optind);
        fputs("Try 'concord align --help'.\n", stderr);
        return EXIT_USAGE;
    }
    const char *pa = argv[optind], *pb = argv[optind + 1];
    if (!strcmp(pa, "-") && !strcmp(pb, "-")) {
        fputs("concord align: only one of A and B can be - (standard input)\n", stderr);
        return EXIT_USAGE;
    }

    int rc = EXIT_USAGE;
    cli_doc da = {0}, db = {0};
    concord_aligner *al = NULL;
    concord_lexicon *lex = NULL;
    concord_status st;
    if (!read_first_article("align", pa, &ropt, &da) ||
        !read_first_article("align", pb, &ropt, &db))
        goto done;
    if (synonyms) {
        char msg[512];
        if (concord_lexicon_create(&lex, wordnet, msg, sizeof msg)) {
            fprintf(stderr, "concord align: %s\n", msg);
            if (wordnet) goto done;
            fputs("concord align: warning: no synonyms; matching identical words only\n", stderr);
        }
    }
    if ((st = concord_aligner_create(&al, lex, &opt)) ||
        (st = concord_align(al, da.text, da.len, db.text, db.len))) {
        fprintf(stderr, "concord align: %s\n", concord_strerror(st));
        goto done;
    }

    size_t n = concord_align_count(al);
    size_t *offs = malloc((4 * n + 1) * sizeof *offs);
    offset_ref *refs = malloc((2 * n + 1) * sizeof *refs);
    if (!offs || !refs) {
        fputs("concord align: out of memory\n", stderr);
        free(offs);
        free(refs);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const concord_passage *p = concord_align_passage(al, i);
        offs[4 * i] = p->a_start, offs[4 * i + 1] = p->a_end;
        offs[4 * i + 2] = p->b_start, offs[4 * i + 3] = p->b_end;
    }
    if (chars) {
        for (int side = 0; side < 2; side++) {
            for (size_t i = 0; i < n; i++)
                for (int e = 0; e < 2; e++) {
                    size_t *w = &offs[4 * i + 2 * (size_t)side + (size_t)e];
                    refs[2 * i + (size_t)e] = (offset_ref){*w, w};
                }
            to_chars(side ? db.text : da.text, side ? db.len : da.len, refs, 2 * n);
        }
    }
    for (size_t i = 0; i < n; i++) {
        const concord_passage *p = concord_align_passage(al, i);
        const size_t *o = &offs[4 * i];
        const char *kind = concord_passage_kind_name(p->kind);
        if (tsv)
            printf("passage\t%zu\t%zu\t%zu\t%zu\t%s\t%.4f\n", o[0], o[1], o[2], o[3], kind, p->score);
        else
            printf("{\"type\":\"passage\",\"a\":[%zu,%zu],\"b\":[%zu,%zu],\"kind\":\"%s\",\"score\":%.4f}\n",
                   o[0], o[1], o[2], o[3], kind, p->score);
    }
    free(offs);
    free(refs);
    double ca, cb;
    concord_align_coverage(al, &ca, &cb);
    if (tsv) printf("coverage\t%.4f\t%.4f\t%zu\n", ca, cb, n);
    else printf("{\"type\":\"coverage\",\"a\":%.4f,\"b\":%.4f,\"passages\":%zu}\n", ca, cb, n);
    rc = EXIT_OK;
    if (fflush(stdout)) {
        perror("concord align: writing output");
        rc = EXIT_USAGE;
    }
done:
    concord_aligner_free(al);
    concord_lexicon_free(lex);
    cli_doc_free(&da);
    cli_doc_free(&db);
    return rc;
}
