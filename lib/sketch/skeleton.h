/*
 * skeleton.h - spin-robust signatures over a token sequence (internal).
 *
 * A spinner (automatic synonym substitution) rewrites content words and
 * leaves the rest: function words, numbers, names. Three signature kinds,
 * each a multiset of 32-bit values like shingles_hash() (unsorted, repeats
 * kept), compared as sets (Jaccard / containment):
 *
 *  (a) skeleton_shingles: k-grams (k = 5) of the token sequence in which
 *      every content word becomes one placeholder, while function words,
 *      numbers and names stay themselves. Robust to ANY word-for-word
 *      substitution of content words (synonym, wrong sense, unrelated
 *      word), to inflection and case changes of content words. Broken by
 *      a changed function word, number or name, by phrase substitutions
 *      that change the word count ("according to" -> "in keeping with"),
 *      insertions and deletions. Alone it is weakly discriminative (short
 *      patterns such as "of the _ _ in" recur everywhere), so k-grams with
 *      fewer than two anchors (non-placeholders) are dropped: they are
 *      numerous and match across unrelated texts (runs of content words).
 *  (b) spotsigs (Theobald, Siddharth & Paepcke, SIGIR 2008): at each
 *      antecedent (a frequent function word: "the", "is", "said", ...) the
 *      antecedent plus the canonical classes (concord_lexicon_canon) of the
 *      next `chain` content words, skipping function words. Robust to
 *      synonym substitution within a canonical class, to edits of
 *      non-antecedent function words, and to everything outside the
 *      signature's short window; broken by a substitution that leaves the
 *      class, or a changed antecedent.
 *  (c) canon_shingles: k-grams (k = 3) over the canonical classes of the
 *      content words only (function words dropped). Robust to synonym
 *      substitution within a class, inflection, and any edit of function
 *      words (articles inserted or dropped; "according to" -> "in keeping
 *      with" only adds the content word "keeping" and breaks the k-grams
 *      over it); broken by a substitution that leaves the class.
 *
 * Content word: a token that is not a function word. Number: a token that
 * starts with a digit, as CONCORD_TOKEN_NUMBER (its canonical value ignores
 * thousands separators). Name: a CONCORD_TOKEN_UPPER token that is not a
 * common word of the lexicon (not in WordNet, or there only capitalised:
 * "Putin", "Moscow"); a capitalised common word ("Officials" starting a
 * sentence; also "Kremlin", a common noun too) counts as a content word,
 * so sentence-initial substitutions do not break (a). Without WordNet every
 * capitalised word is a name.
 *
 * Measured on spins of BBC articles (docs/lexicon.md): at 40% of content
 * words replaced, the original's signatures found in the spin are 82% (a),
 * 65% (b), 57% (c), against 35% of plain word 5-shingles; between
 * unrelated articles 1.3%, 0.1%, 0.0%.
 *
 * All functions: lexicon must not be NULL (concord_lexicon_create(..., "")
 * gives a stems-only lexicon); no allocation; thread-safe (the lexicon is
 * immutable); O(n * k). out must hold skeleton_max(n) values; the return
 * value is how many were written.
 */
#ifndef CONCORD_SKETCH_SKELETON_H
#define CONCORD_SKETCH_SKELETON_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"

typedef struct skeleton_options {
    unsigned k;       /* (a) skeleton shingle length, 1..32; default 5 */
    unsigned chain;   /* (b) content words after an antecedent, 1..8; default 2 */
    unsigned canon_k; /* (c) canonical shingle length, 1..32; default 3 */
    uint64_t seed;    /* hash seed; default 1 */
} skeleton_options;

void skeleton_options_init(skeleton_options *options);

/* Upper bound on the values any function below writes for n tokens. */
static inline size_t skeleton_max(size_t n)
{
    return n;
}

/* (a) Skeleton shingles: a k-gram is kept when it has two anchors or more;
   n < k tokens form one k-gram of all of them (kept likewise). */
size_t skeleton_shingles(const concord_lexicon *lexicon, const concord_token *tokens, size_t n,
                         const skeleton_options *options, uint32_t *out);

/* (b) SpotSigs; an antecedent followed by fewer than `chain` content words
   (within 16 tokens) gives none. */
size_t skeleton_spotsigs(const concord_lexicon *lexicon, const concord_token *tokens, size_t n,
                         const skeleton_options *options, uint32_t *out);

/* (c) Canonical shingles; fewer than canon_k content words (but some)
   give one shingle of all. */
size_t skeleton_canon_shingles(const concord_lexicon *lexicon, const concord_token *tokens,
                               size_t n, const skeleton_options *options, uint32_t *out);

/* 1 if the normalised word is a SpotSigs antecedent. */
int skeleton_is_antecedent(const char *norm, size_t len);

#endif
