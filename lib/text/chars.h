/*
 * chars.h - character classes shared by the tokenizer and the sentence
 * segmenter: a 256-entry table for ASCII bytes (the fast path) and
 * Unicode predicates on code points (utf8proc general categories).
 * All functions are O(1) and thread-safe.
 */
#ifndef CONCORD_TEXT_CHARS_H
#define CONCORD_TEXT_CHARS_H

#include <stdbool.h>
#include <stdint.h>

/* Bits of chars_ascii[b]. Bytes >= 0x80 have only CH_HIGH. */
enum {
    CH_WORD = 0x01,  /* [A-Za-z0-9] */
    CH_DIGIT = 0x02, /* [0-9] */
    CH_UPPER = 0x04, /* [A-Z]; lowercase is b + (CH_UPPER << 3) */
    CH_ALPHA = 0x08, /* [A-Za-z] */
    CH_SPACE = 0x10, /* NUL..space and DEL: whitespace and controls */
    CH_HIGH = 0x20,  /* >= 0x80: part of a multi-byte sequence */
    CH_APOS = 0x40,  /* ' and ` (apostrophes inside words) */
    CH_NUMSEP = 0x80 /* . and , (inside numbers) */
};

extern const uint8_t chars_ascii[256];

/* Lowercase of an ASCII word byte. */
static inline unsigned char chars_lower(unsigned char b)
{
    return (unsigned char)(b + ((chars_ascii[b] & CH_UPPER) << 3));
}

/* Letters (L*) and numbers (N*): what a token may start with. */
bool cp_is_alnum(int32_t cp);
/* Letters only (L*). */
bool cp_is_letter(int32_t cp);
/* Decimal digits (Nd). */
bool cp_is_digit(int32_t cp);
/* Combining marks (M*). */
bool cp_is_mark(int32_t cp);
/* Uppercase or titlecase letters (Lu, Lt). */
bool cp_is_upper(int32_t cp);
/* Letters without case (Lo): Arabic, Hebrew, Devanagari, CJK, ... */
bool cp_is_caseless_letter(int32_t cp);
/* Canonical combining class is not 0. */
bool cp_is_nonstarter(int32_t cp);
/*
 * Han ideographs, Hiragana, Katakana and Hangul syllables: scripts written
 * without spaces whose letters become one token each. Blocks only: the
 * caller also checks cp_is_alnum (so marks and symbols of these blocks
 * are excluded).
 */
bool cp_is_ideograph(int32_t cp);
/* Apostrophes, kept inside words and unified to ' : ' ` U+00B4 U+02BC
 * U+2018 U+2019 U+201A U+201B U+2032 U+2035 U+FF07. */
bool cp_is_apostrophe(int32_t cp);
/* Invisible joiners kept inside words and removed from the norm:
 * SOFT HYPHEN, ZWNJ, ZWJ, WORD JOINER. */
bool cp_is_joiner(int32_t cp);
/* Opening punctuation (Ps, Pi: ( [ { „ “ ‘ « ...) and closing (Pe, Pf). */
bool cp_is_open_punct(int32_t cp);
bool cp_is_close_punct(int32_t cp);
/* Whitespace: C0/C1 controls (NUL included), DEL, Zs, Zl, Zp. */
bool cp_is_space(int32_t cp);
/*
 * A piece of text may be cut just before cp without changing its
 * normalisation: cp is a starter (combining class 0), not a mark and not
 * a Hangul vowel/trailing jamo, so it neither reorders nor composes with
 * what precedes it.
 */
bool cp_is_safe_cut(int32_t cp);

/* Everything the tokenizer asks about one code point, from one lookup. */
typedef struct cp_info {
    bool alnum;      /* cp_is_alnum */
    bool mark;       /* cp_is_mark */
    bool nonstarter; /* cp_is_nonstarter */
    bool safe_cut;   /* cp_is_safe_cut */
    bool simple;     /* its normal form is itself (lowercased if ASCII, then
                      * norm_unify), and it composes with no other simple
                      * code point: a run of them needs no utf8proc */
} cp_info;

cp_info cp_classify(int32_t cp);

#endif
