/* relate_anchors.c - the anchors of an article; see relate.h. */
#include <stdlib.h>
#include <string.h>

#include "match/relate.h"
#include "sketch/hash.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/radix.h"

#define SEED_NAME UINT64_C(0x4e414d45)
#define SEED_NUMBER UINT64_C(0x4e554d42)
#define SEED_QUOTE UINT64_C(0x51554f54)

concord_status relate_anchors_init(relate_anchors *a)
{
    memset(a, 0, sizeof *a);
    return concord_quotes_create(&a->quotes);
}

void relate_anchors_free(relate_anchors *a)
{
    concord_quotes_free(a->quotes);
    free(a->v);
    free(a->initial);
    free(a->tmp);
    memset(a, 0, sizeof *a);
}

/* 1 if the word starting at byte start begins a sentence: nothing but
   spaces, quotes and brackets back to a sentence end or the text start. */
static int at_sentence_start(const char *t, size_t start)
{
    while (start > 0) {
        char ch = t[--start];
        if (ch == ' ' || ch == '\t' || ch == '"' || ch == '\'' || ch == '(' || ch == '\r') continue;
        return ch == '.' || ch == '!' || ch == '?' || ch == '\n' || ch == ':';
    }
    return 1;
}

static inline uint32_t fold(uint64_t h)
{
    return (uint32_t)(hash_mix64(h) >> 32);
}

/* A number's value: its characters without thousands separators. */
static uint32_t number_anchor(const concord_token *k, size_t *digits)
{
    char v[64];
    size_t n = 0;
    for (size_t i = 0; i < k->norm_len && n < sizeof v; i++)
        if (k->norm[i] != ',') v[n++] = k->norm[i];
    *digits = n;
    return fold(hash_bytes(v, n, SEED_NUMBER));
}

/* Fingerprints of the quotations: every RELATE_QUOTE_GRAM-word run of a
   quote's words (a shorter quote of two words or more: one of all). */
static concord_status quote_anchors(relate_anchors *a, const char *text, size_t len,
                                    const concord_token *tok, size_t n)
{
    concord_status st = concord_quotes_extract(a->quotes, text, len);
    size_t nq = st ? 0 : concord_quotes_count(a->quotes), ti = 0;
    for (size_t q = 0; q < nq && !st; q++) {
        const concord_quote *qu = concord_quotes_get(a->quotes, q);
        while (ti < n && tok[ti].start < qu->start) ti++;
        size_t te = ti;
        while (te < n && tok[te].end <= qu->end) te++;
        size_t words = te - ti;
        if (words < 2) continue;
        size_t grams = words < RELATE_QUOTE_GRAM ? 1 : words - RELATE_QUOTE_GRAM + 1;
        for (size_t g = 0; g < grams && !st; g++) {
            uint64_t h = SEED_QUOTE;
            for (size_t j = ti + g; j < te && j < ti + g + RELATE_QUOTE_GRAM; j++)
                h = hash_combine(h, hash_bytes(tok[j].norm, tok[j].norm_len, SEED_QUOTE));
            st = VEC_PUSH(a->v, a->len, a->cap, fold(h));
        }
    }
    return st;
}

concord_status relate_anchors_extract(relate_anchors *a, const concord_lexicon *lex,
                                      const char *text, size_t len, const concord_token *tok,
                                      size_t n)
{
    a->len = 0;
    concord_status st = CONCORD_OK;
    if (n > a->icap && (st = vec_grow((void **)&a->initial, &a->icap, 0, n, sizeof *a->initial)))
        return st;
    size_t ni = 0;
    for (size_t i = 0; i < n && !st; i++) {
        const concord_token *k = &tok[i];
        if (k->flags & CONCORD_TOKEN_NUMBER) {
            size_t digits;
            uint32_t v = number_anchor(k, &digits);
            if (digits >= 2) st = VEC_PUSH(a->v, a->len, a->cap, v);
            continue;
        }
        if (!(k->flags & CONCORD_TOKEN_UPPER) || text_is_calendar_word(k->norm, k->norm_len) ||
            concord_lexicon_is_function_word(lex, k->norm, k->norm_len))
            continue;
        uint32_t v = fold(hash_bytes(k->norm, k->norm_len, SEED_NAME));
        if (at_sentence_start(text, k->start)) a->initial[ni++] = v;
        else st = VEC_PUSH(a->v, a->len, a->cap, v);
    }
    if (!st && ni > a->tmp_cap) st = vec_grow((void **)&a->tmp, &a->tmp_cap, 0, ni, sizeof *a->tmp);
    if (!st) { /* capitalised at sentence starts twice or more: a name too */
        radix_sort_u32(a->initial, a->tmp, ni);
        for (size_t i = 1; i < ni && !st; i++)
            if (a->initial[i] == a->initial[i - 1] && (i < 2 || a->initial[i - 2] != a->initial[i]))
                st = VEC_PUSH(a->v, a->len, a->cap, a->initial[i]);
    }
    if (!st) st = quote_anchors(a, text, len, tok, n);
    if (!st && a->len > a->tmp_cap) st = vec_grow((void **)&a->tmp, &a->tmp_cap, 0, a->len, sizeof *a->tmp);
    if (!st) a->len = sort_unique_u32(a->v, a->tmp, a->len);
    return st;
}
