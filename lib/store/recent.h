/*
 * recent.h - the recent level of the band index in memory: a multimap
 * band key -> doc (open addressing, linear probing), so finding the
 * candidates of an article among the articles added since the last merge
 * costs no B-tree seek. Its persistent copy is the append-only table
 * bands_recent; levels.c keeps the two equal.
 */
#ifndef CONCORD_STORE_RECENT_H
#define CONCORD_STORE_RECENT_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"

/* One band row: a key and the article (doc) that has it. */
typedef struct recent_pair {
    uint64_t key;
    int64_t doc;
} recent_pair;

typedef struct store_recent {
    uint64_t *keys;
    int64_t *docs;     /* 0: empty slot; -1: removed (keeps probe chains) */
    size_t cap;        /* a power of two, or 0 */
    size_t live;       /* (key, doc) entries present */
    size_t used;       /* live + removed slots */
} store_recent;

void recent_free(store_recent *r);
/* Forget every entry (keeps the memory). */
void recent_clear(store_recent *r);
/* Make room for n more entries without rehashing (a load knows its size:
   one allocation instead of a series of doublings). */
concord_status recent_reserve(store_recent *r, size_t n);
/* Add (key, doc), doc > 0. The caller adds a pair once (a doc's rows are
   loaded or written once); no lookup is spent on checking it. */
concord_status recent_add(store_recent *r, uint64_t key, int64_t doc);
/* recent_add() of pairs[0..n), in the order of their slots so that the
   table is written front to back rather than at random (a load of 2
   million rows: one pass of cache misses fewer). pairs[] is left in
   some other order. */
concord_status recent_add_many(store_recent *r, recent_pair *pairs, size_t n);
/* Remove (key, doc) when present. */
void recent_remove(store_recent *r, uint64_t key, int64_t doc);
/* Append the docs stored under key to out[*len..], growing out. */
concord_status recent_find(const store_recent *r, uint64_t key, int64_t **out, size_t *len, size_t *cap);

#endif
