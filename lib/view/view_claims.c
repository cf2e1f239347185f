/*
 * view_claims.c - claims: sentences of different articles that state one
 * fact (docs/view.md, "Claims"), and the summary.
 *
 * Candidate links come from an inverted index of the nodes' terms: for each
 * node, the dot products with the nodes after it are accumulated over the
 * postings of its terms, skipping terms in more than VIEW_TERM_DF_CAP nodes
 * (they weigh ln(1 + N/df), little, and would make the pass quadratic);
 * pairs that reach cosine 0.20 are kept as links. Claims are formed by
 * merging along links of cosine >= claim_threshold, strongest first, and
 * only when the two groups share no article: one article states a fact
 * once, and the rule stops chains running through a long article's many
 * related sentences. Cost O(sum over terms of min(df, cap)^2 + L log L).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/unionfind.h"
#include "view/view_internal.h"

enum { VIEW_TERM_DF_CAP = 1000 };
enum { VIEW_SUMMARY_MIN_WORDS = 6 }; /* shorter sentences make poor summaries */

typedef struct term_posting {
    uint64_t term;
    uint32_t node;
} term_posting;

static int posting_cmp(const void *x, const void *y)
{
    const term_posting *a = x, *b = y;
    if (a->term != b->term) return a->term < b->term ? -1 : 1;
    return (a->node > b->node) - (a->node < b->node);
}

static int link_cmp(const void *x, const void *y)
{
    const view_link *a = x, *b = y;
    if (a->sim != b->sim) return a->sim > b->sim ? -1 : 1;
    if (a->a != b->a) return a->a < b->a ? -1 : 1;
    return (a->b > b->b) - (a->b < b->b);
}

/* Position of term t in the sorted postings (its first entry), via binary
   search; postings of one term are contiguous and sorted by node. */
static size_t first_posting(const term_posting *p, size_t n, uint64_t t)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p[mid].term < t) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

typedef struct clause_key {
    size_t article, start, occ;
} clause_key;

static int clause_key_cmp(const void *x, const void *y)
{
    const clause_key *a = x, *b = y;
    if (a->article != b->article) return a->article < b->article ? -1 : 1;
    return (a->start > b->start) - (a->start < b->start);
}

/* The node whose clause holds byte pos of article a, or UINT32_MAX; order:
   occurrences sorted by (article, clause start). */
static uint32_t node_at(const concord_view *v, const clause_key *order, size_t a, size_t pos)
{
    size_t lo = 0, hi = v->occ_count; /* first occurrence after (a, pos) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (order[mid].article < a || (order[mid].article == a && order[mid].start <= pos))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0) return UINT32_MAX;
    size_t o = order[lo - 1].occ;
    if (v->occ[o].article != a || pos >= v->occ_unit[2 * o + 1]) return UINT32_MAX;
    return v->occ_node[o];
}

/* Clauses quoting one quotation (a quote group, view_quotes.c) report one
   statement: link them with at least VIEW_QUOTE_LINK_SIM whatever their
   wording around the quote. Consecutive members are linked (claims are
   unions, so a chain is enough). */
#define VIEW_QUOTE_LINK_SIM 0.6
static concord_status quote_links(concord_view *v)
{
    size_t n = v->occ_count;
    clause_key *order = malloc((n ? n : 1) * sizeof *order);
    if (!order) return CONCORD_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) order[i] = (clause_key){v->occ[i].article, v->occ_unit[2 * i], i};
    qsort(order, n, sizeof *order, clause_key_cmp);
    concord_status st = CONCORD_OK;
    for (size_t g = 0; g < v->quote_group_count && st == CONCORD_OK; g++) {
        uint32_t prev = UINT32_MAX;
        size_t prev_article = SIZE_MAX;
        for (size_t i = v->quote_group_start[g]; i < v->quote_group_start[g + 1]; i++) {
            const concord_view_span *q = &v->quote_items[i].quote;
            uint32_t d = node_at(v, order, q->article, q->start);
            if (d == UINT32_MAX) continue;
            if (prev != UINT32_MAX && prev != d && prev_article != q->article) {
                double sim = view_node_cosine(v, prev, d);
                view_link l = {prev < d ? prev : d, prev < d ? d : prev,
                               sim > VIEW_QUOTE_LINK_SIM ? sim : VIEW_QUOTE_LINK_SIM};
                if (VEC_PUSH(v->links, v->link_count, v->link_cap, l)) {
                    st = CONCORD_ERR_NOMEM;
                    break;
                }
            }
            prev = d;
            prev_article = q->article;
        }
    }
    free(order);
    return st;
}

static concord_status find_links(concord_view *v)
{
    size_t T = v->term_count, N = v->node_count;
    term_posting *p = malloc((T ? T : 1) * sizeof *p);
    double *acc = calloc(N ? N : 1, sizeof *acc);
    uint32_t *touched = malloc((N ? N : 1) * sizeof *touched);
    concord_status st = CONCORD_OK;
    if (!p || !acc || !touched) st = CONCORD_ERR_NOMEM;
    for (size_t d = 0; d < N && st == CONCORD_OK; d++)
        for (size_t t = 0; t < v->nodes[d].term_count; t++)
            p[v->nodes[d].term_start + t] =
                (term_posting){v->terms[v->nodes[d].term_start + t], (uint32_t)d};
    if (st == CONCORD_OK) qsort(p, T, sizeof *p, posting_cmp);
    v->link_count = 0;
    for (size_t a = 0; a < N && st == CONCORD_OK; a++) {
        const view_node *x = &v->nodes[a];
        size_t nt = 0;
        for (size_t t = 0; t < x->term_count; t++) {
            uint64_t term = v->terms[x->term_start + t];
            double w = v->weights[x->term_start + t];
            size_t i = first_posting(p, T, term), j = i;
            while (j < T && p[j].term == term) j++;
            if (j - i > VIEW_TERM_DF_CAP) continue;
            for (size_t k = i; k < j; k++) {
                uint32_t b = p[k].node;
                if (b <= a) continue;
                if (acc[b] == 0) touched[nt++] = b;
                acc[b] += w * w;
            }
        }
        for (size_t k = 0; k < nt; k++) {
            uint32_t b = touched[k];
            double sim = acc[b] / (x->norm * v->nodes[b].norm);
            acc[b] = 0;
            if (sim * 100 < VIEW_LINK_MIN_PERCENT) continue;
            view_link l = {(uint32_t)a, b, sim};
            if (VEC_PUSH(v->links, v->link_count, v->link_cap, l)) st = CONCORD_ERR_NOMEM;
        }
    }
    free(p);
    free(acc);
    free(touched);
    if (st == CONCORD_OK) st = quote_links(v);
    if (st == CONCORD_OK && v->link_count) qsort(v->links, v->link_count, sizeof *v->links, link_cmp);
    return st;
}

/* Sorted unique articles of each group (root -> list), merged on union. */
typedef struct article_set {
    size_t *items;
    size_t count;
} article_set;

static int sets_disjoint(const article_set *x, const article_set *y)
{
    size_t i = 0, j = 0;
    while (i < x->count && j < y->count) {
        if (x->items[i] == y->items[j]) return 0;
        if (x->items[i] < y->items[j]) i++;
        else j++;
    }
    return 1;
}

static concord_status sets_merge(article_set *into, article_set *from)
{
    size_t *m = malloc((into->count + from->count) * sizeof *m);
    if (!m) return CONCORD_ERR_NOMEM;
    size_t i = 0, j = 0, k = 0;
    while (i < into->count || j < from->count) {
        if (j == from->count || (i < into->count && into->items[i] < from->items[j]))
            m[k++] = into->items[i++];
        else
            m[k++] = from->items[j++];
    }
    free(into->items);
    free(from->items);
    into->items = m;
    into->count = k;
    from->items = NULL;
    from->count = 0;
    return CONCORD_OK;
}

static int size_cmp(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

/* Merge nodes into claims along strong links between article-disjoint
   groups; claim numbers land in nodes[].claim (still unsorted). */
static concord_status cluster(concord_view *v, unionfind *uf)
{
    size_t N = v->node_count;
    article_set *sets = calloc(N ? N : 1, sizeof *sets);
    if (!sets) return CONCORD_ERR_NOMEM;
    concord_status st = CONCORD_OK;
    for (size_t d = 0; d < N && st == CONCORD_OK; d++) {
        const view_node *x = &v->nodes[d];
        sets[d].items = malloc(x->occ_count * sizeof *sets[d].items);
        if (!sets[d].items) {
            st = CONCORD_ERR_NOMEM;
            break;
        }
        for (size_t o = 0; o < x->occ_count; o++)
            sets[d].items[o] = v->occ[x->first_occ + o].article;
        qsort(sets[d].items, x->occ_count, sizeof *sets[d].items, size_cmp);
        size_t u = 0;
        for (size_t o = 0; o < x->occ_count; o++)
            if (u == 0 || sets[d].items[o] != sets[d].items[u - 1])
                sets[d].items[u++] = sets[d].items[o];
        sets[d].count = u;
    }
    for (size_t i = 0; i < v->link_count && st == CONCORD_OK; i++) {
        const view_link *l = &v->links[i];
        if (l->sim < v->options.claim_threshold) break; /* links are sorted, strongest first */
        uint32_t ra = uf_find(uf, l->a), rb = uf_find(uf, l->b);
        if (ra == rb || !sets_disjoint(&sets[ra], &sets[rb])) continue;
        uint32_t r = uf_union(uf, ra, rb);
        st = sets_merge(&sets[r], &sets[r == ra ? rb : ra]);
    }
    for (size_t d = 0; d < N; d++) free(sets[d].items);
    free(sets);
    return st;
}

typedef struct claim_key {
    size_t support, first_node;
    double centrality;
    size_t claim;
} claim_key;

static int claim_key_cmp(const void *x, const void *y)
{
    const claim_key *a = x, *b = y;
    if (a->support != b->support) return a->support > b->support ? -1 : 1;
    if (a->centrality != b->centrality) return a->centrality > b->centrality ? -1 : 1;
    return (a->first_node > b->first_node) - (a->first_node < b->first_node);
}

static int claim_sentence_cmp(const void *x, const void *y)
{
    const concord_claim_sentence *a = x, *b = y;
    if (a->article != b->article) return a->article < b->article ? -1 : 1;
    return (a->clause_start > b->clause_start) - (a->clause_start < b->clause_start);
}

/* Build v->claims from the union-find groups, sorted by support, centrality
   and first appearance. */
static concord_status build_claims(concord_view *v, unionfind *uf)
{
    size_t N = v->node_count;
    size_t *claim_of_root = arena_alloc(&v->mem, (N ? N : 1) * sizeof *claim_of_root);
    size_t *first_node = arena_alloc(&v->mem, (N ? N : 1) * sizeof *first_node);
    if (!claim_of_root || !first_node) return CONCORD_ERR_NOMEM;
    size_t C = 0;
    for (size_t d = 0; d < N; d++) claim_of_root[d] = SIZE_MAX;
    for (size_t d = 0; d < N; d++) {
        uint32_t r = uf_find(uf, (uint32_t)d);
        if (claim_of_root[r] == SIZE_MAX) {
            first_node[C] = d;
            claim_of_root[r] = C++;
        }
        v->nodes[d].claim = claim_of_root[r];
    }
    /* per claim: occurrences, families, centrality, representative node */
    size_t *occ_total = arena_alloc(&v->mem, (C ? C : 1) * sizeof *occ_total);
    double *best_score = arena_alloc(&v->mem, (C ? C : 1) * sizeof *best_score);
    size_t *best_node = arena_alloc(&v->mem, (C ? C : 1) * sizeof *best_node);
    double *node_score = arena_alloc(&v->mem, (N ? N : 1) * sizeof *node_score);
    claim_key *keys = arena_alloc(&v->mem, (C ? C : 1) * sizeof *keys);
    v->claims = arena_alloc(&v->mem, (C ? C : 1) * sizeof *v->claims);
    v->claim_spans = arena_alloc(&v->mem, (v->occ_count ? v->occ_count : 1) * sizeof *v->claim_spans);
    if (!occ_total || !best_score || !best_node || !node_score || !keys || !v->claims ||
        !v->claim_spans)
        return CONCORD_ERR_NOMEM;
    memset(occ_total, 0, C * sizeof *occ_total);
    /* a node's standing in its claim: the sum of its links inside the claim */
    for (size_t d = 0; d < N; d++) node_score[d] = 0;
    for (size_t i = 0; i < v->link_count; i++) {
        const view_link *l = &v->links[i];
        if (v->nodes[l->a].claim != v->nodes[l->b].claim) continue;
        node_score[l->a] += l->sim;
        node_score[l->b] += l->sim;
    }
    for (size_t c = 0; c < C; c++) {
        best_score[c] = -1;
        keys[c] = (claim_key){0, first_node[c], 0, c};
    }
    for (size_t d = 0; d < N; d++) {
        size_t c = v->nodes[d].claim;
        occ_total[c] += v->nodes[d].occ_count;
        if (node_score[d] > best_score[c]) {
            best_score[c] = node_score[d];
            best_node[c] = d;
        }
        if (v->nodes[d].centrality > keys[c].centrality) keys[c].centrality = v->nodes[d].centrality;
    }
    /* lay out each claim's spans, count its families */
    size_t *start = arena_alloc(&v->mem, (C + 1) * sizeof *start);
    size_t *fill = arena_alloc(&v->mem, (C ? C : 1) * sizeof *fill);
    if (!start || !fill) return CONCORD_ERR_NOMEM;
    start[0] = 0;
    for (size_t c = 0; c < C; c++) start[c + 1] = start[c] + occ_total[c];
    memcpy(fill, start, C * sizeof *fill);
    for (size_t d = 0; d < N; d++) {
        const view_node *x = &v->nodes[d];
        for (size_t o = 0; o < x->occ_count; o++) {
            size_t i = x->first_occ + o;
            v->claim_spans[fill[x->claim]++] = (concord_claim_sentence){
                v->occ[i].article, v->occ[i].start, v->occ[i].end, v->occ_unit[2 * i],
                v->occ_unit[2 * i + 1]};
        }
    }
    for (size_t c = 0; c < C; c++) {
        concord_claim_sentence *sp = v->claim_spans + start[c];
        size_t n = occ_total[c];
        qsort(sp, n, sizeof *sp, claim_sentence_cmp);
        size_t families = 0, rep = 0;
        size_t rep_occ = v->nodes[best_node[c]].first_occ;
        const concord_view_span *rep_span = &v->occ[rep_occ];
        for (size_t i = 0; i < n; i++) {
            size_t f = v->articles[sp[i].article].family, seen = 0;
            for (size_t j = 0; j < i && !seen; j++) seen = v->articles[sp[j].article].family == f;
            families += !seen;
            if (sp[i].article == rep_span->article && sp[i].clause_start == v->occ_unit[2 * rep_occ])
                rep = i;
        }
        keys[c].support = families;
        v->claims[c] = (concord_claim){families, keys[c].centrality, n, sp, rep};
    }
    /* order: support, centrality, first appearance; renumber */
    qsort(keys, C, sizeof *keys, claim_key_cmp);
    concord_claim *sorted = arena_alloc(&v->mem, (C ? C : 1) * sizeof *sorted);
    size_t *new_number = arena_alloc(&v->mem, (C ? C : 1) * sizeof *new_number);
    v->claim_node = arena_alloc(&v->mem, (C ? C : 1) * sizeof *v->claim_node);
    if (!sorted || !new_number || !v->claim_node) return CONCORD_ERR_NOMEM;
    for (size_t i = 0; i < C; i++) {
        sorted[i] = v->claims[keys[i].claim];
        v->claim_node[i] = best_node[keys[i].claim];
        new_number[keys[i].claim] = i;
    }
    for (size_t d = 0; d < N; d++) v->nodes[d].claim = new_number[v->nodes[d].claim];
    v->claims = sorted;
    v->claim_count = C;
    return CONCORD_OK;
}

typedef struct summary_key {
    size_t rank, start, claim;
} summary_key;

static int summary_key_cmp(const void *x, const void *y)
{
    const summary_key *a = x, *b = y;
    if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    return (a->start > b->start) - (a->start < b->start);
}

/* The best-supported, most central claims long enough to read alone, shown
   in timeline order of their representative sentence. */
static concord_status summarise(concord_view *v)
{
    size_t want = v->options.summary_sentences, n = 0;
    size_t *rank = arena_alloc(&v->mem, (v->article_count ? v->article_count : 1) * sizeof *rank);
    summary_key *keys = arena_alloc(&v->mem, (want ? want : 1) * sizeof *keys);
    v->summary = arena_alloc(&v->mem, (want ? want : 1) * sizeof *v->summary);
    if (!rank || !keys || !v->summary) return CONCORD_ERR_NOMEM;
    for (size_t t = 0; t < v->article_count; t++) rank[v->timeline[t]] = t;
    for (size_t c = 0; c < v->claim_count && n < want; c++) {
        const concord_claim *cl = &v->claims[c];
        const concord_claim_sentence *r = &cl->sentences[cl->representative];
        size_t words = v->nodes[v->claim_node[c]].token_count;
        if (words < VIEW_SUMMARY_MIN_WORDS) continue;
        int repeated = 0; /* two clauses of one sentence: show it once */
        for (size_t k = 0; k < n && !repeated; k++) {
            const concord_claim *o = &v->claims[keys[k].claim];
            repeated = o->sentences[o->representative].article == r->article &&
                       o->sentences[o->representative].start == r->start;
        }
        if (repeated) continue;
        keys[n++] = (summary_key){rank[r->article], r->start, c};
    }
    qsort(keys, n, sizeof *keys, summary_key_cmp);
    for (size_t i = 0; i < n; i++) v->summary[i] = keys[i].claim;
    v->summary_count = n;
    return CONCORD_OK;
}

concord_status view_claims(concord_view *v)
{
    concord_status st = view_sentences(v);
    if (st == CONCORD_OK) st = find_links(v);
    if (st != CONCORD_OK) return st;
    unionfind uf;
    if (uf_init(&uf, v->node_count ? v->node_count : 1)) return CONCORD_ERR_NOMEM;
    st = cluster(v, &uf);
    if (st == CONCORD_OK) st = build_claims(v, &uf);
    uf_free(&uf);
    if (st == CONCORD_OK) st = summarise(v);
    return st;
}
