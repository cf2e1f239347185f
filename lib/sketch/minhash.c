/* minhash.c - see minhash.h. */
#include "sketch/minhash.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "sketch/hash.h"

concord_status minhash_init(minhash *mh, unsigned perms, uint64_t seed)
{
    memset(mh, 0, sizeof *mh);
    if (perms == 0) return CONCORD_ERR_INVALID;
    mh->perms = perms;
    mh->a_lo = malloc(perms * sizeof *mh->a_lo);
    mh->a_hi = malloc(perms * sizeof *mh->a_hi);
    mh->b = malloc(perms * sizeof *mh->b);
    if (!mh->a_lo || !mh->a_hi || !mh->b) {
        minhash_free(mh);
        return CONCORD_ERR_NOMEM;
    }
    uint64_t state = seed;
    for (unsigned i = 0; i < perms; i++) {
        uint64_t a = hash_splitmix64(&state) | 1;
        mh->a_lo[i] = (uint32_t)a;
        mh->a_hi[i] = (uint32_t)(a >> 32);
        mh->b[i] = hash_splitmix64(&state);
    }
    return CONCORD_OK;
}

void minhash_free(minhash *mh)
{
    free(mh->a_lo);
    free(mh->a_hi);
    free(mh->b);
    memset(mh, 0, sizeof *mh);
}

/*
 * The hot loop: for x < 2^32, ((a*x + b) mod 2^64) >> 32 equals
 * hi32(a_lo*x + b) + a_hi*x (mod 2^32), which needs only a 32x32->64
 * multiply and a 32-bit multiply per lane, both native in AVX2/AVX-512.
 * target_clones picks the widest vector unit at load time.
 */
__attribute__((target_clones("avx512f", "avx2", "default"))) static void
minhash_kernel(const uint32_t *restrict a_lo, const uint32_t *restrict a_hi,
               const uint64_t *restrict b, unsigned perms, const uint32_t *restrict x, size_t n,
               uint32_t *restrict sig)
{
    for (size_t j = 0; j < n; j++) {
        uint64_t v = x[j];
        uint32_t v32 = x[j];
        for (unsigned i = 0; i < perms; i++) {
            uint64_t s = (uint64_t)a_lo[i] * v + b[i];
            uint32_t h = (uint32_t)(s >> 32) + a_hi[i] * v32;
            sig[i] = h < sig[i] ? h : sig[i];
        }
    }
}

void minhash_sign(const minhash *mh, const uint32_t *x, size_t n, uint32_t *sig)
{
    assert(mh->perms > 0);
    memset(sig, 0xff, mh->perms * sizeof *sig);
    minhash_kernel(mh->a_lo, mh->a_hi, mh->b, mh->perms, x, n, sig);
}

double minhash_estimate(const uint32_t *s1, const uint32_t *s2, unsigned perms)
{
    unsigned eq = 0;
    for (unsigned i = 0; i < perms; i++) eq += s1[i] == s2[i];
    return perms ? (double)eq / perms : 0.0;
}
