/*
 * store_fixture.h - helpers shared by the store tests: open a store under
 * the fixture directory, and read one integer from a database through
 * SQLite directly (to check what the store wrote). Header-only; include
 * after <cmocka.h>, <sqlite3.h> and "fixtures.h".
 */
#ifndef CONCORD_TESTS_STORE_FIXTURE_H
#define CONCORD_TESTS_STORE_FIXTURE_H

#include <stdint.h>
#include <stdio.h>

#include "concord.h"

/* Open fixture `name` with flags and batch size; the test fails when the
   open does (the message goes to stderr). */
static inline concord_store *open_store(const char *name, unsigned flags, size_t batch)
{
    concord_store_options o;
    concord_store_options_init(&o);
    o.flags = flags;
    o.batch_size = batch;
    concord_store *st = NULL;
    char msg[512];
    concord_status s = concord_store_open(&st, fx(name), &o, msg, sizeof msg);
    if (s) fprintf(stderr, "open: %s\n", msg);
    assert_int_equal(s, CONCORD_OK);
    return st;
}

/* The first column of the first row of sql on the database at path
   (read-only); the test fails when there is no row. */
static inline int64_t sql_int(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    return v;
}

#endif
