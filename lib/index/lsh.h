/*
 * lsh.h - locality-sensitive hashing over MinHash signatures (banding).
 *
 * A signature of perms values is cut into `bands` bands of `rows` values;
 * two documents become candidates when any band is identical, which for
 * Jaccard s happens with probability 1 - (1 - s^rows)^bands (the S-curve).
 * Buckets are found by sorting (band key, document) pairs instead of a hash
 * table of lists: one flat array, no per-document heap objects.
 */
#ifndef CONCORD_INDEX_LSH_H
#define CONCORD_INDEX_LSH_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"

/*
 * Append to *pairs (a vec of len *len, capacity *cap) every pair of
 * documents sharing a band, packed as (uint64)a << 32 | b with a < b.
 * sigs holds n signatures of perms values each, document-major.
 * Pairs may repeat across bands; the caller deduplicates.
 * Cost: O(bands * n) to build keys and sort them, plus the pairs emitted
 * (a bucket of m documents emits m(m-1)/2 pairs: the output contract asks
 * for every related pair).
 */
concord_status lsh_candidates(const uint32_t *sigs, size_t n, unsigned perms, unsigned bands,
                              unsigned rows, uint64_t **pairs, size_t *len,
                              size_t *cap);

#endif
