/*
 * text.h - library-internal access to a concord_text (see concord.h for
 * the public API). For the hot paths of higher layers, which should not
 * pay a function call per token.
 */
#ifndef CONCORD_TEXT_TEXT_H
#define CONCORD_TEXT_TEXT_H

#include <stddef.h>

#include "concord.h"

/*
 * All tokens of the last analysed document: *count of them, valid until
 * the next analyse. Each norm is followed by readable padding
 * (TOKENS_NORM_PAD in text/tokens.h).
 */
const concord_token *text_tokens(const concord_text *text, size_t *count);

/* The position of s[0..len) in list[0..n) (sorted in byte order), or -1. */
long text_word_list_find(const char *const *list, size_t n, const char *s, size_t len);

/* 1 when the normalised word is a month or weekday name ("june",
   "monday"): capitalised, yet no name, place or unit (names_words.c). */
int text_is_calendar_word(const char *norm, size_t len);

#endif
