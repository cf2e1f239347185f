/* report_stories.c - the stories a report shows, from the story engine. */
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* Largest first; equal sizes by id (creation order). */
static int by_size(const void *pa, const void *pb)
{
    const report_story *a = pa, *b = pb;
    if (a->member_count != b->member_count) return a->member_count < b->member_count ? 1 : -1;
    return (a->id > b->id) - (a->id < b->id);
}

int report_get_stories(const char *cmd, story_corpus *corpus, const concord_stories_options *o,
                       report_stories *out)
{
    memset(out, 0, sizeof *out);
    concord_status st = concord_stories_create(&out->engine, o);
    if (st) {
        fprintf(stderr, "concord %s: %s\n", cmd, concord_strerror(st));
        return 1;
    }
    if (story_corpus_cluster(corpus, out->engine)) return 1;
    size_t n = concord_stories_count(out->engine);
    out->v = calloc(n ? n : 1, sizeof *out->v);
    out->member_pool = malloc((corpus->n ? corpus->n : 1) * sizeof *out->member_pool);
    if (!out->v || !out->member_pool) {
        fprintf(stderr, "concord %s: %s\n", cmd, concord_strerror(CONCORD_ERR_NOMEM));
        return 1;
    }
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        concord_story s;
        if ((st = concord_stories_get(out->engine, i, &s))) {
            fprintf(stderr, "concord %s: %s\n", cmd, concord_strerror(st));
            return 1;
        }
        report_story *r = &out->v[out->n++];
        r->id = s.id;
        r->title = s.title ? s.title : "";
        r->title_len = s.title ? s.title_len : 0;
        r->first_seen = s.first_seen, r->first_seen_len = s.first_seen_len;
        r->last_seen = s.last_seen, r->last_seen_len = s.last_seen_len;
        r->outlets = s.source_count;
        /* Members are engine article numbers, ascending = date order. */
        if (used + s.member_count > corpus->n) {
            fprintf(stderr, "concord %s: %s\n", cmd, concord_strerror(CONCORD_ERR_INVALID));
            return 1;
        }
        size_t *m = out->member_pool + used;
        for (size_t k = 0; k < s.member_count; k++) m[k] = corpus->added[s.members[k]];
        r->members = m;
        r->member_count = s.member_count;
        used += s.member_count;
    }
    qsort(out->v, out->n, sizeof *out->v, by_size);
    return 0;
}

void report_stories_free(report_stories *s)
{
    free(s->v);
    free(s->member_pool);
    concord_stories_free(s->engine);
    memset(s, 0, sizeof *s);
}
