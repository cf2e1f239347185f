/*
 * Unit tests for concord_store (public API), checked against the database
 * through SQLite directly. Texts are numbered words so every Jaccard can
 * be worked out by hand: n distinct words have n-4 distinct 5-word
 * shingles. Stores are written under $CONCORD_TEST_TMP/store/.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "concord.h"
#include "fixtures.h"
#include "store_fixture.h"

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

static concord_article article(const char *id, const char *text)
{
    concord_article a = {.id = id, .id_len = strlen(id), .text = text, .text_len = strlen(text)};
    return a;
}

static concord_status query(concord_store *st, const char *id, const char *text, concord_store_result *r)
{
    concord_article a = article(id, text);
    return concord_store_query(st, &a, r);
}

static concord_store_result ingest(concord_store *st, const char *id, const char *text)
{
    concord_article a = article(id, text);
    concord_store_result r;
    assert_int_equal(concord_store_ingest(st, &a, &r), CONCORD_OK);
    return r;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return p;
}

static void new_unchanged_and_new_versions(void **state)
{
    (void)state;
    char *v1 = numbered(0, 100, -1), *v2 = numbered(0, 100, 50), *other = numbered(500, 560, -1);
    concord_store *st = open_store("versions.db", CONCORD_STORE_CREATE, 1000);
    concord_store_result r = ingest(st, "aldwyn-1", v1);
    assert_int_equal(r.outcome, CONCORD_STORE_NEW);
    assert_int_equal(r.version, 1);
    assert_int_equal(r.match_count, 0);
    int64_t first = r.doc;
    r = ingest(st, "aldwyn-2", other);
    assert_int_equal(r.outcome, CONCORD_STORE_NEW);
    /* Same words, other case and punctuation: the same content. */
    char *shouty = strdup(v1);
    for (char *p = shouty; *p; p++) *p = *p == 't' ? 'T' : *p == ' ' ? ';' : *p;
    r = ingest(st, "aldwyn-1", shouty);
    assert_int_equal(r.outcome, CONCORD_STORE_UNCHANGED);
    assert_int_equal(r.doc, first);
    assert_int_equal(r.version, 1);
    r = ingest(st, "aldwyn-1", v2);
    assert_int_equal(r.outcome, CONCORD_STORE_NEW_VERSION);
    assert_int_equal(r.version, 2);
    assert_true(r.doc != first);
    /* Its only near duplicate would be its own old version, which left the index. */
    assert_int_equal(r.match_count, 0);
    size_t committed = 0;
    assert_int_equal(concord_store_commit(st, &committed), CONCORD_OK);
    assert_int_equal(committed, 3); /* the unchanged one wrote nothing */

    concord_store_stats s;
    assert_int_equal(concord_store_stats_get(st, &s), CONCORD_OK);
    assert_int_equal(s.articles, 2);
    assert_int_equal(s.versions, 3);
    concord_store_free(st);

    const char *path = fx("versions.db");
    assert_int_equal(sql_int(path, "SELECT count(*) FROM articles WHERE id = 'aldwyn-1'"), 2);
    assert_int_equal(sql_int(path, "SELECT superseded FROM articles WHERE id = 'aldwyn-1' AND version = 1"), 1);
    assert_int_equal(sql_int(path, "SELECT superseded FROM articles WHERE id = 'aldwyn-1' AND version = 2"), 0);
    /* The old version's text is kept as it was. */
    assert_int_equal(sql_int(path, "SELECT length(text) FROM articles WHERE id = 'aldwyn-1' AND version = 1"),
                     (long long)strlen(v1));
    /* Band rows only for the two current articles. */
    assert_int_equal(sql_int(path, "SELECT count(DISTINCT doc) FROM band_rows"), 2);
    assert_int_equal(sql_int(path, "SELECT count(*) FROM band_rows WHERE doc = (SELECT doc FROM articles"
                                   " WHERE id = 'aldwyn-1' AND version = 1)"),
                     0);

    /* Re-ingesting everything changes nothing, not a byte of the content. */
    long long total_before = sql_int(path, "SELECT total(length(text)) + count(*) FROM articles");
    st = open_store("versions.db", 0, 1000);
    assert_int_equal(ingest(st, "aldwyn-2", other).outcome, CONCORD_STORE_UNCHANGED);
    assert_int_equal(ingest(st, "aldwyn-1", v2).outcome, CONCORD_STORE_UNCHANGED);
    /* The old version delivered again (a replayed feed) does not roll back. */
    r = ingest(st, "aldwyn-1", v1);
    assert_int_equal(r.outcome, CONCORD_STORE_UNCHANGED);
    assert_int_equal(r.version, 1);
    assert_int_equal(r.doc, first);
    assert_int_equal(concord_store_commit(st, &committed), CONCORD_OK);
    assert_int_equal(committed, 0);
    concord_store_free(st);
    assert_int_equal(sql_int(path, "SELECT total(length(text)) + count(*) FROM articles"), total_before);
    assert_int_equal(sql_int(path, "SELECT version FROM articles WHERE id = 'aldwyn-1' AND superseded = 0"), 2);
    free(v1), free(v2), free(other), free(shouty);
}

static const concord_store_match *find_match(const concord_store_result *r, const char *id)
{
    for (size_t i = 0; i < r->match_count; i++)
        if (r->matches[i].id_len == strlen(id) && !memcmp(r->matches[i].id, id, r->matches[i].id_len))
            return &r->matches[i];
    return NULL;
}

static void query_finds_what_was_stored_earlier(void **state)
{
    (void)state;
    char *orig = numbered(0, 100, -1);       /* 96 shingles */
    char *edited = numbered(0, 100, 50);     /* shares 91 with orig: J = 91/101 */
    char *excerpt = numbered(0, 60, -1);     /* 56 shingles, all in orig */
    char *other = numbered(1000, 1100, -1);
    concord_store *st = open_store("query.db", CONCORD_STORE_CREATE, 2);
    int64_t orig_story = ingest(st, "orig", orig).story;
    assert_int_equal(orig_story, 1);
    concord_store_result r = ingest(st, "other", other);
    assert_int_equal(r.story, 2); /* no word in common: a story of its own */
    assert_int_equal(r.committed, 2); /* a batch of 2 */
    r = ingest(st, "edited", edited);
    assert_int_equal(r.committed, 0);
    /* Found in the open batch too. */
    const concord_store_match *m = find_match(&r, "orig");
    assert_non_null(m);
    assert_int_equal(m->relation, CONCORD_REL_NEAR);
    assert_true(fabs(m->jaccard - 91.0 / 101.0) < 1e-12);
    assert_true(m->estimate > 0.7 && m->estimate <= 1.0);
    assert_int_equal(r.match_count, 1);
    assert_int_equal(concord_store_commit(st, NULL), CONCORD_OK);
    concord_store_free(st);

    st = open_store("query.db", CONCORD_STORE_READONLY, 1000);
    assert_int_equal(query(st, "new", excerpt, &r), CONCORD_OK);
    assert_int_equal(r.outcome, CONCORD_STORE_NEW);
    assert_int_equal(r.doc, -1);
    assert_int_equal(r.story, orig_story); /* it would join orig's story */
    m = find_match(&r, "orig");
    assert_non_null(m);
    assert_int_equal(m->relation, CONCORD_REL_CONTAINED);
    assert_true(m->a_in_b == 1.0);
    assert_true(fabs(m->jaccard - 56.0 / 96.0) < 1e-12);
    /* edited lacks the 5 shingles over word 50 (shingles 46..50), all
       within the excerpt's 0..55: 51 shared, 51/56 = 0.91 of the excerpt. */
    m = find_match(&r, "edited");
    assert_non_null(m);
    assert_int_equal(m->relation, CONCORD_REL_CONTAINED);
    assert_true(fabs(m->jaccard - 51.0 / 101.0) < 1e-12);
    assert_true(fabs(m->a_in_b - 51.0 / 56.0) < 1e-12);
    assert_null(find_match(&r, "other"));
    /* Most similar first. */
    assert_true(r.matches[0].jaccard >= r.matches[r.match_count - 1].jaccard);

    /* A stored article queried as is: unchanged, not its own duplicate. */
    assert_int_equal(query(st, "orig", orig, &r), CONCORD_OK);
    assert_int_equal(r.outcome, CONCORD_STORE_UNCHANGED);
    assert_int_equal(r.version, 1);
    assert_null(find_match(&r, "orig"));
    assert_non_null(find_match(&r, "edited"));
    /* The same id with other words: a new version; an exact copy under another id. */
    assert_int_equal(query(st, "other", orig, &r), CONCORD_OK);
    assert_int_equal(r.outcome, CONCORD_STORE_NEW_VERSION);
    m = find_match(&r, "orig");
    assert_non_null(m);
    assert_int_equal(m->relation, CONCORD_REL_EXACT);
    assert_true(m->jaccard == 1.0 && m->estimate == 1.0);

    /* A read-only handle refuses to write. */
    concord_article a = article("x", orig);
    assert_int_equal(concord_store_ingest(st, &a, &r), CONCORD_ERR_INVALID);
    assert_non_null(strstr(concord_store_error(st), "read-only"));
    concord_store_free(st);
    free(orig), free(edited), free(excerpt), free(other);
}

static void read_only_query_leaves_the_file_alone(void **state)
{
    (void)state;
    char *text = numbered(0, 80, -1);
    concord_store *st = open_store("ro.db", CONCORD_STORE_CREATE, 1000);
    ingest(st, "a", text);
    assert_int_equal(concord_store_commit(st, NULL), CONCORD_OK);
    concord_store_free(st);

    const char *path = fx("ro.db");
    struct stat before, after;
    assert_int_equal(stat(path, &before), 0);
    size_t n0, n1;
    char *bytes0 = slurp(path, &n0);
    st = open_store("ro.db", CONCORD_STORE_READONLY, 1000);
    concord_store_result r;
    for (int i = 0; i < 50; i++)
        assert_int_equal(query(st, "q", text, &r), CONCORD_OK);
    assert_int_equal(r.match_count, 1);
    concord_store_free(st);
    assert_int_equal(stat(path, &after), 0);
    char *bytes1 = slurp(path, &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(bytes0, bytes1, n0);
    assert_true(before.st_mtim.tv_sec == after.st_mtim.tv_sec && before.st_mtim.tv_nsec == after.st_mtim.tv_nsec);
    free(bytes0), free(bytes1), free(text);
}

static void iteration_and_metadata(void **state)
{
    (void)state;
    concord_store *st = open_store("iter.db", CONCORD_STORE_CREATE, 1000);
    concord_article a = article("estmark-1", "The Compact was signed in Port Aldwyn on Monday.");
    a.title = "Compact signed";
    a.title_len = strlen(a.title);
    a.date = "2031-04-07";
    a.date_len = 10;
    concord_store_result r;
    assert_int_equal(concord_store_ingest(st, &a, &r), CONCORD_OK);
    ingest(st, "estmark-2", "Minister Ilya Varenko left the harbour talks early.");
    ingest(st, "estmark-1", "The Compact was signed in Port Aldwyn on Tuesday, not Monday.");
    assert_int_equal(concord_store_commit(st, NULL), CONCORD_OK);

    concord_store_iter *it;
    assert_int_equal(concord_store_iter_open(st, &it), CONCORD_OK);
    concord_article b;
    assert_int_equal(concord_store_iter_next(it, &b), CONCORD_OK);
    assert_int_equal(b.id_len, 9);
    assert_memory_equal(b.id, "estmark-2", 9); /* estmark-1's current version came later */
    assert_null(b.title);
    assert_int_equal(concord_store_iter_next(it, &b), CONCORD_OK);
    assert_memory_equal(b.id, "estmark-1", 9);
    assert_non_null(strstr(b.text, "Tuesday"));
    assert_null(b.title); /* the new version came without a title */
    assert_int_equal(concord_store_iter_next(it, &b), CONCORD_END);
    concord_store_iter_free(it);
    concord_store_free(st);
    assert_int_equal(sql_int(fx("iter.db"), "SELECT count(*) FROM articles WHERE title = 'Compact signed'"
                                           " AND date = '2031-04-07' AND version = 1"),
                     1);
}

static void free_without_commit_rolls_back(void **state)
{
    (void)state;
    concord_store *st = open_store("rollback.db", CONCORD_STORE_CREATE, 1000);
    ingest(st, "kept", "Harbour fees in Port Aldwyn rise by a tenth from June.");
    assert_int_equal(concord_store_commit(st, NULL), CONCORD_OK);
    ingest(st, "lost", "Estmark's assembly adjourned without a vote on the levy.");
    concord_store_free(st);
    assert_int_equal(sql_int(fx("rollback.db"), "SELECT count(*) FROM articles"), 1);
    assert_int_equal(sql_int(fx("rollback.db"), "SELECT count(*) FROM articles WHERE id = 'kept'"), 1);
    assert_int_equal(sql_int(fx("rollback.db"), "PRAGMA application_id"), 0x434E4344);
    assert_int_equal(sql_int(fx("rollback.db"), "PRAGMA user_version"), 2);
    /* WAL mode: bytes 18 and 19 of the header are 2. */
    size_t n;
    char *header = slurp(fx("rollback.db"), &n);
    assert_true(n >= 100);
    assert_int_equal(header[18], 2);
    assert_int_equal(header[19], 2);
    free(header);
}

static void parameters_are_the_stores_own(void **state)
{
    (void)state;
    concord_store_options o;
    concord_store_options_init(&o);
    o.flags = CONCORD_STORE_CREATE;
    o.dedup.perms = 64;
    o.dedup.threshold = 0.7;
    concord_store *st;
    assert_int_equal(concord_store_open(&st, fx("params.db"), &o, NULL, 0), CONCORD_OK);
    concord_store_free(st);
    concord_store_options_init(&o); /* defaults: 128 perms, 0.8 */
    assert_int_equal(concord_store_open(&st, fx("params.db"), &o, NULL, 0), CONCORD_OK);
    concord_store_stats s;
    assert_int_equal(concord_store_stats_get(st, &s), CONCORD_OK);
    assert_int_equal(s.perms, 64);
    assert_true(s.threshold == 0.7);
    assert_true(s.bands * s.rows <= 64);
    concord_store_free(st);
    assert_int_equal(sql_int(fx("params.db"), "SELECT value FROM meta WHERE key = 'perms'"), 64);
}

/* The file's bytes must be what they were, and open must fail with want. */
static void refused_untouched(const char *name, const void *bytes, size_t len, concord_status want,
                              const char *message_part)
{
    const char *path = fx(name);
    concord_store_options o;
    concord_store_options_init(&o);
    o.flags = CONCORD_STORE_CREATE;
    concord_store *st = (concord_store *)(uintptr_t)1; /* must be reset to NULL */
    char msg[512];
    assert_int_equal(concord_store_open(&st, path, &o, msg, sizeof msg), want);
    assert_null(st);
    assert_non_null(strstr(msg, path));
    if (!strstr(msg, message_part)) fail_msg("'%s' not in '%s'", message_part, msg);
    o.flags = CONCORD_STORE_READONLY;
    assert_int_equal(concord_store_open(&st, path, &o, msg, sizeof msg), want);
    size_t n;
    char *after = slurp(path, &n);
    assert_int_equal(n, len);
    assert_memory_equal(after, bytes, len);
    free(after);
    /* Not switched to WAL: no -wal file appears next to a rollback-journal
       or non-SQLite file (a WAL-mode file gets one from any reader). */
    char wal[4300];
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (len < 20 || ((const unsigned char *)bytes)[18] != 2) assert_int_equal(access(wal, F_OK), -1);
}

static void foreign_and_corrupt_files_are_refused(void **state)
{
    (void)state;
    /* Random bytes. */
    unsigned char junk[8192];
    uint64_t x = 88172645463325252u;
    for (size_t i = 0; i < sizeof junk; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        junk[i] = (unsigned char)x;
    }
    write_bytes(fx("junk.db"), junk, sizeof junk);
    refused_untouched("junk.db", junk, sizeof junk, CONCORD_ERR_IO, "not a SQLite database");

    /* Another application's database. */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(fx("foreign.db"), &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE ledger(entry TEXT); INSERT INTO ledger VALUES('toll');",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    size_t n;
    char *bytes = slurp(fx("foreign.db"), &n);
    refused_untouched("foreign.db", bytes, n, CONCORD_ERR_UNSUPPORTED, "another application");
    free(bytes);

    /* A concord store of a newer schema. */
    concord_store *st = open_store("newer.db", CONCORD_STORE_CREATE, 1);
    concord_store_free(st);
    assert_int_equal(sqlite3_open(fx("newer.db"), &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99; PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    bytes = slurp(fx("newer.db"), &n);
    refused_untouched("newer.db", bytes, n, CONCORD_ERR_UNSUPPORTED, "schema version 99");
    free(bytes);
}

static void size_limit_fails_cleanly(void **state)
{
    (void)state;
    concord_store_options o;
    concord_store_options_init(&o);
    o.flags = CONCORD_STORE_CREATE;
    o.batch_size = 5;
    o.max_bytes = 256 * 1024;
    concord_store *st;
    assert_int_equal(concord_store_open(&st, fx("full.db"), &o, NULL, 0), CONCORD_OK);
    concord_status s = CONCORD_OK;
    int i, committed = 0;
    for (i = 0; i < 10000 && !s; i++) {
        char id[16];
        snprintf(id, sizeof id, "n%d", i);
        char *text = numbered(i * 300, i * 300 + 300, -1);
        concord_article a = article(id, text);
        concord_store_result r;
        s = concord_store_ingest(st, &a, &r);
        committed += (int)r.committed;
        free(text);
    }
    assert_int_equal(s, CONCORD_ERR_IO);
    assert_non_null(strstr(concord_store_error(st), "full"));
    assert_non_null(strstr(concord_store_error(st), "rolled back"));
    assert_true(committed > 0 && committed % 5 == 0);
    concord_store_free(st);
    const char *path = fx("full.db");
    assert_int_equal(sql_int(path, "SELECT count(*) FROM articles"), committed);
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "ok");
    sqlite3_finalize(q);
    sqlite3_close(db);
}

static void missing_and_unwritable_paths(void **state)
{
    (void)state;
    concord_store_options o;
    concord_store_options_init(&o);
    concord_store *st;
    char msg[512];
    /* Without CREATE, or read-only, a missing store is an error, not created. */
    assert_int_equal(concord_store_open(&st, fx("missing.db"), &o, msg, sizeof msg), CONCORD_ERR_IO);
    assert_non_null(strstr(msg, "no such store"));
    assert_int_equal(access(fx("missing.db"), F_OK), -1);
    o.flags = CONCORD_STORE_CREATE;
    assert_int_equal(concord_store_open(&st, fx("no/such/dir/x.db"), &o, msg, sizeof msg), CONCORD_ERR_IO);
    assert_non_null(strstr(msg, "directory does not exist"));
    assert_int_equal(concord_store_open(&st, fixture_root, &o, msg, sizeof msg), CONCORD_ERR_IO);
    assert_non_null(strstr(msg, "is a directory"));
}

static void band_index_levels_merge(void **state)
{
    (void)state;
    concord_store_options o;
    concord_store_options_init(&o);
    o.flags = CONCORD_STORE_CREATE;
    o.batch_size = 2;
    o.merge_rows = 40; /* more than one article's bands: merged at every commit of 2 */
    concord_store *st;
    assert_int_equal(concord_store_open(&st, fx("levels.db"), &o, NULL, 0), CONCORD_OK);
    concord_store_stats s;
    assert_int_equal(concord_store_stats_get(st, &s), CONCORD_OK);
    unsigned bands = s.bands;
    char *a = numbered(0, 100, -1), *b = numbered(200, 300, -1), *c = numbered(400, 500, -1);
    char *a2 = numbered(0, 100, 50), *a3 = numbered(0, 100, 70);
    ingest(st, "a", a);
    assert_int_equal(ingest(st, "b", b).committed, 2); /* 2 * bands >= 40 rows: merged */
    concord_store_result r = ingest(st, "c", c);       /* in the recent level */
    assert_int_equal(r.committed, 0);
    assert_int_equal(concord_store_commit(st, NULL), CONCORD_OK); /* 1 * bands < 40: kept */
    const char *path = fx("levels.db");
    assert_int_equal(sql_int(path, "SELECT count(*) FROM bands"), 2 * bands);
    assert_int_equal(sql_int(path, "SELECT (SELECT count(*) FROM band_rows) - (SELECT count(*) FROM bands)"), bands);
    /* Found in the merged level, and superseding removes its rows there. */
    r = ingest(st, "x", a2);
    assert_non_null(find_match(&r, "a"));
    r = ingest(st, "a", a3);
    assert_int_equal(r.outcome, CONCORD_STORE_NEW_VERSION);
    assert_non_null(find_match(&r, "x"));
    assert_int_equal(concord_store_commit(st, NULL), CONCORD_OK);
    /* Merged: b, then c, x and a's version 2 (version 1's rows deleted). */
    assert_int_equal(sql_int(path, "SELECT (SELECT count(*) FROM band_rows) - (SELECT count(*) FROM bands)"), 0);
    assert_int_equal(sql_int(path, "SELECT count(*) FROM bands"), 4 * bands);
    assert_int_equal(sql_int(path, "SELECT count(*) FROM bands WHERE doc = (SELECT doc FROM articles"
                                   " WHERE id = 'a' AND version = 1)"),
                     0);
    /* A reopened handle knows how full the recent level is. */
    concord_store_free(st);
    assert_int_equal(concord_store_open(&st, path, &o, NULL, 0), CONCORD_OK);
    ingest(st, "d", "Ferry crossings to Estmark resume on Monday after the storm.");
    assert_int_equal(concord_store_commit(st, NULL), CONCORD_OK); /* bands rows: below 40 */
    assert_int_equal(sql_int(path, "SELECT (SELECT count(*) FROM band_rows) - (SELECT count(*) FROM bands)"), bands);
    concord_store_free(st);
    free(a), free(b), free(c), free(a2), free(a3);
}

static int setup(void **state)
{
    (void)state;
    return fixtures_setup("store");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_unchanged_and_new_versions),
        cmocka_unit_test(query_finds_what_was_stored_earlier),
        cmocka_unit_test(read_only_query_leaves_the_file_alone),
        cmocka_unit_test(iteration_and_metadata),
        cmocka_unit_test(free_without_commit_rolls_back),
        cmocka_unit_test(parameters_are_the_stores_own),
        cmocka_unit_test(foreign_and_corrupt_files_are_refused),
        cmocka_unit_test(size_limit_fails_cleanly),
        cmocka_unit_test(missing_and_unwritable_paths),
        cmocka_unit_test(band_index_levels_merge),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
