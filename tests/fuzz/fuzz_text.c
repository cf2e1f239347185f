/*
 * fuzz_text.c - text analysis (lib/text) on arbitrary bytes:
 * concord_text_analyse() without and with CONCORD_TEXT_SENTENCES, and
 * concord_text_normalise(). One static handle is reused across inputs, as
 * a caller streaming documents would.
 *
 * Invariants (docs/text.md):
 *  - tokens: ordered, non-overlapping, 0 <= start < end <= size, non-empty
 *    norm without a space or a control byte, valid UTF-8; an ASCII token's
 *    norm is its lowercased original (` read as '); the first and last byte
 *    of an ASCII-bounded span are letters or digits; NONASCII set exactly
 *    when the span has a byte >= 0x80; NUMBER / UPPER agree with an ASCII
 *    first byte; the same tokens with and without sentences;
 *  - sentences: ordered, non-overlapping, non-empty spans within bounds and
 *    trimmed of ASCII whitespace; first_token + token_count <= token count;
 *    every token of a sentence lies inside its span, and the sentences
 *    cover the tokens in order, each exactly once;
 *  - normalise: valid UTF-8, no control byte, no leading, trailing or
 *    doubled space; normalising the result again changes nothing.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "concord.h"
#include "fuzz.h"

static concord_text *text; /* reused on purpose */

/* Strict UTF-8 (Unicode Table 3-7): no overlongs, surrogates, > U+10FFFF. */
static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t k;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            k = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            k = 2;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 3;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else
            return 0;
        if (n - i <= k) return 0;
        if (s[i + 1] < lo || s[i + 1] > hi) return 0;
        for (size_t j = 2; j <= k; j++)
            if (s[i + j] < 0x80 || s[i + j] > 0xBF) return 0;
        i += k + 1;
    }
    return 1;
}

static int is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int is_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static volatile unsigned sink;

/* Token invariants; returns the spans as start, end pairs (malloc'd). */
static size_t *check_tokens(const unsigned char *data, size_t size)
{
    size_t n = concord_text_token_count(text);
    assert(n <= size);
    assert(concord_text_token(text, n) == NULL);
    size_t *spans = malloc(2 * n * sizeof *spans + 1);
    assert(spans);
    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        const concord_token *t = concord_text_token(text, i);
        assert(t);
        assert(t->start < t->end && t->end <= size);
        assert(t->start >= prev_end);
        prev_end = t->end;
        spans[2 * i] = t->start;
        spans[2 * i + 1] = t->end;

        assert(t->norm && t->norm_len > 0);
        const unsigned char *norm = (const unsigned char *)t->norm;
        unsigned sum = 0;
        for (size_t k = 0; k < t->norm_len; k++) {
            assert(norm[k] > 0x20 && norm[k] != 0x7F);
            sum += norm[k];
        }
        /* text.h: each norm is followed by 8 readable bytes (hashing). */
        for (size_t k = 0; k < 8; k++) sum += norm[t->norm_len + k];
        sink = sum;
        assert(valid_utf8(norm, t->norm_len));

        int nonascii = 0;
        for (size_t k = t->start; k < t->end; k++) nonascii |= data[k] >= 0x80;
        assert(!!(t->flags & CONCORD_TOKEN_NONASCII) == nonascii);
        unsigned char first = data[t->start], last = data[t->end - 1];
        if (first < 0x80) {
            assert(is_alnum(first));
            assert(!!(t->flags & CONCORD_TOKEN_NUMBER) == (first >= '0' && first <= '9'));
            assert(!!(t->flags & CONCORD_TOKEN_UPPER) == (first >= 'A' && first <= 'Z'));
        }
        if (last < 0x80) assert(is_alnum(last));
        if (!nonascii) {
            assert(t->norm_len == t->end - t->start);
            for (size_t k = 0; k < t->norm_len; k++) {
                unsigned char c = data[t->start + k];
                unsigned char want = c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20)
                                     : c == '`'           ? '\''
                                                          : c;
                assert(norm[k] == want);
            }
        }
    }
    return spans;
}

static void check_sentences(const unsigned char *data, size_t size)
{
    size_t n = concord_text_sentence_count(text), tokens = concord_text_token_count(text);
    assert(concord_text_sentence(text, n) == NULL);
    size_t prev_end = 0, next_token = 0;
    for (size_t i = 0; i < n; i++) {
        const concord_sentence *s = concord_text_sentence(text, i);
        assert(s);
        assert(s->start < s->end && s->end <= size);
        assert(s->start >= prev_end);
        prev_end = s->end;
        assert(!is_ascii_space(data[s->start]) && !is_ascii_space(data[s->end - 1]));
        assert(s->first_token <= tokens && s->token_count <= tokens - s->first_token);
        assert(s->first_token == next_token); /* in order, none skipped */
        next_token = s->first_token + s->token_count;
        for (size_t k = s->first_token; k < next_token; k++) {
            const concord_token *t = concord_text_token(text, k);
            assert(t->start >= s->start && t->end <= s->end);
        }
    }
    assert(next_token == tokens); /* every token is in a sentence */
}

static void check_normalised(const unsigned char *out, size_t len)
{
    assert(out);
    assert(valid_utf8(out, len));
    for (size_t i = 0; i < len; i++) {
        assert(out[i] >= 0x20 && out[i] != 0x7F);
        if (out[i] == ' ') assert(i > 0 && i + 1 < len && out[i - 1] != ' ');
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!text) {
        concord_status st = concord_text_create(&text);
        assert(st == CONCORD_OK && text);
    }
    const char *in = (const char *)data;

    concord_status st = concord_text_analyse(text, in, size, 0);
    assert(st == CONCORD_OK);
    assert(concord_text_sentence_count(text) == 0);
    size_t repairs = concord_text_repairs(text);
    assert(repairs <= size);
    size_t count = concord_text_token_count(text);
    size_t *spans = check_tokens(data, size);

    st = concord_text_analyse(text, in, size, CONCORD_TEXT_SENTENCES);
    assert(st == CONCORD_OK);
    assert(concord_text_repairs(text) == repairs);
    assert(concord_text_token_count(text) == count);
    size_t *spans2 = check_tokens(data, size);
    assert(count == 0 || memcmp(spans, spans2, 2 * count * sizeof *spans) == 0);
    free(spans);
    free(spans2);
    check_sentences(data, size);
    if (size) assert(concord_text_sentence_count(text) > 0 || count == 0);

    const char *out = NULL;
    size_t out_len = 0;
    st = concord_text_normalise(text, in, size, &out, &out_len);
    assert(st == CONCORD_OK);
    check_normalised((const unsigned char *)out, out_len);
    if (count) assert(out_len > 0);
    /* Normalised text is a fixed point (NFKC + case folding + unification
     * are idempotent; the ~4 KB pieces must not change the result). */
    char *once = malloc(out_len + 1);
    assert(once);
    memcpy(once, out, out_len);
    const char *twice = NULL;
    size_t twice_len = 0;
    st = concord_text_normalise(text, once, out_len, &twice, &twice_len);
    assert(st == CONCORD_OK && twice_len == out_len && memcmp(once, twice, out_len) == 0);
    free(once);

    /* Unknown option bits are rejected and leave no stale tokens behind. */
    st = concord_text_analyse(text, in, size, 0x80u);
    assert(st == CONCORD_ERR_INVALID && concord_text_token_count(text) == 0 &&
           concord_text_sentence_count(text) == 0);
    return 0;
}
