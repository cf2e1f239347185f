/*
 * view.c - the concord_view handle: articles in, the consolidated story out
 * (concord.h, docs/view.md). The steps live in view_families.c,
 * view_claims.c, view_numbers.c and view_quotes.c; this file keeps the
 * articles, runs the steps in order and orders the timeline.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "view/view_internal.h"

void concord_view_options_init(concord_view_options *options)
{
    if (!options) return;
    options->claim_threshold = 0.30;
    options->summary_sentences = 5;
    options->max_articles = 100000;
}

concord_status concord_view_create(concord_view **out, const concord_lexicon *lexicon,
                                   const concord_view_options *options)
{
    if (!out) return CONCORD_ERR_INVALID;
    *out = NULL;
    concord_view_options o;
    concord_view_options_init(&o);
    if (options) o = *options;
    if (!(o.claim_threshold > 0 && o.claim_threshold <= 1) || o.max_articles == 0 ||
        o.max_articles > UINT32_MAX)
        return CONCORD_ERR_INVALID;
    concord_view *v = calloc(1, sizeof *v);
    if (!v) return CONCORD_ERR_NOMEM;
    v->options = o;
    arena_init(&v->mem, 0);
    concord_status st = CONCORD_OK;
    if (!lexicon) {
        st = concord_lexicon_create(&v->own_lexicon, "", NULL, 0);
        lexicon = v->own_lexicon;
    }
    v->lexicon = lexicon;
    if (st == CONCORD_OK) st = concord_text_create(&v->text);
    if (st == CONCORD_OK) st = concord_comparer_create(&v->comparer, lexicon);
    if (st == CONCORD_OK) st = concord_quotes_create(&v->quotes);
    if (st != CONCORD_OK) {
        concord_view_free(v);
        return st;
    }
    *out = v;
    return CONCORD_OK;
}

void concord_view_reset(concord_view *v)
{
    if (!v) return;
    arena_reset(&v->mem);
    v->article_count = v->family_count = 0;
    v->occ_count = v->node_count = v->term_count = v->link_count = 0;
    v->claim_count = v->conflict_count = 0;
    v->quote_item_count = v->quote_group_count = v->summary_count = 0;
    v->claims = NULL;
    v->claim_spans = NULL;
    v->claim_node = NULL;
    v->occ_unit = NULL;
    v->occ_node = NULL;
    v->quote_group_start = v->quote_group_support = NULL;
    v->timeline = v->summary = NULL;
    v->ran = 0;
}

void concord_view_free(concord_view *v)
{
    if (!v) return;
    arena_free(&v->mem);
    free(v->articles);
    free(v->texts);
    free(v->text_lens);
    free(v->occ);
    free(v->nodes);
    free(v->terms);
    free(v->weights);
    free(v->links);
    free(v->conflicts);
    free(v->quote_items);
    concord_quotes_free(v->quotes);
    concord_comparer_free(v->comparer);
    concord_text_free(v->text);
    concord_lexicon_free(v->own_lexicon);
    free(v);
}

/* A copy of s[0..len) in the arena ("" for len 0); NULL on out-of-memory. */
static const char *keep(concord_view *v, const char *s, size_t len)
{
    return arena_strndup(&v->mem, len ? s : "", len);
}

concord_status concord_view_add(concord_view *v, const char *id, size_t id_len, const char *text,
                                size_t text_len, const concord_doc_meta *meta)
{
    if (!v || (!id && id_len) || (!text && text_len)) return CONCORD_ERR_INVALID;
    if (v->ran) return CONCORD_ERR_INVALID;
    if (v->article_count >= v->options.max_articles) return CONCORD_ERR_TOO_LARGE;
    if (v->article_count == v->article_cap) {
        size_t cap = v->article_cap ? 2 * v->article_cap : 16;
        concord_view_article *articles = realloc(v->articles, cap * sizeof *articles);
        if (!articles) return CONCORD_ERR_NOMEM;
        v->articles = articles;
        const char **texts = realloc(v->texts, cap * sizeof *texts);
        if (!texts) return CONCORD_ERR_NOMEM;
        v->texts = texts;
        size_t *lens = realloc(v->text_lens, cap * sizeof *lens);
        if (!lens) return CONCORD_ERR_NOMEM;
        v->text_lens = lens;
        v->article_cap = cap;
    }
    concord_view_article *a = &v->articles[v->article_count];
    memset(a, 0, sizeof *a);
    const char *date = meta && meta->date ? meta->date : NULL;
    const char *source = meta && meta->source ? meta->source : NULL;
    size_t date_len = date ? meta->date_len : 0, source_len = source ? meta->source_len : 0;
    a->id = keep(v, id, id_len);
    a->date = keep(v, date, date_len);
    a->source = keep(v, source, source_len);
    const char *t = keep(v, text, text_len);
    if (!a->id || !a->date || !a->source || !t) return CONCORD_ERR_NOMEM;
    a->id_len = id_len;
    a->date_len = date_len;
    a->source_len = source_len;
    v->texts[v->article_count] = t;
    v->text_lens[v->article_count] = text_len;
    v->article_count++;
    return CONCORD_OK;
}

/* Timeline order: dated articles by date (ISO 8601 sorts as text), then the
   undated, each in add order. Insertion-merge via a stable sort. */
static int timeline_before(const concord_view *v, size_t x, size_t y)
{
    const concord_view_article *a = &v->articles[x], *b = &v->articles[y];
    if (!a->date_len != !b->date_len) return a->date_len != 0;
    if (a->date_len) {
        size_t l = a->date_len < b->date_len ? a->date_len : b->date_len;
        int c = memcmp(a->date, b->date, l);
        if (c) return c < 0;
        if (a->date_len != b->date_len) return a->date_len < b->date_len;
    }
    return x < y;
}

static concord_status order_timeline(concord_view *v)
{
    size_t n = v->article_count;
    v->timeline = arena_alloc(&v->mem, (n ? n : 1) * sizeof *v->timeline);
    size_t *tmp = arena_alloc(&v->mem, (n ? n : 1) * sizeof *tmp);
    if (!v->timeline || !tmp) return CONCORD_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) v->timeline[i] = i;
    /* bottom-up merge sort: O(n log n), stable */
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = timeline_before(v, v->timeline[j], v->timeline[i]) ? v->timeline[j++]
                                                                              : v->timeline[i++];
            while (i < mid) tmp[k++] = v->timeline[i++];
            while (j < hi) tmp[k++] = v->timeline[j++];
        }
        memcpy(v->timeline, tmp, n * sizeof *tmp);
    }
    return CONCORD_OK;
}

concord_status concord_view_run(concord_view *v)
{
    if (!v || v->ran) return CONCORD_ERR_INVALID;
    v->ran = 1;
    concord_status st = order_timeline(v);
    if (st == CONCORD_OK) st = view_families(v);
    if (st == CONCORD_OK) st = view_quotes(v);
    if (st == CONCORD_OK) st = view_claims(v);
    if (st == CONCORD_OK) st = view_numbers(v);
    return st;
}

size_t concord_view_article_count(const concord_view *v)
{
    return v ? v->article_count : 0;
}

const concord_view_article *concord_view_article_get(const concord_view *v, size_t i)
{
    return v && i < v->article_count ? &v->articles[i] : NULL;
}

size_t concord_view_family_count(const concord_view *v)
{
    return v ? v->family_count : 0;
}

const char *concord_view_text(const concord_view *v, size_t article, size_t *len)
{
    if (!v || article >= v->article_count) {
        if (len) *len = 0;
        return NULL;
    }
    if (len) *len = v->text_lens[article];
    return v->texts[article];
}

size_t concord_view_claim_count(const concord_view *v)
{
    return v ? v->claim_count : 0;
}

const concord_claim *concord_view_claim(const concord_view *v, size_t i)
{
    return v && i < v->claim_count ? &v->claims[i] : NULL;
}

size_t concord_view_quote_group_count(const concord_view *v)
{
    return v ? v->quote_group_count : 0;
}

const concord_view_quote *concord_view_quote_group(const concord_view *v, size_t g, size_t *count,
                                                   size_t *support)
{
    if (!v || g >= v->quote_group_count) {
        if (count) *count = 0;
        if (support) *support = 0;
        return NULL;
    }
    if (count) *count = v->quote_group_start[g + 1] - v->quote_group_start[g];
    if (support) *support = v->quote_group_support[g];
    return &v->quote_items[v->quote_group_start[g]];
}

size_t concord_view_conflict_count(const concord_view *v)
{
    return v ? v->conflict_count : 0;
}

const concord_conflict *concord_view_conflict(const concord_view *v, size_t i)
{
    return v && i < v->conflict_count ? &v->conflicts[i] : NULL;
}

const size_t *concord_view_timeline(const concord_view *v, size_t *count)
{
    if (count) *count = v && v->ran ? v->article_count : 0;
    return v ? v->timeline : NULL;
}

const size_t *concord_view_summary(const concord_view *v, size_t *count)
{
    if (count) *count = v ? v->summary_count : 0;
    return v ? v->summary : NULL;
}
