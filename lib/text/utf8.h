/*
 * utf8.h - UTF-8 decoding with validation, and encoding.
 *
 * Validation follows the Unicode Standard (Table 3-7, well-formed byte
 * sequences): overlong forms, surrogates (U+D800..DFFF) and values above
 * U+10FFFF are ill-formed. Repair follows the "substitution of maximal
 * subparts" practice (Unicode chapter 3.9, also the WHATWG decoder): each
 * maximal subpart of an ill-formed sequence is ONE error, replaced by one
 * U+FFFD. Examples: "\xC0\xAF" is two errors, "\xED\xA0\x80" three,
 * "\xE2\x82" (truncated) one.
 */
#ifndef CONCORD_TEXT_UTF8_H
#define CONCORD_TEXT_UTF8_H

#include <stddef.h>
#include <stdint.h>

enum {
    UTF8_INVALID = -1, /* *cp value for an ill-formed sequence */
    UTF8_REPLACEMENT = 0xFFFD
};

/*
 * Decode the code point starting at s[0] (len >= 1 bytes available).
 * Returns the number of bytes consumed, 1..4. On an ill-formed sequence
 * *cp = UTF8_INVALID and the return value is the length of its maximal
 * subpart, so that decoding can resume right after it. O(1).
 */
size_t utf8_decode(const unsigned char *s, size_t len, int32_t *cp);

/* Like utf8_decode, but an ill-formed sequence yields U+FFFD. */
static inline size_t utf8_decode_repair(const unsigned char *s, size_t len, int32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n = utf8_decode(s, len, cp);
    if (*cp < 0) *cp = UTF8_REPLACEMENT;
    return n;
}

/*
 * Start of the code point that ends just before s[i] (i > lo), never going
 * below lo nor more than 3 bytes back; the decoded value goes to *cp
 * (U+FFFD when what lies there is not one well-formed code point).
 */
size_t utf8_prev(const unsigned char *s, size_t lo, size_t i, int32_t *cp);

/* Encode a valid code point (not a surrogate, <= U+10FFFF) into out[0..4).
 * Returns the number of bytes written, 1..4. */
size_t utf8_encode(int32_t cp, unsigned char out[4]);

#endif
