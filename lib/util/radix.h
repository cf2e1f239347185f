/*
 * radix.h - LSD radix sorts for unsigned integer keys.
 *
 * O(n * bytes) time with a caller-supplied scratch array of the same size;
 * passes whose digit is constant over the input are skipped, so keys that
 * only use their low bytes cost less. Stable. Used instead of qsort in hot
 * paths (per-document shingle sets, LSH band buckets, candidate pairs).
 */
#ifndef CONCORD_UTIL_RADIX_H
#define CONCORD_UTIL_RADIX_H

#include <stddef.h>
#include <stdint.h>

/* Sort a[0..n) ascending; tmp must hold n elements. */
void radix_sort_u32(uint32_t *a, uint32_t *tmp, size_t n);
void radix_sort_u64(uint64_t *a, uint64_t *tmp, size_t n);
/* Stable sort by the high 32 bits only (low halves keep their order). */
void radix_sort_u64_high32(uint64_t *a, uint64_t *tmp, size_t n);

/* Sort then drop repeats; returns the new length. */
size_t sort_unique_u32(uint32_t *a, uint32_t *tmp, size_t n);
size_t sort_unique_u64(uint64_t *a, uint64_t *tmp, size_t n);

#endif
