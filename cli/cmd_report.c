/* cmd_report.c - `concord report`: the stories of a corpus as one
   self-contained HTML page (no script, no network). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

#define CMD "concord report"

static const char report_usage[] =
    "Usage: concord report [OPTIONS] -o FILE INPUT...\n"
    "       concord report [OPTIONS] -o FILE --db STORE\n"
    "\n"
    "Write the stories of a corpus as ONE self-contained HTML file: it loads\n"
    "nothing from the network, runs no script (a Content-Security-Policy\n"
    "forbids both) and shows every piece of article text escaped, so an\n"
    "article containing markup shows it as text. The page holds:\n"
    "  - the corpus counts and the list of every story (title, dates, articles,\n"
    "    independent sources, outlets), largest first;\n"
    "  - for the largest stories of at least --min-articles articles: the\n"
    "    summary, the timeline (date, source, article, family, relation), the\n"
    "    sources (families: an origin and the articles that reuse it), the\n"
    "    claims with their support (independent sources) and who states them,\n"
    "    the quotes with speaker, support and variants, numeric conflicts, and\n"
    "    side-by-side views of two articles with their shared passages marked\n"
    "    (each article that reuses another next to its origin; else the\n"
    "    best-aligned pair of the first six articles).\n"
    "Stories come from the one pass of 'concord stories' (same options) or,\n"
    "with --db STORE and no INPUT, are those the store keeps (as 'concord\n"
    "stories --db' lists them: ingest assigned them as articles arrived); each\n"
    "story shown in detail is consolidated as 'concord story' does, and pairs\n"
    "are aligned as 'concord align' does. The output is the same for the same\n"
    "input and options (no time stamp). It is written to a temporary file\n"
    "next to FILE and renamed, so a failed run leaves no partial report.\n"
    "See docs/report.md.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE     the HTML file to write (required)\n"
    "      --min-articles N  stories shown in detail have N articles or more\n"
    "                        (default 2)\n"
    "      --max-stories N   detail for the largest N such stories (default 100);\n"
    "                        the story list always holds every story\n"
    "      --min-support N   claims listed: stated by N independent sources or\n"
    "                        more (default 2)\n"
    "      --max-claims N    claims listed per story (default 30)\n"
    "      --max-quotes N    quote groups listed per story (default 20)\n"
    "      --max-pairs N     side-by-side views per story (default 3)\n"
    "      --max-text SIZE   bytes of each article in a side-by-side view\n"
    "                        (default 20K; K/M suffixes)\n"
    "      --claim-threshold F  weighted cosine for two clauses to state one\n"
    "                        claim (default 0.30; 'concord story -t')\n"
    "      --wordnet DIR     WordNet dict directory (default: $CONCORD_WORDNET_DIR,\n"
    "                        else the system's)\n"
    "      --no-synonyms     no WordNet lexicon (stems only)\n"
    "Story options (as 'concord stories'):\n"
    STORIES_OPTIONS_HELP
    "Input options:\n"
    INPUT_OPTIONS_HELP
    "      --db FILE         report the stories of a concord store (concord ingest)\n"
    "                        instead: no INPUT and no story option\n"
    "      --strict          exit 1 if any record or file was skipped\n"
    "      --no-progress     no progress bar (drawn only when stderr is a tty)\n"
    "  -q, --quiet           no closing summary on stderr\n"
    "  -h, --help            this text\n"
    "\n"
    "Exit status: 0 success, 1 --strict and something was skipped,\n"
    "2 usage error, no input readable, or the report could not be written.\n";

static void write_header(FILE *f, const report_stories *rs, const input_stats *in,
                         const report_options *o, size_t eligible, size_t detailed)
{
    size_t skipped = in->skipped + in->inputs_failed;
    fprintf(f, "<header>\n<h1>concord report</h1>\n<p class=\"meta\">%zu article%s read",
            in->articles, in->articles == 1 ? "" : "s");
    if (skipped) fprintf(f, " (%zu record%s or input%s skipped)", skipped,
                         skipped == 1 ? "" : "s", skipped == 1 ? "" : "s");
    fprintf(f, " &middot; %zu stor%s &middot; %zu with %zu or more articles &middot; "
               "%zu shown in detail &middot; concord %s</p>\n</header>\n",
            rs->n, rs->n == 1 ? "y" : "ies", eligible, o->min_articles, detailed,
            concord_version());
}

static void write_list(FILE *f, const report_stories *rs, const report_options *o)
{
    fputs("<nav id=\"stories\">\n<h2>Stories</h2>\n<p class=\"note\">Largest first; "
          "stories shown in detail are linked. Independent sources count families: copies, "
          "excerpts, spins and paraphrases count with their origin. Outlets count distinct "
          "source names.</p>\n<table class=\"stories\">\n<tr><th class=\"n\">Story"
          "</th><th>Title</th><th>First seen</th><th>Last seen</th><th class=\"n\">Articles"
          "</th><th class=\"n\">Independent sources</th><th class=\"n\">Outlets</th></tr>\n", f);
    for (size_t i = 0; i < rs->n; i++) {
        const report_story *s = &rs->v[i];
        fprintf(f, "<tr><td class=\"n\">%llu</td><td>", (unsigned long long)s->id);
        if (s->detail) fprintf(f, "<a href=\"#s%zu\">", s->detail);
        if (s->title_len) html_text_capped(f, s->title, s->title_len, o->snippet_cap);
        else fputs("(untitled)", f);
        if (s->detail) fputs("</a>", f);
        fputs("</td><td class=\"date\">", f);
        html_text_capped(f, s->first_seen, s->first_seen_len, o->snippet_cap);
        fputs("</td><td class=\"date\">", f);
        html_text_capped(f, s->last_seen, s->last_seen_len, o->snippet_cap);
        fprintf(f, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu"
                   "</td></tr>\n", s->member_count, s->families, s->outlets);
    }
    fputs("</table>\n</nav>\n", f);
}

static void write_footer(FILE *f, const report_options *o)
{
    fprintf(f, "<footer>\n<h2>About this page</h2>\n<p class=\"note\">Written by concord "
               "report. Per story at most %zu claims, %zu quote groups, %zu numeric "
               "conflicts and %zu side-by-side views are shown; texts in side-by-side views "
               "are cut at %zu bytes, other sentences, quotes and titles at %zu bytes "
               "(&hellip; marks a cut). The page has no script and loads nothing.</p>\n"
               "</footer>\n",
            o->max_claims, o->max_quotes, o->max_conflicts, o->max_pairs, o->text_cap,
            o->snippet_cap);
}

/* Consolidate every story shown in detail or of two or more articles (for
   its independent sources) and write the details into *buf (memory), so
   that the list, written first, can give every story's sources. */
static concord_status write_details(report_ctx *c, report_stories *rs, char **buf, size_t *len)
{
    FILE *m = open_memstream(buf, len);
    if (!m) return CONCORD_ERR_NOMEM;
    concord_status st = CONCORD_OK;
    for (size_t i = 0; i < rs->n && !st; i++) {
        report_story *s = &rs->v[i];
        if (s->member_count < 2 && !s->detail) {
            s->families = s->member_count;
            continue;
        }
        st = report_story_consolidate(c, s);
        if (!st && s->detail) st = report_story_write(m, c, s);
    }
    if (fclose(m) && !st) st = CONCORD_ERR_NOMEM;
    return st;
}

typedef struct report_args {
    report_options opt;
    concord_stories_options stories;
    concord_view_options view;
    corpus_options co;
    const char *output, *wordnet;
    int synonyms;
    int story_options; /* story options given */
} report_args;

/* Parse argv into *a. Returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, report_args *a)
{
    enum { O_MIN_ARTICLES = 0x2000, O_MAX_STORIES, O_MIN_SUPPORT, O_MAX_CLAIMS, O_MAX_QUOTES,
           O_MAX_PAIRS, O_MAX_TEXT, O_CLAIM_THRESHOLD, O_WORDNET, O_NO_SYNONYMS };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"min-articles", required_argument, NULL, O_MIN_ARTICLES},
        {"max-stories", required_argument, NULL, O_MAX_STORIES},
        {"min-support", required_argument, NULL, O_MIN_SUPPORT},
        {"max-claims", required_argument, NULL, O_MAX_CLAIMS},
        {"max-quotes", required_argument, NULL, O_MAX_QUOTES},
        {"max-pairs", required_argument, NULL, O_MAX_PAIRS},
        {"max-text", required_argument, NULL, O_MAX_TEXT},
        {"claim-threshold", required_argument, NULL, O_CLAIM_THRESHOLD},
        {"wordnet", required_argument, NULL, O_WORDNET},
        {"no-synonyms", no_argument, NULL, O_NO_SYNONYMS},
        STORIES_LONG_OPTIONS,
        INPUT_LONG_OPTIONS,
        {"db", required_argument, NULL, OPT_DB},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    report_options *o = &a->opt;
    *o = (report_options){.min_articles = 2, .max_stories = 100, .min_support = 2,
                          .max_claims = 30, .max_quotes = 20, .max_conflicts = 20,
                          .max_pairs = 3, .text_cap = 20 * 1024, .snippet_cap = 2000};
    concord_stories_options_init(&a->stories);
    concord_view_options_init(&a->view);
    corpus_options_init(&a->co);
    a->output = a->wordnet = NULL;
    a->synonyms = 1;
    unsigned long u;
    int c, r;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:t:qh", longopts, NULL)) != -1) {
        size_t *field = NULL;
        unsigned long lo = 0, hi = 1000000;
        const char *name = NULL;
        switch (c) {
        case 'o': a->output = optarg; continue;
        case O_MIN_ARTICLES: field = &o->min_articles, name = "--min-articles", lo = 1; break;
        case O_MAX_STORIES: field = &o->max_stories, name = "--max-stories"; break;
        case O_MIN_SUPPORT: field = &o->min_support, name = "--min-support", lo = 1; break;
        case O_MAX_CLAIMS: field = &o->max_claims, name = "--max-claims"; break;
        case O_MAX_QUOTES: field = &o->max_quotes, name = "--max-quotes"; break;
        case O_MAX_PAIRS: field = &o->max_pairs, name = "--max-pairs"; break;
        case O_MAX_TEXT:
            if (!parse_size("report", "--max-text", optarg, &o->text_cap)) return EXIT_USAGE;
            continue;
        case O_CLAIM_THRESHOLD:
            if (!parse_double("report", "--claim-threshold", optarg, 1e-9, 1,
                              &a->view.claim_threshold))
                return EXIT_USAGE;
            continue;
        case O_WORDNET: a->wordnet = optarg; continue;
        case O_NO_SYNONYMS: a->synonyms = 0; continue;
        case 'h': fputs(report_usage, stdout); return EXIT_OK;
        default:
            if ((r = stories_option("report", c, optarg, &a->stories)) == 0) return EXIT_USAGE;
            a->story_options += r > 0;
            if (r < 0 && corpus_option("report", c, optarg, &a->co) < 0) return EXIT_USAGE;
            continue;
        }
        if (!parse_unsigned("report", name, optarg, lo, hi, &u)) return EXIT_USAGE;
        *field = (size_t)u;
    }
    if (!a->output) {
        fputs(CMD ": missing -o FILE (the HTML report to write)\n"
              "Try 'concord report --help'.\n", stderr);
        return EXIT_USAGE;
    }
    if (!have_corpus("report", argc - optind, &a->co)) return EXIT_USAGE;
    if (a->co.db && (argc > optind || a->story_options)) {
        fputs(CMD ": --db reports the stories the store keeps: give no INPUT and no story "
                  "option (add articles with concord ingest)\n", stderr);
        return EXIT_USAGE;
    }
    return -1;
}

int cmd_report(int argc, char **argv)
{
    report_args a = {0};
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0) return rc;
    rc = EXIT_USAGE;
    double t0 = now_seconds();
    concord_lexicon *lex = NULL;
    report_ctx ctx = {.opt = &a.opt};
    report_stories rs = {0};
    story_corpus corpus = {0};
    atomic_file out = {0};
    char *details = NULL;
    size_t details_len = 0;
    input_stats in;
    concord_status st;
    if (view_open("report", a.wordnet, a.synonyms, &a.view, &lex, &ctx.view)) goto done;
    concord_align_options ao;
    concord_align_options_init(&ao);
    if ((st = concord_aligner_create(&ctx.aligner, lex, &ao))) {
        fprintf(stderr, CMD ": %s\n", concord_strerror(st));
        goto done;
    }
    /* Open the output first: an unwritable path fails before any work. */
    if (!atomic_file_open("report", a.output, &out)) goto done;
    if (!story_corpus_read("report", argv + optind, argc - optind, &a.co, &corpus, &in)) goto done;
    ctx.corpus = &corpus;
    if (a.co.db ? report_store_stories("report", a.co.db, &corpus, &rs)
                : report_get_stories("report", &corpus, &a.stories, &rs))
        goto done;

    size_t eligible = 0, detailed = 0;
    for (size_t i = 0; i < rs.n; i++) {
        if (rs.v[i].member_count < a.opt.min_articles) continue;
        eligible++;
        if (detailed < a.opt.max_stories) rs.v[i].detail = ++detailed;
    }
    if ((st = write_details(&ctx, &rs, &details, &details_len))) {
        fprintf(stderr, CMD ": %s\n", concord_strerror(st));
        goto done;
    }
    html_begin(out.f, "concord report");
    write_header(out.f, &rs, &in, &a.opt, eligible, detailed);
    write_list(out.f, &rs, &a.opt);
    fwrite(details, 1, details_len, out.f);
    write_footer(out.f, &a.opt);
    html_end(out.f);
    if (!atomic_file_commit("report", &out)) goto done;
    if (!a.co.quiet)
        fprintf(stderr,
                CMD ": %zu articles read, %zu skipped; %zu stories, %zu of %zu or more "
                    "articles, %zu in detail; wrote %s in %.2f s\n",
                in.articles, in.skipped + in.inputs_failed, rs.n, eligible, a.opt.min_articles,
                detailed, a.output, now_seconds() - t0);
    rc = a.co.strict && (in.skipped || in.inputs_failed) ? EXIT_SKIPPED : EXIT_OK;
done:
    atomic_file_abort(&out);
    free(details);
    report_stories_free(&rs);
    story_corpus_free(&corpus);
    concord_aligner_free(ctx.aligner);
    concord_view_free(ctx.view);
    concord_lexicon_free(lex);
    return rc;
}
