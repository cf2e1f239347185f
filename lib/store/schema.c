/*
 * schema.c - opening a store: refuse what is not ours before writing a
 * byte, create the schema in one transaction, prepare the statements.
 *
 * The order matters. A file is identified by reading only (application_id,
 * user_version, the schema's table count); journal_mode=WAL, which writes
 * the header, is set only once the file is known to be a concord store or
 * a brand new one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "match/dedup_core.h"
#include "store/store.h"

#define STORE_PAGE_SIZE "16384"

static const char *const schema_sql =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value NOT NULL) WITHOUT ROWID;"
    /* One row per version of an article; rowid is the stable doc number. */
    "CREATE TABLE articles("
    " doc INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL,"
    " version INTEGER NOT NULL,"
    " superseded INTEGER NOT NULL DEFAULT 0,"
    " content INTEGER NOT NULL,"      /* hash of the normalised word sequence */
    " date TEXT, title TEXT, source TEXT, url TEXT,"
    " text TEXT NOT NULL,"
    " signature BLOB NOT NULL,"       /* perms little-endian uint32 */
    " UNIQUE(id, version));"
    /* Superseded versions are few: a partial index counts them cheaply. */
    "CREATE INDEX articles_superseded ON articles(doc) WHERE superseded = 1;"
    /* The LSH band index's tables are levels.c's (levels_schema_sql). */
    /* The story engine's state, written with the batch that produced it. */
    "CREATE TABLE story_state(slot INTEGER PRIMARY KEY CHECK(slot = 0),"
    " version INTEGER NOT NULL, state BLOB NOT NULL);"
    "CREATE TABLE article_story(doc INTEGER PRIMARY KEY REFERENCES articles(doc),"
    " story INTEGER NOT NULL);";

static const char *const stmt_sql[STORE_STMT_COUNT] = {
    [Q_FIND_ID] = "SELECT doc, version, content FROM articles WHERE id = ?1 ORDER BY version DESC",
    [Q_SUPERSEDE] = "UPDATE articles SET superseded = 1 WHERE doc = ?1",
    [Q_INSERT_ARTICLE] = "INSERT INTO articles(id, version, content, date, title, source, url, text,"
                         " signature) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [Q_GET_ARTICLE] = "SELECT id, version, content, signature, text, superseded FROM articles WHERE doc = ?1",
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    [Q_STORY_GET] = "SELECT story FROM article_story WHERE doc = ?1",
    [Q_STORY_ASSIGN] = "INSERT OR REPLACE INTO article_story(doc, story) VALUES(?1, ?2)",
    [Q_STORY_STATE_PUT] = "INSERT OR REPLACE INTO story_state(slot, version, state) VALUES(0, ?1, ?2)",
};

/* Run one statement that returns at most one integer; *value = it. */
static int query_int(sqlite3 *db, const char *sql, int64_t *value)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *value = sqlite3_column_int64(s, 0);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        *value = 0;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    return rc;
}

static concord_status fail_path(concord_store *st, concord_status status, const char *why)
{
    snprintf(st->error, sizeof st->error, "%s: %s", st->path, why);
    return status;
}

static concord_status fail_db(concord_store *st, const char *what)
{
    int rc = sqlite3_extended_errcode(st->db);
    char why[400];
    if ((rc & 0xff) == SQLITE_NOTADB)
        snprintf(why, sizeof why, "not a concord store: not a SQLite database (corrupt or another kind of file)");
    else if ((rc & 0xff) == SQLITE_CORRUPT)
        snprintf(why, sizeof why, "the database is corrupt (%s)", sqlite3_errmsg(st->db));
    else snprintf(why, sizeof why, "%s: %s", what, sqlite3_errmsg(st->db));
    return fail_path(st, store_status(rc), why);
}

static concord_status put_meta(concord_store *st)
{
    const concord_dedup_options *o = &st->opt;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "INSERT INTO meta(key, value) VALUES"
             "('perms', %u), ('shingle', %u), ('seed', %llu), ('threshold', %.17g),"
             "('containment', %.17g), ('min_ratio', %.17g), ('fp_weight', %.17g),"
             "('fn_weight', %.17g), ('bands', %u), ('rows', %u), ('created_by', '%s')",
             o->perms, o->shingle, (unsigned long long)o->seed, o->threshold, o->containment,
             o->min_ratio, o->fp_weight, o->fn_weight, st->bands, st->rows, CONCORD_VERSION_STRING);
    return sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK ? CONCORD_OK
                                                                    : fail_db(st, "cannot create the schema");
}

/* The sketch parameters the store was created with. */
static concord_status get_meta(concord_store *st)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT key, value FROM meta", -1, &s, NULL) != SQLITE_OK)
        return fail_db(st, "cannot read the store's parameters");
    concord_dedup_options *o = &st->opt;
    concord_dedup_options_init(o);
    unsigned found = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(s, 0);
        if (!k) continue;
        int64_t i = sqlite3_column_int64(s, 1);
        double d = sqlite3_column_double(s, 1);
        if (!strcmp(k, "perms")) o->perms = (unsigned)i, found |= 1;
        else if (!strcmp(k, "shingle")) o->shingle = (unsigned)i, found |= 2;
        else if (!strcmp(k, "seed")) o->seed = (uint64_t)i, found |= 4;
        else if (!strcmp(k, "threshold")) o->threshold = d, found |= 8;
        else if (!strcmp(k, "containment")) o->containment = d, found |= 16;
        else if (!strcmp(k, "min_ratio")) o->min_ratio = d, found |= 32;
        else if (!strcmp(k, "bands")) st->bands = (unsigned)i, found |= 64;
        else if (!strcmp(k, "rows")) st->rows = (unsigned)i, found |= 128;
        else if (!strcmp(k, "fp_weight")) o->fp_weight = d;
        else if (!strcmp(k, "fn_weight")) o->fn_weight = d;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) return fail_db(st, "cannot read the store's parameters");
    if (found != 255 || o->perms == 0 || o->perms > 4096 || o->shingle == 0 || o->shingle > 64 ||
        st->bands == 0 || st->rows == 0 || (uint64_t)st->bands * st->rows > o->perms)
        return fail_path(st, CONCORD_ERR_UNSUPPORTED, "not a usable concord store: its parameters (meta table) are missing or invalid");
    return CONCORD_OK;
}

/* Banding for new stores: dedup's rule (the lowest reportable Jaccard). */
static concord_status choose_banding(concord_store *st)
{
    const concord_dedup_options *o = &st->opt;
    if (!(o->threshold > 0.0 && o->threshold <= 1.0) || !(o->containment > 0.0 && o->containment <= 1.0) ||
        !(o->min_ratio > 0.0 && o->min_ratio <= 1.0) || o->perms == 0 || o->perms > 4096 ||
        o->shingle == 0 || o->shingle > 64)
        return fail_path(st, CONCORD_ERR_INVALID, "invalid sketch options");
    double t = dedup_lowest_reportable_jaccard(o);
    if (t > 0.999) t = 0.999; /* as dedup: a threshold of 1 is banded just below 1 */
    concord_status s = concord_lsh_params(t, o->perms, o->fp_weight, o->fn_weight, &st->bands, &st->rows);
    return s ? fail_path(st, s, "invalid sketch options") : CONCORD_OK;
}

static concord_status create_schema(concord_store *st)
{
    concord_status s = choose_banding(st);
    if (s) return s;
    /* 16 KiB pages: a news article's text fits in one page with its
       row, and 4x fewer write calls than SQLite's default 4 KiB. */
    if (sqlite3_exec(st->db, "PRAGMA page_size=" STORE_PAGE_SIZE "; PRAGMA journal_mode=WAL", NULL, NULL,
                     NULL) != SQLITE_OK ||
        sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return fail_db(st, "cannot create the store");
    char pragmas[128];
    snprintf(pragmas, sizeof pragmas, "PRAGMA application_id=%d; PRAGMA user_version=%d;",
             STORE_APPLICATION_ID, STORE_SCHEMA_VERSION);
    if (sqlite3_exec(st->db, pragmas, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(st->db, schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(st->db, levels_schema_sql, NULL, NULL, NULL) != SQLITE_OK) {
        s = fail_db(st, "cannot create the schema");
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return s;
    }
    if ((s = put_meta(st))) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return s;
    }
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        s = fail_db(st, "cannot create the schema");
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return s;
    }
    return CONCORD_OK;
}

/* A clear reason when path's directory cannot take the database and its
   WAL files; NULL when it can. */
static const char *unwritable_dir(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 0;
    if (n >= sizeof dir) return NULL;
    if (slash && n == 0) n = 1; /* "/file" */
    if (slash) memcpy(dir, path, n);
    else dir[0] = '.', n = 1;
    dir[n] = '\0';
    if (access(dir, W_OK) == 0) return NULL;
    return errno == ENOENT ? "its directory does not exist" : "its directory is not writable";
}

/* 1 when path's WAL file is missing or empty: then the main file holds
   every committed transaction. */
static int wal_is_empty(const char *path)
{
    char wal[4200];
    struct stat sb;
    if ((size_t)snprintf(wal, sizeof wal, "%s-wal", path) >= sizeof wal) return 0;
    return stat(wal, &sb) != 0 ? errno == ENOENT : sb.st_size == 0;
}

/*
 * A reader of a WAL database must write its -shm index next to it. When
 * it cannot (a read-only directory, another user's store) and the WAL is
 * empty, the file alone is the whole database: open it as immutable (no
 * locks, no WAL). With a non-empty WAL that would hide committed data, so
 * the caller reports the error instead.
 */
static int open_immutable(concord_store *st, const char *path)
{
    static const char hex[] = "0123456789ABCDEF", prefix[] = "file:", suffix[] = "?immutable=1";
    size_t n = strlen(path), cap = 3 * n + sizeof prefix + sizeof suffix;
    char *uri = malloc(cap);
    if (!uri) return SQLITE_NOMEM;
    memcpy(uri, prefix, sizeof prefix - 1);
    size_t len = sizeof prefix - 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        if (c == '?' || c == '#' || c == '%' || c < 0x21 || c >= 0x7f) {
            uri[len++] = '%';
            uri[len++] = hex[c >> 4];
            uri[len++] = hex[c & 15];
        } else {
            uri[len++] = (char)c;
        }
    }
    memcpy(uri + len, suffix, sizeof suffix); /* with its NUL */
    sqlite3_close(st->db);
    st->db = NULL;
    int rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    free(uri);
    if (rc == SQLITE_OK) sqlite3_extended_result_codes(st->db, 1);
    return rc;
}

/* Identify the file by reading only: application id, schema version, tables. */
static int identify(sqlite3 *db, int64_t *app, int64_t *version, int64_t *tables)
{
    int rc = query_int(db, "PRAGMA application_id", app);
    if (rc == SQLITE_OK) rc = query_int(db, "PRAGMA user_version", version);
    if (rc == SQLITE_OK) rc = query_int(db, "SELECT count(*) FROM sqlite_schema", tables);
    return rc;
}

concord_status store_open_db(concord_store *st, const char *path, const concord_store_options *o)
{
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    if (exists && S_ISDIR(sb.st_mode)) return fail_path(st, CONCORD_ERR_IO, "is a directory, not a store");
    if (!exists && errno != ENOENT) return fail_path(st, CONCORD_ERR_IO, strerror(errno));
    if (!exists && (st->readonly || !(o->flags & CONCORD_STORE_CREATE)))
        return fail_path(st, CONCORD_ERR_IO, "no such store (no such file)");
    if (!st->readonly) {
        const char *why = unwritable_dir(path);
        if (why) {
            char msg[160];
            snprintf(msg, sizeof msg, "cannot write the store: %s (%s)", why,
                     exists ? "the WAL needs files next to it" : "cannot create it");
            return fail_path(st, CONCORD_ERR_IO, msg);
        }
        if (exists && access(path, W_OK) != 0)
            return fail_path(st, CONCORD_ERR_IO, "cannot write the store: the file is read-only");
    }

    int flags = st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        if (!st->db) return fail_path(st, CONCORD_ERR_NOMEM, "out of memory");
        return fail_db(st, "cannot open");
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 10000);

    int64_t app = 0, version = 0, tables = 0;
    rc = identify(st->db, &app, &version, &tables);
    if (st->readonly && ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)) {
        if (!wal_is_empty(path))
            return fail_path(st, CONCORD_ERR_IO,
                             "cannot read: its -wal file holds commits but its -shm file cannot be "
                             "created or written here (open it once with write access to checkpoint it)");
        if ((rc = open_immutable(st, path)) == SQLITE_OK) rc = identify(st->db, &app, &version, &tables);
    }
    if (rc != SQLITE_OK) return fail_db(st, "cannot read");
    if (app != STORE_APPLICATION_ID) {
        /* An empty SQLite database (no table: also one whose creation was
           interrupted before its first commit) may become a store. */
        if (app != 0 || tables != 0 || version != 0) {
            char why[160];
            snprintf(why, sizeof why,
                     "not a concord store: a SQLite database of another application "
                     "(application_id 0x%08x, %lld tables); left untouched",
                     (unsigned)app, (long long)tables);
            return fail_path(st, CONCORD_ERR_UNSUPPORTED, why);
        }
        if (st->readonly) return fail_path(st, CONCORD_ERR_IO, "an empty database, not a concord store");
        st->opt = o->dedup;
        concord_status s = create_schema(st);
        if (s) return s;
    } else if (version >= 1 && version < STORE_SCHEMA_VERSION) {
        char why[240];
        snprintf(why, sizeof why,
                 "concord store schema version %lld was written by an older concord (this build reads %d: "
                 "another band index layout); left untouched: ingest its articles into a new store",
                 (long long)version, STORE_SCHEMA_VERSION);
        return fail_path(st, CONCORD_ERR_UNSUPPORTED, why);
    } else if (version > STORE_SCHEMA_VERSION || version < 1) {
        char why[160];
        snprintf(why, sizeof why, "concord store schema version %lld is not supported (this build reads %d)",
                 (long long)version, STORE_SCHEMA_VERSION);
        return fail_path(st, CONCORD_ERR_UNSUPPORTED, why);
    }
    concord_status s = get_meta(st);
    if (s) return s;

    char pragmas[256];
    long long cache_kib = (long long)(o->cache_bytes / 1024);
    /* Reads through a memory map, as large as SQLite allows (2 GiB in
       Debian's build): no read call per page. */
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA cache_size=-%lld; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=%s;%s",
             cache_kib > 0 ? cache_kib : 2000, st->readonly ? "0" : "17179869184",
             st->readonly ? "" : o->synchronous_full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
    if (sqlite3_exec(st->db, pragmas, NULL, NULL, NULL) != SQLITE_OK) return fail_db(st, "cannot configure");
    /* Checkpoint every ~64 MiB of WAL instead of SQLite's 1,000 pages:
       pages rewritten by several batches (the band index's) are copied
       to the database once, not once per batch. */
    if (!st->readonly &&
        sqlite3_exec(st->db, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=4096", NULL, NULL, NULL) != SQLITE_OK)
        return fail_db(st, "cannot switch to WAL");
    if (o->max_bytes) {
        int64_t page = 4096;
        if (query_int(st->db, "PRAGMA page_size", &page) != SQLITE_OK || page <= 0) page = 4096;
        snprintf(pragmas, sizeof pragmas, "PRAGMA max_page_count=%llu",
                 (unsigned long long)(o->max_bytes / (uint64_t)page ? o->max_bytes / (uint64_t)page : 1));
        if (sqlite3_exec(st->db, pragmas, NULL, NULL, NULL) != SQLITE_OK) return fail_db(st, "cannot configure");
    }
    return CONCORD_OK;
}

concord_status store_prepare(concord_store *st)
{
    for (int i = 0; i < STORE_STMT_COUNT; i++) {
        if (st->readonly && (i == Q_SUPERSEDE || i == Q_INSERT_ARTICLE || i == Q_STORY_ASSIGN ||
                             i == Q_STORY_STATE_PUT || i == Q_BEGIN || i == Q_COMMIT || i == Q_ROLLBACK))
            continue;
        if (sqlite3_prepare_v3(st->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &st->stmt[i], NULL) !=
            SQLITE_OK)
            return fail_db(st, "cannot prepare");
    }
    return CONCORD_OK;
}
