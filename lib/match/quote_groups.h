/*
 * quote_groups.h - internals of lib/match/quote_groups.c (the public
 * concord_quote_groups is declared in concord.h), for tests and tools.
 * The score and its threshold are described in docs/quotes.md.
 */
#ifndef CONCORD_MATCH_QUOTE_GROUPS_H
#define CONCORD_MATCH_QUOTE_GROUPS_H

#include <stddef.h>

#include "concord.h"

#define QUOTE_GROUPS_THRESHOLD 0.65  /* default score threshold */
#define QUOTE_GROUPS_SPEAKER_BONUS 0.2    /* times the containment */
#define QUOTE_GROUPS_SPEAKER_PENALTY 0.2  /* both speakers known and different */
/* containment a pair sharing fewer than 2 content words needs (with the
   same speaker) */
#define QUOTE_GROUPS_SPEAKER_CONTAINMENT 0.7

enum {
    QUOTE_GROUPS_PREFIX = 5,    /* words compare by their first 5 code points */
    QUOTE_GROUPS_LIST_CAP = 64, /* an index list longer than this pairs neighbours only */
    QUOTE_GROUPS_WINDOW = 8     /* ... each with the next WINDOW in MinHash order */
};

/*
 * The score of quotes a and b (add order) that run() compares with the
 * threshold:
 *   0.5 * containment + 0.25 * bigram containment + 0.25 * Dice
 *   + 0.2 * containment if the speakers match, - 0.2 if both are known
 *   and differ,
 * over the sets of words (normalised, compared by their first
 * QUOTE_GROUPS_PREFIX code points): containment = |A&B| / min(|A|,|B|),
 * Dice = 2|A&B| / (|A|+|B|), bigram containment = the share of the
 * shorter quote's word pairs found in the other (capped by containment: a
 * partial quote keeps its words in order, a chance overlap does not).
 * 0 when the pair is not eligible: fewer than 2 shared words, or fewer
 * than 2 shared words outside a short English function-word list unless
 * the speakers match, 3 words are shared and containment >=
 * QUOTE_GROUPS_SPEAKER_CONTAINMENT. Speakers match when their last words
 * are the same capitalised word (a surname), or, for a phrase ending in a
 * lowercase role word ("NATO official"), when the phrases are the same.
 * The score never exceeds 1.2 * containment (run()'s candidate bound).
 * Usable before run(); O(|A| + |B|).
 */
double quote_groups_score(const concord_quote_groups *groups, size_t a, size_t b);

/* 1 if a function word of the grouping stop list ("we", "didn't", ...). */
int quote_groups_is_stopword(const char *norm, size_t len);

/* Candidate pairs verified by the last run(). */
size_t quote_groups_candidates(const concord_quote_groups *groups);

#endif
