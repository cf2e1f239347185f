/*
 * compare_score.c - the graded score of concord_compare() from its
 * features (compare_score.h; docs/compare.md, "Score").
 */
#include "match/compare_score.h"

#include <assert.h>
#include <math.h>
#include <stddef.h>

/* The count features, given to the model also as log(1 + x). */
static const unsigned char counts[COMPARE_MODEL_COUNTS] = {
    F_NUMBERS_SHARED, F_NAMES_SHARED, F_WORDS_MIN, F_UNMATCHED, F_NUMBERS_ONLY,
    F_UNMATCHED_MIN, F_TOKENS_DIFF, F_RUN_MAX, F_RUN_MIN, F_EXTRA_MAX, F_EXTRA_MIN,
    F_EXTRA_CONTENT_MAX, F_EXTRA_CONTENT_MIN, F_EXTRA_NAMES, F_WORDS_MAX,
};

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* The geometric mean of the METEOR-like F1 of content words (with its
   fragmentation penalty) and the F1 of all words, raised towards the
   alignment coverage for long reused texts, lowered by numbers found in
   only one text, raised towards the larger exact-shingle containment. */
double compare_article_score(const double *f)
{
    double p = f[F_PRECISION], r = f[F_RECALL];
    double fm = p + r > 0 ? 2 * p * r / (p + r) : 0;
    double frag = f[F_FRAGMENTATION];
    double meteor = fm * (1 - 0.5 * frag * frag * frag);
    double lexical = sqrt(meteor * f[F_TOKENS_F1]); /* geometric: shared function words alone
                                                       do not make texts similar */
    double cov = sqrt(f[F_ALIGN_A] * f[F_ALIGN_B]);
    double s = lexical > cov ? lexical : 0.5 * (lexical + cov);
    s *= 1 - 0.25 * f[F_NUMBERS_MISMATCH];
    /* an excerpt copied word for word: towards the larger exact-shingle
       containment */
    double sh = f[F_SHINGLE_A] > f[F_SHINGLE_B] ? f[F_SHINGLE_A] : f[F_SHINGLE_B];
    if (0.5 * (s + sh) > s) s = 0.5 * (s + sh);
    return clamp01(s);
}

void compare_model_inputs(const double *f, double *x)
{
    size_t k = 0;
    for (size_t i = 0; i < F_COUNT; i++) x[k++] = f[i];
    for (size_t i = 0; i < COMPARE_MODEL_COUNTS; i++) x[k++] = log1p(f[counts[i]]);
    x[k++] = compare_article_score(f);
    assert(k == COMPARE_MODEL_INPUTS);
}

double compare_score(const double *f, const double *w)
{
    if (!w) w = compare_model_weights;
    double words = f[F_WORDS_MAX];
    double article = compare_article_score(f);
    double s = article;
    if (words < COMPARE_SENTENCE_MAX_WORDS) {
        double x[COMPARE_MODEL_INPUTS], z = w[COMPARE_MODEL_INPUTS];
        compare_model_inputs(f, x);
        for (size_t i = 0; i < COMPARE_MODEL_INPUTS; i++) z += w[i] * x[i];
        /* numbers that differ lower the score, as in the article formula */
        double model = (1 - 0.25 * f[F_NUMBERS_MISMATCH]) / (1 + exp(-z));
        double share = words <= COMPARE_SENTENCE_FULL_WORDS
                           ? 1.0
                           : (COMPARE_SENTENCE_MAX_WORDS - words) /
                                 (COMPARE_SENTENCE_MAX_WORDS - COMPARE_SENTENCE_FULL_WORDS);
        s = share * model + (1 - share) * article;
    }
    /* the same words in the same order score 1, whichever formula */
    if (f[F_SHINGLE_JACCARD] > s) s = f[F_SHINGLE_JACCARD];
    return clamp01(s);
}
