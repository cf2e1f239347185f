/* buf.c - see buf.h. */
#include "util/buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void buf_init(buf *b, size_t cap_max)
{
    b->data = NULL;
    b->len = b->cap_alloc = 0;
    b->cap_max = cap_max ? cap_max : SIZE_MAX / 2;
}

void buf_free(buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap_alloc = 0;
}

concord_status buf_reserve(buf *b, size_t extra)
{
    /* +1 keeps room for buf_cstr's terminator. */
    if (extra > b->cap_max - b->len) return CONCORD_ERR_TOO_LARGE;
    size_t need = b->len + extra + 1;
    if (need <= b->cap_alloc) return CONCORD_OK;
    size_t n = b->cap_alloc ? b->cap_alloc : 256;
    while (n < need) n = n > SIZE_MAX / 2 ? need : n * 2;
    char *p = realloc(b->data, n);
    if (!p) return CONCORD_ERR_NOMEM;
    b->data = p;
    b->cap_alloc = n;
    return CONCORD_OK;
}

concord_status buf_append(buf *b, const void *bytes, size_t len)
{
    if (!len) return CONCORD_OK;
    concord_status st = buf_reserve(b, len);
    if (st) return st;
    memcpy(b->data + b->len, bytes, len);
    b->len += len;
    return CONCORD_OK;
}

concord_status buf_push(buf *b, char c) { return buf_append(b, &c, 1); }

const char *buf_cstr(buf *b)
{
    if (buf_reserve(b, 0)) return NULL;
    b->data[b->len] = '\0';
    return b->data;
}

concord_status vec_grow(void **items, size_t *cap, size_t len, size_t n, size_t item_size)
{
    if (n > SIZE_MAX / item_size - len) return CONCORD_ERR_NOMEM;
    size_t need = len + n;
    if (need <= *cap) return CONCORD_OK;
    size_t c = *cap ? *cap : 16;
    while (c < need) c = c > SIZE_MAX / item_size / 2 ? need : c * 2;
    void *p = realloc(*items, c * item_size);
    if (!p) return CONCORD_ERR_NOMEM;
    *items = p;
    *cap = c;
    return CONCORD_OK;
}
