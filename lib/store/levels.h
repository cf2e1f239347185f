/*
 * levels.h - the LSH band index of a store: which stored articles share a
 * band key with a new one. Two levels (docs/store.md, "The band index"):
 *
 *   merged  table bands(key, doc), a B-tree of every article up to the
 *           last merge, with a Bloom filter over its keys (table
 *           band_filter, loaded into memory) so that keys it does not
 *           hold, most of a new article's, cost no B-tree probe;
 *   recent  table bands_recent(doc, keys): the articles added since, one
 *           row each (its band keys, 4 bytes a band), appended in doc
 *           order (a batch dirties only the pages at its end), mirrored
 *           in memory (recent.h) where it is probed.
 *
 * A commit that finds the recent level holding merge_rows rows or more
 * moves them into bands in key order and extends the filter, inside the
 * batch's transaction. The in-memory copies are reloaded when another
 * connection committed (PRAGMA data_version) and after a rollback.
 */
#ifndef CONCORD_STORE_LEVELS_H
#define CONCORD_STORE_LEVELS_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "concord.h"
#include "store/bloom.h"
#include "store/prefetch.h"
#include "store/recent.h"

enum levels_stmt {
    L_PROBE,          /* docs of one key in bands */
    L_RECENT_ADD,
    L_RECENT_LOAD,    /* rows of bands_recent past a doc */
    L_RECENT_DELETE,
    L_MERGED_DELETE,
    L_MERGE_WRITE,    /* one row into bands */
    L_RECENT_CLEAR,
    L_FILTER_COUNT,
    L_FILTER_SCAN,    /* every key of bands (regrowing the filter) */
    L_FILTER_LOAD,
    L_FILTER_CLEAR,
    L_FILTER_PUT,
    L_STATE_GET,      /* generation, filter blocks and keys */
    L_STATE_PUT,
    L_DATA_VERSION,
    L_ROOT,           /* bands' root page and the page size */
    L_READ_BEGIN,
    L_READ_END,
    LEVELS_STMT_COUNT
};

typedef struct store_levels {
    store_recent recent;        /* bands_recent, in memory */
    store_bloom filter;         /* over the keys of bands */
    size_t merge_rows;
    int loaded;                 /* 0: reload everything at the next sync */
    int64_t data_version;       /* when last synced */
    int64_t generation;         /* merges so far (meta band_generation) */
    int64_t recent_doc;         /* the last bands_recent row loaded */
    store_prefetch prefetch;    /* read-ahead of bands' leaves */
    recent_pair *pairs;         /* rows being loaded or merged */
    size_t pairs_cap;
    sqlite3_stmt *stmt[LEVELS_STMT_COUNT];
} store_levels;

/* SQL creating the tables and their initial state (schema.c). */
extern const char *const levels_schema_sql;

/* Prepare the statements and load the in-memory copies. */
concord_status levels_open(concord_store *st);
void levels_free(store_levels *lv);
/* Bring the in-memory copies up to date with the database; call inside a
   transaction (the batch's, or levels_read_begin()'s). */
concord_status levels_sync(concord_store *st);
/* A read transaction for a query outside a batch (one snapshot for the
   sync and the probes); end it with levels_read_end(). */
concord_status levels_read_begin(concord_store *st);
void levels_read_end(concord_store *st);
/* After a rollback: the in-memory copies may hold what was rolled back. */
void levels_invalidate(concord_store *st);

/* Append the docs sharing any of keys[0..bands) to st->cand[*len..]
   (with repeats). */
concord_status levels_candidates(concord_store *st, const uint32_t *keys, size_t *len);
/* Index article doc under keys[0..bands) (in the recent level). */
concord_status levels_add(concord_store *st, int64_t doc, const uint32_t *keys);
/* Take article doc, indexed under keys, out of both levels. */
concord_status levels_remove(concord_store *st, int64_t doc, const uint32_t *keys);
/* Merge the recent level into bands when it holds merge_rows rows or
   more (inside the open batch). */
concord_status levels_maybe_merge(concord_store *st);

#endif
