/* cmd_stories.c - `concord stories`: one pass in date order assigns every
   article to a story; or the stories a store keeps; optionally each
   story's consolidated view. */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

#define CMD "concord stories"

static const char stories_usage[] =
    "Usage: concord stories [OPTIONS] INPUT...\n"
    "       concord stories [OPTIONS] --db FILE\n"
    "\n"
    "Group articles into stories (one real-world event and its follow-ups).\n"
    "All articles are read, put in date order (an undated article keeps its\n"
    "place after the dated article that precedes it in the input; undated\n"
    "articles before any dated one come first), then one pass assigns each\n"
    "article to the best matching active story or starts a new one.\n"
    "Writes one JSON object a line to stdout:\n"
    "  {\"type\":\"story\",\"id\":N,\"title\":T,\"first_seen\":D,\"last_seen\":D,\n"
    "   \"members\":[ID,...],\"sources\":[S,...]}   each story, by id\n"
    "  {\"type\":\"article\",\"id\":ID,\"story\":N}       each article, in input order\n"
    "title is the first member's title; first_seen/last_seen are the dates of\n"
    "the earliest and latest dated members (null when none is dated).\n"
    "\n"
    "Score of an article against a story: TF-IDF cosine with the story's\n"
    "centroids of body words, title words and names, weighted, times\n"
    "exp(-gap^2 / (2 sigma^2)) for the days between the article and the\n"
    "story's nearest dated member (docs/stories.md). With --learned: the\n"
    "probability, by a logistic model fitted on a labelled dev set, that\n"
    "the article belongs to the story (from the same cosines, the gap and\n"
    "the story's size).\n"
    "\n"
    "Options:\n"
    STORIES_OPTIONS_HELP
    "  -f, --format FMT      jsonl (default) or tsv: 'story ID FIRST_SEEN LAST_SEEN\n"
    "                        SIZE TITLE' and 'article ID STORY' rows\n"
    "      --consolidate     after each story of 2 or more articles, its\n"
    "                        consolidated view: the lines of `concord story`\n"
    "                        (source, claim, quote, conflict, summary,\n"
    "                        story_view), each with \"story\":ID (jsonl only)\n"
    "      --min-support N   --consolidate: claims and quotes of N or more\n"
    "                        independent sources (default 2)\n"
    "      --summary-sentences N  --consolidate: claims in each summary (default 5)\n"
    "      --no-synonyms     --consolidate: no WordNet lexicon (stems only)\n"
    INPUT_OPTIONS_HELP
    "      --db FILE         list the stories of a concord store instead: those\n"
    "                        concord ingest assigned as articles arrived (no\n"
    "                        INPUT, no clustering option; superseded versions are\n"
    "                        left out of members and article lines)\n"
    "      --strict          exit 1 if any record or file was skipped\n"
    "      --no-progress     no progress bar (drawn only when stderr is a tty)\n"
    "  -q, --quiet           no closing summary on stderr\n"
    "  -h, --help            this text\n"
    "\n"
    "Exit status: 0 success, 1 --strict and something was skipped,\n"
    "2 usage error or no input readable.\n";

static void write_str(const char *p, size_t len, int tsv)
{
    if (tsv) tsv_write_field(stdout, p, len);
    else json_write_string(stdout, p, len);
}

/* Where the engine's articles are: a corpus (article n is
   r->docs[r->added[n]]) or a store (current[n]: article n is its id's
   latest version). */
typedef struct origin {
    const story_corpus *r;
    concord_store *store;
    unsigned char *current;
} origin;

/* --consolidate: the view built for each story (NULL without it). */
typedef struct consolidate {
    concord_view *view;
    size_t min_support;
    concord_status failed;
} consolidate;

static int listed(const origin *o, size_t n) { return !o->current || o->current[n]; }

static int view_add(void *p, const concord_article *a)
{
    consolidate *c = p;
    concord_doc_meta m = {a->date, a->date_len, a->title, a->title_len, a->source, a->source_len};
    concord_status st = concord_view_add(c->view, a->id, a->id_len, a->text, a->text_len, &m);
    if (st) c->failed = st;
    return st != CONCORD_OK;
}

/* The consolidated view of one story; 0 on success (else a message). */
static int consolidate_story(consolidate *c, const origin *o, const concord_story *st)
{
    concord_view_reset(c->view);
    if (o->store) {
        if (store_stories_each_article("stories", o->store, st, view_add, c) < 0 && !c->failed)
            return 1;
    } else {
        for (size_t m = 0; m < st->member_count && !c->failed; m++) {
            const story_doc *d = &o->r->docs[o->r->added[st->members[m]]];
            const char *pool = o->r->pool;
            concord_article a = {.id = pool + d->id, .id_len = d->id_len, .text = pool + d->text,
                                 .text_len = d->text_len, .title = pool + d->title,
                                 .title_len = d->title_len, .date = pool + d->date,
                                 .date_len = d->date_len, .source = pool + d->source,
                                 .source_len = d->source_len};
            view_add(c, &a);
        }
    }
    if (!c->failed) c->failed = concord_view_run(c->view);
    if (c->failed) {
        fprintf(stderr, CMD ": story %llu: %s\n", (unsigned long long)st->id, concord_strerror(c->failed));
        return 1;
    }
    view_counts counts;
    view_write(c->view, c->min_support, (long long)st->id, &counts);
    return 0;
}

static int write_stories(const concord_stories *s, int tsv, const origin *o, consolidate *c)
{
    for (size_t i = 0; i < concord_stories_count(s); i++) {
        concord_story st;
        if (concord_stories_get(s, i, &st)) continue;
        size_t members = 0;
        for (size_t m = 0; m < st.member_count; m++) members += listed(o, st.members[m]);
        if (!members) continue; /* only superseded versions */
        if (tsv) {
            printf("story\t%llu\t", (unsigned long long)st.id);
            write_str(st.first_seen, st.first_seen_len, 1);
            putchar('\t');
            write_str(st.last_seen, st.last_seen_len, 1);
            printf("\t%zu\t", members);
            write_str(st.title ? st.title : "", st.title_len, 1);
            putchar('\n');
            continue;
        }
        printf("{\"type\":\"story\",\"id\":%llu,\"title\":", (unsigned long long)st.id);
        if (st.title) write_str(st.title, st.title_len, 0);
        else fputs("null", stdout);
        fputs(",\"first_seen\":", stdout);
        if (st.first_seen_len) write_str(st.first_seen, st.first_seen_len, 0);
        else fputs("null", stdout);
        fputs(",\"last_seen\":", stdout);
        if (st.last_seen_len) write_str(st.last_seen, st.last_seen_len, 0);
        else fputs("null", stdout);
        fputs(",\"members\":[", stdout);
        for (size_t m = 0, k = 0; m < st.member_count; m++) {
            if (!listed(o, st.members[m])) continue;
            size_t len;
            const char *id = concord_stories_article_id(s, st.members[m], &len);
            if (k++) putchar(',');
            write_str(id, len, 0);
        }
        fputs("],\"sources\":[", stdout);
        for (size_t k = 0; k < st.source_count; k++) {
            size_t len;
            const char *src = concord_stories_source(s, i, k, &len);
            if (k) putchar(',');
            write_str(src, len, 0);
        }
        fputs("]}\n", stdout);
        if (c->view && members >= 2 && consolidate_story(c, o, &st)) return 1;
    }
    return 0;
}

/* The store's articles (current versions), each with its story. */
static void write_store_articles(const concord_stories *s, const origin *o, int tsv)
{
    for (size_t n = 0; n < concord_stories_article_count(s); n++) {
        if (!listed(o, n)) continue;
        size_t len;
        const char *id = concord_stories_article_id(s, n, &len);
        unsigned long long story = (unsigned long long)concord_stories_article_story(s, n);
        if (tsv) {
            fputs("article\t", stdout);
            write_str(id, len, 1);
            printf("\t%llu\n", story);
        } else {
            fputs("{\"type\":\"article\",\"id\":", stdout);
            write_str(id, len, 0);
            printf(",\"story\":%llu}\n", story);
        }
    }
}

/* current[n] for every article of the store's engine; NULL on failure. */
static unsigned char *current_versions(concord_store *st, const concord_stories *s)
{
    size_t n = concord_stories_article_count(s);
    unsigned char *cur = malloc(n ? n : 1);
    for (size_t i = 0; cur && i < n; i++) {
        int current = 0;
        if (concord_store_get(st, concord_store_stories_doc(st, i), NULL, &current)) {
            fprintf(stderr, CMD ": %s\n", concord_store_error(st));
            free(cur);
            return NULL;
        }
        cur[i] = (unsigned char)current;
    }
    if (!cur && n) fprintf(stderr, CMD ": %s\n", concord_strerror(CONCORD_ERR_NOMEM));
    return cur;
}

static void write_articles(const story_corpus *r, int tsv)
{
    for (size_t i = 0; i < r->n; i++) {
        const story_doc *d = &r->docs[i];
        if (tsv) {
            fputs("article\t", stdout);
            write_str(r->pool + d->id, d->id_len, 1);
            printf("\t%llu\n", (unsigned long long)d->story);
        } else {
            fputs("{\"type\":\"article\",\"id\":", stdout);
            write_str(r->pool + d->id, d->id_len, 0);
            printf(",\"story\":%llu}\n", (unsigned long long)d->story);
        }
    }
}

/* CPU seconds used by the process (the pass's own cost on a busy machine). */
static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void write_summary(const concord_stories *s, const input_stats *in, double pass_s,
                          double pass_cpu, double total_s)
{
    concord_stories_stats st;
    concord_stories_stats_get(s, &st);
    size_t largest = 0, singletons = 0;
    for (size_t i = 0; i < concord_stories_count(s); i++) {
        concord_story x;
        if (concord_stories_get(s, i, &x)) continue;
        if (x.member_count > largest) largest = x.member_count;
        singletons += x.member_count == 1;
    }
    fprintf(stderr,
            CMD ": %zu articles read, %zu skipped%s; %zu stories (%zu of one article, largest "
                "%zu; %zu merged into older ones)\n",
            in->articles, in->skipped + in->inputs_failed,
            in->inputs_failed ? " (incl. inputs)" : "", st.stories, singletons, largest, st.merges);
    fprintf(stderr,
            CMD ": pass %.2f s (%.0f articles/s; %.2f s CPU, %.0f articles/s), %.2f s in all; "
                "%.1f candidates and %.1f exact scores per article (%.0f active stories); "
                "%zu terms\n",
            pass_s, pass_s > 0 ? (double)st.articles / pass_s : 0.0, pass_cpu,
            pass_cpu > 0 ? (double)st.articles / pass_cpu : 0.0, total_s,
            st.articles ? (double)st.candidates / (double)st.articles : 0.0,
            st.articles ? (double)st.scored / (double)st.articles : 0.0,
            st.articles ? (double)st.active_sum / (double)st.articles : 0.0, st.terms);
}

/* The one pass over the corpus in date order, then the stories and the
   articles. */
static int clustered_stories(char **paths, int npaths, const corpus_options *co,
                             const concord_stories_options *opt, consolidate *cons, double t0)
{
    concord_stories *s = NULL;
    concord_status st = concord_stories_create(&s, opt);
    if (st) {
        fprintf(stderr, CMD ": %s\n", concord_strerror(st));
        return EXIT_USAGE;
    }
    story_corpus corpus;
    input_stats in;
    int rc = EXIT_OK;
    if (!story_corpus_read("stories", paths, npaths, co, &corpus, &in)) {
        rc = EXIT_USAGE;
    } else {
        double p0 = now_seconds(), c0 = cpu_seconds();
        if (story_corpus_cluster(&corpus, s)) {
            rc = EXIT_USAGE;
        } else {
            double pass_s = now_seconds() - p0, pass_cpu = cpu_seconds() - c0;
            origin o = {.r = &corpus};
            if (write_stories(s, co->tsv, &o, cons)) rc = EXIT_USAGE;
            write_articles(&corpus, co->tsv);
            if (fflush(stdout)) {
                perror(CMD ": writing output");
                rc = EXIT_USAGE;
            }
            if (!co->quiet) write_summary(s, &in, pass_s, pass_cpu, now_seconds() - t0);
            if (rc == EXIT_OK && co->strict && (in.skipped || in.inputs_failed)) rc = EXIT_SKIPPED;
        }
    }
    concord_stories_free(s);
    story_corpus_free(&corpus);
    return rc;
}

/* The stories a store keeps (--db). */
static int stored_stories(const char *path, int tsv, int quiet, consolidate *cons)
{
    const concord_stories *s;
    double t0 = now_seconds();
    concord_store *st = store_stories_open("stories", path, &s);
    if (!st) return EXIT_USAGE;
    origin o = {.store = st, .current = current_versions(st, s)};
    int rc = EXIT_USAGE;
    if (o.current && !write_stories(s, tsv, &o, cons)) {
        write_store_articles(s, &o, tsv);
        rc = EXIT_OK;
    }
    if (fflush(stdout)) {
        perror(CMD ": writing output");
        rc = EXIT_USAGE;
    }
    if (!quiet && rc == EXIT_OK) {
        size_t current = 0;
        for (size_t n = 0; n < concord_stories_article_count(s); n++) current += o.current[n];
        fprintf(stderr, CMD ": %s: %zu articles (%zu versions) in %zu stories, %.2f s\n", path,
                current, concord_stories_article_count(s), concord_stories_count(s),
                now_seconds() - t0);
    }
    free(o.current);
    concord_store_free(st);
    return rc;
}

int cmd_stories(int argc, char **argv)
{
    enum { OPT_CONSOLIDATE = 0x2100, OPT_MIN_SUPPORT, OPT_SUMMARY, OPT_NO_SYNONYMS };
    static const struct option longopts[] = {
        STORIES_LONG_OPTIONS,
        {"consolidate", no_argument, NULL, OPT_CONSOLIDATE},
        {"min-support", required_argument, NULL, OPT_MIN_SUPPORT},
        {"summary-sentences", required_argument, NULL, OPT_SUMMARY},
        {"no-synonyms", no_argument, NULL, OPT_NO_SYNONYMS},
        CORPUS_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    concord_stories_options opt;
    concord_stories_options_init(&opt);
    corpus_options co;
    corpus_options_init(&co);
    concord_view_options vo;
    concord_view_options_init(&vo);
    int c, r, consolidated = 0, synonyms = 1, engine_options = 0;
    unsigned long u, min_support = 2;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(stories_usage, stdout); return EXIT_OK;
        case OPT_CONSOLIDATE: consolidated = 1; continue;
        case OPT_NO_SYNONYMS: synonyms = 0; continue;
        case OPT_MIN_SUPPORT:
            if (!parse_unsigned("stories", "--min-support", optarg, 1, 1000000, &min_support))
                return EXIT_USAGE;
            continue;
        case OPT_SUMMARY:
            if (!parse_unsigned("stories", "--summary-sentences", optarg, 0, 1000, &u)) return EXIT_USAGE;
            vo.summary_sentences = u;
            continue;
        default: break;
        }
        if ((r = stories_option("stories", c, optarg, &opt)) == 0) return EXIT_USAGE;
        engine_options += r > 0;
        if (r < 0 && corpus_option("stories", c, optarg, &co) < 0) return EXIT_USAGE;
    }
    if (!have_corpus("stories", argc - optind, &co)) return EXIT_USAGE;
    if (co.db && (argc > optind || engine_options)) {
        fputs(CMD ": --db lists the stories the store keeps: give no INPUT and no clustering "
                  "option (add articles with concord ingest)\n", stderr);
        return EXIT_USAGE;
    }
    if (consolidated && co.tsv) {
        fputs(CMD ": --consolidate writes JSON lines: it cannot be used with --format tsv\n", stderr);
        return EXIT_USAGE;
    }

    double t0 = now_seconds();
    static char outbuf[1 << 20];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    consolidate cons = {.min_support = min_support};
    concord_lexicon *lex = NULL;
    if (consolidated && view_open("stories", NULL, synonyms, &vo, &lex, &cons.view)) return EXIT_USAGE;
    int rc = co.db ? stored_stories(co.db, co.tsv, co.quiet, &cons)
                   : clustered_stories(argv + optind, argc - optind, &co, &opt, &cons, t0);
    concord_view_free(cons.view);
    concord_lexicon_free(lex);
    return rc;
}

