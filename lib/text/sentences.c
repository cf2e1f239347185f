/* sentences.c - see sentences.h; the rules are described in docs/text.md. */
#include "text/sentences.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/chars.h"
#include "text/utf8.h"
#include "util/buf.h"

#if defined(__SSE2__) && defined(__GNUC__) && !defined(CONCORD_NO_SIMD)
#include <emmintrin.h>
#define SENTENCES_SSE2 1
#endif

void sentence_list_init(sentence_list *sl)
{
    sl->items = NULL;
    sl->len = sl->cap = 0;
}

void sentence_list_free(sentence_list *sl)
{
    free(sl->items);
    sentence_list_init(sl);
}

/* ASCII bytes the scanners stop at: SEG_* bits (non-ASCII bytes always stop). */
enum { SEG_TERM = 1, SEG_LINE = 2 };
static const uint8_t seg_stop[128] = {['.'] = SEG_TERM, ['!'] = SEG_TERM,  ['?'] = SEG_TERM,
                                      ['"'] = SEG_TERM, ['\n'] = SEG_LINE, ['\r'] = SEG_LINE};

/* First i' >= i (i' <= end) whose byte is non-ASCII or has one of bits;
 * 16 bytes at a time where SSE2 is available. */
static inline size_t skip_plain(const unsigned char *s, size_t i, size_t end, unsigned bits)
{
#ifdef SENTENCES_SSE2
    while (end - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i)), hit;
        if (bits == SEG_TERM)
            hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
                                            _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))),
                               _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('?')),
                                            _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))));
        else
            hit = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                               _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(hit, v));
        if (m) return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
#endif
    while (i < end && s[i] < 0x80 && !(seg_stop[s[i]] & bits)) i++;
    return i;
}

/* Code point at s[i], i < end; U+FFFD for ill-formed bytes. */
static inline size_t dec(const unsigned char *s, size_t end, size_t i, int32_t *cp)
{
    return utf8_decode_repair(s + i, end - i, cp);
}

/* First position >= i (and <= end) that is not whitespace. */
static size_t skip_space(const unsigned char *s, size_t i, size_t end)
{
    while (i < end) {
        int32_t cp;
        size_t n = dec(s, end, i, &cp);
        if (!cp_is_space(cp)) break;
        i += n;
    }
    return i;
}

static bool is_linebreak(int32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028;
}

enum term { T_NONE, T_DOT, T_STRONG, T_CJK };

static enum term term_kind(int32_t cp)
{
    switch (cp) {
    /* clang-format off */
    case '.':
        return T_DOT;
    case '!': case '?': case 0x2026: /* … */ case 0x203C: case 0x2047: case 0x2048:
    case 0x2049: case 0x061F: /* Arabic ? */ case 0x06D4: /* Arabic . */
    case 0x0964: case 0x0965: /* Devanagari danda */
        return T_STRONG;
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF61: /* 。！？｡ */
        return T_CJK;
    /* clang-format on */
    default:
        return T_NONE;
    }
}

static bool is_dquote(int32_t cp)
{
    return cp == '"' || (cp >= 0x201C && cp <= 0x201F) || cp == 0xAB || cp == 0xBB ||
           (cp >= 0x301D && cp <= 0x301F) || cp == 0xFF02;
}

static bool is_closer(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp_is_close_punct(cp);
}

static bool starts_sentence(int32_t cp)
{
    return cp_is_upper(cp) || cp_is_digit(cp) || cp_is_caseless_letter(cp) || cp == '"' ||
           cp == '\'' || cp_is_open_punct(cp);
}

/*
 * Quotation state after the double quote s[i..i+n) of the paragraph
 * [a, b): it opens after whitespace or an opening bracket, closes before
 * whitespace or punctuation, and otherwise toggles.
 */
static bool quote_after(const unsigned char *s, size_t a, size_t b, size_t i, size_t n, bool inq)
{
    int32_t prev = ' ', next = ' ';
    if (i > a) utf8_prev(s, a, i, &prev);
    if (i + n < b) dec(s, b, i + n, &next);
    if (cp_is_space(prev) || cp_is_open_punct(prev)) return true;
    if (cp_is_space(next) || !(cp_is_alnum(next) || cp_is_mark(next))) return false;
    return !inq;
}

/* ---- abbreviations ---------------------------------------------------- */

enum abbr { ABBR_NONE, ABBR_WEAK, ABBR_STRONG };

/* Never end a sentence: titles before names, and "e.g.", "i.e.", "vs.". */
static const char *const strong_abbrs[] = {
    "mr",   "mrs", "ms",  "messrs", "mme", "mmes", "mlle", "dr",   "prof", "gen",
    "lt",   "col", "sgt", "capt",   "cpl", "pvt",  "adm",  "maj",  "brig", "cmdr",
    "cdr",  "gov", "sen", "rep",    "rev", "hon",  "pres", "supt", "insp", "det",
    "atty", "amb", "mt",  "ft",     "vs",  "cf",   "viz",  "e.g",  "i.e",  NULL};

/* End a sentence only before a sentence-starting word (see starter_word). */
static const char *const weak_abbrs[] = {
    "inc",    "ltd",  "co",  "corp", "plc",  "jr",    "sr",  "bros", "assn", "dept", "univ", "etc",
    "approx", "est",  "no",  "nos",  "fig",  "vol",   "pp",  "ave",  "blvd", "rd",   "st",   "jan",
    "feb",    "mar",  "apr", "jun",  "jul",  "aug",   "sep", "sept", "oct",  "nov",  "dec",  "mon",
    "tue",    "tues", "wed", "thu",  "thur", "thurs", "fri", "sat",  "sun",  NULL};

/* Capitalised function words that clearly start a sentence. */
static const char *const starter_words[] = {
    "a",         "an",      "the",       "he",    "she",   "it",     "its",     "they",  "we",
    "i",         "you",     "his",       "her",   "their", "our",    "this",    "that",  "these",
    "those",     "there",   "in",        "on",    "at",    "but",    "and",     "or",    "so",
    "yet",       "if",      "when",      "while", "after", "before", "as",      "since", "although",
    "though",    "however", "meanwhile", "also",  "then",  "some",   "many",    "most",  "both",
    "what",      "who",     "why",       "how",   "where", "last",   "earlier", "later", "under",
    "according", "mr",      "mrs",       "ms",    "dr",    NULL};

static bool in_list(const char *const *list, const char *w, size_t n)
{
    for (; *list; list++)
        if ((*list)[0] == w[0] && strncmp(*list, w, n) == 0 && (*list)[n] == '\0') return true;
    return false;
}

enum { WORD_MAX = 15 };

/*
 * Kind of the word that ends at the period s[dot] in the paragraph
 * starting at a: letters with inner dots ("U.S", "Gen", "J"). Words that
 * are part of a longer token ("1987", "can't") are not abbreviations.
 */
static enum abbr abbr_before(const unsigned char *s, size_t a, size_t dot)
{
    size_t j = dot;
    while (j > a && dot - j <= WORD_MAX && ((chars_ascii[s[j - 1]] & CH_ALPHA) || s[j - 1] == '.'))
        j--;
    if (j > a) {
        int32_t prev;
        utf8_prev(s, a, j, &prev);
        if (prev == '.' || cp_is_alnum(prev) || cp_is_mark(prev) || cp_is_apostrophe(prev))
            return ABBR_NONE;
    }
    size_t n = dot - j;
    if (n == 0 || n > WORD_MAX || s[j] == '.' || s[dot - 1] == '.') return ABBR_NONE;
    char w[WORD_MAX + 1];
    bool dotted = false;
    for (size_t k = 0; k < n; k++) {
        w[k] = (char)chars_lower(s[j + k]);
        if (w[k] == '.') {
            if (k == 0 || w[k - 1] == '.') return ABBR_NONE; /* ".." */
            dotted = true;
        }
    }
    if (in_list(strong_abbrs, w, n)) return ABBR_STRONG;
    if (dotted || n == 1 || in_list(weak_abbrs, w, n)) return ABBR_WEAK;
    return ABBR_NONE;
}

/*
 * Does a sentence clearly start at s[r]: an opening quote or bracket, or a
 * capitalised starter word ("The", not "THE") that is not an initial?
 */
static bool starter_word(const unsigned char *s, size_t r, size_t end, int32_t first)
{
    if (first == '"' || first == '\'' || cp_is_open_punct(first)) return true;
    if (!(chars_ascii[s[r]] & CH_UPPER)) return false;
    char w[WORD_MAX + 1];
    size_t n = 0;
    w[n++] = (char)chars_lower(s[r]);
    size_t i = r + 1;
    for (; i < end && n <= WORD_MAX && (chars_ascii[s[i]] & CH_ALPHA); i++) {
        if (chars_ascii[s[i]] & CH_UPPER) return false;
        w[n++] = (char)s[i];
    }
    if (n > WORD_MAX) return false;
    if (i < end && (s[i] == '.' || (chars_ascii[s[i]] & (CH_WORD | CH_HIGH)))) return false;
    return in_list(starter_words, w, n);
}

/* ---- segmentation ----------------------------------------------------- */

/* Append s[x..y) trimmed of whitespace, unless nothing is left. */
static concord_status emit(sentence_list *sl, const unsigned char *s, size_t x, size_t y)
{
    x = skip_space(s, x, y);
    while (y > x) {
        int32_t cp;
        size_t p = utf8_prev(s, x, y, &cp);
        if (!cp_is_space(cp)) break;
        y = p;
    }
    if (x == y) return CONCORD_OK;
    return VEC_PUSH(sl->items, sl->len, sl->cap, ((concord_sentence){x, y, 0, 0}));
}

/*
 * Segment the paragraph s[a..b). With quotes, no sentence ends inside a
 * double quotation; *unbalanced tells whether one was left open (the
 * caller then segments again without that rule). O(b - a).
 */
static concord_status segment(sentence_list *sl, const unsigned char *s, size_t a, size_t b,
                              bool quotes, bool *unbalanced)
{
    size_t from = a, i = a;
    bool inq = false;
    concord_status st = CONCORD_OK;
    while (!st && (i = skip_plain(s, i, b, SEG_TERM)) < b) {
        int32_t cp;
        size_t n = dec(s, b, i, &cp);
        if (term_kind(cp) == T_NONE) {
            if (is_dquote(cp)) inq = quote_after(s, a, b, i, n, inq);
            i += n;
            continue;
        }
        /* A run of terminators, then closing quotes and brackets. */
        size_t run = i, dots = 0;
        bool strong = false, cjk = false;
        for (; i < b; i += n) {
            n = dec(s, b, i, &cp);
            enum term t = term_kind(cp);
            if (t == T_NONE) break;
            dots += t == T_DOT;
            strong |= t == T_STRONG;
            cjk |= t == T_CJK;
        }
        size_t closed = i;
        for (; i < b; i += n) {
            n = dec(s, b, i, &cp);
            if (!is_closer(cp)) break;
            if (is_dquote(cp)) inq = false;
        }
        size_t end = i;
        if (end >= b) break;
        if (!cjk) {
            dec(s, b, end, &cp);
            if (!cp_is_space(cp)) continue;
            size_t r = skip_space(s, end, b);
            if (r >= b) break;
            int32_t next;
            dec(s, b, r, &next);
            if (!starts_sentence(next)) continue;
            if (dots == 1 && !strong && closed == run + 1) {
                enum abbr k = abbr_before(s, a, run);
                if (k == ABBR_STRONG) continue;
                if (k == ABBR_WEAK && !starter_word(s, r, b, next)) continue;
            }
        }
        if (quotes && inq) continue;
        st = emit(sl, s, from, end);
        from = end;
    }
    if (!st) st = emit(sl, s, from, b);
    *unbalanced = inq;
    return st;
}

static concord_status paragraph(sentence_list *sl, const unsigned char *s, size_t a, size_t b)
{
    size_t mark = sl->len;
    bool unbalanced;
    concord_status st = segment(sl, s, a, b, true, &unbalanced);
    if (!st && unbalanced) {
        sl->len = mark;
        st = segment(sl, s, a, b, false, &unbalanced);
    }
    return st;
}

concord_status sentences_run(sentence_list *sl, const char *str, size_t len,
                             const concord_token *toks, size_t ntoks)
{
    const unsigned char *s = (const unsigned char *)str;
    sl->len = 0;
    concord_status st = CONCORD_OK;
    size_t a = 0, i = 0;
    /* Paragraphs: split at blank lines (two line breaks with only
     * whitespace between) and at U+2029. */
    while (!st && (i = skip_plain(s, i, len, SEG_LINE)) < len) {
        int32_t cp;
        size_t n = dec(s, len, i, &cp);
        if (cp == 0x2029) {
            st = paragraph(sl, s, a, i);
            a = i = i + n;
            continue;
        }
        if (!is_linebreak(cp)) {
            i += n;
            continue;
        }
        size_t j = i + n;
        if (cp == '\r' && j < len && s[j] == '\n') j++;
        size_t k = j;
        bool blank = false;
        while (k < len) {
            size_t m = dec(s, len, k, &cp);
            if (is_linebreak(cp) || cp == 0x2029) {
                blank = true;
                break;
            }
            if (!cp_is_space(cp)) break;
            k += m;
        }
        if (blank) {
            st = paragraph(sl, s, a, i);
            a = i = k;
        } else {
            i = j;
        }
    }
    if (!st) st = paragraph(sl, s, a, len);
    if (st) {
        sl->len = 0;
        return st;
    }
    /* Tokens never cross a sentence boundary (boundaries lie in whitespace
     * or after punctuation), so one merge pass assigns them. */
    size_t t = 0, assigned = 0;
    for (size_t k = 0; k < sl->len; k++) {
        concord_sentence *sent = &sl->items[k];
        while (t < ntoks && toks[t].start < sent->start) t++;
        sent->first_token = t;
        while (t < ntoks && toks[t].end <= sent->end) t++;
        sent->token_count = t - sent->first_token;
        assigned += sent->token_count;
    }
    assert(assigned == ntoks);
    (void)assigned;
    return CONCORD_OK;
}
