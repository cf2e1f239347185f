/*
 * view_sentences.c - the story's sentences as weighted term vectors
 * (docs/view.md, "Claims").
 *
 * A sentence's terms are the canonical classes (concord_lexicon_canon:
 * synonyms, inflections and number formats folded) of its content words.
 * Sentences with the same canonical token sequence - a wire sentence carried
 * by many copies - become one node with several occurrences, so copies
 * neither cost comparisons nor distort the weights. A term's weight is its
 * IDF over the story's nodes, ln(1 + N / df): words every report of the
 * story uses ("Russia" in a story about Russia) weigh little, the ones that
 * pin a fact down (a number, a rare name) weigh most. Anchors - numbers and
 * capitalised words WordNet does not know as common words ("Varenko",
 * "Estmark") - weigh VIEW_ANCHOR_BOOST times more: they are what
 * independent reports of one fact share when their wording differs, and
 * what spinners and paraphrasers leave alone. Centrality is the
 * cosine of a node with the story centroid, each node counted once per
 * independent source that states it (MEAD-like centroid scoring).
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sketch/hash.h"
#include "text/lexicon_internal.h"
#include "text/text.h"
#include "util/buf.h"
#include "view/view_internal.h"

typedef struct occ_info {
    uint64_t key;       /* hash of the canonical token sequence */
    size_t term_start;  /* in the scratch term array */
    size_t term_count;
    size_t token_count;
    size_t unit_start, unit_end; /* the clause's bytes */
} occ_info;

typedef struct entry {
    uint64_t term;
    uint32_t node;
    uint32_t index; /* position in v->terms */
} entry;

static int u64_cmp(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

static int entry_cmp(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    if (a->term != b->term) return a->term < b->term ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

typedef struct sentence_scratch {
    occ_info *info;
    size_t info_cap;
    uint64_t *terms;
    size_t term_count, term_cap;
    unsigned char *content; /* per token of the article: a content word? */
    size_t *cuts;
    size_t flag_cap;
} sentence_scratch;

/* One clause: an occurrence of the sentence span with its terms. */
static concord_status add_unit(concord_view *v, sentence_scratch *sc, size_t a,
                               const concord_sentence *sen, const concord_token *tok,
                               size_t from, size_t to)
{
    uint64_t key = 0x6a09e667f3bcc909ull;
    size_t first = sc->term_count;
    for (size_t t = from; t < to; t++) {
        uint64_t c;
        lexicon_kind kind = lexicon_classify(v->lexicon, tok[t].norm, tok[t].norm_len, &c);
        key = hash_combine(key, c);
        if (kind == LEXICON_FUNCTION) continue;
        int anchor = kind == LEXICON_NUMBER ||
                     (kind == LEXICON_OTHER && (tok[t].flags & CONCORD_TOKEN_UPPER));
        c = anchor ? c | VIEW_ANCHOR_BIT : c & ~VIEW_ANCHOR_BIT;
        if (VEC_PUSH(sc->terms, sc->term_count, sc->term_cap, c)) return CONCORD_ERR_NOMEM;
    }
    size_t nt = sc->term_count - first;
    if (nt == 0) return CONCORD_OK;
    qsort(sc->terms + first, nt, sizeof *sc->terms, u64_cmp);
    size_t u = 0;
    for (size_t k = 0; k < nt; k++)
        if (u == 0 || sc->terms[first + k] != sc->terms[first + u - 1])
            sc->terms[first + u++] = sc->terms[first + k];
    sc->term_count = first + u;
    concord_view_span span = {a, sen->start, sen->end};
    size_t occ_cap = v->occ_cap;
    if (VEC_PUSH(v->occ, v->occ_count, v->occ_cap, span)) return CONCORD_ERR_NOMEM;
    if (v->occ_cap != occ_cap || !sc->info) {
        occ_info *info = realloc(sc->info, v->occ_cap * sizeof *info);
        if (!info) return CONCORD_ERR_NOMEM;
        sc->info = info;
    }
    sc->info[v->occ_count - 1] =
        (occ_info){key, first, u, sen->token_count, tok[from].start, tok[to - 1].end};
    return CONCORD_OK;
}

/* Pass 1: every clause (view_units.c) with a content word becomes an
   occurrence. */
static concord_status collect(concord_view *v, sentence_scratch *sc)
{
    for (size_t a = 0; a < v->article_count; a++) {
        concord_status s =
            concord_text_analyse(v->text, v->texts[a], v->text_lens[a], CONCORD_TEXT_SENTENCES);
        if (s != CONCORD_OK) return s;
        size_t ntok;
        const concord_token *tok = text_tokens(v->text, &ntok);
        if (ntok > sc->flag_cap) {
            free(sc->content);
            free(sc->cuts);
            sc->content = malloc(ntok);
            sc->cuts = malloc(ntok * sizeof *sc->cuts);
            if (!sc->content || !sc->cuts) return CONCORD_ERR_NOMEM;
            sc->flag_cap = ntok;
        }
        for (size_t t = 0; t < ntok; t++)
            sc->content[t] = !concord_lexicon_is_function_word(v->lexicon, tok[t].norm,
                                                               tok[t].norm_len) ||
                             (tok[t].flags & CONCORD_TOKEN_NUMBER);
        size_t ns = concord_text_sentence_count(v->text);
        for (size_t i = 0; i < ns; i++) {
            const concord_sentence *sen = concord_text_sentence(v->text, i);
            size_t f = sen->first_token, n = sen->token_count;
            if (n == 0) continue;
            size_t ncut = view_units(v->texts[a], tok, f, n, sc->content + f, sc->cuts);
            size_t from = 0;
            for (size_t c = 0; c <= ncut; c++) {
                size_t to = c < ncut ? sc->cuts[c] : n;
                if ((s = add_unit(v, sc, a, sen, tok, f + from, f + to)) != CONCORD_OK) return s;
                from = to;
            }
        }
    }
    return CONCORD_OK;
}

typedef struct keyed {
    uint64_t key;
    uint32_t occ;
} keyed;

static int keyed_cmp(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return (a->occ > b->occ) - (a->occ < b->occ);
}

/* Pass 2: occurrences with one key become one node; nodes are numbered in
   first-occurrence order and each node's occurrences are laid out
   contiguously (article order). Node terms come from its first occurrence. */
static concord_status group(concord_view *v, sentence_scratch *sc)
{
    size_t n = v->occ_count;
    keyed *k = malloc((n ? n : 1) * sizeof *k);
    uint32_t *node_of = malloc((n ? n : 1) * sizeof *node_of);
    uint32_t *rep = malloc((n ? n : 1) * sizeof *rep); /* group's first occurrence */
    concord_view_span *laid = malloc((n ? n : 1) * sizeof *laid);
    v->occ_unit = arena_alloc(&v->mem, (n ? 2 * n : 1) * sizeof *v->occ_unit);
    v->occ_node = arena_alloc(&v->mem, (n ? n : 1) * sizeof *v->occ_node);
    concord_status st = CONCORD_OK;
    if (!k || !node_of || !rep || !laid || !v->occ_unit || !v->occ_node) st = CONCORD_ERR_NOMEM;
    if (st == CONCORD_OK) {
        for (size_t i = 0; i < n; i++) k[i] = (keyed){sc->info[i].key, (uint32_t)i};
        qsort(k, n, sizeof *k, keyed_cmp);
        for (size_t i = 0; i < n; i++) /* every occurrence -> its group's first one */
            rep[k[i].occ] = (i > 0 && k[i].key == k[i - 1].key) ? rep[k[i - 1].occ] : k[i].occ;
        v->node_count = 0;
        for (size_t i = 0; i < n && st == CONCORD_OK; i++) {
            if (rep[i] != i) {
                node_of[i] = node_of[rep[i]];
                v->nodes[node_of[i]].occ_count++;
                continue;
            }
            const occ_info *in = &sc->info[i];
            view_node node = {0};
            node.occ_count = 1;
            node.term_start = v->term_count;
            node.term_count = in->term_count;
            node.token_count = in->token_count;
            node.unit_start = in->unit_start;
            node.unit_end = in->unit_end;
            for (size_t t = 0; t < in->term_count && st == CONCORD_OK; t++)
                if (VEC_PUSH(v->terms, v->term_count, v->term_cap, sc->terms[in->term_start + t]))
                    st = CONCORD_ERR_NOMEM;
            node_of[i] = (uint32_t)v->node_count;
            if (st == CONCORD_OK && VEC_PUSH(v->nodes, v->node_count, v->node_cap, node))
                st = CONCORD_ERR_NOMEM;
        }
    }
    if (st == CONCORD_OK) { /* counting sort of occurrences by node (stable) */
        size_t at = 0;
        for (size_t d = 0; d < v->node_count; d++) {
            v->nodes[d].first_occ = at;
            at += v->nodes[d].occ_count;
            v->nodes[d].occ_count = 0;
        }
        for (size_t i = 0; i < n; i++) {
            view_node *d = &v->nodes[node_of[i]];
            size_t pos = d->first_occ + d->occ_count++;
            laid[pos] = v->occ[i];
            v->occ_unit[2 * pos] = sc->info[i].unit_start;
            v->occ_unit[2 * pos + 1] = sc->info[i].unit_end;
            v->occ_node[pos] = node_of[i];
        }
        if (n) memcpy(v->occ, laid, n * sizeof *laid);
    }
    free(k);
    free(node_of);
    free(rep);
    free(laid);
    return st;
}

/* Pass 3: IDF weights, norms and centrality. */
static concord_status weigh(concord_view *v)
{
    size_t T = v->term_count, N = v->node_count;
    double *w = realloc(v->weights, (T ? T : 1) * sizeof *w);
    if (!w) return CONCORD_ERR_NOMEM;
    v->weights = w;
    entry *e = malloc((T ? T : 1) * sizeof *e);
    double *fam = malloc((N ? N : 1) * sizeof *fam); /* families stating each node */
    if (!e || !fam) {
        free(e);
        free(fam);
        return CONCORD_ERR_NOMEM;
    }
    for (size_t d = 0; d < N; d++) {
        const view_node *nd = &v->nodes[d];
        for (size_t t = 0; t < nd->term_count; t++)
            e[nd->term_start + t] = (entry){v->terms[nd->term_start + t], (uint32_t)d,
                                            (uint32_t)(nd->term_start + t)};
        /* distinct families among the node's occurrences (occurrences are few) */
        size_t count = 0;
        for (size_t o = 0; o < nd->occ_count; o++) {
            size_t f = v->articles[v->occ[nd->first_occ + o].article].family, seen = 0;
            for (size_t p = 0; p < o && !seen; p++)
                seen = v->articles[v->occ[nd->first_occ + p].article].family == f;
            count += !seen;
        }
        fam[d] = (double)count;
    }
    qsort(e, T, sizeof *e, entry_cmp);
    for (size_t d = 0; d < N; d++) v->nodes[d].norm = 0;
    for (size_t i = 0, j; i < T; i = j) {
        for (j = i; j < T && e[j].term == e[i].term; j++) {}
        double idf = log(1.0 + (double)N / (double)(j - i));
        if (e[i].term & VIEW_ANCHOR_BIT) idf *= VIEW_ANCHOR_BOOST;
        for (size_t k = i; k < j; k++) {
            w[e[k].index] = idf;
            v->nodes[e[k].node].norm += idf * idf;
        }
    }
    for (size_t d = 0; d < N; d++) v->nodes[d].norm = sqrt(v->nodes[d].norm);
    /* centroid c_t = sum over nodes containing t of fam * w_t / norm; then
       centrality = (sum_t w_t c_t) / (norm * |c|) */
    double *c = malloc((T ? T : 1) * sizeof *c); /* per entry: its term's centroid value */
    if (!c) {
        free(e);
        free(fam);
        return CONCORD_ERR_NOMEM;
    }
    double c2 = 0;
    for (size_t i = 0, j; i < T; i = j) {
        double sum = 0;
        for (j = i; j < T && e[j].term == e[i].term; j++)
            sum += fam[e[j].node] * w[e[j].index] / v->nodes[e[j].node].norm;
        for (size_t k = i; k < j; k++) c[e[k].index] = sum;
        c2 += sum * sum;
    }
    double cn = sqrt(c2);
    for (size_t d = 0; d < N; d++) {
        view_node *nd = &v->nodes[d];
        double dot = 0;
        for (size_t t = 0; t < nd->term_count; t++)
            dot += v->weights[nd->term_start + t] * c[nd->term_start + t];
        nd->centrality = cn > 0 ? dot / (nd->norm * cn) : 0;
    }
    free(c);
    free(e);
    free(fam);
    return CONCORD_OK;
}

concord_status view_sentences(concord_view *v)
{
    sentence_scratch sc = {0};
    concord_status st = collect(v, &sc);
    if (st == CONCORD_OK) st = group(v, &sc);
    if (st == CONCORD_OK) st = weigh(v);
    free(sc.info);
    free(sc.terms);
    free(sc.content);
    free(sc.cuts);
    return st;
}

double view_node_cosine(const concord_view *v, size_t a, size_t b)
{
    const view_node *x = &v->nodes[a], *y = &v->nodes[b];
    const uint64_t *ta = v->terms + x->term_start, *tb = v->terms + y->term_start;
    const double *wa = v->weights + x->term_start;
    size_t i = 0, j = 0;
    double dot = 0;
    while (i < x->term_count && j < y->term_count) {
        if (ta[i] < tb[j]) i++;
        else if (ta[i] > tb[j]) j++;
        else {
            dot += wa[i] * wa[i];
            i++;
            j++;
        }
    }
    return x->norm > 0 && y->norm > 0 ? dot / (x->norm * y->norm) : 0;
}
