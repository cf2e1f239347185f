/* cmd_ingest.c - `concord ingest`: add articles to a concord store, incrementally. */
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char ingest_usage[] =
    "Usage: concord ingest --db FILE [OPTIONS] INPUT...\n"
    "\n"
    "Add articles to a concord store (a SQLite file, created when missing).\n"
    "An id already stored with the same words is left unchanged; with other\n"
    "words it becomes a new version (the old one is kept, superseded).\n"
    "Near duplicates already in the store are found as each article arrives.\n"
    "Writes one JSON object a line to stdout for each stored article that has\n"
    "near duplicates in the store:\n"
    "  {\"id\":ID,\"version\":N,\"outcome\":\"new|new_version\",\"story\":S,\n"
    "   \"duplicates\":[{\"id\":ID,\"version\":N,\"relation\":\"exact|near|contained\",\n"
    "                  \"jaccard\":F,\"a_in_b\":F,\"b_in_a\":F},...]}\n"
    "and a summary on stderr. Articles are committed in batches: a batch is\n"
    "stored whole or not at all, even if the process is killed.\n"
    "\n"
    "Every stored article (each new version too) also joins a story, or starts\n"
    "one, as `concord stories` would assign it, in arrival order (S above; see\n"
    "`concord stories --db FILE` and `concord story ID --db FILE`). The story\n"
    "engine's state is saved in the store with the batches, and in full at the\n"
    "end of the run (docs/store.md, \"Stories\").\n"
    "\n"
    "Options:\n"
    "      --db FILE         the store (required)\n"
    "  -b, --batch N         articles per transaction (default 1000)\n"
    "      --sync MODE       full (default: each commit survives power loss) or\n"
    "                        normal (survives a killed process, not power loss)\n"
    "      --max-size SIZE   never grow the database file past SIZE (e.g. 10G)\n"
    "      --cache SIZE      SQLite page cache (default 64M)\n"
    "      --commit-log FILE after each commit append 'committed N ID' to FILE:\n"
    "                        the first N articles read (up to ID) are durable\n"
    "Near-duplicate and sketch parameters, as for dedup; used when the store is\n"
    "created (a store keeps its own):\n"
    DEDUP_OPTIONS_HELP
    INPUT_OPTIONS_HELP
    "      --strict          exit 1 if any record or file was skipped\n"
    "      --no-progress     no progress bar (drawn only when stderr is a tty)\n"
    "  -q, --quiet           no per-article output, no summary\n"
    "  -h, --help            this text\n"
    "\n"
    "Exit status: 0 success, 1 --strict and something was skipped,\n"
    "2 usage error, no input readable, or the store failed (the batch in\n"
    "progress is rolled back; committed articles stay).\n";

enum { OPT_SYNC = 0x2000, OPT_MAX_SIZE, OPT_CACHE, OPT_LOG };

typedef struct ingest_ctx {
    concord_store *store;
    int quiet;
    FILE *log;
    size_t read;                 /* articles handed to the store */
    size_t outcome[3];           /* by concord_store_outcome */
    size_t with_duplicates, duplicates, committed;
    int failed;
} ingest_ctx;

static void log_commit(ingest_ctx *ctx, const concord_article *a)
{
    if (!ctx->log) return;
    fprintf(ctx->log, "committed %zu ", ctx->read);
    if (a) fwrite(a->id, 1, a->id_len, ctx->log);
    fputc('\n', ctx->log);
    fflush(ctx->log);
}

static void write_duplicates(const concord_article *a, const concord_store_result *r)
{
    fputs("{\"id\":", stdout);
    json_write_string(stdout, a->id, a->id_len);
    printf(",\"version\":%u,\"outcome\":\"%s\",\"story\":%lld,\"duplicates\":[", r->version,
           concord_store_outcome_name(r->outcome), (long long)r->story);
    for (size_t i = 0; i < r->match_count; i++) {
        const concord_store_match *m = &r->matches[i];
        fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
        json_write_string(stdout, m->id, m->id_len);
        printf(",\"version\":%u,\"relation\":\"%s\",\"jaccard\":%.4f,\"a_in_b\":%.4f,\"b_in_a\":%.4f}",
               m->version, concord_relation_name(m->relation), m->jaccard, m->a_in_b, m->b_in_a);
    }
    fputs("]}\n", stdout);
}

static int ingest_article(void *p, const concord_article *a)
{
    ingest_ctx *ctx = p;
    concord_store_result r;
    concord_status st = concord_store_ingest(ctx->store, a, &r);
    if (st == CONCORD_ERR_TOO_LARGE || st == CONCORD_ERR_NOMEM) {
        if (*concord_store_error(ctx->store)) goto store_failed;
        fprintf(stderr, "concord ingest: %s: %s: %s (skipped)\n", a->file, a->id, concord_strerror(st));
        return 0;
    }
    if (st) goto store_failed;
    ctx->read++;
    ctx->outcome[r.outcome]++;
    if (r.match_count) {
        ctx->with_duplicates++;
        ctx->duplicates += r.match_count;
        if (!ctx->quiet) write_duplicates(a, &r);
    }
    if (r.committed) {
        ctx->committed += r.committed;
        log_commit(ctx, a);
    }
    return 0;
store_failed:
    fprintf(stderr, "concord ingest: %s\n", concord_store_error(ctx->store));
    ctx->failed = 1;
    return 1;
}

/* 1: applied; 0: a bad value (message printed); -1: not an ingest option. */
static int parse_ingest_option(int c, const char *arg, concord_store_options *o, const char **log_path)
{
    unsigned long u;
    size_t size;
    int normal;
    switch (c) {
    case 'b':
        if (!parse_unsigned("ingest", "--batch", arg, 1, 100000000, &u)) return 0;
        o->batch_size = u;
        return 1;
    case OPT_SYNC:
        if (!parse_choice("ingest", "--sync", arg, "full", "normal", &normal)) return 0;
        o->synchronous_full = !normal;
        return 1;
    case OPT_MAX_SIZE:
        if (!parse_size("ingest", "--max-size", arg, &size)) return 0;
        o->max_bytes = size;
        return 1;
    case OPT_CACHE:
        if (!parse_size("ingest", "--cache", arg, &size)) return 0;
        o->cache_bytes = size;
        return 1;
    case OPT_LOG: *log_path = arg; return 1;
    }
    return dedup_option("ingest", c, arg, &o->dedup);
}

int cmd_ingest(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"batch", required_argument, NULL, 'b'},
        {"sync", required_argument, NULL, OPT_SYNC},
        {"max-size", required_argument, NULL, OPT_MAX_SIZE},
        {"cache", required_argument, NULL, OPT_CACHE},
        {"commit-log", required_argument, NULL, OPT_LOG},
        DEDUP_LONG_OPTIONS,
        CORPUS_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    concord_store_options so;
    concord_store_options_init(&so);
    so.flags = CONCORD_STORE_CREATE;
    corpus_options co;
    corpus_options_init(&co);
    ingest_ctx ctx = {0};
    const char *log_path = NULL;
    int c, done;
    optind = 1;
    while ((c = getopt_long(argc, argv, "b:t:k:p:qh", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(ingest_usage, stdout);
            return EXIT_OK;
        }
        if ((done = parse_ingest_option(c, optarg, &so, &log_path)) == 0) return EXIT_USAGE;
        if (done < 0 && corpus_option("ingest", c, optarg, &co) < 0) return EXIT_USAGE;
    }
    if (!have_store_and_inputs("ingest", argc - optind, &co)) return EXIT_USAGE;
    ctx.quiet = co.quiet;
    /* Past `ulimit -f`, a write must fail (and the batch roll back), not
       kill the process. */
    signal(SIGXFSZ, SIG_IGN);

    char msg[512];
    if (concord_store_open(&ctx.store, co.db, &so, msg, sizeof msg)) {
        fprintf(stderr, "concord ingest: %s\n", msg);
        return EXIT_USAGE;
    }
    if (log_path && !(ctx.log = fopen(log_path, "a"))) {
        perror(log_path);
        concord_store_free(ctx.store);
        return EXIT_USAGE;
    }
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

    input_stats in;
    read_inputs("ingest", argv + optind, argc - optind, &co.reader, co.progress, ingest_article, &ctx, &in);
    size_t last = 0;
    int rc = EXIT_OK;
    if (!ctx.failed) {
        /* The checkpoint spares the next open a replay of this run's articles. */
        if (concord_store_commit(ctx.store, &last) || concord_store_checkpoint(ctx.store)) {
            fprintf(stderr, "concord ingest: %s\n", concord_store_error(ctx.store));
            ctx.failed = 1;
        } else {
            ctx.committed += last;
            log_commit(&ctx, NULL);
        }
    }
    if (fflush(stdout)) {
        perror("concord ingest: writing output");
        rc = EXIT_USAGE;
    }
    concord_store_stats s = {0};
    int have_stats = !ctx.failed && concord_store_stats_get(ctx.store, &s) == CONCORD_OK;
    if (!ctx.quiet) {
        double rate = in.seconds > 0 ? (double)ctx.read / in.seconds : 0.0;
        fprintf(stderr,
                "concord ingest: %zu articles read, %zu skipped; %zu new, %zu unchanged, %zu new "
                "versions; %zu with near duplicates in the store (%zu pairs)\n",
                in.articles, in.skipped + in.inputs_failed, ctx.outcome[CONCORD_STORE_NEW],
                ctx.outcome[CONCORD_STORE_UNCHANGED], ctx.outcome[CONCORD_STORE_NEW_VERSION],
                ctx.with_duplicates, ctx.duplicates);
        fprintf(stderr, "concord ingest: %zu articles written and committed in %.2f s (%.0f articles/s)",
                ctx.committed, in.seconds, rate);
        const concord_stories *stories = NULL;
        if (have_stats && concord_store_stories(ctx.store, &stories) != CONCORD_OK) stories = NULL;
        if (have_stats)
            fprintf(stderr, "; the store holds %zu articles (%zu versions)", s.articles, s.versions);
        if (stories) fprintf(stderr, " in %zu stories", concord_stories_count(stories));
        fputc('\n', stderr);
    }
    if (ctx.log) fclose(ctx.log);
    concord_store_free(ctx.store);
    if (ctx.failed) return EXIT_USAGE;
    if (in.inputs_failed == (size_t)(argc - optind)) {
        fputs("concord ingest: no input could be read\n", stderr);
        return EXIT_USAGE;
    }
    if (co.strict && (in.skipped || in.inputs_failed)) rc = EXIT_SKIPPED;
    return rc;
}
