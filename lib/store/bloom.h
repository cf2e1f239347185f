/*
 * bloom.h - a blocked Bloom filter over the band keys of the merged level
 * (table bands), so that a key no merged article has, the common case for
 * a new article, costs no B-tree probe (and, on a cold cache, no random
 * read). A key's BLOOM_K bits all lie in one 512-bit block (one cache
 * line): one memory access a key. With 10 bits a key the false-positive
 * rate is about 1%; the filter is regrown (rebuilt from bands) when the
 * keys reach 8 bits each.
 *
 * Deleted rows (superseded versions) are not removed: a filter only ever
 * says "maybe" for keys it should, so a stale bit costs one useless
 * probe, never a missed candidate.
 */
#ifndef CONCORD_STORE_BLOOM_H
#define CONCORD_STORE_BLOOM_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"

enum { BLOOM_BLOCK_BYTES = 64, BLOOM_K = 7 };

typedef struct store_bloom {
    uint64_t *words;    /* blocks * 8 words */
    size_t blocks;      /* a power of two, or 0 (then every key is a "maybe") */
    uint64_t keys;      /* keys added since the filter was sized */
} store_bloom;

void bloom_free(store_bloom *b);
/* An empty filter of `blocks` blocks (a power of two). */
concord_status bloom_reset(store_bloom *b, size_t blocks);
/* Blocks for `keys` keys at 16 bits a key (a power of two, >= 16). */
size_t bloom_blocks_for(uint64_t keys);
/* 1 when the filter must be regrown before holding `keys` keys. */
int bloom_too_full(const store_bloom *b, uint64_t keys);
void bloom_add(store_bloom *b, uint64_t key);
/* 0: key was never added; 1: maybe. */
int bloom_maybe(const store_bloom *b, uint64_t key);

#endif
