/*
 * minhash.h - MinHash signatures (Broder 1997) over 32-bit shingle values.
 *
 * Permutation i is the multiply-shift hash h_i(x) = ((a_i*x + b_i) mod 2^64)
 * >> 32 with random 64-bit a_i (odd) and b_i: a 2-independent family
 * (Dietzfelbinger 1996), the same strength as datasketch's
 * (a*x + b) mod (2^61-1). The signature keeps min_x h_i(x) for each i;
 * P(sig_A[i] == sig_B[i]) ~= Jaccard(A, B).
 */
#ifndef CONCORD_SKETCH_MINHASH_H
#define CONCORD_SKETCH_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"

typedef struct minhash {
    unsigned perms;
    uint32_t *a_lo, *a_hi; /* a_i split in halves: the kernel works in 32-bit lanes */
    uint64_t *b;
} minhash;

/* Draw perms permutations from seed (deterministic). perms >= 1. */
concord_status minhash_init(minhash *mh, unsigned perms, uint64_t seed);
void minhash_free(minhash *mh);

/*
 * sig[0..perms) = signature of the set x[0..n) (repeats in x are harmless).
 * An empty set gives all-0xFFFFFFFF. O(n * perms), vectorised.
 */
void minhash_sign(const minhash *mh, const uint32_t *x, size_t n, uint32_t *sig);

/* Share of equal positions: the MinHash estimate of Jaccard. */
double minhash_estimate(const uint32_t *s1, const uint32_t *s2, unsigned perms);

#endif
