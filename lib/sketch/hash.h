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
