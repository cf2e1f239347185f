/*
 * strmap.h - a map from byte strings to dense uint32 values (the story
 * engine's vocabularies: words -> terms, stems and names -> terms, sources).
 *
 * Keys are copied into one pool; open addressing with linear probing on a
 * 64-bit hash, load <= 1/2. Lookup O(key length); no allocation on a hit.
 */
#ifndef CONCORD_STORY_STRMAP_H
#define CONCORD_STORY_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"

typedef struct strmap_slot {
    uint64_t hash;  /* 0 = empty */
    uint32_t key;   /* index into keys */
    uint32_t value;
} strmap_slot;

typedef struct strmap {
    strmap_slot *slots;
    size_t mask;    /* slots - 1 (a power of two), or 0 with no slots */
    char *pool;     /* every key, back to back */
    size_t pool_len, pool_cap;
    uint64_t *key_span; /* key i = pool[off .. off + len): off << 16 | len */
    size_t len, key_cap;
} strmap;

void strmap_init(strmap *m);
void strmap_free(strmap *m);

/* The value of key s[0..len) (len < 65536), or UINT32_MAX when absent. */
uint32_t strmap_get(const strmap *m, const char *s, size_t len);
/* Insert s -> value (s must be absent). Key number = insertion order. */
concord_status strmap_put(strmap *m, const char *s, size_t len, uint32_t value);
/* Key i (insertion order) and its length. */
const char *strmap_key(const strmap *m, size_t i, size_t *len);

#endif
