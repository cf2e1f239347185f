/* iter.c - the current articles of a store, in storage order (--db input). */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

struct concord_store_iter {
    concord_store *store;
    sqlite3_stmt *q;
};

concord_status concord_store_iter_open(concord_store *st, concord_store_iter **out)
{
    if (!st || !out) return CONCORD_ERR_INVALID;
    *out = NULL;
    concord_store_iter *it = calloc(1, sizeof *it);
    if (!it) return CONCORD_ERR_NOMEM;
    it->store = st;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT id, text, title, date, url, source FROM articles"
                           " WHERE superseded = 0 ORDER BY doc",
                           -1, &it->q, NULL) != SQLITE_OK) {
        free(it);
        return store_fail(st, 0, "cannot read the articles");
    }
    *out = it;
    return CONCORD_OK;
}

/* Column i as pointer + length; NULL, 0 for SQL NULL. */
static const char *column(sqlite3_stmt *q, int i, size_t *len)
{
    const char *s = (const char *)sqlite3_column_text(q, i);
    *len = s ? (size_t)sqlite3_column_bytes(q, i) : 0;
    return s;
}

concord_status concord_store_iter_next(concord_store_iter *it, concord_article *a)
{
    if (!it || !a) return CONCORD_ERR_INVALID;
    int rc = sqlite3_step(it->q);
    if (rc == SQLITE_DONE) return CONCORD_END;
    if (rc != SQLITE_ROW) return store_fail(it->store, 0, "cannot read the articles");
    memset(a, 0, sizeof *a);
    a->id = column(it->q, 0, &a->id_len);
    a->text = column(it->q, 1, &a->text_len);
    a->title = column(it->q, 2, &a->title_len);
    a->date = column(it->q, 3, &a->date_len);
    a->url = column(it->q, 4, &a->url_len);
    a->source = column(it->q, 5, &a->source_len);
    a->file = it->store->path;
    a->bytes = a->text_len;
    if (!a->id) a->id = "";
    if (!a->text) a->text = "";
    return CONCORD_OK;
}

void concord_store_iter_free(concord_store_iter *it)
{
    if (!it) return;
    sqlite3_finalize(it->q);
    free(it);
}
