/*
 * unionfind.h - disjoint sets over 0..n-1 with union by rank and path
 * halving: near-constant amortised time per operation.
 */
#ifndef CONCORD_UTIL_UNIONFIND_H
#define CONCORD_UTIL_UNIONFIND_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"

typedef struct unionfind {
    uint32_t *parent;
    uint8_t *rank;
    size_t n;
} unionfind;

concord_status uf_init(unionfind *uf, size_t n);
void uf_free(unionfind *uf);
uint32_t uf_find(unionfind *uf, uint32_t x);
/* Join the sets of x and y; returns the new root. */
uint32_t uf_union(unionfind *uf, uint32_t x, uint32_t y);

#endif
