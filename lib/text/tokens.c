/*
 * tokens.c - see tokens.h.
 *
 * Layout of tl->norms during a run: bytes [0, len) mirror the input, with
 * every ASCII token lowercased in place (so an ASCII token's norm is
 * norms + start, and the 16-byte fast path can lowercase whole blocks);
 * [len, len + SLACK) is room for 16-byte stores; after that come the norms
 * of the other tokens, back to back, in token order. Those tokens carry
 * the internal flag TOKEN_EXTRA until the final pass resolves pointers.
 */
#include "text/tokens.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "text/chars.h"
#include "text/utf8.h"

#if defined(__SSE2__) && defined(__GNUC__) && !defined(CONCORD_NO_SIMD)
#include <emmintrin.h>
#define TOKENS_SSE2 1
#endif

enum {
    MAX_NONSTARTERS = 30, /* Unicode's stream-safe limit */
    SLACK = 16            /* room for 16-byte stores past the mirror */
};

/* Internal flag: norm lives in the extra region (cleared before return). */
#define TOKEN_EXTRA (1u << 31)

void token_list_init(token_list *tl)
{
    tl->items = NULL;
    tl->len = tl->cap = 0;
    buf_init(&tl->norms, 0);
    tl->repairs = 0;
}

void token_list_free(token_list *tl)
{
    free(tl->items);
    buf_free(&tl->norms);
    token_list_init(tl);
}

/* Code point at s[i] (i < len); UTF8_INVALID for an ill-formed sequence. */
static inline size_t peek(const unsigned char *s, size_t len, size_t i, int32_t *cp)
{
    if (s[i] < 0x80) {
        *cp = s[i];
        return 1;
    }
    return utf8_decode(s + i, len - i, cp);
}

/* Letters, digits (not ideographs) and marks continue a word. */
static bool word_cont_info(int32_t cp, cp_info c)
{
    return c.mark || (c.alnum && !(cp >= 0x3000 && cp_is_ideograph(cp)));
}

static bool word_cont(int32_t cp)
{
    if (cp < 0x80) return cp >= 0 && (chars_ascii[cp] & CH_WORD);
    return word_cont_info(cp, cp_classify(cp));
}

/*
 * May cp = s[i..i+n), which follows prev inside a word, stay in it? Only
 * apostrophes before a letter, number separators between digits and
 * joiners before a word character may.
 */
static bool inner_ok(const unsigned char *s, size_t len, size_t i, size_t n, int32_t cp,
                     int32_t prev)
{
    if (i + n >= len) return false;
    int32_t next;
    peek(s, len, i + n, &next);
    if (next < 0) return false;
    if (cp_is_apostrophe(cp)) return cp_is_letter(next) && !cp_is_ideograph(next);
    if (cp == '.' || cp == ',') return cp_is_digit(prev) && cp_is_digit(next);
    if (cp_is_joiner(cp)) return word_cont(next);
    return false;
}

/*
 * End of the token that starts at s[start] with the letter or digit
 * first. *nonascii tells whether it has non-ASCII bytes, *simple whether
 * all its code points are cp_info.simple. O(token length).
 */
static size_t scan_word(const unsigned char *s, size_t len, size_t start, int32_t first,
                        bool *nonascii, bool *simple)
{
    size_t i = start;
    bool high = false, all_simple = true;
    if (cp_is_ideograph(first)) {
        /* One character plus its marks (and halfwidth sound marks). */
        int32_t cp;
        i += peek(s, len, i, &cp);
        all_simple = cp_classify(cp).simple;
        for (size_t marks = 0; i < len && marks < MAX_NONSTARTERS; marks++) {
            size_t n = peek(s, len, i, &cp);
            if (cp < 0 || !(cp_is_mark(cp) || cp == 0xFF9E || cp == 0xFF9F)) break;
            all_simple = false;
            i += n;
        }
        *nonascii = true;
        *simple = all_simple;
        return i;
    }
    int32_t prev = -1;
    size_t ncp = 0, nonstarters = 0;
    while (i < len) {
        int32_t cp;
        size_t n = peek(s, len, i, &cp);
        if (cp < 0) break;
        cp_info c = cp_classify(cp);
        if (word_cont_info(cp, c)) {
            if (c.nonstarter) {
                if (++nonstarters > MAX_NONSTARTERS) break;
            } else {
                nonstarters = 0;
            }
            if (ncp >= TOKENS_MAX_CPS && c.safe_cut) break;
        } else if (ncp == 0 || ncp + 2 > TOKENS_MAX_CPS || !inner_ok(s, len, i, n, cp, prev)) {
            break;
        }
        high |= cp >= 0x80;
        all_simple &= c.simple;
        prev = cp;
        ncp++;
        i += n;
    }
    assert(i > start);
    *nonascii = high;
    *simple = all_simple;
    return i;
}

/*
 * Append the norm of the simple token s[0..len) (valid UTF-8): each code
 * point lowercased if ASCII and unified; no utf8proc needed.
 */
static concord_status simple_norm(buf *out, const unsigned char *s, size_t len)
{
    if (buf_reserve(out, len)) return CONCORD_ERR_NOMEM;
    unsigned char *o = (unsigned char *)out->data + out->len;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = peek(s, len, i, &cp);
        assert(cp >= 0);
        int32_t u = norm_unify(cp < 0x80 ? chars_lower((unsigned char)cp) : cp);
        if (u == cp) {
            memcpy(o, s + i, n);
            o += n;
        } else {
            o += utf8_encode(u, o); /* a unified character is never longer */
        }
        i += n;
    }
    out->len = (size_t)(o - (unsigned char *)out->data);
    return CONCORD_OK;
}

static concord_status push(token_list *tl, size_t start, size_t end, size_t norm_len,
                           uint32_t flags)
{
    return VEC_PUSH(tl->items, tl->len, tl->cap,
                    ((concord_token){NULL, norm_len, start, end, flags}));
}

static uint32_t ascii_flags(unsigned char first)
{
    uint8_t k = chars_ascii[first];
    return ((k & CH_DIGIT) ? CONCORD_TOKEN_NUMBER : 0) | ((k & CH_UPPER) ? CONCORD_TOKEN_UPPER : 0);
}

/* Tokenise and normalise one token through utf8proc; *end gets its end. */
static concord_status slow_token(token_list *tl, norm_scratch *ns, const unsigned char *s,
                                 size_t len, size_t start, int32_t first, size_t *end)
{
    bool nonascii, simple;
    size_t e = scan_word(s, len, start, first, &nonascii, &simple);
    size_t before = tl->norms.len;
    concord_status st = simple ? simple_norm(&tl->norms, s + start, e - start)
                               : norm_append(ns, &tl->norms, (const char *)s + start, e - start,
                                             NORM_SPACE_DROP, NULL);
    if (!st && tl->norms.len > before) { /* a norm can be empty: U+3164 ... */
        uint32_t flags = (cp_is_upper(first) ? CONCORD_TOKEN_UPPER : 0) |
                         (cp_is_letter(first) ? 0 : CONCORD_TOKEN_NUMBER) |
                         (nonascii ? CONCORD_TOKEN_NONASCII : 0) | TOKEN_EXTRA;
        st = push(tl, start, e, tl->norms.len - before, flags);
    }
    *end = e;
    return st;
}

/*
 * Scalar ASCII path for the token starting at the ASCII letter or digit
 * s[start]: lowercase bytes go into the mirror. Returns the token end, or
 * start when a non-ASCII character continues the token and slow_token
 * must take it.
 */
static size_t ascii_token(token_list *tl, const unsigned char *s, size_t len, size_t start,
                          concord_status *st)
{
    size_t i = start;
    size_t lim = len - start > TOKENS_MAX_CPS ? start + TOKENS_MAX_CPS : len;
    char *o = tl->norms.data + start;
    for (;;) {
        while (i < lim && (chars_ascii[s[i]] & CH_WORD)) *o++ = (char)chars_lower(s[i++]);
        if (i >= lim) break;
        uint8_t k = chars_ascii[s[i]];
        if (k & CH_HIGH) {
            int32_t cp;
            size_t n = utf8_decode(s + i, len - i, &cp);
            if (cp >= 0 && (word_cont(cp) || (i + 1 < lim && inner_ok(s, len, i, n, cp, s[i - 1]))))
                return start;
            break;
        }
        if (!(k & (CH_APOS | CH_NUMSEP)) || i + 1 >= lim) break;
        uint8_t next = chars_ascii[s[i + 1]];
        if (next & CH_HIGH) {
            if (inner_ok(s, len, i, 1, s[i], s[i - 1])) return start;
            break;
        }
        if ((k & CH_APOS) ? !(next & CH_ALPHA)
                          : !((next & CH_DIGIT) && (chars_ascii[s[i - 1]] & CH_DIGIT)))
            break;
        *o++ = (k & CH_APOS) ? '\'' : (char)s[i];
        i++;
    }
    assert(o == tl->norms.data + i);
    *st = push(tl, start, i, i - start, ascii_flags(s[start]));
    return i;
}

#ifdef TOKENS_SSE2
/* Bit b set when v[b] is in [lo, lo + n); *cmp gets the byte mask. */
static inline unsigned range_mask(__m128i v, char lo, int n, __m128i *cmp)
{
    __m128i t = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - lo)));
    *cmp = _mm_cmplt_epi8(t, _mm_set1_epi8((char)(n - 128)));
    return (unsigned)_mm_movemask_epi8(*cmp);
}

/*
 * The 16-byte fast path, from s[i] (not inside a token) while 16 bytes
 * remain. Each block is lowercased into the mirror and its token starts
 * and ends come from bit masks; a token is emitted when it ends at a plain
 * separator (not an apostrophe or number separator that could continue
 * it) within TOKENS_MAX_CPS bytes. Returns the first position the scalar
 * code must take: a non-ASCII byte, the start of a token it cannot settle,
 * or the tail. Token fields live in locals: stores through tl would make
 * the compiler reload them for every token.
 */
static size_t sse2_run(token_list *tl, const unsigned char *s, size_t len, size_t i,
                       concord_status *st)
{
    concord_token *items = tl->items;
    size_t n = tl->len, cap = tl->cap;
    char *mirror = tl->norms.data;
    const __m128i case_bit = _mm_set1_epi8(0x20);
    unsigned carry = 0; /* 1 while inside a token */
    size_t start = i;   /* of the current token */
    for (; len - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i)), upper, other;
        unsigned up = range_mask(v, 'A', 26, &upper);
        unsigned word = up | range_mask(_mm_or_si128(v, case_bit), 'a', 26, &other) |
                        range_mask(v, '0', 10, &other);
        unsigned high = (unsigned)_mm_movemask_epi8(v);
        _mm_storeu_si128((__m128i *)(mirror + i), _mm_add_epi8(v, _mm_and_si128(upper, case_bit)));
        unsigned limit = 0xFFFF; /* bits with events */
        if (high) {
            limit = (2u << __builtin_ctz(high)) - 1; /* up to the first non-ASCII byte */
            word &= limit >> 1;
        }
        unsigned shifted = (word << 1) | carry;
        unsigned starts = word & ~shifted, ends = ~word & shifted & limit;
        for (;;) {
            if (!carry) {
                if (!starts) break;
                start = i + (size_t)__builtin_ctz(starts);
                starts &= starts - 1;
                carry = 1;
            }
            if (!ends) break;
            size_t t = i + (size_t)__builtin_ctz(ends); /* the byte that ends the token */
            ends &= ends - 1;
            uint8_t k = chars_ascii[s[t]];
            if (k & (CH_HIGH | CH_APOS | CH_NUMSEP)) {
                uint8_t next = t + 1 < len ? chars_ascii[s[t + 1]] : 0;
                if ((k & CH_HIGH) || ((k & CH_APOS) && (next & (CH_ALPHA | CH_HIGH))) ||
                    ((k & CH_NUMSEP) && (next & (CH_DIGIT | CH_HIGH)) &&
                     (chars_ascii[s[t - 1]] & CH_DIGIT)))
                    goto out;
            }
            if (t - start > TOKENS_MAX_CPS) goto out;
            if (n == cap && vec_grow((void **)&items, &cap, n, 1, sizeof *items)) {
                *st = CONCORD_ERR_NOMEM;
                goto out;
            }
            items[n++] = (concord_token){NULL, t - start, start, t, ascii_flags(s[start])};
            carry = 0;
        }
        if (high) {
            assert(!carry);
            i += (size_t)__builtin_ctz(high);
            goto out;
        }
        carry = word >> 15;
        if (carry && i + 16 - start >= TOKENS_MAX_CPS) break; /* the scalar code cuts it */
    }
out:
    tl->items = items;
    tl->len = n;
    tl->cap = cap;
    return carry ? start : i;
}
#endif

concord_status tokens_run(token_list *tl, norm_scratch *ns, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    tl->len = 0;
    tl->repairs = 0;
    tl->norms.len = 0;
    if (buf_reserve(&tl->norms, len + SLACK)) return CONCORD_ERR_NOMEM;
    tl->norms.len = len + SLACK; /* the mirror; its bytes are set as tokens are found */
    concord_status st = CONCORD_OK;
    size_t i = 0;
    while (i < len && !st) {
#ifdef TOKENS_SSE2
        if (len - i >= 16) {
            i = sse2_run(tl, s, len, i, &st);
            if (st || i >= len) break;
        }
#endif
        uint8_t k = chars_ascii[s[i]];
        if (!(k & (CH_WORD | CH_HIGH))) {
            i++;
            continue;
        }
        if (k & CH_WORD) {
            size_t end = ascii_token(tl, s, len, i, &st);
            if (end != i) {
                i = end;
                continue;
            }
            st = slow_token(tl, ns, s, len, i, s[i], &i);
            continue;
        }
        int32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (cp < 0) {
            tl->repairs++;
        } else if (cp_is_alnum(cp)) {
            st = slow_token(tl, ns, s, len, i, cp, &i);
            continue;
        }
        i += n;
    }
    if (st) {
        tl->len = 0;
        tl->norms.len = 0;
        return st;
    }
    /* The promised padding after the last norm (see TOKENS_NORM_PAD). */
    if (buf_reserve(&tl->norms, TOKENS_NORM_PAD)) {
        tl->len = 0;
        tl->norms.len = 0;
        return CONCORD_ERR_NOMEM;
    }
    memset(tl->norms.data + tl->norms.len, 0, TOKENS_NORM_PAD);
    /* Resolve norm pointers now that the buffer no longer moves. */
    size_t extra = len + SLACK;
    for (size_t t = 0; t < tl->len; t++) {
        concord_token *tok = &tl->items[t];
        if (tok->flags & TOKEN_EXTRA) {
            tok->norm = tl->norms.data + extra;
            extra += tok->norm_len;
            tok->flags &= ~TOKEN_EXTRA;
        } else {
            tok->norm = tl->norms.data + tok->start;
        }
    }
    assert(extra == tl->norms.len);
    return CONCORD_OK;
}
