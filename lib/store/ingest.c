/*
 * ingest.c - batched, idempotent, versioned writes.
 *
 * One transaction per batch (BEGIN IMMEDIATE ... COMMIT): a batch is
 * either wholly in the database or not at all, whatever happens to the
 * process; SQLite's WAL gives that atomicity, synchronous=FULL makes the
 * COMMIT durable. Any SQLite failure inside a batch (disk full, I/O error,
 * size limit) rolls the whole batch back, so the database is always as of
 * the last commit.
 */
#include <stdio.h>
#include <string.h>

#include "index/lsh.h"
#include "store/store.h"
#include "util/buf.h"

/* Roll the open batch back and report what failed (what = NULL: the
   handle's error is already set). */
static concord_status fail_batch(concord_store *st, concord_status status, const char *what)
{
    char msg[sizeof st->error];
    concord_status s = what ? store_fail(st, status, what) : status ? status : CONCORD_ERR_IO;
    memcpy(msg, st->error, sizeof msg);
    if (st->in_batch && !sqlite3_get_autocommit(st->db)) {
        sqlite3_step(st->stmt[Q_ROLLBACK]);
        sqlite3_reset(st->stmt[Q_ROLLBACK]);
    }
    if (st->in_batch)
        snprintf(st->error, sizeof st->error, "%.400s; the uncommitted batch (%zu articles) was rolled back",
                 msg, st->pending);
    st->in_batch = 0;
    st->pending = 0;
    levels_invalidate(st); /* the memory copies may hold rolled-back rows */
    store_story_discard(st); /* the engine was fed rolled-back rows */
    return s;
}

/* Step a write statement to completion, then reset it. On failure the
   handle's error says what failed (taken before the reset, which would
   lose the system error). */
static int run(concord_store *st, sqlite3_stmt *q, const char *what)
{
    int rc = sqlite3_step(q);
    if (rc != SQLITE_DONE) store_fail(st, 0, what);
    store_reset(q);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Take version doc out of the candidate index (its band keys come from
   its stored signature) and mark it superseded. */
static int supersede(concord_store *st, int64_t doc)
{
    sqlite3_stmt *q = st->stmt[Q_GET_ARTICLE];
    sqlite3_bind_int64(q, 1, doc);
    int rc = sqlite3_step(q);
    int indexed = 0;
    uint32_t keys[STORE_MAX_BANDS];
    if (rc == SQLITE_ROW) {
        const unsigned char *blob = sqlite3_column_blob(q, 3);
        indexed = sqlite3_column_int64(q, 2) != 0 && blob &&
                  (size_t)sqlite3_column_bytes(q, 3) == (size_t)st->opt.perms * 4;
        if (indexed) {
            sig_from_blob(blob, st->opt.perms, st->cand_sig);
            lsh_band_keys(st->cand_sig, st->bands, st->rows, keys);
        }
        rc = SQLITE_OK;
    }
    store_reset(q);
    if (rc != SQLITE_OK) return rc;
    if (indexed && levels_remove(st, doc, keys)) return SQLITE_ERROR;
    sqlite3_bind_int64(st->stmt[Q_SUPERSEDE], 1, doc);
    return run(st, st->stmt[Q_SUPERSEDE], "cannot supersede a version");
}

static void bind_text_or_null(sqlite3_stmt *q, int i, const char *s, size_t len)
{
    if (s) sqlite3_bind_text(q, i, s, (int)len, SQLITE_STATIC);
    else sqlite3_bind_null(q, i);
}

/* Insert the sketched article as version `version`; *doc = its row. */
static int insert(concord_store *st, const concord_article *a, unsigned version, int64_t *doc)
{
    const store_sketch *sk = &st->sketcher.out;
    unsigned char blob[4 * 4096];
    sig_to_blob(sk->sig, st->opt.perms, blob);
    sqlite3_stmt *q = st->stmt[Q_INSERT_ARTICLE];
    sqlite3_bind_text(q, 1, a->id ? a->id : "", (int)a->id_len, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, version);
    sqlite3_bind_int64(q, 3, (int64_t)sk->content);
    bind_text_or_null(q, 4, a->date, a->date_len);
    bind_text_or_null(q, 5, a->title, a->title_len);
    bind_text_or_null(q, 6, a->source, a->source_len);
    bind_text_or_null(q, 7, a->url, a->url_len);
    sqlite3_bind_text(q, 8, a->text ? a->text : "", (int)a->text_len, SQLITE_STATIC);
    sqlite3_bind_blob(q, 9, blob, (int)(st->opt.perms * 4), SQLITE_STATIC);
    int rc = run(st, q, "cannot store an article");
    if (rc != SQLITE_OK) return rc;
    *doc = sqlite3_last_insert_rowid(st->db);
    if (!sk->set_len) return SQLITE_OK; /* no word: stays out of the index */
    return levels_add(st, *doc, sk->keys) ? SQLITE_ERROR : SQLITE_OK;
}

concord_status concord_store_ingest(concord_store *st, const concord_article *a, concord_store_result *out)
{
    if (!st || !a || !out || (!a->text && a->text_len) || (!a->id && a->id_len)) return CONCORD_ERR_INVALID;
    if (a->id_len > INT32_MAX || a->text_len > INT32_MAX || a->title_len > INT32_MAX ||
        a->date_len > INT32_MAX || a->url_len > INT32_MAX || a->source_len > INT32_MAX)
        return CONCORD_ERR_TOO_LARGE;
    memset(out, 0, sizeof *out);
    out->doc = -1;
    out->story = -1;
    st->error[0] = '\0';
    if (st->readonly) {
        snprintf(st->error, sizeof st->error, "%s: opened read-only", st->path);
        return CONCORD_ERR_INVALID;
    }
    /* Sketch first: a text that cannot be analysed fails alone. */
    concord_status s = sketcher_run(&st->sketcher, a->text, a->text_len);
    if (s) return s;
    if (!st->in_batch) {
        if (run(st, st->stmt[Q_BEGIN], "cannot start a transaction") != SQLITE_OK) return CONCORD_ERR_IO;
        st->in_batch = 1;
        /* Holding the write lock: other connections' commits are in. */
        if ((s = levels_sync(st))) return fail_batch(st, s, "cannot read the band index");
        if ((s = store_story_sync(st))) return fail_batch(st, s, NULL);
    }

    store_id_state ids;
    if ((s = store_find_id(st, a->id, a->id_len, st->sketcher.out.content, &ids)))
        return fail_batch(st, s, "cannot look up an id");
    if (ids.same >= 0) {
        out->outcome = CONCORD_STORE_UNCHANGED;
        out->doc = ids.same;
        out->version = ids.same_version;
        st->match_count = 0;
        s = store_story_of(st, ids.same, &out->story);
        return s ? fail_batch(st, s, "cannot read the story of an article") : CONCORD_OK;
    }
    int64_t old = ids.current;
    unsigned version = ids.current_version;
    if (old >= 0 && supersede(st, old) != SQLITE_OK) return fail_batch(st, 0, NULL);
    if ((s = store_find_matches(st, -1))) return fail_batch(st, s, "cannot look up near duplicates");
    int64_t doc;
    if (insert(st, a, version + 1, &doc) != SQLITE_OK) return fail_batch(st, 0, NULL);
    st->pending++;
    if ((s = store_story_feed(st, a, doc, &out->story))) return fail_batch(st, s, NULL);
    out->outcome = old >= 0 ? CONCORD_STORE_NEW_VERSION : CONCORD_STORE_NEW;
    out->doc = doc;
    out->version = version + 1;
    out->match_count = st->match_count;
    out->matches = st->matches;
    if (st->pending >= st->batch_size) return concord_store_commit(st, &out->committed);
    return CONCORD_OK;
}

concord_status concord_store_commit(concord_store *st, size_t *committed)
{
    if (committed) *committed = 0;
    if (!st) return CONCORD_ERR_INVALID;
    if (!st->in_batch) return CONCORD_OK;
    concord_status s = levels_maybe_merge(st);
    if (s) return fail_batch(st, s, NULL);
    s = store_story_before_commit(st);
    if (s) return fail_batch(st, s, "cannot save the story state");
    if (run(st, st->stmt[Q_COMMIT], "cannot commit") != SQLITE_OK) return fail_batch(st, 0, NULL);
    if (committed) *committed = st->pending;
    st->in_batch = 0;
    st->pending = 0;
    return CONCORD_OK;
}
