/*
 * arena.h - bump allocator for per-document and per-batch memory.
 *
 * Allocation is O(1) amortised; memory is released all at once by
 * arena_reset() (keeps the first block for reuse) or arena_free(). Used in
 * hot paths instead of malloc/free pairs. Not thread-safe.
 */
#ifndef CONCORD_UTIL_ARENA_H
#define CONCORD_UTIL_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head;   /* current block, newest first */
    size_t block_size;   /* default size of new blocks */
    size_t total;        /* bytes handed out since the last reset */
} arena;

/* block_size 0 means 64 KiB. Never fails (allocates lazily). */
void arena_init(arena *a, size_t block_size);
/* size bytes aligned to max_align_t; NULL only on out-of-memory. */
void *arena_alloc(arena *a, size_t size);
/* Copy of bytes[0..len) plus a NUL terminator. */
char *arena_strndup(arena *a, const char *bytes, size_t len);
/* Forget all allocations; keeps one block so steady-state reuse is free. */
void arena_reset(arena *a);
void arena_free(arena *a);

#endif
