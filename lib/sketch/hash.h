/*
 * hash.h - the hash functions every sketch is built on.
 *
 * Tokens are hashed with XXH3 (64-bit, seeded); sequences of token hashes
 * are combined with a multiply-xorshift chain finished by a 64-bit avalanche
 * (murmur3's fmix64), so order matters and every input bit affects every
 * output bit. All inline: these run once per token.
 */
#ifndef CONCORD_SKETCH_HASH_H
#define CONCORD_SKETCH_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

/* Avalanche: a bijection on 64-bit values. */
static inline uint64_t hash_mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= UINT64_C(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x *= UINT64_C(0xc4ceb9fe1a85ec53);
    x ^= x >> 33;
    return x;
}

static inline uint64_t hash_bytes(const void *p, size_t len, uint64_t seed)
{
    return XXH3_64bits_withSeed(p, len, seed);
}

/*
 * Hash of a word token. Most words are at most 8 bytes: those are read with
 * fixed-size loads that never pass the end (XXH3's trick: for 4..8 bytes
 * the first and last 4 overlap; for 1..3 the first, middle and last byte),
 * which for a given length determine every byte, so distinct short words
 * of one length map to distinct values before a bijective avalanche; the
 * length is mixed in. Longer words go through XXH3.
 */
static inline uint64_t hash_token(const char *p, size_t len, uint64_t seed)
{
    uint64_t v;
    if (len >= 4 && len <= 8) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + len - 4, 4);
        v = (uint64_t)hi << 32 | lo;
    } else if (len > 8) {
        return XXH3_64bits_withSeed(p, len, seed);
    } else if (len > 0) {
        v = (uint64_t)(unsigned char)p[0] << 16 | (uint64_t)(unsigned char)p[len >> 1] << 8 |
            (unsigned char)p[len - 1];
    } else {
        v = 0;
    }
    return hash_mix64(v ^ seed ^ (len * UINT64_C(0x9e3779b97f4a7c15)));
}

/* Fold one more value into a running order-sensitive hash. */
static inline uint64_t hash_combine(uint64_t h, uint64_t v)
{
    return (h ^ v) * UINT64_C(0x9e3779b97f4a7c15) + (h >> 29);
}

/* splitmix64: a stream of well-mixed 64-bit values from a state. */
static inline uint64_t hash_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

#endif
