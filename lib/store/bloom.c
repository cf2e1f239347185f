/* bloom.c - the blocked Bloom filter of the merged band level. */
#include <stdlib.h>
#include <string.h>

#include "sketch/hash.h"
#include "store/bloom.h"

/* Salt so the filter's hash is independent of recent.c's slots. */
#define BLOOM_SALT UINT64_C(0x6a09e667f3bcc909)

void bloom_free(store_bloom *b)
{
    free(b->words);
    memset(b, 0, sizeof *b);
}

concord_status bloom_reset(store_bloom *b, size_t blocks)
{
    uint64_t *w = calloc(blocks * (BLOOM_BLOCK_BYTES / 8), sizeof *w);
    if (!w) return CONCORD_ERR_NOMEM;
    free(b->words);
    b->words = w;
    b->blocks = blocks;
    b->keys = 0;
    return CONCORD_OK;
}

size_t bloom_blocks_for(uint64_t keys)
{
    size_t blocks = 16;
    while ((uint64_t)blocks * BLOOM_BLOCK_BYTES * 8 < keys * 16) blocks *= 2;
    return blocks;
}

int bloom_too_full(const store_bloom *b, uint64_t keys)
{
    return keys * 8 > (uint64_t)b->blocks * BLOOM_BLOCK_BYTES * 8;
}

/* The block of key (from one hash) and, in *bits, its K bit positions
   in the block (9 bits each, from a second hash). */
static uint64_t *block_of(const store_bloom *b, uint64_t key, uint64_t *bits)
{
    uint64_t h = hash_mix64(key ^ BLOOM_SALT);
    *bits = hash_mix64(h);
    return b->words + (size_t)(h & (b->blocks - 1)) * (BLOOM_BLOCK_BYTES / 8);
}

void bloom_add(store_bloom *b, uint64_t key)
{
    if (!b->blocks) return;
    uint64_t bits, *w = block_of(b, key, &bits);
    for (int i = 0; i < BLOOM_K; i++, bits >>= 9) w[(bits >> 6) & 7] |= UINT64_C(1) << (bits & 63);
    b->keys++;
}

int bloom_maybe(const store_bloom *b, uint64_t key)
{
    if (!b->blocks) return 1;
    uint64_t bits, *w = block_of(b, key, &bits);
    for (int i = 0; i < BLOOM_K; i++, bits >>= 9)
        if (!(w[(bits >> 6) & 7] & (UINT64_C(1) << (bits & 63)))) return 0;
    return 1;
}
