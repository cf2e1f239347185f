/* anchor_index.c - see anchor_index.h. */
#include "index/anchor_index.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/radix.h"

double anchor_index_weight(size_t df, size_t n)
{
    assert(df >= 2 && df <= n);
    return log((double)(n + 1) / (double)df) / log((double)(n + 1) / 2.0);
}

/* The inverted index: postings grouped by anchor, articles ascending. */
typedef struct postings {
    uint64_t *sorted;   /* (anchor << 32 | article), by anchor then article */
    size_t *first, *end; /* indexed anchor i: sorted[first[i] .. end[i]) */
    double *weight;     /* weight of indexed anchor i */
    size_t n_indexed;
    size_t *doc_start;  /* article d's indexed anchors: doc_anchor[doc_start[d] .. +1) */
    uint32_t *doc_anchor;
} postings;

static void postings_free(postings *p)
{
    free(p->sorted);
    free(p->first);
    free(p->end);
    free(p->weight);
    free(p->doc_start);
    free(p->doc_anchor);
}

static concord_status build(const uint32_t *values, const uint64_t *start, size_t n,
                            const anchor_index_params *prm, postings *p, anchor_index_stats *s)
{
    size_t m = start[n];
    uint64_t *tmp = malloc((m ? m : 1) * sizeof *tmp);
    p->sorted = malloc((m ? m : 1) * sizeof *p->sorted);
    p->first = malloc((m ? m : 1) * sizeof *p->first);
    p->end = malloc((m ? m : 1) * sizeof *p->end);
    p->weight = malloc((m ? m : 1) * sizeof *p->weight);
    p->doc_start = calloc(n + 1, sizeof *p->doc_start);
    if (!tmp || !p->sorted || !p->first || !p->end || !p->weight || !p->doc_start) {
        free(tmp);
        return CONCORD_ERR_NOMEM;
    }
    for (size_t d = 0; d < n; d++)
        for (uint64_t i = start[d]; i < start[d + 1]; i++) p->sorted[i] = (uint64_t)values[i] << 32 | d;
    /* Built in article order, so a stable sort on the anchor keeps each
       anchor's articles ascending. */
    radix_sort_u64_high32(p->sorted, tmp, m);
    free(tmp);
    size_t k = 0, indexed_postings = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i + 1;
        while (j < m && p->sorted[j] >> 32 == p->sorted[i] >> 32) j++;
        size_t df = j - i;
        s->anchors++;
        if (df > prm->max_df) s->too_common++;
        if (df >= 2 && df <= prm->max_df) {
            p->first[k] = i;
            p->end[k] = j;
            p->weight[k++] = anchor_index_weight(df, n);
            indexed_postings += df;
            for (size_t x = i; x < j; x++) p->doc_start[(uint32_t)p->sorted[x] + 1]++;
        }
        i = j;
    }
    p->n_indexed = s->indexed = k;
    /* Each article's indexed anchors (counting sort by article). */
    for (size_t d = 0; d < n; d++) p->doc_start[d + 1] += p->doc_start[d];
    assert(p->doc_start[n] == indexed_postings);
    p->doc_anchor = malloc((indexed_postings ? indexed_postings : 1) * sizeof *p->doc_anchor);
    size_t *fill = malloc((n ? n : 1) * sizeof *fill);
    if (!p->doc_anchor || !fill) {
        free(fill);
        return CONCORD_ERR_NOMEM;
    }
    memcpy(fill, p->doc_start, n * sizeof *fill);
    for (size_t a = 0; a < k; a++)
        for (size_t x = p->first[a]; x < p->end[a]; x++)
            p->doc_anchor[fill[(uint32_t)p->sorted[x]]++] = (uint32_t)a;
    free(fill);
    return CONCORD_OK;
}

concord_status anchor_index_candidates(const uint32_t *values, const uint64_t *start, size_t n,
                                       const anchor_index_params *prm, uint64_t **out,
                                       size_t *len, anchor_index_stats *stats)
{
    anchor_index_stats s = {0};
    *out = NULL;
    *len = 0;
    if (!prm || prm->max_df < 2 || prm->min_shared < 1 || n >= UINT32_MAX) return CONCORD_ERR_INVALID;
    postings p = {0};
    concord_status st = build(values, start, n, prm, &p, &s);
    /* ScanCount: for article a, count and weigh the anchors it shares with
       each later article b; touched[] lists the b seen, to reset them. */
    uint32_t *count = NULL, *touched = NULL;
    double *weight = NULL;
    uint64_t *cand = NULL;
    size_t n_cand = 0, cap = 0;
    if (!st) {
        count = calloc(n ? n : 1, sizeof *count);
        weight = calloc(n ? n : 1, sizeof *weight);
        touched = malloc((n ? n : 1) * sizeof *touched);
        if (!count || !weight || !touched) st = CONCORD_ERR_NOMEM;
    }
    for (size_t a = 0; a < n && !st; a++) {
        size_t nt = 0;
        for (size_t i = p.doc_start[a]; i < p.doc_start[a + 1]; i++) {
            uint32_t an = p.doc_anchor[i];
            double w = p.weight[an];
            for (size_t x = p.first[an]; x < p.end[an]; x++) {
                uint32_t b = (uint32_t)p.sorted[x];
                if (b <= a) continue;
                if (!count[b]++) touched[nt++] = b;
                weight[b] += w;
            }
        }
        for (size_t t = 0; t < nt && !st; t++) {
            uint32_t b = touched[t];
            /* a small tolerance: weights that sum to the threshold on
               paper must not miss it by a rounding error */
            if (count[b] >= prm->min_shared && weight[b] >= prm->min_weight - 1e-9)
                st = VEC_PUSH(cand, n_cand, cap, (uint64_t)a << 32 | b);
            count[b] = 0;
            weight[b] = 0;
        }
    }
    free(count);
    free(weight);
    free(touched);
    postings_free(&p);
    if (!st && n_cand) {
        uint64_t *tmp = malloc(n_cand * sizeof *tmp);
        if (!tmp) st = CONCORD_ERR_NOMEM;
        else radix_sort_u64(cand, tmp, n_cand); /* each pair once: no repeats */
        free(tmp);
    }
    if (st) {
        free(cand);
        return st;
    }
    *out = cand;
    *len = n_cand;
    if (stats) *stats = s;
    return CONCORD_OK;
}
