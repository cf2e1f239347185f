/*
 * compare.c - the relation of two articles (concord.h, "Relation of two
 * articles"). docs/compare.md describes the features and rules.
 *
 * One call:
 *  1. Words. Each text is tokenised once (lib/text). Every word gets an
 *     identity (hash of its norm), a canonical class (the lexicon's; a
 *     stems-only lexicon when none was given) and a role: function word,
 *     content word, number, or name (a capitalised content word not at a
 *     sentence start).
 *  2. Sets. From those, sorted unique 32-bit sets: exact 5-word shingles,
 *     canonical 3-shingles of content words, content words (by class and
 *     by identity), content bigrams (by class), numbers, names, the
 *     content words inside quotations. Overlaps are merge-joins.
 *  3. Alignment. concord_align() gives the shared passages: coverage of
 *     each side, share of aligned bytes by kind, and the gaps inside the
 *     covered span (an excerpt is one block; a condensed rewrite is holey).
 *  4. Unigram matching as in METEOR: content words of a matched to the
 *     earliest unused word of b of the same class; precision, recall,
 *     chunks (runs consecutive in both) and the order kept.
 *  5. Sentence evidence, for texts of at most 80 words: word-class
 *     n-gram and character 4-gram multisets, a common subsequence of all
 *     words and the runs of words outside it (an added clause).
 *  6. Rules on the features give the relation; compare_score.c the score
 *     (a fitted model for sentences, a formula for articles); dates,
 *     credit lines and containment the direction.
 * Buffers are kept in the comparer, so a warmed-up comparer allocates
 * nothing. Cost O((n + m) log(n + m)), dominated by the alignment.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "concord.h"
#include "match/compare_score.h"
#include "sketch/hash.h"
#include "sketch/shingle.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/radix.h"

static const char *const feature_names[F_COUNT] = {
    "shingle_contain_a", /* share of a's exact 5-word shingles found in b */
    "shingle_contain_b",
    "shingle_jaccard",
    "canon_contain_a",   /* share of a's canonical content 3-shingles in b */
    "canon_contain_b",
    "align_coverage_a",  /* concord_align_coverage */
    "align_coverage_b",
    "align_verbatim",    /* share of aligned bytes in verbatim passages */
    "align_edited",
    "align_spun",
    "align_gap_a",       /* uncovered bytes inside the covered span of a / a's bytes */
    "align_gap_b",
    "words_dice",        /* Dice of content-word classes */
    "words_contain_a",   /* share of a's content-word classes in b */
    "words_contain_b",
    "exact_words_dice",  /* Dice of content words (identical norms) */
    "bigram_dice",       /* Dice of content-word class bigrams */
    "match_precision",   /* METEOR-like: matched content words / a's */
    "match_recall",      /* matched / b's */
    "fragmentation",     /* (chunks - 1) / (matches - 1): 0 = one run */
    "order",             /* share of consecutive matches in order in b */
    "numbers_shared",    /* numbers in both */
    "numbers_mismatch",  /* share of distinct numbers in only one text (0 unless both have some) */
    "names_shared",      /* names in both */
    "names_dice",
    "quotes_shared",     /* share of the smaller side's quoted content words in the other's
                            (computed only when no reuse was found; else 0) */
    "length_ratio",      /* shorter / longer, in words */
    "credit_a",          /* 1 if a carries a credit line (it derives) */
    "credit_b",
    "content_words_min", /* content words of the shorter text */
    "unmatched_max",     /* content words left unmatched, on the side with more */
    "tokens_f1",         /* F1 of all words (function words too), as multisets */
    "gram1_dice",        /* Dice of the multisets of word-class 1-grams (all words) */
    "gram2_dice",
    "gram3_dice",
    "gram4_dice",
    "char_dice",         /* Dice of the multisets of character 4-grams of the words */
    "lcs_words",         /* 2 * common subsequence of word classes / (n + m) */
    "lcs_content",       /* the same over the matched content words */
    "negation_mismatch", /* 1 if one text is negated (not, no, never, n't...) and the other not */
    "names_mismatch",    /* share of distinct names in only one text (0 unless both have some) */
    "numbers_only",      /* distinct numbers in only one text (also when the other has none) */
    "unmatched_min",     /* content words left unmatched, on the side with fewer */
    "tokens_diff",       /* |words of a - words of b| */
    "run_max",           /* longest run of words outside the common subsequence, on the side
                            where it is longer (an added clause) */
    "run_min",           /* ... on the other side */
    "extra_max",         /* words outside the common subsequence, on the side with more */
    "extra_min",
    "extra_content_max", /* content words outside the common subsequence, side with more */
    "extra_content_min",
    "extra_names",       /* names and numbers outside the common subsequence, both sides */
    "words_max",         /* words of the longer text */
};

/* The relation rules' thresholds (docs/compare.md). */
#define VERBATIM_MIN_COVERAGE 0.75 /* both sides at least this covered ... */
#define VERBATIM_MIN_EXACT 0.60    /* ... mostly by verbatim/edited passages */
#define SHORT_WORDS 12            /* content words: a short text, judged by shingles */
#define PARTIAL_MIN_COVERAGE 0.50  /* the shorter side at least this covered */
#define CONDENSED_MIN_GAP 0.08     /* holes in the longer's covered span: condensed */
#define SPUN_MIN_COVERAGE 0.50     /* both sides (spun passages) */
#define SPUN_MIN_SHARE 0.40        /* share of aligned bytes in spun passages */
#define PARAPHRASE_MIN_F 0.45      /* METEOR-like F of content classes */
#define PARAPHRASE_MIN_CONTAIN 0.60 /* ... and one side's words mostly in the other */
#define PARAPHRASE_MIN_ORDER 0.60
#define STORY_MIN_DICE 0.20        /* topical overlap of an independent report ... */
#define STORY_MIN_NAMES 0.20       /* ... and the share of names in common (Dice) */

const char *concord_reuse_name(concord_reuse reuse)
{
    switch (reuse) {
    case CONCORD_REUSE_VERBATIM: return "verbatim";
    case CONCORD_REUSE_PARTIAL: return "partial";
    case CONCORD_REUSE_SPUN: return "spun";
    case CONCORD_REUSE_PARAPHRASE: return "paraphrase";
    case CONCORD_REUSE_SAME_STORY: return "same_story";
    case CONCORD_REUSE_UNRELATED: return "unrelated";
    }
    return "unknown";
}

const char *concord_direction_name(concord_direction direction)
{
    switch (direction) {
    case CONCORD_DIRECTION_A_TO_B: return "a->b";
    case CONCORD_DIRECTION_B_TO_A: return "b->a";
    case CONCORD_DIRECTION_UNKNOWN: break;
    }
    return "unknown";
}

const char *concord_feature_name(size_t i)
{
    return i < F_COUNT ? feature_names[i] : NULL;
}

enum { ROLE_FUNCTION = 0, ROLE_CONTENT, ROLE_NUMBER, ROLE_NAME };

/* Growable u32 array. */
typedef struct u32v {
    uint32_t *v;
    size_t len, cap;
} u32v;

static concord_status u32v_reserve(u32v *a, size_t n)
{
    a->len = 0;
    if (n <= a->cap) return CONCORD_OK;
    return vec_grow((void **)&a->v, &a->cap, 0, n, sizeof *a->v);
}

/* Everything derived from one text. */
typedef struct side {
    concord_text *text;
    const concord_token *tok;
    size_t n;
    uint64_t *hash; size_t hash_cap;  /* identity per token */
    uint32_t *canon; size_t canon_cap; /* class per token (32 bits) */
    unsigned char *role; size_t role_cap;
    u32v content;   /* content classes in text order (numbers, names included) */
    u32v content_tok; /* their token indices */
    u32v all;       /* every token's identity (32 bits), sorted, repeats kept */
    u32v shingles, canon_sh, words, exact, bigrams, numbers, names, quoted;
    u32v gram[4];   /* short texts: word-class n-grams (n = 1..4), sorted, repeats kept */
    u32v chars;     /* short texts: character 4-grams, sorted, repeats kept */
    int credit;
    int negated;    /* 1 if a negation word occurs */
    int sentence;   /* 1 if short enough for the sentence evidence */
} side;

struct concord_comparer {
    const concord_lexicon *lexicon; /* for canon; never NULL */
    concord_lexicon *own_lexicon;   /* stems-only, when none was given */
    concord_aligner *aligner;
    concord_quotes *quotes;
    side s[2];
    uint32_t *tmp; size_t tmp_cap;
    uint64_t *pairs, *pairs_tmp; size_t pairs_cap, pairs_tmp_cap;
    unsigned *used; size_t used_cap;
    int32_t *match_a; size_t match_a_cap;   /* content word of b matched to a's i, or -1 */
    unsigned char *taken_b; size_t taken_b_cap;
    uint64_t *spans; size_t spans_cap;
    uint32_t *chain; size_t chain_cap;      /* a common subsequence (longest_in_order) */
    int32_t *prev; size_t prev_cap;
    /* Direct-mapped cache of lexicon lookups by token identity: news
       vocabulary repeats, and each lookup costs 20-140 ns. key 0 = empty. */
    struct lex_entry { uint64_t key, canon; unsigned char function, negation; } *cache;
};

enum { LEX_CACHE_BITS = 13 };

static void side_free(side *s)
{
    concord_text_free(s->text);
    free(s->hash);
    free(s->canon);
    free(s->role);
    u32v *v[] = {&s->content, &s->content_tok, &s->all, &s->shingles, &s->canon_sh, &s->words, &s->exact,
                 &s->bigrams, &s->numbers, &s->names, &s->quoted, &s->gram[0], &s->gram[1],
                 &s->gram[2], &s->gram[3], &s->chars};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) free(v[i]->v);
}

void concord_comparer_free(concord_comparer *c)
{
    if (!c) return;
    side_free(&c->s[0]);
    side_free(&c->s[1]);
    concord_aligner_free(c->aligner);
    concord_quotes_free(c->quotes);
    concord_lexicon_free(c->own_lexicon);
    free(c->tmp);
    free(c->pairs);
    free(c->pairs_tmp);
    free(c->used);
    free(c->match_a);
    free(c->taken_b);
    free(c->spans);
    free(c->chain);
    free(c->prev);
    free(c->cache);
    free(c);
}

concord_status concord_comparer_create(concord_comparer **out, const concord_lexicon *lexicon)
{
    if (!out) return CONCORD_ERR_INVALID;
    *out = NULL;
    concord_comparer *c = calloc(1, sizeof *c);
    if (!c) return CONCORD_ERR_NOMEM;
    concord_status st = CONCORD_OK;
    if (!lexicon) {
        st = concord_lexicon_create(&c->own_lexicon, "", NULL, 0);
        lexicon = c->own_lexicon;
    }
    c->lexicon = lexicon;
    c->cache = calloc((size_t)1 << LEX_CACHE_BITS, sizeof *c->cache);
    if (!c->cache && !st) st = CONCORD_ERR_NOMEM;
    concord_align_options ao;
    concord_align_options_init(&ao);
    /* The given lexicon only: without one, identical words align (the
       header's contract: spins are then edits or paraphrases). */
    if (!st) st = concord_aligner_create(&c->aligner, c->own_lexicon ? NULL : lexicon, &ao);
    if (!st) st = concord_quotes_create(&c->quotes);
    if (!st) st = concord_text_create(&c->s[0].text);
    if (!st) st = concord_text_create(&c->s[1].text);
    if (st) {
        concord_comparer_free(c);
        return st;
    }
    *out = c;
    return CONCORD_OK;
}

static inline uint32_t fold32(uint64_t h)
{
    return (uint32_t)(h ^ (h >> 32));
}

/* 1 if needle[0..k) occurs in hay[0..n) (k >= 1). */
static int find(const char *hay, size_t n, const char *needle, size_t k)
{
    const char *p = hay, *end = hay + n;
    while ((size_t)(end - p) >= k && (p = memchr(p, needle[0], (size_t)(end - p) - k + 1))) {
        if (!memcmp(p, needle, k)) return 1;
        p++;
    }
    return 0;
}

/* ASCII lower-case copy of t[0..len) into out (len <= cap). */
static size_t lower_copy(const char *t, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++) {
        char ch = t[i];
        out[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    return len;
}

/*
 * A credit line says the text was made from another: "Reporting by",
 * "With reporting by", "additional reporting", "(AFP)", "(Reuters)",
 * "(AP)", "auto-generated from a syndicated feed", "contributed to this
 * report", and a "Source:" line. Searched in the first and last 400 bytes
 * (datelines and footers), so a story ABOUT a news agency rarely counts.
 */
static int has_credit(const char *t, size_t len)
{
    static const char *const marks[] = {
        "reporting by", "additional reporting", "(afp)", "(reuters)", "(ap)",
        "syndicated feed", "contributed to this report", "source: ", "- afp", "- reuters",
        "via afp", "via reuters",
    };
    char low[800];
    size_t n;
    if (len <= sizeof low) n = lower_copy(t, len, low);
    else {
        lower_copy(t, 400, low);
        lower_copy(t + len - 400, 400, low + 400);
        low[399] = '\n'; /* no match across the cut */
        n = sizeof low;
    }
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (find(low, n, marks[i], strlen(marks[i]))) return 1;
    return 0;
}

/* 1 if the token starting at byte start begins a sentence: only spaces
   and quotes/brackets back to a sentence end or the start of the text. */
static int sentence_start(const char *t, size_t start)
{
    while (start > 0) {
        char ch = t[--start];
        if (ch == ' ' || ch == '\t' || ch == '"' || ch == '\'' || ch == '(' || ch == '\r') continue;
        return ch == '.' || ch == '!' || ch == '?' || ch == '\n' || ch == ':';
    }
    return 1;
}

static concord_status ensure_tmp(concord_comparer *c, size_t n)
{
    if (n <= c->tmp_cap) return CONCORD_OK;
    return vec_grow((void **)&c->tmp, &c->tmp_cap, 0, n, sizeof *c->tmp);
}

static concord_status finish_set(concord_comparer *c, u32v *a)
{
    if (ensure_tmp(c, a->len)) return CONCORD_ERR_NOMEM;
    a->len = sort_unique_u32(a->v, c->tmp, a->len);
    return CONCORD_OK;
}

/* 1 if the normalised word negates: not, no, never, none, nobody,
   nothing, nor, neither, cannot, without, or a contraction in n't. */
static int is_negation(const char *w, size_t len)
{
    static const char *const words[] = {"not", "no", "never", "none", "nobody", "nothing",
                                        "nor", "neither", "cannot", "without"};
    if (len >= 3 && !memcmp(w + len - 3, "n't", 3)) return 1;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == len && !memcmp(w, words[i], len)) return 1;
    return 0;
}

/* The sentence evidence of a short text: word-class n-grams (1..4) and
   character 4-grams of the normalised words joined by spaces, as sorted
   multisets. */
static concord_status sentence_sets(concord_comparer *c, side *s)
{
    size_t n = s->n, bytes = 0;
    for (size_t i = 0; i < n; i++) bytes += s->tok[i].norm_len + 1;
    for (int g = 0; g < 4; g++) {
        u32v *v = &s->gram[g];
        if (u32v_reserve(v, n + 1)) return CONCORD_ERR_NOMEM;
        for (size_t i = 0; i + (size_t)g < n; i++) {
            uint64_t h = (uint64_t)g + 1;
            for (size_t j = i; j <= i + (size_t)g; j++) h = hash_combine(h, s->canon[j]);
            v->v[v->len++] = g ? fold32(hash_mix64(h)) : s->canon[i];
        }
    }
    if (u32v_reserve(&s->chars, bytes + 1)) return CONCORD_ERR_NOMEM;
    uint32_t w = 0;
    size_t seen = 0;
    for (size_t i = 0; i < n; i++) {
        const concord_token *k = &s->tok[i];
        for (size_t j = 0; j <= k->norm_len; j++) {
            w = w << 8 | (j < k->norm_len ? (unsigned char)k->norm[j] : ' ');
            if (++seen >= 4) s->chars.v[s->chars.len++] = w;
        }
    }
    u32v *sets[] = {&s->gram[0], &s->gram[1], &s->gram[2], &s->gram[3], &s->chars};
    for (size_t i = 0; i < sizeof sets / sizeof *sets; i++) {
        if (ensure_tmp(c, sets[i]->len)) return CONCORD_ERR_NOMEM;
        radix_sort_u32(sets[i]->v, c->tmp, sets[i]->len);
    }
    return CONCORD_OK;
}

/* Step 1 and 2 for one text. */
static concord_status analyse(concord_comparer *c, side *s, const char *t, size_t len)
{
    concord_status st = concord_text_analyse(s->text, t ? t : "", t ? len : 0, 0);
    if (st) return st;
    s->tok = text_tokens(s->text, &s->n);
    size_t n = s->n;
    if ((n > s->hash_cap && vec_grow((void **)&s->hash, &s->hash_cap, 0, n, sizeof *s->hash)) ||
        (n > s->canon_cap && vec_grow((void **)&s->canon, &s->canon_cap, 0, n, sizeof *s->canon)) ||
        (n > s->role_cap && vec_grow((void **)&s->role, &s->role_cap, 0, n, sizeof *s->role)))
        return CONCORD_ERR_NOMEM;
    u32v *sets[] = {&s->content, &s->content_tok, &s->all, &s->shingles, &s->canon_sh, &s->words, &s->exact,
                    &s->bigrams, &s->numbers, &s->names, &s->quoted};
    for (size_t i = 0; i < sizeof sets / sizeof *sets; i++)
        if (u32v_reserve(sets[i], n + 1)) return CONCORD_ERR_NOMEM;

    const concord_lexicon *lex = c->lexicon;
    s->negated = 0;
    for (size_t i = 0; i < n; i++) {
        const concord_token *k = &s->tok[i];
        s->hash[i] = hash_token(k->norm, k->norm_len, 7);
        uint64_t key = s->hash[i] | 1;
        struct lex_entry *e = &c->cache[(s->hash[i] >> 7) & (((size_t)1 << LEX_CACHE_BITS) - 1)];
        if (e->key != key) {
            e->key = key;
            e->function = !(k->flags & CONCORD_TOKEN_NUMBER) &&
                          concord_lexicon_is_function_word(lex, k->norm, k->norm_len);
            e->canon = e->function ? s->hash[i] : concord_lexicon_canon(lex, k->norm, k->norm_len);
            e->negation = (unsigned char)is_negation(k->norm, k->norm_len);
        }
        s->negated |= e->negation;
        unsigned char role;
        if (k->flags & CONCORD_TOKEN_NUMBER) role = ROLE_NUMBER;
        else if (e->function) role = ROLE_FUNCTION;
        else if ((k->flags & CONCORD_TOKEN_UPPER) && !sentence_start(t, k->start)) role = ROLE_NAME;
        else role = ROLE_CONTENT;
        s->role[i] = role;
        s->canon[i] = fold32(e->canon);
        s->all.v[s->all.len++] = fold32(s->hash[i]);
        if (role == ROLE_FUNCTION) continue;
        s->content.v[s->content.len++] = s->canon[i];
        s->content_tok.v[s->content_tok.len++] = (uint32_t)i;
        s->words.v[s->words.len++] = s->canon[i];
        s->exact.v[s->exact.len++] = fold32(s->hash[i]);
        if (role == ROLE_NUMBER) s->numbers.v[s->numbers.len++] = s->canon[i];
        if (role == ROLE_NAME) s->names.v[s->names.len++] = fold32(s->hash[i]);
    }
    /* Exact 5-word shingles. */
    s->shingles.len = shingle_count(n, 5);
    if (n) shingles_hash(s->hash, n, 5, s->shingles.v);
    /* Canonical 3-shingles and bigrams of the content classes. */
    size_t m = s->content.len;
    for (size_t i = 0; i + 1 < m; i++)
        s->bigrams.v[s->bigrams.len++] =
            fold32(hash_mix64(hash_combine(s->content.v[i], (uint64_t)s->content.v[i + 1] << 7)));
    for (size_t i = 0; i + 2 < m || (i == 0 && m > 0); i++) {
        uint64_t h = 0x51;
        for (size_t j = i; j < i + 3 && j < m; j++) h = hash_combine(h, s->content.v[j]);
        s->canon_sh.v[s->canon_sh.len++] = fold32(hash_mix64(h));
    }
    s->credit = t ? has_credit(t, len) : 0;

    if (ensure_tmp(c, s->all.len)) return CONCORD_ERR_NOMEM;
    radix_sort_u32(s->all.v, c->tmp, s->all.len);
    u32v *uniq[] = {&s->shingles, &s->canon_sh, &s->words, &s->exact,
                    &s->bigrams, &s->numbers, &s->names};
    for (size_t i = 0; i < sizeof uniq / sizeof *uniq; i++)
        if ((st = finish_set(c, uniq[i]))) return st;
    s->sentence = n <= COMPARE_SENTENCE_MAX_WORDS;
    return s->sentence ? sentence_sets(c, s) : CONCORD_OK;
}

/* The content words inside quotations of t (analysed into s): s->quoted. */
static concord_status quoted_words(concord_comparer *c, side *s, const char *t, size_t len)
{
    concord_status st = concord_quotes_extract(c->quotes, t ? t : "", t ? len : 0);
    if (st) return st;
    size_t q = concord_quotes_count(c->quotes), ti = 0, n = s->n;
    s->quoted.len = 0;
    for (size_t j = 0; j < q; j++) {
        const concord_quote *qu = concord_quotes_get(c->quotes, j);
        while (ti < n && s->tok[ti].start < qu->start) ti++;
        for (size_t u = ti; u < n && s->tok[u].end <= qu->end; u++)
            if (s->role[u] != ROLE_FUNCTION && s->quoted.len < s->quoted.cap)
                s->quoted.v[s->quoted.len++] = s->canon[u];
    }
    return finish_set(c, &s->quoted);
}

/* Size of the intersection of two sorted arrays: of the sets when they
   are unique, of the multisets when they hold repeats. */
static size_t common(const u32v *x, const u32v *y)
{
    size_t i = 0, j = 0, k = 0;
    while (i < x->len && j < y->len) {
        if (x->v[i] < y->v[j]) i++;
        else if (x->v[i] > y->v[j]) j++;
        else k++, i++, j++;
    }
    return k;
}

static double ratio(double x, double y)
{
    return y > 0 ? x / y : 0.0;
}

static double dice(const u32v *x, const u32v *y, size_t *shared)
{
    size_t k = common(x, y);
    if (shared) *shared = k;
    return ratio(2.0 * (double)k, (double)(x->len + y->len));
}

enum {
    CHUNK_SKIP = 2,       /* see match_words */
    SYN_MAX_WORDS = 100,  /* synonym stage only for texts of at most this many content words */
    SYN_WINDOW = 10       /* ... looking this far around the expected position */
};

/* Stage 1 of the matching: each x[i] in order takes the earliest unused
   y[j] of the same key; c->match_a[i] = j or -1, c->taken_b[j] set.
   Returns the number of matches. */
static concord_status greedy_match(concord_comparer *c, const uint32_t *x, size_t n,
                                   const uint32_t *y, size_t m, size_t *matches_out)
{
    if ((m > c->pairs_cap && vec_grow((void **)&c->pairs, &c->pairs_cap, 0, m, sizeof *c->pairs)) ||
        (m > c->pairs_tmp_cap &&
         vec_grow((void **)&c->pairs_tmp, &c->pairs_tmp_cap, 0, m, sizeof *c->pairs_tmp)) ||
        (m > c->used_cap && vec_grow((void **)&c->used, &c->used_cap, 0, m, sizeof *c->used)) ||
        (m > c->taken_b_cap && vec_grow((void **)&c->taken_b, &c->taken_b_cap, 0, m, 1)) ||
        (n > c->match_a_cap &&
         vec_grow((void **)&c->match_a, &c->match_a_cap, 0, n, sizeof *c->match_a)))
        return CONCORD_ERR_NOMEM;
    for (size_t j = 0; j < m; j++) c->pairs[j] = (uint64_t)y[j] << 32 | j;
    radix_sort_u64(c->pairs, c->pairs_tmp, m);
    memset(c->used, 0, m * sizeof *c->used); /* used[g]: taken from the group starting at g */
    memset(c->taken_b, 0, m);
    size_t matches = 0;
    for (size_t i = 0; i < n; i++) {
        c->match_a[i] = -1;
        uint64_t key = (uint64_t)x[i] << 32;
        size_t lo = 0, hi = m;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (c->pairs[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        if (lo >= m || c->pairs[lo] >> 32 != x[i]) continue;
        size_t g = lo, take = g + c->used[g];
        if (take >= m || c->pairs[take] >> 32 != x[i]) continue; /* group used up */
        c->used[g]++;
        size_t j = (size_t)(c->pairs[take] & 0xffffffffu);
        c->match_a[i] = (int32_t)j;
        c->taken_b[j] = 1;
        matches++;
    }
    *matches_out = matches;
    return CONCORD_OK;
}

/* Length of the longest increasing run of c->match_a[0..n) (entries -1
   skipped): a common subsequence of the two texts, by patience sorting in
   O(n log n). With chain, the run is left in c->chain[0..len) as the
   indices i in increasing order. */
static concord_status longest_in_order(concord_comparer *c, size_t n, int chain, size_t *out)
{
    if (ensure_tmp(c, n + 1) ||
        (n > c->chain_cap && vec_grow((void **)&c->chain, &c->chain_cap, 0, n, sizeof *c->chain)) ||
        (n > c->prev_cap && vec_grow((void **)&c->prev, &c->prev_cap, 0, n, sizeof *c->prev)))
        return CONCORD_ERR_NOMEM;
    uint32_t *tails = c->tmp;  /* tails[k]: smallest end j of an increasing run of k + 1 */
    uint32_t *last = c->chain; /* last[k]: the i ending it (reused for the chain at the end) */
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (c->match_a[i] < 0) continue;
        uint32_t j = (uint32_t)c->match_a[i];
        size_t lo = 0, hi = len;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (tails[mid] < j) lo = mid + 1;
            else hi = mid;
        }
        tails[lo] = j;
        last[lo] = (uint32_t)i;
        c->prev[i] = lo ? (int32_t)last[lo - 1] : -1;
        if (lo == len) len++;
    }
    if (chain && len) {
        int32_t i = (int32_t)last[len - 1];
        for (size_t k = len; k-- > 0; i = c->prev[i]) c->chain[k] = (uint32_t)i;
    }
    *out = len;
    return CONCORD_OK;
}

/*
 * Step 4: METEOR-like matching of content words. Stage 1: a's words in
 * order take the earliest unused word of b of the same class. Stage 2
 * (short texts, with a lexicon given): a word left over takes a left-over
 * lexicon synonym of b near its expected position. Then precision,
 * recall, fragmentation (chunks) and order over the matches in a's order.
 */
static concord_status match_words(concord_comparer *c, double *f)
{
    const side *sa = &c->s[0], *sb = &c->s[1];
    const u32v *x = &sa->content, *y = &sb->content;
    size_t n = x->len, m = y->len;
    f[F_PRECISION] = f[F_RECALL] = f[F_FRAGMENTATION] = f[F_ORDER] = f[F_LCS_CONTENT] = 0;
    f[F_UNMATCHED] = (double)(n > m ? n : m);
    f[F_UNMATCHED_MIN] = (double)(n < m ? n : m);
    if (!n || !m) return CONCORD_OK;
    size_t matches;
    concord_status st = greedy_match(c, x->v, n, y->v, m, &matches);
    if (st) return st;
    if (!c->own_lexicon && n <= SYN_MAX_WORDS && m <= SYN_MAX_WORDS && matches < n && matches < m) {
        for (size_t i = 0; i < n; i++) {
            if (c->match_a[i] >= 0) continue;
            const concord_token *ta = &sa->tok[sa->content_tok.v[i]];
            size_t e = i * m / n, lo = e > SYN_WINDOW ? e - SYN_WINDOW : 0;
            size_t hi = e + SYN_WINDOW + 1 < m ? e + SYN_WINDOW + 1 : m;
            for (size_t j = lo; j < hi; j++) {
                if (c->taken_b[j]) continue;
                const concord_token *tb = &sb->tok[sb->content_tok.v[j]];
                if (concord_lexicon_synonyms(c->lexicon, ta->norm, ta->norm_len, tb->norm, tb->norm_len)) {
                    c->match_a[i] = (int32_t)j;
                    c->taken_b[j] = 1;
                    matches++;
                    break;
                }
            }
        }
    }
    size_t chunks = 0, in_order = 0, prev_i = 0, prev_j = 0, k = 0;
    for (size_t i = 0; i < n; i++) {
        if (c->match_a[i] < 0) continue;
        size_t j = (size_t)c->match_a[i];
        /* a chunk goes on while both sides step forward by at most
           CHUNK_SKIP + 1 content words (an inserted adjective or a swapped
           verb does not break it) */
        if (k == 0 || !(i > prev_i && i <= prev_i + 1 + CHUNK_SKIP && j > prev_j &&
                        j <= prev_j + 1 + CHUNK_SKIP))
            chunks++;
        if (k > 0 && j > prev_j) in_order++;
        k++;
        prev_i = i, prev_j = j;
    }
    assert(k == matches);
    f[F_PRECISION] = ratio((double)matches, (double)n);
    f[F_RECALL] = ratio((double)matches, (double)m);
    f[F_FRAGMENTATION] = matches > 1 ? (double)(chunks - 1) / (double)(matches - 1) : 0.0;
    f[F_ORDER] = matches > 1 ? (double)in_order / (double)(matches - 1) : (matches ? 1.0 : 0.0);
    f[F_UNMATCHED] = (double)(n - matches > m - matches ? n - matches : m - matches);
    f[F_UNMATCHED_MIN] = (double)(n - matches < m - matches ? n - matches : m - matches);
    size_t run;
    if ((st = longest_in_order(c, n, 0, &run))) return st;
    f[F_LCS_CONTENT] = ratio(2.0 * (double)run, (double)(n + m));
    return CONCORD_OK;
}

/* The sentence evidence of two short texts (features F_GRAM1..F_LCS_WORDS). */
static concord_status sentence_features(concord_comparer *c, double *f)
{
    const side *x = &c->s[0], *y = &c->s[1];
    if (!x->n || !y->n) return CONCORD_OK; /* all 0 */
    double *gram[4] = {&f[F_GRAM1], &f[F_GRAM2], &f[F_GRAM3], &f[F_GRAM4]};
    for (int g = 0; g < 4; g++) *gram[g] = dice(&x->gram[g], &y->gram[g], NULL);
    f[F_CHAR_DICE] = dice(&x->chars, &y->chars, NULL);
    size_t matches, run;
    concord_status st = greedy_match(c, x->canon, x->n, y->canon, y->n, &matches);
    if (!st) st = longest_in_order(c, x->n, 1, &run);
    if (st) return st;
    f[F_LCS_WORDS] = ratio(2.0 * (double)run, (double)(x->n + y->n));
    /* the words between consecutive words of the common subsequence (and
       before the first, after the last) on each side */
    size_t run_a = 0, run_b = 0, pa = 0, pb = 0;
    for (size_t k = 0; k <= run; k++) {
        size_t ia = k < run ? c->chain[k] : x->n;
        size_t jb = k < run ? (size_t)c->match_a[ia] : y->n;
        if (ia - pa > run_a) run_a = ia - pa;
        if (jb - pb > run_b) run_b = jb - pb;
        pa = ia + 1, pb = jb + 1;
    }
    f[F_RUN_MAX] = (double)(run_a > run_b ? run_a : run_b);
    f[F_RUN_MIN] = (double)(run_a < run_b ? run_a : run_b);
    size_t ea = x->n - run, eb = y->n - run;
    f[F_EXTRA_MAX] = (double)(ea > eb ? ea : eb);
    f[F_EXTRA_MIN] = (double)(ea < eb ? ea : eb);
    /* content words and names outside it: taken_b marks b's words, reset
       to the subsequence's only */
    size_t ca = 0, cb = 0, names = 0;
    memset(c->taken_b, 0, y->n);
    for (size_t k = 0; k < run; k++) c->taken_b[c->match_a[c->chain[k]]] = 2;
    for (size_t k = 0, i = 0; i < x->n; i++) {
        if (k < run && c->chain[k] == i) { k++; continue; }
        ca += x->role[i] != ROLE_FUNCTION;
        names += x->role[i] == ROLE_NAME || x->role[i] == ROLE_NUMBER;
    }
    for (size_t j = 0; j < y->n; j++) {
        if (c->taken_b[j] == 2) continue;
        cb += y->role[j] != ROLE_FUNCTION;
        names += y->role[j] == ROLE_NAME || y->role[j] == ROLE_NUMBER;
    }
    f[F_EXTRA_CONTENT_MAX] = (double)(ca > cb ? ca : cb);
    f[F_EXTRA_CONTENT_MIN] = (double)(ca < cb ? ca : cb);
    f[F_EXTRA_NAMES] = (double)names;
    return CONCORD_OK;
}


/* Step 3: alignment features. */
static concord_status align_features(concord_comparer *c, const char *a, size_t a_len,
                                     const char *b, size_t b_len, double *f)
{
    concord_status st = concord_align(c->aligner, a ? a : "", a ? a_len : 0, b ? b : "", b ? b_len : 0);
    if (st) return st;
    concord_align_coverage(c->aligner, &f[F_ALIGN_A], &f[F_ALIGN_B]);
    size_t p = concord_align_count(c->aligner);
    double kind[3] = {0, 0, 0}, total = 0;
    size_t a_lo = SIZE_MAX, a_hi = 0, a_cov = 0;
    if (p > c->spans_cap && vec_grow((void **)&c->spans, &c->spans_cap, 0, p, sizeof *c->spans))
        return CONCORD_ERR_NOMEM;
    for (size_t i = 0; i < p; i++) {
        const concord_passage *q = concord_align_passage(c->aligner, i);
        double w = (double)(q->a_end - q->a_start + q->b_end - q->b_start);
        kind[q->kind] += w;
        total += w;
        if (q->a_start < a_lo) a_lo = q->a_start;
        if (q->a_end > a_hi) a_hi = q->a_end;
        a_cov += q->a_end - q->a_start;
        c->spans[i] = (uint64_t)q->b_start << 32 | (uint64_t)(q->b_end - q->b_start);
    }
    f[F_VERBATIM] = ratio(kind[CONCORD_PASSAGE_VERBATIM], total);
    f[F_EDITED] = ratio(kind[CONCORD_PASSAGE_EDITED], total);
    f[F_SPUN] = ratio(kind[CONCORD_PASSAGE_SPUN], total);
    /* Uncovered bytes between the first and the last passage, per side
       (passages do not overlap; b's extent from the spans). */
    size_t b_lo = SIZE_MAX, b_hi = 0, b_cov = 0;
    for (size_t i = 0; i < p; i++) {
        size_t s0 = (size_t)(c->spans[i] >> 32), l = (size_t)(c->spans[i] & 0xffffffffu);
        if (s0 < b_lo) b_lo = s0;
        if (s0 + l > b_hi) b_hi = s0 + l;
        b_cov += l;
    }
    f[F_GAP_A] = p && a_len ? ratio((double)(a_hi - a_lo - (a_cov < a_hi - a_lo ? a_cov : a_hi - a_lo)), (double)a_len) : 0;
    f[F_GAP_B] = p && b_len ? ratio((double)(b_hi - b_lo - (b_cov < b_hi - b_lo ? b_cov : b_hi - b_lo)), (double)b_len) : 0;
    return CONCORD_OK;
}

static concord_reuse relation_of(const double *f)
{
    double ca = f[F_ALIGN_A], cb = f[F_ALIGN_B];
    double cmin = ca < cb ? ca : cb, cmax = ca > cb ? ca : cb;
    /* the longer side (less covered) and its holes */
    double gap_long = ca < cb ? f[F_GAP_A] : f[F_GAP_B];
    double exact = f[F_VERBATIM] + f[F_EDITED];
    double p = f[F_PRECISION], r = f[F_RECALL];
    double fm = p + r > 0 ? 2 * p * r / (p + r) : 0;
    double fmax = p > r ? p : r;

    double gap_max = f[F_GAP_A] > f[F_GAP_B] ? f[F_GAP_A] : f[F_GAP_B];
    if (cmin >= VERBATIM_MIN_COVERAGE && exact >= VERBATIM_MIN_EXACT && gap_max < CONDENSED_MIN_GAP)
        return CONCORD_REUSE_VERBATIM;
    /* short texts (too short for the aligner): the same word shingles */
    if (f[F_WORDS_MIN] < SHORT_WORDS && f[F_SHINGLE_A] >= 0.8 && f[F_SHINGLE_B] >= 0.8)
        return CONCORD_REUSE_VERBATIM;
    if (cmin >= SPUN_MIN_COVERAGE && f[F_SPUN] >= SPUN_MIN_SHARE) return CONCORD_REUSE_SPUN;
    if (cmax >= PARTIAL_MIN_COVERAGE && exact >= VERBATIM_MIN_EXACT) {
        if (gap_long >= CONDENSED_MIN_GAP && cmin >= 0.3) return CONCORD_REUSE_PARAPHRASE;
        return CONCORD_REUSE_PARTIAL;
    }
    if (cmax >= PARTIAL_MIN_COVERAGE && f[F_SPUN] >= SPUN_MIN_SHARE) return CONCORD_REUSE_SPUN;
    if (fm >= PARAPHRASE_MIN_F && fmax >= PARAPHRASE_MIN_CONTAIN && f[F_ORDER] >= PARAPHRASE_MIN_ORDER &&
        f[F_NUMBERS_MISMATCH] < 0.5)
        return CONCORD_REUSE_PARAPHRASE;
    /* Independent reports: shared names or numbers or quotes, and topic. */
    double anchors = f[F_NAMES_SHARED] + f[F_NUMBERS_SHARED] + (f[F_QUOTES] >= 0.5 ? 2 : 0);
    if (f[F_WORDS_DICE] >= STORY_MIN_DICE && anchors >= 4 && f[F_NAMES_DICE] >= STORY_MIN_NAMES)
        return CONCORD_REUSE_SAME_STORY;
    if (f[F_WORDS_DICE] >= 0.35 && anchors >= 3) return CONCORD_REUSE_SAME_STORY;
    return CONCORD_REUSE_UNRELATED;
}

/* Order of two ISO 8601 dates, compared on their first 19 bytes (to the
   second; the shorter length when one has no time). */
static int date_cmp(const concord_doc_meta *x, const concord_doc_meta *y, int *same_day)
{
    size_t lx = x->date_len < 19 ? x->date_len : 19, ly = y->date_len < 19 ? y->date_len : 19;
    *same_day = lx >= 10 && ly >= 10 && !memcmp(x->date, y->date, 10);
    size_t l = lx < ly ? lx : ly;
    return memcmp(x->date, y->date, l); /* one a prefix of the other (a day and
                                            a time that day): undecided */
}

static int valid_date(const concord_doc_meta *m)
{
    return m && m->date && m->date_len >= 4 && m->date[0] >= '0' && m->date[0] <= '9';
}

/* Step 5: who derives from whom (docs/compare.md, "Provenance"). */
static void provenance(const concord_doc_meta *am, const concord_doc_meta *bm, const double *f,
                       concord_reuse rel, concord_comparison *out)
{
    out->direction = CONCORD_DIRECTION_UNKNOWN;
    out->confidence = 0;
    if (rel == CONCORD_REUSE_UNRELATED || rel == CONCORD_REUSE_SAME_STORY) return; /* no copy */
    if (valid_date(am) && valid_date(bm)) {
        int same_day;
        int r = date_cmp(am, bm, &same_day);
        if (r) {
            out->direction = r < 0 ? CONCORD_DIRECTION_A_TO_B : CONCORD_DIRECTION_B_TO_A;
            out->confidence = same_day ? 0.7 : 0.9;
            return;
        }
    }
    if (f[F_CREDIT_A] != f[F_CREDIT_B]) {
        out->direction = f[F_CREDIT_B] > 0 ? CONCORD_DIRECTION_A_TO_B : CONCORD_DIRECTION_B_TO_A;
        out->confidence = 0.6;
        return;
    }
    double ca = f[F_ALIGN_A], cb = f[F_ALIGN_B];
    if (fabs(ca - cb) < 0.05) return;
    /* The more covered side is contained in the other. An excerpt or a
       condensed rewrite is shorter than its source: the container is the
       source. A verbatim copy with extra boilerplate: the container
       (extra text) is the copy. */
    int a_contained = ca > cb;
    if (rel == CONCORD_REUSE_VERBATIM) {
        out->direction = a_contained ? CONCORD_DIRECTION_A_TO_B : CONCORD_DIRECTION_B_TO_A;
        out->confidence = 0.3;
    } else if (rel == CONCORD_REUSE_PARTIAL || rel == CONCORD_REUSE_PARAPHRASE) {
        out->direction = a_contained ? CONCORD_DIRECTION_B_TO_A : CONCORD_DIRECTION_A_TO_B;
        out->confidence = rel == CONCORD_REUSE_PARTIAL ? 0.4 : 0.3;
    }
}

concord_status concord_compare(concord_comparer *c, const char *a, size_t a_len,
                               const concord_doc_meta *a_meta, const char *b, size_t b_len,
                               const concord_doc_meta *b_meta, concord_comparison *out)
{
    if (!c || !out || (!a && a_len) || (!b && b_len)) return CONCORD_ERR_INVALID;
    memset(out, 0, sizeof *out);
    concord_status st;
    if ((st = analyse(c, &c->s[0], a, a_len)) || (st = analyse(c, &c->s[1], b, b_len))) return st;
    double *f = out->features;
    side *x = &c->s[0], *y = &c->s[1];
    size_t k;

    k = common(&x->shingles, &y->shingles);
    f[F_SHINGLE_A] = ratio((double)k, (double)x->shingles.len);
    f[F_SHINGLE_B] = ratio((double)k, (double)y->shingles.len);
    f[F_SHINGLE_JACCARD] = ratio((double)k, (double)(x->shingles.len + y->shingles.len - k));
    k = common(&x->canon_sh, &y->canon_sh);
    f[F_CANON_A] = ratio((double)k, (double)x->canon_sh.len);
    f[F_CANON_B] = ratio((double)k, (double)y->canon_sh.len);
    if ((st = align_features(c, a, a_len, b, b_len, f))) return st;
    f[F_WORDS_DICE] = dice(&x->words, &y->words, &k);
    f[F_WORDS_A] = ratio((double)k, (double)x->words.len);
    f[F_WORDS_B] = ratio((double)k, (double)y->words.len);
    f[F_EXACT_DICE] = dice(&x->exact, &y->exact, NULL);
    f[F_BIGRAM_DICE] = dice(&x->bigrams, &y->bigrams, NULL);
    if ((st = match_words(c, f))) return st;
    k = common(&x->numbers, &y->numbers);
    f[F_NUMBERS_SHARED] = (double)k;
    /* only when both texts have numbers: leaving them out is condensing,
       not contradicting */
    f[F_NUMBERS_MISMATCH] = x->numbers.len && y->numbers.len
                                ? ratio((double)(x->numbers.len + y->numbers.len - 2 * k),
                                        (double)(x->numbers.len + y->numbers.len - k))
                                : 0.0;
    f[F_NUMBERS_ONLY] = (double)(x->numbers.len + y->numbers.len - 2 * k);
    f[F_NAMES_DICE] = dice(&x->names, &y->names, &k);
    f[F_NAMES_SHARED] = (double)k;
    f[F_NAMES_MISMATCH] = x->names.len && y->names.len
                              ? ratio((double)(x->names.len + y->names.len - 2 * k),
                                      (double)(x->names.len + y->names.len - k))
                              : 0.0;
    f[F_NEGATION_MISMATCH] = x->negated != y->negated;
    f[F_TOKENS_DIFF] = x->n > y->n ? (double)(x->n - y->n) : (double)(y->n - x->n);
    f[F_WORDS_MAX] = (double)(x->n > y->n ? x->n : y->n);
    if (x->sentence && y->sentence && (st = sentence_features(c, f))) return st;
    size_t wx = x->content.len, wy = y->content.len;
    f[F_LENGTH_RATIO] = wx < wy ? ratio((double)wx, (double)wy) : ratio((double)wy, (double)wx);
    f[F_CREDIT_A] = x->credit;
    f[F_CREDIT_B] = y->credit;
    f[F_WORDS_MIN] = (double)(wx < wy ? wx : wy);
    f[F_TOKENS_F1] = ratio(2.0 * (double)common(&x->all, &y->all), (double)(x->all.len + y->all.len));
    out->feature_count = F_COUNT;
    _Static_assert((int)F_COUNT <= (int)CONCORD_FEATURE_MAX, "too many features");

    if (!x->n || !y->n) {
        out->relation = CONCORD_REUSE_UNRELATED;
        out->score = 0;
        return CONCORD_OK;
    }
    out->score = compare_score(f, NULL);
    out->relation = relation_of(f);
    if (out->relation == CONCORD_REUSE_SAME_STORY || out->relation == CONCORD_REUSE_UNRELATED) {
        /* Quotations only count for independent reports: found here, not
           for every pair (quotes_shared stays 0 for reuse). */
        if ((st = quoted_words(c, x, a, a_len)) || (st = quoted_words(c, y, b, b_len))) return st;
        k = common(&x->quoted, &y->quoted);
        size_t qmin = x->quoted.len < y->quoted.len ? x->quoted.len : y->quoted.len;
        f[F_QUOTES] = qmin >= 3 ? ratio((double)k, (double)qmin) : 0;
        out->relation = relation_of(f);
    }
    provenance(a_meta, b_meta, f, out->relation, out);
    return CONCORD_OK;
}
