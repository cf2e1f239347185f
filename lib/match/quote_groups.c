/*
 * quote_groups.c - the same quotation across articles (the public
 * concord_quote_groups).
 *
 * add() reduces a quote to the sorted set of its normalised words (64-bit
 * hashes of their first QUOTE_GROUPS_PREFIX code points; the lowest bit
 * marks English function words) plus a hash of the exact word sequence
 * and a speaker key. run():
 *   1. exact classes: quotes with the same word sequence (case,
 *      punctuation and curly quotes already gone) are joined, and only one
 *      representative per class goes on;
 *   2. an inverted index of (word) keys, and one of (speaker, word) keys,
 *      over the representatives, each built by one radix sort;
 *   3. candidate pairs by prefix filtering (probe_pass): each quote looks
 *      up only its rarest keys, as many as the threshold allows it to
 *      miss plus one, and takes the larger quotes in those lists; a list
 *      longer than QUOTE_GROUPS_LIST_CAP (a common word) gives only the
 *      QUOTE_GROUPS_WINDOW neighbours in MinHash order, so a common word
 *      costs O(list), never its square;
 *   4. each candidate is scored exactly (quote_groups_score) and joined by
 *      union-find when the score reaches the threshold.
 * Time O(W log W) for W words added, plus O(candidates * quote length).
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "match/quote_groups.h"
#include "sketch/hash.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/radix.h"
#include "util/unionfind.h"

enum { WORD_SEED = 0x51u, MIN_SEED = 0x6d696eu };

/* Sorted (bsearch); words a translation or a paraphrase changes freely. */
static const char *const STOPWORDS[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "anyone", "anything", "are", "aren't", "as", "at", "be", "because", "been", "before", "being",
    "below", "between", "both", "but", "by", "can", "can't", "cannot", "could", "couldn't", "did",
    "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during", "each", "else", "even",
    "ever", "every", "few", "for", "from", "further", "had", "hadn't", "has", "hasn't", "have",
    "haven't", "having", "he", "he's", "her", "here", "hers", "herself", "him", "himself", "his",
    "how", "i", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself",
    "just", "let's", "me", "more", "most", "much", "must", "mustn't", "my", "myself", "no", "nor",
    "not", "nothing", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
    "ourselves", "out", "over", "own", "same", "shall", "she", "should", "shouldn't", "so", "some",
    "still", "such", "than", "that", "that's", "the", "their", "theirs", "them", "themselves",
    "then", "there", "there's", "these", "they", "they're", "this", "those", "through", "to",
    "too", "under", "until", "up", "upon", "us", "very", "was", "wasn't", "we", "we're", "we've",
    "were", "weren't", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "won't", "would", "wouldn't", "yet", "you", "you're", "your", "yours", "yourself",
};

static int stop_cmp(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

int quote_groups_is_stopword(const char *norm, size_t len)
{
    char w[16];
    if (len == 0 || len >= sizeof w) return 0;
    memcpy(w, norm, len);
    w[len] = '\0';
    return bsearch(w, STOPWORDS, sizeof STOPWORDS / sizeof *STOPWORDS, sizeof *STOPWORDS, stop_cmp) !=
           NULL;
}

struct concord_quote_groups {
    concord_text *text;
    double threshold;
    int ran;
    size_t n, cap;         /* quotes added */
    uint64_t *seq;         /* hash of the word sequence (0: no words) */
    uint64_t *speaker;     /* speaker key, 0 when none */
    size_t *woff;          /* quote i's sets: words[woff[i] .. woff[i+1]) */
    uint32_t *nuni;        /* ... of which the first nuni[i] are words, the rest bigrams */
    uint64_t *words;       /* per quote: sorted unique word values, then bigram values */
    size_t wlen, wcap;
    uint64_t *scratch;     /* one quote's words while adding */
    size_t scap;
    size_t candidates;
    size_t *members;       /* groups' members, concatenated */
    size_t *goff;          /* group g: members[goff[g] .. goff[g+1]) */
    size_t ngroups;
};

concord_status concord_quote_groups_create(concord_quote_groups **out)
{
    if (!out) return CONCORD_ERR_INVALID;
    *out = NULL;
    concord_quote_groups *g = calloc(1, sizeof *g);
    if (!g) return CONCORD_ERR_NOMEM;
    concord_status st = concord_text_create(&g->text);
    if (st) {
        free(g);
        return st;
    }
    g->threshold = QUOTE_GROUPS_THRESHOLD;
    g->woff = calloc(1, sizeof *g->woff);
    if (!g->woff) {
        concord_quote_groups_free(g);
        return CONCORD_ERR_NOMEM;
    }
    *out = g;
    return CONCORD_OK;
}

void concord_quote_groups_free(concord_quote_groups *g)
{
    if (!g) return;
    concord_text_free(g->text);
    free(g->seq);
    free(g->speaker);
    free(g->woff);
    free(g->nuni);
    free(g->words);
    free(g->scratch);
    free(g->members);
    free(g->goff);
    free(g);
}

concord_status concord_quote_groups_set_threshold(concord_quote_groups *g, double threshold)
{
    if (!g || g->ran || !(threshold > 0.0 && threshold <= 2.0)) return CONCORD_ERR_INVALID;
    g->threshold = threshold;
    return CONCORD_OK;
}

/* Bytes of the first QUOTE_GROUPS_PREFIX code points of a norm. */
static size_t prefix_len(const char *s, size_t len)
{
    size_t cps = 0, i = 0;
    for (; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && cps++ == QUOTE_GROUPS_PREFIX) break;
    }
    return i;
}

/* Value of a word in a set: the hash of its first QUOTE_GROUPS_PREFIX
   code points (a crude stem: "public", "publish", "publicly" are one
   word), with the lowest bit set for function words. Equal words stay
   equal and sets stay sortable. */
static uint64_t word_value(const concord_token *t)
{
    uint64_t h = hash_token(t->norm, prefix_len(t->norm, t->norm_len), WORD_SEED) & ~UINT64_C(1);
    return h | (uint64_t)quote_groups_is_stopword(t->norm, t->norm_len);
}

/* Speaker key: the surname (last word) when it is capitalised, else the
   whole phrase ("NATO official"); 0 when there are no words. */
static uint64_t speaker_key(concord_text *text, const char *s, size_t len, concord_status *st)
{
    *st = CONCORD_OK;
    if (!s || !len) return 0;
    if ((*st = concord_text_analyse(text, s, len, 0))) return 0;
    size_t n;
    const concord_token *tk = text_tokens(text, &n);
    if (n == 0) return 0;
    uint64_t h;
    if (tk[n - 1].flags & CONCORD_TOKEN_UPPER) {
        h = hash_mix64(hash_token(tk[n - 1].norm, tk[n - 1].norm_len, WORD_SEED) ^ 0x5u);
    } else {
        h = 0x7u;
        for (size_t i = 0; i < n; i++) h = hash_combine(h, hash_token(tk[i].norm, tk[i].norm_len, WORD_SEED));
        h = hash_mix64(h);
    }
    return h ? h : 1;
}

concord_status concord_quote_groups_add(concord_quote_groups *g, const char *text, size_t len,
                                        const char *speaker, size_t speaker_len)
{
    if (!g || g->ran || (!text && len) || (!speaker && speaker_len)) return CONCORD_ERR_INVALID;
    if (g->n + 1 >= UINT32_MAX) return CONCORD_ERR_TOO_LARGE;
    concord_status st;
    uint64_t spk = speaker_key(g->text, speaker, speaker_len, &st);
    if (st) return st;
    if ((st = concord_text_analyse(g->text, text ? text : "", len, 0))) return st;
    size_t nt;
    const concord_token *tk = text_tokens(g->text, &nt);
    if (nt > g->scap) { /* unigrams, bigrams, sort scratch: nt each */
        size_t cap = nt * 2;
        uint64_t *p = realloc(g->scratch, cap * 3 * sizeof *p);
        if (!p) return CONCORD_ERR_NOMEM;
        g->scratch = p, g->scap = cap;
    }
    uint64_t *uni = g->scratch, *bi = g->scratch + g->scap, *tmp = g->scratch + 2 * g->scap;
    uint64_t seq = 0x9u;
    for (size_t i = 0; i < nt; i++) {
        uni[i] = word_value(&tk[i]);
        if (i) bi[i - 1] = hash_mix64(hash_combine(uni[i - 1] | 1, uni[i]));
        seq = hash_combine(seq, hash_token(tk[i].norm, tk[i].norm_len, WORD_SEED));
    }
    size_t nu = sort_unique_u64(uni, tmp, nt);
    size_t nb = nt ? sort_unique_u64(bi, tmp, nt - 1) : 0;
    if (g->n + 1 >= g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        uint64_t *a = realloc(g->seq, cap * sizeof *a);
        if (a) g->seq = a;
        uint64_t *b = realloc(g->speaker, cap * sizeof *b);
        if (b) g->speaker = b;
        size_t *c = realloc(g->woff, (cap + 1) * sizeof *c);
        if (c) g->woff = c;
        uint32_t *d = realloc(g->nuni, cap * sizeof *d);
        if (d) g->nuni = d;
        if (!a || !b || !c || !d) return CONCORD_ERR_NOMEM;
        g->cap = cap;
    }
    if (g->wlen + nu + nb > g->wcap) {
        size_t cap = g->wcap ? g->wcap : 1024;
        while (cap < g->wlen + nu + nb) cap *= 2;
        uint64_t *p = realloc(g->words, cap * sizeof *p);
        if (!p) return CONCORD_ERR_NOMEM;
        g->words = p, g->wcap = cap;
    }
    if (nu) memcpy(g->words + g->wlen, uni, nu * sizeof *g->words);
    if (nb) memcpy(g->words + g->wlen + nu, bi, nb * sizeof *g->words);
    g->wlen += nu + nb;
    g->seq[g->n] = nt ? hash_mix64(seq) | 1 : 0;
    g->speaker[g->n] = spk;
    g->nuni[g->n] = (uint32_t)nu;
    g->n++;
    g->woff[g->n] = g->wlen;
    return CONCORD_OK;
}

/* |X & Y| of two sorted sets; *content counts shared values whose lowest
   bit is clear (content words). */
static size_t intersect(const uint64_t *x, size_t nx, const uint64_t *y, size_t ny, size_t *content)
{
    size_t i = 0, j = 0, common = 0, cont = 0;
    while (i < nx && j < ny) {
        if (x[i] < y[j]) i++;
        else if (x[i] > y[j]) j++;
        else {
            common++;
            cont += !(x[i] & 1);
            i++, j++;
        }
    }
    if (content) *content = cont;
    return common;
}

double quote_groups_score(const concord_quote_groups *g, size_t a, size_t b)
{
    if (!g || a >= g->n || b >= g->n) return 0.0;
    const uint64_t *x = g->words + g->woff[a], *y = g->words + g->woff[b];
    size_t nx = g->nuni[a], ny = g->nuni[b];
    size_t bx = g->woff[a + 1] - g->woff[a] - nx, by = g->woff[b + 1] - g->woff[b] - ny;
    size_t content, common = intersect(x, nx, y, ny, &content);
    if (common < 2) return 0.0;
    int same = g->speaker[a] && g->speaker[a] == g->speaker[b];
    int differ = g->speaker[a] && g->speaker[b] && !same;
    double cont = (double)common / (double)(nx < ny ? nx : ny);
    double dice = 2.0 * (double)common / (double)(nx + ny);
    if (content < 2 && !(same && common >= 3 && cont >= QUOTE_GROUPS_SPEAKER_CONTAINMENT)) return 0.0;
    /* bigrams of the shorter quote found in the other: the words of a partial
       quote come in the same order; capped by the word containment */
    size_t shorter = nx < ny || (nx == ny && bx <= by) ? bx : by;
    double cont2 = shorter ? (double)intersect(x + nx, bx, y + ny, by, NULL) / (double)shorter : cont;
    if (cont2 > cont) cont2 = cont;
    return 0.5 * cont + 0.25 * cont2 + 0.25 * dice + (same ? QUOTE_GROUPS_SPEAKER_BONUS * cont : 0.0) -
           (differ ? QUOTE_GROUPS_SPEAKER_PENALTY : 0.0);
}

size_t quote_groups_candidates(const concord_quote_groups *g) { return g ? g->candidates : 0; }

typedef struct seq_entry {
    uint64_t seq;
    uint32_t idx;
} seq_entry;

static int seq_cmp(const void *pa, const void *pb)
{
    const seq_entry *a = pa, *b = pb;
    if (a->seq != b->seq) return a->seq < b->seq ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Append pair (a, b) as one 64-bit key, a < b. */
static concord_status push_pair(uint64_t **v, size_t *len, size_t *cap, uint32_t a, uint32_t b)
{
    uint64_t key = a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
    return VEC_PUSH(*v, *len, *cap, key);
}

/* One index entry of a quote: the list of one of its keys. */
typedef struct probe {
    uint32_t df;    /* length of the key's list */
    uint32_t start; /* the list: post[start .. start + df) */
    uint32_t pos;   /* this quote's position in it */
} probe;

static int probe_cmp(const void *pa, const void *pb)
{
    const probe *a = pa, *b = pb;
    if (a->df != b->df) return a->df < b->df ? -1 : 1;
    return a->start < b->start ? -1 : a->start > b->start;
}

static void sort_probes(probe *p, size_t n)
{
    if (n > 16) {
        qsort(p, n, sizeof *p, probe_cmp);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        probe x = p[i];
        size_t j = i;
        for (; j > 0 && probe_cmp(&p[j - 1], &x) > 0; j--) p[j] = p[j - 1];
        p[j] = x;
    }
}

typedef struct cand_ctx {
    concord_quote_groups *g;
    const uint32_t *reps;  /* representatives in MinHash order (rank -> quote) */
    size_t nr;
    uint64_t *post;        /* (key << 32 | rank), sorted; 2 * np slots (radix tmp) */
    probe *probes;
    size_t *off;           /* probes of rank r: probes[off[r] .. off[r+1]) */
    size_t *fill;
    uint64_t *pairs;
    size_t plen, pcap;
} cand_ctx;

static size_t qsize(const concord_quote_groups *g, size_t i) { return g->nuni[i]; }

/*
 * One pass of prefix filtering over one kind of key. Every quote's keys are
 * indexed; each quote A probes only the lists of its rarest keys, as many
 * as a pair reaching the threshold can miss plus one: a quote B at least as
 * large as A that shares enough of A shares one of those keys (the
 * prefix-filter principle, with rarity as the global order).
 *  - speaker pass: keys (speaker, word) for all words; the score is at
 *    most 1.2 x containment, so a pair needs containment >= cmin =
 *    threshold / 1.2, o = max(2, ceil(cmin|A|)) shared keys, and A probes
 *    |A| - o + 1 keys;
 *  - word pass: content words only, since a pair without the same speaker
 *    needs 2 shared content words; containment >= cmin = threshold means
 *    at least ceil(cmin|A|) - (A's function words) shared content words.
 * A list longer than QUOTE_GROUPS_LIST_CAP gives A only its
 * QUOTE_GROUPS_WINDOW neighbours on each side in MinHash order (a
 * heuristic: no guarantee there).
 */
static concord_status probe_pass(cand_ctx *c, int speaker_keys, double cmin)
{
    concord_quote_groups *g = c->g;
    size_t np = 0;
    for (size_t r = 0; r < c->nr; r++) {
        size_t i = c->reps[r];
        c->off[r] = np;
        if (speaker_keys && g->speaker[i]) np += qsize(g, i);
        if (!speaker_keys)
            for (size_t w = g->woff[i]; w < g->woff[i] + g->nuni[i]; w++) np += !(g->words[w] & 1);
    }
    c->off[c->nr] = np;
    if (np == 0) return CONCORD_OK;
    size_t k = 0;
    for (size_t r = 0; r < c->nr; r++) {
        size_t i = c->reps[r];
        if (speaker_keys && !g->speaker[i]) continue;
        for (size_t w = g->woff[i]; w < g->woff[i] + g->nuni[i]; w++) {
            uint64_t v = g->words[w];
            if (!speaker_keys && (v & 1)) continue; /* a function word */
            uint64_t key = speaker_keys ? hash_mix64(hash_combine(g->speaker[i], v)) : v;
            c->post[k++] = (key >> 32) << 32 | r;
        }
    }
    assert(k == np);
    radix_sort_u64(c->post, c->post + np, np);
    for (size_t r = 0; r <= c->nr; r++) c->fill[r] = c->off[r];
    for (size_t a = 0; a < np;) {
        size_t b = a + 1;
        while (b < np && c->post[b] >> 32 == c->post[a] >> 32) b++;
        for (size_t x = a; x < b; x++) {
            uint32_t r = (uint32_t)c->post[x];
            c->probes[c->fill[r]++] = (probe){(uint32_t)(b - a), (uint32_t)a, (uint32_t)(x - a)};
        }
        a = b;
    }
    for (size_t r = 0; r < c->nr; r++) {
        size_t n = c->off[r + 1] - c->off[r], ia = c->reps[r], na = qsize(g, ia);
        if (n < 2) continue;
        probe *pr = c->probes + c->off[r];
        sort_probes(pr, n);
        double need = cmin * (double)na - 1e-9;
        if (!speaker_keys) need -= (double)(na - n); /* A's function words may all be shared */
        size_t omin = need > 2.0 ? (size_t)need + 1 : 2;
        if (omin > n) continue;
        size_t pfx = n - omin + 1;
        for (size_t e = 0; e < pfx; e++) {
            const uint64_t *list = c->post + pr[e].start;
            size_t df = pr[e].df, lo = 0, hi = df;
            int window = df > QUOTE_GROUPS_LIST_CAP;
            if (window) {
                lo = pr[e].pos > QUOTE_GROUPS_WINDOW ? pr[e].pos - QUOTE_GROUPS_WINDOW : 0;
                hi = pr[e].pos + QUOTE_GROUPS_WINDOW + 1 < df ? pr[e].pos + QUOTE_GROUPS_WINDOW + 1 : df;
            }
            for (size_t y = lo; y < hi; y++) {
                if (y == pr[e].pos) continue;
                uint32_t ib = c->reps[(uint32_t)list[y]];
                size_t nb = qsize(g, ib);
                if (!window && (nb < na || (nb == na && ib < ia))) continue; /* B probes */
                concord_status st = push_pair(&c->pairs, &c->plen, &c->pcap, (uint32_t)ia, ib);
                if (st) return st;
            }
        }
    }
    return CONCORD_OK;
}

/* Steps 2 and 3: candidate pairs of representatives, sorted and unique. */
static concord_status candidates(concord_quote_groups *g, const uint8_t *rep, uint64_t **out,
                                 size_t *out_len)
{
    concord_status st = CONCORD_OK;
    size_t nr = 0, maxp = 0;
    for (size_t i = 0; i < g->n; i++)
        if (rep[i]) nr++, maxp += qsize(g, i);
    cand_ctx c = {.g = g, .nr = nr};
    uint32_t *reps = malloc((nr ? nr : 1) * sizeof *reps);
    uint64_t *order = malloc((nr ? nr : 1) * 2 * sizeof *order);
    c.post = malloc((maxp ? maxp : 1) * 2 * sizeof *c.post);
    c.probes = malloc((maxp ? maxp : 1) * sizeof *c.probes);
    c.off = malloc((nr + 1) * sizeof *c.off);
    c.fill = malloc((nr + 1) * sizeof *c.fill);
    if (!reps || !order || !c.post || !c.probes || !c.off || !c.fill) {
        st = CONCORD_ERR_NOMEM;
        goto done;
    }
    /* Representatives in MinHash order, so that a long list holds similar
       quotes next to each other (they tend to share their minimum). */
    size_t k = 0;
    for (size_t i = 0; i < g->n; i++) {
        if (!rep[i]) continue;
        uint64_t m = UINT64_MAX;
        for (size_t w = g->woff[i]; w < g->woff[i] + g->nuni[i]; w++) {
            uint64_t mv = hash_mix64(g->words[w] ^ MIN_SEED);
            if (mv < m) m = mv;
        }
        order[k++] = (m >> 32) << 32 | i;
    }
    radix_sort_u64(order, order + nr, nr);
    for (size_t r = 0; r < nr; r++) reps[r] = (uint32_t)order[r];
    c.reps = reps;
    double t = g->threshold;
    if ((st = probe_pass(&c, 0, t))) goto done;
    if ((st = probe_pass(&c, 1, t / (1.0 + QUOTE_GROUPS_SPEAKER_BONUS)))) goto done;
    if (c.plen) {
        uint64_t *tmp = malloc(c.plen * sizeof *tmp);
        if (!tmp) st = CONCORD_ERR_NOMEM;
        else {
            c.plen = sort_unique_u64(c.pairs, tmp, c.plen);
            free(tmp);
        }
    }
done:
    free(reps);
    free(order);
    free(c.post);
    free(c.probes);
    free(c.off);
    free(c.fill);
    if (st) {
        free(c.pairs);
        return st;
    }
    *out = c.pairs;
    *out_len = c.plen;
    return CONCORD_OK;
}

concord_status concord_quote_groups_run(concord_quote_groups *g)
{
    if (!g || g->ran) return CONCORD_ERR_INVALID;
    g->ran = 1;
    size_t n = g->n;
    if (n < 2) return CONCORD_OK;
    unionfind uf;
    concord_status st = uf_init(&uf, n);
    if (st) return st;
    uint8_t *rep = calloc(n, 1);
    seq_entry *se = malloc(n * sizeof *se);
    uint64_t *pairs = NULL;
    size_t *count = NULL, *gid = NULL;
    if (!rep || !se) {
        st = CONCORD_ERR_NOMEM;
        goto done;
    }
    /* 1. Exact classes. */
    for (size_t i = 0; i < n; i++) se[i] = (seq_entry){g->seq[i], (uint32_t)i};
    qsort(se, n, sizeof *se, seq_cmp);
    for (size_t a = 0; a < n;) {
        size_t b = a + 1;
        while (b < n && se[b].seq == se[a].seq) b++;
        if (se[a].seq) {
            rep[se[a].idx] = 1;
            for (size_t x = a + 1; x < b; x++) uf_union(&uf, se[a].idx, se[x].idx);
        }
        a = b;
    }
    /* 2-4. Candidates, verified. */
    size_t np = 0;
    if ((st = candidates(g, rep, &pairs, &np))) goto done;
    g->candidates = np;
    for (size_t p = 0; p < np; p++) {
        uint32_t a = (uint32_t)(pairs[p] >> 32), b = (uint32_t)pairs[p];
        if (uf_find(&uf, a) == uf_find(&uf, b)) continue;
        if (quote_groups_score(g, a, b) >= g->threshold) uf_union(&uf, a, b);
    }
    /* Groups: sizes by root, numbered in order of their smallest member. */
    count = calloc(n, sizeof *count);
    gid = malloc(n * sizeof *gid);
    g->goff = malloc((n + 1) * sizeof *g->goff);
    g->members = malloc(n * sizeof *g->members);
    if (!count || !gid || !g->goff || !g->members) {
        st = CONCORD_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) count[uf_find(&uf, (uint32_t)i)]++;
    size_t ng = 0;
    g->goff[0] = 0;
    for (size_t i = 0; i < n; i++) gid[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        uint32_t r = uf_find(&uf, (uint32_t)i);
        if (count[r] < 2 || gid[r] != SIZE_MAX) continue;
        gid[r] = ng;
        g->goff[ng + 1] = g->goff[ng] + count[r];
        ng++;
    }
    for (size_t x = 0; x < ng; x++) count[x] = g->goff[x]; /* now write cursors by group */
    for (size_t i = 0; i < n; i++) {
        uint32_t r = uf_find(&uf, (uint32_t)i);
        if (gid[r] != SIZE_MAX) g->members[count[gid[r]]++] = i;
    }
    for (size_t x = 0; x < ng; x++) assert(count[x] == g->goff[x + 1]);
    g->ngroups = ng;
done:
    uf_free(&uf);
    free(rep);
    free(se);
    free(pairs);
    free(count);
    free(gid);
    return st;
}

size_t concord_quote_groups_count(const concord_quote_groups *g) { return g ? g->ngroups : 0; }

const size_t *concord_quote_groups_members(const concord_quote_groups *g, size_t i, size_t *count)
{
    if (!g || i >= g->ngroups) {
        if (count) *count = 0;
        return NULL;
    }
    if (count) *count = g->goff[i + 1] - g->goff[i];
    return g->members + g->goff[i];
}
