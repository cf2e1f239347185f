/* article.c - one stored row by its doc number (concord_store_get). */
#include <string.h>

#include "store/store.h"

/* Column i as pointer + length; NULL, 0 for SQL NULL. */
static const char *column(sqlite3_stmt *q, int i, size_t *len)
{
    const char *s = (const char *)sqlite3_column_text(q, i);
    *len = s ? (size_t)sqlite3_column_bytes(q, i) : 0;
    return s;
}

/* Only whether row doc is current: the columns before the text, so
   SQLite reads the row's first page and never its overflow pages. */
static concord_status get_current(concord_store *st, int64_t doc, int *current)
{
    if (!st->get_flag &&
        sqlite3_prepare_v3(st->db, "SELECT superseded FROM articles WHERE doc = ?1", -1,
                           SQLITE_PREPARE_PERSISTENT, &st->get_flag, NULL) != SQLITE_OK)
        return store_fail(st, 0, "cannot read an article");
    sqlite3_bind_int64(st->get_flag, 1, doc);
    int rc = sqlite3_step(st->get_flag);
    if (rc == SQLITE_ROW && current) *current = sqlite3_column_int(st->get_flag, 0) == 0;
    concord_status s = rc == SQLITE_ROW ? CONCORD_OK
                       : rc == SQLITE_DONE ? CONCORD_END
                                           : store_fail(st, 0, "cannot read an article");
    sqlite3_reset(st->get_flag);
    return s;
}

concord_status concord_store_get(concord_store *st, int64_t doc, concord_article *a, int *current)
{
    if (!st) return CONCORD_ERR_INVALID;
    st->error[0] = '\0';
    if (!a) return get_current(st, doc, current);
    if (!st->get_row &&
        sqlite3_prepare_v3(st->db,
                           "SELECT id, text, title, date, url, source, superseded FROM articles"
                           " WHERE doc = ?1",
                           -1, SQLITE_PREPARE_PERSISTENT, &st->get_row, NULL) != SQLITE_OK)
        return store_fail(st, 0, "cannot read an article");
    /* The previous row's pointers die here, as documented. */
    sqlite3_reset(st->get_row);
    sqlite3_bind_int64(st->get_row, 1, doc);
    int rc = sqlite3_step(st->get_row);
    if (rc == SQLITE_DONE) return CONCORD_END;
    if (rc != SQLITE_ROW) return store_fail(st, 0, "cannot read an article");
    sqlite3_stmt *q = st->get_row;
    memset(a, 0, sizeof *a);
    a->id = column(q, 0, &a->id_len);
    a->text = column(q, 1, &a->text_len);
    a->title = column(q, 2, &a->title_len);
    a->date = column(q, 3, &a->date_len);
    a->url = column(q, 4, &a->url_len);
    a->source = column(q, 5, &a->source_len);
    a->file = st->path;
    a->bytes = a->text_len;
    if (!a->id) a->id = "";
    if (!a->text) a->text = "";
    if (current) *current = sqlite3_column_int(q, 6) == 0;
    return CONCORD_OK;
}
