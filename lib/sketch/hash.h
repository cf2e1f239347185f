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
 * Hash of a word token's norm. p must have at least 8 readable bytes (the
 * text layer pads every norm: TOKENS_NORM_PAD), so a norm of up to 8 bytes
 * is one load and a mask, no length branch; the value is then avalanched
 * (a bijection) with the length mixed in, so distinct short norms never
 * collide. Longer norms go through XXH3.
 */
static inline uint64_t hash_token(const char *p, size_t len, uint64_t seed)
{
    if (len > 8) return XXH3_64bits_withSeed(p, len, seed);
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = len ? v >> (64 - 8 * len) : 0;
#else
    v &= len ? ~UINT64_C(0) >> (64 - 8 * len) : 0;
#endif
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
