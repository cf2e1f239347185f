/*
 * lsh.h - locality-sensitive hashing over MinHash signatures (banding).
 *
 * A signature of perms values is cut into `bands` bands of `rows` values;
 * two documents become candidates when any band is identical, which for
 * Jaccard s happens with probability 1 - (1 - s^rows)^bands (the S-curve).
 * Documents keep only their band keys (bands x 32 bits), computed when
 * they are added; buckets are found by sorting (band key, document) pairs
 * instead of a hash table of lists: one flat array, no per-document heap
 * objects.
 */
#ifndef CONCORD_INDEX_LSH_H
#define CONCORD_INDEX_LSH_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"

/*
 * keys[0..bands) = the band keys of one signature of bands*rows values:
 * 32 bits of a hash of each band's rows (a 32-bit collision between
 * different bands only adds a false candidate, which verification drops).
 */
void lsh_band_keys(const uint32_t *sig, unsigned bands, unsigned rows, uint32_t *keys);

/*
 * Append to *pairs (a vec of len *len, capacity *cap) every pair of
 * documents sharing a band key, packed as (uint64)a << 32 | b with a < b.
 * keys holds n documents' band keys, bands per document, document-major.
 * Pairs may repeat across bands; the caller deduplicates.
 * Cost: O(bands * n) to sort the keys band by band, plus the pairs emitted
 * (a bucket of m documents emits m(m-1)/2 pairs: the output contract asks
 * for every related pair).
 */
concord_status lsh_candidates(const uint32_t *keys, size_t n, unsigned bands, uint64_t **pairs,
                              size_t *len, size_t *cap);

#endif
