/*
 * quotes.h - internals of quotation extraction (lib/text/quotes.c and
 * the quote_*.c beside it; the public concord_quotes handle is declared in
 * concord.h), exposed for the unit tests and for lib/match/quote_groups.c.
 * The rules are described in docs/quotes.md.
 */
#ifndef CONCORD_TEXT_QUOTES_H
#define CONCORD_TEXT_QUOTES_H

#include <stddef.h>

#include "concord.h"

/* Bounds that keep speaker detection O(1) per quotation. */
enum {
    QUOTES_SCAN_TOKENS = 48, /* tokens looked at before a quote for a speech verb */
    QUOTES_RUN_MAX = 10,     /* tokens in a name phrase ("Estmark Deputy Minister Ilya Varenko") */
    QUOTES_APPOSITIVE = 15   /* tokens of an appositive ("X, deputy ambassador to the UN, said") */
};

/* Word classes of the speaker rules, as bits (a word may have several). */
enum {
    QW_VERB = 1u << 0,    /* speech verb: said, told, added, warned, according ... */
    QW_ADV = 1u << 1,     /* may stand between subject and verb: also, has, would, ... */
    QW_BE = 1u << 2,      /* a form of "be": "X is urged" is passive, X is no speaker */
    QW_DET = 1u << 3,     /* the, a, an */
    QW_PRONOUN = 1u << 4, /* he, she, they: resolved to a named speaker */
    QW_ROLE = 1u << 5,    /* title or role: spokesman, president, minister, official ... */
    QW_NONNAME = 1u << 6  /* capitalised at a sentence start but never a name: But, The, In ... */
};

/*
 * Classes (QW_* bits, 0 when none) of a normalised word (lowercase, ASCII
 * apostrophes, as concord_token.norm). O(len).
 */
unsigned quotes_word_class(const char *norm, size_t len);

#endif
