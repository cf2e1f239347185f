/* shingle.c - see shingle.h. */
#include "sketch/shingle.h"

#include <assert.h>

#include "sketch/hash.h"

static inline uint64_t rotl64(uint64_t x, unsigned r) { return r ? x << r | x >> (64 - r) : x; }

/*
 * Cyclic-polynomial rolling hash (Buzhash; Cohen 1997, Lemire & Kaser
 * 2010): H_i = XOR_j rotl(t[i+j], w-1-j), rolled with one rotation and two
 * XORs, so the loop-carried chain is a few one-cycle operations; the
 * avalanche per shingle is independent work the CPU overlaps. Distinct
 * rotations make the value order-sensitive. Token hashes are already
 * uniform, so the XOR of rotations is uniform too, and the avalanche
 * spreads it into the 32 bits kept.
 */
void shingles_hash(const uint64_t *tokens, size_t n, unsigned k, uint32_t *out)
{
    assert(k >= 1 && k <= 64);
    size_t count = shingle_count(n, k);
    if (count == 0) return;
    unsigned width = n < k ? (unsigned)n : k;
    uint64_t h = 0;
    for (unsigned j = 0; j < width; j++) h = rotl64(h, 1) ^ tokens[j];
    for (size_t i = 0;; i++) {
        out[i] = (uint32_t)(hash_mix64(h ^ width) >> 32);
        if (i + 1 >= count) break;
        h = rotl64(h, 1) ^ rotl64(tokens[i], width % 64) ^ tokens[i + width];
    }
}
