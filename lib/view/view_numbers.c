/*
 * view_numbers.c - quantities and the conflicts between sources
 * (docs/view.md, "Numbers and conflicts").
 *
 * A quantity is a number token with what it counts: an optional currency
 * sign before it ($, £, €), an optional scale word after it (thousand,
 * million, mln, billion, bn, bln, trillion), then its unit: a % sign,
 * "percent"/"pct", or the next content word ("troops", "barrels"),
 * compared by canonical class so "soldiers" and "troops" may agree; a bare
 * currency amount has the currency as unit; a unit must be on the number's
 * line (tables put the next row's label there). Years (1800-2100 without
 * sign, scale or separator), dates ("April 13") and day/month units are not
 * quantities.
 *
 * A conflict: two sentences of different independent sources, linked with
 * cosine >= VIEW_CONFLICT_MIN_SIM (they are about the same thing), give one
 * unit values that differ by more than 1%, and neither value appears in the
 * other sentence for that unit (so "rose from 5% to 7%" against "7%, up
 * from 5%" is not a conflict). Each pair of values is reported once, from
 * the most similar sentences.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "util/buf.h"
#include "view/view_internal.h"

#define VIEW_CONFLICT_MIN_SIM 0.30

typedef struct quantity {
    uint64_t unit;
    const char *unit_name;
    size_t unit_len;
    double value;
    concord_view_span span;
} quantity;

static int norm_is(const concord_token *t, const char *word)
{
    size_t n = strlen(word);
    return t->norm_len == n && !memcmp(t->norm, word, n);
}

static double scale_of(const concord_token *t)
{
    static const struct {
        const char *word;
        double scale;
    } scales[] = {{"thousand", 1e3}, {"million", 1e6}, {"mln", 1e6},     {"billion", 1e9},
                  {"bn", 1e9},       {"bln", 1e9},     {"trillion", 1e12}};
    for (size_t i = 0; i < sizeof scales / sizeof *scales; i++)
        if (norm_is(t, scales[i].word)) return scales[i].scale;
    return 0;
}

/* Months and weekdays, and the month abbreviations of dates ("Feb 2"); the
   abbreviations are kept here, not in the shared list, because "Jan" is
   also a first name. */
static int is_calendar_word(const concord_token *t)
{
    static const char *abbreviations[] = {"jan", "feb", "mar", "apr", "jun", "jul",
                                          "aug", "sep", "sept", "oct", "nov", "dec"};
    if (text_is_calendar_word(t->norm, t->norm_len)) return 1;
    for (size_t i = 0; i < sizeof abbreviations / sizeof *abbreviations; i++)
        if (norm_is(t, abbreviations[i])) return 1;
    return 0;
}

/* Value of a number token's normalised form ("100,000", "3.5"); 0 when it is
   not a plain number ("3rd", "10-year", "1980s"). *plain: no separator. */
static int parse_number(const concord_token *t, double *value, int *plain)
{
    double v = 0, frac = 0, div = 1;
    int dot = 0, digits = 0;
    *plain = 1;
    for (size_t i = 0; i < t->norm_len; i++) {
        char c = t->norm[i];
        if (c >= '0' && c <= '9') {
            digits++;
            if (dot) {
                div *= 10;
                frac += (c - '0') / div;
            } else {
                v = v * 10 + (c - '0');
            }
        } else if (c == ',' && !dot) {
            *plain = 0;
        } else if (c == '.' && !dot) {
            dot = 1;
            *plain = 0;
        } else {
            return 0;
        }
    }
    *value = v + frac;
    return digits > 0;
}

/* The currency whose sign ends just before byte offset at, or NULL;
   *sign_len: the sign's bytes. */
static const char *currency_before(const char *text, size_t at, size_t *sign_len)
{
    static const struct {
        const char *sign, *name;
    } signs[] = {{"$", "usd"}, {"\xc2\xa3", "gbp"}, {"\xe2\x82\xac", "eur"}};
    for (size_t i = 0; i < sizeof signs / sizeof *signs; i++) {
        size_t n = strlen(signs[i].sign);
        if (at >= n && !memcmp(text + at - n, signs[i].sign, n)) {
            *sign_len = n;
            return signs[i].name;
        }
    }
    *sign_len = 0;
    return NULL;
}

typedef struct quantities {
    quantity *items;
    size_t count, cap;
    size_t *node_start; /* node d: items[node_start[d] .. node_start[d + 1]) */
} quantities;

/* Quantities of the sentence tokens tok[first .. first + n) of article a. */
static concord_status extract(concord_view *v, quantities *q, size_t a, const concord_token *tok,
                              size_t first, size_t n)
{
    const char *text = v->texts[a];
    size_t end = first + n;
    for (size_t i = first; i < end; i++) {
        if (!(tok[i].flags & CONCORD_TOKEN_NUMBER)) continue;
        double value;
        int plain;
        if (!parse_number(&tok[i], &value, &plain)) continue;
        size_t sign_len;
        const char *currency = currency_before(text, tok[i].start, &sign_len);
        size_t j = i + 1, span_end = tok[i].end;
        double scale = j < end ? scale_of(&tok[j]) : 0;
        if (scale > 0) {
            value *= scale;
            span_end = tok[j].end;
            j++;
        }
        if (!currency && scale == 0 && plain && value >= 1800 && value <= 2100) continue; /* year */
        if (i > first && is_calendar_word(&tok[i - 1])) continue; /* a date: "April 13" */
        quantity x = {0};
        x.value = value;
        size_t after = span_end;
        if (after < v->text_lens[a] && text[after] == '%') {
            x.unit_name = "%";
            span_end = after + 1;
        } else if (j < end && (norm_is(&tok[j], "percent") || norm_is(&tok[j], "pct"))) {
            x.unit_name = "%";
            span_end = tok[j].end;
        } else if (j < end && !(tok[j].flags & CONCORD_TOKEN_NUMBER) && !is_calendar_word(&tok[j]) &&
                   !memchr(text + span_end, '\n', tok[j].start - span_end) &&
                   !concord_lexicon_is_function_word(v->lexicon, tok[j].norm, tok[j].norm_len) &&
                   !currency) {
            x.unit_name = arena_strndup(&v->mem, tok[j].norm, tok[j].norm_len);
            if (!x.unit_name) return CONCORD_ERR_NOMEM;
            x.unit_len = tok[j].norm_len;
            x.unit = concord_lexicon_canon(v->lexicon, tok[j].norm, tok[j].norm_len);
            span_end = tok[j].end;
        } else if (currency) {
            x.unit_name = currency;
        } else {
            continue;
        }
        if (!x.unit_len) x.unit_len = strlen(x.unit_name);
        if (!x.unit) x.unit = concord_lexicon_canon(v->lexicon, x.unit_name, x.unit_len);
        x.span = (concord_view_span){a, tok[i].start - sign_len, span_end};
        if (VEC_PUSH(q->items, q->count, q->cap, x)) return CONCORD_ERR_NOMEM;
    }
    return CONCORD_OK;
}

typedef struct first_occ {
    size_t article, start, node;
} first_occ;

static int first_occ_cmp(const void *x, const void *y)
{
    const first_occ *a = x, *b = y;
    if (a->article != b->article) return a->article < b->article ? -1 : 1;
    return (a->start > b->start) - (a->start < b->start);
}

/* Quantities of every node, read from the clause of its first occurrence. */
static concord_status collect(concord_view *v, quantities *q)
{
    size_t N = v->node_count;
    first_occ *f = malloc((N ? N : 1) * sizeof *f);
    size_t *node_first = malloc((N + 1) * sizeof *node_first), *node_n = calloc(N + 1, sizeof *node_n);
    concord_status st = f && node_first && node_n ? CONCORD_OK : CONCORD_ERR_NOMEM;
    for (size_t d = 0; d < N && st == CONCORD_OK; d++)
        f[d] = (first_occ){v->occ[v->nodes[d].first_occ].article, v->nodes[d].unit_start, d};
    if (st == CONCORD_OK) qsort(f, N, sizeof *f, first_occ_cmp);
    /* walk each article's tokens alongside its clauses (sorted, disjoint);
       quantities land in clause order, then are regrouped by node */
    quantities raw = {0};
    size_t k = 0;
    while (k < N && st == CONCORD_OK) {
        size_t a = f[k].article;
        st = concord_text_analyse(v->text, v->texts[a], v->text_lens[a], 0);
        size_t ntok, t = 0;
        const concord_token *tok = text_tokens(v->text, &ntok);
        for (; k < N && f[k].article == a && st == CONCORD_OK; k++) {
            const view_node *d = &v->nodes[f[k].node];
            while (t < ntok && tok[t].start < d->unit_start) t++;
            size_t from = t;
            while (t < ntok && tok[t].end <= d->unit_end) t++;
            size_t before = raw.count;
            st = extract(v, &raw, a, tok, from, t - from);
            node_n[f[k].node] = raw.count - before;
            node_first[f[k].node] = before;
        }
    }
    q->node_start = arena_alloc(&v->mem, (N + 1) * sizeof *q->node_start);
    q->items = malloc((raw.count ? raw.count : 1) * sizeof *q->items);
    if (st == CONCORD_OK && (!q->node_start || !q->items)) st = CONCORD_ERR_NOMEM;
    if (st == CONCORD_OK) {
        size_t at = 0;
        for (size_t d = 0; d < N; d++) {
            q->node_start[d] = at;
            if (node_n[d]) memcpy(q->items + at, raw.items + node_first[d], node_n[d] * sizeof *q->items);
            at += node_n[d];
        }
        q->node_start[N] = at;
        q->count = at;
    }
    free(raw.items);
    free(f);
    free(node_first);
    free(node_n);
    return st;
}

static int same_value(double x, double y)
{
    double m = fabs(x) > fabs(y) ? fabs(x) : fabs(y);
    return fabs(x - y) <= 0.01 * m;
}

/* Does node d state value for unit? */
static int states(const quantities *q, size_t d, uint64_t unit, double value)
{
    for (size_t i = q->node_start[d]; i < q->node_start[d + 1]; i++)
        if (q->items[i].unit == unit && same_value(q->items[i].value, value)) return 1;
    return 0;
}

static int already(const concord_view *v, uint64_t unit_a, const quantity *x, const quantity *y,
                   const uint64_t *units)
{
    for (size_t c = 0; c < v->conflict_count; c++) {
        const concord_conflict *k = &v->conflicts[c];
        if (units[c] != unit_a) continue;
        if ((same_value(k->a_value, x->value) && same_value(k->b_value, y->value)) ||
            (same_value(k->a_value, y->value) && same_value(k->b_value, x->value)))
            return 1;
    }
    return 0;
}

concord_status view_numbers(concord_view *v)
{
    quantities q = {0};
    concord_status st = collect(v, &q);
    uint64_t *units = NULL;
    size_t units_cap = 0, units_n = 0;
    for (size_t l = 0; l < v->link_count && st == CONCORD_OK; l++) {
        const view_link *ln = &v->links[l];
        if (ln->sim < VIEW_CONFLICT_MIN_SIM) break; /* links are sorted, strongest first */
        size_t fa = v->articles[v->occ[v->nodes[ln->a].first_occ].article].family;
        size_t fb = v->articles[v->occ[v->nodes[ln->b].first_occ].article].family;
        if (fa == fb) continue;
        for (size_t i = q.node_start[ln->a]; i < q.node_start[ln->a + 1] && st == CONCORD_OK; i++)
            for (size_t j = q.node_start[ln->b]; j < q.node_start[ln->b + 1]; j++) {
                const quantity *x = &q.items[i], *y = &q.items[j];
                if (x->unit != y->unit || same_value(x->value, y->value)) continue;
                if (states(&q, ln->b, x->unit, x->value) || states(&q, ln->a, y->unit, y->value))
                    continue;
                if (already(v, x->unit, x, y, units)) continue;
                concord_conflict c = {x->unit_name, x->unit_len, x->span, y->span, x->value, y->value};
                if (VEC_PUSH(v->conflicts, v->conflict_count, v->conflict_cap, c) ||
                    VEC_PUSH(units, units_n, units_cap, x->unit)) {
                    st = CONCORD_ERR_NOMEM;
                    break;
                }
            }
    }
    free(units);
    free(q.items);
    return st;
}
