/*
 * compare_score.h - the features of concord_compare() and its graded
 * score (internal; docs/compare.md, "Features" and "Score").
 *
 * The score blends two formulas by the length of the longer text:
 *  - texts of at most COMPARE_SENTENCE_FULL_WORDS words: a logistic
 *    model over the features (compare_model_weights, fitted on MRPC
 *    train by `compare_eval --fit-weights`);
 *  - texts of at least COMPARE_SENTENCE_MAX_WORDS words: the hand-set
 *    article formula (compare_article_score);
 *  - linearly in between.
 * compare_eval refits the weights inside each cross-validation fold
 * through compare_score(f, w), so the reported figures are held out.
 */
#ifndef CONCORD_MATCH_COMPARE_SCORE_H
#define CONCORD_MATCH_COMPARE_SCORE_H

/* Feature indices: concord_feature_name(i) names them in this order. */
enum {
    F_SHINGLE_A = 0, F_SHINGLE_B, F_SHINGLE_JACCARD, F_CANON_A, F_CANON_B, F_ALIGN_A, F_ALIGN_B,
    F_VERBATIM, F_EDITED, F_SPUN, F_GAP_A, F_GAP_B, F_WORDS_DICE, F_WORDS_A, F_WORDS_B,
    F_EXACT_DICE, F_BIGRAM_DICE, F_PRECISION, F_RECALL, F_FRAGMENTATION, F_ORDER,
    F_NUMBERS_SHARED, F_NUMBERS_MISMATCH, F_NAMES_SHARED, F_NAMES_DICE, F_QUOTES,
    F_LENGTH_RATIO, F_CREDIT_A, F_CREDIT_B, F_WORDS_MIN, F_UNMATCHED, F_TOKENS_F1,
    /* sentence evidence: computed when both texts have at most
       COMPARE_SENTENCE_MAX_WORDS words, else 0 */
    F_GRAM1, F_GRAM2, F_GRAM3, F_GRAM4, F_CHAR_DICE, F_LCS_WORDS, F_LCS_CONTENT,
    /* computed for every pair */
    F_NEGATION_MISMATCH, F_NAMES_MISMATCH, F_NUMBERS_ONLY, F_UNMATCHED_MIN, F_TOKENS_DIFF,
    /* sentence evidence again */
    F_RUN_MAX, F_RUN_MIN, F_EXTRA_MAX, F_EXTRA_MIN, F_EXTRA_CONTENT_MAX, F_EXTRA_CONTENT_MIN,
    F_EXTRA_NAMES,
    F_WORDS_MAX, /* every pair */
    F_COUNT
};

enum {
    COMPARE_SENTENCE_FULL_WORDS = 40, /* up to here the score is the model's */
    COMPARE_SENTENCE_MAX_WORDS = 80   /* from here on the article formula's */
};

/* The model's inputs: every feature, the log(1 + x) of the counts, and
   the article formula. */
enum { COMPARE_MODEL_COUNTS = 15, COMPARE_MODEL_INPUTS = F_COUNT + COMPARE_MODEL_COUNTS + 1 };

/* x[0..COMPARE_MODEL_INPUTS) from the features f[0..F_COUNT). */
void compare_model_inputs(const double *f, double *x);

/* The shipped weights: COMPARE_MODEL_INPUTS weights, then the bias. */
extern const double compare_model_weights[COMPARE_MODEL_INPUTS + 1];

/* The hand-set formula for articles, 0..1. */
double compare_article_score(const double *f);

/* The graded score 0..1 of features f, with the model weights w
   (COMPARE_MODEL_INPUTS + 1; NULL: the shipped ones). */
double compare_score(const double *f, const double *w);

#endif
