/*
 * dedup_truth.c - exact ground truth for `concord dedup`, and the figures that
 * grade its output against it.
 *
 *   dedup_truth [OPTIONS] CORPUS.jsonl CONCORD_OUTPUT.jsonl
 *   dedup_truth --self-test
 *   dedup_truth --generate N [--seed S] > corpus.jsonl
 *
 * The truth is computed here, independently of concord's code (nothing from
 * lib/ or concord.h is used):
 *
 *   tokens    maximal runs of word bytes: ASCII letters and digits, and any
 *             byte >= 0x80 (so UTF-8 letters belong to words); ASCII letters
 *             are folded to lower case. Everything else separates words.
 *   shingles  K consecutive tokens (K = --shingle, default 5) joined by one
 *             space, hashed to 64 bits (FNV-1a, then a splitmix64 finaliser).
 *             A text with 1..K-1 tokens has one shingle of all its tokens
 *             (the same convention as concord, so short texts still compare);
 *             a text without tokens has no shingles and takes no part in the
 *             truth.
 *   Jaccard   J(A, B) = |A & B| / |A | B| on the shingle sets.
 *   join      every pair with J >= --join (default 0.5), found EXACTLY with
 *             the AllPairs prefix-filtering set-similarity join (Bayardo, Ma
 *             and Srikant, WWW 2007): shingles are ranked by global frequency
 *             (rarest first), each set is sorted by that rank, a set x is
 *             indexed by its prefix of |x| - ceil(t|x|) + 1 elements, two sets
 *             become a candidate pair when they share a prefix element (and
 *             pass the size filter |y| >= t|x|), and every candidate is
 *             verified by an exact sorted-set intersection. No pair with
 *             J >= t can be missed: if J(x, y) >= t and |y| <= |x| then
 *             |x & y| >= ceil(t|x|), so the two prefixes must intersect.
 *             --self-test checks the join against brute force.
 *
 * Figures (from concord's JSON Lines output, `{"type":"pair",...}` lines):
 *   recall     of the true pairs with J >= L, the share concord reported (any
 *              relation), for L = 0.8, 0.85 (the headline, --recall-level) and
 *              0.9;
 *   precision  of the pairs concord reported as exact or near, the share with
 *              J_true >= 0.75 (--precision-level). J_true is computed directly
 *              for every reported pair, so pairs below the join threshold are
 *              graded too.
 *
 * Output: a short table on stdout, then one JSON line ({"type":"dedup_eval",
 * ...}) as the last line of stdout. Missed pairs and low-J reported pairs are
 * listed on stderr (the first 20 of each) or all of them in --details FILE.
 *
 * Exit status: 0 success; 1 a --min-recall / --min-precision gate failed;
 * 2 usage error, unreadable or malformed input (an invalid corpus record is
 * skipped with a warning, as concord does; an invalid line of concord's
 * output is fatal, since the grade would be wrong).
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EVAL_PROG "dedup_truth"
#include "eval_common.h"

enum { EXIT_GATE = 1, EXIT_USAGE = 2 };

/* Tolerance for comparisons of a Jaccard value or t*|x| with a threshold:
 * thresholds are decimal fractions that doubles cannot hold exactly. */
#define EPS 1e-9

/* Recall is reported at these levels (the headline level is --recall-level). */
static const double recall_levels[] = {0.80, 0.85, 0.90};
#define N_LEVELS (sizeof recall_levels / sizeof recall_levels[0])

/* ------------------------------------------------------------------------ */
/* Errors and memory (die and the x-allocators are in eval_common.h)       */
/* ------------------------------------------------------------------------ */

/* Print "dedup_truth: warning: MESSAGE" on stderr. */
static void warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dedup_truth: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* Grow *p (elements of size bytes, capacity *cap) to hold at least need. */
static void grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return;
    size_t c = *cap ? *cap : 16;
    while (c < need) c *= 2;
    *p = xrealloc(*p, c * size);
    *cap = c;
}

/* Seconds on a monotonic clock. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Parse a number in [lo, hi] from s, or die naming the option. */
static double parse_double(const char *opt, const char *s, double lo, double hi)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi))
        die("%s: expected a number in [%g, %g], got '%s'", opt, lo, hi, s);
    return v;
}

/* Parse an integer in [lo, hi] from s, or die naming the option. */
static long parse_long(const char *opt, const char *s, long lo, long hi)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        die("%s: expected an integer in [%ld, %ld], got '%s'", opt, lo, hi, s);
    return v;
}

/* ------------------------------------------------------------------------ */
/* Hashing, tokens and shingles                                             */
/* ------------------------------------------------------------------------ */

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME  0x100000001b3ULL

/* FNV-1a step over one byte. */
static inline uint64_t fnv_byte(uint64_t h, unsigned char c)
{
    return (h ^ c) * FNV_PRIME;
}

/* splitmix64 finaliser: a bijection that spreads FNV's weak low bits. */
static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* True for a byte that belongs to a word: [A-Za-z0-9] or >= 0x80. */
static inline int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* ASCII lower case; other bytes unchanged. */
static inline unsigned char fold(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* A token: offset and length of a word in the text. */
typedef struct span {
    size_t off, len;
} span;

/* Hash of the n tokens at w (over text s), joined by single spaces, folded. */
static uint64_t hash_words(const unsigned char *s, const span *w, size_t n)
{
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < n; i++) {
        if (i) h = fnv_byte(h, ' ');
        for (size_t j = 0; j < w[i].len; j++) h = fnv_byte(h, fold(s[w[i].off + j]));
    }
    return mix64(h);
}

/* Ascending comparison of uint64_t / uint32_t for qsort. */
static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Reusable buffers for shingling one text after another. */
typedef struct shingler {
    span *words;
    size_t nwords, wcap;
    uint64_t *out;
    size_t ocap;
} shingler;

/*
 * The sorted, duplicate-free K-shingle hashes of text[0..len): a new array
 * (caller frees; NULL when the text has no words) and its length in *n.
 */
static uint64_t *shingle_set(shingler *sh, const char *text, size_t len, unsigned k, uint32_t *n)
{
    const unsigned char *s = (const unsigned char *)text;
    sh->nwords = 0;
    for (size_t i = 0; i < len;) {
        if (!is_word_byte(s[i])) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < len && is_word_byte(s[i])) i++;
        grow((void **)&sh->words, &sh->wcap, sh->nwords + 1, sizeof *sh->words);
        sh->words[sh->nwords++] = (span){start, i - start};
    }
    size_t nw = sh->nwords;
    if (nw == 0) {
        *n = 0;
        return NULL;
    }
    size_t ns = nw < k ? 1 : nw - k + 1;
    size_t win = nw < k ? nw : k;
    grow((void **)&sh->out, &sh->ocap, ns, sizeof *sh->out);
    for (size_t i = 0; i < ns; i++) sh->out[i] = hash_words(s, sh->words + i, win);
    qsort(sh->out, ns, sizeof *sh->out, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < ns; i++)
        if (u == 0 || sh->out[i] != sh->out[u - 1]) sh->out[u++] = sh->out[i];
    if (u > UINT32_MAX) die("a text has more than 2^32 shingles");
    uint64_t *set = xmalloc(u * sizeof *set);
    memcpy(set, sh->out, u * sizeof *set);
    *n = (uint32_t)u;
    return set;
}

static void shingler_free(shingler *sh)
{
    free(sh->words);
    free(sh->out);
}

/* ------------------------------------------------------------------------ */
/* The corpus                                                               */
/* ------------------------------------------------------------------------ */

/* One article. Between corpus_add() and corpus_rank() its shingles are in
 * hashes; after corpus_rank() they are in set as global ranks. */
typedef struct doc {
    char *id;         /* canonical id (see canonical_id); owned */
    uint64_t *hashes; /* sorted shingle hashes, until corpus_rank(); owned */
    uint32_t *set;    /* shingle ranks, ascending = rarest first; in corpus.ranks */
    uint32_t n;       /* |set| (0: no words; such a doc is not in the truth) */
} doc;

typedef struct corpus {
    doc *docs;
    size_t n, cap;
    size_t lines;    /* corpus lines read */
    size_t skipped;  /* invalid records skipped */
    size_t empty;    /* records without words */
    size_t *idtab;   /* open addressing: doc index + 1, 0 = free slot */
    size_t idcap;    /* a power of two */
    size_t shingles; /* sum of |set| */
    size_t distinct; /* distinct shingles in the corpus */
    uint32_t *ranks; /* all docs' rank sets, one after another (corpus_rank) */
} corpus;

static uint64_t hash_str(const char *s)
{
    uint64_t h = FNV_OFFSET;
    while (*s) h = fnv_byte(h, (unsigned char)*s++);
    return mix64(h);
}

/* Index of the doc with this id, or SIZE_MAX. */
static size_t corpus_find(const corpus *c, const char *id)
{
    if (!c->idcap) return SIZE_MAX;
    size_t mask = c->idcap - 1;
    for (size_t i = hash_str(id) & mask;; i = (i + 1) & mask) {
        size_t v = c->idtab[i];
        if (!v) return SIZE_MAX;
        if (!strcmp(c->docs[v - 1].id, id)) return v - 1;
    }
}

/* Put doc index d in the id table (its id must not be there yet). */
static void idtab_put(corpus *c, size_t d)
{
    size_t mask = c->idcap - 1;
    size_t i = hash_str(c->docs[d].id) & mask;
    while (c->idtab[i]) i = (i + 1) & mask;
    c->idtab[i] = d + 1;
}

/* Append a doc (taking ownership of id and hashes) and index its id. */
static void corpus_add(corpus *c, char *id, uint64_t *hashes, uint32_t n)
{
    grow((void **)&c->docs, &c->cap, c->n + 1, sizeof *c->docs);
    c->docs[c->n++] = (doc){id, hashes, NULL, n};
    if (c->n * 2 > c->idcap) { /* rehash at load 1/2 */
        free(c->idtab);
        c->idcap = c->idcap ? c->idcap * 2 : 1024;
        while (c->n * 2 > c->idcap) c->idcap *= 2;
        c->idtab = xcalloc(c->idcap, sizeof *c->idtab);
        for (size_t d = 0; d < c->n; d++) idtab_put(c, d);
    } else {
        idtab_put(c, c->n - 1);
    }
    if (!n) c->empty++;
}

static void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->docs[i].id);
        free(c->docs[i].hashes);
    }
    free(c->docs);
    free(c->ranks);
    free(c->idtab);
    memset(c, 0, sizeof *c);
}

/*
 * The canonical form of a JSON id: a string as it is, an integer in decimal
 * (concord writes integer ids back as strings of their decimal form). A new
 * string, or NULL for anything else (and for strings with NUL bytes).
 */
static char *canonical_id(const json_t *v)
{
    if (json_is_string(v)) {
        size_t len = json_string_length(v);
        const char *s = json_string_value(v);
        if (memchr(s, '\0', len)) return NULL;
        return xstrndup(s, len);
    }
    if (json_is_integer(v)) {
        char num[32];
        int len = snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return xstrndup(num, (size_t)len);
    }
    return NULL;
}

/*
 * Read a JSON Lines corpus: one object a line with a string/integer id field
 * and a string text field. Mirrors concord's reader where it matters for
 * matching ids: a missing, null or empty id becomes "PATH:LINE". Records that
 * are not JSON objects, have a non-string text or an id of another type are
 * skipped with a warning; records whose text is missing count as empty.
 * A duplicate id is fatal (pairs could not be told apart).
 */
static void corpus_read(corpus *c, const char *path, const char *id_field, const char *text_field,
                        unsigned k)
{
    FILE *f = fopen(path, "r");
    if (!f) die("%s: %s", path, strerror(errno));
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    shingler sh = {0};
    while ((len = getline(&line, &lcap, f)) != -1) {
        c->lines++;
        size_t l = (size_t)len;
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r')) l--;
        size_t b = 0;
        while (b < l && (line[b] == ' ' || line[b] == '\t')) b++;
        if (b == l) continue; /* blank line */
        json_error_t err;
        json_t *o = json_loadb(line, l, 0, &err);
        if (!o || !json_is_object(o)) {
            warn("%s:%zu: not a JSON object; skipped", path, c->lines);
            json_decref(o);
            c->skipped++;
            continue;
        }
        json_t *tv = json_object_get(o, text_field);
        json_t *iv = json_object_get(o, id_field);
        if (tv && !json_is_string(tv)) {
            warn("%s:%zu: field \"%s\" is not a string; skipped", path, c->lines, text_field);
            json_decref(o);
            c->skipped++;
            continue;
        }
        char *id;
        if (!iv || json_is_null(iv) || (json_is_string(iv) && json_string_length(iv) == 0)) {
            char name[64];
            int n = snprintf(name, sizeof name, ":%zu", c->lines);
            size_t plen = strlen(path);
            id = xmalloc(plen + (size_t)n + 1);
            memcpy(id, path, plen);
            memcpy(id + plen, name, (size_t)n + 1);
        } else if (!(id = canonical_id(iv))) {
            warn("%s:%zu: field \"%s\" is not a string or integer; skipped", path, c->lines,
                 id_field);
            json_decref(o);
            c->skipped++;
            continue;
        }
        if (corpus_find(c, id) != SIZE_MAX) die("%s:%zu: duplicate id \"%s\"", path, c->lines, id);
        uint32_t n = 0;
        uint64_t *set =
            tv ? shingle_set(&sh, json_string_value(tv), json_string_length(tv), k, &n) : NULL;
        json_decref(o);
        corpus_add(c, id, set, n);
    }
    int rerr = ferror(f);
    free(line);
    shingler_free(&sh);
    fclose(f);
    if (rerr) die("%s: read error", path);
}

/* A shingle hash and where it goes in corpus.ranks. */
typedef struct hslot {
    uint64_t h;
    uint32_t slot;
} hslot;

/* LSD radix sort of n hslots by h, stable (tmp: scratch of n). */
static void radix_sort_hslot(hslot *a, hslot *tmp, size_t n)
{
    for (unsigned shift = 0; shift < 64; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++) count[((a[i].h >> shift) & 0xff) + 1]++;
        if (count[((a[0].h >> shift) & 0xff) + 1] == n) continue; /* one byte value: no-op */
        for (int b = 0; b < 256; b++) count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++) tmp[count[(a[i].h >> shift) & 0xff]++] = a[i];
        memcpy(a, tmp, n * sizeof *a);
    }
}

/*
 * Replace every doc's shingle hashes by global ranks: shingles ordered by
 * corpus frequency ascending (document frequency, as sets have no repeats),
 * ties by hash. Each doc's set ends up sorted ascending, rarest first: the
 * global order that AllPairs' prefixes are taken in. The sets are stored
 * one after another in c->ranks.
 */
static void corpus_rank(corpus *c)
{
    size_t total = 0;
    for (size_t i = 0; i < c->n; i++) total += c->docs[i].n;
    c->shingles = total;
    if (total >= UINT32_MAX) die("more than 2^32 shingles in the corpus");
    hslot *all = xmalloc((total ? total : 1) * sizeof *all);
    size_t p = 0;
    for (size_t i = 0; i < c->n; i++) {
        doc *x = &c->docs[i];
        for (uint32_t j = 0; j < x->n; j++) all[p + j] = (hslot){x->hashes[j], (uint32_t)(p + j)};
        p += x->n;
        free(x->hashes);
        x->hashes = NULL;
    }
    hslot *tmp = xmalloc((total ? total : 1) * sizeof *tmp);
    if (total) radix_sort_hslot(all, tmp, total);
    free(tmp);

    /* Runs of equal hashes are the distinct shingles, in hash order; a run's
     * length is the shingle's document frequency. */
    uint32_t *freq = xmalloc((total ? total : 1) * sizeof *freq);
    size_t nd = 0;
    uint32_t maxf = 0;
    for (size_t i = 0; i < total; i++) {
        if (i && all[i].h == all[i - 1].h)
            freq[nd - 1]++;
        else
            freq[nd++] = 1;
        if (freq[nd - 1] > maxf) maxf = freq[nd - 1];
    }
    c->distinct = nd;

    /* rank[g] of distinct shingle g: counting sort by frequency; the scan in
     * hash order makes ties go by hash. */
    size_t *start = xcalloc((size_t)maxf + 2, sizeof *start);
    for (size_t g = 0; g < nd; g++) start[freq[g] + 1]++;
    for (size_t f = 1; f <= (size_t)maxf + 1; f++) start[f] += start[f - 1];
    for (size_t g = 0; g < nd; g++) freq[g] = (uint32_t)start[freq[g]]++; /* freq -> rank */
    free(start);

    c->ranks = xmalloc((total ? total : 1) * sizeof *c->ranks);
    for (size_t i = 0, g = 0; i < total; i++) {
        if (i && all[i].h != all[i - 1].h) g++;
        c->ranks[all[i].slot] = freq[g];
    }
    free(freq);
    free(all);
    p = 0;
    for (size_t d = 0; d < c->n; d++) {
        doc *x = &c->docs[d];
        x->set = c->ranks + p;
        p += x->n;
        qsort(x->set, x->n, sizeof *x->set, cmp_u32);
    }
}

/* |x & y| for two ascending rank sets. */
static uint32_t intersect(const doc *x, const doc *y)
{
    uint32_t i = 0, j = 0, o = 0;
    while (i < x->n && j < y->n) {
        if (x->set[i] < y->set[j])
            i++;
        else if (x->set[i] > y->set[j])
            j++;
        else {
            o++;
            i++;
            j++;
        }
    }
    return o;
}

/* Jaccard from the overlap and both sizes (two empty sets: 1, identical). */
static double jaccard(uint32_t o, uint32_t na, uint32_t nb)
{
    uint64_t u = (uint64_t)na + nb - o;
    return u ? (double)o / (double)u : 1.0;
}

/* True when o / (na + nb - o) >= t, up to EPS. */
static int jaccard_at_least(uint32_t o, uint32_t na, uint32_t nb, double t)
{
    return jaccard(o, na, nb) >= t - EPS;
}

/* ------------------------------------------------------------------------ */
/* The join                                                                 */
/* ------------------------------------------------------------------------ */

/* A pair of docs a < b with overlap inter. */
typedef struct tpair {
    uint32_t a, b, inter;
    double j;
} tpair;

typedef struct pairs {
    tpair *p;
    size_t n, cap;
} pairs;

static void pairs_push(pairs *ps, uint32_t a, uint32_t b, uint32_t inter, double j)
{
    grow((void **)&ps->p, &ps->cap, ps->n + 1, sizeof *ps->p);
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    ps->p[ps->n++] = (tpair){a, b, inter, j};
}

/* Order pairs by (a, b). */
static int cmp_pair_ab(const void *pa, const void *pb)
{
    const tpair *x = pa, *y = pb;
    if (x->a != y->a) return (x->a > y->a) - (x->a < y->a);
    return (x->b > y->b) - (x->b < y->b);
}

/* ceil(t * n) computed safely low (never above the true value), >= 1. */
static uint32_t min_overlap(uint32_t n, double t)
{
    double v = t * (double)n - EPS;
    uint32_t a = v <= 0 ? 0 : (uint32_t)ceil(v);
    return a ? a : 1;
}

/* AllPairs prefix length of a set of n elements at threshold t. */
static uint32_t prefix_len(uint32_t n, double t)
{
    uint32_t p = n - min_overlap(n, t) + 1;
    return p > n ? n : p;
}

typedef struct join_stats {
    size_t candidates; /* distinct candidate pairs verified */
    size_t postings;   /* inverted-list entries (sum of prefix lengths) */
} join_stats;

/* Order doc indices by (size, index): the processing order of AllPairs. */
static const corpus *sort_corpus;
static int cmp_by_size(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    uint32_t na = sort_corpus->docs[a].n, nb = sort_corpus->docs[b].n;
    if (na != nb) return (na > nb) - (na < nb);
    return (a > b) - (a < b);
}

/*
 * All pairs of non-empty docs with J >= t (0 < t <= 1), exactly, appended to
 * out sorted by (a, b). Requires corpus_rank(). Docs are processed in order
 * of size; a doc x probes the inverted lists of its prefix elements for docs
 * y processed before it (so |y| <= |x|) whose size passes |y| >= t|x|, then
 * the candidates are verified on the full sets, then (implicitly: the lists
 * are built up front in processing order and only read up to x's position)
 * x's own prefix is indexed.
 */
static void allpairs(const corpus *c, double t, pairs *out, join_stats *st)
{
    memset(st, 0, sizeof *st);
    uint32_t *order = xmalloc((c->n ? c->n : 1) * sizeof *order);
    size_t m = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->docs[i].n) order[m++] = (uint32_t)i;
    sort_corpus = c;
    qsort(order, m, sizeof *order, cmp_by_size);
    uint32_t *pos = xmalloc((c->n ? c->n : 1) * sizeof *pos);
    for (size_t p = 0; p < m; p++) pos[order[p]] = (uint32_t)p;

    /* Inverted lists of the prefixes in CSR form; each list holds doc
     * positions in processing order (so, ascending size). */
    size_t nr = c->distinct;
    size_t *head = xcalloc(nr + 1, sizeof *head);
    for (size_t p = 0; p < m; p++) {
        const doc *x = &c->docs[order[p]];
        uint32_t pl = prefix_len(x->n, t);
        for (uint32_t j = 0; j < pl; j++) head[x->set[j] + 1]++;
        st->postings += pl;
    }
    for (size_t r = 0; r < nr; r++) head[r + 1] += head[r];
    uint32_t *post = xmalloc((st->postings ? st->postings : 1) * sizeof *post);
    size_t *fill = xmalloc((nr ? nr : 1) * sizeof *fill);
    memcpy(fill, head, nr * sizeof *fill);
    for (size_t p = 0; p < m; p++) {
        const doc *x = &c->docs[order[p]];
        uint32_t pl = prefix_len(x->n, t);
        for (uint32_t j = 0; j < pl; j++) post[fill[x->set[j]]++] = (uint32_t)p;
    }
    /* fill[r] now serves as the start of list r after the size filter. */
    memcpy(fill, head, nr * sizeof *fill);

    uint32_t *stamp = xcalloc(m ? m : 1, sizeof *stamp);
    uint32_t *cand = xmalloc((m ? m : 1) * sizeof *cand);
    for (size_t p = 0; p < m; p++) {
        const doc *x = &c->docs[order[p]];
        double minsize = t * (double)x->n - EPS;
        uint32_t pl = prefix_len(x->n, t);
        size_t nc = 0;
        for (uint32_t j = 0; j < pl; j++) {
            uint32_t r = x->set[j];
            /* Size filter: lists ascend in size and |x| never shrinks, so
             * docs too small for x are too small for every later x. */
            while (fill[r] < head[r + 1] && (double)c->docs[order[post[fill[r]]]].n < minsize)
                fill[r]++;
            for (size_t i = fill[r]; i < head[r + 1] && post[i] < p; i++) {
                uint32_t q = post[i];
                if (stamp[q] != p + 1) {
                    stamp[q] = (uint32_t)(p + 1);
                    cand[nc++] = q;
                }
            }
        }
        st->candidates += nc;
        for (size_t i = 0; i < nc; i++) {
            const doc *y = &c->docs[order[cand[i]]];
            uint32_t o = intersect(x, y);
            if (jaccard_at_least(o, x->n, y->n, t))
                pairs_push(out, order[p], order[cand[i]], o, jaccard(o, x->n, y->n));
        }
    }
    qsort(out->p, out->n, sizeof *out->p, cmp_pair_ab);
    free(cand);
    free(stamp);
    free(fill);
    free(post);
    free(head);
    free(pos);
    free(order);
}

/* All pairs with J >= t by comparing every pair: O(n^2), for --self-test. */
static void brute_force(const corpus *c, double t, pairs *out)
{
    for (size_t a = 0; a < c->n; a++) {
        if (!c->docs[a].n) continue;
        for (size_t b = a + 1; b < c->n; b++) {
            if (!c->docs[b].n) continue;
            uint32_t o = intersect(&c->docs[a], &c->docs[b]);
            if (jaccard_at_least(o, c->docs[a].n, c->docs[b].n, t))
                pairs_push(out, (uint32_t)a, (uint32_t)b, o,
                           jaccard(o, c->docs[a].n, c->docs[b].n));
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Concord's output                                                         */
/* ------------------------------------------------------------------------ */

enum { REL_EXACT, REL_NEAR, REL_CONTAINED, REL_OTHER, N_REL };
static const char *const rel_names[N_REL] = {"exact", "near", "contained", "other"};

/* A pair reported by concord. Ids not in the corpus are kept by name. */
typedef struct rpair {
    uint32_t a, b;   /* doc indices, a < b; UINT32_MAX when unknown */
    char *ida, *idb; /* the ids as reported; owned */
    int rel;
    double jac;   /* concord's jaccard (NAN when absent) */
    double jtrue; /* computed here */
    size_t line;
} rpair;

typedef struct report {
    rpair *p;
    size_t n, cap;
    size_t groups;        /* group lines */
    uint32_t *group_of;   /* per doc: 1 + index of its group line, 0 = none */
    size_t group_multi;   /* docs listed in more than one group */
    size_t group_unknown; /* group members not in the corpus */
    size_t dup;           /* pairs reported more than once (dropped) */
    size_t self;          /* pairs of a doc with itself (dropped) */
    size_t unknown;       /* pairs with an id not in the corpus (kept, J_true = 0) */
    size_t by_rel[N_REL];
    uint64_t *keys; /* open addressing set of known pairs: (a << 32 | b) + 1 */
    size_t kcap;
} report;

static size_t key_slot(const report *r, uint64_t key)
{
    size_t mask = r->kcap - 1;
    size_t i = mix64(key) & mask;
    while (r->keys[i] && r->keys[i] != key + 1) i = (i + 1) & mask;
    return i;
}

/* True when concord reported the pair of doc indices a < b. */
static int report_has(const report *r, uint32_t a, uint32_t b)
{
    if (!r->kcap) return 0;
    uint64_t key = (uint64_t)a << 32 | b;
    return r->keys[key_slot(r, key)] != 0;
}

/* Add key to the pair set; false when it was there already. */
static int report_put(report *r, uint64_t key)
{
    if ((r->n + 1) * 2 > r->kcap) {
        uint64_t *old = r->keys;
        size_t ocap = r->kcap;
        r->kcap = r->kcap ? r->kcap * 2 : 1024;
        r->keys = xcalloc(r->kcap, sizeof *r->keys);
        for (size_t i = 0; i < ocap; i++)
            if (old[i]) r->keys[key_slot(r, old[i] - 1)] = old[i];
        free(old);
    }
    size_t s = key_slot(r, key);
    if (r->keys[s]) return 0;
    r->keys[s] = key + 1;
    return 1;
}

static void report_free(report *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->p[i].ida);
        free(r->p[i].idb);
    }
    free(r->p);
    free(r->keys);
    free(r->group_of);
    memset(r, 0, sizeof *r);
}

/*
 * Read concord's JSON Lines output ("-" = stdin). Pair lines are matched to
 * the corpus by id; group lines are counted; other "type"s are ignored. A
 * line that is not a JSON object, or a pair without a/b/relation, is fatal.
 */
static void report_read(report *r, const corpus *c, const char *path)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!f) die("%s: %s", path, strerror(errno));
    char *line = NULL;
    size_t lcap = 0, lineno = 0;
    ssize_t len;
    r->group_of = xcalloc(c->n ? c->n : 1, sizeof *r->group_of);
    while ((len = getline(&line, &lcap, f)) != -1) {
        lineno++;
        size_t l = (size_t)len;
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r')) l--;
        if (!l) continue;
        json_error_t err;
        json_t *o = json_loadb(line, l, 0, &err);
        if (!o || !json_is_object(o))
            die("%s:%zu: not a JSON object: %s", path, lineno, o ? "" : err.text);
        const char *type = json_string_value(json_object_get(o, "type"));
        if (type && !strcmp(type, "group")) {
            r->groups++;
            json_t *mem = json_object_get(o, "members");
            if (!json_is_array(mem)) die("%s:%zu: a group needs members", path, lineno);
            for (size_t i = 0; i < json_array_size(mem); i++) {
                char *id = canonical_id(json_array_get(mem, i));
                size_t d = id ? corpus_find(c, id) : SIZE_MAX;
                free(id);
                if (d == SIZE_MAX)
                    r->group_unknown++;
                else if (r->group_of[d])
                    r->group_multi++;
                else
                    r->group_of[d] = (uint32_t)r->groups;
            }
        }
        if (!type || strcmp(type, "pair")) {
            json_decref(o);
            continue;
        }
        char *ida = canonical_id(json_object_get(o, "a"));
        char *idb = canonical_id(json_object_get(o, "b"));
        const char *rel = json_string_value(json_object_get(o, "relation"));
        if (!ida || !idb || !rel) die("%s:%zu: a pair needs ids a, b and a relation", path, lineno);
        int ri = REL_OTHER;
        for (int k = 0; k < REL_OTHER; k++)
            if (!strcmp(rel, rel_names[k])) ri = k;
        if (ri == REL_OTHER) warn("%s:%zu: unknown relation \"%s\"", path, lineno, rel);
        json_t *jv = json_object_get(o, "jaccard");
        double jac = json_is_number(jv) ? json_number_value(jv) : NAN;
        json_decref(o);

        size_t da = corpus_find(c, ida), db = corpus_find(c, idb);
        if (da != SIZE_MAX && da == db) {
            warn("%s:%zu: pair of \"%s\" with itself; ignored", path, lineno, ida);
            r->self++;
            free(ida);
            free(idb);
            continue;
        }
        uint32_t a = UINT32_MAX, b = UINT32_MAX;
        if (da != SIZE_MAX && db != SIZE_MAX) {
            a = (uint32_t)(da < db ? da : db);
            b = (uint32_t)(da < db ? db : da);
            if (!report_put(r, (uint64_t)a << 32 | b)) {
                warn("%s:%zu: pair \"%s\" \"%s\" reported again; ignored", path, lineno, ida, idb);
                r->dup++;
                free(ida);
                free(idb);
                continue;
            }
        } else {
            warn("%s:%zu: id \"%s\" is not in the corpus", path, lineno,
                 da == SIZE_MAX ? ida : idb);
            r->unknown++;
        }
        grow((void **)&r->p, &r->cap, r->n + 1, sizeof *r->p);
        r->p[r->n++] = (rpair){a, b, ida, idb, ri, jac, 0.0, lineno};
        r->by_rel[ri]++;
    }
    int rerr = ferror(f);
    free(line);
    if (f != stdin) fclose(f);
    if (rerr) die("%s: read error", path);
}

/* Union-find root of x, with path halving. */
static uint32_t uf_find(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/*
 * Check that concord's groups are the connected components of its pairs:
 * every doc of a pair is in a group, every group is within one component and
 * no component is split over groups. Returns the number of problems found
 * (0 = consistent); *components receives the number of components.
 */
static size_t check_groups(const corpus *c, const report *r, size_t *components)
{
    size_t bad = r->group_multi + r->group_unknown;
    uint32_t *parent = xmalloc((c->n ? c->n : 1) * sizeof *parent);
    uint8_t *in_pair = xcalloc(c->n ? c->n : 1, 1);
    for (size_t i = 0; i < c->n; i++) parent[i] = (uint32_t)i;
    for (size_t i = 0; i < r->n; i++) {
        const rpair *p = &r->p[i];
        if (p->a == UINT32_MAX) continue;
        in_pair[p->a] = in_pair[p->b] = 1;
        parent[uf_find(parent, p->a)] = uf_find(parent, p->b);
    }
    /* group_at_root[root]: 1 + the group seen in that component, 0 none. */
    uint32_t *group_at_root = xcalloc(c->n ? c->n : 1, sizeof *group_at_root);
    size_t comps = 0;
    for (size_t d = 0; d < c->n; d++) {
        if (!in_pair[d] && !r->group_of[d]) continue;
        uint32_t root = uf_find(parent, (uint32_t)d);
        if (root == d && in_pair[d]) comps++;
        if (!in_pair[d] || !r->group_of[d]) { /* grouped without a pair, or not grouped */
            bad++;
            continue;
        }
        if (!group_at_root[root])
            group_at_root[root] = r->group_of[d];
        else if (group_at_root[root] != r->group_of[d])
            bad++; /* component split */
    }
    /* A group spread over components shows as more groups than components. */
    if (r->groups != comps) bad++;
    free(group_at_root);
    free(in_pair);
    free(parent);
    *components = comps;
    return bad;
}

/* ------------------------------------------------------------------------ */
/* Grading                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct grade {
    size_t truth[N_LEVELS]; /* true pairs with J >= level */
    size_t found[N_LEVELS]; /* ... of which concord reported */
    size_t truth_join;      /* true pairs at the join threshold */
    size_t found_join;
    size_t truth_excerpt;   /* true excerpt pairs (EXCERPT_* below) */
    size_t found_excerpt;   /* ... of which concord reported */
    size_t graded;               /* reported exact/near pairs */
    size_t correct;              /* ... with J_true >= precision level */
    size_t jdiff_n;              /* reported pairs with a jaccard and known ids */
    double jdiff_sum, jdiff_max; /* |jaccard - J_true| */
    size_t *missed;              /* indices into the truth of missed pairs with J >= lowest level */
    size_t nmissed;
    size_t *low; /* indices into the report of graded pairs below the level */
    size_t nlow;
} grade;

/*
 * An excerpt, as concord dedup's `contained` defaults define it: >= 90% of
 * the shorter document's shingles are in the longer one, and the shorter
 * is >= half the longer. Such a pair has J >= 0.9*0.5/(1+0.5-0.9*0.5) =
 * 0.4286, so the truth holds all of them only when --join <= 0.42.
 */
#define EXCERPT_CONTAINMENT 0.9
#define EXCERPT_RATIO 0.5
#define EXCERPT_MIN_JOIN 0.42

/* The share num/den, or -1 when den is 0 (undefined). */
static double share(size_t num, size_t den)
{
    return den ? (double)num / (double)den : -1.0;
}

static const pairs *sort_truth;
static int cmp_missed(const void *pa, const void *pb) /* J_true descending */
{
    double x = sort_truth->p[*(const size_t *)pa].j, y = sort_truth->p[*(const size_t *)pb].j;
    return (x < y) - (x > y);
}

static const report *sort_report;
static int cmp_low(const void *pa, const void *pb) /* J_true ascending */
{
    double x = sort_report->p[*(const size_t *)pa].jtrue,
           y = sort_report->p[*(const size_t *)pb].jtrue;
    return (x > y) - (x < y);
}

/*
 * Grade the report against the truth (pairs with J >= join). Computes J_true
 * for every reported pair (in r->p[i].jtrue): 0 when an id is unknown, 1 for
 * two docs without words, 0 for one empty and one not.
 */
static void grade_report(const corpus *c, const pairs *truth, double join, report *r,
                         double precision_level, grade *g)
{
    memset(g, 0, sizeof *g);
    double lowest = recall_levels[0];
    g->missed = xmalloc((truth->n ? truth->n : 1) * sizeof *g->missed);
    for (size_t i = 0; i < truth->n; i++) {
        const tpair *p = &truth->p[i];
        int hit = report_has(r, p->a, p->b);
        const doc *x = &c->docs[p->a], *y = &c->docs[p->b];
        if (jaccard_at_least(p->inter, x->n, y->n, join)) {
            g->truth_join++;
            g->found_join += (size_t)hit;
        }
        for (size_t l = 0; l < N_LEVELS; l++)
            if (jaccard_at_least(p->inter, x->n, y->n, recall_levels[l])) {
                g->truth[l]++;
                g->found[l] += (size_t)hit;
            }
        if (!hit && jaccard_at_least(p->inter, x->n, y->n, lowest)) g->missed[g->nmissed++] = i;
        size_t shorter = x->n < y->n ? x->n : y->n, longer = x->n < y->n ? y->n : x->n;
        if (shorter && p->inter >= EXCERPT_CONTAINMENT * (double)shorter - EPS &&
            shorter >= EXCERPT_RATIO * (double)longer - EPS) {
            g->truth_excerpt++;
            g->found_excerpt += (size_t)hit;
        }
    }
    sort_truth = truth;
    qsort(g->missed, g->nmissed, sizeof *g->missed, cmp_missed);

    g->low = xmalloc((r->n ? r->n : 1) * sizeof *g->low);
    for (size_t i = 0; i < r->n; i++) {
        rpair *p = &r->p[i];
        if (p->a == UINT32_MAX) {
            p->jtrue = 0.0;
        } else {
            const doc *x = &c->docs[p->a], *y = &c->docs[p->b];
            p->jtrue = (!x->n || !y->n) ? (x->n == y->n ? 1.0 : 0.0)
                                        : jaccard(intersect(x, y), x->n, y->n);
            if (!isnan(p->jac)) {
                double d = fabs(p->jac - p->jtrue);
                g->jdiff_sum += d;
                if (d > g->jdiff_max) g->jdiff_max = d;
                g->jdiff_n++;
            }
        }
        if (p->rel != REL_EXACT && p->rel != REL_NEAR) continue;
        g->graded++;
        if (p->jtrue >= precision_level - EPS)
            g->correct++;
        else
            g->low[g->nlow++] = i;
    }
    sort_report = r;
    qsort(g->low, g->nlow, sizeof *g->low, cmp_low);
}

static void grade_free(grade *g)
{
    free(g->missed);
    free(g->low);
}

/* Write the missed and low-J pairs to f, at most limit of each (0: all). */
static void write_details(FILE *f, const corpus *c, const pairs *truth, const report *r,
                          const grade *g, double precision_level, size_t limit)
{
    size_t n = limit && g->nmissed > limit ? limit : g->nmissed;
    fprintf(f, "missed: %zu true pairs with J_true >= %.2f not reported%s\n", g->nmissed,
            recall_levels[0], n < g->nmissed ? " (first ones; all in --details FILE)" : "");
    if (g->nmissed)
        fprintf(f, "  %-24s %-24s %7s %6s %6s %6s %7s %7s\n", "a", "b", "J_true", "|A|", "|B|",
                "|A&B|", "a_in_b", "b_in_a");
    for (size_t i = 0; i < n; i++) {
        const tpair *p = &truth->p[g->missed[i]];
        const doc *x = &c->docs[p->a], *y = &c->docs[p->b];
        fprintf(f, "  %-24s %-24s %7.4f %6u %6u %6u %7.4f %7.4f\n", x->id, y->id, p->j, x->n, y->n,
                p->inter, (double)p->inter / x->n, (double)p->inter / y->n);
    }
    n = limit && g->nlow > limit ? limit : g->nlow;
    fprintf(f, "low: %zu reported exact/near pairs with J_true < %.2f%s\n", g->nlow,
            precision_level, n < g->nlow ? " (first ones; all in --details FILE)" : "");
    if (g->nlow)
        fprintf(f, "  %-24s %-24s %-9s %8s %7s %6s %6s %6s  line\n", "a", "b", "relation",
                "jaccard", "J_true", "|A|", "|B|", "|A&B|");
    for (size_t i = 0; i < n; i++) {
        const rpair *p = &r->p[g->low[i]];
        long na = -1, nb = -1, o = -1;
        if (p->a != UINT32_MAX) {
            na = c->docs[p->a].n;
            nb = c->docs[p->b].n;
            o = intersect(&c->docs[p->a], &c->docs[p->b]);
        }
        fprintf(f, "  %-24s %-24s %-9s %8.4f %7.4f %6ld %6ld %6ld  %zu\n", p->ida, p->idb,
                rel_names[p->rel], p->jac, p->jtrue, na, nb, o, p->line);
    }
}

/* Write every true pair to path as TSV: a, b, J_true, |A&B|, |A|, |B|. */
static void write_truth(const char *path, const corpus *c, const pairs *truth)
{
    FILE *f = fopen(path, "w");
    if (!f) die("%s: %s", path, strerror(errno));
    for (size_t i = 0; i < truth->n; i++) {
        const tpair *p = &truth->p[i];
        fprintf(f, "%s\t%s\t%.6f\t%u\t%u\t%u\n", c->docs[p->a].id, c->docs[p->b].id, p->j, p->inter,
                c->docs[p->a].n, c->docs[p->b].n);
    }
    if (fclose(f)) die("%s: write error", path);
}

/* A share for the table: "98.76%" or "n/a". */
static const char *pct(char *buf, size_t cap, double v)
{
    if (v < 0)
        snprintf(buf, cap, "n/a");
    else
        snprintf(buf, cap, "%.2f%%", 100.0 * v);
    return buf;
}

/* A share as JSON: a real, or null when undefined. */
static json_t *json_share(double v)
{
    return v < 0 ? json_null() : json_real(v);
}

/* ------------------------------------------------------------------------ */
/* Self-test and generated corpora                                          */
/* ------------------------------------------------------------------------ */

/* xorshift64*: a small deterministic generator for fixtures. */
static uint64_t rng_state = 88172645463325252ULL;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}
static size_t rnd_below(size_t n)
{
    return (size_t)(rnd() % n);
}

/* A growable string. */
typedef struct sbuf {
    char *s;
    size_t n, cap;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    grow((void **)&b->s, &b->cap, b->n + n + 1, 1);
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* Word number w of the fixture vocabulary, some with non-ASCII bytes and
 * upper case, written to buf (cap >= 32). Made up, not taken from any text. */
static const char *vocab_word(size_t w, char *buf, size_t cap)
{
    static const char *const stems[] = {"ka", "Lo",        "mi", "ne", "po",        "RU",
                                        "si", "t\xc3\xa9", "vo", "za", "\xc3\xa7u", "ex"};
    size_t ns = sizeof stems / sizeof stems[0];
    snprintf(buf, cap, "%s%s%zu", stems[w % ns], stems[(w / ns) % ns], w);
    return buf;
}

/* The length of the longest prefix of s[0..n) that ends at a word boundary
 * (a space or the end of s), so that no UTF-8 sequence is cut. */
static size_t word_cut(const char *s, size_t n)
{
    if (s[n] == '\0') return n;
    while (n && s[n] != ' ') n--;
    return n;
}

/*
 * Generate a fixture corpus of n texts in memory: base texts of random words
 * from a vocabulary, and variants of earlier texts (exact copies with other
 * punctuation and case, copies with a few word edits, excerpts, joins of two),
 * so that pairs are spread over the whole range of Jaccard values. texts[i]
 * receives a new string (caller frees).
 */
static void generate_texts(size_t n, char **texts)
{
    char w[32];
    const size_t vocab = 400;
    for (size_t i = 0; i < n; i++) {
        sbuf b = {0};
        size_t kind = i < 4 ? 0 : rnd_below(6);
        if (kind == 0 || kind == 1) { /* new text, 1..80 words */
            size_t len = 1 + rnd_below(80);
            if (i % 97 == 7) len = 0; /* a few texts without words */
            if (!len && rnd_below(2)) sb_put(&b, " -- ", 4);
            for (size_t j = 0; j < len; j++) {
                if (j) sb_put(&b, rnd_below(8) ? " " : ", ", rnd_below(8) ? 1 : 2);
                vocab_word(rnd_below(vocab), w, sizeof w);
                sb_put(&b, w, strlen(w));
            }
        } else {
            const char *src = texts[rnd_below(i)];
            size_t sl = strlen(src);
            if (kind == 2) { /* exact copy, other case and punctuation */
                for (size_t j = 0; j < sl; j++) {
                    char ch = src[j];
                    if (ch == ' ' && rnd_below(5) == 0)
                        sb_put(&b, " ; ", 3);
                    else if (ch >= 'a' && ch <= 'z' && rnd_below(7) == 0) {
                        char u = (char)(ch - 'a' + 'A');
                        sb_put(&b, &u, 1);
                    } else
                        sb_put(&b, &ch, 1);
                }
            } else if (kind == 3 || kind == 4) { /* a few word edits */
                size_t edits = 1 + rnd_below(kind == 3 ? 2 : 10);
                size_t start = 0;
                for (size_t j = 0; j <= sl; j++) {
                    if (j < sl && src[j] != ' ') continue;
                    int edit = edits && rnd_below(5) == 0;
                    if (edit) {
                        edits--;
                        size_t op = rnd_below(3);
                        if (op != 1) { /* 0: substitute, 2: insert before */
                            vocab_word(rnd_below(vocab), w, sizeof w);
                            sb_put(&b, w, strlen(w));
                            sb_put(&b, " ", 1);
                        }
                        if (op == 2) sb_put(&b, src + start, j - start);
                        if (op == 2) sb_put(&b, " ", 1);
                    } else {
                        sb_put(&b, src + start, j - start);
                        sb_put(&b, " ", 1);
                    }
                    start = j + 1;
                }
            } else { /* excerpt of one text followed by part of another */
                sb_put(&b, src, word_cut(src, sl ? 1 + rnd_below(sl) : 0));
                sb_put(&b, " ", 1);
                const char *o = texts[rnd_below(i)];
                size_t ol = strlen(o);
                sb_put(&b, o, word_cut(o, ol / (1 + rnd_below(4))));
            }
        }
        if (!b.s) sb_put(&b, "", 0);
        texts[i] = b.s;
    }
}

/* Load generated texts into a corpus with ids "g0", "g1", ... */
static void corpus_from_texts(corpus *c, char **texts, size_t n, unsigned k)
{
    shingler sh = {0};
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "g%zu", i);
        uint32_t ns = 0;
        uint64_t *set = shingle_set(&sh, texts[i], strlen(texts[i]), k, &ns);
        corpus_add(c, xstrndup(id, strlen(id)), set, ns);
    }
    shingler_free(&sh);
}

static int failures;
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "self-test: %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);    \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

/* The number of k-shingles of text; their set goes to *set (caller frees). */
static uint32_t shingles_of(const char *text, unsigned k, uint64_t **set)
{
    shingler sh = {0};
    uint32_t n = 0;
    *set = shingle_set(&sh, text, strlen(text), k, &n);
    shingler_free(&sh);
    return n;
}

/* True when texts x and y have the same k-shingle set. */
static int same_shingles(const char *x, const char *y, unsigned k)
{
    uint64_t *a, *b;
    uint32_t na = shingles_of(x, k, &a), nb = shingles_of(y, k, &b);
    int same = na == nb && (na == 0 || !memcmp(a, b, na * sizeof *a));
    free(a);
    free(b);
    return same;
}

/* The number of k-shingles of text. */
static uint32_t count_shingles(const char *text, unsigned k)
{
    uint64_t *a;
    uint32_t n = shingles_of(text, k, &a);
    free(a);
    return n;
}

/* Tokeniser and shingle checks on made-up texts. */
static void test_tokens(void)
{
    /* Case and punctuation do not matter; 6 words -> 2 shingles of 5. */
    CHECK(count_shingles("One two, THREE four -- five six.", 5) == 2);
    CHECK(same_shingles("One two, THREE four -- five six.", "one two three four five six", 5));
    /* Bytes >= 0x80 are word bytes: "caf\xc3\xa9" is one word, not "caf". */
    CHECK(count_shingles("caf\xc3\xa9 x", 1) == 2);
    CHECK(!same_shingles("caf\xc3\xa9 x", "caf x", 1));
    CHECK(same_shingles("\xc3\x89t\xc3\xa9", "\xc3\x89t\xc3\xa9", 1));
    /* Apostrophes, quotes and number separators split words. */
    CHECK(same_shingles("body's 13,000", "body s 13 000", 1));
    CHECK(same_shingles("body\"s", "body's", 2));
    /* Fewer than k words: one shingle of them all; no words: none. */
    CHECK(count_shingles("just three words", 5) == 1);
    CHECK(!same_shingles("just three words", "just three", 5));
    CHECK(count_shingles(" ... -- !", 5) == 0);
    CHECK(count_shingles("", 5) == 0);
    /* Repeated shingles count once. */
    CHECK(count_shingles("a b a b a b a b", 2) == 2);
    /* Word order matters, and so do word boundaries. */
    CHECK(!same_shingles("a b c", "c b a", 3));
    CHECK(!same_shingles("ab c", "a bc", 2));
}

/* AllPairs == brute force on generated corpora at several thresholds, and
 * the grading arithmetic on a made-up report. */
static void test_join(void)
{
    static const double ts[] = {0.3, 0.5, 0.75, 0.8, 0.85, 0.9, 1.0};
    for (unsigned k = 1; k <= 5; k += 2) {
        size_t n = 600;
        char **texts = xmalloc(n * sizeof *texts);
        generate_texts(n, texts);
        corpus c = {0};
        corpus_from_texts(&c, texts, n, k);
        corpus_rank(&c);
        for (size_t ti = 0; ti < sizeof ts / sizeof ts[0]; ti++) {
            pairs ap = {0}, bf = {0};
            join_stats st;
            allpairs(&c, ts[ti], &ap, &st);
            brute_force(&c, ts[ti], &bf);
            CHECK(ap.n == bf.n);
            int same = ap.n == bf.n;
            for (size_t i = 0; same && i < ap.n; i++)
                same = ap.p[i].a == bf.p[i].a && ap.p[i].b == bf.p[i].b &&
                       ap.p[i].inter == bf.p[i].inter;
            CHECK(same);
            CHECK(st.candidates < n * (n - 1) / 2);
            if (ti == 0) CHECK(ap.n > 50); /* the fixture has pairs to find */
            fprintf(stderr, "self-test: k=%u t=%.2f: %zu pairs (brute force %zu), %zu candidates\n",
                    k, ts[ti], ap.n, bf.n, st.candidates);
            free(ap.p);
            free(bf.p);
        }

        /* Grading: report every true pair at J >= 0.85 but the first, plus
         * one exact pair with J_true < 0.75. */
        pairs truth = {0};
        join_stats st;
        allpairs(&c, 0.5, &truth, &st);
        report r = {0};
        size_t want_truth = 0, wrong = 0;
        for (size_t i = 0; i < truth.n; i++) {
            const tpair *p = &truth.p[i];
            if (p->j < 0.85 - EPS) continue;
            if (want_truth++ == 0) continue;
            report_put(&r, (uint64_t)p->a << 32 | p->b);
            grow((void **)&r.p, &r.cap, r.n + 1, sizeof *r.p);
            r.p[r.n++] =
                (rpair){p->a, p->b, xstrndup("x", 1), xstrndup("y", 1), REL_NEAR, p->j, 0, 0};
        }
        for (uint32_t a = 0; a + 1 < c.n && !wrong; a++) {
            uint32_t b = a + 1;
            if (!c.docs[a].n || !c.docs[b].n) continue;
            if (jaccard(intersect(&c.docs[a], &c.docs[b]), c.docs[a].n, c.docs[b].n) >= 0.75)
                continue;
            if (!report_put(&r, (uint64_t)a << 32 | b)) continue;
            grow((void **)&r.p, &r.cap, r.n + 1, sizeof *r.p);
            r.p[r.n++] = (rpair){a, b, xstrndup("x", 1), xstrndup("y", 1), REL_EXACT, 1.0, 0, 0};
            wrong = 1;
        }
        grade g;
        grade_report(&c, &truth, 0.5, &r, 0.75, &g);
        CHECK(want_truth > 1);
        CHECK(g.truth[1] == want_truth && g.found[1] == want_truth - 1);
        CHECK(g.graded == r.n && g.correct == r.n - wrong && g.nlow == wrong);
        CHECK(g.nmissed >= 1);
        CHECK(g.jdiff_n == r.n);
        grade_free(&g);
        report_free(&r);
        free(truth.p);
        corpus_free(&c);
        for (size_t i = 0; i < n; i++) free(texts[i]);
        free(texts);
    }
}

static int self_test(void)
{
    test_tokens();
    test_join();
    if (failures)
        fprintf(stderr, "self-test: %d checks failed\n", failures);
    else
        fprintf(stderr, "self-test: all checks passed\n");
    return failures ? 1 : 0;
}

/* Write n generated texts as JSON Lines {"id":"gN","text":...} to stdout. */
static int generate(size_t n)
{
    char **texts = xmalloc((n ? n : 1) * sizeof *texts);
    generate_texts(n, texts);
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "g%zu", i);
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(id));
        json_t *text = json_string(texts[i]);
        if (!text) die("generated text %zu is not valid UTF-8", i);
        json_object_set_new(o, "text", text);
        char *s = json_dumps(o, JSON_COMPACT);
        if (!s) die("cannot encode generated text %zu", i);
        puts(s);
        free(s);
        json_decref(o);
        free(texts[i]);
    }
    free(texts);
    return fflush(stdout) ? EXIT_USAGE : 0;
}

/* ------------------------------------------------------------------------ */
/* main                                                                     */
/* ------------------------------------------------------------------------ */

static const char usage[] =
    "Usage: dedup_truth [OPTIONS] CORPUS.jsonl CONCORD_OUTPUT.jsonl\n"
    "       dedup_truth --self-test\n"
    "       dedup_truth --generate N [--seed S]\n"
    "\n"
    "Grade `concord dedup` output against the exact shingle-Jaccard truth of the\n"
    "corpus (own tokeniser; AllPairs exact similarity join). CONCORD_OUTPUT may be\n"
    "'-' for stdin.\n"
    "\n"
    "Options:\n"
    "  -k, --shingle N          words per shingle (default 5)\n"
    "      --join F             threshold of the truth join (default 0.5, <= 0.8)\n"
    "      --recall-level F     J_true level of the headline recall (default 0.85)\n"
    "      --precision-level F  exact/near pairs count as right at J_true >= F\n"
    "                           (default 0.75)\n"
    "      --min-recall F       exit 1 when the headline recall is below F\n"
    "      --min-precision F    exit 1 when the precision is below F\n"
    "      --details FILE       write every missed and low-J pair to FILE (default:\n"
    "                           the first 20 of each on stderr)\n"
    "      --id-field NAME      corpus id field (default id)\n"
    "      --text-field NAME    corpus text field (default text)\n"
    "      --label NAME         name of the run in the output (default: CORPUS)\n"
    "      --truth-out FILE     write every true pair to FILE as TSV: a, b, J_true,\n"
    "                           |A&B|, |A|, |B|\n"
    "      --self-test          check the tokeniser and AllPairs against brute force\n"
    "      --generate N         write N generated fixture texts as JSON Lines\n"
    "      --seed S             seed of --generate (default 1)\n"
    "  -h, --help               this text\n"
    "\n"
    "Exit status: 0 ok, 1 a gate failed, 2 usage error or bad input.\n";

int main(int argc, char **argv)
{
    enum {
        OPT_JOIN = 256,
        OPT_RECALL_LEVEL,
        OPT_PRECISION_LEVEL,
        OPT_MIN_RECALL,
        OPT_MIN_PRECISION,
        OPT_DETAILS,
        OPT_ID,
        OPT_TEXT,
        OPT_LABEL,
        OPT_TRUTH_OUT,
        OPT_SELF_TEST,
        OPT_GENERATE,
        OPT_SEED
    };
    static const struct option longopts[] = {
        {"shingle", required_argument, NULL, 'k'},
        {"join", required_argument, NULL, OPT_JOIN},
        {"recall-level", required_argument, NULL, OPT_RECALL_LEVEL},
        {"precision-level", required_argument, NULL, OPT_PRECISION_LEVEL},
        {"min-recall", required_argument, NULL, OPT_MIN_RECALL},
        {"min-precision", required_argument, NULL, OPT_MIN_PRECISION},
        {"details", required_argument, NULL, OPT_DETAILS},
        {"id-field", required_argument, NULL, OPT_ID},
        {"text-field", required_argument, NULL, OPT_TEXT},
        {"label", required_argument, NULL, OPT_LABEL},
        {"truth-out", required_argument, NULL, OPT_TRUTH_OUT},
        {"self-test", no_argument, NULL, OPT_SELF_TEST},
        {"generate", required_argument, NULL, OPT_GENERATE},
        {"seed", required_argument, NULL, OPT_SEED},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    unsigned k = 5;
    double join = 0.5, recall_level = 0.85, precision_level = 0.75;
    double min_recall = -1, min_precision = -1;
    const char *details = NULL, *id_field = "id", *text_field = "text", *label = NULL;
    const char *truth_out = NULL;
    int self = 0;
    long gen = -1;
    int opt;
    while ((opt = getopt_long(argc, argv, "k:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'k':
            k = (unsigned)parse_long("--shingle", optarg, 1, 64);
            break;
        case OPT_JOIN:
            join = parse_double("--join", optarg, 0.01, recall_levels[0]);
            break;
        case OPT_RECALL_LEVEL:
            recall_level = parse_double("--recall-level", optarg, recall_levels[0], 1);
            break;
        case OPT_PRECISION_LEVEL:
            precision_level = parse_double("--precision-level", optarg, 0, 1);
            break;
        case OPT_MIN_RECALL:
            min_recall = parse_double("--min-recall", optarg, 0, 1);
            break;
        case OPT_MIN_PRECISION:
            min_precision = parse_double("--min-precision", optarg, 0, 1);
            break;
        case OPT_DETAILS:
            details = optarg;
            break;
        case OPT_ID:
            id_field = optarg;
            break;
        case OPT_TEXT:
            text_field = optarg;
            break;
        case OPT_LABEL:
            label = optarg;
            break;
        case OPT_TRUTH_OUT:
            truth_out = optarg;
            break;
        case OPT_SELF_TEST:
            self = 1;
            break;
        case OPT_GENERATE:
            gen = parse_long("--generate", optarg, 0, 10000000);
            break;
        case OPT_SEED:
            rng_state = mix64((uint64_t)parse_long("--seed", optarg, 0, 1L << 30) + 1);
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            fputs(usage, stderr);
            return EXIT_USAGE;
        }
    }
    if (self) return self_test();
    if (gen >= 0) return generate((size_t)gen);
    if (argc - optind != 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *corpus_path = argv[optind], *output_path = argv[optind + 1];
    if (!label) label = corpus_path;

    /* The truth. */
    double t0 = now();
    corpus c = {0};
    corpus_read(&c, corpus_path, id_field, text_field, k);
    corpus_rank(&c);
    double t1 = now();
    pairs truth = {0};
    join_stats js;
    allpairs(&c, join, &truth, &js);
    double t2 = now();
    if (truth_out) write_truth(truth_out, &c, &truth);

    /* Concord's report, graded. */
    report r = {0};
    report_read(&r, &c, output_path);
    grade g;
    grade_report(&c, &truth, join, &r, precision_level, &g);
    double t3 = now();

    size_t head = 1; /* index of the headline level among recall_levels */
    int custom_level = 1;
    for (size_t l = 0; l < N_LEVELS; l++)
        if (fabs(recall_levels[l] - recall_level) < EPS) {
            head = l;
            custom_level = 0;
        }
    size_t head_truth = g.truth[head], head_found = g.found[head];
    if (custom_level) { /* a level not in the table: count it here */
        head_truth = head_found = 0;
        for (size_t i = 0; i < truth.n; i++) {
            const tpair *p = &truth.p[i];
            if (!jaccard_at_least(p->inter, c.docs[p->a].n, c.docs[p->b].n, recall_level)) continue;
            head_truth++;
            head_found += (size_t)report_has(&r, p->a, p->b);
        }
    }
    double recall = share(head_found, head_truth), precision = share(g.correct, g.graded);
    int recall_ok = min_recall < 0 || recall < 0 || recall >= min_recall - EPS;
    int precision_ok = min_precision < 0 || precision < 0 || precision >= min_precision - EPS;

    /* The table. */
    char b1[32];
    printf("dedup_truth: %s: %zu articles (%zu without words, %zu skipped), %u-word shingles, "
           "%zu distinct\n",
           label, c.n, c.empty, c.skipped, k, c.distinct);
    printf("truth: AllPairs exact join at J >= %.2f: %zu pairs from %zu candidates "
           "(read %.2f s, join %.2f s)\n",
           join, truth.n, js.candidates, t1 - t0, t2 - t1);
    printf("concord: %zu pairs (%zu exact, %zu near, %zu contained", r.n, r.by_rel[REL_EXACT],
           r.by_rel[REL_NEAR], r.by_rel[REL_CONTAINED]);
    if (r.by_rel[REL_OTHER]) printf(", %zu other", r.by_rel[REL_OTHER]);
    size_t components = 0, group_problems = check_groups(&c, &r, &components);
    printf("), %zu groups", r.groups);
    if (r.unknown || r.dup || r.self)
        printf("; %zu with unknown ids, %zu repeated, %zu self", r.unknown, r.dup, r.self);
    printf("\n");
    if (group_problems)
        printf("concord: groups are NOT the connected components of the pairs: %zu problems "
               "(%zu components, %zu groups, %zu members in several groups, %zu unknown)\n",
               group_problems, components, r.groups, r.group_multi, r.group_unknown);
    else
        printf("concord: groups = the %zu connected components of the pairs\n", components);
    printf("\n");
    printf("  %-12s %10s %10s %9s\n", "J_true", "true pairs", "reported", "recall");
    printf("  >= %-9.2f %10zu %10zu %9s\n", join, g.truth_join, g.found_join,
           pct(b1, sizeof b1, share(g.found_join, g.truth_join)));
    for (size_t l = 0; l < N_LEVELS; l++)
        printf("  >= %-9.2f %10zu %10zu %9s%s\n", recall_levels[l], g.truth[l], g.found[l],
               pct(b1, sizeof b1, share(g.found[l], g.truth[l])),
               !custom_level && l == head ? "  <- recall" : "");
    if (custom_level)
        printf("  >= %-9.2f %10zu %10zu %9s  <- recall\n", recall_level, head_truth, head_found,
               pct(b1, sizeof b1, recall));
    printf("\n  precision: %zu of %zu exact/near pairs have J_true >= %.2f: %s\n", g.correct,
           g.graded, precision_level, pct(b1, sizeof b1, precision));
    if (join <= EXCERPT_MIN_JOIN)
        printf("  excerpts (>= %.0f%% of the shorter in the longer, size ratio >= %.1f): %zu of %zu "
               "reported: %s\n",
               EXCERPT_CONTAINMENT * 100, EXCERPT_RATIO, g.found_excerpt, g.truth_excerpt,
               pct(b1, sizeof b1, share(g.found_excerpt, g.truth_excerpt)));
    else
        printf("  excerpts: not graded (needs --join <= %.2f to hold them all)\n", EXCERPT_MIN_JOIN);
    if (g.jdiff_n)
        printf("  concord's jaccard vs J_true: mean |diff| %.4f, max %.4f (%zu pairs)\n",
               g.jdiff_sum / (double)g.jdiff_n, g.jdiff_max, g.jdiff_n);
    if (min_recall >= 0)
        printf("  gate: recall >= %.4f: %s\n", min_recall, recall_ok ? "pass" : "FAIL");
    if (min_precision >= 0)
        printf("  gate: precision >= %.4f: %s\n", min_precision, precision_ok ? "pass" : "FAIL");
    printf("  time: %.2f s\n", t3 - t0);

    /* Diagnostics. */
    if (details) {
        FILE *df = fopen(details, "w");
        if (!df) die("%s: %s", details, strerror(errno));
        write_details(df, &c, &truth, &r, &g, precision_level, 0);
        if (fclose(df)) die("%s: write error", details);
        printf("  details: %s (%zu missed, %zu low-J)\n", details, g.nmissed, g.nlow);
    } else if (g.nmissed || g.nlow) {
        write_details(stderr, &c, &truth, &r, &g, precision_level, 20);
    }

    /* The machine-readable line. */
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string("dedup_eval"));
    json_object_set_new(o, "corpus", json_string(label));
    json_object_set_new(o, "articles", json_integer((json_int_t)c.n));
    json_object_set_new(o, "without_words", json_integer((json_int_t)c.empty));
    json_object_set_new(o, "skipped", json_integer((json_int_t)c.skipped));
    json_object_set_new(o, "shingle", json_integer(k));
    json_object_set_new(o, "join_threshold", json_real(join));
    json_object_set_new(o, "join_candidates", json_integer((json_int_t)js.candidates));
    json_t *tp = json_object(), *rc = json_object();
    char key[16];
    snprintf(key, sizeof key, "%.2f", join);
    json_object_set_new(tp, key, json_integer((json_int_t)g.truth_join));
    json_object_set_new(rc, key, json_share(share(g.found_join, g.truth_join)));
    for (size_t l = 0; l < N_LEVELS; l++) {
        snprintf(key, sizeof key, "%.2f", recall_levels[l]);
        json_object_set_new(tp, key, json_integer((json_int_t)g.truth[l]));
        json_object_set_new(rc, key, json_share(share(g.found[l], g.truth[l])));
    }
    json_object_set_new(o, "true_pairs", tp);
    json_object_set_new(o, "recall_at", rc);
    json_object_set_new(o, "recall_level", json_real(recall_level));
    json_object_set_new(o, "recall", json_share(recall));
    json_object_set_new(o, "precision_level", json_real(precision_level));
    json_object_set_new(o, "precision", json_share(precision));
    if (join <= EXCERPT_MIN_JOIN) {
        json_object_set_new(o, "excerpt_pairs", json_integer((json_int_t)g.truth_excerpt));
        json_object_set_new(o, "excerpt_recall",
                            json_share(share(g.found_excerpt, g.truth_excerpt)));
    }
    json_object_set_new(o, "reported_exact_near", json_integer((json_int_t)g.graded));
    json_t *rel = json_object();
    for (int i = 0; i < N_REL; i++)
        json_object_set_new(rel, rel_names[i], json_integer((json_int_t)r.by_rel[i]));
    json_object_set_new(o, "relations", rel);
    json_object_set_new(o, "groups", json_integer((json_int_t)r.groups));
    json_object_set_new(o, "groups_consistent", json_boolean(group_problems == 0));
    json_object_set_new(o, "unknown_ids", json_integer((json_int_t)r.unknown));
    json_object_set_new(o, "missed", json_integer((json_int_t)g.nmissed));
    json_object_set_new(o, "low_j", json_integer((json_int_t)g.nlow));
    json_object_set_new(o, "jaccard_mean_abs_diff",
                        g.jdiff_n ? json_real(g.jdiff_sum / (double)g.jdiff_n) : json_null());
    json_object_set_new(o, "jaccard_max_abs_diff",
                        g.jdiff_n ? json_real(g.jdiff_max) : json_null());
    json_object_set_new(o, "pass", json_boolean(recall_ok && precision_ok));
    json_object_set_new(o, "seconds", json_real(t3 - t0));
    char *line = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
    if (line) puts(line);
    free(line);
    json_decref(o);

    grade_free(&g);
    report_free(&r);
    free(truth.p);
    corpus_free(&c);
    if (fflush(stdout)) return EXIT_USAGE;
    return recall_ok && precision_ok ? 0 : EXIT_GATE;
}
