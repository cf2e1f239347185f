/*
 * stories.c - the public concord_stories: one pass that assigns each
 * article to a story (see concord.h and docs/stories.md).
 *
 * Per article: build its vectors (terms.c); collect candidate stories from
 * the postings of its query terms (all title and name terms, the heaviest
 * body terms), accumulating the article's weight on the terms each shares;
 * score the best few exactly; join or start a story; update the story's
 * centroids and postings; expire stories past the window; then try one
 * merge of the updated story with the stories sharing its terms.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "story/story_internal.h"
#include "util/buf.h"

enum {
    BODY_QUERY_TERMS = 12, /* heaviest body terms used to find candidates */
    COMMON_TERM = 50       /* see collect() */
};

void concord_stories_options_init(concord_stories_options *o)
{
    /* Tuned on the Reuters dev set (EVALUATION.md, "Stories"). */
    o->threshold = 0.25;
    o->merge_threshold = 0.50;
    o->sigma_days = 15;
    o->window_days = 30;
    o->w_body = 0.5;
    o->w_title = 0.2;
    o->w_names = 0.3;
    o->centroid_terms = 64;
    o->candidates = 16;
    o->learned = 0;
}

static int options_valid(const concord_stories_options *o)
{
    return o->threshold > 0 && o->threshold <= 1 && o->merge_threshold > 0 &&
           o->merge_threshold <= 1 && o->sigma_days > 0 && isfinite(o->sigma_days) &&
           o->window_days > 0 && isfinite(o->window_days) && o->w_body >= 0 && o->w_title >= 0 &&
           o->w_names >= 0 && o->w_body + o->w_title + o->w_names > 0 &&
           isfinite(o->w_body + o->w_title + o->w_names) && o->centroid_terms >= 8 &&
           o->centroid_terms <= 1u << 20 && o->candidates >= 1 && o->candidates <= 1u << 16 &&
           (o->learned == 0 || o->learned == 1);
}

concord_status concord_stories_create(concord_stories **out, const concord_stories_options *options)
{
    if (!out) return CONCORD_ERR_INVALID;
    *out = NULL;
    concord_stories_options o;
    if (options) o = *options;
    else concord_stories_options_init(&o);
    if (!options_valid(&o)) return CONCORD_ERR_INVALID;
    concord_stories *s = calloc(1, sizeof *s);
    if (!s) return CONCORD_ERR_NOMEM;
    s->opt = o;
    memcpy(s->model, story_model, sizeof s->model);
    concord_status st = terms_init(s);
    if (st) {
        concord_stories_free(s);
        return st;
    }
    *out = s;
    return CONCORD_OK;
}

void concord_stories_free(concord_stories *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->story_count; i++) {
        story *st = &s->stories[i];
        for (int f = 0; f < FIELD_COUNT; f++) svec_free(&st->centroid[f]);
        free(st->members);
        free(st->sources);
    }
    for (size_t t = 0; t < s->index_cap; t++) free(s->index[t].v);
    terms_free(s);
    free(s->index);
    free(s->stories);
    free(s->hot);
    free(s->articles);
    free(s->strings);
    free(s->heap);
    free(s->cands);
    svec_free(&s->tmp);
    free(s->alive_list);
    free(s->marked);
    free(s);
}

uint32_t stories_resolve(const concord_stories *s, uint32_t si)
{
    while (s->stories[si].merged_into != NO_INDEX) si = s->stories[si].merged_into;
    return si;
}

concord_status stories_append_string(concord_stories *s, const char *p, size_t len, uint64_t *span)
{
    if (len > 0xffffff) return CONCORD_ERR_TOO_LARGE;
    if (s->strings_len + len > s->strings_cap) {
        size_t cap = s->strings_cap ? s->strings_cap : 1 << 16;
        while (cap < s->strings_len + len) cap *= 2;
        char *q = realloc(s->strings, cap);
        if (!q) return CONCORD_ERR_NOMEM;
        s->strings = q;
        s->strings_cap = cap;
    }
    if (len) memcpy(s->strings + s->strings_len, p, len);
    *span = (uint64_t)s->strings_len << 24 | len;
    s->strings_len += len;
    return CONCORD_OK;
}

/* ---- expiry: a min-heap of (last_t, story), stale entries skipped ---- */

concord_status stories_push_expiry(concord_stories *s, uint32_t si)
{
    const story *st = &s->stories[si];
    if (st->last_art == NO_INDEX) return CONCORD_OK;
    expiry e = {st->last_t, si};
    if (VEC_PUSH(s->heap, s->heap_len, s->heap_cap, e)) return CONCORD_ERR_NOMEM;
    size_t i = s->heap_len - 1;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (s->heap[p].t < e.t || (s->heap[p].t == e.t && s->heap[p].story <= e.story)) break;
        s->heap[i] = s->heap[p];
        i = p;
    }
    s->heap[i] = e;
    return CONCORD_OK;
}

static expiry heap_pop(concord_stories *s)
{
    expiry top = s->heap[0], last = s->heap[--s->heap_len];
    size_t i = 0, n = s->heap_len;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && (s->heap[c + 1].t < s->heap[c].t ||
                          (s->heap[c + 1].t == s->heap[c].t && s->heap[c + 1].story < s->heap[c].story)))
            c++;
        if (last.t < s->heap[c].t || (last.t == s->heap[c].t && last.story <= s->heap[c].story)) break;
        s->heap[i] = s->heap[c];
        i = c;
    }
    if (n) s->heap[i] = last;
    return top;
}

/* Stories whose last dated member is older than now - window leave the
   index (their postings are dropped lazily when met). */
static void expire(concord_stories *s)
{
    double limit = s->now - s->opt.window_days;
    while (s->heap_len && s->heap[0].t < limit) {
        expiry e = heap_pop(s);
        story *st = &s->stories[e.story];
        if (s->hot[e.story].active && st->merged_into == NO_INDEX && st->last_t == e.t) {
            s->hot[e.story].active = 0;
            s->active_now--;
            /* Never scored again (no article can join it, no merge meets
               it): its centroids are dead weight in memory and in saved
               states. */
            for (int f = 0; f < FIELD_COUNT; f++) svec_free(&st->centroid[f]);
        }
    }
}

/* ---- index ---- */

/* Post story si under every term of its centroids not marked in
   term_slot (the terms it had before the update); clears the marks, those
   of the terms the update dropped (s->marked) included. */
static concord_status post_new_terms(concord_stories *s, uint32_t si)
{
    story *st = &s->stories[si];
    concord_status rc = CONCORD_OK;
    for (int f = 0; f < FIELD_COUNT; f++) {
        for (uint32_t i = 0; i < st->centroid[f].len; i++) {
            uint32_t t = st->centroid[f].v[i].term;
            if (s->term_slot[t]) continue;
            s->term_slot[t] = 1; /* body and title share terms: post once */
            postings *p = &s->index[t];
            if (!rc && VEC_PUSH(p->v, p->len, p->cap, si)) rc = CONCORD_ERR_NOMEM;
        }
    }
    for (int f = 0; f < FIELD_COUNT; f++)
        for (uint32_t i = 0; i < st->centroid[f].len; i++) s->term_slot[st->centroid[f].v[i].term] = 0;
    for (size_t i = 0; i < s->marked_len; i++) s->term_slot[s->marked[i]] = 0;
    s->marked_len = 0;
    return rc;
}

/* Mark the terms of si's centroids in term_slot before an update, and
   remember them: a bounded update may drop some, and a mark left behind
   would be taken by count_term for a slot of the next article's vector. */
static concord_status mark_terms(concord_stories *s, uint32_t si)
{
    const story *st = &s->stories[si];
    size_t n = 0;
    for (int f = 0; f < FIELD_COUNT; f++) n += st->centroid[f].len;
    if (n > s->marked_cap) {
        uint32_t *m = realloc(s->marked, n * sizeof *m);
        if (!m) return CONCORD_ERR_NOMEM;
        s->marked = m;
        s->marked_cap = n;
    }
    s->marked_len = 0;
    for (int f = 0; f < FIELD_COUNT; f++)
        for (uint32_t i = 0; i < st->centroid[f].len; i++) {
            uint32_t t = st->centroid[f].v[i].term;
            s->term_slot[t] = 1;
            s->marked[s->marked_len++] = t;
        }
    return CONCORD_OK;
}

concord_status stories_index_story(concord_stories *s, uint32_t si)
{
    return post_new_terms(s, si);
}

/* ---- candidates and scores ---- */

typedef struct query {
    const svec *field[FIELD_COUNT];
    int dated;
    double lo, hi; /* time range in days */
} query;

/* Weight of the k-th heaviest entry of v (k >= 1), or 0 when v has fewer. */
static float kth_weight(const svec *v, unsigned k)
{
    if (v->len <= k) return 0;
    float top[BODY_QUERY_TERMS * 4];
    unsigned n = 0;
    if (k > sizeof top / sizeof *top) k = sizeof top / sizeof *top;
    for (uint32_t i = 0; i < v->len; i++) {
        float w = v->v[i].weight;
        if (n == k && w <= top[n - 1]) continue;
        unsigned j = n < k ? n++ : k - 1;
        while (j > 0 && top[j - 1] < w) {
            top[j] = top[j - 1];
            j--;
        }
        top[j] = w;
    }
    return top[k - 1];
}

/* Candidates sharing a query term, each with the summed query weight of
   the terms it shares; exclude = a story to leave out (or NO_INDEX). */
static concord_status collect(concord_stories *s, const query *q, unsigned body_terms,
                              uint32_t exclude, size_t *count)
{
    if (++s->stamp == 0) { /* wrapped: forget every stamp */
        for (size_t i = 0; i < s->story_count; i++) s->hot[i].stamp = 0;
        s->stamp = 1;
    }
    size_t n = 0;
    for (int f = 0; f < FIELD_COUNT; f++) {
        const svec *v = q->field[f];
        float min_w = f == FIELD_BODY ? kth_weight(v, body_terms) : 0;
        for (uint32_t i = 0; i < v->len; i++) {
            if (v->v[i].weight < min_w || v->v[i].weight <= 0) continue;
            /* A term in more than 1/COMMON_TERM of the articles finds
               every story and tells none apart: not a query term (it
               still counts in the exact score). */
            if (s->article_count >= 1000 &&
                (size_t)s->df[v->v[i].term] * COMMON_TERM > s->article_count)
                continue;
            postings *p = &s->index[v->v[i].term];
            for (size_t k = 0; k < p->len;) {
                uint32_t si = p->v[k];
                story_hot *st = &s->hot[si];
                if (!st->active) { /* expired or merged: drop the posting */
                    p->v[k] = p->v[--p->len];
                    continue;
                }
                k++;
                if (si == exclude) continue;
                if (st->stamp != s->stamp) {
                    st->stamp = s->stamp;
                    st->acc = 0;
                    if (VEC_PUSH(s->cands, n, s->cands_cap, si)) return CONCORD_ERR_NOMEM;
                }
                st->acc += v->v[i].weight;
            }
        }
    }
    s->candidates += n;
    *count = n;
    return CONCORD_OK;
}

/* Keep the best `keep` candidates by shared weight (ties: older story)
   at the front of s->cands; returns how many. O(n * keep). */
static size_t best_candidates(concord_stories *s, size_t n, size_t keep)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t si = s->cands[i];
        float a = s->hot[si].acc;
        size_t j = m < keep ? m++ : keep;
        if (j == keep) {
            uint32_t last = s->cands[keep - 1];
            float la = s->hot[last].acc;
            if (a < la || (a == la && si > last)) continue;
            j = keep - 1;
        }
        while (j > 0) {
            uint32_t prev = s->cands[j - 1];
            float pa = s->hot[prev].acc;
            if (pa > a || (pa == a && prev < si)) break;
            s->cands[j] = prev;
            j--;
        }
        s->cands[j] = si;
    }
    return m;
}

/* Days between q's time range and st's (0 when either is undated). */
static double time_gap(const query *q, const story *st)
{
    if (!q->dated || st->first_art == NO_INDEX) return 0;
    return q->hi < st->first_t ? st->first_t - q->hi : q->lo > st->last_t ? q->lo - st->last_t : 0;
}

/* The features of (q, st) (FEAT_*); the query is scattered in s->dense
   (best_story), so each cosine costs one pass over st's centroid. */
static void features(const concord_stories *s, const query *q, const story *st, double *f,
                     int *present)
{
    double cs[FIELD_COUNT];
    for (int k = 0; k < FIELD_COUNT; k++) {
        const svec *a = q->field[k], *c = &st->centroid[k];
        cs[k] = 0;
        present[k] = a->len && c->len && a->norm > 0 && c->norm > 0;
        if (!present[k]) continue;
        const float *qd = s->dense[k];
        double dot = 0;
        for (uint32_t i = 0; i < c->len; i++) dot += (double)qd[c->v[i].term] * c->v[i].weight;
        cs[k] = dot / (a->norm * c->norm);
    }
    double gap = time_gap(q, st) / 10;
    f[FEAT_BIAS] = 1;
    f[FEAT_BODY] = cs[FIELD_BODY];
    f[FEAT_TITLE] = cs[FIELD_TITLE];
    f[FEAT_NAMES] = cs[FIELD_NAMES];
    f[FEAT_NO_TITLE] = !present[FIELD_TITLE];
    f[FEAT_NO_NAMES] = !present[FIELD_NAMES];
    f[FEAT_GAP] = gap;
    f[FEAT_GAP2] = gap * gap;
    f[FEAT_SIZE] = log(st->member_count > 0 ? (double)st->member_count : 1.0);
}

/* The weighted formula: sum of w_field x cosine over the fields present
   on both sides, divided by their weights, times a Gaussian time decay. */
static double linear_score(const concord_stories *s, const query *q, const story *st,
                           const double *f, const int *present)
{
    const double w[FIELD_COUNT] = {s->opt.w_body, s->opt.w_title, s->opt.w_names};
    const double cs[FIELD_COUNT] = {f[FEAT_BODY], f[FEAT_TITLE], f[FEAT_NAMES]};
    double num = 0, den = 0;
    for (int k = 0; k < FIELD_COUNT; k++) {
        if (!present[k] || w[k] <= 0) continue;
        den += w[k];
        num += w[k] * cs[k];
    }
    if (den <= 0) return 0;
    double gap = time_gap(q, st);
    return num / den * exp(-gap * gap / (2 * s->opt.sigma_days * s->opt.sigma_days));
}

/* Score of article q against story st: the weighted formula, or the
   learned model's probability (options.learned); merges (story queries)
   always use the formula. Calls the trace for article queries. */
static double score(concord_stories *s, const query *q, const story *st, uint32_t si,
                    int of_article)
{
    double f[FEAT_COUNT];
    int present[FIELD_COUNT];
    features(s, q, st, f, present);
    if (of_article && s->trace) s->trace(s->trace_ctx, s, si, f);
    if (of_article && s->opt.learned) return story_model_probability(s->model, f);
    return linear_score(s, q, st, f, present);
}

/* The best story for q among the candidates, or NO_INDEX. */
static concord_status best_story(concord_stories *s, const query *q, unsigned body_terms,
                                 uint32_t exclude, uint32_t *best, double *best_score)
{
    size_t n;
    *best = NO_INDEX;
    *best_score = 0;
    concord_status rc = collect(s, q, body_terms, exclude, &n);
    if (rc) return rc;
    n = best_candidates(s, n, s->opt.candidates);
    s->scored += n;
    for (int f = 0; f < FIELD_COUNT; f++)
        for (uint32_t i = 0; i < q->field[f]->len; i++)
            s->dense[f][q->field[f]->v[i].term] = q->field[f]->v[i].weight;
    for (size_t i = 0; i < n; i++) {
        uint32_t si = s->cands[i];
        const story *st = &s->stories[si];
        /* Past the window for this article (even before expire() ran). */
        if (q->dated && st->last_art != NO_INDEX && q->lo - st->last_t > s->opt.window_days)
            continue;
        double sc = score(s, q, st, si, exclude == NO_INDEX);
        if (sc > *best_score || (sc == *best_score && *best != NO_INDEX && si < *best)) {
            *best_score = sc;
            *best = si;
        }
    }
    for (int f = 0; f < FIELD_COUNT; f++)
        for (uint32_t i = 0; i < q->field[f]->len; i++) s->dense[f][q->field[f]->v[i].term] = 0;
    return CONCORD_OK;
}

static query article_query(const concord_stories *s)
{
    query q;
    for (int f = 0; f < FIELD_COUNT; f++) q.field[f] = &s->doc.field[f];
    q.dated = s->doc.dated;
    q.lo = q.hi = s->doc.t;
    return q;
}

static concord_status check_args(const concord_stories *s, const char *text, size_t len,
                                 const concord_doc_meta *meta)
{
    if (!s || (!text && len)) return CONCORD_ERR_INVALID;
    if (meta && ((!meta->date && meta->date_len) || (!meta->title && meta->title_len) ||
                 (!meta->source && meta->source_len)))
        return CONCORD_ERR_INVALID;
    return CONCORD_OK;
}

concord_status concord_stories_peek(concord_stories *s, const char *text, size_t len,
                                    const concord_doc_meta *meta, uint64_t *story_id,
                                    double *score_out)
{
    concord_status st = check_args(s, text, len, meta);
    if (st) return st;
    if ((st = terms_build(s, text, len, meta))) return st;
    query q = article_query(s);
    uint32_t best;
    double sc;
    /* Candidates and counters are scratch; no result changes. */
    size_t c = s->candidates, k = s->scored;
    st = best_story(s, &q, BODY_QUERY_TERMS, NO_INDEX, &best, &sc);
    s->candidates = c;
    s->scored = k;
    if (st) return st;
    if (story_id) *story_id = best != NO_INDEX && sc >= s->opt.threshold ? (uint64_t)best + 1 : 0;
    if (score_out) *score_out = sc;
    return CONCORD_OK;
}

/* ---- joins, new stories, merges ---- */

static concord_status new_story(concord_stories *s, uint32_t *si)
{
    if (s->story_count >= NO_INDEX - 1) return CONCORD_ERR_TOO_LARGE;
    if (vec_grow((void **)&s->stories, &s->story_cap, s->story_count, 1, sizeof *s->stories) ||
        vec_grow((void **)&s->hot, &s->hot_cap, s->story_count, 1, sizeof *s->hot))
        return CONCORD_ERR_NOMEM;
    story *st = &s->stories[s->story_count];
    memset(st, 0, sizeof *st);
    st->merged_into = st->title_art = st->first_art = st->last_art = NO_INDEX;
    s->hot[s->story_count] = (story_hot){0, 0, 1};
    s->active_now++;
    *si = (uint32_t)s->story_count++;
    s->alive++;
    return VEC_PUSH(s->alive_list, s->alive_list_len, s->alive_list_cap, *si);
}

static concord_status add_source(story *st, uint32_t source)
{
    for (uint32_t i = 0; i < st->source_count; i++)
        if (st->sources[i] == source) return CONCORD_OK;
    size_t len = st->source_count, cap = st->source_cap;
    if (VEC_PUSH(st->sources, len, cap, source)) return CONCORD_ERR_NOMEM;
    st->source_count = (uint32_t)len;
    st->source_cap = (uint32_t)cap;
    return CONCORD_OK;
}

/* Widen st's time range by article a (dated). */
static void widen(concord_stories *s, story *st, uint32_t a)
{
    double t = s->articles[a].t;
    if (st->first_art == NO_INDEX || t < st->first_t) st->first_art = a, st->first_t = t;
    if (st->last_art == NO_INDEX || t >= st->last_t) st->last_art = a, st->last_t = t;
}

/* Article a (the last added, s->doc its vectors) joins story si. */
static concord_status join(concord_stories *s, uint32_t si, uint32_t a)
{
    story *st = &s->stories[si];
    size_t len = st->member_count, cap = st->member_cap;
    if (VEC_PUSH(st->members, len, cap, a)) return CONCORD_ERR_NOMEM;
    st->member_count = (uint32_t)len;
    st->member_cap = (uint32_t)cap;
    const article *ar = &s->articles[a];
    if (st->title_art == NO_INDEX && (ar->title_span & 0xffffff)) st->title_art = a;
    if (ar->source != NO_INDEX && add_source(st, ar->source)) return CONCORD_ERR_NOMEM;
    double old_last = st->last_art == NO_INDEX ? NAN : st->last_t;
    if (ar->date_span & 0xffffff) widen(s, st, a);
    concord_status rc = mark_terms(s, si);
    for (int f = 0; f < FIELD_COUNT && !rc; f++)
        rc = svec_add_bounded(&st->centroid[f], &s->doc.field[f], 1.0, s->opt.centroid_terms, &s->tmp);
    concord_status rc2 = post_new_terms(s, si);
    if (rc) return rc;
    if (rc2) return rc2;
    if (st->last_art != NO_INDEX && !(st->last_t == old_last)) return stories_push_expiry(s, si);
    return CONCORD_OK;
}

static void alive_remove(concord_stories *s, uint32_t si)
{
    size_t lo = stories_alive_position(s, si);
    memmove(s->alive_list + lo, s->alive_list + lo + 1,
            (s->alive_list_len - lo - 1) * sizeof *s->alive_list);
    s->alive_list_len--;
}

/* Story y (younger) becomes part of x (older); x keeps its id. */
static concord_status merge(concord_stories *s, uint32_t x, uint32_t y)
{
    assert(x < y);
    story *o = &s->stories[x], *yo = &s->stories[y];
    uint32_t *m = malloc(((size_t)o->member_count + yo->member_count) * sizeof *m);
    if (!m) return CONCORD_ERR_NOMEM;
    uint32_t i = 0, j = 0, k = 0;
    while (i < o->member_count || j < yo->member_count) {
        if (j == yo->member_count || (i < o->member_count && o->members[i] < yo->members[j]))
            m[k++] = o->members[i++];
        else
            m[k++] = yo->members[j++];
    }
    free(o->members);
    o->members = m;
    o->member_count = o->member_cap = k;
    if (o->title_art == NO_INDEX || (yo->title_art != NO_INDEX && yo->title_art < o->title_art))
        o->title_art = yo->title_art;
    for (uint32_t q = 0; q < yo->source_count; q++)
        if (add_source(o, yo->sources[q])) return CONCORD_ERR_NOMEM;
    double old_last = o->last_art == NO_INDEX ? NAN : o->last_t;
    if (yo->first_art != NO_INDEX) widen(s, o, yo->first_art);
    if (yo->last_art != NO_INDEX) widen(s, o, yo->last_art);
    concord_status rc = mark_terms(s, x);
    for (int f = 0; f < FIELD_COUNT && !rc; f++)
        rc = svec_add_bounded(&o->centroid[f], &yo->centroid[f], 1.0, s->opt.centroid_terms, &s->tmp);
    concord_status rc2 = post_new_terms(s, x);
    yo->merged_into = x;
    if (s->hot[y].active) s->active_now--;
    s->hot[y].active = 0;
    for (int f = 0; f < FIELD_COUNT; f++) svec_free(&yo->centroid[f]);
    free(yo->members);
    yo->members = NULL;
    yo->member_count = yo->member_cap = 0;
    free(yo->sources);
    yo->sources = NULL;
    yo->source_count = yo->source_cap = 0;
    alive_remove(s, y);
    s->alive--;
    s->merges++;
    if (rc) return rc;
    if (rc2) return rc2;
    if (o->last_art != NO_INDEX && !(o->last_t == old_last)) return stories_push_expiry(s, x);
    return CONCORD_OK;
}

/* After story si changed: merge it with the best converging story. */
static concord_status try_merge(concord_stories *s, uint32_t si, uint32_t *result)
{
    story *st = &s->stories[si];
    *result = si;
    if (st->member_count < 2) return CONCORD_OK;
    query q;
    for (int f = 0; f < FIELD_COUNT; f++) q.field[f] = &st->centroid[f];
    q.dated = st->first_art != NO_INDEX;
    q.lo = st->first_t;
    q.hi = st->last_t;
    uint32_t other;
    double sc;
    concord_status rc = best_story(s, &q, BODY_QUERY_TERMS, si, &other, &sc);
    if (rc || other == NO_INDEX || sc < s->opt.merge_threshold) return rc;
    uint32_t x = si < other ? si : other, y = si < other ? other : si;
    *result = x;
    return merge(s, x, y);
}

static concord_status add_article(concord_stories *s, const char *id, size_t id_len,
                                  const concord_doc_meta *meta, uint32_t *a)
{
    if (s->article_count >= NO_INDEX - 1) return CONCORD_ERR_TOO_LARGE;
    if (vec_grow((void **)&s->articles, &s->article_cap, s->article_count, 1, sizeof *s->articles))
        return CONCORD_ERR_NOMEM;
    article *ar = &s->articles[s->article_count];
    memset(ar, 0, sizeof *ar);
    ar->source = NO_INDEX;
    concord_status rc = stories_append_string(s, id, id_len, &ar->id_span);
    char iso[64];
    size_t iso_len = 0;
    double t;
    if (!rc && s->doc.dated && meta &&
        !terms_parse_date(meta->date, meta->date_len, iso, sizeof iso, &iso_len, &t)) {
        ar->t = t;
        rc = stories_append_string(s, iso, iso_len, &ar->date_span);
    }
    if (!rc && meta && meta->title_len) {
        size_t tl = meta->title_len < 1024 ? meta->title_len : 1024; /* a title, not a text */
        rc = stories_append_string(s, meta->title, tl, &ar->title_span);
    }
    if (!rc && meta && meta->source_len) {
        size_t sl = meta->source_len < 1024 ? meta->source_len : 1024;
        uint32_t src = strmap_get(&s->sources, meta->source, sl);
        if (src == UINT32_MAX) {
            src = (uint32_t)s->sources.len;
            rc = strmap_put(&s->sources, meta->source, sl, src);
        }
        ar->source = src;
    }
    if (rc) return rc;
    *a = (uint32_t)s->article_count++;
    return CONCORD_OK;
}

concord_status concord_stories_add(concord_stories *s, const char *id, size_t id_len,
                                   const char *text, size_t len, const concord_doc_meta *meta,
                                   uint64_t *story_id)
{
    concord_status rc = check_args(s, text, len, meta);
    if (rc || (!id && id_len)) return rc ? rc : CONCORD_ERR_INVALID;
    if ((rc = terms_build(s, text, len, meta))) return rc;
    s->active_sum += s->active_now;
    query q = article_query(s);
    uint32_t best, a, si;
    double sc;
    if ((rc = best_story(s, &q, BODY_QUERY_TERMS, NO_INDEX, &best, &sc))) return rc;
    if ((rc = add_article(s, id, id_len, meta, &a))) return rc;
    if (best != NO_INDEX && sc >= s->opt.threshold) {
        si = best;
    } else if ((rc = new_story(s, &si))) {
        return rc;
    }
    s->articles[a].story = si;
    if ((rc = terms_count(s)) || (rc = join(s, si, a))) return rc;
    if (s->doc.dated && (!s->have_now || s->doc.t > s->now)) {
        s->now = s->doc.t;
        s->have_now = 1;
        expire(s);
    }
    if (best == si && (rc = try_merge(s, si, &si))) return rc;
    if (story_id) *story_id = (uint64_t)si + 1;
    return CONCORD_OK;
}
