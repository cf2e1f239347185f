/*
 * buf.h - growable byte buffer with a hard cap (after curl's dynbuf).
 *
 * Growth is geometric, so appends are amortised O(1). A buffer never grows
 * past its cap: appends that would exceed it fail with CONCORD_ERR_TOO_LARGE
 * and leave the buffer unchanged. data is not NUL-terminated unless
 * buf_cstr() is called.
 */
#ifndef CONCORD_UTIL_BUF_H
#define CONCORD_UTIL_BUF_H

#include <stddef.h>

#include "concord.h"

typedef struct buf {
    char *data;
    size_t len, cap_alloc; /* bytes used, bytes allocated */
    size_t cap_max;        /* hard limit on len */
} buf;

void buf_init(buf *b, size_t cap_max);
void buf_free(buf *b);
static inline void buf_clear(buf *b) { b->len = 0; }
/* Ensure room for extra more bytes. */
concord_status buf_reserve(buf *b, size_t extra);
concord_status buf_append(buf *b, const void *bytes, size_t len);
concord_status buf_push(buf *b, char c);
/* NUL-terminate (not counted in len) and return data; NULL on failure. */
const char *buf_cstr(buf *b);

/*
 * vec: the same growth policy for arrays of fixed-size elements, without a
 * cap (callers bound their inputs). vec_grow makes room for n more items.
 */
concord_status vec_grow(void **items, size_t *cap, size_t len, size_t n, size_t item_size);
#define VEC_PUSH(items, len, cap, value)                                                      \
    (((len) < (cap) || vec_grow((void **)&(items), &(cap), (len), 1, sizeof *(items)) == 0)  \
         ? ((items)[(len)++] = (value), CONCORD_OK)                                           \
         : CONCORD_ERR_NOMEM)

#endif
