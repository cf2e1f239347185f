/* cmd_stories.c - `concord stories`: one pass in date order assigns every article to a story. */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

#define CMD "concord stories"

static const char stories_usage[] =
    "Usage: concord stories [OPTIONS] INPUT...\n"
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
    "story's nearest dated member (docs/stories.md).\n"
    "\n"
    "Options:\n"
    STORIES_OPTIONS_HELP
    "  -f, --format FMT      jsonl (default) or tsv: 'story ID FIRST_SEEN LAST_SEEN\n"
    "                        SIZE TITLE' and 'article ID STORY' rows\n"
    CORPUS_OPTIONS_HELP
    "  -h, --help            this text\n"
    "\n"
    "Exit status: 0 success, 1 --strict and something was skipped,\n"
    "2 usage error or no input readable.\n";

static void write_str(const char *p, size_t len, int tsv)
{
    if (tsv) tsv_write_field(stdout, p, len);
    else json_write_string(stdout, p, len);
}

static void write_stories(const concord_stories *s, int tsv)
{
    for (size_t i = 0; i < concord_stories_count(s); i++) {
        concord_story st;
        if (concord_stories_get(s, i, &st)) continue;
        if (tsv) {
            printf("story\t%llu\t", (unsigned long long)st.id);
            write_str(st.first_seen, st.first_seen_len, 1);
            putchar('\t');
            write_str(st.last_seen, st.last_seen_len, 1);
            printf("\t%zu\t", st.member_count);
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
        for (size_t m = 0; m < st.member_count; m++) {
            size_t len;
            const char *id = concord_stories_article_id(s, st.members[m], &len);
            if (m) putchar(',');
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
    }
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

int cmd_stories(int argc, char **argv)
{
    static const struct option longopts[] = {
        STORIES_LONG_OPTIONS,
        CORPUS_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    concord_stories_options opt;
    concord_stories_options_init(&opt);
    corpus_options co;
    corpus_options_init(&co);
    int c, r;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:f:qh", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(stories_usage, stdout);
            return EXIT_OK;
        }
        if ((r = stories_option("stories", c, optarg, &opt)) == 0) return EXIT_USAGE;
        if (r < 0 && corpus_option("stories", c, optarg, &co) < 0) return EXIT_USAGE;
    }
    if (!have_corpus("stories", argc - optind, &co)) return EXIT_USAGE;

    double t0 = now_seconds();
    concord_stories *s = NULL;
    concord_status st = concord_stories_create(&s, &opt);
    if (st) {
        fprintf(stderr, CMD ": %s\n", concord_strerror(st));
        return EXIT_USAGE;
    }
    static char outbuf[1 << 20];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    story_corpus corpus;
    input_stats in;
    int rc = EXIT_OK;
    if (!story_corpus_read("stories", argv + optind, argc - optind, &co, &corpus, &in)) {
        rc = EXIT_USAGE;
    } else {
        double p0 = now_seconds(), c0 = cpu_seconds();
        if (story_corpus_cluster(&corpus, s)) {
            rc = EXIT_USAGE;
        } else {
            double pass_s = now_seconds() - p0, pass_cpu = cpu_seconds() - c0;
            write_stories(s, co.tsv);
            write_articles(&corpus, co.tsv);
            if (fflush(stdout)) {
                perror(CMD ": writing output");
                rc = EXIT_USAGE;
            }
            if (!co.quiet) write_summary(s, &in, pass_s, pass_cpu, now_seconds() - t0);
            if (co.strict && (in.skipped || in.inputs_failed)) rc = EXIT_SKIPPED;
        }
    }
    concord_stories_free(s);
    story_corpus_free(&corpus);
    return rc;
}
