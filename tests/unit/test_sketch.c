/*
 * Property tests for lib/sketch and lib/index: MinHash estimates against
 * exact Jaccard, LSH detection rate against the banding's S-curve, and the
 * banding choice against an independent computation.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "concord.h"
#include "index/lsh.h"
#include "sketch/hash.h"
#include "sketch/minhash.h"
#include "sketch/shingle.h"

/*
 * Two sets with exactly `shared` common elements and `only` elements each
 * of their own, drawn from a random stream so trials are independent:
 * J = shared / (shared + 2 * only).
 */
static void make_pair(uint64_t *rng, size_t shared, size_t only, uint32_t *a, uint32_t *b)
{
    for (size_t i = 0; i < shared; i++) a[i] = b[i] = (uint32_t)hash_splitmix64(rng);
    for (size_t i = 0; i < only; i++) {
        a[shared + i] = (uint32_t)hash_splitmix64(rng);
        b[shared + i] = (uint32_t)hash_splitmix64(rng);
    }
}

/* Estimates are unbiased and within the binomial error sqrt(J(1-J)/k). */
static void minhash_estimates_jaccard(void **state)
{
    (void)state;
    enum { K = 128, TRIALS = 400, SIZE = 300 };
    minhash mh;
    assert_int_equal(minhash_init(&mh, K, 7), CONCORD_OK);
    uint32_t a[SIZE], b[SIZE], sa[K], sb[K];
    uint64_t rng = 12345;
    double bias = 0;
    int within3 = 0;
    for (int t = 0; t < TRIALS; t++) {
        size_t shared = (size_t)(hash_splitmix64(&rng) % (SIZE + 1));
        size_t only = SIZE - shared;
        make_pair(&rng, shared, only, a, b);
        double j = (double)shared / (double)(shared + 2 * only);
        minhash_sign(&mh, a, SIZE, sa);
        minhash_sign(&mh, b, SIZE, sb);
        double est = minhash_estimate(sa, sb, K);
        double sd = sqrt(j * (1 - j) / K);
        bias += est - j;
        if (fabs(est - j) <= 3 * sd + 1e-9) within3++;
    }
    bias /= TRIALS;
    /* Mean of 400 estimates: standard error < 0.045/sqrt(400) ~ 0.0023. */
    assert_true(fabs(bias) < 0.01);
    /* 3 sigma covers 99.7% for a normal; allow sampling slack. */
    assert_true(within3 >= TRIALS * 97 / 100);
    minhash_free(&mh);
}

static void minhash_edge_cases(void **state)
{
    (void)state;
    minhash mh;
    assert_int_equal(minhash_init(&mh, 0, 1), CONCORD_ERR_INVALID);
    assert_int_equal(minhash_init(&mh, 16, 1), CONCORD_OK);
    uint32_t x[] = {1, 2, 3, 2, 1}, y[] = {3, 2, 1}, s1[16], s2[16];
    minhash_sign(&mh, x, 5, s1);
    minhash_sign(&mh, y, 3, s2); /* repeats and order do not matter */
    assert_memory_equal(s1, s2, sizeof s1);
    assert_true(minhash_estimate(s1, s2, 16) == 1.0);
    minhash_sign(&mh, NULL, 0, s1);
    for (int i = 0; i < 16; i++) assert_int_equal(s1[i], UINT32_MAX);
    minhash_free(&mh);
}

/* Share of pairs with J = s that LSH makes candidates, vs the S-curve. */
static void lsh_follows_s_curve(void **state)
{
    (void)state;
    enum { K = 128, TRIALS = 500, SIZE = 200 };
    unsigned bands, rows;
    assert_int_equal(concord_lsh_params(0.8, K, 0.5, 0.5, &bands, &rows), CONCORD_OK);
    minhash mh;
    assert_int_equal(minhash_init(&mh, K, 99), CONCORD_OK);
    const double sims[] = {0.5, 0.65, 0.75, 0.8, 0.85, 0.95};
    uint32_t a[SIZE], b[SIZE], sigs[2 * K], keys[2 * K];
    uint64_t rng = 777;
    for (size_t s = 0; s < sizeof sims / sizeof *sims; s++) {
        /* J = shared / (shared + 2 only) with shared + only = SIZE */
        size_t shared = (size_t)lround(2.0 * sims[s] * SIZE / (1.0 + sims[s]));
        size_t only = SIZE - shared;
        double j = (double)shared / (double)(shared + 2 * only);
        int hits = 0;
        for (int t = 0; t < TRIALS; t++) {
            make_pair(&rng, shared, only, a, b);
            minhash_sign(&mh, a, SIZE, sigs);
            minhash_sign(&mh, b, SIZE, sigs + K);
            uint64_t *pairs = NULL;
            size_t len = 0, cap = 0;
            lsh_band_keys(sigs, bands, rows, keys);
            lsh_band_keys(sigs + K, bands, rows, keys + bands);
            assert_int_equal(lsh_candidates(keys, 2, bands, &pairs, &len, &cap), CONCORD_OK);
            hits += len > 0;
            for (size_t i = 0; i < len; i++) assert_int_equal(pairs[i], (uint64_t)0 << 32 | 1);
            free(pairs);
        }
        double rate = (double)hits / TRIALS;
        double p = concord_lsh_probability(j, bands, rows);
        double sd = sqrt(p * (1 - p) / TRIALS);
        print_message("J=%.3f expected %.3f measured %.3f\n", j, p, rate);
        assert_true(fabs(rate - p) <= 4 * sd + 0.02);
    }
    minhash_free(&mh);
}

/*
 * Expected values computed independently with scipy.integrate.quad on the
 * formulas of datasketch's _optimal_param (Python, not this code):
 * (0.8,128)->(9,13) (0.5,128)->(25,5) (0.9,256)->(9,28) (0.4286,128)->(27,4)
 * (0.7,64)->(8,8); weights 0.3/0.7 at (0.8,128)->(11,11).
 */
static void lsh_params_match_reference(void **state)
{
    (void)state;
    struct { double t; unsigned k; double fp, fn; unsigned b, r; } cases[] = {
        {0.8, 128, 0.5, 0.5, 9, 13},    {0.5, 128, 0.5, 0.5, 25, 5}, {0.9, 256, 0.5, 0.5, 9, 28},
        {0.4286, 128, 0.5, 0.5, 27, 4}, {0.7, 64, 0.5, 0.5, 8, 8},   {0.8, 128, 0.3, 0.7, 11, 11},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        unsigned b = 0, r = 0;
        assert_int_equal(concord_lsh_params(cases[i].t, cases[i].k, cases[i].fp, cases[i].fn, &b, &r),
                         CONCORD_OK);
        assert_int_equal(b, cases[i].b);
        assert_int_equal(r, cases[i].r);
    }
    unsigned b, r;
    assert_int_equal(concord_lsh_params(0.0, 128, 0.5, 0.5, &b, &r), CONCORD_ERR_INVALID);
    assert_int_equal(concord_lsh_params(1.0, 128, 0.5, 0.5, &b, &r), CONCORD_ERR_INVALID);
    assert_int_equal(concord_lsh_params(0.5, 0, 0.5, 0.5, &b, &r), CONCORD_ERR_INVALID);
    assert_int_equal(concord_lsh_params(0.5, 128, 0, 0, &b, &r), CONCORD_ERR_INVALID);
    assert_true(fabs(concord_lsh_probability(1.0, 9, 13) - 1.0) < 1e-12);
    assert_true(fabs(concord_lsh_probability(0.0, 9, 13)) < 1e-12);
}

static void shingles_are_order_sensitive(void **state)
{
    (void)state;
    uint64_t t1[] = {1, 2, 3, 4, 5, 6}, t2[] = {2, 1, 3, 4, 5, 6}, t3[] = {9, 2, 3, 4, 5, 6};
    uint32_t s1[2], s2[2], s3[1];
    assert_int_equal(shingle_count(6, 5), 2);
    assert_int_equal(shingle_count(3, 5), 1);
    assert_int_equal(shingle_count(0, 5), 0);
    shingles_hash(t1, 6, 5, s1);
    shingles_hash(t2, 6, 5, s2);
    assert_int_not_equal(s1[0], s2[0]); /* swapped words differ */
    shingles_hash(t3, 6, 5, s2);
    assert_int_not_equal(s1[0], s2[0]);
    assert_int_equal(s1[1], s2[1]); /* the same last five words agree */
    shingles_hash(t1, 3, 5, s3);        /* short text: one shingle */
    assert_int_not_equal(s3[0], s1[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(minhash_estimates_jaccard), cmocka_unit_test(minhash_edge_cases),
        cmocka_unit_test(lsh_follows_s_curve),       cmocka_unit_test(lsh_params_match_reference),
        cmocka_unit_test(shingles_are_order_sensitive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
