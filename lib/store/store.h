/*
 * store.h - internals of concord_store (the public API is in concord.h).
 *
 * Files of this layer, one job each:
 *   schema.c   open, validate (application id, schema version), create
 *   sketch.c   one text -> content hash, sorted shingle set, signature,
 *              band keys (the same pipeline as dedup)
 *   ingest.c   batched, idempotent, versioned writes
 *   levels.c   the band index: merged level + Bloom filter, recent
 *              level mirrored in memory (recent.c, bloom.c), leaf
 *              read-ahead (prefetch.c)
 *   query.c    candidates from the band index, exact verification
 *   iter.c     current articles in storage order (--db input)
 *   story.c    the story engine fed by ingest: checkpoint, replay, peek
 *   article.c  one stored row by doc
 */
#ifndef CONCORD_STORE_STORE_H
#define CONCORD_STORE_STORE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "concord.h"
#include "sketch/minhash.h"
#include "store/levels.h"

/* PRAGMA application_id of a concord store: "CNCD". */
#define STORE_APPLICATION_ID 0x434E4344
/* PRAGMA user_version: the schema this code writes and reads. */
enum { STORE_SCHEMA_VERSION = 2 };
/* The largest band count any banding of <= 4096 permutations can give. */
enum { STORE_MAX_BANDS = 4096 };

/* The sketch of one text. Buffers belong to the sketcher and are reused. */
typedef struct store_sketch {
    uint64_t content;      /* hash of the normalised word sequence; 0 = no word */
    uint32_t *set;         /* sorted, distinct shingles */
    size_t set_len;
    uint32_t *sig;         /* perms values */
    uint32_t *keys;        /* bands band keys */
} store_sketch;

typedef struct store_sketcher {
    concord_dedup_options opt;
    unsigned bands, rows;
    concord_text *text;
    minhash mh;
    uint64_t *tok;
    size_t tok_cap;
    uint32_t *tmp;
    size_t tmp_cap, set_cap;
    store_sketch out;
} store_sketcher;

concord_status sketcher_init(store_sketcher *sk, const concord_dedup_options *opt, unsigned bands,
                             unsigned rows);
void sketcher_free(store_sketcher *sk);
/* Sketch text[0..len) into sk->out (valid until the next call). */
concord_status sketcher_run(store_sketcher *sk, const char *text, size_t len);
/* The shingle set alone (no signature): for verification. */
concord_status sketcher_set(store_sketcher *sk, const char *text, size_t len);
/* Band b's key as stored: the band number in the high half, so keys of
   different bands never meet. */
static inline int64_t store_band_key(unsigned b, uint32_t key)
{
    return (int64_t)(((uint64_t)b << 32) | key);
}
/* Signature blob: perms little-endian 32-bit values. */
void sig_to_blob(const uint32_t *sig, unsigned perms, unsigned char *blob);
void sig_from_blob(const unsigned char *blob, unsigned perms, uint32_t *sig);

/* Prepared statements, by job. */
enum store_stmt {
    Q_FIND_ID,        /* id -> doc, version, content of every version, latest first */
    Q_SUPERSEDE,
    Q_INSERT_ARTICLE,
    Q_GET_ARTICLE,    /* rowid -> id, version, content, signature, text, superseded */
    Q_BEGIN,
    Q_COMMIT,
    Q_ROLLBACK,
    Q_STORY_GET,      /* doc -> story */
    Q_STORY_ASSIGN,
    Q_STORY_STATE_PUT,
    STORE_STMT_COUNT
};

struct concord_store {
    sqlite3 *db;
    char *path;
    int readonly;
    size_t batch_size;
    concord_dedup_options opt;    /* as stored in the meta table */
    unsigned bands, rows;
    sqlite3_stmt *stmt[STORE_STMT_COUNT];
    store_sketcher sketcher;      /* the article being ingested or queried */
    store_sketcher verifier;      /* a candidate's shingle set */

    store_levels levels;          /* the band index (levels.h) */

    int in_batch;
    size_t pending;               /* articles written in the open batch */

    /* Matches of the last ingest/query; ids point into match_ids. */
    concord_store_match *matches;
    size_t match_count, match_cap;
    char *match_ids;
    size_t match_ids_len, match_ids_cap;
    int64_t *cand;
    size_t cand_cap;
    uint32_t *cand_sig;

    /* The story engine (story.c): loaded on first use, NULL until then
       and after a rollback. story_docs[n] = the row fed as its article n
       (ascending); the checkpoint in story_state covers rows <= state_doc. */
    concord_stories_options story_opt; /* for a store without a checkpoint */
    concord_stories *stories;
    int64_t *story_docs;
    size_t story_doc_count, story_doc_cap;
    int64_t state_doc;
    sqlite3_stmt *get_row;        /* article.c; kept on its row until the next get */
    sqlite3_stmt *get_flag;       /* article.c: superseded only */

    char error[512];
};

/* Record "what: sqlite's message" as the handle's error; returns status. */
concord_status store_fail(concord_store *st, concord_status status, const char *what);
/* Map a SQLite result code to a concord status. */
concord_status store_status(int rc);
/* Reset a statement and clear its bindings after use. */
void store_reset(sqlite3_stmt *s);

/* schema.c */
concord_status store_open_db(concord_store *st, const char *path, const concord_store_options *o);
concord_status store_prepare(concord_store *st);

/* query.c: fill st->matches for the sketch in st->sketcher.out, skipping
   row `self` (-1: none). */
concord_status store_find_matches(concord_store *st, int64_t self);
/* What the store holds under one id, for content `content`. */
typedef struct store_id_state {
    int64_t current;           /* the current version's doc, -1 when the id is new */
    unsigned current_version;
    int64_t same;              /* a version with this very content, or -1 */
    unsigned same_version;
} store_id_state;
/* Any version with the same content makes an article unchanged: an old
   version delivered again (a feed replayed, an ingest re-run after a
   crash) does not roll the article back. */
concord_status store_find_id(concord_store *st, const char *id, size_t id_len, uint64_t content,
                             store_id_state *out);

/* story.c */
/* Load the engine (checkpoint + replay of the rows after it) unless loaded.
   When a batch is open, replayed rows get their article_story rows in it. */
concord_status store_story_engine(concord_store *st);
/* At the start of a batch (write lock held): load the engine, or feed it
   the rows other connections committed since it was loaded. */
concord_status store_story_sync(concord_store *st);
/* Feed row doc (just inserted in the open batch) to the engine and record
   its story; *story = -1 on failure. */
concord_status store_story_feed(concord_store *st, const concord_article *a, int64_t doc,
                                int64_t *story);
/* Checkpoint the engine when the rows after the checkpoint warrant it. */
concord_status store_story_before_commit(concord_store *st);
/* Forget the in-memory engine (the batch it was fed was rolled back). */
void store_story_discard(concord_store *st);
/* The current story of a stored row (-1 when it was never fed). */
concord_status store_story_of(concord_store *st, int64_t doc, int64_t *story);
/* The story the article would join (-1: a new story). */
concord_status store_story_peek(concord_store *st, const concord_article *a, int64_t *story);

#endif
