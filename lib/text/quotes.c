/*
 * quotes.c - quotations and their speakers (the public concord_quotes):
 * the handle, partial detection and concord_quotes_extract, which runs the
 * other parts (quote_marks.c, quote_speakers.c, quote_words.c; shared
 * declarations in quotes_internal.h).
 *
 * One pass over the bytes finds quotation marks and pairs them, paragraph
 * by paragraph; the concord_text tokens and sentences of the same text then
 * give each quotation its words, whether it is partial, and its speaker,
 * from the words around it. Every step is linear in the text, and each
 * quotation looks at a bounded number of tokens (QUOTES_SCAN_TOKENS), so
 * the whole is O(len). The rules, with examples, are in docs/quotes.md.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/chars.h"
#include "text/quotes_internal.h"
#include "text/utf8.h"

/* ------------------------------------------------------------------------ */
/* The handle                                                               */
/* ------------------------------------------------------------------------ */

concord_status concord_quotes_create(concord_quotes **out)
{
    if (!out) return CONCORD_ERR_INVALID;
    *out = NULL;
    concord_quotes *q = calloc(1, sizeof *q);
    if (!q) return CONCORD_ERR_NOMEM;
    concord_status st = concord_text_create(&q->text);
    if (st) {
        free(q);
        return st;
    }
    *out = q;
    return CONCORD_OK;
}

void concord_quotes_free(concord_quotes *quotes)
{
    if (!quotes) return;
    concord_text_free(quotes->text);
    free(quotes->items);
    free(quotes->tok_quote);
    free(quotes->sents);
    free(quotes);
}

size_t concord_quotes_count(const concord_quotes *quotes) { return quotes ? quotes->n : 0; }

const concord_quote *concord_quotes_get(const concord_quotes *quotes, size_t i)
{
    return quotes && i < quotes->n ? &quotes->items[i].q : NULL;
}

/* ------------------------------------------------------------------------ */
/* Partial quotations                                                       */
/* ------------------------------------------------------------------------ */

static int lowercase_at(const unsigned char *s, size_t i, size_t len)
{
    int32_t cp;
    utf8_decode_repair(s + i, len - i, &cp);
    return cp_is_letter(cp) && !cp_is_upper(cp) && !cp_is_caseless_letter(cp);
}

/* A quotation is whole when it opens its sentence or follows ':' or ',',
   starts with no lowercase letter, and ends its sentence or ends with
   punctuation ("...," he said). Otherwise it is a fragment. */
static int is_partial(const ctx *c, const qitem *it, size_t prev_end)
{
    if (it->continued) return 0;
    const concord_sentence *seo = sent(c, it->s_open);
    size_t bound = seo->start > prev_end ? seo->start : prev_end;
    size_t i = it->open;
    while (i > bound) {
        unsigned char x = c->s[i - 1];
        if (x == ' ' || x == '\t' || x == '\n' || x == '\r' || x == '(' || x == '[' || x == '-') i--;
        else break;
    }
    int start_ok = i <= bound || c->s[i - 1] == ':' || c->s[i - 1] == ',' ||
                   (i >= bound + 3 && ((c->s[i - 3] == 0xEF && c->s[i - 2] == 0xBC &&
                                        (c->s[i - 1] == 0x9A || c->s[i - 1] == 0x8C)) || /* ： ， */
                                       (c->s[i - 3] == 0xE3 && c->s[i - 2] == 0x80 && c->s[i - 1] == 0x81)));
    if (!start_ok || lowercase_at(c->s, it->q.start, c->len)) return 1;
    if (it->q.flags & CONCORD_QUOTE_UNBALANCED) return 0;
    size_t t_after = (size_t)it->first_tok + it->ntok;
    if (t_after >= sent_end_tok(c, it->s_close)) return 0;
    if (it->close_end < c->len && strchr(".,!?;:", c->s[it->close_end]) && c->s[it->close_end])
        return 0; /* "...", he said (punctuation outside the marks) */
    size_t e = it->raw_end;
    while (e > it->q.start && (c->s[e - 1] == ' ' || c->s[e - 1] == '\t' || c->s[e - 1] == '\n'))
        e--;
    unsigned char x = c->s[e - 1];
    if (strchr(".,!?;:-", x) && x) return 0;
    if (e >= 3 && c->s[e - 3] == 0xE2 && c->s[e - 2] == 0x80 &&
        (c->s[e - 1] == 0xA6 || c->s[e - 1] == 0x94 || c->s[e - 1] == 0x93))
        return 0; /* … — – */
    return 1;
}

/* ------------------------------------------------------------------------ */
/* Extraction                                                               */
/* ------------------------------------------------------------------------ */

concord_status concord_quotes_extract(concord_quotes *qs, const char *text, size_t len)
{
    if (!qs || (!text && len)) return CONCORD_ERR_INVALID;
    qs->n = 0;
    if (len == 0) return CONCORD_OK;
    const unsigned char *s = (const unsigned char *)text;
    concord_status st = concord_text_analyse(qs->text, text, len, CONCORD_TEXT_SENTENCES);
    if (!st) st = quotes_scan_marks(qs, s, len);
    if (st) {
        qs->n = 0;
        return st;
    }
    size_t nt, ns = concord_text_sentence_count(qs->text);
    const concord_token *tk = text_tokens(qs->text, &nt);
    if (nt >= NONE || qs->n >= NONE) {
        qs->n = 0;
        return CONCORD_ERR_TOO_LARGE;
    }
    if (nt > qs->tok_cap) {
        uint32_t *p = realloc(qs->tok_quote, nt * sizeof *p);
        if (!p) return qs->n = 0, CONCORD_ERR_NOMEM;
        qs->tok_quote = p, qs->tok_cap = nt;
    }
    for (size_t t = 0; t < nt; t++) qs->tok_quote[t] = NONE;

    /* Tokens of each quotation (one merge); quotations without words go. */
    size_t kept = 0, t = 0;
    for (size_t i = 0; i < qs->n; i++) {
        qitem it = qs->items[i];
        while (t < nt && tk[t].start < it.q.start) t++;
        size_t first = t;
        while (t < nt && tk[t].end <= it.q.end) t++;
        if (t == first) continue;
        it.first_tok = (uint32_t)first, it.ntok = (uint32_t)(t - first);
        for (size_t k = first; k < t; k++) qs->tok_quote[k] = (uint32_t)kept;
        qs->items[kept++] = it;
    }
    qs->n = kept;
    if (kept == 0) return CONCORD_OK;
    assert(ns > 0); /* there are tokens, hence sentences */

    if (ns > qs->sent_cap) {
        sent_speaker *p = realloc(qs->sents, ns * sizeof *p);
        if (!p) return qs->n = 0, CONCORD_ERR_NOMEM;
        qs->sents = p, qs->sent_cap = ns;
    }
    memset(qs->sents, 0, ns * sizeof *qs->sents);

    /* Sentences of the marks: two monotone pointers. */
    size_t so = 0, sc = 0;
    for (size_t i = 0; i < kept; i++) {
        qitem *it = &qs->items[i];
        size_t close_at = it->close_end > it->q.end ? it->close_end - 1 : it->q.end - 1;
        while (so + 1 < ns && concord_text_sentence(qs->text, so)->end <= it->open) so++;
        if (sc < so) sc = so;
        while (sc + 1 < ns && concord_text_sentence(qs->text, sc)->end <= close_at) sc++;
        it->s_open = (uint32_t)so, it->s_close = (uint32_t)sc;
    }

    ctx c = {.qs = qs, .s = s, .len = len, .tk = tk, .nt = nt, .tq = qs->tok_quote, .ns = ns};
    for (size_t i = 0; i < kept; i++) {
        qitem *it = &qs->items[i];
        if (is_partial(&c, it, i ? qs->items[i - 1].close_end : 0)) it->q.flags |= CONCORD_QUOTE_PARTIAL;
        quotes_find_speaker(&c, i);
    }
    return CONCORD_OK;
}
