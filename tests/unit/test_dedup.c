/*
 * Unit tests for concord_dedup (public API only). Texts are built from
 * numbered words so every expected Jaccard can be worked out by hand:
 * a text of n distinct words has n-4 distinct 5-word shingles.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "concord.h"

/* Words w<from> .. w<to-1>, with word `swap` (if in range) replaced by "x<swap>". */
static char *words(int from, int to, int swap)
{
    size_t cap = (size_t)(to - from) * 12 + 1, len = 0;
    char *s = malloc(cap);
    s[0] = '\0';
    for (int i = from; i < to; i++)
        len += (size_t)snprintf(s + len, cap - len, "%s%c%d", i == from ? "" : " ", i == swap ? 'x' : 'w', i);
    return s;
}

static concord_dedup *run(const char **texts, size_t n, const concord_dedup_options *o)
{
    concord_dedup *d;
    assert_int_equal(concord_dedup_create(&d, o), CONCORD_OK);
    for (size_t i = 0; i < n; i++) {
        char id[16];
        int len = snprintf(id, sizeof id, "doc%zu", i);
        assert_int_equal(concord_dedup_add(d, id, (size_t)len, texts[i], strlen(texts[i])), CONCORD_OK);
        memset(id, '?', sizeof id); /* the id must have been copied */
    }
    assert_int_equal(concord_dedup_run(d), CONCORD_OK);
    return d;
}

static const concord_pair *find_pair(const concord_dedup *d, size_t a, size_t b)
{
    for (size_t i = 0; i < concord_dedup_pair_count(d); i++) {
        const concord_pair *p = concord_dedup_pair(d, i);
        if (p->a == a && p->b == b) return p;
    }
    return NULL;
}

static void relations_and_exact_figures(void **state)
{
    (void)state;
    char *orig = words(0, 100, -1);             /* 96 shingles */
    char *edited = words(0, 100, 50);           /* shares 91: J = 91/101 */
    char *excerpt = words(0, 60, -1);           /* 56 shingles, all in orig */
    char *snippet = words(0, 40, -1);           /* 36: below min ratio 0.5 of orig,
                                                   but 36/56 of the excerpt */
    char *other = words(1000, 1100, -1);
    /* Same words as orig, different case and punctuation: exact. */
    size_t n = strlen(orig);
    char *shouty = malloc(n + 3);
    for (size_t i = 0; i < n; i++) shouty[i] = orig[i] == 'w' ? 'W' : orig[i] == ' ' ? ',' : orig[i];
    memcpy(shouty + n, "!!", 3);
    const char *texts[] = {orig, other, edited, excerpt, snippet, shouty};
    concord_dedup *d = run(texts, 6, NULL);

    const concord_pair *p = find_pair(d, 0, 5);
    assert_non_null(p);
    assert_int_equal(p->relation, CONCORD_REL_EXACT);
    assert_true(p->jaccard == 1.0);

    p = find_pair(d, 0, 2);
    assert_non_null(p);
    assert_int_equal(p->relation, CONCORD_REL_NEAR);
    assert_true(fabs(p->jaccard - 91.0 / 101.0) < 1e-12);
    assert_true(fabs(p->a_in_b - 91.0 / 96.0) < 1e-12);

    p = find_pair(d, 0, 3);
    assert_non_null(p);
    assert_int_equal(p->relation, CONCORD_REL_CONTAINED);
    assert_true(fabs(p->jaccard - 56.0 / 96.0) < 1e-12);
    assert_true(p->b_in_a == 1.0);
    assert_true(fabs(p->a_in_b - 56.0 / 96.0) < 1e-12);

    assert_null(find_pair(d, 0, 4)); /* 36/96 of orig: too short a share */
    assert_null(find_pair(d, 4, 5));
    p = find_pair(d, 3, 4);          /* but 36/56 of the excerpt: contained */
    assert_non_null(p);
    assert_int_equal(p->relation, CONCORD_REL_CONTAINED);
    assert_true(p->b_in_a == 1.0);
    assert_true(fabs(p->jaccard - 36.0 / 56.0) < 1e-12);
    assert_null(find_pair(d, 0, 1));
    assert_int_equal(concord_dedup_pair_count(d), 7); /* 0-2 0-3 0-5 2-3 2-5 3-4 3-5 */
    for (size_t i = 0; i < concord_dedup_pair_count(d); i++) {
        const concord_pair *q = concord_dedup_pair(d, i);
        assert_true(q->a < q->b);
        assert_true(q->a != 1 && q->b != 1);
        if (i) { /* sorted by (a, b) */
            const concord_pair *r = concord_dedup_pair(d, i - 1);
            assert_true(r->a < q->a || (r->a == q->a && r->b < q->b));
        }
    }
    /* One group: 0, 2, 3, 4 (through 3), 5. */
    assert_int_equal(concord_dedup_group_count(d), 1);
    size_t count;
    const size_t *m = concord_dedup_group(d, 0, &count);
    assert_int_equal(count, 5);
    assert_int_equal(m[0], 0);
    assert_int_equal(m[1], 2);
    assert_int_equal(m[2], 3);
    assert_int_equal(m[3], 4);
    assert_int_equal(m[4], 5);
    size_t len;
    const char *id = concord_dedup_id(d, 3, &len);
    assert_int_equal(len, 4);
    assert_memory_equal(id, "doc3", 4);
    assert_null(concord_dedup_group(d, 1, &count));
    assert_int_equal(count, 0);

    concord_dedup_stats s;
    concord_dedup_stats_get(d, &s);
    assert_int_equal(s.documents, 6);
    assert_int_equal(s.pairs, concord_dedup_pair_count(d));
    assert_int_equal(s.groups, 1);
    assert_int_equal(s.bands * s.rows <= 128, 1);
    concord_dedup_free(d);
    free(orig), free(edited), free(excerpt), free(snippet), free(other), free(shouty);
}

static void threshold_option_is_respected(void **state)
{
    (void)state;
    char *orig = words(0, 100, -1), *edited = words(0, 100, 50); /* J = 0.901 */
    const char *texts[] = {orig, edited};
    concord_dedup_options o;
    concord_dedup_options_init(&o);
    o.threshold = 0.95;
    o.containment = 0.99; /* 91/96 = 0.948 in either direction: not contained */
    concord_dedup *d = run(texts, 2, &o);
    assert_int_equal(concord_dedup_pair_count(d), 0);
    assert_int_equal(concord_dedup_group_count(d), 0);
    concord_dedup_free(d);
    o.threshold = 0.9;
    d = run(texts, 2, &o);
    assert_int_equal(concord_dedup_pair_count(d), 1);
    concord_dedup_free(d);
    free(orig), free(edited);
}

static void short_and_empty_texts(void **state)
{
    (void)state;
    /* Fewer words than a shingle: one shingle of all words. */
    const char *texts[] = {"Breaking news", "breaking NEWS!", "... --- !!!", "", "Other words here"};
    concord_dedup *d = run(texts, 5, NULL);
    assert_int_equal(concord_dedup_pair_count(d), 1);
    const concord_pair *p = concord_dedup_pair(d, 0);
    assert_int_equal(p->a, 0);
    assert_int_equal(p->b, 1);
    assert_int_equal(p->relation, CONCORD_REL_EXACT);
    concord_dedup_stats s;
    concord_dedup_stats_get(d, &s);
    assert_int_equal(s.empty, 2); /* punctuation only, and empty */
    concord_dedup_free(d);
}

/* Texts without words must not all share LSH buckets (that was quadratic). */
static void many_texts_without_words(void **state)
{
    (void)state;
    concord_dedup *d;
    assert_int_equal(concord_dedup_create(&d, NULL), CONCORD_OK);
    for (int i = 0; i < 20000; i++) {
        char id[16];
        int len = snprintf(id, sizeof id, "%d", i);
        assert_int_equal(concord_dedup_add(d, id, (size_t)len, "... --- !!!", 11), CONCORD_OK);
    }
    assert_int_equal(concord_dedup_run(d), CONCORD_OK);
    concord_dedup_stats s;
    concord_dedup_stats_get(d, &s);
    assert_int_equal(s.empty, 20000);
    assert_true(s.candidates < 100); /* only chance 32-bit key collisions */
    assert_int_equal(concord_dedup_pair_count(d), 0);
    concord_dedup_free(d);
}

/*
 * A large class of identical texts: one representative goes through LSH,
 * so candidates stay few, yet every pair is reported and one group holds
 * them all.
 */
static void large_class_of_copies(void **state)
{
    (void)state;
    enum { COPIES = 1000 };
    char *text = words(0, 120, -1);
    concord_dedup *d;
    assert_int_equal(concord_dedup_create(&d, NULL), CONCORD_OK);
    for (int i = 0; i < COPIES; i++) {
        char id[16];
        int len = snprintf(id, sizeof id, "c%d", i);
        assert_int_equal(concord_dedup_add(d, id, (size_t)len, text, strlen(text)), CONCORD_OK);
    }
    assert_int_equal(concord_dedup_run(d), CONCORD_OK);
    concord_dedup_stats s;
    concord_dedup_stats_get(d, &s);
    assert_true(s.candidates < 100);
    assert_int_equal(concord_dedup_pair_count(d), COPIES * (COPIES - 1) / 2);
    for (size_t i = 0; i < concord_dedup_pair_count(d); i++)
        assert_int_equal(concord_dedup_pair(d, i)->relation, CONCORD_REL_EXACT);
    size_t count;
    concord_dedup_group(d, 0, &count);
    assert_int_equal(concord_dedup_group_count(d), 1);
    assert_int_equal(count, COPIES);
    concord_dedup_free(d);
    free(text);
}

/*
 * Copies of an article and copies of its excerpt: the excerpt relation of
 * the two representatives holds for every member pair, with a_in_b and
 * b_in_a following the order of the pair.
 */
static void relations_expand_over_copies(void **state)
{
    (void)state;
    char *orig = words(0, 100, -1), *excerpt = words(0, 60, -1);
    /* 0: excerpt, 1: orig, 2: excerpt, 3: orig */
    const char *texts[] = {excerpt, orig, excerpt, orig};
    concord_dedup *d = run(texts, 4, NULL);
    assert_int_equal(concord_dedup_pair_count(d), 6);
    const struct { size_t a, b; concord_relation rel; double a_in_b; } want[] = {
        {0, 1, CONCORD_REL_CONTAINED, 1.0}, {0, 2, CONCORD_REL_EXACT, 1.0},
        {0, 3, CONCORD_REL_CONTAINED, 1.0}, {1, 2, CONCORD_REL_CONTAINED, 56.0 / 96.0},
        {1, 3, CONCORD_REL_EXACT, 1.0},     {2, 3, CONCORD_REL_CONTAINED, 1.0},
    };
    for (size_t i = 0; i < 6; i++) {
        const concord_pair *p = concord_dedup_pair(d, i);
        assert_int_equal(p->a, want[i].a);
        assert_int_equal(p->b, want[i].b);
        assert_int_equal(p->relation, want[i].rel);
        assert_true(fabs(p->a_in_b - want[i].a_in_b) < 1e-12);
    }
    concord_dedup_free(d);
    free(orig), free(excerpt);
}

static void invalid_use(void **state)
{
    (void)state;
    concord_dedup *d;
    concord_dedup_options o;
    concord_dedup_options_init(&o);
    o.threshold = 0;
    assert_int_equal(concord_dedup_create(&d, &o), CONCORD_ERR_INVALID);
    assert_null(d);
    concord_dedup_options_init(&o);
    o.perms = 0;
    assert_int_equal(concord_dedup_create(&d, &o), CONCORD_ERR_INVALID);
    concord_dedup_options_init(&o);
    o.shingle = 0;
    assert_int_equal(concord_dedup_create(&d, &o), CONCORD_ERR_INVALID);
    assert_int_equal(concord_dedup_create(NULL, NULL), CONCORD_ERR_INVALID);
    assert_int_equal(concord_dedup_create(&d, NULL), CONCORD_OK);
    assert_int_equal(concord_dedup_add(d, NULL, 3, "x", 1), CONCORD_ERR_INVALID);
    assert_int_equal(concord_dedup_add(d, "a", 1, NULL, 1), CONCORD_ERR_INVALID);
    assert_int_equal(concord_dedup_run(d), CONCORD_OK);
    assert_int_equal(concord_dedup_add(d, "a", 1, "x", 1), CONCORD_ERR_INVALID);
    assert_int_equal(concord_dedup_run(d), CONCORD_ERR_INVALID);
    assert_null(concord_dedup_pair(d, 0));
    concord_dedup_free(d);
    concord_dedup_free(NULL);
}

/*
 * Many unrelated random documents with planted near copies (two words of
 * 150 substituted, far apart: 146 shingles each, 136 shared, J = 136/156):
 * every copy is found with its exact Jaccard and nothing else is reported.
 */
static size_t random_text(uint64_t seed, int copy, char *out)
{
    enum { WORDS = 150 };
    size_t len = 0;
    for (int w = 0; w < WORDS; w++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        unsigned word = (unsigned)(seed >> 40) % 50000;
        if (copy && (w == 40 || w == 110))
            len += (size_t)snprintf(out + len, 16, " x%d", w);
        else
            len += (size_t)snprintf(out + len, 16, "%s%u", w ? " " : "", word);
    }
    return len;
}

static void planted_copies_among_noise(void **state)
{
    (void)state;
    enum { NOISE = 3000, PLANTED = 40 };
    concord_dedup *d;
    assert_int_equal(concord_dedup_create(&d, NULL), CONCORD_OK);
    char *text = malloc(150 * 16);
    for (int i = 0; i < NOISE + PLANTED; i++) {
        /* documents NOISE.. are copies of documents 0..PLANTED-1 */
        int copy = i >= NOISE;
        uint64_t seed = (uint64_t)(copy ? i - NOISE : i) * 0x9e3779b97f4a7c15ULL + 17;
        size_t len = random_text(seed, copy, text);
        char id[16];
        int idlen = snprintf(id, sizeof id, "%d", i);
        assert_int_equal(concord_dedup_add(d, id, (size_t)idlen, text, len), CONCORD_OK);
    }
    free(text);
    assert_int_equal(concord_dedup_run(d), CONCORD_OK);
    assert_int_equal(concord_dedup_pair_count(d), PLANTED);
    for (size_t i = 0; i < PLANTED; i++) {
        const concord_pair *p = concord_dedup_pair(d, i);
        assert_int_equal(p->a, i);
        assert_int_equal(p->b, NOISE + i);
        assert_int_equal(p->relation, CONCORD_REL_NEAR);
        assert_true(fabs(p->jaccard - 136.0 / 156.0) < 1e-12);
    }
    assert_int_equal(concord_dedup_group_count(d), PLANTED);
    concord_dedup_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(relations_and_exact_figures), cmocka_unit_test(threshold_option_is_respected),
        cmocka_unit_test(short_and_empty_texts),       cmocka_unit_test(invalid_use),
        cmocka_unit_test(many_texts_without_words),    cmocka_unit_test(large_class_of_copies),
        cmocka_unit_test(relations_expand_over_copies),
        cmocka_unit_test(planted_copies_among_noise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
