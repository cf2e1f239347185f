/*
 * shingle.h - word shingles (w-shingling, Broder 1997) as 32-bit values.
 *
 * A shingle is k consecutive tokens; its value is the top 32 bits of an
 * order-sensitive hash of the k token hashes. A document shorter than k
 * tokens (but not empty) yields one shingle of all its tokens, so short
 * texts still compare. 32 bits suffice: two distinct shingles of two
 * 1,000-shingle articles collide with probability ~1e6 / 2^32.
 */
#ifndef CONCORD_SKETCH_SHINGLE_H
#define CONCORD_SKETCH_SHINGLE_H

#include <stddef.h>
#include <stdint.h>

/* Number of shingles shingles_hash() writes for n tokens. */
static inline size_t shingle_count(size_t n, unsigned k)
{
    return n == 0 ? 0 : n < k ? 1 : n - k + 1;
}

/*
 * Write shingle_count(n, k) values to out (not sorted, repeats kept).
 * tokens are per-token 64-bit hashes; k >= 1. O(n * k).
 */
void shingles_hash(const uint64_t *tokens, size_t n, unsigned k, uint32_t *out);

#endif
