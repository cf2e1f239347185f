/*
 * story.c - where the story engine (lib/story, concord_stories_*) plugs
 * into the store. The tables exist from schema version 1:
 *   story_state(slot = 0, version, state BLOB)   the whole engine state,
 *                                                 concord_stories_save()'s
 *                                                 versioned byte buffer
 *   article_story(doc, story)                     each article's story
 * Both are written inside the batch transaction, just before its COMMIT,
 * so the state on disk always matches the articles on disk: a batch and
 * the stories it produced are committed together or not at all.
 *
 * INTEGRATION POINT (story engine). Until it is wired, no story state is
 * written and every article's story is -1 (unknown). To wire it:
 *  1. concord_store gets a `concord_stories *stories` member, loaded in
 *     concord_store_open() from story_state (concord_stories_load()), or
 *     created empty when the table has no row.
 *  2. store_story_before_commit(): for each row in
 *     st->batch_docs[0 .. st->pending), feed the article to the engine
 *     (its text is in articles.text; its signature in articles.signature),
 *     store_story_assign() its story, then concord_stories_save() and
 *     store_story_put_state() the buffer.
 *  3. store_story_peek(): concord_stories_peek() with st->sketcher's
 *     current article (the one being queried), without mutating.
 * Nothing else in the store changes.
 */
#include "store/store.h"

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

/* Replace the engine's state (in the open batch). */
static concord_status store_story_put_state(concord_store *st, int64_t version, const void *state,
                                            size_t len)
{
    if (len > INT32_MAX) return CONCORD_ERR_TOO_LARGE;
    sqlite3_stmt *q = st->stmt[Q_STORY_STATE_PUT];
    sqlite3_bind_int64(q, 1, version);
    sqlite3_bind_blob(q, 2, len ? state : "", (int)len, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    store_reset(q);
    return rc == SQLITE_DONE ? CONCORD_OK : store_fail(st, 0, "cannot save the story state");
}

concord_status store_story_before_commit(concord_store *st)
{
    /* Story engine: see the INTEGRATION POINT above (step 2). */
    (void)store_story_assign;
    (void)store_story_put_state;
    (void)st;
    return CONCORD_OK;
}

concord_status store_story_of(concord_store *st, int64_t doc, int64_t *story)
{
    *story = -1;
    sqlite3_stmt *q = st->stmt[Q_STORY_GET];
    sqlite3_bind_int64(q, 1, doc);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *story = sqlite3_column_int64(q, 0);
    store_reset(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? CONCORD_OK : store_fail(st, 0, "cannot read a story");
}

concord_status store_story_peek(concord_store *st, int64_t *story)
{
    /* Story engine: see the INTEGRATION POINT above (step 3). */
    (void)st;
    *story = -1;
    return CONCORD_OK;
}
