/*
 * story.c - the story engine (lib/story, concord_stories_*) inside the
 * store.
 *
 * Every stored row (each version of each article) is fed to one engine in
 * storage order (ascending doc), when it is ingested. The engine is
 * deterministic, so its state is a function of the rows it was fed: the
 * store keeps
 *   article_story(doc, story)   the story each row joined when it was fed,
 *                               written in the row's own batch;
 *   story_state(version, state) a checkpoint: concord_stories_save() of the
 *                               engine after feeding every row <= version.
 * Loading = the checkpoint, then replaying the rows stored after it; the
 * replay reproduces exactly what the original feeding did. So a batch
 * never has to rewrite the whole state (~0.35 KB per article): the
 * checkpoint is rewritten only when the rows after it reach an eighth of
 * those before it (amortised O(1) per article, and replay bounded to that
 * eighth), and by concord_store_checkpoint() (concord ingest calls it at
 * its end, so a query after a finished ingest replays nothing).
 *
 * A batch that is rolled back drops the in-memory engine (it had been fed
 * the rolled-back rows); the next use reloads it from the database.
 *
 * Merges: the engine retires the younger of two merged stories, so
 * article_story may name a retired id; the current story of a row is asked
 * from the engine (concord_stories_article_story), never from that table.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/buf.h"

/* Column i as pointer + length; NULL, 0 for SQL NULL. */
static const char *column(sqlite3_stmt *q, int i, size_t *len)
{
    const char *s = (const char *)sqlite3_column_text(q, i);
    *len = s ? (size_t)sqlite3_column_bytes(q, i) : 0;
    return s;
}

void store_story_discard(concord_store *st)
{
    concord_stories_free(st->stories);
    st->stories = NULL;
    st->story_doc_count = 0;
}

/* Write row doc's story (in the open batch). */
static concord_status store_story_assign(concord_store *st, int64_t doc, int64_t story)
{
    sqlite3_stmt *q = st->stmt[Q_STORY_ASSIGN];
    sqlite3_bind_int64(q, 1, doc);
    sqlite3_bind_int64(q, 2, story);
    int rc = sqlite3_step(q);
    store_reset(q);
    return rc == SQLITE_DONE ? CONCORD_OK : store_fail(st, 0, "cannot assign a story");
}

/* Feed one row to the engine; *story = the story it joined. */
static concord_status feed(concord_store *st, int64_t doc, const char *id, size_t id_len,
                           const char *text, size_t text_len, const concord_doc_meta *meta,
                           uint64_t *story)
{
    concord_status s = vec_grow((void **)&st->story_docs, &st->story_doc_cap, st->story_doc_count,
                                1, sizeof *st->story_docs);
    if (s) return s;
    s = concord_stories_add(st->stories, id ? id : "", id_len, text ? text : "", text_len, meta,
                            story);
    if (s) return s;
    assert(!st->story_doc_count || st->story_docs[st->story_doc_count - 1] < doc);
    st->story_docs[st->story_doc_count++] = doc;
    return CONCORD_OK;
}

/* The rows fed before the checkpoint: their docs, ascending. */
static concord_status load_docs(concord_store *st, int64_t upto)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT doc FROM article_story WHERE doc <= ?1 ORDER BY doc", -1,
                           &q, NULL) != SQLITE_OK)
        return store_fail(st, 0, "cannot read the stories");
    sqlite3_bind_int64(q, 1, upto);
    concord_status s = CONCORD_OK;
    int rc;
    while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        s = vec_grow((void **)&st->story_docs, &st->story_doc_cap, st->story_doc_count, 1,
                     sizeof *st->story_docs);
        if (!s) st->story_docs[st->story_doc_count++] = sqlite3_column_int64(q, 0);
    }
    if (!s && rc != SQLITE_DONE) s = store_fail(st, 0, "cannot read the stories");
    sqlite3_finalize(q);
    return s;
}

/* The checkpoint, when there is one that matches article_story. */
static concord_status load_checkpoint(concord_store *st)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT version, state FROM story_state WHERE slot = 0", -1, &q,
                           NULL) != SQLITE_OK)
        return store_fail(st, 0, "cannot read the story state");
    int rc = sqlite3_step(q);
    concord_status s = CONCORD_OK;
    if (rc == SQLITE_ROW) {
        int64_t upto = sqlite3_column_int64(q, 0);
        s = concord_stories_load(&st->stories, sqlite3_column_blob(q, 1),
                                 (size_t)sqlite3_column_bytes(q, 1));
        if (!s) s = load_docs(st, upto);
        if (!s && st->story_doc_count != concord_stories_article_count(st->stories))
            s = CONCORD_ERR_PARSE;
        if (!s) st->state_doc = upto;
    } else if (rc != SQLITE_DONE) {
        s = store_fail(st, 0, "cannot read the story state");
    }
    sqlite3_finalize(q);
    if (s == CONCORD_ERR_PARSE || s == CONCORD_ERR_UNSUPPORTED) {
        /* A damaged or foreign checkpoint: the state is derived data, so
           rebuild it from every row rather than refuse the store. */
        store_story_discard(st);
        s = CONCORD_OK;
    }
    return s;
}

/* Feed the rows stored after the checkpoint (those of an interrupted
   ingest, or of a store written before the engine was). When writing,
   their article_story rows are (re)written in the open batch. */
static concord_status replay(concord_store *st)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT doc, id, text, date, title, source FROM articles"
                           " WHERE doc > ?1 ORDER BY doc",
                           -1, &q, NULL) != SQLITE_OK)
        return store_fail(st, 0, "cannot read the articles");
    sqlite3_bind_int64(q, 1, st->story_doc_count ? st->story_docs[st->story_doc_count - 1] : 0);
    concord_status s = CONCORD_OK;
    int rc;
    while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t doc = sqlite3_column_int64(q, 0);
        size_t id_len, text_len;
        const char *id = column(q, 1, &id_len), *text = column(q, 2, &text_len);
        concord_doc_meta m = {0};
        m.date = column(q, 3, &m.date_len);
        m.title = column(q, 4, &m.title_len);
        m.source = column(q, 5, &m.source_len);
        uint64_t story;
        s = feed(st, doc, id, id_len, text, text_len, &m, &story);
        if (!s && st->in_batch) s = store_story_assign(st, doc, (int64_t)story);
    }
    if (!s && rc != SQLITE_DONE) s = store_fail(st, 0, "cannot read the articles");
    sqlite3_finalize(q);
    return s;
}

/* Name a failure that did not come from SQLite (which names its own). */
static concord_status engine_failed(concord_store *st, concord_status s)
{
    if (s && !st->error[0])
        snprintf(st->error, sizeof st->error, "%s: story engine: %s", st->path, concord_strerror(s));
    return s;
}

concord_status store_story_engine(concord_store *st)
{
    if (st->stories) return CONCORD_OK;
    st->story_doc_count = 0;
    st->state_doc = 0;
    concord_status s = load_checkpoint(st);
    if (!s && !st->stories) s = concord_stories_create(&st->stories, &st->story_opt);
    if (!s) s = replay(st);
    if (s) store_story_discard(st);
    return engine_failed(st, s);
}

concord_status store_story_sync(concord_store *st)
{
    /* Loading replays everything after the checkpoint; a loaded engine
       only needs the rows another connection committed since. */
    concord_status s = st->stories ? replay(st) : store_story_engine(st);
    if (s && st->stories) store_story_discard(st);
    return engine_failed(st, s);
}

concord_status store_story_feed(concord_store *st, const concord_article *a, int64_t doc,
                                int64_t *story)
{
    concord_status s = store_story_engine(st);
    concord_doc_meta m = {a->date, a->date_len, a->title, a->title_len, a->source, a->source_len};
    uint64_t id = 0;
    if (!s) s = feed(st, doc, a->id, a->id_len, a->text, a->text_len, &m, &id);
    if (!s) s = store_story_assign(st, doc, (int64_t)id);
    *story = s ? -1 : (int64_t)id;
    return engine_failed(st, s);
}

/* Replace the checkpoint with the engine's state (in the open batch). */
static concord_status put_state(concord_store *st)
{
    unsigned char *state = NULL;
    size_t len = 0;
    concord_status s = concord_stories_save(st->stories, &state, &len);
    if (s) return s;
    if (len > INT32_MAX) {
        free(state);
        snprintf(st->error, sizeof st->error,
                 "%s: the story state (%zu bytes) exceeds SQLite's blob limit", st->path, len);
        return CONCORD_ERR_TOO_LARGE;
    }
    int64_t upto = st->story_doc_count ? st->story_docs[st->story_doc_count - 1] : 0;
    sqlite3_stmt *q = st->stmt[Q_STORY_STATE_PUT];
    sqlite3_bind_int64(q, 1, upto);
    sqlite3_bind_blob(q, 2, len ? (const void *)state : "", (int)len, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    store_reset(q);
    free(state);
    if (rc != SQLITE_DONE) return store_fail(st, 0, "cannot save the story state");
    st->state_doc = upto;
    return CONCORD_OK;
}

/* Rows fed since the checkpoint, and rows before it. */
static void tail_and_head(const concord_store *st, size_t *tail, size_t *head)
{
    size_t lo = 0, hi = st->story_doc_count;
    while (lo < hi) { /* first row after the checkpoint */
        size_t mid = lo + (hi - lo) / 2;
        if (st->story_docs[mid] <= st->state_doc) lo = mid + 1;
        else hi = mid;
    }
    *head = lo;
    *tail = st->story_doc_count - lo;
}

concord_status store_story_before_commit(concord_store *st)
{
    if (!st->stories) return CONCORD_OK;
    size_t tail, head;
    tail_and_head(st, &tail, &head);
    if (tail == 0 || tail < st->batch_size || tail * 8 < head) return CONCORD_OK;
    return put_state(st);
}

concord_status concord_store_checkpoint(concord_store *st)
{
    if (!st) return CONCORD_ERR_INVALID;
    st->error[0] = '\0';
    if (st->readonly) {
        snprintf(st->error, sizeof st->error, "%s: opened read-only", st->path);
        return CONCORD_ERR_INVALID;
    }
    concord_status s = concord_store_commit(st, NULL);
    if (s) return s;
    sqlite3_stmt *q = st->stmt[Q_BEGIN];
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE) return store_fail(st, 0, "cannot start a transaction");
    st->in_batch = 1;
    size_t tail = 0, head;
    s = store_story_sync(st); /* with every committed row, other writers' too */
    if (!s) tail_and_head(st, &tail, &head);
    if (!s && tail) s = put_state(st);
    if (!s) return concord_store_commit(st, NULL);
    if (!st->error[0]) snprintf(st->error, sizeof st->error, "%s: cannot save the story state: %s",
                                st->path, concord_strerror(s));
    sqlite3_step(st->stmt[Q_ROLLBACK]);
    sqlite3_reset(st->stmt[Q_ROLLBACK]);
    st->in_batch = 0;
    store_story_discard(st);
    return s;
}

/* Position of doc among the rows fed, or SIZE_MAX. */
static size_t fed_position(const concord_store *st, int64_t doc)
{
    size_t lo = 0, hi = st->story_doc_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->story_docs[mid] < doc) lo = mid + 1;
        else hi = mid;
    }
    return lo < st->story_doc_count && st->story_docs[lo] == doc ? lo : SIZE_MAX;
}

concord_status store_story_of(concord_store *st, int64_t doc, int64_t *story)
{
    *story = -1;
    concord_status s = st->in_batch ? store_story_engine(st) : store_story_sync(st);
    if (s) return s;
    size_t n = fed_position(st, doc);
    if (n != SIZE_MAX) *story = (int64_t)concord_stories_article_story(st->stories, n);
    return CONCORD_OK;
}

concord_status store_story_peek(concord_store *st, const concord_article *a, int64_t *story)
{
    *story = -1;
    concord_status s = store_story_sync(st); /* a reader may outlive commits */
    if (s) return s;
    concord_doc_meta m = {a->date, a->date_len, a->title, a->title_len, a->source, a->source_len};
    uint64_t id = 0;
    s = concord_stories_peek(st->stories, a->text ? a->text : "", a->text_len, &m, &id, NULL);
    if (!s && id) *story = (int64_t)id;
    return s;
}

concord_status concord_store_stories(concord_store *st, const concord_stories **out)
{
    if (!st || !out) return CONCORD_ERR_INVALID;
    *out = NULL;
    st->error[0] = '\0';
    concord_status s = store_story_sync(st);
    if (!s) *out = st->stories;
    return s;
}

int64_t concord_store_stories_doc(const concord_store *st, size_t n)
{
    return st && st->stories && n < st->story_doc_count ? st->story_docs[n] : -1;
}
