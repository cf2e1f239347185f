/*
 * view_families.c - independent sources: which articles of the story reuse
 * which (docs/view.md, "Independent sources").
 *
 * Leader clustering in timeline order. Each article's canonical 3-shingles
 * (content words by synonym class, skeleton.h (c): robust to spinning and to
 * edited function words) are looked up in an index holding the shingles of
 * the family ORIGINS only. The origins sharing the most shingles (relative
 * to the smaller set) are compared with concord_compare, best first; the
 * article joins the first family whose origin it reuses (verbatim, partial,
 * spun or paraphrase), else it founds a family. The index holds one entry
 * per origin shingle, so an article costs O(its length + postings of its
 * shingles + VIEW_FAMILY_TRIES compares), not a pass over the story: a wire
 * copy carried by 40 sites costs 40 lookups, not 780 comparisons.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "sketch/skeleton.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/radix.h"
#include "view/view_internal.h"

enum {
    VIEW_FAMILY_TRIES = 4,     /* compares per article, at most */
    VIEW_FAMILY_MIN_SHARED = 3 /* shingles shared with an origin to try it */
};
/* ... and at least this share of the smaller shingle set */
#define VIEW_FAMILY_MIN_SHARE 0.1

/* Open-addressing map: shingle -> head of its posting list (origins). */
typedef struct posting {
    uint32_t family, next; /* next posting of the same shingle, or UINT32_MAX */
} posting;

typedef struct shingle_index {
    uint32_t *keys, *heads; /* heads[i] == UINT32_MAX: slot i empty */
    size_t cap, used;       /* cap: a power of two */
    posting *postings;
    size_t posting_count, posting_cap;
} shingle_index;

static void index_free(shingle_index *ix)
{
    free(ix->keys);
    free(ix->heads);
    free(ix->postings);
}

static size_t slot_of(const shingle_index *ix, uint32_t key)
{
    size_t mask = ix->cap - 1, i = (key * 0x9E3779B1u) & mask;
    while (ix->heads[i] != UINT32_MAX && ix->keys[i] != key) i = (i + 1) & mask;
    return i;
}

static concord_status index_grow(shingle_index *ix)
{
    shingle_index bigger = *ix;
    bigger.cap = ix->cap ? 2 * ix->cap : 1024;
    bigger.keys = malloc(bigger.cap * sizeof *bigger.keys);
    bigger.heads = malloc(bigger.cap * sizeof *bigger.heads);
    if (!bigger.keys || !bigger.heads) {
        free(bigger.keys);
        free(bigger.heads);
        return CONCORD_ERR_NOMEM;
    }
    memset(bigger.heads, 0xff, bigger.cap * sizeof *bigger.heads);
    for (size_t i = 0; i < ix->cap; i++) {
        if (ix->heads[i] == UINT32_MAX) continue;
        size_t s = slot_of(&bigger, ix->keys[i]);
        bigger.keys[s] = ix->keys[i];
        bigger.heads[s] = ix->heads[i];
    }
    free(ix->keys);
    free(ix->heads);
    *ix = bigger;
    return CONCORD_OK;
}

static concord_status index_add(shingle_index *ix, uint32_t key, uint32_t family)
{
    if (2 * (ix->used + 1) > ix->cap && index_grow(ix)) return CONCORD_ERR_NOMEM;
    size_t s = slot_of(ix, key);
    uint32_t head = ix->heads[s];
    if (head == UINT32_MAX) ix->used++;
    posting p = {family, head};
    if (VEC_PUSH(ix->postings, ix->posting_count, ix->posting_cap, p)) return CONCORD_ERR_NOMEM;
    ix->keys[s] = key;
    ix->heads[s] = (uint32_t)(ix->posting_count - 1);
    return CONCORD_OK;
}

static int is_reuse(concord_reuse r)
{
    return r == CONCORD_REUSE_VERBATIM || r == CONCORD_REUSE_PARTIAL || r == CONCORD_REUSE_SPUN ||
           r == CONCORD_REUSE_PARAPHRASE;
}

typedef struct candidate {
    uint32_t family;
    double share;
} candidate;

static int candidate_cmp(const void *x, const void *y)
{
    const candidate *a = x, *b = y;
    if (a->share != b->share) return a->share > b->share ? -1 : 1;
    return a->family < b->family ? -1 : a->family > b->family;
}

typedef struct family_state {
    shingle_index index;
    uint32_t *shingles, *scratch;
    size_t shingle_cap;
    uint32_t *shared;        /* per family: shingles shared with the current article */
    uint32_t *family_size;   /* per family: its origin's shingle count */
    size_t *origin;          /* per family: its origin article */
    uint32_t *touched;       /* families with shared > 0 */
    candidate *candidates;
} family_state;

/* Sorted unique canonical shingles of article i into st->shingles. */
static concord_status shingles_of(concord_view *v, family_state *st, size_t i, size_t *count)
{
    concord_status s = concord_text_analyse(v->text, v->texts[i], v->text_lens[i], 0);
    if (s != CONCORD_OK) return s;
    size_t n;
    const concord_token *tokens = text_tokens(v->text, &n);
    size_t need = skeleton_max(n) + 1;
    if (need > st->shingle_cap) {
        free(st->shingles);
        free(st->scratch);
        st->shingles = malloc(need * sizeof *st->shingles);
        st->scratch = malloc(need * sizeof *st->scratch);
        if (!st->shingles || !st->scratch) return CONCORD_ERR_NOMEM;
        st->shingle_cap = need;
    }
    skeleton_options o;
    skeleton_options_init(&o);
    size_t k = skeleton_canon_shingles(v->lexicon, tokens, n, &o, st->shingles);
    *count = sort_unique_u32(st->shingles, st->scratch, k);
    return CONCORD_OK;
}

static concord_status assign(concord_view *v, family_state *st, size_t article)
{
    size_t n;
    concord_status s = shingles_of(v, st, article, &n);
    if (s != CONCORD_OK) return s;
    size_t touched = 0;
    for (size_t k = 0; k < n && st->index.cap; k++) {
        size_t slot = slot_of(&st->index, st->shingles[k]);
        for (uint32_t p = st->index.heads[slot]; p != UINT32_MAX; p = st->index.postings[p].next) {
            uint32_t f = st->index.postings[p].family;
            if (st->shared[f]++ == 0) st->touched[touched++] = f;
        }
    }
    size_t nc = 0;
    for (size_t t = 0; t < touched; t++) {
        uint32_t f = st->touched[t];
        size_t smaller = n < st->family_size[f] ? n : st->family_size[f];
        double share = smaller ? (double)st->shared[f] / (double)smaller : 0;
        if (st->shared[f] >= VIEW_FAMILY_MIN_SHARED && share >= VIEW_FAMILY_MIN_SHARE)
            st->candidates[nc++] = (candidate){f, share};
        st->shared[f] = 0;
    }
    qsort(st->candidates, nc, sizeof *st->candidates, candidate_cmp);
    concord_view_article *a = &v->articles[article];
    for (size_t c = 0; c < nc && c < VIEW_FAMILY_TRIES; c++) {
        uint32_t f = st->candidates[c].family;
        size_t origin = st->origin[f];
        assert(origin < v->article_count && v->articles[origin].family == f);
        concord_comparison cmp;
        const concord_view_article *o = &v->articles[origin];
        concord_doc_meta om = {o->date, o->date_len, NULL, 0, o->source, o->source_len};
        concord_doc_meta am = {a->date, a->date_len, NULL, 0, a->source, a->source_len};
        s = concord_compare(v->comparer, v->texts[origin], v->text_lens[origin], &om,
                            v->texts[article], v->text_lens[article], &am, &cmp);
        if (s != CONCORD_OK) return s;
        if (is_reuse(cmp.relation)) {
            a->family = f;
            a->origin = origin;
            a->relation = cmp.relation;
            return CONCORD_OK;
        }
    }
    /* a new independent source */
    uint32_t f = (uint32_t)v->family_count++;
    a->family = f;
    a->origin = article;
    a->relation = CONCORD_REUSE_UNRELATED;
    st->family_size[f] = (uint32_t)n;
    st->origin[f] = article;
    for (size_t k = 0; k < n; k++)
        if ((s = index_add(&st->index, st->shingles[k], f)) != CONCORD_OK) return s;
    return CONCORD_OK;
}

concord_status view_families(concord_view *v)
{
    size_t n = v->article_count;
    family_state st = {0};
    concord_status s = CONCORD_OK;
    st.shared = calloc(n + 1, sizeof *st.shared);
    st.family_size = calloc(n + 1, sizeof *st.family_size);
    st.origin = malloc((n + 1) * sizeof *st.origin);
    st.touched = malloc((n + 1) * sizeof *st.touched);
    st.candidates = malloc((n + 1) * sizeof *st.candidates);
    if (!st.shared || !st.family_size || !st.origin || !st.touched || !st.candidates) s = CONCORD_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) v->articles[i].family = SIZE_MAX;
    for (size_t t = 0; t < n && s == CONCORD_OK; t++) s = assign(v, &st, v->timeline[t]);
    index_free(&st.index);
    free(st.shingles);
    free(st.scratch);
    free(st.shared);
    free(st.family_size);
    free(st.origin);
    free(st.touched);
    free(st.candidates);
    return s;
}
