/*
 * relate.h - internals of lib/match/relate*.c (the public concord_relate is
 * declared in concord.h), exposed for the unit tests. docs/relate.md.
 */
#ifndef CONCORD_MATCH_RELATE_H
#define CONCORD_MATCH_RELATE_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"

/* Words per quotation fingerprint (a quote of 2..QUOTE_GRAM-1 words is one
   fingerprint of all of them). */
enum { RELATE_QUOTE_GRAM = 4 };

/*
 * The anchors of one article: what independent reports of one event share
 * however they are worded.
 *   names    capitalised words (not function words, days or months) that
 *            are not at a sentence start, or are capitalised there at
 *            least twice ("Varenko", "Aldwyn"); by their normalised form;
 *   numbers  tokens starting with a digit, thousands separators dropped,
 *            of two characters or more ("4.2", "1998", "120"; "3" is too
 *            common to tell stories apart);
 *   quotes   fingerprints of the words inside quotation marks: hashes of
 *            each run of RELATE_QUOTE_GRAM words, so a quote with one word
 *            changed still shares most of its fingerprints.
 * Each kind hashes with its own seed. Reuses its buffers across calls.
 */
typedef struct relate_anchors {
    concord_quotes *quotes;
    uint32_t *v; size_t len, cap;      /* the anchors (sorted, unique after extract) */
    uint32_t *initial; size_t icap;    /* names at sentence starts, to find repeats */
    uint32_t *tmp; size_t tmp_cap;
} relate_anchors;

concord_status relate_anchors_init(relate_anchors *a);
void relate_anchors_free(relate_anchors *a);

/* Anchors of text[0..len), already analysed into tok[0..n) (tokens of the
   same text). Result: a->v[0..a->len), sorted and unique. O(len + n log n). */
concord_status relate_anchors_extract(relate_anchors *a, const concord_lexicon *lexicon,
                                      const char *text, size_t len, const concord_token *tok,
                                      size_t n);

#endif
