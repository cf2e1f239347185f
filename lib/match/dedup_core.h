/*
 * dedup_core.h - what concord_dedup and the store (lib/store) must agree
 * on to find the same pairs: the token hash seed, the banding target and
 * the verification rule on exact shingle sets.
 */
#ifndef CONCORD_MATCH_DEDUP_CORE_H
#define CONCORD_MATCH_DEDUP_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"

/* Seed of the token hashes shingles are made of. */
enum { DEDUP_SEED_TOKEN = 0x7f4a7c15u };

/*
 * The lowest Jaccard a reportable pair can have, which the LSH banding must
 * catch: a near pair has J >= threshold; a contained pair (shorter A, |A| >=
 * r|B|, |A&B| >= c|A|) has J = |A&B| / (|A|+|B|-|A&B|) >= cr / (1 + r - cr).
 */
static inline double dedup_lowest_reportable_jaccard(const concord_dedup_options *o)
{
    double c = o->containment, r = o->min_ratio;
    double contained = c * r / (1.0 + r - c * r);
    return contained < o->threshold ? contained : o->threshold;
}

/* |A & B| of two sorted, duplicate-free arrays. O(|A| + |B|). */
static inline size_t dedup_intersect_count(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0, c = 0;
    while (i < na && j < nb) {
        uint32_t x = a[i], y = b[j];
        c += x == y;
        i += x <= y;
        j += y <= x;
    }
    return c;
}

/*
 * Figures and relation of two different, non-empty shingle sets of sizes
 * na and nb sharing inter shingles: near when J >= threshold, contained
 * when the shorter is >= containment in the longer and >= min_ratio of its
 * size. Returns 1 and fills *p's relation and figures when related, else 0.
 */
static inline int dedup_classify(const concord_dedup_options *o, size_t na, size_t nb, size_t inter,
                                 concord_pair *p)
{
    p->jaccard = (double)inter / (double)(na + nb - inter);
    p->a_in_b = (double)inter / (double)na;
    p->b_in_a = (double)inter / (double)nb;
    double shorter_in_longer = na <= nb ? p->a_in_b : p->b_in_a;
    double ratio = na <= nb ? (double)na / (double)nb : (double)nb / (double)na;
    if (p->jaccard >= o->threshold) p->relation = CONCORD_REL_NEAR;
    else if (shorter_in_longer >= o->containment && ratio >= o->min_ratio) p->relation = CONCORD_REL_CONTAINED;
    else return 0;
    return 1;
}

#endif
