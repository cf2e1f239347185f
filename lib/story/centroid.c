/*
 * centroid.c - sparse vectors sorted by term: dot products and the bounded
 * sums that keep a story's centroid small (its heaviest terms only), so
 * scoring an article against a story costs O(article terms + bound).
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "story/story_internal.h"

concord_status svec_reserve(svec *v, size_t n)
{
    if (n <= v->cap) return CONCORD_OK;
    if (n > UINT32_MAX) return CONCORD_ERR_TOO_LARGE;
    size_t cap = v->cap ? v->cap : 16;
    while (cap < n) cap *= 2;
    if (cap > UINT32_MAX) cap = UINT32_MAX;
    wterm *p = realloc(v->v, cap * sizeof *p);
    if (!p) return CONCORD_ERR_NOMEM;
    v->v = p;
    v->cap = (uint32_t)cap;
    return CONCORD_OK;
}

void svec_free(svec *v)
{
    free(v->v);
    memset(v, 0, sizeof *v);
}

double svec_dot(const svec *a, const svec *b)
{
    double d = 0;
    uint32_t i = 0, j = 0;
    while (i < a->len && j < b->len) {
        uint32_t x = a->v[i].term, y = b->v[j].term;
        if (x == y) d += (double)a->v[i++].weight * b->v[j++].weight;
        else if (x < y) i++;
        else j++;
    }
    return d;
}

void svec_normalise(svec *v)
{
    double n = 0;
    for (uint32_t i = 0; i < v->len; i++) n += (double)v->v[i].weight * v->v[i].weight;
    n = sqrt(n);
    if (n > 0)
        for (uint32_t i = 0; i < v->len; i++) v->v[i].weight = (float)(v->v[i].weight / n);
    v->norm = n > 0 ? 1.0 : 0.0;
}

/* Heaviest first; equal weights: lower term first (determinism). */
static int by_weight_desc(const void *pa, const void *pb)
{
    const wterm *a = pa, *b = pb;
    if (a->weight != b->weight) return a->weight > b->weight ? -1 : 1;
    return (a->term > b->term) - (a->term < b->term);
}

static int by_term(const void *pa, const void *pb)
{
    const wterm *a = pa, *b = pb;
    return (a->term > b->term) - (a->term < b->term);
}

concord_status svec_add_bounded(svec *acc, const svec *add, double scale, unsigned max_terms,
                                svec *tmp)
{
    concord_status st = svec_reserve(tmp, (size_t)acc->len + add->len);
    if (st) return st;
    uint32_t i = 0, j = 0, k = 0;
    while (i < acc->len || j < add->len) {
        if (j == add->len || (i < acc->len && acc->v[i].term < add->v[j].term)) {
            tmp->v[k++] = acc->v[i++];
        } else if (i == acc->len || add->v[j].term < acc->v[i].term) {
            tmp->v[k++] = (wterm){add->v[j].term, (float)(scale * add->v[j].weight)};
            j++;
        } else {
            tmp->v[k++] = (wterm){acc->v[i].term, (float)(acc->v[i].weight + scale * add->v[j].weight)};
            i++, j++;
        }
    }
    if (k > max_terms) {
        qsort(tmp->v, k, sizeof *tmp->v, by_weight_desc);
        k = max_terms;
        qsort(tmp->v, k, sizeof *tmp->v, by_term);
    }
    if ((st = svec_reserve(acc, k))) return st;
    if (k) memcpy(acc->v, tmp->v, k * sizeof *acc->v);
    acc->len = k;
    double n = 0;
    for (uint32_t x = 0; x < k; x++) n += (double)acc->v[x].weight * acc->v[x].weight;
    acc->norm = sqrt(n);
    assert(acc->len <= max_terms);
    return CONCORD_OK;
}
