/*
 * align.h - library-internal parts of passage alignment (the public API is
 * the "Passage alignment" section of concord.h; the method is described in
 * align.c and docs/align.md).
 *
 * Only for tests and measurements: the work counters below let a test
 * check that the amount of work grows linearly with the input, not merely
 * that one run was fast enough.
 */
#ifndef CONCORD_MATCH_ALIGN_H
#define CONCORD_MATCH_ALIGN_H

#include <stddef.h>

#include "concord.h"

/* Tuning constants (token units). Changing them changes results. */
enum {
    ALIGN_K = 3,              /* words per k-gram seed */
    ALIGN_MAX_PAIRS = 64,     /* a k-gram seen ca times in a and cb in b gives all
                                 ca*cb hits only when ca*cb <= this; else it is
                                 paired by rank (first with first, last with last) */
    ALIGN_LOOKBACK = 64,      /* chaining: predecessors examined per hit */
    ALIGN_MAX_GAP = 40,       /* chaining: largest step between two hits, in a */
    ALIGN_MAX_DRIFT = 16,     /* chaining: largest change of diagonal in one step */
    ALIGN_BAND = 6,           /* extension: half width of the band */
    ALIGN_XDROP = 5,          /* extension: stop this far below the best score */
    ALIGN_EXT_MAX = 64,       /* extension: at most this many words of a per end */
    ALIGN_SPLIT_GAP = 8,      /* a run of unmatched words this long (in a or in b)
                                 splits a passage */
    ALIGN_CELLS_PER_WORD = 64 /* work guard: no chain is refined once the dynamic
                                 programs have filled this many cells per word of
                                 a and b (plus 65,536); chains come best first */
};

/* Work done by the last concord_align() call. */
typedef struct align_stats {
    size_t tokens_a, tokens_b; /* words of a and b */
    size_t hits;               /* distinct seed hits (k-grams and anchors) */
    size_t chains;             /* chains refined */
    size_t cells;              /* dynamic-programming cells filled (gaps + extensions) */
    size_t columns;            /* alignment columns built */
    size_t candidates;         /* candidate passages before the non-overlap selection */
} align_stats;

void align_stats_get(const concord_aligner *aligner, align_stats *stats);

#endif
