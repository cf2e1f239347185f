/*
 * bigarray.h - a growable array for the few large per-corpus stores
 * (shingle sets, LSH keys), backed directly by anonymous memory maps.
 *
 * Why not realloc: the first touch of each 4 KiB page is a page fault, and
 * on virtual machines a fault costs microseconds: filling 32 MiB took
 * ~86 ms here, against ~2 ms with transparent huge pages. So the mapping is
 * advised MADV_HUGEPAGE (one fault per 2 MiB) and grows with mremap, which
 * moves page tables instead of copying bytes. Falls back to malloc/realloc
 * where mremap is unavailable. Growth is geometric: appends are amortised
 * O(1). Not thread-safe.
 */
#ifndef CONCORD_UTIL_BIGARRAY_H
#define CONCORD_UTIL_BIGARRAY_H

#include <stddef.h>

#include "concord.h"

typedef struct bigarray {
    void *data;
    size_t bytes;  /* capacity in bytes */
    int mapped;    /* 1: data is an mmap'd region */
} bigarray;

/* An empty array; never fails. */
void bigarray_init(bigarray *a);
void bigarray_free(bigarray *a);
/* Capacity for at least need bytes; contents up to the old capacity kept. */
concord_status bigarray_reserve(bigarray *a, size_t need);

#endif
