/*
 * anchor_index.h - candidate pairs from shared rare features: an inverted
 * index (feature -> articles) with a document-frequency cap and IDF
 * weights, counted per article by ScanCount (Li, Lu & Lu, ICDE 2008).
 *
 * Each article has a set of 32-bit anchors (in relate: names, numbers,
 * quotation fingerprints). An anchor in one article pairs nothing; an
 * anchor in more than max_df articles is not indexed (a common name or
 * "2025" would make every pair of the corpus a candidate). The others
 * weigh w = ln((N+1)/df) / ln((N+1)/2), in (0, 1], 1 for an anchor shared
 * by exactly two of the N articles. A pair is a candidate when it shares
 * >= min_shared indexed anchors whose weights sum to >= min_weight.
 *
 * Cost: a radix sort of the M (anchor, article) postings, then for each
 * article, one step per posting of each of its indexed anchors:
 * O(M + sum over indexed anchors of df^2) <= O(M * max_df). It grows with
 * the corpus, not with its square; memory O(M + N).
 */
#ifndef CONCORD_INDEX_ANCHOR_INDEX_H
#define CONCORD_INDEX_ANCHOR_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"

typedef struct anchor_index_params {
    size_t max_df;       /* >= 2 */
    unsigned min_shared; /* >= 1 */
    double min_weight;
} anchor_index_params;

typedef struct anchor_index_stats {
    size_t anchors;     /* distinct anchors */
    size_t indexed;     /* in 2..max_df articles */
    size_t too_common;  /* in more than max_df articles */
} anchor_index_stats;

/*
 * Article d's anchors are values[start[d] .. start[d + 1]), sorted and
 * without repeats, for d < n (n < 2^32 - 1). *out (malloc'd, caller frees;
 * NULL when empty) = the candidate pairs, packed (uint64)a << 32 | b with
 * a < b, ascending. stats may be NULL.
 */
concord_status anchor_index_candidates(const uint32_t *values, const uint64_t *start, size_t n,
                                       const anchor_index_params *params, uint64_t **out,
                                       size_t *len, anchor_index_stats *stats);

/* The weight of an anchor found in df of n articles (2 <= df <= n). */
double anchor_index_weight(size_t df, size_t n);

#endif
