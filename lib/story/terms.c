/*
 * terms.c - one article -> three TF-IDF vectors (body words, title words,
 * names), with document frequencies kept online.
 *
 * Words: tokens of the text layer that are neither numbers nor function
 * words nor one character long, reduced to their Snowball stem. The
 * stemmer runs once per distinct spelling: the words map caches spelling
 * -> term. Names: concord_names over the body, then over the title with
 * the body's evidence (Reuters titles are ALL CAPS), keyed "\1" + norm so
 * they never meet a word's stem.
 * Weight of a term: (1 + ln tf) * ln((N + 100) / (df + 1)), with N the
 * articles added so far, df before this article (so peek and add see the
 * same vector) and 100 pseudo-articles of prior (IDF_PRIOR); each field is
 * then scaled to unit length.
 */
#include <libstemmer.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "story/story_internal.h"
#include "text/lexicon_internal.h"
#include "text/text.h"

enum { STEM_MAX = 64 }; /* longer words are their own term */
#define NOT_A_TERM (UINT32_MAX - 1)

/* Pseudo-articles in which no term occurs: with few articles seen, every
   IDF is then about the same (the score is a TF cosine) instead of
   punishing a word for being shared by the two articles seen so far; once
   the articles outnumber the prior, the observed frequencies dominate. */
#define IDF_PRIOR 100.0

concord_status terms_init(concord_stories *s)
{
    strmap_init(&s->words);
    strmap_init(&s->terms);
    strmap_init(&s->sources);
    if (concord_text_create(&s->text) || concord_names_create(&s->names))
        return CONCORD_ERR_NOMEM;
    s->stemmer = sb_stemmer_new("english", NULL);
    return s->stemmer ? CONCORD_OK : CONCORD_ERR_NOMEM;
}

void terms_free(concord_stories *s)
{
    strmap_free(&s->words);
    strmap_free(&s->terms);
    strmap_free(&s->sources);
    concord_text_free(s->text);
    concord_names_free(s->names);
    if (s->stemmer) sb_stemmer_delete(s->stemmer);
    free(s->df);
    free(s->term_slot);
    for (int f = 0; f < FIELD_COUNT; f++) free(s->dense[f]);
    for (int f = 0; f < FIELD_COUNT; f++) svec_free(&s->doc.field[f]);
}

concord_status terms_reserve(concord_stories *s, size_t n)
{
    if (n <= s->df_cap) return CONCORD_OK;
    size_t cap = s->df_cap ? s->df_cap : 4096;
    while (cap < n) cap *= 2;
    uint32_t *df = realloc(s->df, cap * sizeof *df);
    if (!df) return CONCORD_ERR_NOMEM;
    s->df = df;
    uint32_t *slot = realloc(s->term_slot, cap * sizeof *slot);
    if (!slot) return CONCORD_ERR_NOMEM;
    s->term_slot = slot;
    postings *ix = realloc(s->index, cap * sizeof *ix);
    if (!ix) return CONCORD_ERR_NOMEM;
    s->index = ix;
    for (int f = 0; f < FIELD_COUNT; f++) {
        float *d = realloc(s->dense[f], cap * sizeof *d);
        if (!d) return CONCORD_ERR_NOMEM;
        s->dense[f] = d;
        memset(d + s->df_cap, 0, (cap - s->df_cap) * sizeof *d);
    }
    memset(df + s->df_cap, 0, (cap - s->df_cap) * sizeof *df);
    memset(slot + s->df_cap, 0, (cap - s->df_cap) * sizeof *slot);
    memset(ix + s->df_cap, 0, (cap - s->df_cap) * sizeof *ix);
    s->df_cap = cap;
    s->index_cap = cap;
    return CONCORD_OK;
}

/* The term of key[0..len) in the terms map, created (df 0) when new. */
static concord_status term_of_key(concord_stories *s, const char *key, size_t len, uint32_t *term)
{
    *term = strmap_get(&s->terms, key, len);
    if (*term != UINT32_MAX) return CONCORD_OK;
    concord_status st = terms_reserve(s, s->terms.len + 1);
    if (st) return st;
    *term = (uint32_t)s->terms.len;
    return strmap_put(&s->terms, key, len, *term);
}

/* The term of a word, or NOT_A_TERM for a function word; the words map
   caches both, so each spelling is looked up and stemmed once. */
static concord_status word_term(concord_stories *s, const char *norm, size_t len, uint32_t *term)
{
    *term = strmap_get(&s->words, norm, len);
    if (*term != UINT32_MAX) return CONCORD_OK;
    if (lexicon_function_word_find(norm, len) >= 0) {
        *term = NOT_A_TERM;
        return strmap_put(&s->words, norm, len, NOT_A_TERM);
    }
    const char *stem = norm;
    size_t stem_len = len;
    if (len <= STEM_MAX) {
        const sb_symbol *p = sb_stemmer_stem(s->stemmer, (const sb_symbol *)norm, (int)len);
        if (!p) return CONCORD_ERR_NOMEM;
        stem = (const char *)p;
        stem_len = (size_t)sb_stemmer_length(s->stemmer);
    }
    concord_status st = term_of_key(s, stem, stem_len, term);
    return st ? st : strmap_put(&s->words, norm, len, *term);
}

/* Count one occurrence of term in the vector being built. */
static concord_status count_term(concord_stories *s, svec *v, uint32_t term)
{
    uint32_t slot = s->term_slot[term];
    if (slot) {
        v->v[slot - 1].weight += 1;
        return CONCORD_OK;
    }
    concord_status st = svec_reserve(v, (size_t)v->len + 1);
    if (st) return st;
    v->v[v->len++] = (wterm){term, 1};
    s->term_slot[term] = v->len;
    return CONCORD_OK;
}

static concord_status add_words(concord_stories *s, svec *v)
{
    size_t n;
    const concord_token *tok = text_tokens(s->text, &n);
    for (size_t i = 0; i < n; i++) {
        if (tok[i].flags & CONCORD_TOKEN_NUMBER) continue;
        size_t len = tok[i].norm_len;
        if (len > 2 && tok[i].norm[len - 2] == '\'' && tok[i].norm[len - 1] == 's') len -= 2;
        if (len < 2) continue;
        uint32_t term;
        concord_status st = word_term(s, tok[i].norm, len, &term);
        if (!st && term != NOT_A_TERM) st = count_term(s, v, term);
        if (st) return st;
    }
    return CONCORD_OK;
}

static concord_status add_names(concord_stories *s, const char *text, size_t len, unsigned options)
{
    concord_status st = concord_names_find(s->names, s->text, text, len, options);
    char key[256];
    for (size_t i = 0; !st && i < concord_names_count(s->names); i++) {
        const concord_name *nm = concord_names_get(s->names, i);
        size_t kl = nm->norm_len < sizeof key - 1 ? nm->norm_len : sizeof key - 1;
        key[0] = '\1';
        memcpy(key + 1, nm->norm, kl);
        uint32_t term;
        st = term_of_key(s, key, kl + 1, &term);
        if (!st) st = count_term(s, &s->doc.field[FIELD_NAMES], term);
    }
    return st;
}

/* Counts -> TF-IDF weights, sorted by term, unit length; slots cleared. */
static void finish_field(concord_stories *s, svec *v)
{
    double n1 = (double)s->article_count + IDF_PRIOR;
    for (uint32_t i = 0; i < v->len; i++) {
        wterm *w = &v->v[i];
        s->term_slot[w->term] = 0;
        w->weight = (float)((1 + log(w->weight)) * log(n1 / (s->df[w->term] + 1.0)));
    }
    /* Insertion order -> term order (vectors are short: a few hundred). */
    for (uint32_t i = 1; i < v->len; i++) {
        wterm x = v->v[i];
        uint32_t j = i;
        while (j > 0 && v->v[j - 1].term > x.term) {
            v->v[j] = v->v[j - 1];
            j--;
        }
        v->v[j] = x;
    }
    svec_normalise(v);
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *p, size_t n, unsigned *out)
{
    unsigned v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') return 0;
        v = v * 10 + (unsigned)(p[i] - '0');
    }
    *out = v;
    return 1;
}

int terms_parse_date(const char *date, size_t len, char *iso, size_t iso_cap, size_t *iso_len,
                     double *days)
{
    if (!date || !len) return -1;
    size_t n = concord_date_iso(date, len, iso, iso_cap);
    if (!n) return -1;
    unsigned y, mo, d, hh = 0, mi = 0, ss = 0;
    if (n < 10 || !digits(iso, 4, &y) || iso[4] != '-' || !digits(iso + 5, 2, &mo) ||
        iso[7] != '-' || !digits(iso + 8, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31)
        return -1;
    if (n >= 19 && iso[10] == 'T' && digits(iso + 11, 2, &hh) && digits(iso + 14, 2, &mi) &&
        digits(iso + 17, 2, &ss) && hh < 24 && mi < 60 && ss < 61) {
        /* time of day used */
    } else {
        hh = mi = ss = 0;
    }
    *iso_len = n;
    *days = (double)days_from_civil(y, mo, d) + (hh * 3600.0 + mi * 60.0 + ss) / 86400.0;
    return 0;
}

concord_status terms_build(concord_stories *s, const char *text, size_t len,
                           const concord_doc_meta *meta)
{
    doc_vectors *d = &s->doc;
    for (int f = 0; f < FIELD_COUNT; f++) d->field[f].len = 0;
    char iso[64];
    size_t iso_len;
    d->dated = meta && !terms_parse_date(meta->date, meta->date_len, iso, sizeof iso, &iso_len, &d->t);
    /* Body and title words share terms: each field is finished (its slots
       cleared) before the next one counts. Names have their own terms. */
    concord_status st = concord_text_analyse(s->text, text, len, CONCORD_TEXT_SENTENCES);
    if (!st) st = add_words(s, &d->field[FIELD_BODY]);
    finish_field(s, &d->field[FIELD_BODY]);
    if (!st) st = add_names(s, text, len, 0);
    if (!st && meta && meta->title_len) {
        st = concord_text_analyse(s->text, meta->title, meta->title_len, CONCORD_TEXT_SENTENCES);
        if (!st) st = add_words(s, &d->field[FIELD_TITLE]);
        finish_field(s, &d->field[FIELD_TITLE]);
        if (!st) st = add_names(s, meta->title, meta->title_len, CONCORD_NAMES_KEEP_EVIDENCE);
    }
    finish_field(s, &d->field[FIELD_NAMES]);
    if (st)
        for (int f = 0; f < FIELD_COUNT; f++) d->field[f].len = 0;
    return st;
}

concord_status terms_count(concord_stories *s)
{
    const doc_vectors *d = &s->doc;
    /* Body and title share the word terms: count each term once. */
    for (int f = 0; f < FIELD_COUNT; f++) {
        for (uint32_t i = 0; i < d->field[f].len; i++) {
            uint32_t t = d->field[f].v[i].term;
            if (s->term_slot[t]) continue;
            s->term_slot[t] = 1;
            if (s->df[t] < UINT32_MAX) s->df[t]++;
        }
    }
    for (int f = 0; f < FIELD_COUNT; f++)
        for (uint32_t i = 0; i < d->field[f].len; i++) s->term_slot[d->field[f].v[i].term] = 0;
    return CONCORD_OK;
}
