/*
 * Unit tests of the store's band index (lib/store/levels.c and its parts):
 * the Bloom filter never forgets a key and stays near its false-positive
 * budget, the in-memory recent level agrees with a brute-force list, and
 * handles see each other's commits and merges through the in-memory
 * copies. Texts are numbered words (see test_store.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "concord.h"
#include "fixtures.h"
#include "store_fixture.h"
#include "sketch/hash.h"
#include "store/bloom.h"
#include "store/prefetch.h"
#include "store/recent.h"

static void bloom_keeps_every_key_and_few_false_positives(void **state)
{
    (void)state;
    store_bloom b = {0};
    assert_int_equal(bloom_maybe(&b, 42), 1); /* no filter: everything may be there */
    enum { KEYS = 20000, OTHERS = 200000 };
    assert_int_equal(bloom_reset(&b, bloom_blocks_for(KEYS)), CONCORD_OK);
    /* 16 bits a key: the blocks hold at least that, at most twice. */
    assert_true((uint64_t)b.blocks * BLOOM_BLOCK_BYTES * 8 >= (uint64_t)KEYS * 16);
    assert_true((uint64_t)b.blocks * BLOOM_BLOCK_BYTES * 8 < (uint64_t)KEYS * 32);
    for (uint64_t i = 0; i < KEYS; i++) bloom_add(&b, (i % 27) << 32 | (hash_mix64(i) & 0xffffffffu));
    assert_int_equal(b.keys, KEYS);
    assert_false(bloom_too_full(&b, KEYS));
    assert_true(bloom_too_full(&b, (uint64_t)b.blocks * BLOOM_BLOCK_BYTES + 1)); /* < 8 bits a key */
    for (uint64_t i = 0; i < KEYS; i++) assert_int_equal(bloom_maybe(&b, (i % 27) << 32 | (hash_mix64(i) & 0xffffffffu)), 1);
    size_t fp = 0;
    for (uint64_t i = KEYS; i < KEYS + OTHERS; i++) fp += (size_t)bloom_maybe(&b, (i % 27) << 32 | (hash_mix64(i) & 0xffffffffu));
    /* A blocked filter with 7 bits at >= 16 bits a key: ~0.1%; 0.5% is a bound. */
    assert_true(fp < OTHERS / 200);
    bloom_free(&b);
}

/* Docs under key in r, sorted, as a bit mask over docs 1..63. */
static uint64_t found(const store_recent *r, uint64_t key)
{
    int64_t *docs = NULL;
    size_t len = 0, cap = 0;
    assert_int_equal(recent_find(r, key, &docs, &len, &cap), CONCORD_OK);
    uint64_t mask = 0;
    for (size_t i = 0; i < len; i++) {
        assert_true(docs[i] > 0 && docs[i] < 64);
        assert_false(mask & UINT64_C(1) << docs[i]); /* no pair twice */
        mask |= UINT64_C(1) << docs[i];
    }
    free(docs);
    return mask;
}

static void recent_level_matches_a_brute_force_list(void **state)
{
    (void)state;
    enum { KEYS = 3000 };
    /* truth[k]: the docs (bits 1..63) stored under key k. */
    static uint64_t truth[KEYS];
    memset(truth, 0, sizeof truth);
    store_recent r = {0};
    assert_int_equal(found(&r, 7), 0);
    recent_remove(&r, 7, 1); /* nothing to remove: harmless */
    uint64_t x = 12345;
    for (int step = 0; step < 60000; step++) {
        x = hash_mix64(x + (uint64_t)step);
        uint64_t k = x % KEYS;
        int64_t doc = (int64_t)(1 + (x >> 20) % 63);
        if ((x >> 40) % 3 == 0) { /* a third removals: leaves removed slots behind */
            recent_remove(&r, k * 0x9e3779b97f4a7c15u, doc);
            truth[k] &= ~(UINT64_C(1) << doc);
        } else if (!(truth[k] & UINT64_C(1) << doc)) { /* each pair is added once */
            assert_int_equal(recent_add(&r, k * 0x9e3779b97f4a7c15u, doc), CONCORD_OK);
            truth[k] |= UINT64_C(1) << doc;
        }
    }
    size_t live = 0;
    for (int k = 0; k < KEYS; k++) {
        assert_int_equal(found(&r, (uint64_t)k * 0x9e3779b97f4a7c15u), truth[k]);
        live += (size_t)__builtin_popcountll(truth[k]);
    }
    assert_int_equal(r.live, live);
    assert_true(r.used * 4 <= r.cap * 3);
    recent_clear(&r);
    assert_int_equal(found(&r, 0), 0);
    assert_int_equal(r.live, 0);
    recent_free(&r);
}

/* "t<from> ... t<to-1>" with word `swap` written "s<swap>" instead. */
static char *numbered(int from, int to, int swap)
{
    size_t cap = (size_t)(to - from) * 12 + 1, len = 0;
    char *s = malloc(cap);
    s[0] = '\0';
    for (int i = from; i < to; i++)
        len += (size_t)snprintf(s + len, cap - len, "%s%c%d", i == from ? "" : " ", i == swap ? 's' : 't', i);
    return s;
}

static concord_store *open_with(const char *name, unsigned flags, size_t batch, size_t merge_rows)
{
    concord_store_options o;
    concord_store_options_init(&o);
    o.flags = flags;
    o.batch_size = batch;
    o.merge_rows = merge_rows;
    concord_store *st = NULL;
    char msg[512];
    concord_status s = concord_store_open(&st, fx(name), &o, msg, sizeof msg);
    if (s) fprintf(stderr, "open: %s\n", msg);
    assert_int_equal(s, CONCORD_OK);
    return st;
}

static concord_store_result ingest(concord_store *st, const char *id, const char *text)
{
    concord_article a = {.id = id, .id_len = strlen(id), .text = text, .text_len = strlen(text)};
    concord_store_result r;
    assert_int_equal(concord_store_ingest(st, &a, &r), CONCORD_OK);
    return r;
}

static concord_store_result query(concord_store *st, const char *text)
{
    concord_store_result r;
    concord_article a = {.text = text, .text_len = strlen(text)};
    assert_int_equal(concord_store_query(st, &a, &r), CONCORD_OK);
    return r;
}

/* The match of id (version 0: any version) in r, or NULL. */
static const concord_store_match *match_of(const concord_store_result *r, const char *id, unsigned version)
{
    for (size_t i = 0; i < r->match_count; i++)
        if (r->matches[i].id_len == strlen(id) && !memcmp(r->matches[i].id, id, r->matches[i].id_len) &&
            (!version || r->matches[i].version == version))
            return &r->matches[i];
    return NULL;
}

static void handles_see_each_others_commits_and_merges(void **state)
{
    (void)state;
    /* merge_rows 60: a commit holding >= 3 articles' rows (27 bands each)
       merges. */
    concord_store *w = open_with("two.db", CONCORD_STORE_CREATE, 100, 60);
    concord_store *r = open_with("two.db", CONCORD_STORE_READONLY, 100, 60);
    concord_store *w2 = open_with("two.db", 0, 100, 60); /* a second writer, opened before any commit */
    char *a = numbered(0, 100, -1), *a_near = numbered(0, 100, 40), *a_new = numbered(0, 100, 60);
    char *b = numbered(200, 300, -1), *c = numbered(400, 500, -1), *d = numbered(600, 700, -1);
    assert_int_equal(query(r, a).match_count, 0);

    /* A commit of w is seen by r (recent level, reloaded in memory). */
    ingest(w, "a", a);
    assert_int_equal(concord_store_commit(w, NULL), CONCORD_OK);
    concord_store_result q = query(r, a_near);
    assert_non_null(match_of(&q, "a", 1));
    assert_int_equal(sql_int(fx("two.db"), "SELECT count(*) FROM bands"), 0);

    /* ... and by w2's next batch. */
    q = ingest(w2, "a-copy", a_near);
    assert_non_null(match_of(&q, "a", 1));
    ingest(w2, "b", b);
    ingest(w2, "c", c);
    assert_int_equal(concord_store_commit(w2, NULL), CONCORD_OK); /* 4 articles: merged */
    assert_int_equal(sql_int(fx("two.db"), "SELECT count(*) FROM bands_recent"), 0);
    assert_true(sql_int(fx("two.db"), "SELECT count(*) FROM bands") > 0);

    /* w2's merge is seen by r and by w (the filter and the emptied recent
       level are reloaded). */
    q = query(r, a);
    assert_non_null(match_of(&q, "a", 1));
    assert_non_null(match_of(&q, "a-copy", 1));
    q = ingest(w, "d", d);
    assert_int_equal(q.match_count, 0);
    q = ingest(w, "c-again", c);
    assert_non_null(match_of(&q, "c", 1));
    assert_int_equal(concord_store_commit(w, NULL), CONCORD_OK);

    /* A version superseded by w is not reported by r, which loaded its
       rows before. */
    q = ingest(w, "a", a_new);
    assert_int_equal(q.outcome, CONCORD_STORE_NEW_VERSION);
    assert_int_equal(concord_store_commit(w, NULL), CONCORD_OK);
    q = query(r, a);
    assert_null(match_of(&q, "a", 1));
    assert_non_null(match_of(&q, "a", 2));
    assert_non_null(match_of(&q, "a-copy", 1));

    concord_store_free(w);
    concord_store_free(w2);
    concord_store_free(r);
    free(a), free(a_near), free(a_new), free(b), free(c), free(d);
}

static void filter_regrows_and_misses_nothing(void **state)
{
    (void)state;
    const char *path = fx("grow.db");
    /* A new store's filter has 16 blocks (8,192 bits: 1,024 keys at 8
       bits a key); 120 articles x 27 bands must regrow it. */
    enum { N = 120 };
    concord_store *st = open_with("grow.db", CONCORD_STORE_CREATE, 10, 200);
    assert_int_equal(sql_int(path, "SELECT value FROM meta WHERE key = 'filter_blocks'"), 16);
    char *texts[N];
    char id[32];
    for (int i = 0; i < N; i++) {
        texts[i] = numbered(1000 * i, 1000 * i + 60, -1);
        snprintf(id, sizeof id, "n%d", i);
        ingest(st, id, texts[i]);
    }
    assert_int_equal(concord_store_commit(st, NULL), CONCORD_OK);
    int64_t blocks = sql_int(path, "SELECT value FROM meta WHERE key = 'filter_blocks'");
    assert_true(blocks > 16);
    assert_true(sql_int(path, "SELECT value FROM meta WHERE key = 'band_generation'") >= 2);
    assert_int_equal(sql_int(path, "SELECT sum(length(bits)) FROM band_filter"), blocks * BLOOM_BLOCK_BYTES);
    assert_int_equal(sql_int(path, "SELECT count(DISTINCT doc) FROM bands"), N); /* batches of 10 = 270 rows: merged at each commit */
    concord_store_free(st);
    /* Reopened read-only: every article finds itself (exact) through the
       reloaded filter and recent level. */
    st = open_with("grow.db", CONCORD_STORE_READONLY, 10, 200);
    for (int i = 0; i < N; i++) {
        concord_store_result r = query(st, texts[i]);
        snprintf(id, sizeof id, "n%d", i);
        const concord_store_match *m = match_of(&r, id, 1);
        assert_non_null(m);
        assert_int_equal(m->relation, CONCORD_REL_EXACT);
        assert_int_equal(r.match_count, 1);
        free(texts[i]);
    }
    concord_store_free(st);
}

static void older_schema_is_refused_untouched(void **state)
{
    (void)state;
    const char *path = fx("v1.db");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "PRAGMA application_id = 1129202500; PRAGMA user_version = 1;"
                                  "CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    concord_store_options o;
    concord_store_options_init(&o);
    o.flags = CONCORD_STORE_CREATE;
    concord_store *st;
    char msg[512];
    assert_int_equal(concord_store_open(&st, path, &o, msg, sizeof msg), CONCORD_ERR_UNSUPPORTED);
    assert_null(st);
    assert_non_null(strstr(msg, "schema version 1 was written by an older concord"));
    assert_non_null(strstr(msg, "new store"));
    assert_int_equal(sql_int(path, "PRAGMA user_version"), 1);
    assert_int_equal(sql_int(path, "SELECT count(*) FROM sqlite_schema"), 1);
}

/* The leaf the read-ahead picks for each key of bands is that key's leaf:
   checked against SQLite's own page list (dbstat: leaves in key order by
   their path), for every key of a tree of three levels. */
static void prefetch_finds_each_keys_leaf(void **state)
{
    (void)state;
    const char *path = fx("leaves.db");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    /* 1 KiB pages: ~60 rows a leaf, so 60,000 rows make three levels. */
    assert_int_equal(sqlite3_exec(db,
                                  "PRAGMA page_size = 1024;"
                                  "CREATE TABLE bands(key INTEGER NOT NULL, doc INTEGER NOT NULL,"
                                  " PRIMARY KEY(key, doc)) WITHOUT ROWID;"
                                  "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 60000)"
                                  " INSERT INTO bands SELECT (n % 27) << 32 | ((n * 2654435761) & 4294967295), n FROM i;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_stmt *q;
    /* Leaves of bands in key order, and the root. */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT pageno FROM dbstat WHERE name = 'bands' AND pagetype = 'leaf' ORDER BY path",
                                        -1, &q, NULL),
                     SQLITE_OK);
    uint32_t *leaves = NULL;
    size_t nleaves = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        leaves = realloc(leaves, (nleaves + 1) * sizeof *leaves);
        leaves[nleaves++] = (uint32_t)sqlite3_column_int64(q, 0);
    }
    sqlite3_finalize(q);
    assert_true(nleaves > 100);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT rootpage FROM sqlite_schema WHERE name = 'bands'", -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    uint32_t root = (uint32_t)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    store_prefetch p;
    prefetch_open(&p, path, 1024, root);
    /* Keys in order: their leaves must be the leaves in order, never
       going back, and every leaf must be reached. */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT key FROM bands ORDER BY key, doc", -1, &q, NULL), SQLITE_OK);
    size_t at = 0, keys = 0, reached = 1;
    while (sqlite3_step(q) == SQLITE_ROW) {
        uint32_t leaf = prefetch_leaf(&p, sqlite3_column_int64(q, 0));
        size_t i = at;
        while (i < nleaves && leaves[i] != leaf) i++;
        assert_true(i < nleaves); /* a leaf of bands, at or after the previous key's */
        if (!keys) assert_int_equal(i, 0);
        reached += i != at;
        at = i;
        keys++;
    }
    sqlite3_finalize(q);
    assert_int_equal(keys, 60000);
    assert_int_equal(reached, nleaves);
    assert_int_equal(p.depth, 3);
    assert_true(p.count > 2 && p.count < 40); /* the interior pages only */
    prefetch_forget(&p);
    assert_int_equal(p.count, 0);
    prefetch_free(&p);
    free(leaves);
    sqlite3_close(db);
}

static int setup(void **state)
{
    (void)state;
    return fixtures_setup("store_levels");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bloom_keeps_every_key_and_few_false_positives),
        cmocka_unit_test(recent_level_matches_a_brute_force_list),
        cmocka_unit_test(handles_see_each_others_commits_and_merges),
        cmocka_unit_test(filter_regrows_and_misses_nothing),
        cmocka_unit_test(older_schema_is_refused_untouched),
        cmocka_unit_test(prefetch_finds_each_keys_leaf),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
