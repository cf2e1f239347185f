/* store_stories.c - the stories a concord store keeps (ingest feeds them):
   open a store with them, and hand one story's articles to a callback.
   For concord story ID --db, concord stories --db and concord report --db. */
#include <stdio.h>

#include "cli.h"

concord_store *store_stories_open(const char *cmd, const char *path, const concord_stories **out)
{
    concord_store_options o;
    concord_store_options_init(&o);
    o.flags = CONCORD_STORE_READONLY;
    concord_store *st = NULL;
    char msg[512];
    if (concord_store_open(&st, path, &o, msg, sizeof msg)) {
        fprintf(stderr, "concord %s: %s\n", cmd, msg);
        return NULL;
    }
    if (concord_store_stories(st, out)) {
        fprintf(stderr, "concord %s: %s\n", cmd, concord_store_error(st));
        concord_store_free(st);
        return NULL;
    }
    return st;
}

long store_stories_each_article(const char *cmd, concord_store *st, const concord_story *story,
                                article_fn fn, void *ctx)
{
    long n = 0;
    for (size_t m = 0; m < story->member_count; m++) {
        int64_t doc = concord_store_stories_doc(st, story->members[m]);
        concord_article a;
        int current = 0;
        concord_status status = concord_store_get(st, doc, &a, &current);
        if (status) {
            fprintf(stderr, "concord %s: %s\n", cmd,
                    *concord_store_error(st) ? concord_store_error(st) : concord_strerror(status));
            return -1;
        }
        if (!current) continue; /* a superseded version: its newer one speaks for it */
        n++;
        if (fn(ctx, &a)) return -1;
    }
    return n;
}
