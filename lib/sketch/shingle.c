/* shingle.c - see shingle.h. */
#include "sketch/shingle.h"

#include <assert.h>

#include "sketch/hash.h"

void shingles_hash(const uint64_t *tokens, size_t n, unsigned k, uint32_t *out)
{
    assert(k >= 1);
    size_t count = shingle_count(n, k);
    size_t width = n < k ? n : k;
    for (size_t i = 0; i < count; i++) {
        uint64_t h = width;
        for (size_t j = 0; j < width; j++) h = hash_combine(h, tokens[i + j]);
        out[i] = (uint32_t)(hash_mix64(h) >> 32);
    }
}
