/* store.c - the concord_store handle: options, open, free, errors, stats. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

void concord_store_options_init(concord_store_options *o)
{
    memset(o, 0, sizeof *o);
    o->batch_size = 1000;
    o->synchronous_full = 1;
    o->cache_bytes = (size_t)64 << 20;
    o->merge_rows = (size_t)1 << 21;
    concord_dedup_options_init(&o->dedup);
    concord_stories_options_init(&o->stories);
}

const char *concord_store_outcome_name(concord_store_outcome outcome)
{
    switch (outcome) {
    case CONCORD_STORE_NEW: return "new";
    case CONCORD_STORE_UNCHANGED: return "unchanged";
    case CONCORD_STORE_NEW_VERSION: return "new_version";
    }
    return "unknown";
}

concord_status store_status(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE: return CONCORD_OK;
    case SQLITE_NOMEM: return CONCORD_ERR_NOMEM;
    case SQLITE_TOOBIG: return CONCORD_ERR_TOO_LARGE;
    case SQLITE_MISUSE: case SQLITE_RANGE: return CONCORD_ERR_INVALID;
    default: return CONCORD_ERR_IO; /* full, read-only, I/O, corrupt, busy ... */
    }
}

concord_status store_fail(concord_store *st, concord_status status, const char *what)
{
    int rc = sqlite3_extended_errcode(st->db);
    const char *hint = "";
    switch (rc & 0xff) {
    case SQLITE_FULL: hint = " (the disk or the store's size limit is full)"; break;
    case SQLITE_IOERR:
        if (rc == SQLITE_IOERR_WRITE) hint = " (a write failed: disk full, file size limit or device error)";
        break;
    case SQLITE_READONLY: hint = " (the store cannot be written)"; break;
    case SQLITE_CORRUPT: case SQLITE_NOTADB: hint = " (the database file is damaged)"; break;
    default: break;
    }
    int sys = sqlite3_system_errno(st->db);
    char errno_text[128] = "";
    if (sys && ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_CANTOPEN))
        snprintf(errno_text, sizeof errno_text, " (%s%s)", strerror(sys),
                 sys == EFBIG ? ": the file size limit is reached" : "");
    snprintf(st->error, sizeof st->error, "%s: %s: %s%s%s", st->path, what, sqlite3_errmsg(st->db),
             errno_text, hint);
    concord_status r = status ? status : store_status(rc);
    return r ? r : CONCORD_ERR_IO;
}

void store_reset(sqlite3_stmt *s)
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

const char *concord_store_error(const concord_store *st) { return st ? st->error : ""; }

concord_status concord_store_open(concord_store **out, const char *path,
                                  const concord_store_options *options, char *message,
                                  size_t message_cap)
{
    if (message && message_cap) message[0] = '\0';
    if (!out || !path) return CONCORD_ERR_INVALID;
    *out = NULL;
    concord_store_options o;
    if (options) o = *options;
    else concord_store_options_init(&o);
    concord_store *st = calloc(1, sizeof *st);
    if (!st || !(st->path = strdup(path))) {
        free(st);
        if (message && message_cap) snprintf(message, message_cap, "%s: out of memory", path);
        return CONCORD_ERR_NOMEM;
    }
    st->readonly = (o.flags & CONCORD_STORE_READONLY) != 0;
    st->batch_size = o.batch_size ? o.batch_size : 1;
    st->levels.merge_rows = o.merge_rows ? o.merge_rows : 1;
    st->story_opt = o.stories;
    concord_status s = store_open_db(st, path, &o);
    if (!s) s = store_prepare(st);
    if (!s) s = levels_open(st);
    if (!s) s = sketcher_init(&st->sketcher, &st->opt, st->bands, st->rows);
    if (!s) s = sketcher_init(&st->verifier, &st->opt, st->bands, st->rows);
    if (!s && !(st->cand_sig = malloc(st->opt.perms * sizeof *st->cand_sig))) s = CONCORD_ERR_NOMEM;
    if (s) {
        if (!st->error[0]) snprintf(st->error, sizeof st->error, "%s: %s", path, concord_strerror(s));
        if (message && message_cap) snprintf(message, message_cap, "%s", st->error);
        concord_store_free(st);
        return s;
    }
    *out = st;
    return CONCORD_OK;
}

void concord_store_free(concord_store *st)
{
    if (!st) return;
    if (st->in_batch && st->stmt[Q_ROLLBACK]) {
        sqlite3_step(st->stmt[Q_ROLLBACK]);
        sqlite3_reset(st->stmt[Q_ROLLBACK]);
    }
    for (int i = 0; i < STORE_STMT_COUNT; i++) sqlite3_finalize(st->stmt[i]);
    sqlite3_finalize(st->get_row);
    sqlite3_finalize(st->get_flag);
    levels_free(&st->levels);
    sqlite3_close(st->db);
    sketcher_free(&st->sketcher);
    sketcher_free(&st->verifier);
    store_story_discard(st);
    free(st->story_docs);
    free(st->matches);
    free(st->match_ids);
    free(st->cand);
    free(st->cand_sig);
    free(st->path);
    free(st);
}

concord_status concord_store_stats_get(concord_store *st, concord_store_stats *s)
{
    if (!st || !s) return CONCORD_ERR_INVALID;
    memset(s, 0, sizeof *s);
    s->perms = st->opt.perms;
    s->shingle = st->opt.shingle;
    s->bands = st->bands;
    s->rows = st->rows;
    s->threshold = st->opt.threshold;
    s->containment = st->opt.containment;
    s->min_ratio = st->opt.min_ratio;
    sqlite3_stmt *q;
    /* count(*) walks the smallest index, not the texts. */
    if (sqlite3_prepare_v2(st->db,
                           "SELECT (SELECT count(*) FROM articles),"
                           " (SELECT count(*) FROM articles WHERE superseded = 1)",
                           -1, &q, NULL) != SQLITE_OK)
        return store_fail(st, 0, "cannot count articles");
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        s->versions = (size_t)sqlite3_column_int64(q, 0);
        s->articles = s->versions - (size_t)sqlite3_column_int64(q, 1);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? CONCORD_OK : store_fail(st, 0, "cannot count articles");
}
