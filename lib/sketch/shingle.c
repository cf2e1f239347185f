/* shingle.c - see shingle.h. */
#include "sketch/shingle.h"

#include <assert.h>

#include "sketch/hash.h"

/*
 * Rolling polynomial hash: H_i = sum_j t[i+j] * P^(w-1-j) mod 2^64, so the
 * next window costs two multiplications whatever k is; the avalanche
 * afterwards makes the top 32 bits usable. P is odd, so the map from one
 * token's hash to H is a bijection and order matters (P^j differ).
 */
void shingles_hash(const uint64_t *tokens, size_t n, unsigned k, uint32_t *out)
{
    assert(k >= 1);
    const uint64_t P = UINT64_C(0x9e3779b97f4a7c15);
    size_t count = shingle_count(n, k);
    if (count == 0) return;
    size_t width = n < k ? n : k;
    uint64_t h = 0, top = 1; /* top = P^(width-1) */
    for (size_t j = 0; j < width; j++) {
        h = h * P + tokens[j];
        if (j) top *= P;
    }
    for (size_t i = 0;; i++) {
        out[i] = (uint32_t)(hash_mix64(h ^ width) >> 32);
        if (i + 1 >= count) break;
        h = (h - tokens[i] * top) * P + tokens[i + width];
    }
}
