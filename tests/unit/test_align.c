/*
 * Unit tests for passage alignment (concord_align and friends). Texts are
 * built from made-up words ("bakidu", one word per number) so that which
 * words two texts share, and so every expected passage and offset, can be
 * worked out by hand. The synonym test needs WordNet (skipped without it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "concord.h"
#include "match/align.h"

/* ---- Text building ------------------------------------------------------- */

typedef struct sb {
    char *s;
    size_t len, cap;
} sb;

static void sb_add(sb *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        assert_non_null(b->s);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_str(sb *b, const char *s) { sb_add(b, s, strlen(s)); }

/* A made-up word for number k: three syllables, distinct for k < 70^3. */
static void word(char out[8], unsigned k)
{
    static const char cons[] = "bdfgklmnprstvz", vow[] = "aeiou";
    for (int s = 0; s < 3; s++) {
        unsigned syl = k % 70;
        k /= 70;
        out[2 * s] = cons[syl / 5];
        out[2 * s + 1] = vow[syl % 5];
    }
    out[6] = '\0';
}

/* Words first..first+n-1 as a sentence: capitalised, ending with ". ". */
static void sentence(sb *b, unsigned first, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        char w[8];
        word(w, first + i);
        if (i == 0) w[0] = (char)(w[0] - 'a' + 'A');
        if (i) sb_str(b, " ");
        sb_str(b, w);
    }
    sb_str(b, ". ");
}

/* Byte offset of the first occurrence of needle in hay (must exist). */
static size_t offset_of(const char *hay, const char *needle)
{
    const char *p = strstr(hay, needle);
    assert_non_null(p);
    return (size_t)(p - hay);
}

static concord_aligner *aligner(const concord_lexicon *lex, unsigned min_words, double min_score)
{
    concord_align_options o;
    concord_align_options_init(&o);
    if (min_words) o.min_words = min_words;
    if (min_score >= 0) o.min_score = min_score;
    concord_aligner *al;
    assert_int_equal(concord_aligner_create(&al, lex, &o), CONCORD_OK);
    return al;
}

static void align(concord_aligner *al, const char *a, const char *b)
{
    assert_int_equal(concord_align(al, a, strlen(a), b, strlen(b)), CONCORD_OK);
}

static void expect_passage(const concord_aligner *al, size_t i, size_t a0, size_t a1, size_t b0,
                           size_t b1, concord_passage_kind kind)
{
    const concord_passage *p = concord_align_passage(al, i);
    assert_non_null(p);
    if (p->a_start != a0 || p->a_end != a1 || p->b_start != b0 || p->b_end != b1 || p->kind != kind)
        fail_msg("passage %zu: a [%zu,%zu) b [%zu,%zu) %s; expected a [%zu,%zu) b [%zu,%zu) %s", i,
                 p->a_start, p->a_end, p->b_start, p->b_end, concord_passage_kind_name(p->kind), a0,
                 a1, b0, b1, concord_passage_kind_name(kind));
}

/*
 * Invariants of every result: passages sorted by a_start, not overlapping
 * in a nor in b, non-empty, inside the texts, scores in [0, 1].
 */
static void check_invariants(const concord_aligner *al, size_t a_len, size_t b_len)
{
    size_t n = concord_align_count(al);
    for (size_t i = 0; i < n; i++) {
        const concord_passage *p = concord_align_passage(al, i);
        assert_true(p->a_start < p->a_end && p->a_end <= a_len);
        assert_true(p->b_start < p->b_end && p->b_end <= b_len);
        assert_true(p->score >= 0.0 && p->score <= 1.0);
        if (i) assert_true(concord_align_passage(al, i - 1)->a_end <= p->a_start);
        for (size_t j = 0; j < i; j++) {
            const concord_passage *q = concord_align_passage(al, j);
            assert_true(q->b_end <= p->b_start || p->b_end <= q->b_start);
        }
    }
    assert_null(concord_align_passage(al, n));
    double ca, cb;
    concord_align_coverage(al, &ca, &cb);
    assert_true(ca >= 0.0 && ca <= 1.0 + 1e-9 && cb >= 0.0 && cb <= 1.0 + 1e-9);
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- Tests ----------------------------------------------------------------- */

static void names_and_options(void **state)
{
    (void)state;
    assert_string_equal(concord_passage_kind_name(CONCORD_PASSAGE_VERBATIM), "verbatim");
    assert_string_equal(concord_passage_kind_name(CONCORD_PASSAGE_EDITED), "edited");
    assert_string_equal(concord_passage_kind_name(CONCORD_PASSAGE_SPUN), "spun");
    concord_align_options o;
    concord_align_options_init(&o);
    assert_int_equal(o.min_words, 8);
    assert_true(o.min_score == 0.5);
    concord_aligner *al;
    o.min_score = 1.5;
    assert_int_equal(concord_aligner_create(&al, NULL, &o), CONCORD_ERR_INVALID);
    assert_null(al);
    assert_int_equal(concord_aligner_create(NULL, NULL, NULL), CONCORD_ERR_INVALID);
    assert_int_equal(concord_aligner_create(&al, NULL, NULL), CONCORD_OK);
    assert_int_equal(concord_align(NULL, "a", 1, "b", 1), CONCORD_ERR_INVALID);
    assert_int_equal(concord_align(al, NULL, 3, "b", 1), CONCORD_ERR_INVALID);
    assert_int_equal(concord_align_count(al), 0);
    concord_aligner_free(al);
    concord_aligner_free(NULL);
    assert_int_equal(concord_align_count(NULL), 0);
}

static void identical_texts(void **state)
{
    (void)state;
    sb a = {0};
    sentence(&a, 100, 12);
    sentence(&a, 200, 15);
    sentence(&a, 300, 9);
    concord_aligner *al = aligner(NULL, 0, -1);
    align(al, a.s, a.s);
    assert_int_equal(concord_align_count(al), 1);
    /* From the first word to the end of the last word (before ". "). */
    expect_passage(al, 0, 0, a.len - 2, 0, a.len - 2, CONCORD_PASSAGE_VERBATIM);
    assert_true(concord_align_passage(al, 0)->score == 1.0);
    double ca, cb;
    concord_align_coverage(al, &ca, &cb);
    assert_true(ca == 1.0 && cb == 1.0);
    concord_aligner_free(al);
    free(a.s);
}

/* A = S1 S2 S3 S4, B = S1 S3 S4 S2: three passages, S2 moved. */
static void moved_sentence(void **state)
{
    (void)state;
    sb s[4] = {{0}}, a = {0}, b = {0};
    sentence(&s[0], 100, 12);
    sentence(&s[1], 200, 14);
    sentence(&s[2], 300, 10);
    sentence(&s[3], 400, 11);
    for (int k = 0; k < 4; k++) sb_str(&a, s[k].s);
    sb_str(&b, s[0].s);
    sb_str(&b, s[2].s);
    sb_str(&b, s[3].s);
    sb_str(&b, s[1].s);
    concord_aligner *al = aligner(NULL, 0, -1);
    align(al, a.s, b.s);
    check_invariants(al, a.len, b.len);
    assert_int_equal(concord_align_count(al), 3);
    size_t l0 = s[0].len, l1 = s[1].len, l2 = s[2].len, l3 = s[3].len;
    expect_passage(al, 0, 0, l0 - 2, 0, l0 - 2, CONCORD_PASSAGE_VERBATIM);
    expect_passage(al, 1, l0, l0 + l1 - 2, l0 + l2 + l3, l0 + l2 + l3 + l1 - 2,
                   CONCORD_PASSAGE_VERBATIM);
    expect_passage(al, 2, l0 + l1, a.len - 2, l0, l0 + l2 + l3 - 2, CONCORD_PASSAGE_VERBATIM);
    concord_aligner_free(al);
    for (int k = 0; k < 4; k++) free(s[k].s);
    free(a.s);
    free(b.s);
}

/* Three words inserted in the middle: one edited passage; twelve words
   deleted: two verbatim passages around the gap. */
static void insertion_and_deletion(void **state)
{
    (void)state;
    sb a = {0}, b = {0}, c = {0};
    sentence(&a, 100, 30);
    sentence(&b, 100, 15);
    b.len -= 2; /* drop ". " */
    sb_str(&b, " ");
    sentence(&b, 900, 3);
    b.len -= 2;
    sb_str(&b, " ");
    sentence(&b, 115, 15);
    /* b: words 100..114, 900..902, 115..129 */
    concord_aligner *al = aligner(NULL, 0, -1);
    align(al, a.s, b.s);
    check_invariants(al, a.len, b.len);
    assert_int_equal(concord_align_count(al), 1);
    expect_passage(al, 0, 0, a.len - 2, 0, b.len - 2, CONCORD_PASSAGE_EDITED);
    /* score: 2 * 30 matches / (30 + 33 words) */
    assert_true(concord_align_passage(al, 0)->score > 0.952 && concord_align_passage(al, 0)->score < 0.953);

    /* c: words 100..108 and 121..129 (the 12 words 109..120 deleted). */
    sentence(&c, 100, 9);
    c.len -= 2;
    sb_str(&c, " ");
    sentence(&c, 121, 9);
    align(al, a.s, c.s);
    check_invariants(al, a.len, c.len);
    assert_int_equal(concord_align_count(al), 2);
    char w[8];
    word(w, 108);
    size_t a_end0 = offset_of(a.s, w) + 6;
    word(w, 121);
    size_t a_start1 = offset_of(a.s, w);
    expect_passage(al, 0, 0, a_end0, 0, a_end0, CONCORD_PASSAGE_VERBATIM);
    expect_passage(al, 1, a_start1, a.len - 2, a_end0 + 1, c.len - 2, CONCORD_PASSAGE_VERBATIM);
    concord_aligner_free(al);
    free(a.s);
    free(b.s);
    free(c.s);
}

static void unrelated_texts(void **state)
{
    (void)state;
    sb a = {0}, b = {0};
    for (unsigned k = 0; k < 10; k++) sentence(&a, 100 + 20 * k, 15);
    for (unsigned k = 0; k < 10; k++) sentence(&b, 3000 + 20 * k, 15);
    concord_aligner *al = aligner(NULL, 0, -1);
    align(al, a.s, b.s);
    assert_int_equal(concord_align_count(al), 0);
    double ca, cb;
    concord_align_coverage(al, &ca, &cb);
    assert_true(ca == 0.0 && cb == 0.0);

    /* Real unrelated English: only function words in common. */
    const char *x = "The council said on Monday that the new bridge over the river would open in "
                    "the spring, after two years of delays caused by the flooding of the site.";
    const char *y = "Scientists at the university have found that the birds of the island sing "
                    "in a dialect of their own, and that the young learn it from their parents.";
    align(al, x, y);
    assert_int_equal(concord_align_count(al), 0);
    concord_aligner_free(al);
    free(a.s);
    free(b.s);
}

/* Offsets are bytes of the original texts, whatever the encoding and line ends. */
static void offsets_utf8_and_crlf(void **state)
{
    (void)state;
    const char *a = "Intro line.\r\n\r\nThe caf\xc3\xa9 in Z\xc3\xbcrich served na\xc3\xafve "
                    "tourists \xe2\x80\x9c" "fondue\xe2\x80\x9d at \xe2\x82\xac" "40 a plate,\r\nsaid "
                    "the \xc3\x96" "sterreich guide on Tuesday.\r\n";
    const char *b = "\xc3\x9c" "berschrift\n\nThe CAF\xc3\x89 in Z\xc3\xbcrich served na\xc3\xafve "
                    "tourists \"fondue\" at \xe2\x82\xac" "40 a plate,\nsaid the "
                    "\xc3\x96" "sterreich guide on Tuesday!\n";
    concord_aligner *al = aligner(NULL, 0, -1);
    align(al, a, b);
    check_invariants(al, strlen(a), strlen(b));
    assert_int_equal(concord_align_count(al), 1);
    size_t a0 = offset_of(a, "The caf"), a1 = offset_of(a, "Tuesday") + 7;
    size_t b0 = offset_of(b, "The CAF"), b1 = offset_of(b, "Tuesday") + 7;
    /* Case, quotes and line ends aside, the same words: verbatim. */
    expect_passage(al, 0, a0, a1, b0, b1, CONCORD_PASSAGE_VERBATIM);
    concord_aligner_free(al);
}

/* Content words swapped for WordNet synonyms: spun. */
static void spun_sentence(void **state)
{
    (void)state;
    concord_lexicon *lex;
    char msg[256];
    if (concord_lexicon_create(&lex, NULL, msg, sizeof msg) != CONCORD_OK) {
        fprintf(stderr, "skipped: %s\n", msg);
        skip();
    }
    const char *a = "The company said it would buy the large factory near the old harbour and "
                    "begin production of cars there in the autumn, and it expects to hire 300 "
                    "workers from the town.";
    const char *b = "The firm said it would purchase the big factory near the old harbour and "
                    "start production of automobiles there in the fall, and it expects to hire 300 "
                    "workers from the town.";
    /* The pairs above are WordNet synonyms (else the test is wrong, not concord). */
    assert_true(concord_lexicon_synonyms(lex, "buy", 3, "purchase", 8));
    assert_true(concord_lexicon_synonyms(lex, "car", 3, "automobile", 10));
    assert_true(concord_lexicon_synonyms(lex, "autumn", 6, "fall", 4));
    concord_aligner *al = aligner(lex, 0, -1);
    align(al, a, b);
    check_invariants(al, strlen(a), strlen(b));
    assert_int_equal(concord_align_count(al), 1);
    size_t a1 = offset_of(a, "town") + 4, b1 = offset_of(b, "town") + 4;
    expect_passage(al, 0, 0, a1, 0, b1, CONCORD_PASSAGE_SPUN);
    double with_lexicon = concord_align_passage(al, 0)->score;
    concord_aligner_free(al);

    /* Without the lexicon: the same passage, still one-for-one swaps (spun),
       but the swapped words no longer count as matches. */
    al = aligner(NULL, 0, -1);
    align(al, a, b);
    assert_int_equal(concord_align_count(al), 1);
    expect_passage(al, 0, 0, a1, 0, b1, CONCORD_PASSAGE_SPUN);
    assert_true(concord_align_passage(al, 0)->score < with_lexicon);
    assert_true(with_lexicon > 0.9);
    concord_aligner_free(al);
    concord_lexicon_free(lex);
}

static void options_respected(void **state)
{
    (void)state;
    sb a = {0}, b = {0};
    sentence(&a, 100, 20);
    sentence(&a, 500, 6); /* a six-word sentence shared */
    sentence(&a, 200, 20);
    sentence(&b, 300, 20);
    sentence(&b, 500, 6);
    sentence(&b, 400, 20);
    concord_aligner *al = aligner(NULL, 0, -1);
    align(al, a.s, b.s);
    assert_int_equal(concord_align_count(al), 0); /* default: 8 words at least */
    concord_aligner_free(al);
    al = aligner(NULL, 6, -1);
    align(al, a.s, b.s);
    assert_int_equal(concord_align_count(al), 1);
    concord_aligner_free(al);

    /* min_score: a passage with 10 of 30 words replaced has score 2/3. */
    sb c = {0}, d = {0};
    for (unsigned k = 0; k < 30; k++) {
        char w[8];
        word(w, 100 + k);
        sb_str(&c, w);
        sb_str(&c, " ");
        word(w, k % 3 == 1 ? 2000 + k : 100 + k);
        sb_str(&d, w);
        sb_str(&d, " ");
    }
    al = aligner(NULL, 0, 0.6);
    align(al, c.s, d.s);
    assert_int_equal(concord_align_count(al), 1);
    assert_true(concord_align_passage(al, 0)->score > 0.66 && concord_align_passage(al, 0)->score < 0.67);
    concord_aligner_free(al);
    al = aligner(NULL, 0, 0.7);
    align(al, c.s, d.s);
    assert_int_equal(concord_align_count(al), 0);
    concord_aligner_free(al);
    free(a.s);
    free(b.s);
    free(c.s);
    free(d.s);
}

/* A paragraph copied twice into b is aligned once (passages never overlap in a). */
static void repeated_paragraph(void **state)
{
    (void)state;
    sb p = {0}, a = {0}, b = {0};
    sentence(&p, 100, 25);
    sentence(&a, 700, 10);
    sb_str(&a, p.s);
    sb_str(&b, p.s);
    sentence(&b, 800, 10);
    sb_str(&b, p.s);
    concord_aligner *al = aligner(NULL, 0, -1);
    align(al, a.s, b.s);
    check_invariants(al, a.len, b.len);
    assert_int_equal(concord_align_count(al), 1);
    const concord_passage *q = concord_align_passage(al, 0);
    assert_int_equal(q->a_start, a.len - p.len);
    assert_int_equal(q->a_end - q->a_start, p.len - 2);
    concord_aligner_free(al);
    free(p.s);
    free(a.s);
    free(b.s);
}

static void empty_and_tiny(void **state)
{
    (void)state;
    concord_aligner *al = aligner(NULL, 0, -1);
    assert_int_equal(concord_align(al, "", 0, "", 0), CONCORD_OK);
    assert_int_equal(concord_align_count(al), 0);
    assert_int_equal(concord_align(al, NULL, 0, "some words here", 15), CONCORD_OK);
    assert_int_equal(concord_align_count(al), 0);
    align(al, "...  !!", "one two");
    assert_int_equal(concord_align_count(al), 0);
    align(al, "one", "one");
    assert_int_equal(concord_align_count(al), 0); /* shorter than min_words */
    double ca, cb;
    concord_align_coverage(al, &ca, &cb);
    assert_true(ca == 0.0 && cb == 0.0);
    concord_aligner_free(al);
}

/* Reusing an aligner gives the results of a fresh one. */
static void reuse(void **state)
{
    (void)state;
    sb a = {0}, b = {0};
    for (unsigned k = 0; k < 8; k++) sentence(&a, 100 + 30 * k, 12 + k);
    for (unsigned k = 8; k-- > 0;) sentence(&b, 100 + 30 * k, 12 + k);
    concord_aligner *fresh = aligner(NULL, 0, -1), *used = aligner(NULL, 0, -1);
    align(fresh, a.s, b.s);
    align(used, b.s, a.s);
    align(used, "x y z", a.s);
    align(used, a.s, b.s);
    assert_int_equal(concord_align_count(fresh), 8);
    assert_int_equal(concord_align_count(used), concord_align_count(fresh));
    for (size_t i = 0; i < concord_align_count(fresh); i++) {
        const concord_passage *p = concord_align_passage(fresh, i), *q = concord_align_passage(used, i);
        assert_true(p->a_start == q->a_start && p->a_end == q->a_end && p->b_start == q->b_start &&
                    p->b_end == q->b_end && p->kind == q->kind && p->score == q->score);
    }
    concord_aligner_free(fresh);
    concord_aligner_free(used);
    free(a.s);
    free(b.s);
}

/* Random rewrites: blocks moved, words replaced, inserted, deleted. The
   invariants hold and every block of 15+ untouched words is found. */
static void random_rewrites(void **state)
{
    (void)state;
    uint64_t rng = 42;
    concord_aligner *al = aligner(NULL, 0, -1);
    for (int round = 0; round < 50; round++) {
        sb a = {0}, b = {0};
        unsigned nblocks = 3 + (unsigned)(rng % 6), order[8];
        for (unsigned k = 0; k < nblocks; k++) {
            sentence(&a, 1000 * (unsigned)round % 7000 + 40 * k, 15 + k);
            order[k] = k;
        }
        for (unsigned k = nblocks; k > 1; k--) {
            rng = rng * 6364136223846793005u + 1442695040888963407u;
            unsigned j = (unsigned)((rng >> 33) % k), t = order[k - 1];
            order[k - 1] = order[j];
            order[j] = t;
        }
        for (unsigned k = 0; k < nblocks; k++) {
            rng = rng * 6364136223846793005u + 1442695040888963407u;
            if ((rng >> 60) == 0) sentence(&b, 7000 + k * 10, 5); /* an inserted sentence */
            sentence(&b, 1000 * (unsigned)round % 7000 + 40 * order[k], 15 + order[k]);
        }
        align(al, a.s, b.s);
        check_invariants(al, a.len, b.len);
        double ca;
        concord_align_coverage(al, &ca, NULL);
        assert_true(ca > 0.97);
        align(al, b.s, a.s);
        check_invariants(al, b.len, a.len);
        free(a.s);
        free(b.s);
    }
    concord_aligner_free(al);
}

/* ---- Adversarial inputs: bounded time and linear work ---------------------- */

/* About `bytes` of text: sentences of words drawn from 5,000 made-up words. */
static char *random_article(size_t bytes, uint64_t seed, size_t *len)
{
    sb b = {0};
    uint64_t x = seed;
    while (b.len < bytes) {
        unsigned n = 8 + (unsigned)(x % 20);
        for (unsigned i = 0; i < n; i++) {
            x = x * 6364136223846793005u + 1442695040888963407u;
            char w[8];
            word(w, (unsigned)(x >> 40) % 5000);
            if (i) sb_str(&b, " ");
            sb_str(&b, w);
        }
        sb_str(&b, ". ");
    }
    *len = b.len;
    return b.s;
}

static void ten_megabytes_against_itself(void **state)
{
    (void)state;
    size_t len;
    char *a = random_article(10u << 20, 7, &len);
    concord_aligner *al = aligner(NULL, 0, -1);
    double t = seconds();
    assert_int_equal(concord_align(al, a, len, a, len), CONCORD_OK);
    t = seconds() - t;
    assert_int_equal(concord_align_count(al), 1);
    expect_passage(al, 0, 0, len - 2, 0, len - 2, CONCORD_PASSAGE_VERBATIM);
    align_stats st;
    align_stats_get(al, &st);
    /* Linear work: a few hits and DP cells per word. */
    assert_true(st.hits <= 2 * st.tokens_a);
    assert_true(st.cells <= 4 * st.tokens_a);
    fprintf(stderr, "10 MB vs itself: %zu words, %zu hits, %zu cells, %.2f s\n", st.tokens_a,
            st.hits, st.cells, t);
    assert_true(t < 60.0); /* generous: sanitizers, slow machines */
    concord_aligner_free(al);
    free(a);
}

static void identical_sentences(void **state)
{
    (void)state;
    sb a = {0};
    const char *s = "The minister said on Tuesday that the plan would work. ";
    for (int k = 0; k < 100000; k++) sb_str(&a, s);
    concord_aligner *al = aligner(NULL, 0, -1);
    double t = seconds();
    align(al, a.s, a.s);
    double t1 = seconds() - t;
    assert_int_equal(concord_align_count(al), 1);
    expect_passage(al, 0, 0, a.len - 2, 0, a.len - 2, CONCORD_PASSAGE_VERBATIM);
    align_stats st;
    align_stats_get(al, &st);
    assert_true(st.hits <= 2 * st.tokens_a);

    /* One of the sentences against all of them: one passage, quickly. */
    t = seconds();
    align(al, s, a.s);
    assert_int_equal(concord_align_count(al), 1);
    align(al, a.s, s);
    assert_int_equal(concord_align_count(al), 1);
    /* The first half against the whole. */
    assert_int_equal(concord_align(al, a.s, a.len / 2, a.s, a.len), CONCORD_OK);
    assert_int_equal(concord_align_count(al), 1);
    align_stats_get(al, &st);
    assert_true(st.hits <= 2 * (st.tokens_a + st.tokens_b));
    double t2 = seconds() - t;
    fprintf(stderr, "100,000 identical sentences: %.2f s vs itself, %.2f s for the rest\n", t1, t2);
    assert_true(t1 < 30.0 && t2 < 30.0);
    concord_aligner_free(al);
    free(a.s);
}

static void no_spaces(void **state)
{
    (void)state;
    /* 1 MB of letters: tokens are cut every 256 code points. */
    size_t n = 1u << 20;
    char *a = malloc(n);
    assert_non_null(a);
    for (size_t i = 0; i < n; i++) a[i] = (char)('a' + (i * 7 + i / 13) % 26);
    concord_aligner *al = aligner(NULL, 0, -1);
    assert_int_equal(concord_align(al, a, n, a, n), CONCORD_OK);
    check_invariants(al, n, n);
    assert_int_equal(concord_align_count(al), 1);
    memset(a, 'q', n); /* one letter repeated: every token the same */
    assert_int_equal(concord_align(al, a, n, a, n / 3), CONCORD_OK);
    check_invariants(al, n, n / 3);
    assert_int_equal(concord_align_count(al), 1);
    /* Ideographs: one token per character, no spaces at all. */
    sb c = {0};
    for (unsigned k = 0; k < 3000; k++) {
        unsigned cp = 0x4e00 + (k * 37) % 2000;
        char u[3] = {(char)(0xe0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 63)), (char)(0x80 | (cp & 63))};
        sb_add(&c, u, 3);
    }
    align(al, c.s, c.s + 3 * 1000);
    check_invariants(al, c.len, c.len - 3000);
    assert_int_equal(concord_align_count(al), 1);
    expect_passage(al, 0, 3000, c.len, 0, c.len - 3000, CONCORD_PASSAGE_VERBATIM);
    concord_aligner_free(al);
    free(a);
    free(c.s);
}

/* b: a with every 40th byte replaced by 'x': words changed all along. */
static char *corrupted(const char *a, size_t len)
{
    char *b = malloc(len + 1);
    assert_non_null(b);
    memcpy(b, a, len + 1);
    for (size_t i = 17; i < len; i += 40) b[i] = 'x';
    return b;
}

/* Doubling the input doubles the work (no quadratic term hiding). */
static void work_is_linear(void **state)
{
    (void)state;
    concord_aligner *al = aligner(NULL, 0, -1);
    align_stats s1, s2;
    size_t l1, l2;
    char *a1 = random_article(200000, 3, &l1), *a2 = random_article(400000, 3, &l2);
    char *b1 = corrupted(a1, l1), *b2 = corrupted(a2, l2);
    assert_int_equal(concord_align(al, a1, l1, b1, l1), CONCORD_OK);
    align_stats_get(al, &s1);
    check_invariants(al, l1, l1);
    double c1;
    concord_align_coverage(al, &c1, NULL);
    assert_int_equal(concord_align(al, a2, l2, b2, l2), CONCORD_OK);
    align_stats_get(al, &s2);
    fprintf(stderr, "edited 200 KB: %zu hits %zu cells %zu columns (coverage %.3f); 400 KB: %zu hits "
            "%zu cells %zu columns\n", s1.hits, s1.cells, s1.columns, c1, s2.hits, s2.cells,
            s2.columns);
    assert_true(c1 > 0.9);
    assert_true(s1.cells > 1000);
    assert_true(s2.hits <= 5 * s1.hits / 2);
    assert_true(s2.cells <= 5 * s1.cells / 2);
    assert_true(s2.columns <= 5 * s1.columns / 2);
    concord_aligner_free(al);
    free(a1);
    free(b1);
    free(a2);
    free(b2);
}

/* Two different texts over five words: hits everywhere, and bounded work. */
static void few_distinct_words(void **state)
{
    (void)state;
    static const char *const w[] = {"alpha", "bravo", "charlie", "delta", "echo"};
    sb a = {0}, b = {0};
    uint64_t x = 5;
    for (int k = 0; k < 60000; k++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        sb_str(k % 2 ? &b : &a, w[(x >> 40) % 5]);
        sb_str(k % 2 ? &b : &a, " ");
    }
    concord_aligner *al = aligner(NULL, 0, -1);
    double t = seconds();
    align(al, a.s, b.s);
    t = seconds() - t;
    check_invariants(al, a.len, b.len);
    align_stats st;
    align_stats_get(al, &st);
    fprintf(stderr, "five words, 2 x 30,000: %zu hits, %zu chains, %zu cells, %zu passages, %.2f s\n",
            st.hits, st.chains, st.cells, concord_align_count(al), t);
    assert_true(st.hits <= 2 * (st.tokens_a + st.tokens_b));
    assert_true(st.cells <= (st.tokens_a + st.tokens_b) * ALIGN_CELLS_PER_WORD + 65536 + 10000);
    assert_true(t < 30.0);
    concord_aligner_free(al);
    free(a.s);
    free(b.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_and_options),
        cmocka_unit_test(identical_texts),
        cmocka_unit_test(moved_sentence),
        cmocka_unit_test(insertion_and_deletion),
        cmocka_unit_test(unrelated_texts),
        cmocka_unit_test(offsets_utf8_and_crlf),
        cmocka_unit_test(spun_sentence),
        cmocka_unit_test(options_respected),
        cmocka_unit_test(repeated_paragraph),
        cmocka_unit_test(empty_and_tiny),
        cmocka_unit_test(reuse),
        cmocka_unit_test(random_rewrites),
        cmocka_unit_test(ten_megabytes_against_itself),
        cmocka_unit_test(identical_sentences),
        cmocka_unit_test(no_spaces),
        cmocka_unit_test(work_is_linear),
        cmocka_unit_test(few_distinct_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
