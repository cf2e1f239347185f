/*
 * tokens.h - the word tokenizer.
 *
 * A token is a maximal run of letters, digits and combining marks (it
 * starts with a letter or digit) that may also contain:
 *   an apostrophe (cp_is_apostrophe) followed by a letter: "don't", "O'Brien";
 *   '.' or ',' between two decimal digits: "3.5", "100,000";
 *   a joiner (cp_is_joiner) followed by a letter, digit or mark.
 * Han, Hiragana, Katakana and Hangul syllables make one token per
 * character (plus its combining marks). Everything else separates tokens:
 * spaces, punctuation, symbols, emoji, U+FFFD from ill-formed bytes.
 * A run is cut into pieces of TOKENS_MAX_CPS code points (at a point where
 * normalisation does not cross), and after 30 successive non-starters.
 *
 * Pure ASCII tokens take a fast path (16 bytes at a time with SSE2, else a
 * 256-entry class table) that writes lowercase bytes straight into the
 * norm buffer; tokens of cp_info.simple code points are copied; only the
 * others go through utf8proc (normalise.h).
 */
#ifndef CONCORD_TEXT_TOKENS_H
#define CONCORD_TEXT_TOKENS_H

#include <stddef.h>

#include "concord.h"
#include "text/normalise.h"
#include "util/buf.h"

/*
 * TOKENS_NORM_PAD: at least this many bytes after the start of every
 * token's norm are readable (bytes past norm_len are unspecified), so
 * hashing can load a whole word of a short norm without a length branch.
 */
enum { TOKENS_MAX_CPS = 256, TOKENS_NORM_PAD = 8 };

/* Tokens of one text. Owns all its memory; reuse keeps it. */
typedef struct token_list {
    concord_token *items; /* items[0..len); norm points into norms */
    size_t len, cap;
    buf norms;      /* every token's norm, back to back, in order */
    size_t repairs; /* ill-formed sequences in the input */
} token_list;

void token_list_init(token_list *tl);
void token_list_free(token_list *tl);

/*
 * Replace tl's contents with the tokens of s[0..len) (any bytes).
 * O(len) time; no allocation once tl's buffers are large enough.
 * Returns CONCORD_OK or CONCORD_ERR_NOMEM (tl is then empty).
 */
concord_status tokens_run(token_list *tl, norm_scratch *ns, const char *s, size_t len);

#endif
