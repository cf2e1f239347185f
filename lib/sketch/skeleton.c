/* skeleton.c - see skeleton.h. */
#include "sketch/skeleton.h"

#include <assert.h>
#include <string.h>

#include "sketch/hash.h"
#include "text/lexicon_internal.h"

#define SEED_NAME   UINT64_C(0x6e616d65736e616d)
#define PLACEHOLDER UINT64_C(0x5f5f636f6e74656e) /* any content word in (a) */

enum { SKELETON_MAX_K = 32, SKELETON_MAX_CHAIN = 8, SPOT_WINDOW = 16 };

void skeleton_options_init(skeleton_options *options)
{
    options->k = 5;
    options->chain = 2;
    options->canon_k = 3;
    options->seed = 1;
}

/*
 * Theobald et al.'s antecedents are frequent stopwords; these are the
 * articles, forms of "be"/"have", modals and the reporting verbs of news.
 * Sorted in byte order for binary search.
 */
static const char *const antecedents[] = {
    "a",      "an",   "are",   "be",   "been",  "can",  "could", "had",
    "has",    "have", "is",    "may",  "might", "must", "said",  "says",
    "should", "the",  "there", "told", "was",   "were", "will",  "would",
};

int skeleton_is_antecedent(const char *norm, size_t len)
{
    size_t lo = 0, hi = sizeof antecedents / sizeof antecedents[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *w = antecedents[mid];
        size_t wl = strlen(w);
        int c = memcmp(norm, w, len < wl ? len : wl);
        if (c == 0) c = len < wl ? -1 : len > wl;
        if (c == 0) return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

static inline uint32_t finish(uint64_t h, unsigned width)
{
    return (uint32_t)(hash_mix64(h ^ width) >> 32);
}

/* The value of a token in the skeleton; *anchor = 0 for the placeholder. */
static uint64_t skeleton_value(const concord_lexicon *lex, const concord_token *t, uint64_t seed,
                               int *anchor)
{
    uint64_t canon;
    lexicon_kind kind = lexicon_classify(lex, t->norm, t->norm_len, NULL);
    *anchor = 1;
    switch (kind) {
    case LEXICON_FUNCTION:
    case LEXICON_NUMBER:
        lexicon_classify(lex, t->norm, t->norm_len, &canon);
        return canon ^ seed;
    case LEXICON_OTHER:
        if (t->flags & CONCORD_TOKEN_UPPER)
            return hash_bytes(t->norm, t->norm_len, SEED_NAME ^ seed);
        break;
    case LEXICON_COMMON:
        break;
    }
    *anchor = 0;
    return PLACEHOLDER ^ seed;
}

/* Shingles of vals[] (a ring of width w ending at position i) as one value. */
static uint64_t ring_hash(const uint64_t *ring, size_t end, unsigned w, uint64_t seed)
{
    uint64_t h = seed;
    for (unsigned j = 0; j < w; j++) h = hash_combine(h, ring[(end + j) % w]);
    return h;
}

size_t skeleton_shingles(const concord_lexicon *lexicon, const concord_token *tokens, size_t n,
                         const skeleton_options *options, uint32_t *out)
{
    unsigned k = options->k;
    assert(lexicon && k >= 1 && k <= SKELETON_MAX_K);
    if (n == 0) return 0;
    unsigned w = n < k ? (unsigned)n : k;
    const unsigned need = 2; /* anchors per k-gram */
    uint64_t ring[SKELETON_MAX_K];
    unsigned char is_anchor[SKELETON_MAX_K];
    unsigned anchors = 0;
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        size_t slot = i % w;
        if (i >= w) anchors -= is_anchor[slot];
        int a;
        ring[slot] = skeleton_value(lexicon, &tokens[i], options->seed, &a);
        is_anchor[slot] = (unsigned char)a;
        anchors += (unsigned)a;
        if (i + 1 >= w && anchors >= need)
            out[count++] = finish(ring_hash(ring, (i + 1) % w, w, options->seed), w);
    }
    assert(count <= skeleton_max(n));
    return count;
}

size_t skeleton_spotsigs(const concord_lexicon *lexicon, const concord_token *tokens, size_t n,
                         const skeleton_options *options, uint32_t *out)
{
    unsigned chain = options->chain;
    assert(lexicon && chain >= 1 && chain <= SKELETON_MAX_CHAIN);
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        const concord_token *t = &tokens[i];
        if (!skeleton_is_antecedent(t->norm, t->norm_len)) continue;
        uint64_t h = hash_combine(options->seed, hash_bytes(t->norm, t->norm_len, options->seed));
        unsigned got = 0;
        for (size_t j = i + 1; j < n && j <= i + SPOT_WINDOW && got < chain; j++) {
            uint64_t canon;
            if (lexicon_classify(lexicon, tokens[j].norm, tokens[j].norm_len, &canon) ==
                LEXICON_FUNCTION)
                continue;
            h = hash_combine(h, canon);
            got++;
        }
        if (got == chain) out[count++] = finish(h, chain);
    }
    assert(count <= skeleton_max(n));
    return count;
}

size_t skeleton_canon_shingles(const concord_lexicon *lexicon, const concord_token *tokens,
                               size_t n, const skeleton_options *options, uint32_t *out)
{
    unsigned k = options->canon_k;
    assert(lexicon && k >= 1 && k <= SKELETON_MAX_K);
    uint64_t ring[SKELETON_MAX_K];
    size_t m = 0, count = 0; /* m: content words so far */
    for (size_t i = 0; i < n; i++) {
        uint64_t canon;
        if (lexicon_classify(lexicon, tokens[i].norm, tokens[i].norm_len, &canon) ==
            LEXICON_FUNCTION)
            continue;
        ring[m % k] = canon;
        m++;
        if (m >= k) out[count++] = finish(ring_hash(ring, m % k, k, options->seed), k);
    }
    if (m > 0 && m < k)
        out[count++] = finish(ring_hash(ring, 0, (unsigned)m, options->seed), (unsigned)m);
    assert(count <= skeleton_max(n));
    return count;
}
