/*
 * sentences.h - sentence segmentation (rules in docs/text.md).
 *
 * Summary: a blank line always ends a sentence, a single newline never
 * does. Otherwise a sentence ends after a run of . ! ? ... (plus closing
 * quotes and brackets) followed by whitespace and a sentence start
 * (uppercase or caseless letter, digit, opening quote or bracket), or
 * after CJK full stops; with exceptions for abbreviations, initials,
 * dotted acronyms and quotations.
 */
#ifndef CONCORD_TEXT_SENTENCES_H
#define CONCORD_TEXT_SENTENCES_H

#include <stddef.h>

#include "concord.h"

typedef struct sentence_list {
    concord_sentence *items;
    size_t len, cap;
} sentence_list;

void sentence_list_init(sentence_list *sl);
void sentence_list_free(sentence_list *sl);

/*
 * Replace sl's contents with the sentences of s[0..len) (any bytes; spans
 * are trimmed of whitespace and never empty). toks[0..ntoks) are the
 * tokens of the same text, in order; each sentence gets those inside its
 * span. O(len + ntoks). Returns CONCORD_OK or CONCORD_ERR_NOMEM (sl is then
 * empty).
 */
concord_status sentences_run(sentence_list *sl, const char *s, size_t len,
                             const concord_token *toks, size_t ntoks);

#endif
