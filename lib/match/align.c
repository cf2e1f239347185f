/*
 * align.c - the shared passages of two texts (concord.h, "Passage alignment").
 *
 * One call aligns text a (n words) with text b (m words) in seven steps,
 * all on flat arrays reused from call to call (no per-word heap objects):
 *
 *  1. Words. Both texts are tokenised (lib/text). Each word gets an
 *     identity (hash of its norm) and a match class: the lexicon's canonical
 *     class (synonyms, inflections, numbers), or the identity without one.
 *  2. Seeds. Every ALIGN_K-gram of classes is hashed to a 32-bit key; the
 *     (key, position) lists of a and b are radix-sorted and merge-joined. A
 *     k-gram seen ca times in a and cb times in b yields all ca*cb hits when
 *     that is at most ALIGN_MAX_PAIRS, else only rank pairs (i-th with i-th
 *     from the front and from the back): a k-gram repeated 100,000 times
 *     costs 200,000 hits, not 10^10. Anchors add single-word hits for
 *     content words that occur exactly once in each text (names, numbers,
 *     rare words), which survive heavy spinning. Every hit is verified on
 *     the classes themselves (keys are hashes). Hits are sorted and unique.
 *  3. Chaining. A sparse dynamic program over the hits sorted by (i, j), as
 *     in minimap2: a hit continues the best of its last ALIGN_LOOKBACK
 *     predecessors that lie before it in both texts, at most ALIGN_MAX_GAP
 *     words back and ALIGN_MAX_DRIFT diagonals away, scored by the words
 *     gained minus a cost for the change of diagonal and the gap. Chains are
 *     read off from the best end down, each hit used once; a chain worth no
 *     more than one k-gram is dropped (in a text of few distinct words,
 *     lone k-gram hits are everywhere and mean nothing).
 *  4. Refinement. Each chain becomes an alignment path (columns: same word,
 *     same class, substitution, deletion, insertion): the gaps between
 *     consecutive hits are aligned exactly (their size is bounded by the
 *     chaining limits), and both ends are extended by a banded (half width
 *     ALIGN_BAND) X-drop alignment of at most ALIGN_EXT_MAX words that
 *     stays inside the sentences of the chain's ends (so a moved sentence
 *     does not take words of its new neighbours). Unequal words that the
 *     lexicon calls synonyms count as matches ("synonym").
 *  5. Segmentation. A path is cut where ALIGN_SPLIT_GAP or more words in a
 *     row (in a or in b) are unmatched (isolated function-word matches do
 *     not break such a run: see solid_match()), and where its running score
 *     (+1 per match, -1 per other column) falls below zero; each piece is kept
 *     from its first match to its best-scoring match (the last one on
 *     ties): a candidate passage.
 *  6. Selection. Candidates are taken greedily by score, best first; the
 *     parts of a candidate that overlap words already taken (in a or in b)
 *     are cut away and the remaining pieces considered on their own. So
 *     passages never overlap, and a moved block of sentences becomes its own
 *     passage. A passage must have >= min_words matching words and a score
 *     (2 * matches / (words in a + words in b)) >= min_score.
 *  7. Classification: verbatim when >= 98% of the words of its longer side
 *     are identical (same norm); spun when one-for-one replacements (same
 *     class, synonyms or substitutions) are at least 3, at least twice the
 *     inserted and deleted words, and either >= 4% of its words or, when
 *     at least 3 of them are confirmed by the lexicon (same class or
 *     synonyms), >= 2%; edited otherwise.
 *
 * Cost: O((n + m) log(n + m)) at worst for the sorts (radix: linear in
 * practice), O(hits * ALIGN_LOOKBACK) for chaining, and the dynamic
 * programs are bounded per hit and per chain end, so the total is linear
 * in n + m plus the number of hits, itself at most 2*(n + m)*sqrt(64)
 * (see ALIGN_MAX_PAIRS). As a last guard, chains stop being refined once
 * the dynamic programs have filled ALIGN_CELLS_PER_WORD cells per word of
 * a and b (the weakest chains come last); no input seen so far comes
 * near it. align_stats_get() reports the work done.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "concord.h"
#include "match/align.h"
#include "sketch/hash.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/radix.h"

enum { SEED_ID = 0x51ed270bu };

/* Alignment columns. */
enum {
    OP_EQ = 0, /* identical norms */
    OP_CANON,  /* same class (synonym, inflection) */
    OP_SYN,    /* different classes, but synonyms for the lexicon */
    OP_SUB,    /* substitution: a word replaced by an unrelated one */
    OP_DEL,    /* a word of a without counterpart */
    OP_INS     /* a word of b without counterpart */
};

static int op_matches(unsigned op) { return op <= OP_SYN; }

/*
 * One column of an alignment path. For OP_DEL, j is the next word of b (not
 * consumed); for OP_INS, i is the next word of a. Columns of a path are in
 * text order and consume contiguous words of a and of b.
 */
typedef struct column {
    uint32_t i, j;
    uint8_t op;
} column;

/* A candidate passage: path columns [c0, c1), starting and ending on matches. */
typedef struct candidate {
    size_t c0, c1;
    uint32_t weight;
} candidate;

/* Per text: its words. */
typedef struct side {
    concord_text *text;
    const concord_token *tok; /* valid until the next analyse of text */
    size_t n;
    uint64_t *cls, *id;       /* match class, identity */
    uint8_t *fn;              /* 1 = function word (only with a lexicon) */
    uint8_t *first;           /* 1 = first word of a sentence */
    uint8_t *taken;           /* 1 = inside an accepted passage */
    uint64_t *keys;           /* seed keys: hash32 << 32 | position */
    size_t cls_cap, id_cap, fn_cap, first_cap, taken_cap, keys_cap;
    size_t word_bytes;        /* sum of the words' byte lengths */
} side;

struct concord_aligner {
    concord_align_options opt;
    const concord_lexicon *lex;
    side a, b;

    uint64_t *tmp;            /* radix scratch */
    uint64_t *hits;           /* i << 32 | j, sorted */
    uint8_t *hit_len;         /* matching words from the hit (1..ALIGN_K) */
    float *f;                 /* chain score ending at each hit */
    uint32_t *pred;           /* best predecessor, or NONE */
    uint8_t *used;
    uint64_t *order;          /* hits by descending chain score */
    uint32_t *chain;
    column *path, *ext;
    int32_t *dp;
    uint8_t *tb;
    candidate *cands;
    concord_passage *out;
    size_t tmp_cap, hits_cap, hit_len_cap, f_cap, pred_cap, used_cap, order_cap, chain_cap,
        path_cap, ext_cap, dp_cap, tb_cap, cands_cap, out_cap;
    size_t n_hits, n_path, n_ext, n_cands, n_out;

    double cov_a, cov_b;
    align_stats stats;
};

#define NONE UINT32_MAX
#define TRY(x)                                                                                 \
    do {                                                                                       \
        concord_status st_ = (x);                                                              \
        if (st_) return st_;                                                                   \
    } while (0)
/* Room for n items in arr (contents kept). */
#define ENSURE(arr, cap, n) vec_grow((void **)&(arr), &(cap), 0, (n), sizeof *(arr))

const char *concord_passage_kind_name(concord_passage_kind kind)
{
    switch (kind) {
    case CONCORD_PASSAGE_VERBATIM: return "verbatim";
    case CONCORD_PASSAGE_EDITED: return "edited";
    case CONCORD_PASSAGE_SPUN: return "spun";
    }
    return "unknown";
}

void concord_align_options_init(concord_align_options *options)
{
    if (!options) return;
    options->min_words = 8;
    options->min_score = 0.5;
}

concord_status concord_aligner_create(concord_aligner **out, const concord_lexicon *lexicon,
                                      const concord_align_options *options)
{
    if (!out) return CONCORD_ERR_INVALID;
    *out = NULL;
    concord_align_options o;
    if (options) o = *options;
    else concord_align_options_init(&o);
    if (!(o.min_score >= 0.0 && o.min_score <= 1.0)) return CONCORD_ERR_INVALID;
    if (o.min_words == 0) o.min_words = 1;
    concord_aligner *al = calloc(1, sizeof *al);
    if (!al) return CONCORD_ERR_NOMEM;
    al->opt = o;
    al->lex = lexicon;
    if (concord_text_create(&al->a.text) || concord_text_create(&al->b.text)) {
        concord_aligner_free(al);
        return CONCORD_ERR_NOMEM;
    }
    *out = al;
    return CONCORD_OK;
}

static void side_free(side *s)
{
    concord_text_free(s->text);
    free(s->cls);
    free(s->id);
    free(s->fn);
    free(s->first);
    free(s->taken);
    free(s->keys);
}

void concord_aligner_free(concord_aligner *al)
{
    if (!al) return;
    side_free(&al->a);
    side_free(&al->b);
    free(al->tmp);
    free(al->hits);
    free(al->hit_len);
    free(al->f);
    free(al->pred);
    free(al->used);
    free(al->order);
    free(al->chain);
    free(al->path);
    free(al->ext);
    free(al->dp);
    free(al->tb);
    free(al->cands);
    free(al->out);
    free(al);
}

size_t concord_align_count(const concord_aligner *al) { return al ? al->n_out : 0; }

const concord_passage *concord_align_passage(const concord_aligner *al, size_t i)
{
    return al && i < al->n_out ? &al->out[i] : NULL;
}

void concord_align_coverage(const concord_aligner *al, double *a_coverage, double *b_coverage)
{
    if (a_coverage) *a_coverage = al ? al->cov_a : 0.0;
    if (b_coverage) *b_coverage = al ? al->cov_b : 0.0;
}

void align_stats_get(const concord_aligner *al, align_stats *stats) { *stats = al->stats; }

/* ---- 1. Words --------------------------------------------------------- */

static concord_status side_load(const concord_aligner *al, side *s, const char *text, size_t len)
{
    TRY(concord_text_analyse(s->text, text, len, CONCORD_TEXT_SENTENCES));
    s->tok = text_tokens(s->text, &s->n);
    if (s->n >= UINT32_MAX - 1) return CONCORD_ERR_TOO_LARGE;
    size_t n = s->n + 1;
    if (ENSURE(s->cls, s->cls_cap, n) || ENSURE(s->id, s->id_cap, n) ||
        ENSURE(s->fn, s->fn_cap, n) || ENSURE(s->first, s->first_cap, n) ||
        ENSURE(s->taken, s->taken_cap, n) || ENSURE(s->keys, s->keys_cap, n))
        return CONCORD_ERR_NOMEM;
    memset(s->first, 0, n);
    for (size_t k = 0, ns = concord_text_sentence_count(s->text); k < ns; k++) {
        const concord_sentence *sen = concord_text_sentence(s->text, k);
        if (sen->token_count) s->first[sen->first_token] = 1;
    }
    s->word_bytes = 0;
    for (size_t i = 0; i < s->n; i++) {
        const concord_token *t = &s->tok[i];
        uint64_t id = hash_token(t->norm, t->norm_len, SEED_ID);
        s->id[i] = id;
        if (al->lex) {
            s->cls[i] = concord_lexicon_canon(al->lex, t->norm, t->norm_len);
            s->fn[i] = (uint8_t)concord_lexicon_is_function_word(al->lex, t->norm, t->norm_len);
        } else {
            s->cls[i] = id;
            s->fn[i] = 0;
        }
        s->taken[i] = 0;
        s->word_bytes += t->end - t->start;
    }
    return CONCORD_OK;
}

/* ---- 2. Seeds ----------------------------------------------------------- */

static uint64_t kgram_hash(const uint64_t *cls, size_t i)
{
    uint64_t h = cls[i];
    for (size_t t = 1; t < ALIGN_K; t++) h = hash_combine(h, cls[i + t]);
    return hash_mix64(h);
}

/* Words that may anchor alone: content words (not function words) of at
   least 3 bytes, or numbers. */
static int anchor_word(const side *s, size_t i)
{
    const concord_token *t = &s->tok[i];
    return !s->fn[i] && (t->norm_len >= 3 || (t->flags & CONCORD_TOKEN_NUMBER));
}

/* Sorted seed keys of s: k-grams, or anchor words (anchors != 0). */
static size_t seed_keys(concord_aligner *al, side *s, int anchors)
{
    size_t k = 0;
    if (anchors) {
        for (size_t i = 0; i < s->n; i++)
            if (anchor_word(s, i))
                s->keys[k++] = (hash_mix64(s->cls[i]) & ~(uint64_t)UINT32_MAX) | i;
    } else if (s->n >= ALIGN_K) {
        for (size_t i = 0; i + ALIGN_K <= s->n; i++)
            s->keys[k++] = (kgram_hash(s->cls, i) & ~(uint64_t)UINT32_MAX) | i;
    }
    radix_sort_u64_high32(s->keys, al->tmp, k);
    return k;
}

/* Matching classes from (i, j) on, at most max. */
static size_t run_length(const concord_aligner *al, size_t i, size_t j, size_t max)
{
    size_t t = 0;
    while (t < max && i + t < al->a.n && j + t < al->b.n && al->a.cls[i + t] == al->b.cls[j + t])
        t++;
    return t;
}

static concord_status add_hit(concord_aligner *al, uint64_t ka, uint64_t kb, size_t need)
{
    uint32_t i = (uint32_t)ka, j = (uint32_t)kb;
    if (run_length(al, i, j, need) < need) return CONCORD_OK; /* hash collision */
    return VEC_PUSH(al->hits, al->n_hits, al->hits_cap, (uint64_t)i << 32 | j);
}

/* Merge-join two sorted key lists into hits (see step 2 above). */
static concord_status join(concord_aligner *al, size_t na, size_t nb, int anchors)
{
    const uint64_t *ka = al->a.keys, *kb = al->b.keys;
    size_t x = 0, y = 0;
    while (x < na && y < nb) {
        uint64_t ha = ka[x] >> 32, hb = kb[y] >> 32;
        if (ha < hb) {
            x++;
            continue;
        }
        if (hb < ha) {
            y++;
            continue;
        }
        size_t xe = x, ye = y;
        while (xe < na && ka[xe] >> 32 == ha) xe++;
        while (ye < nb && kb[ye] >> 32 == hb) ye++;
        size_t ca = xe - x, cb = ye - y;
        if (anchors) {
            if (ca == 1 && cb == 1) TRY(add_hit(al, ka[x], kb[y], 1));
        } else if (ca * cb <= ALIGN_MAX_PAIRS) {
            for (size_t p = x; p < xe; p++)
                for (size_t q = y; q < ye; q++) TRY(add_hit(al, ka[p], kb[q], ALIGN_K));
        } else {
            size_t r = ca < cb ? ca : cb;
            for (size_t t = 0; t < r; t++) {
                TRY(add_hit(al, ka[x + t], kb[y + t], ALIGN_K));
                TRY(add_hit(al, ka[xe - 1 - t], kb[ye - 1 - t], ALIGN_K));
            }
        }
        x = xe;
        y = ye;
    }
    return CONCORD_OK;
}

static concord_status find_hits(concord_aligner *al)
{
    al->n_hits = 0;
    size_t big = al->a.n > al->b.n ? al->a.n : al->b.n;
    TRY(ENSURE(al->tmp, al->tmp_cap, big + 1));
    for (int anchors = 0; anchors <= 1; anchors++) {
        size_t na = seed_keys(al, &al->a, anchors);
        size_t nb = seed_keys(al, &al->b, anchors);
        TRY(join(al, na, nb, anchors));
    }
    TRY(ENSURE(al->tmp, al->tmp_cap, al->n_hits + 1));
    al->n_hits = sort_unique_u64(al->hits, al->tmp, al->n_hits);
    al->stats.hits = al->n_hits;
    TRY(ENSURE(al->hit_len, al->hit_len_cap, al->n_hits + 1));
    for (size_t x = 0; x < al->n_hits; x++) {
        size_t len = run_length(al, al->hits[x] >> 32, (uint32_t)al->hits[x], ALIGN_K);
        assert(len >= 1);
        al->hit_len[x] = (uint8_t)len;
    }
    return CONCORD_OK;
}

/* ---- 3. Chaining -------------------------------------------------------- */

static void chain_scores(concord_aligner *al)
{
    const uint64_t *h = al->hits;
    for (size_t x = 0; x < al->n_hits; x++) {
        uint32_t hi = (uint32_t)(h[x] >> 32), hj = (uint32_t)h[x];
        unsigned len = al->hit_len[x];
        float best = (float)len;
        uint32_t bp = NONE;
        size_t steps = 0;
        for (size_t y = x; y-- > 0 && steps < ALIGN_LOOKBACK; steps++) {
            uint32_t gi = (uint32_t)(h[y] >> 32), gj = (uint32_t)h[y];
            if (gi == hi) continue;
            uint32_t di = hi - gi;
            if (di > ALIGN_MAX_GAP) break; /* sorted by i: the rest is further */
            if (gj >= hj) continue;
            uint32_t dj = hj - gj;
            uint32_t dd = di > dj ? di - dj : dj - di;
            if (dd > ALIGN_MAX_DRIFT) continue;
            unsigned lg = al->hit_len[y];
            uint32_t step = di < dj ? di : dj;
            float gain = (float)(step < len ? step : len);
            float cost = dd ? 1.0f + 0.5f * (float)dd : 0.0f;
            if (step > lg) cost += 0.1f * (float)(step - lg);
            float s = al->f[y] + gain - cost;
            if (s > best) {
                best = s;
                bp = (uint32_t)y;
            }
            if (!dd && di <= lg) break; /* a contiguous continuation: good enough */
        }
        al->f[x] = best;
        al->pred[x] = bp;
    }
}

/* ---- 4. Refinement -------------------------------------------------------- */

static int same_class(const concord_aligner *al, size_t i, size_t j)
{
    return al->a.cls[i] == al->b.cls[j];
}

static uint8_t diag_op(const concord_aligner *al, size_t i, size_t j)
{
    if (al->a.cls[i] != al->b.cls[j]) return OP_SUB;
    return al->a.id[i] == al->b.id[j] ? OP_EQ : OP_CANON;
}

static concord_status push_col(concord_aligner *al, uint32_t i, uint32_t j, uint8_t op)
{
    column c = {i, j, op};
    return VEC_PUSH(al->path, al->n_path, al->path_cap, c);
}

static concord_status push_ext(concord_aligner *al, uint32_t i, uint32_t j, uint8_t op)
{
    column c = {i, j, op};
    return VEC_PUSH(al->ext, al->n_ext, al->ext_cap, c);
}

enum { TB_NONE = 0, TB_DIAG, TB_DEL, TB_INS };
enum { GAP_CELLS_MAX = 128 * 128 };

/* Global alignment of a[i0, i1) with b[j0, j1), appended to the path. */
static concord_status gap_align(concord_aligner *al, uint32_t i0, uint32_t i1, uint32_t j0,
                                uint32_t j1)
{
    size_t ra = i1 - i0, rb = j1 - j0;
    if (!ra || !rb || ra * rb > GAP_CELLS_MAX) {
        /* Nothing to pair (or, defensively, too large): deletions then
           insertions, which the segmentation splits at if long. */
        for (uint32_t i = i0; i < i1; i++) TRY(push_col(al, i, j0, OP_DEL));
        for (uint32_t j = j0; j < j1; j++) TRY(push_col(al, i1, j, OP_INS));
        return CONCORD_OK;
    }
    size_t w = rb + 1, cells = (ra + 1) * w;
    TRY(ENSURE(al->dp, al->dp_cap, cells));
    TRY(ENSURE(al->tb, al->tb_cap, cells));
    al->stats.cells += cells;
    int32_t *d = al->dp;
    uint8_t *tb = al->tb;
    d[0] = 0;
    tb[0] = TB_NONE;
    for (size_t y = 1; y <= rb; y++) d[y] = -(int32_t)y, tb[y] = TB_INS;
    for (size_t x = 1; x <= ra; x++) {
        int32_t *row = d + x * w, *up = row - w;
        uint8_t *trow = tb + x * w;
        row[0] = -(int32_t)x;
        trow[0] = TB_DEL;
        for (size_t y = 1; y <= rb; y++) {
            int32_t v = up[y - 1] + (same_class(al, i0 + x - 1, j0 + y - 1) ? 1 : -1);
            uint8_t t = TB_DIAG;
            if (up[y] - 1 > v) v = up[y] - 1, t = TB_DEL;
            if (row[y - 1] - 1 > v) v = row[y - 1] - 1, t = TB_INS;
            row[y] = v;
            trow[y] = t;
        }
    }
    /* Traceback (end to start) into ext, then append in text order. */
    al->n_ext = 0;
    size_t x = ra, y = rb;
    while (x || y) {
        uint8_t t = tb[x * w + y];
        uint32_t i = i0 + (uint32_t)x, j = j0 + (uint32_t)y;
        if (t == TB_DIAG) {
            TRY(push_ext(al, i - 1, j - 1, diag_op(al, i - 1, j - 1)));
            x--, y--;
        } else if (t == TB_DEL) {
            TRY(push_ext(al, i - 1, j, OP_DEL));
            x--;
        } else {
            assert(t == TB_INS);
            TRY(push_ext(al, i, j - 1, OP_INS));
            y--;
        }
    }
    TRY(ENSURE(al->path, al->path_cap, al->n_path + al->n_ext));
    for (size_t k = al->n_ext; k-- > 0;) al->path[al->n_path++] = al->ext[k];
    return CONCORD_OK;
}

/*
 * Words an extension from position c may take, at most ALIGN_EXT_MAX:
 * forward, s[c..) up to the next sentence start (none when s[c] starts
 * one); backward, s[..c) down to the start of s[c - 1]'s sentence (none
 * when s[c] starts one). Passages are extended within sentences only, so
 * that a moved sentence does not take a word of its neighbour.
 */
static size_t within_sentence(const side *s, size_t c, int forward)
{
    size_t k = 0;
    if (forward) {
        while (c + k < s->n && k < ALIGN_EXT_MAX && !s->first[c + k]) k++;
        return k;
    }
    if (c < s->n && s->first[c]) return 0;
    while (k < c && k < ALIGN_EXT_MAX) {
        k++;
        if (s->first[c - k]) break;
    }
    return k;
}

/*
 * Banded X-drop extension from (ci, cj): forward over a[ci..), b[cj..), or
 * backward over a[..ci), b[..cj). The best-scoring alignment (ending on a
 * match, or empty) is appended to the path in text order.
 */
static concord_status extend(concord_aligner *al, uint32_t ci, uint32_t cj, int forward)
{
    enum { W = ALIGN_BAND, B = 2 * ALIGN_BAND + 1 };
    const int32_t NEG = INT32_MIN / 2;
    size_t amax = within_sentence(&al->a, ci, forward), bmax = within_sentence(&al->b, cj, forward);
    size_t rows = amax;
    if (!rows || !bmax) return CONCORD_OK;
    TRY(ENSURE(al->tb, al->tb_cap, (rows + 1) * B));
    TRY(ENSURE(al->dp, al->dp_cap, 2 * B));
    int32_t *prev = al->dp, *cur = al->dp + B;
    uint8_t *tb = al->tb;
    for (size_t off = 0; off < B; off++) {
        long y = (long)off - W;
        prev[off] = y < 0 || (size_t)y > bmax ? NEG : -(int32_t)y;
        tb[off] = y > 0 ? TB_INS : TB_NONE;
    }
    int32_t best = 0;
    size_t bx = 0, by = 0;
    for (size_t x = 1; x <= rows; x++) {
        int32_t rowmax = NEG;
        uint32_t ia = forward ? ci + (uint32_t)x - 1 : ci - (uint32_t)x;
        for (size_t off = 0; off < B; off++) {
            long y = (long)x - W + (long)off;
            if (y < 0 || (size_t)y > bmax) {
                cur[off] = NEG;
                tb[x * B + off] = TB_NONE;
                continue;
            }
            int32_t v = NEG;
            uint8_t t = TB_NONE;
            if (y >= 1 && prev[off] > NEG) {
                uint32_t jb = forward ? cj + (uint32_t)y - 1 : cj - (uint32_t)y;
                v = prev[off] + (same_class(al, ia, jb) ? 1 : -1);
                t = TB_DIAG;
            }
            if (off + 1 < B && prev[off + 1] > NEG && prev[off + 1] - 1 > v)
                v = prev[off + 1] - 1, t = TB_DEL;
            if (off >= 1 && cur[off - 1] > NEG && cur[off - 1] - 1 > v)
                v = cur[off - 1] - 1, t = TB_INS;
            cur[off] = v;
            tb[x * B + off] = t;
            if (v > rowmax) rowmax = v;
            if (v >= best && v > NEG) best = v, bx = x, by = (size_t)y; /* ties: the longer */
        }
        al->stats.cells += B;
        int32_t *sw = prev;
        prev = cur;
        cur = sw;
        if (rowmax < best - ALIGN_XDROP) break;
    }
    /* Traceback from the best cell toward (0, 0). */
    al->n_ext = 0;
    size_t x = bx, y = by;
    while (x || y) {
        size_t off = y + W - x;
        uint8_t t = tb[x * B + off];
        uint32_t i, j;
        if (forward) {
            i = ci + (uint32_t)x;
            j = cj + (uint32_t)y;
        } else {
            i = ci - (uint32_t)x;
            j = cj - (uint32_t)y;
        }
        if (t == TB_DIAG) {
            if (forward) i--, j--;
            TRY(push_ext(al, i, j, diag_op(al, i, j)));
            x--, y--;
        } else if (t == TB_DEL) {
            if (forward) i--;
            /* backward: b's next word in text order is cj - y = j */
            TRY(push_ext(al, i, j, OP_DEL));
            x--;
        } else {
            assert(t == TB_INS);
            if (forward) j--;
            TRY(push_ext(al, i, j, OP_INS));
            y--;
        }
    }
    TRY(ENSURE(al->path, al->path_cap, al->n_path + al->n_ext));
    if (forward)
        for (size_t k = al->n_ext; k-- > 0;) al->path[al->n_path++] = al->ext[k];
    else
        for (size_t k = 0; k < al->n_ext; k++) al->path[al->n_path++] = al->ext[k];
    return CONCORD_OK;
}

/* The path of one chain (hits in text order), appended to al->path. */
static concord_status build_path(concord_aligner *al, const uint32_t *chain, size_t c)
{
    assert(c > 0);
    uint32_t ci = (uint32_t)(al->hits[chain[0]] >> 32), cj = (uint32_t)al->hits[chain[0]];
    TRY(extend(al, ci, cj, 0));
    for (size_t k = 0; k < c; k++) {
        uint32_t hi = (uint32_t)(al->hits[chain[k]] >> 32), hj = (uint32_t)al->hits[chain[k]];
        uint32_t len = al->hit_len[chain[k]];
        if (hi < ci || hj < cj) { /* overlaps what the path already covers */
            uint32_t skip = ci > hi ? ci - hi : 0;
            if (cj > hj && cj - hj > skip) skip = cj - hj;
            if (skip >= len) continue;
            hi += skip, hj += skip, len -= skip;
        }
        TRY(gap_align(al, ci, hi, cj, hj));
        /* The hit's words, then on along the diagonal while classes agree. */
        uint32_t t = 0;
        while (hi + t < al->a.n && hj + t < al->b.n && (t < len || same_class(al, hi + t, hj + t))) {
            assert(same_class(al, hi + t, hj + t));
            TRY(push_col(al, hi + t, hj + t, diag_op(al, hi + t, hj + t)));
            t++;
        }
        ci = hi + t, cj = hj + t;
    }
    return extend(al, ci, cj, 1);
}

/* Substitutions of two content words that the lexicon calls synonyms. */
static void mark_synonyms(concord_aligner *al, size_t p0, size_t p1)
{
    if (!al->lex) return;
    for (size_t c = p0; c < p1; c++) {
        column *col = &al->path[c];
        if (col->op != OP_SUB || al->a.fn[col->i] || al->b.fn[col->j]) continue;
        const concord_token *ta = &al->a.tok[col->i], *tb = &al->b.tok[col->j];
        if (concord_lexicon_synonyms(al->lex, ta->norm, ta->norm_len, tb->norm, tb->norm_len))
            col->op = OP_SYN;
    }
}

/* ---- 5. Segmentation ------------------------------------------------------ */

static size_t count_matches(const concord_aligner *al, size_t c0, size_t c1)
{
    size_t k = 0;
    for (size_t c = c0; c < c1; c++) k += op_matches(al->path[c].op);
    return k;
}

static concord_status emit_candidate(concord_aligner *al, size_t c0, size_t c1, long score)
{
    if (count_matches(al, c0, c1) < al->opt.min_words) return CONCORD_OK;
    candidate cd = {c0, c1, score > (long)UINT32_MAX ? UINT32_MAX : (uint32_t)score};
    return VEC_PUSH(al->cands, al->n_cands, al->cands_cap, cd);
}

/*
 * A match that ends a run of unmatched words: one next to another match, a
 * match through the lexicon, or a content word (known only with a
 * lexicon). An isolated "the" or "of" between unrelated words does not: two
 * different sentences of similar length align with a few such matches
 * spread evenly, and must still be cut apart.
 */
static int solid_match(const concord_aligner *al, size_t c, size_t p0, size_t p1)
{
    const column *col = &al->path[c];
    if (col->op != OP_EQ || (al->lex && !al->a.fn[col->i])) return 1;
    return (c > p0 && op_matches(col[-1].op)) || (c + 1 < p1 && op_matches(col[1].op));
}

static concord_status segment(concord_aligner *al, size_t p0, size_t p1)
{
    int in = 0;
    long s = 0, best = 0;
    size_t start = 0, best_end = 0, run_a = 0, run_b = 0;
    for (size_t c = p0; c < p1; c++) {
        unsigned op = al->path[c].op;
        if (op_matches(op)) {
            if (!in) in = 1, start = c, s = 0, best = 0;
            s++;
            if (solid_match(al, c, p0, p1)) run_a = run_b = 0;
            if (s >= best) best = s, best_end = c; /* ties: the longer */
        } else if (in) {
            s--;
            run_a += op != OP_INS;
            run_b += op != OP_DEL;
            if (s < 0 || run_a >= ALIGN_SPLIT_GAP || run_b >= ALIGN_SPLIT_GAP) {
                TRY(emit_candidate(al, start, best_end + 1, best));
                in = 0;
            }
        }
    }
    if (in) TRY(emit_candidate(al, start, best_end + 1, best));
    return CONCORD_OK;
}

static concord_status chain_and_refine(concord_aligner *al)
{
    size_t h = al->n_hits;
    if (ENSURE(al->f, al->f_cap, h + 1) || ENSURE(al->pred, al->pred_cap, h + 1) ||
        ENSURE(al->used, al->used_cap, h + 1) || ENSURE(al->order, al->order_cap, h + 1) ||
        ENSURE(al->chain, al->chain_cap, h + 1))
        return CONCORD_ERR_NOMEM;
    chain_scores(al);
    for (size_t x = 0; x < h; x++) {
        float f = al->f[x] * 16.0f;
        uint32_t fi = f >= 4294967040.0f ? UINT32_MAX - 1 : (uint32_t)f;
        al->order[x] = (uint64_t)(UINT32_MAX - fi) << 32 | x;
        al->used[x] = 0;
    }
    radix_sort_u64(al->order, al->tmp, h);
    size_t budget = (al->a.n + al->b.n) * ALIGN_CELLS_PER_WORD + 65536;
    for (size_t r = 0; r < h; r++) {
        uint32_t x = (uint32_t)al->order[r];
        if (al->used[x]) continue;
        size_t c = 0;
        uint32_t y = x;
        while (y != NONE && !al->used[y]) {
            al->used[y] = 1;
            al->chain[c++] = y;
            y = al->pred[y];
        }
        float score = al->f[x] - (y != NONE ? al->f[y] : 0.0f);
        if (score < (float)(ALIGN_K + 1)) continue; /* a lone k-gram: chance, mostly */
        if (al->stats.cells > budget) break;         /* see ALIGN_CELLS_PER_WORD */
        for (size_t k = 0; k < c / 2; k++) { /* into text order */
            uint32_t t = al->chain[k];
            al->chain[k] = al->chain[c - 1 - k];
            al->chain[c - 1 - k] = t;
        }
        size_t p0 = al->n_path;
        TRY(build_path(al, al->chain, c));
        mark_synonyms(al, p0, al->n_path);
        TRY(segment(al, p0, al->n_path));
        al->stats.chains++;
    }
    al->stats.columns = al->n_path;
    al->stats.candidates = al->n_cands;
    return CONCORD_OK;
}

/* ---- 6. Selection and 7. classification ---------------------------------- */

typedef struct piece_stats {
    size_t eq, canon, sub, del, ins;
    uint32_t a0, a1, b0, b1; /* first and last words (inclusive) */
} piece_stats;

static void piece_measure(const concord_aligner *al, size_t c0, size_t c1, piece_stats *p)
{
    memset(p, 0, sizeof *p);
    p->a0 = p->b0 = NONE;
    for (size_t c = c0; c < c1; c++) {
        const column *col = &al->path[c];
        switch (col->op) {
        case OP_EQ: p->eq++; break;
        case OP_CANON:
        case OP_SYN: p->canon++; break;
        case OP_SUB: p->sub++; break;
        case OP_DEL: p->del++; break;
        default: p->ins++; break;
        }
        if (col->op != OP_INS) {
            if (p->a0 == NONE) p->a0 = col->i;
            p->a1 = col->i;
        }
        if (col->op != OP_DEL) {
            if (p->b0 == NONE) p->b0 = col->j;
            p->b1 = col->j;
        }
    }
}

static concord_passage_kind classify(const piece_stats *p, size_t a_words, size_t b_words)
{
    size_t words = a_words > b_words ? a_words : b_words;
    size_t changed = p->canon + p->sub, indels = p->del + p->ins;
    if (p->eq * 100 >= words * 98) return CONCORD_PASSAGE_VERBATIM;
    if (changed >= 3 && changed >= 2 * indels &&
        (changed * 100 >= words * 4 || (p->canon >= 3 && p->canon * 100 >= words * 2)))
        return CONCORD_PASSAGE_SPUN;
    return CONCORD_PASSAGE_EDITED;
}

/* Columns [c0, c1) are free of taken words: trim to matches, check, accept. */
static concord_status consider_piece(concord_aligner *al, size_t c0, size_t c1)
{
    while (c0 < c1 && !op_matches(al->path[c0].op)) c0++;
    while (c1 > c0 && !op_matches(al->path[c1 - 1].op)) c1--;
    if (c0 == c1) return CONCORD_OK;
    piece_stats p;
    piece_measure(al, c0, c1, &p);
    size_t matches = p.eq + p.canon;
    if (matches < al->opt.min_words) return CONCORD_OK;
    size_t a_words = (size_t)p.a1 - p.a0 + 1, b_words = (size_t)p.b1 - p.b0 + 1;
    assert(a_words == p.eq + p.canon + p.sub + p.del);
    assert(b_words == p.eq + p.canon + p.sub + p.ins);
    double score = 2.0 * (double)matches / (double)(a_words + b_words);
    if (score < al->opt.min_score) return CONCORD_OK;
    for (size_t i = p.a0; i <= p.a1; i++) {
        assert(!al->a.taken[i]);
        al->a.taken[i] = 1;
    }
    for (size_t j = p.b0; j <= p.b1; j++) {
        assert(!al->b.taken[j]);
        al->b.taken[j] = 1;
    }
    concord_passage out = {
        .a_start = al->a.tok[p.a0].start, .a_end = al->a.tok[p.a1].end,
        .b_start = al->b.tok[p.b0].start, .b_end = al->b.tok[p.b1].end,
        .kind = classify(&p, a_words, b_words), .score = score,
    };
    return VEC_PUSH(al->out, al->n_out, al->out_cap, out);
}

static int blocked(const concord_aligner *al, const column *col)
{
    return (col->op != OP_INS && al->a.taken[col->i]) || (col->op != OP_DEL && al->b.taken[col->j]);
}

static int by_a_start(const void *x, const void *y)
{
    const concord_passage *p = x, *q = y;
    return (p->a_start > q->a_start) - (p->a_start < q->a_start);
}

static concord_status select_passages(concord_aligner *al)
{
    size_t nc = al->n_cands;
    if (ENSURE(al->order, al->order_cap, nc + 1) || ENSURE(al->tmp, al->tmp_cap, nc + 1))
        return CONCORD_ERR_NOMEM;
    for (size_t k = 0; k < nc; k++)
        al->order[k] = (uint64_t)(UINT32_MAX - al->cands[k].weight) << 32 | k;
    radix_sort_u64(al->order, al->tmp, nc);
    for (size_t r = 0; r < nc; r++) {
        const candidate *cd = &al->cands[(uint32_t)al->order[r]];
        size_t start = cd->c0;
        for (size_t c = cd->c0; c <= cd->c1; c++) {
            if (c == cd->c1 || blocked(al, &al->path[c])) {
                if (c > start) TRY(consider_piece(al, start, c));
                start = c + 1;
            }
        }
    }
    if (al->n_out > 1) qsort(al->out, al->n_out, sizeof *al->out, by_a_start);
    return CONCORD_OK;
}

static double coverage(const side *s)
{
    if (!s->word_bytes) return 0.0;
    size_t covered = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->taken[i]) covered += s->tok[i].end - s->tok[i].start;
    return (double)covered / (double)s->word_bytes;
}

concord_status concord_align(concord_aligner *al, const char *a, size_t a_len, const char *b,
                             size_t b_len)
{
    if (!al) return CONCORD_ERR_INVALID;
    al->n_out = al->n_path = al->n_cands = al->n_hits = 0;
    al->cov_a = al->cov_b = 0.0;
    memset(&al->stats, 0, sizeof al->stats);
    if ((!a && a_len) || (!b && b_len)) return CONCORD_ERR_INVALID;
    concord_status st = side_load(al, &al->a, a, a_len);
    if (!st) st = side_load(al, &al->b, b, b_len);
    if (!st) {
        al->stats.tokens_a = al->a.n;
        al->stats.tokens_b = al->b.n;
        st = find_hits(al);
    }
    if (!st) st = chain_and_refine(al);
    if (!st) st = select_passages(al);
    if (st) {
        al->n_out = 0;
        return st;
    }
    al->cov_a = coverage(&al->a);
    al->cov_b = coverage(&al->b);
    return CONCORD_OK;
}
