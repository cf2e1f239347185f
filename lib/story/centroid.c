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

void svec_normalise(svec *v)
{
    double n = 0;
    for (uint32_t i = 0; i < v->len; i++) n += (double)v->v[i].weight * v->v[i].weight;
    n = sqrt(n);
    if (n > 0)
        for (uint32_t i = 0; i < v->len; i++) v->v[i].weight = (float)(v->v[i].weight / n);
    v->norm = n > 0 ? 1.0 : 0.0;
}

/* Heaviest first; equal weights: lower term first (a total order, so
   the result never depends on the order of the input). */
static int heavier(const wterm *a, const wterm *b)
{
    if (a->weight != b->weight) return a->weight > b->weight;
    return a->term < b->term;
}

/* Put the k-th heaviest (0-based) of a[0..n) at a[k], heavier ones before
   it: quickselect with a median-of-three pivot, expected O(n). */
static void select_kth(wterm *a, uint32_t n, uint32_t k)
{
    uint32_t lo = 0, hi = n - 1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (heavier(&a[mid], &a[lo])) { wterm t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
        if (heavier(&a[hi], &a[lo])) { wterm t = a[hi]; a[hi] = a[lo]; a[lo] = t; }
        if (heavier(&a[hi], &a[mid])) { wterm t = a[hi]; a[hi] = a[mid]; a[mid] = t; }
        wterm pivot = a[mid]; /* the median of the three */
        uint32_t i = lo, j = hi;
        for (;;) {
            while (heavier(&a[i], &pivot)) i++;
            while (heavier(&pivot, &a[j])) j--;
            if (i >= j) break;
            wterm t = a[i]; a[i] = a[j]; a[j] = t;
            i++, j--;
        }
        if (k <= j) hi = j;
        else lo = j + 1;
    }
}

concord_status svec_add_bounded(svec *acc, const svec *add, double scale, unsigned max_terms,
                                svec *tmp)
{
    size_t n = (size_t)acc->len + add->len;
    concord_status st = svec_reserve(tmp, 2 * n);
    if (st) return st;
    wterm *sum = tmp->v, *sel = tmp->v + n;
    uint32_t i = 0, j = 0, k = 0;
    while (i < acc->len || j < add->len) {
        if (j == add->len || (i < acc->len && acc->v[i].term < add->v[j].term)) {
            sum[k++] = acc->v[i++];
        } else if (i == acc->len || add->v[j].term < acc->v[i].term) {
            sum[k++] = (wterm){add->v[j].term, (float)(scale * add->v[j].weight)};
            j++;
        } else {
            sum[k++] = (wterm){acc->v[i].term, (float)(acc->v[i].weight + scale * add->v[j].weight)};
            i++, j++;
        }
    }
    uint32_t keep = k < max_terms ? k : max_terms;
    if ((st = svec_reserve(acc, keep))) return st;
    if (k > max_terms) {
        /* The max_terms heaviest, still in term order: select the cut-off
           on a copy, then filter the sum. */
        memcpy(sel, sum, k * sizeof *sel);
        select_kth(sel, k, max_terms - 1);
        wterm cut = sel[max_terms - 1];
        uint32_t kept = 0;
        for (uint32_t x = 0; x < k; x++)
            if (!heavier(&cut, &sum[x])) acc->v[kept++] = sum[x];
        assert(kept == max_terms);
    } else if (k) {
        memcpy(acc->v, sum, k * sizeof *acc->v);
    }
    acc->len = keep;
    double norm = 0;
    for (uint32_t x = 0; x < keep; x++) norm += (double)acc->v[x].weight * acc->v[x].weight;
    acc->norm = sqrt(norm);
    return CONCORD_OK;
}
