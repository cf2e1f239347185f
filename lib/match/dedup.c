/*
 * dedup.c - exact and near-duplicate detection over a batch of documents.
 *
 * add():  normalise + tokenise (lib/text) -> token hashes -> k-word shingles
 *         (32-bit) -> MinHash signature. The shingles are appended unsorted
 *         to one flat store; the text itself is not kept.
 * run():  LSH banding over the signatures gives candidate pairs; each is
 *         verified on the exact shingle sets (sorted lazily, only for
 *         documents that are candidates), classified, and joined into
 *         groups by union-find.
 *
 * Memory per document: bands*4 bytes of LSH keys (the signature itself is
 * a reused scratch) + 4 bytes per shingle + id + ~40 bytes of bookkeeping.
 * No per-document heap objects.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "concord.h"
#include "index/lsh_table.h"
#include "match/dedup_core.h"
#include "sketch/hash.h"
#include "sketch/shingle.h"
#include "text/text.h"
#include "util/bigarray.h"
#include "util/buf.h"
#include "util/radix.h"
#include "util/unionfind.h"

/* Seeds that separate the hash uses from each other. */
enum { SEED_TOKEN = DEDUP_SEED_TOKEN };

struct concord_dedup {
    concord_dedup_options opt;
    lsh_table lsh;         /* MinHash signatures' band keys, per document */
    concord_text *text;
    int ran;

    /* Per document, indexed by add order. */
    size_t n, n_cap;
    uint64_t *content;     /* hash of the normalised token sequence (0 = empty) */
    uint64_t *set_start;   /* shingles of doc d: store[set_start[d] .. +set_len[d]) */
    uint32_t *set_len;     /* raw count; the unique count once sorted */
    uint8_t *set_sorted;   /* 1 once sorted and deduplicated in place */
    uint64_t *id_start;    /* id of doc d: ids.data[id_start[d] .. id_start[d+1]) */

    bigarray store;        /* uint32_t[store_len]: all shingle sets, concatenated */
    size_t store_len;
    buf ids;

    /* Scratch reused across documents. */
    uint64_t *tok;
    size_t tok_cap;
    uint32_t *sort_tmp;
    size_t sort_tmp_cap;

    /* run(): exact-copy classes. rep[k] is the first document with k's
       normalised text (k itself when unique or without words); members of
       class r are members[member_start[r] .. member_start[r + 1]). */
    uint32_t *rep;

    /* Results. */
    concord_pair *pairs;
    size_t n_pairs, pairs_cap;
    size_t *members;       /* all groups' members, group after group */
    size_t *group_start;   /* group g: members[group_start[g] .. group_start[g+1]) */
    size_t n_groups;
    size_t candidates, empty, repaired;
};

const char *concord_relation_name(concord_relation relation)
{
    switch (relation) {
    case CONCORD_REL_EXACT: return "exact";
    case CONCORD_REL_NEAR: return "near";
    case CONCORD_REL_CONTAINED: return "contained";
    }
    return "unknown";
}

void concord_dedup_options_init(concord_dedup_options *o)
{
    o->threshold = 0.8;
    o->containment = 0.9;
    o->min_ratio = 0.5;
    o->perms = 128;
    o->shingle = 5;
    o->fp_weight = 0.5;
    o->fn_weight = 0.5;
    o->seed = 1;
}

concord_status concord_dedup_create(concord_dedup **out, const concord_dedup_options *options)
{
    if (!out) return CONCORD_ERR_INVALID;
    *out = NULL;
    concord_dedup_options o;
    if (options) o = *options;
    else concord_dedup_options_init(&o);
    if (!(o.threshold > 0.0 && o.threshold <= 1.0) || !(o.containment > 0.0 && o.containment <= 1.0) ||
        !(o.min_ratio > 0.0 && o.min_ratio <= 1.0) || o.perms == 0 || o.perms > 4096 ||
        o.shingle == 0 || o.shingle > 64)
        return CONCORD_ERR_INVALID;

    concord_dedup *d = calloc(1, sizeof *d);
    if (!d) return CONCORD_ERR_NOMEM;
    d->opt = o;
    buf_init(&d->ids, 0);
    bigarray_init(&d->store);
    /* A threshold of 1 is still a banding problem just below 1 (the table
       caps it at 0.999). */
    concord_status st =
        lsh_table_init(&d->lsh, dedup_lowest_reportable_jaccard(&o), o.perms, o.fp_weight, o.fn_weight, o.seed);
    if (!st) st = concord_text_create(&d->text);
    if (st) {
        concord_dedup_free(d);
        return st;
    }
    *out = d;
    return CONCORD_OK;
}

void concord_dedup_free(concord_dedup *d)
{
    if (!d) return;
    concord_text_free(d->text);
    lsh_table_free(&d->lsh);
    free(d->content);
    free(d->set_start);
    free(d->set_len);
    free(d->set_sorted);
    free(d->id_start);
    bigarray_free(&d->store);
    buf_free(&d->ids);
    free(d->tok);
    free(d->sort_tmp);
    free(d->pairs);
    free(d->rep);
    free(d->members);
    free(d->group_start);
    free(d);
}

static inline uint32_t *store_at(const concord_dedup *d, size_t i)
{
    return (uint32_t *)d->store.data + i;
}

/* Make room for one more document in every per-document array. */
static concord_status grow_documents(concord_dedup *d)
{
    if (d->n + 1 < d->n_cap) return CONCORD_OK;
    if (d->n + 2 >= UINT32_MAX) return CONCORD_ERR_TOO_LARGE; /* ids are 32-bit in LSH keys */
    size_t cap = d->n_cap ? d->n_cap * 2 : 1024;
#define GROW(field)                                                                            \
    do {                                                                                       \
        void *p = realloc(d->field, cap * sizeof *d->field);                                   \
        if (!p) return CONCORD_ERR_NOMEM;                                                      \
        d->field = p;                                                                          \
    } while (0)
    GROW(content);
    GROW(set_start);
    GROW(set_len);
    GROW(set_sorted);
    GROW(id_start);
#undef GROW
    d->n_cap = cap;
    return CONCORD_OK;
}

concord_status concord_dedup_add(concord_dedup *d, const char *id, size_t id_len, const char *text,
                                 size_t text_len)
{
    if (!d || (!id && id_len) || (!text && text_len)) return CONCORD_ERR_INVALID;
    if (d->ran) return CONCORD_ERR_INVALID;
    concord_status st = grow_documents(d);
    if (st) return st;
    st = concord_text_analyse(d->text, text, text_len, 0);
    if (st) return st;
    d->repaired += concord_text_repairs(d->text);

    size_t ntok;
    const concord_token *toks = text_tokens(d->text, &ntok);
    if ((st = vec_grow((void **)&d->tok, &d->tok_cap, 0, ntok, sizeof *d->tok))) return st;
    uint64_t content = ntok;
    for (size_t i = 0; i < ntok; i++) {
        d->tok[i] = hash_token(toks[i].norm, toks[i].norm_len, SEED_TOKEN);
        content = hash_combine(content, d->tok[i]);
    }

    size_t nsh = shingle_count(ntok, d->opt.shingle);
    if (nsh > UINT32_MAX) return CONCORD_ERR_TOO_LARGE;
    if ((st = bigarray_reserve(&d->store, (d->store_len + nsh) * sizeof(uint32_t)))) return st;
    uint32_t *sh = store_at(d, d->store_len);
    shingles_hash(d->tok, ntok, d->opt.shingle, sh);
    /* No words: the table isolates the empty set (one bucket of all such
       documents would give quadratic candidates never reported). */
    if ((st = lsh_table_add(&d->lsh, sh, nsh))) return st;
    size_t id_off = d->ids.len;
    if ((st = buf_append(&d->ids, id, id_len))) {
        d->lsh.n--; /* forget the keys just added */
        return st;
    }

    size_t k = d->n++;
    d->content[k] = ntok ? hash_mix64(content) | 1 : 0;
    d->set_start[k] = d->store_len;
    d->set_len[k] = (uint32_t)nsh;
    d->set_sorted[k] = 0;
    d->id_start[k] = id_off;
    d->id_start[k + 1] = d->ids.len;
    d->store_len += nsh;
    d->empty += ntok == 0;
    return CONCORD_OK;
}

/* Sort and deduplicate document k's shingle set in place (once). */
static concord_status ensure_sorted(concord_dedup *d, size_t k)
{
    if (d->set_sorted[k]) return CONCORD_OK;
    size_t n = d->set_len[k];
    concord_status st = vec_grow((void **)&d->sort_tmp, &d->sort_tmp_cap, 0, n, sizeof *d->sort_tmp);
    if (st) return st;
    d->set_len[k] = (uint32_t)sort_unique_u32(store_at(d, d->set_start[k]), d->sort_tmp, n);
    d->set_sorted[k] = 1;
    return CONCORD_OK;
}

/* Verify candidate (a, b), two class representatives; append the pair
   to the results when related. */
static concord_status verify(concord_dedup *d, size_t a, size_t b)
{
    concord_status st;
    if ((st = ensure_sorted(d, a)) || (st = ensure_sorted(d, b))) return st;
    size_t na = d->set_len[a], nb = d->set_len[b];
    if (!na || !nb) return CONCORD_OK;
    size_t inter = dedup_intersect_count(store_at(d, d->set_start[a]), na, store_at(d, d->set_start[b]), nb);
    concord_pair p = {.a = a, .b = b};
    assert(d->content[a] != d->content[b]); /* exact copies never get here */
    if (!dedup_classify(&d->opt, na, nb, inter, &p)) return CONCORD_OK;
    return VEC_PUSH(d->pairs, d->n_pairs, d->pairs_cap, p);
}

/* Groups = connected components of the reported pairs, ordered by their
   smallest member; members ascending. */
static concord_status build_groups(concord_dedup *d)
{
    unionfind uf;
    concord_status st = uf_init(&uf, d->n);
    if (st) return st;
    for (size_t i = 0; i < d->n_pairs; i++)
        uf_union(&uf, (uint32_t)d->pairs[i].a, (uint32_t)d->pairs[i].b);
    size_t *size = calloc(d->n ? d->n : 1, sizeof *size);
    size_t *group_of_root = malloc((d->n ? d->n : 1) * sizeof *group_of_root);
    if (!size || !group_of_root) {
        st = CONCORD_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < d->n; i++) size[uf_find(&uf, (uint32_t)i)]++;
    size_t ngroups = 0, nmembers = 0;
    for (size_t i = 0; i < d->n; i++) {
        uint32_t r = uf_find(&uf, (uint32_t)i);
        if (size[r] >= 2 && r == i) nmembers += size[r];
    }
    /* Number groups in order of their smallest member. */
    for (size_t i = 0; i < d->n; i++) group_of_root[i] = SIZE_MAX;
    for (size_t i = 0; i < d->n; i++) {
        uint32_t r = uf_find(&uf, (uint32_t)i);
        if (size[r] >= 2 && group_of_root[r] == SIZE_MAX) group_of_root[r] = ngroups++;
    }
    d->members = malloc((nmembers ? nmembers : 1) * sizeof *d->members);
    d->group_start = calloc(ngroups + 1, sizeof *d->group_start);
    if (!d->members || !d->group_start) {
        st = CONCORD_ERR_NOMEM;
        goto done;
    }
    /* Counting sort of documents by group; documents are visited in order,
       so members come out ascending. */
    for (size_t i = 0; i < d->n; i++) {
        uint32_t r = uf_find(&uf, (uint32_t)i);
        if (size[r] >= 2) d->group_start[group_of_root[r] + 1]++;
    }
    for (size_t g = 0; g < ngroups; g++) d->group_start[g + 1] += d->group_start[g];
    size_t *fill = size; /* reuse: next free slot per group */
    for (size_t g = 0; g < ngroups; g++) fill[g] = d->group_start[g];
    for (size_t i = 0; i < d->n; i++) {
        uint32_t r = uf_find(&uf, (uint32_t)i);
        size_t g = group_of_root[r];
        if (g != SIZE_MAX) d->members[fill[g]++] = i;
    }
    assert(d->group_start[ngroups] == nmembers);
    d->n_groups = ngroups;
done:
    free(size);
    free(group_of_root);
    uf_free(&uf);
    return st;
}

/*
 * Exact-copy classes: documents with the same normalised token sequence
 * (content hash; 64 bits, and the hash includes the length). Sorting
 * (hash high half, index) keys brings candidates together; a class's
 * representative is its first document. O(n) after the sort.
 */
static concord_status find_classes(concord_dedup *d)
{
    size_t n = d->n;
    d->rep = malloc((n ? n : 1) * sizeof *d->rep);
    uint64_t *key = malloc((n ? n : 1) * sizeof *key), *tmp = malloc((n ? n : 1) * sizeof *tmp);
    concord_status st = d->rep && key && tmp ? CONCORD_OK : CONCORD_ERR_NOMEM;
    if (!st) {
        for (size_t k = 0; k < n; k++) {
            d->rep[k] = (uint32_t)k;
            key[k] = (d->content[k] & UINT64_C(0xffffffff00000000)) | k;
        }
        radix_sort_u64_high32(key, tmp, n);
        for (size_t i = 0; i < n;) {
            size_t j = i + 1;
            while (j < n && key[j] >> 32 == key[i] >> 32) j++;
            /* Within a run of equal high halves (in index order), each
               document joins the first earlier one with the same full hash.
               Runs are one class but for 32-bit collisions, so this is
               linear in practice. */
            for (size_t x = i + 1; x < j; x++) {
                uint32_t dx = (uint32_t)key[x];
                if (!d->content[dx]) continue; /* no words: never a copy */
                for (size_t y = i; y < x; y++) {
                    uint32_t dy = (uint32_t)key[y];
                    if (d->rep[dy] == dy && d->content[dy] == d->content[dx]) {
                        d->rep[dx] = dy;
                        break;
                    }
                }
            }
            i = j;
        }
    }
    free(key);
    free(tmp);
    return st;
}

static int pair_order(const void *x, const void *y)
{
    const concord_pair *p = x, *q = y;
    if (p->a != q->a) return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

/*
 * Turn pairs of representatives into pairs of documents: every member of
 * one class relates to every member of the other exactly as their
 * representatives do (same shingle sets), and members of one class are
 * exact copies of each other. Then sort by (a, b).
 */
static concord_status expand_classes(concord_dedup *d)
{
    size_t n = d->n, nrep = d->n_pairs;
    size_t *start = calloc(n + 1, sizeof *start), *member = malloc((n ? n : 1) * sizeof *member);
    concord_status st = start && member ? CONCORD_OK : CONCORD_ERR_NOMEM;
    if (!st) {
        for (size_t k = 0; k < n; k++) start[d->rep[k] + 1]++;
        for (size_t r = 0; r < n; r++) start[r + 1] += start[r];
        size_t *fill = malloc((n ? n : 1) * sizeof *fill);
        if (!fill) st = CONCORD_ERR_NOMEM;
        for (size_t r = 0; r < n && fill; r++) fill[r] = start[r];
        for (size_t k = 0; k < n && fill; k++) member[fill[d->rep[k]]++] = k; /* ascending */
        free(fill);
    }
    for (size_t r = 0; r < n && !st; r++) /* copies within a class */
        for (size_t x = start[r]; x < start[r + 1] && !st; x++)
            for (size_t y = x + 1; y < start[r + 1] && !st; y++) {
                concord_pair p = {.a = member[x], .b = member[y], .relation = CONCORD_REL_EXACT,
                                  .jaccard = 1.0, .a_in_b = 1.0, .b_in_a = 1.0};
                st = VEC_PUSH(d->pairs, d->n_pairs, d->pairs_cap, p);
            }
    for (size_t i = 0; i < nrep && !st; i++) { /* classes related to classes */
        concord_pair rp = d->pairs[i];
        for (size_t x = start[rp.a]; x < start[rp.a + 1] && !st; x++)
            for (size_t y = start[rp.b]; y < start[rp.b + 1] && !st; y++) {
                if (x == start[rp.a] && y == start[rp.b]) continue; /* rp itself */
                concord_pair p = rp;
                p.a = member[x];
                p.b = member[y];
                if (p.a > p.b) {
                    p.a = member[y];
                    p.b = member[x];
                    p.a_in_b = rp.b_in_a;
                    p.b_in_a = rp.a_in_b;
                }
                st = VEC_PUSH(d->pairs, d->n_pairs, d->pairs_cap, p);
            }
    }
    free(start);
    free(member);
    if (!st && d->n_pairs > 1) qsort(d->pairs, d->n_pairs, sizeof *d->pairs, pair_order);
    return st;
}

concord_status concord_dedup_run(concord_dedup *d)
{
    if (!d || d->ran) return CONCORD_ERR_INVALID;
    d->ran = 1;
    concord_status st = find_classes(d);
    /* Only representatives take part in LSH and verification. */
    for (size_t k = 0; k < d->n && !st; k++)
        if (d->rep[k] != k) lsh_table_isolate(&d->lsh, k);
    uint64_t *cand = NULL;
    size_t len = 0;
    if (!st) st = lsh_table_candidates(&d->lsh, &cand, &len);
    d->candidates = st ? 0 : len;
    for (size_t i = 0; i < len && !st; i++) {
        uint32_t a = (uint32_t)(cand[i] >> 32), b = (uint32_t)cand[i];
        if (d->rep[a] == a && d->rep[b] == b) st = verify(d, a, b);
    }
    free(cand);
    if (!st) st = expand_classes(d);
    if (!st) st = build_groups(d);
    return st;
}

size_t concord_dedup_pair_count(const concord_dedup *d) { return d ? d->n_pairs : 0; }

const concord_pair *concord_dedup_pair(const concord_dedup *d, size_t i)
{
    return d && i < d->n_pairs ? &d->pairs[i] : NULL;
}

size_t concord_dedup_group_count(const concord_dedup *d) { return d ? d->n_groups : 0; }

const size_t *concord_dedup_group(const concord_dedup *d, size_t g, size_t *count)
{
    if (!d || g >= d->n_groups) {
        if (count) *count = 0;
        return NULL;
    }
    if (count) *count = d->group_start[g + 1] - d->group_start[g];
    return d->members + d->group_start[g];
}

const char *concord_dedup_id(const concord_dedup *d, size_t i, size_t *len)
{
    if (!d || i >= d->n) {
        if (len) *len = 0;
        return NULL;
    }
    if (len) *len = d->id_start[i + 1] - d->id_start[i];
    return d->ids.data + d->id_start[i];
}

void concord_dedup_stats_get(const concord_dedup *d, concord_dedup_stats *s)
{
    memset(s, 0, sizeof *s);
    if (!d) return;
    s->documents = d->n;
    s->empty = d->empty;
    s->repaired = d->repaired;
    s->candidates = d->candidates;
    s->pairs = d->n_pairs;
    s->groups = d->n_groups;
    s->bands = d->lsh.bands;
    s->rows = d->lsh.rows;
    s->candidate_threshold = d->lsh.threshold;
    for (size_t i = 0; i < d->n; i++) s->shingles += d->set_len[i];
}
