/*
 * relate.c - every related pair of a batch of articles (concord.h,
 * "Every related pair of a corpus"; docs/relate.md).
 *
 * add():  the article is analysed once (lib/text); from its tokens come
 *         exact word 5-shingles (copy index), SpotSigs + canonical
 *         3-shingles (spin index), both signed into an lsh_table, and its
 *         anchors (relate_anchors.c). The id, text and meta are kept for
 *         verification and for the caller (--passages).
 * run():  candidates of the three indexes, merged with the set of indexes
 *         that proposed each; every candidate is verified with
 *         concord_compare() in (a, b) order, so results are deterministic.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "index/anchor_index.h"
#include "index/lsh_table.h"
#include "match/relate.h"
#include "sketch/hash.h"
#include "sketch/shingle.h"
#include "sketch/skeleton.h"
#include "text/text.h"
#include "util/buf.h"

enum { SEED_TOKEN = 0x7f4a7c15u, COPY_SHINGLE = 5 };

/* Where an article's strings are in the byte store. */
typedef struct doc {
    size_t id, id_len, text, text_len, date, date_len, title, title_len, source, source_len;
} doc;

struct concord_relate {
    concord_relate_options opt;
    const concord_lexicon *lexicon;  /* never NULL */
    concord_lexicon *own_lexicon;    /* stems only, when none was given */
    concord_text *text;
    concord_comparer *comparer;
    relate_anchors anchors;
    skeleton_options skel;
    lsh_table copy, spin;
    int ran;

    doc *docs; size_t n, docs_cap;
    buf bytes;                       /* every id, text and meta, concatenated */
    uint32_t *anchor_v; size_t anchor_len, anchor_cap; /* all articles' anchors */
    uint64_t *anchor_start; size_t anchor_start_cap;   /* article d: [start[d], start[d+1]) */
    size_t empty;

    /* Scratch reused across articles. */
    uint64_t *tok; size_t tok_cap;
    uint32_t *sh; size_t sh_cap;

    concord_related *pairs; size_t n_pairs, pairs_cap;
    concord_relate_stats stats;
};

void concord_relate_options_init(concord_relate_options *o)
{
    o->relations = ((1u << (CONCORD_REUSE_UNRELATED + 1)) - 1) & ~CONCORD_RELATE_MASK(CONCORD_REUSE_UNRELATED);
    o->min_score = 0.0;
    o->perms = 128;
    o->copy_threshold = 0.3;
    o->spin_threshold = 0.15;
    o->min_anchors = 3;
    o->min_anchor_weight = 2.0;
    o->max_anchor_df = 50;
    o->seed = 1;
}

static int valid_options(const concord_relate_options *o)
{
    return o->copy_threshold > 0.0 && o->copy_threshold < 1.0 && o->spin_threshold > 0.0 &&
           o->spin_threshold < 1.0 && o->perms >= 1 && o->perms <= 4096 && o->min_anchors >= 1 &&
           o->max_anchor_df >= 2 && o->min_anchor_weight >= 0.0 && o->min_score >= 0.0 &&
           o->min_score <= 1.0;
}

concord_status concord_relate_create(concord_relate **out, const concord_lexicon *lexicon,
                                     const concord_relate_options *options)
{
    if (!out) return CONCORD_ERR_INVALID;
    *out = NULL;
    concord_relate_options o;
    if (options) o = *options;
    else concord_relate_options_init(&o);
    if (!valid_options(&o)) return CONCORD_ERR_INVALID;
    concord_relate *r = calloc(1, sizeof *r);
    if (!r) return CONCORD_ERR_NOMEM;
    r->opt = o;
    buf_init(&r->bytes, 0);
    skeleton_options_init(&r->skel);
    r->skel.seed = o.seed;
    concord_status st = CONCORD_OK;
    if (!lexicon) {
        st = concord_lexicon_create(&r->own_lexicon, "", NULL, 0);
        lexicon = r->own_lexicon;
    }
    r->lexicon = lexicon;
    /* Equal weights for missed and false candidates: a false candidate
       costs one compare, a missed pair is lost. */
    if (!st) st = lsh_table_init(&r->copy, o.copy_threshold, o.perms, 0.5, 0.5, o.seed);
    if (!st) st = lsh_table_init(&r->spin, o.spin_threshold, o.perms, 0.5, 0.5, o.seed ^ 0x5350494eu);
    if (!st) st = relate_anchors_init(&r->anchors);
    if (!st) st = concord_text_create(&r->text);
    /* The comparer gets the caller's lexicon only (NULL: its own stems). */
    if (!st) st = concord_comparer_create(&r->comparer, r->own_lexicon ? NULL : lexicon);
    if (!st && !(r->anchor_start = calloc(1, sizeof *r->anchor_start))) st = CONCORD_ERR_NOMEM;
    r->anchor_start_cap = 1;
    if (st) {
        concord_relate_free(r);
        return st;
    }
    *out = r;
    return CONCORD_OK;
}

void concord_relate_free(concord_relate *r)
{
    if (!r) return;
    concord_comparer_free(r->comparer);
    concord_text_free(r->text);
    relate_anchors_free(&r->anchors);
    lsh_table_free(&r->copy);
    lsh_table_free(&r->spin);
    concord_lexicon_free(r->own_lexicon);
    free(r->docs);
    buf_free(&r->bytes);
    free(r->anchor_v);
    free(r->anchor_start);
    free(r->tok);
    free(r->sh);
    free(r->pairs);
    free(r);
}

/* Append s[0..len) to the byte store (room reserved): its offset. */
static size_t keep(concord_relate *r, const char *s, size_t len)
{
    size_t off = r->bytes.len;
    if (len) {
        memcpy(r->bytes.data + off, s, len);
        r->bytes.len += len;
    }
    return off;
}

concord_status concord_relate_add(concord_relate *r, const char *id, size_t id_len,
                                  const char *text, size_t text_len, const concord_doc_meta *meta)
{
    if (!r || (!id && id_len) || (!text && text_len)) return CONCORD_ERR_INVALID;
    concord_doc_meta m = {0};
    if (meta) m = *meta;
    if ((!m.date && m.date_len) || (!m.title && m.title_len) || (!m.source && m.source_len) || r->ran)
        return CONCORD_ERR_INVALID;
    if (r->n + 2 >= UINT32_MAX) return CONCORD_ERR_TOO_LARGE;
    if (!text) text = "";
    concord_status st = concord_text_analyse(r->text, text, text_len, 0);
    if (st) return st;
    size_t n;
    const concord_token *toks = text_tokens(r->text, &n);

    /* Everything that can fail first, so a failed add leaves no trace. */
    size_t need = 2 * skeleton_max(n) + shingle_count(n, COPY_SHINGLE) + 1;
    if ((n > r->tok_cap && (st = vec_grow((void **)&r->tok, &r->tok_cap, 0, n, sizeof *r->tok))) ||
        (need > r->sh_cap && (st = vec_grow((void **)&r->sh, &r->sh_cap, 0, need, sizeof *r->sh))))
        return st;
    if ((st = relate_anchors_extract(&r->anchors, r->lexicon, text, text_len, toks, n))) return st;
    size_t bytes = id_len + text_len + m.date_len + m.title_len + m.source_len;
    if ((st = buf_reserve(&r->bytes, bytes)) ||
        (r->n + 1 > r->docs_cap && (st = vec_grow((void **)&r->docs, &r->docs_cap, r->n, 1, sizeof *r->docs))) ||
        (r->n + 2 > r->anchor_start_cap &&
         (st = vec_grow((void **)&r->anchor_start, &r->anchor_start_cap, r->n + 1, 1, sizeof *r->anchor_start))) ||
        (r->anchor_len + r->anchors.len > r->anchor_cap &&
         (st = vec_grow((void **)&r->anchor_v, &r->anchor_cap, r->anchor_len, r->anchors.len, sizeof *r->anchor_v))))
        return st;

    for (size_t i = 0; i < n; i++) r->tok[i] = hash_token(toks[i].norm, toks[i].norm_len, SEED_TOKEN);
    size_t nsh = shingle_count(n, COPY_SHINGLE);
    if (n) shingles_hash(r->tok, n, COPY_SHINGLE, r->sh);
    if ((st = lsh_table_add(&r->copy, r->sh, nsh))) return st;
    size_t nsp = skeleton_spotsigs(r->lexicon, toks, n, &r->skel, r->sh);
    nsp += skeleton_canon_shingles(r->lexicon, toks, n, &r->skel, r->sh + nsp);
    if ((st = lsh_table_add(&r->spin, r->sh, nsp))) {
        r->copy.n--; /* forget the copy keys just added */
        return st;
    }

    doc *d = &r->docs[r->n];
    d->id = keep(r, id, id_len), d->id_len = id_len;
    d->text = keep(r, text, text_len), d->text_len = text_len;
    d->date = keep(r, m.date, m.date_len), d->date_len = m.date_len;
    d->title = keep(r, m.title, m.title_len), d->title_len = m.title_len;
    d->source = keep(r, m.source, m.source_len), d->source_len = m.source_len;
    if (r->anchors.len) memcpy(r->anchor_v + r->anchor_len, r->anchors.v, r->anchors.len * sizeof *r->anchor_v);
    r->anchor_len += r->anchors.len;
    r->anchor_start[r->n + 1] = r->anchor_len;
    r->empty += n == 0;
    r->n++;
    assert(r->copy.n == r->n && r->spin.n == r->n);
    return CONCORD_OK;
}

static void meta_of(const concord_relate *r, size_t k, concord_doc_meta *m)
{
    const doc *d = &r->docs[k];
    const char *b = r->bytes.data;
    memset(m, 0, sizeof *m);
    if (d->date_len) m->date = b + d->date, m->date_len = d->date_len;
    if (d->title_len) m->title = b + d->title, m->title_len = d->title_len;
    if (d->source_len) m->source = b + d->source, m->source_len = d->source_len;
}

/* Verify candidate (a, b) proposed by `sources`; keep it when it passes
   the options. */
static concord_status verify(concord_relate *r, uint64_t pair, unsigned sources)
{
    size_t a = (uint32_t)(pair >> 32), b = (uint32_t)pair;
    assert(a < b && b < r->n);
    concord_doc_meta am, bm;
    meta_of(r, a, &am);
    meta_of(r, b, &bm);
    const char *t = r->bytes.data;
    concord_related rel = {.a = a, .b = b, .sources = sources};
    concord_status st = concord_compare(r->comparer, t + r->docs[a].text, r->docs[a].text_len, &am,
                                        t + r->docs[b].text, r->docs[b].text_len, &bm, &rel.comparison);
    if (st) return st;
    r->stats.by_relation[rel.comparison.relation]++;
    if (!(r->opt.relations & CONCORD_RELATE_MASK(rel.comparison.relation)) ||
        rel.comparison.score < r->opt.min_score)
        return CONCORD_OK;
    return VEC_PUSH(r->pairs, r->n_pairs, r->pairs_cap, rel);
}

/* Walk three sorted, duplicate-free candidate lists as one: each pair once,
   with the bits of the lists it is in. */
static concord_status verify_all(concord_relate *r, uint64_t *const list[3], const size_t len[3])
{
    size_t at[3] = {0, 0, 0};
    concord_status st = CONCORD_OK;
    while (!st) {
        uint64_t next = UINT64_MAX;
        for (int i = 0; i < 3; i++)
            if (at[i] < len[i] && list[i][at[i]] < next) next = list[i][at[i]];
        if (next == UINT64_MAX) break; /* never a pair: b < 2^32 - 1 */
        unsigned sources = 0;
        for (int i = 0; i < 3; i++)
            if (at[i] < len[i] && list[i][at[i]] == next) {
                sources |= 1u << i;
                at[i]++;
            }
        r->stats.candidates++;
        st = verify(r, next, sources);
    }
    return st;
}

concord_status concord_relate_run(concord_relate *r)
{
    if (!r || r->ran) return CONCORD_ERR_INVALID;
    r->ran = 1;
    _Static_assert(CONCORD_RELATE_COPY == 1 && CONCORD_RELATE_SPIN == 2 && CONCORD_RELATE_ANCHOR == 4,
                   "source bits follow the list order of verify_all");
    uint64_t *list[3] = {NULL, NULL, NULL};
    size_t len[3] = {0, 0, 0};
    anchor_index_params ap = {.max_df = r->opt.max_anchor_df, .min_shared = r->opt.min_anchors,
                              .min_weight = r->opt.min_anchor_weight};
    anchor_index_stats as = {0};
    concord_status st = lsh_table_candidates(&r->copy, &list[0], &len[0]);
    if (!st) st = lsh_table_candidates(&r->spin, &list[1], &len[1]);
    if (!st) st = anchor_index_candidates(r->anchor_v, r->anchor_start, r->n, &ap, &list[2], &len[2], &as);
    concord_relate_stats *s = &r->stats;
    s->candidates_copy = len[0];
    s->candidates_spin = len[1];
    s->candidates_anchor = len[2];
    s->anchors = as.anchors;
    s->anchors_indexed = as.indexed;
    s->anchors_too_common = as.too_common;
    if (!st) st = verify_all(r, list, len);
    for (int i = 0; i < 3; i++) free(list[i]);
    s->pairs = r->n_pairs;
    return st;
}

size_t concord_relate_count(const concord_relate *r) { return r ? r->n_pairs : 0; }

const concord_related *concord_relate_pair(const concord_relate *r, size_t i)
{
    return r && i < r->n_pairs ? &r->pairs[i] : NULL;
}

/* A stored field: flen bytes at offset off (the store is empty when every
   field added was). */
static const char *field(const concord_relate *r, size_t off, size_t flen, size_t *len)
{
    if (len) *len = flen;
    return r->bytes.data ? r->bytes.data + off : "";
}

const char *concord_relate_id(const concord_relate *r, size_t i, size_t *len)
{
    if (!r || i >= r->n) {
        if (len) *len = 0;
        return NULL;
    }
    return field(r, r->docs[i].id, r->docs[i].id_len, len);
}

const char *concord_relate_text(const concord_relate *r, size_t i, size_t *len)
{
    if (!r || i >= r->n) {
        if (len) *len = 0;
        return NULL;
    }
    return field(r, r->docs[i].text, r->docs[i].text_len, len);
}

void concord_relate_stats_get(const concord_relate *r, concord_relate_stats *s)
{
    memset(s, 0, sizeof *s);
    if (!r) return;
    *s = r->stats;
    s->documents = r->n;
    s->empty = r->empty;
    s->pairs = r->n_pairs;
    s->copy_bands = r->copy.bands, s->copy_rows = r->copy.rows;
    s->spin_bands = r->spin.bands, s->spin_rows = r->spin.rows;
}
