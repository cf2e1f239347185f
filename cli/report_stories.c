/* report_stories.c - the stories a report shows: from the story engine
   run over the corpus, or those a store keeps. */
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

/* Room for n stories and members members. */
static int make_room(const char *cmd, report_stories *out, size_t n, size_t members)
{
    out->v = calloc(n ? n : 1, sizeof *out->v);
    out->member_pool = malloc((members ? members : 1) * sizeof *out->member_pool);
    if (out->v && out->member_pool) return 0;
    fprintf(stderr, "concord %s: %s\n", cmd, concord_strerror(CONCORD_ERR_NOMEM));
    return 1;
}

/* Story i of the engine, its members m[0..count) (corpus docs) already in place. */
static void add_story(report_stories *out, const concord_story *s, const size_t *m, size_t count)
{
    report_story *r = &out->v[out->n++];
    r->id = s->id;
    r->title = s->title ? s->title : "";
    r->title_len = s->title ? s->title_len : 0;
    r->first_seen = s->first_seen, r->first_seen_len = s->first_seen_len;
    r->last_seen = s->last_seen, r->last_seen_len = s->last_seen_len;
    r->outlets = s->source_count;
    r->members = m;
    r->member_count = count;
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
    out->stories = out->engine;
    if (story_corpus_cluster(corpus, out->engine)) return 1;
    size_t n = concord_stories_count(out->engine);
    if (make_room(cmd, out, n, corpus->n)) return 1;
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        concord_story s;
        if ((st = concord_stories_get(out->engine, i, &s))) {
            fprintf(stderr, "concord %s: %s\n", cmd, concord_strerror(st));
            return 1;
        }
        /* Members are engine article numbers, ascending = date order. */
        if (used + s.member_count > corpus->n) {
            fprintf(stderr, "concord %s: %s\n", cmd, concord_strerror(CONCORD_ERR_INVALID));
            return 1;
        }
        size_t *m = out->member_pool + used;
        for (size_t k = 0; k < s.member_count; k++) m[k] = corpus->added[s.members[k]];
        add_story(out, &s, m, s.member_count);
        used += s.member_count;
    }
    qsort(out->v, out->n, sizeof *out->v, by_size);
    return 0;
}

static const story_corpus *sort_corpus; /* qsort has no context argument */

static int by_id(const void *pa, const void *pb)
{
    const story_doc *a = &sort_corpus->docs[*(const size_t *)pa];
    const story_doc *b = &sort_corpus->docs[*(const size_t *)pb];
    size_t n = a->id_len < b->id_len ? a->id_len : b->id_len;
    int c = memcmp(sort_corpus->pool + a->id, sort_corpus->pool + b->id, n);
    return c ? c : (a->id_len > b->id_len) - (a->id_len < b->id_len);
}

static int by_date(const void *pa, const void *pb)
{
    const story_doc *a = &sort_corpus->docs[*(const size_t *)pa];
    const story_doc *b = &sort_corpus->docs[*(const size_t *)pb];
    int c = strcmp(a->key, b->key);
    return c ? c : (a->input > b->input) - (a->input < b->input);
}

/* The corpus doc whose id is id[0..len) (ids sorted by by_id), or SIZE_MAX. */
static size_t find_id(const story_corpus *c, const size_t *sorted, const char *id, size_t len)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const story_doc *d = &c->docs[sorted[mid]];
        size_t n = d->id_len < len ? d->id_len : len;
        int cmp = memcmp(c->pool + d->id, id, n);
        if (!cmp) cmp = (d->id_len > len) - (d->id_len < len);
        if (cmp < 0) lo = mid + 1;
        else hi = mid;
    }
    if (lo < c->n) {
        const story_doc *d = &c->docs[sorted[lo]];
        if (d->id_len == len && !memcmp(c->pool + d->id, id, len)) return sorted[lo];
    }
    return SIZE_MAX;
}

int report_store_stories(const char *cmd, const char *db, const story_corpus *corpus,
                         report_stories *out)
{
    memset(out, 0, sizeof *out);
    if (!(out->store = store_stories_open(cmd, db, &out->stories))) return 1;
    const concord_stories *s = out->stories;
    size_t n = concord_stories_count(s);
    size_t *sorted = malloc((corpus->n ? corpus->n : 1) * sizeof *sorted);
    if (!sorted || make_room(cmd, out, n, corpus->n)) {
        free(sorted);
        if (!sorted) fprintf(stderr, "concord %s: %s\n", cmd, concord_strerror(CONCORD_ERR_NOMEM));
        return 1;
    }
    /* The corpus holds the store's current articles: ids are unique. */
    for (size_t i = 0; i < corpus->n; i++) sorted[i] = i;
    sort_corpus = corpus;
    qsort(sorted, corpus->n, sizeof *sorted, by_id);
    size_t used = 0;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        concord_story st;
        if (concord_stories_get(s, i, &st)) continue;
        size_t *m = out->member_pool + used, count = 0;
        for (size_t k = 0; k < st.member_count && !rc; k++) {
            int current = 0;
            if (concord_store_get(out->store, concord_store_stories_doc(out->store, st.members[k]),
                                  NULL, &current)) {
                fprintf(stderr, "concord %s: %s\n", cmd, concord_store_error(out->store));
                rc = 1;
            }
            if (rc || !current) continue; /* a superseded version */
            size_t len;
            const char *id = concord_stories_article_id(s, st.members[k], &len);
            size_t d = find_id(corpus, sorted, id, len);
            if (d == SIZE_MAX || used + count >= corpus->n) continue; /* stored after the read */
            m[count++] = d;
        }
        if (!count) continue;
        qsort(m, count, sizeof *m, by_date);
        add_story(out, &st, m, count);
        used += count;
    }
    free(sorted);
    qsort(out->v, out->n, sizeof *out->v, by_size);
    return rc;
}

void report_stories_free(report_stories *s)
{
    free(s->v);
    free(s->member_pool);
    concord_stories_free(s->engine);
    concord_store_free(s->store);
    memset(s, 0, sizeof *s);
}
