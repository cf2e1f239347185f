/* arena.c - see arena.h. */
#include "util/arena.h"

#include <assert.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
};

enum { ARENA_ALIGN = alignof(max_align_t) };

void arena_init(arena *a, size_t block_size)
{
    a->head = NULL;
    a->block_size = block_size ? block_size : 64 * 1024;
    a->total = 0;
}

void *arena_alloc(arena *a, size_t size)
{
    size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need < size) return NULL; /* overflow */
    arena_block *b = a->head;
    if (!b || b->size - b->used < need) {
        size_t cap = need > a->block_size ? need : a->block_size;
        if (cap > SIZE_MAX - sizeof(arena_block)) return NULL;
        b = malloc(sizeof(arena_block) + cap);
        if (!b) return NULL;
        b->size = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->total += need;
    assert(b->used <= b->size);
    return p;
}

char *arena_strndup(arena *a, const char *bytes, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    if (!p) return NULL;
    if (len) memcpy(p, bytes, len);
    p[len] = '\0';
    return p;
}

void arena_reset(arena *a)
{
    /* Keep the largest block: the next document likely needs as much. */
    arena_block *keep = NULL;
    for (arena_block *b = a->head, *next; b; b = next) {
        next = b->next;
        if (!keep || b->size > keep->size) {
            free(keep);
            keep = b;
        } else {
            free(b);
        }
    }
    if (keep) {
        keep->next = NULL;
        keep->used = 0;
    }
    a->head = keep;
    a->total = 0;
}

void arena_free(arena *a)
{
    for (arena_block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    a->head = NULL;
    a->total = 0;
}
