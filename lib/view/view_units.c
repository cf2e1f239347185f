/*
 * view_units.c - cutting a sentence into the clauses that carry its facts
 * (docs/view.md, "Claims").
 *
 * News sentences often state two facts ("X deployed 100,000 troops near the
 * border and in Crimea, a region Russia annexed in 2014"); a report that
 * states only one of them would match the whole sentence poorly. A sentence
 * is cut before a token when the gap before it holds ';', ':', '(', ')',
 * "--" or a dash (U+2013, U+2014), or a comma followed by a clause opener
 * ("which", "while", "but", "and", "saying", "a" of an apposition, ...),
 * or a word of contrast ("but", "whereas", "although") even without one.
 * A cut is made only when both sides keep VIEW_UNIT_MIN_CONTENT content
 * words, so clauses stay long enough to state a fact.
 */
#include <string.h>

#include "view/view_internal.h"

enum { VIEW_UNIT_MIN_CONTENT = 4 };

static int is_opener(const concord_token *t)
{
    static const char *words[] = {"which", "who",     "whom",     "whose",  "where",   "while",
                                  "whereas", "but",   "although", "though", "because", "after",
                                  "saying",  "and",   "as",       "a",      "an",      "including",
                                  "amid",    "despite"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (t->norm_len == strlen(words[i]) && !memcmp(t->norm, words[i], t->norm_len)) return 1;
    return 0;
}

/* Is there a clause break in text[from, to) before token t? */
static int break_before(const char *text, size_t from, size_t to, const concord_token *t)
{
    int comma = 0;
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ';' || c == ':' || c == '(' || c == ')') return 1;
        if (c == '-' && i + 1 < to && text[i + 1] == '-') return 1;
        if (c == 0xe2 && i + 2 < to && (unsigned char)text[i + 1] == 0x80 &&
            ((unsigned char)text[i + 2] == 0x93 || (unsigned char)text[i + 2] == 0x94))
            return 1;
        if (c == ',') comma = 1;
    }
    if (comma && is_opener(t)) return 1;
    /* contrast opens a clause even without a comma ("... policy" but was ...") */
    static const char *contrast[] = {"but", "whereas", "although"};
    for (size_t i = 0; i < sizeof contrast / sizeof *contrast; i++)
        if (t->norm_len == strlen(contrast[i]) && !memcmp(t->norm, contrast[i], t->norm_len)) return 1;
    return 0;
}

size_t view_units(const char *text, const concord_token *tok, size_t first, size_t n,
                  const unsigned char *content, size_t *cuts)
{
    size_t total = 0, count = 0;
    for (size_t i = 0; i < n; i++) total += content[i];
    size_t before = 0; /* content words since the last cut */
    size_t seen = 0;   /* content words before token i */
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && before >= VIEW_UNIT_MIN_CONTENT && total - seen >= VIEW_UNIT_MIN_CONTENT &&
            break_before(text, tok[first + i - 1].end, tok[first + i].start, &tok[first + i])) {
            cuts[count++] = i;
            before = 0;
        }
        before += content[i];
        seen += content[i];
    }
    return count;
}
