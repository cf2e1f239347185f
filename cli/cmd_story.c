/* cmd_story.c - `concord story`: the consolidated view of one story. */
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CMD "concord story"

static const char story_usage[] =
    "Usage: concord story [OPTIONS] INPUT...\n"
    "       concord story [OPTIONS] --db FILE ID\n"
    "\n"
    "Consolidate the articles of INPUT... (or of story ID of a concord store,\n"
    "as `concord stories --db FILE` lists them) as ONE story: which articles are\n"
    "independent sources and which reuse another (copies, excerpts, spins and\n"
    "paraphrases collapse onto their origin), the claims the sources share\n"
    "with how many independent sources support each, the quotations and their\n"
    "variants, numbers the sources disagree on, the timeline, and an\n"
    "extractive summary. Writes one JSON object a line to stdout:\n"
    "  {\"type\":\"source\",\"id\":ID,\"date\":D|null,\"source\":S|null,\"family\":F,\n"
    "   \"origin\":ID,\"relation\":R|null}   each article, in timeline order (R: how\n"
    "                                     it reuses its origin; null for origins)\n"
    "  {\"type\":\"claim\",\"support\":N,\"centrality\":C,\"text\":\"...\",\n"
    "   \"sentences\":[{\"id\":ID,\"start\":S,\"end\":E,\"clause\":[S,E]},...]}\n"
    "                                     claims of support >= --min-support\n"
    "  {\"type\":\"quote\",\"support\":N,\"text\":\"...\",\"variants\":[{\"id\":ID,\n"
    "   \"start\":S,\"end\":E,\"text\":\"...\",\"speaker\":\"...\"|null},...]}\n"
    "  {\"type\":\"conflict\",\"unit\":U,\"a\":{\"id\":ID,\"start\":S,\"end\":E,\n"
    "   \"text\":\"...\",\"value\":V},\"b\":{...}}\n"
    "  {\"type\":\"summary\",\"sentences\":[\"...\",...]}\n"
    "  {\"type\":\"story_view\",\"articles\":N,\"sources\":F,\"claims\":C,\n"
    "   \"quotes\":Q,\"conflicts\":K}      last\n"
    "\n"
    "start/end are byte offsets into the article text. Claims are matched\n"
    "clause by clause: \"clause\" is the part of the sentence that states the\n"
    "claim. A claim's text is its most representative sentence; support counts\n"
    "independent sources.\n"
    "See docs/view.md for the rules.\n"
    "\n"
    "Options:\n"
    "  -t, --threshold F     weighted cosine for two clauses to state one claim\n"
    "                        (default 0.30, in (0, 1])\n"
    "      --min-support N   claims and quotes printed: supported by N sources\n"
    "                        or more (default 2; 1 prints every clause)\n"
    "      --summary-sentences N  claims in the summary (default 5)\n"
    "      --wordnet DIR     WordNet dict directory (default: $CONCORD_WORDNET_DIR,\n"
    "                        else the system's)\n"
    "      --no-synonyms     no WordNet lexicon (stems only)\n"
    INPUT_OPTIONS_HELP
    "      --db FILE         take story ID of this store (concord ingest keeps its\n"
    "                        stories); an id merged into an older story gives that\n"
    "                        story; superseded versions are left out\n"
    "      --strict          exit 1 if any record or file was skipped\n"
    "  -q, --quiet           no closing summary on stderr\n"
    "  -h, --help            this text\n"
    "\n"
    "Exit status: 0 success, 1 --strict and something was skipped,\n"
    "2 usage error or no input readable.\n";

typedef struct story_ctx {
    concord_view *view;
    concord_status failed;
} story_ctx;

static int add_article(void *p, const concord_article *a)
{
    story_ctx *c = p;
    concord_doc_meta m = {a->date, a->date_len, a->title, a->title_len, a->source, a->source_len};
    concord_status st = concord_view_add(c->view, a->id, a->id_len, a->text, a->text_len, &m);
    if (st != CONCORD_OK) {
        c->failed = st;
        return 1;
    }
    return 0;
}

/* The current articles of story id of the store at path, into the view;
   0 (message printed) when the store or the id fails. */
static int read_store_story(const char *path, unsigned long id, story_ctx *ctx, input_stats *in)
{
    const concord_stories *s;
    concord_store *st = store_stories_open("story", path, &s);
    if (!st) return 0;
    double t0 = now_seconds();
    size_t at;
    concord_story story;
    int ok = concord_stories_find(s, id, &at) == CONCORD_OK && !concord_stories_get(s, at, &story);
    if (!ok) fprintf(stderr, CMD ": %s: no story %lu (concord stories --db lists them)\n", path, id);
    long n = ok ? store_stories_each_article("story", st, &story, add_article, ctx) : -1;
    if (n >= 0) in->articles = (size_t)n;
    in->seconds = now_seconds() - t0;
    concord_store_free(st);
    return n >= 0 || ctx->failed;
}

int cmd_story(int argc, char **argv)
{
    enum { O_MIN_SUPPORT = 0x2000, O_SUMMARY, O_WORDNET, O_NO_SYNONYMS };
    static const struct option longopts[] = {
        {"threshold", required_argument, NULL, 't'},
        {"min-support", required_argument, NULL, O_MIN_SUPPORT},
        {"summary-sentences", required_argument, NULL, O_SUMMARY},
        {"wordnet", required_argument, NULL, O_WORDNET},
        {"no-synonyms", no_argument, NULL, O_NO_SYNONYMS},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"db", required_argument, NULL, OPT_DB},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        INPUT_LONG_OPTIONS,
        {NULL, 0, NULL, 0}};
    concord_view_options vo;
    concord_view_options_init(&vo);
    concord_reader_options ropt;
    concord_reader_options_init(&ropt);
    unsigned long min_support = 2, summary = vo.summary_sentences;
    const char *wordnet = NULL, *db = NULL;
    int synonyms = 1, strict = 0, quiet = 0, c, r;
    while ((c = getopt_long(argc, argv, "t:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 't':
            if (!parse_double("story", "threshold", optarg, 1e-9, 1, &vo.claim_threshold))
                return EXIT_USAGE;
            break;
        case O_MIN_SUPPORT:
            if (!parse_unsigned("story", "min-support", optarg, 1, 1000000, &min_support))
                return EXIT_USAGE;
            break;
        case O_SUMMARY:
            if (!parse_unsigned("story", "summary-sentences", optarg, 0, 1000, &summary))
                return EXIT_USAGE;
            break;
        case O_WORDNET: wordnet = optarg; break;
        case O_NO_SYNONYMS: synonyms = 0; break;
        case OPT_STRICT: strict = 1; break;
        case OPT_DB: db = optarg; break;
        case 'q': quiet = 1; break;
        case 'h': fputs(story_usage, stdout); return EXIT_OK;
        default:
            if ((r = input_option("story", c, optarg, &ropt)) == 1) break;
            if (r == 0) fputs(CMD ": try 'concord story --help'\n", stderr);
            return EXIT_USAGE;
        }
    }
    unsigned long story_id = 0;
    if (db) {
        if (argc - optind != 1) {
            fputs(CMD ": with --db, give exactly one story ID (try 'concord story --help')\n", stderr);
            return EXIT_USAGE;
        }
        if (!parse_unsigned("story", "ID", argv[optind], 1, ULONG_MAX, &story_id)) return EXIT_USAGE;
    } else if (!have_inputs("story", argc - optind)) {
        return EXIT_USAGE;
    }
    vo.summary_sentences = summary;

    int rc = EXIT_USAGE;
    concord_lexicon *lex = NULL;
    story_ctx ctx = {0};
    concord_status st;
    if (view_open("story", wordnet, synonyms, &vo, &lex, &ctx.view)) goto done;
    input_stats in = {0};
    if (db) {
        if (!read_store_story(db, story_id, &ctx, &in)) goto done;
    } else {
        read_inputs("story", argv + optind, argc - optind, &ropt, 0, add_article, &ctx, &in);
    }
    if (ctx.failed) {
        fprintf(stderr, CMD ": %s\n", concord_strerror(ctx.failed));
        goto done;
    }
    if (in.articles == 0) {
        fputs(CMD ": no article could be read\n", stderr);
        goto done;
    }
    double t0 = now_seconds();
    if ((st = concord_view_run(ctx.view))) {
        fprintf(stderr, CMD ": %s\n", concord_strerror(st));
        goto done;
    }
    view_counts counts;
    view_write(ctx.view, min_support, -1, &counts);
    size_t claims = counts.claims, quotes = counts.quotes;
    if (fflush(stdout) || ferror(stdout)) {
        fputs(CMD ": error writing the output\n", stderr);
        goto done;
    }
    if (!quiet)
        fprintf(stderr,
                CMD ": %zu articles (%zu skipped), %zu independent sources, %zu claims of "
                "support >= %lu, %zu quotes, %zu conflicts, %.2f s\n",
                in.articles, in.skipped, concord_view_family_count(ctx.view), claims, min_support,
                quotes, concord_view_conflict_count(ctx.view),
                in.seconds + now_seconds() - t0);
    rc = strict && (in.skipped || in.inputs_failed) ? EXIT_SKIPPED : EXIT_OK;
done:
    concord_view_free(ctx.view);
    concord_lexicon_free(lex);
    return rc;
}
