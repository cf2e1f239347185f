/* unionfind.c - see unionfind.h. */
#include "util/unionfind.h"

#include <assert.h>
#include <stdlib.h>

concord_status uf_init(unionfind *uf, size_t n)
{
    assert(n < UINT32_MAX);
    uf->n = n;
    uf->parent = malloc((n ? n : 1) * sizeof *uf->parent);
    uf->rank = calloc(n ? n : 1, 1);
    if (!uf->parent || !uf->rank) {
        uf_free(uf);
        return CONCORD_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) uf->parent[i] = (uint32_t)i;
    return CONCORD_OK;
}

void uf_free(unionfind *uf)
{
    free(uf->parent);
    free(uf->rank);
    uf->parent = NULL;
    uf->rank = NULL;
    uf->n = 0;
}

uint32_t uf_find(unionfind *uf, uint32_t x)
{
    assert(x < uf->n);
    while (uf->parent[x] != x) {
        uf->parent[x] = uf->parent[uf->parent[x]]; /* path halving */
        x = uf->parent[x];
    }
    return x;
}

uint32_t uf_union(unionfind *uf, uint32_t x, uint32_t y)
{
    x = uf_find(uf, x);
    y = uf_find(uf, y);
    if (x == y) return x;
    if (uf->rank[x] < uf->rank[y]) {
        uint32_t t = x;
        x = y;
        y = t;
    }
    uf->parent[y] = x;
    if (uf->rank[x] == uf->rank[y]) uf->rank[x]++;
    return x;
}
