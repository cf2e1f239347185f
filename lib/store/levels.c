/*
 * levels.c - the two levels of the band index and their in-memory copies
 * (levels.h). Costs per article, at a million stored articles: adding it
 * appends one row at the end of bands_recent (no random page); finding its
 * candidates costs 27 hash lookups and a filter test per key, and a
 * B-tree probe only for the ~1% of keys the filter wrongly lets through
 * plus the keys that are really shared; merging rewrites bands once per
 * merge_rows rows, in key order.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/buf.h"

/* Filter chunks: one row of band_filter holds up to 1 MiB of the filter. */
enum { FILTER_CHUNK_BYTES = 1 << 20 };

const char *const levels_schema_sql =
    "CREATE TABLE bands(key INTEGER NOT NULL, doc INTEGER NOT NULL,"
    " PRIMARY KEY(key, doc)) WITHOUT ROWID;"
    "CREATE TABLE bands_recent(doc INTEGER PRIMARY KEY, keys BLOB NOT NULL);"
    /* Every band row of both levels as (key as 16 hex digits, doc): for
       checks and tests, which cannot read the blobs' integers in SQL. */
    "CREATE VIEW band_rows(key, doc) AS"
    " SELECT printf('%016X', key), doc FROM bands UNION ALL"
    " SELECT printf('%08X', n) || hex(substr(keys, 1 + 4 * n, 4)), doc FROM bands_recent,"
    " (WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i"
    "  WHERE n + 1 < (SELECT value FROM meta WHERE key = 'bands')) SELECT n FROM i)"
    " WHERE 4 * n < length(keys);"
    "CREATE TABLE band_filter(chunk INTEGER PRIMARY KEY, bits BLOB NOT NULL);"
    "INSERT INTO band_filter VALUES(0, zeroblob(1024));" /* an empty filter of 16 blocks of 64 bytes */
    "INSERT INTO meta(key, value) VALUES('band_generation', 0), ('filter_blocks', 16), ('filter_keys', 0);";

static const char *const levels_sql[LEVELS_STMT_COUNT] = {
    [L_PROBE] = "SELECT doc FROM bands WHERE key = ?1",
    [L_RECENT_ADD] = "INSERT INTO bands_recent(doc, keys) VALUES(?1, ?2)",
    [L_RECENT_LOAD] = "SELECT doc, keys FROM bands_recent WHERE doc > ?1 ORDER BY doc",
    [L_RECENT_DELETE] = "DELETE FROM bands_recent WHERE doc = ?1",
    [L_MERGED_DELETE] = "DELETE FROM bands WHERE key = ?1 AND doc = ?2",
    [L_MERGE_WRITE] = "INSERT OR IGNORE INTO bands(key, doc) VALUES(?1, ?2)",
    [L_RECENT_CLEAR] = "DELETE FROM bands_recent",
    [L_FILTER_COUNT] = "SELECT count(*) FROM bands",
    [L_FILTER_SCAN] = "SELECT key FROM bands",
    [L_FILTER_LOAD] = "SELECT bits FROM band_filter ORDER BY chunk",
    [L_FILTER_CLEAR] = "DELETE FROM band_filter",
    [L_FILTER_PUT] = "INSERT INTO band_filter(chunk, bits) VALUES(?1, ?2)",
    [L_STATE_GET] = "SELECT (SELECT value FROM meta WHERE key = 'band_generation'),"
                    " (SELECT value FROM meta WHERE key = 'filter_blocks'),"
                    " (SELECT value FROM meta WHERE key = 'filter_keys')",
    [L_STATE_PUT] = "INSERT OR REPLACE INTO meta(key, value) VALUES('band_generation', ?1),"
                    " ('filter_blocks', ?2), ('filter_keys', ?3)",
    [L_DATA_VERSION] = "PRAGMA data_version",
    [L_ROOT] = "SELECT (SELECT rootpage FROM sqlite_schema WHERE name = 'bands'),"
               " (SELECT page_size FROM pragma_page_size)",
    [L_READ_BEGIN] = "BEGIN",
    [L_READ_END] = "COMMIT",
};

static int writes(int i)
{
    return i == L_RECENT_ADD || i == L_RECENT_DELETE || i == L_MERGED_DELETE || i == L_MERGE_WRITE ||
           i == L_RECENT_CLEAR || i == L_FILTER_CLEAR || i == L_FILTER_PUT || i == L_STATE_PUT;
}

/* bands_recent.keys: each band's 32-bit key, big-endian (so hex() of
   its bytes reads as the number: the band_rows view). */
static void keys_to_blob(const uint32_t *keys, unsigned bands, unsigned char *blob)
{
    for (unsigned b = 0; b < bands; b++) {
        blob[4 * b] = (unsigned char)(keys[b] >> 24);
        blob[4 * b + 1] = (unsigned char)(keys[b] >> 16);
        blob[4 * b + 2] = (unsigned char)(keys[b] >> 8);
        blob[4 * b + 3] = (unsigned char)keys[b];
    }
}

static uint32_t key_from_blob(const unsigned char *blob, unsigned b)
{
    return (uint32_t)blob[4 * b] << 24 | (uint32_t)blob[4 * b + 1] << 16 | (uint32_t)blob[4 * b + 2] << 8 |
           blob[4 * b + 3];
}

/* The bands of a bands_recent row: its blob's 4-byte keys (a blob of
   another length than the store's bands gives as many as it holds). */
static unsigned blob_bands(const concord_store *st, size_t bytes)
{
    return bytes / 4 < st->bands ? (unsigned)(bytes / 4) : st->bands;
}

/* The filter is stored as little-endian 64-bit words: a plain copy on
   such hosts, byte by byte elsewhere. */
static int host_is_little_endian(void)
{
    const uint16_t one = 1;
    return *(const unsigned char *)&one == 1;
}

/* Step q to completion and reset it. */
static concord_status run(concord_store *st, sqlite3_stmt *q, const char *what)
{
    int rc = sqlite3_step(q);
    concord_status s = rc == SQLITE_DONE ? CONCORD_OK : store_fail(st, 0, what);
    store_reset(q);
    return s;
}

void levels_free(store_levels *lv)
{
    for (int i = 0; i < LEVELS_STMT_COUNT; i++) sqlite3_finalize(lv->stmt[i]);
    recent_free(&lv->recent);
    bloom_free(&lv->filter);
    free(lv->pairs);
    prefetch_free(&lv->prefetch);
    memset(lv, 0, sizeof *lv);
}

void levels_invalidate(concord_store *st) { st->levels.loaded = 0; }

concord_status levels_read_begin(concord_store *st)
{
    return run(st, st->levels.stmt[L_READ_BEGIN], "cannot read the store");
}

void levels_read_end(concord_store *st)
{
    sqlite3_step(st->levels.stmt[L_READ_END]);
    sqlite3_reset(st->levels.stmt[L_READ_END]);
}

/* The filter from band_filter (little-endian words). A filter whose size
   does not match its recorded block count is ignored (every key is then
   a "maybe": slower, never wrong) and rebuilt at the next merge. */
static concord_status load_filter(concord_store *st, int64_t blocks, int64_t keys)
{
    store_bloom *f = &st->levels.filter;
    bloom_free(f);
    if (blocks <= 0 || (blocks & (blocks - 1)) || (uint64_t)blocks > SIZE_MAX / BLOOM_BLOCK_BYTES / 2)
        return CONCORD_OK;
    concord_status s = bloom_reset(f, (size_t)blocks);
    if (s) return s;
    f->keys = keys > 0 ? (uint64_t)keys : 0;
    size_t total = (size_t)blocks * BLOOM_BLOCK_BYTES, at = 0;
    sqlite3_stmt *q = st->levels.stmt[L_FILTER_LOAD];
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_bytes(q, 0);
        const unsigned char *b = sqlite3_column_blob(q, 0);
        if (n > total - at || (n && !b)) break;
        if (host_is_little_endian()) memcpy((unsigned char *)f->words + at, b, n);
        else
            for (size_t i = 0; i < n; i++) /* little-endian on disk */
                f->words[(at + i) / 8] |= (uint64_t)b[i] << (8 * ((at + i) % 8));
        at += n;
    }
    sqlite3_reset(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_fail(st, 0, "cannot read the band filter");
    if (rc == SQLITE_ROW || at != total) bloom_free(f); /* inconsistent: no filter */
    return CONCORD_OK;
}

/* The rows of bands_recent after doc `after`, expanded to (key, doc),
   into lv->pairs[0..*len). */
static concord_status read_recent(concord_store *st, int64_t after, size_t *len)
{
    store_levels *lv = &st->levels;
    *len = 0;
    sqlite3_stmt *q = lv->stmt[L_RECENT_LOAD];
    sqlite3_bind_int64(q, 1, after);
    concord_status s = CONCORD_OK;
    int rc;
    while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t doc = lv->recent_doc = sqlite3_column_int64(q, 0);
        const unsigned char *blob = sqlite3_column_blob(q, 1);
        unsigned n = blob ? blob_bands(st, (size_t)sqlite3_column_bytes(q, 1)) : 0;
        if ((s = vec_grow((void **)&lv->pairs, &lv->pairs_cap, *len, n, sizeof *lv->pairs))) break;
        for (unsigned b = 0; b < n; b++)
            lv->pairs[(*len)++] = (recent_pair){(uint64_t)store_band_key(b, key_from_blob(blob, b)), doc};
    }
    if (!s && rc != SQLITE_DONE) s = store_fail(st, 0, "cannot read the band index");
    store_reset(q);
    return s;
}

concord_status levels_sync(concord_store *st)
{
    store_levels *lv = &st->levels;
    sqlite3_stmt *q = lv->stmt[L_DATA_VERSION];
    int rc = sqlite3_step(q);
    int64_t version = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
    sqlite3_reset(q);
    if (rc != SQLITE_ROW) return store_fail(st, 0, "cannot read the band index");
    if (lv->loaded && version == lv->data_version) return CONCORD_OK;

    q = lv->stmt[L_STATE_GET];
    rc = sqlite3_step(q);
    int64_t generation = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    int64_t blocks = rc == SQLITE_ROW ? sqlite3_column_int64(q, 1) : 0;
    int64_t keys = rc == SQLITE_ROW ? sqlite3_column_int64(q, 2) : 0;
    sqlite3_reset(q);
    if (rc != SQLITE_ROW) return store_fail(st, 0, "cannot read the band index");
    concord_status s;
    if (!lv->loaded || generation != lv->generation) {
        lv->loaded = 0;
        recent_clear(&lv->recent);
        lv->recent_doc = 0;
        prefetch_forget(&lv->prefetch);
        if ((s = load_filter(st, blocks, keys))) return s;
    }
    /* Rows appended since the last sync (all of them after a merge).
       Rows deleted by another connection since (superseded versions) stay
       in memory; verification skips superseded articles. */
    size_t n;
    if ((s = read_recent(st, lv->recent_doc, &n)) || (s = recent_add_many(&lv->recent, lv->pairs, n))) return s;
    if (lv->pairs_cap > ((size_t)1 << 16)) { /* a load's buffer: not kept between syncs */
        free(lv->pairs);
        lv->pairs = NULL;
        lv->pairs_cap = 0;
    }
    lv->generation = generation;
    lv->data_version = version;
    lv->loaded = 1;
    return CONCORD_OK;
}

concord_status levels_open(concord_store *st)
{
    store_levels *lv = &st->levels;
    for (int i = 0; i < LEVELS_STMT_COUNT; i++) {
        if (st->readonly && writes(i)) continue;
        if (sqlite3_prepare_v3(st->db, levels_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &lv->stmt[i], NULL) !=
            SQLITE_OK)
            return store_fail(st, 0, "cannot prepare");
    }
    sqlite3_stmt *q = lv->stmt[L_ROOT];
    if (sqlite3_step(q) == SQLITE_ROW) {
        prefetch_open(&lv->prefetch, st->path, (unsigned)sqlite3_column_int64(q, 1),
                      (uint32_t)sqlite3_column_int64(q, 0));
        prefetch_warm(&lv->prefetch);
    }
    sqlite3_reset(q);
    concord_status s = levels_read_begin(st);
    if (!s) {
        s = levels_sync(st);
        levels_read_end(st);
    }
    return s;
}

concord_status levels_candidates(concord_store *st, const uint32_t *keys, size_t *len)
{
    store_levels *lv = &st->levels;
    /* Keys the filter lets through; their leaves are asked for at once
       (prefetch.h) when there are several. */
    int64_t probe[STORE_MAX_BANDS];
    unsigned probes = 0;
    for (unsigned b = 0; b < st->bands; b++) {
        uint64_t key = (uint64_t)store_band_key(b, keys[b]);
        concord_status s = recent_find(&lv->recent, key, &st->cand, len, &st->cand_cap);
        if (s) return s;
        if (bloom_maybe(&lv->filter, key)) probe[probes++] = (int64_t)key;
    }
    if (probes > 1)
        for (unsigned i = 0; i < probes; i++) prefetch_key(&lv->prefetch, probe[i]);
    sqlite3_stmt *q = lv->stmt[L_PROBE];
    for (unsigned i = 0; i < probes; i++) {
        sqlite3_bind_int64(q, 1, probe[i]);
        concord_status s = CONCORD_OK;
        int rc;
        while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW)
            s = VEC_PUSH(st->cand, *len, st->cand_cap, sqlite3_column_int64(q, 0));
        if (!s && rc != SQLITE_DONE) s = store_fail(st, 0, "cannot look up candidates");
        sqlite3_reset(q);
        if (s) return s;
    }
    return CONCORD_OK;
}

concord_status levels_add(concord_store *st, int64_t doc, const uint32_t *keys)
{
    store_levels *lv = &st->levels;
    unsigned char blob[4 * STORE_MAX_BANDS];
    keys_to_blob(keys, st->bands, blob);
    sqlite3_stmt *q = lv->stmt[L_RECENT_ADD];
    sqlite3_bind_int64(q, 1, doc);
    sqlite3_bind_blob(q, 2, blob, (int)(4 * st->bands), SQLITE_STATIC);
    concord_status s = run(st, q, "cannot store an article");
    for (unsigned b = 0; b < st->bands && !s; b++) s = recent_add(&lv->recent, (uint64_t)store_band_key(b, keys[b]), doc);
    /* The batch holds the write lock: this is the level's last row. */
    if (!s && doc > lv->recent_doc) lv->recent_doc = doc;
    return s;
}

concord_status levels_remove(concord_store *st, int64_t doc, const uint32_t *keys)
{
    store_levels *lv = &st->levels;
    sqlite3_stmt *q = lv->stmt[L_RECENT_DELETE];
    sqlite3_bind_int64(q, 1, doc);
    concord_status s = run(st, q, "cannot supersede a version");
    q = lv->stmt[L_MERGED_DELETE];
    for (unsigned b = 0; b < st->bands && !s; b++) {
        uint64_t key = (uint64_t)store_band_key(b, keys[b]);
        recent_remove(&lv->recent, key, doc);
        if (!bloom_maybe(&lv->filter, key)) continue; /* not in bands */
        sqlite3_bind_int64(q, 1, (int64_t)key);
        sqlite3_bind_int64(q, 2, doc);
        s = run(st, q, "cannot supersede a version");
    }
    return s;
}

/* Rebuild the filter from every key of bands, sized for them. */
static concord_status regrow_filter(concord_store *st)
{
    store_bloom *f = &st->levels.filter;
    sqlite3_stmt *q = st->levels.stmt[L_FILTER_COUNT];
    int rc = sqlite3_step(q);
    int64_t keys = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    if (rc != SQLITE_ROW) return store_fail(st, 0, "cannot rebuild the band filter");
    concord_status s = bloom_reset(f, bloom_blocks_for((uint64_t)keys));
    if (s) return s;
    q = st->levels.stmt[L_FILTER_SCAN];
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) bloom_add(f, (uint64_t)sqlite3_column_int64(q, 0));
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? CONCORD_OK : store_fail(st, 0, "cannot rebuild the band filter");
}

/* Replace band_filter with the filter in memory. */
static concord_status save_filter(concord_store *st)
{
    const store_bloom *f = &st->levels.filter;
    concord_status s = run(st, st->levels.stmt[L_FILTER_CLEAR], "cannot save the band filter");
    if (s) return s;
    unsigned char *bytes = malloc(FILTER_CHUNK_BYTES);
    if (!bytes) return CONCORD_ERR_NOMEM;
    size_t total = f->blocks * BLOOM_BLOCK_BYTES;
    sqlite3_stmt *q = st->levels.stmt[L_FILTER_PUT];
    for (size_t at = 0, chunk = 0; at < total && !s; at += FILTER_CHUNK_BYTES, chunk++) {
        size_t n = total - at < FILTER_CHUNK_BYTES ? total - at : FILTER_CHUNK_BYTES;
        if (host_is_little_endian()) memcpy(bytes, (const unsigned char *)f->words + at, n);
        else
            for (size_t i = 0; i < n; i++) bytes[i] = (unsigned char)(f->words[(at + i) / 8] >> (8 * ((at + i) % 8)));
        sqlite3_bind_int64(q, 1, (int64_t)chunk);
        sqlite3_bind_blob(q, 2, bytes, (int)n, SQLITE_STATIC);
        s = run(st, q, "cannot save the band filter");
    }
    free(bytes);
    if (s) return s;
    q = st->levels.stmt[L_STATE_PUT];
    sqlite3_bind_int64(q, 1, st->levels.generation + 1);
    sqlite3_bind_int64(q, 2, (int64_t)f->blocks);
    sqlite3_bind_int64(q, 3, (int64_t)f->keys);
    return run(st, q, "cannot save the band filter");
}

static int by_key_doc(const void *x, const void *y)
{
    const recent_pair *p = x, *q = y;
    if (p->key != q->key) return p->key < q->key ? -1 : 1;
    return (p->doc > q->doc) - (p->doc < q->doc);
}

concord_status levels_maybe_merge(concord_store *st)
{
    store_levels *lv = &st->levels;
    if (lv->recent.live < lv->merge_rows) return CONCORD_OK;
    size_t n;
    concord_status s = read_recent(st, 0, &n);
    recent_pair *rows = lv->pairs;
    if (!s && n > 1) qsort(rows, n, sizeof *rows, by_key_doc);
    /* In key order: each leaf of bands is rewritten once per merge. */
    sqlite3_stmt *q = lv->stmt[L_MERGE_WRITE];
    for (size_t i = 0; i < n && !s; i++) {
        sqlite3_bind_int64(q, 1, (int64_t)rows[i].key);
        sqlite3_bind_int64(q, 2, rows[i].doc);
        s = run(st, q, "cannot merge the band index");
    }
    /* The filter's key count includes superseded rows; regrowing from
       bands' real rows corrects it. */
    if (!s && lv->filter.blocks && !bloom_too_full(&lv->filter, lv->filter.keys + n)) {
        for (size_t i = 0; i < n; i++) bloom_add(&lv->filter, rows[i].key);
    } else if (!s) {
        s = regrow_filter(st);
    }
    if (!s) s = run(st, lv->stmt[L_RECENT_CLEAR], "cannot merge the band index");
    if (!s) s = save_filter(st);
    if (s) return s; /* the caller rolls back and invalidates */
    recent_clear(&lv->recent);
    lv->recent_doc = 0;
    lv->generation++;
    prefetch_forget(&lv->prefetch); /* bands' interior pages changed */
    return CONCORD_OK;
}
