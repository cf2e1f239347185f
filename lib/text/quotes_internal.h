/*
 * quotes_internal.h - what the parts of quotation extraction share
 * (quotes.c: the handle, partial detection and extraction; quote_marks.c:
 * finding quotations; quote_speakers.c: speakers): the handle's layout,
 * the context of one extraction, and the calls between the parts. The
 * word table (quote_words.c) is declared in quotes.h. Only lib/text/quote*.c
 * include this header.
 */
#ifndef CONCORD_TEXT_QUOTES_INTERNAL_H
#define CONCORD_TEXT_QUOTES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"
#include "text/quotes.h"
#include "text/text.h"

enum { NONE = UINT32_MAX };

typedef struct qitem {
    concord_quote q;     /* what the caller sees (must stay the first member) */
    size_t open;         /* byte offset of the opening mark */
    size_t close_end;    /* byte just after the closing mark (q.end if none) */
    size_t raw_end;      /* end of the content before trimming */
    uint32_t first_tok;  /* first token inside q.start..q.end */
    uint32_t ntok;       /* tokens inside */
    uint32_t s_open;     /* sentence of the opening mark */
    uint32_t s_close;    /* sentence of the closing mark (or of the end) */
    uint8_t continued;   /* went on over a paragraph break (newspaper style) */
} qitem;

typedef struct sent_speaker {
    size_t start, end; /* the last named speaker of a quote in this sentence */
    int has;
} sent_speaker;

struct concord_quotes {
    concord_text *text;
    qitem *items;
    size_t n, cap;
    uint32_t *tok_quote; /* per token: index of the quote holding it, or NONE */
    size_t tok_cap;
    sent_speaker *sents;
    size_t sent_cap;
};

/* One extraction: the text, its tokens and sentences, the quotation of
   each token, and the last named speaker (for pronouns). */
typedef struct ctx {
    concord_quotes *qs;
    const unsigned char *s;
    size_t len;
    const concord_token *tk;
    size_t nt;
    const uint32_t *tq;
    size_t ns;
    size_t last_start, last_end; /* the most recent named speaker */
    int has_last;
} ctx;

static inline const concord_sentence *sent(const ctx *c, size_t i)
{
    return concord_text_sentence(c->qs->text, i);
}
static inline size_t sent_end_tok(const ctx *c, size_t i)
{
    const concord_sentence *se = sent(c, i);
    return se->first_token + se->token_count;
}

/*
 * Find the quotations of s[0..len) and append them to qs->items, in text
 * order, trimmed, flagged CONCORD_QUOTE_UNBALANCED when a mark is missing
 * (quote_marks.c).
 */
concord_status quotes_scan_marks(concord_quotes *qs, const unsigned char *s, size_t len);

/*
 * Set the speaker of quotation qi (c->qs->items[qi]), if one is found, and
 * remember it for the pronouns of later quotations (quote_speakers.c).
 */
void quotes_find_speaker(ctx *c, size_t qi);

#endif
