/* cmd_query.c - `concord query`: what a store knows of new articles, read-only. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char query_usage[] =
    "Usage: concord query --db FILE [OPTIONS] INPUT...\n"
    "\n"
    "For each article of INPUT, its near duplicates in a concord store and\n"
    "what ingesting it would do, without writing: the store is opened\n"
    "read-only. One JSON object a line on stdout:\n"
    "  {\"id\":ID,\"outcome\":\"new|unchanged|new_version\",\"stored_version\":N|null,\n"
    "   \"story\":S|null,\"story_size\":N,\"related\":[ID,...],\n"
    "   \"duplicates\":[{\"id\":ID,\"version\":N,\n"
    "   \"relation\":\"exact|near|contained\",\"jaccard\":F,\"estimate\":F,\n"
    "   \"a_in_b\":F,\"b_in_a\":F},...]}\n"
    "outcome compares the id and words with the stored article of that id;\n"
    "jaccard, a_in_b and b_in_a are exact (verified on the shingle sets),\n"
    "estimate is the MinHash estimate from the stored signature; a is the\n"
    "queried article. story is the story of the store it belongs to\n"
    "(unchanged) or would join (as concord stories --db lists them; null: it\n"
    "would start a new one), by its words, title, names and date; story_size\n"
    "counts that story's articles and related lists its latest ones (the\n"
    "article itself left out), newest first.\n"
    "\n"
    "Options:\n"
    "      --db FILE         the store (required)\n"
    "      --related N       related articles listed (default 5; 0: none)\n"
    INPUT_OPTIONS_HELP
    "      --strict          exit 1 if any record or file was skipped\n"
    "      --no-progress     no progress bar (drawn only when stderr is a tty)\n"
    "  -q, --quiet           no closing summary on stderr\n"
    "  -h, --help            this text\n"
    "\n"
    "The summary gives the query latency (median and 99th percentile).\n"
    "Exit status: 0 success, 1 --strict and something was skipped,\n"
    "2 usage error, no input readable, or the store cannot be read.\n";

typedef struct query_ctx {
    concord_store *store;
    const concord_stories *stories; /* the store's, loaded before the first query */
    unsigned long related;          /* --related */
    double *latency;             /* seconds per query */
    size_t n, cap;
    size_t with_duplicates;
    int failed;
} query_ctx;

/* "story_size" and "related" (the story's latest current articles but
   the queried one); 0, or 1 when the store fails. */
static int write_related(query_ctx *ctx, const concord_store_result *r)
{
    size_t at;
    concord_story st = {0};
    if (r->story > 0 && (concord_stories_find(ctx->stories, (uint64_t)r->story, &at) ||
                         concord_stories_get(ctx->stories, at, &st)))
        st.member_count = 0;
    printf(",\"story_size\":%zu,\"related\":[", st.member_count);
    size_t listed = 0;
    for (size_t m = st.member_count; m-- > 0 && listed < ctx->related;) {
        int64_t doc = concord_store_stories_doc(ctx->store, st.members[m]);
        int current = 0;
        if (doc == r->doc) continue;
        if (concord_store_get(ctx->store, doc, NULL, &current)) return 1;
        if (!current) continue;
        size_t len;
        const char *id = concord_stories_article_id(ctx->stories, st.members[m], &len);
        if (listed++) putchar(',');
        json_write_string(stdout, id, len);
    }
    putchar(']');
    return 0;
}

static int write_result(query_ctx *ctx, const concord_article *a, const concord_store_result *r)
{
    fputs("{\"id\":", stdout);
    json_write_string(stdout, a->id, a->id_len);
    printf(",\"outcome\":\"%s\",\"stored_version\":", concord_store_outcome_name(r->outcome));
    if (r->doc >= 0) printf("%u", r->version);
    else fputs("null", stdout);
    if (r->story >= 0) printf(",\"story\":%lld", (long long)r->story);
    else fputs(",\"story\":null", stdout);
    if (write_related(ctx, r)) return 1;
    fputs(",\"duplicates\":[", stdout);
    for (size_t i = 0; i < r->match_count; i++) {
        const concord_store_match *m = &r->matches[i];
        fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
        json_write_string(stdout, m->id, m->id_len);
        printf(",\"version\":%u,\"relation\":\"%s\",\"jaccard\":%.4f,\"estimate\":%.4f,"
               "\"a_in_b\":%.4f,\"b_in_a\":%.4f}",
               m->version, concord_relation_name(m->relation), m->jaccard, m->estimate, m->a_in_b,
               m->b_in_a);
    }
    fputs("]}\n", stdout);
    return 0;
}

static int query_article(void *p, const concord_article *a)
{
    query_ctx *ctx = p;
    concord_store_result r;
    double t0 = now_seconds();
    concord_status st = concord_store_query(ctx->store, a, &r);
    double dt = now_seconds() - t0;
    if (st) {
        const char *why = concord_store_error(ctx->store);
        fprintf(stderr, "concord query: %s\n", *why ? why : concord_strerror(st));
        ctx->failed = 1;
        return 1;
    }
    if (ctx->n == ctx->cap) {
        size_t cap = ctx->cap ? ctx->cap * 2 : 1024;
        double *l = realloc(ctx->latency, cap * sizeof *l);
        if (!l) {
            fputs("concord query: out of memory\n", stderr);
            ctx->failed = 1;
            return 1;
        }
        ctx->latency = l;
        ctx->cap = cap;
    }
    ctx->latency[ctx->n++] = dt;
    ctx->with_duplicates += r.match_count > 0;
    if (write_result(ctx, a, &r)) {
        fprintf(stderr, "concord query: %s\n", concord_store_error(ctx->store));
        ctx->failed = 1;
        return 1;
    }
    return 0;
}

static int by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* The q-quantile (nearest rank) of sorted v[0..n), n > 0. */
static double quantile(const double *v, size_t n, double q)
{
    size_t rank = (size_t)(q * (double)n + 0.999999);
    return v[rank ? (rank > n ? n : rank) - 1 : 0];
}

int cmd_query(int argc, char **argv)
{
    enum { OPT_RELATED = 0x3000 };
    static const struct option longopts[] = {
        CORPUS_LONG_OPTIONS,
        {"related", required_argument, NULL, OPT_RELATED},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    corpus_options co;
    corpus_options_init(&co);
    query_ctx ctx = {.related = 5};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(query_usage, stdout);
            return EXIT_OK;
        }
        if (c == OPT_RELATED) {
            if (!parse_unsigned("query", "--related", optarg, 0, 1000000, &ctx.related)) return EXIT_USAGE;
            continue;
        }
        if (corpus_option("query", c, optarg, &co) < 0) return EXIT_USAGE;
    }
    if (!have_store_and_inputs("query", argc - optind, &co)) return EXIT_USAGE;

    concord_store_options so;
    concord_store_options_init(&so);
    so.flags = CONCORD_STORE_READONLY;
    char msg[512];
    if (concord_store_open(&ctx.store, co.db, &so, msg, sizeof msg)) {
        fprintf(stderr, "concord query: %s\n", msg);
        return EXIT_USAGE;
    }
    /* Loading the stories is a cost of opening, not of the first query. */
    double load0 = now_seconds();
    if (concord_store_stories(ctx.store, &ctx.stories)) {
        fprintf(stderr, "concord query: %s\n", concord_store_error(ctx.store));
        concord_store_free(ctx.store);
        return EXIT_USAGE;
    }
    double load_s = now_seconds() - load0;
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    input_stats in;
    read_inputs("query", argv + optind, argc - optind, &co.reader, co.progress, query_article, &ctx, &in);
    int rc = EXIT_OK;
    if (fflush(stdout)) {
        perror("concord query: writing output");
        rc = EXIT_USAGE;
    }
    if (!co.quiet) {
        fprintf(stderr, "concord query: %zu articles read, %zu skipped; %zu with near duplicates in the store",
                in.articles, in.skipped + in.inputs_failed, ctx.with_duplicates);
        if (ctx.n) {
            qsort(ctx.latency, ctx.n, sizeof *ctx.latency, by_value);
            fprintf(stderr, "; latency p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                    quantile(ctx.latency, ctx.n, 0.5) * 1e3, quantile(ctx.latency, ctx.n, 0.99) * 1e3,
                    ctx.latency[ctx.n - 1] * 1e3);
        }
        fprintf(stderr, "; stories loaded in %.3f s\n", load_s);
    }
    free(ctx.latency);
    concord_store_free(ctx.store);
    if (ctx.failed) return EXIT_USAGE;
    if (in.inputs_failed == (size_t)(argc - optind)) {
        fputs("concord query: no input could be read\n", stderr);
        return EXIT_USAGE;
    }
    if (co.strict && (in.skipped || in.inputs_failed)) rc = EXIT_SKIPPED;
    return rc;
}
