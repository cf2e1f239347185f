/*
 * model.c - the learned join decision: a logistic regression over the
 * features of an (article, story) pair (story_internal.h, FEAT_*), in the
 * spirit of Miranda et al. (EMNLP 2018), who learn the weights of their
 * per-field similarities and time features instead of fixing them.
 *
 * The coefficients below were fitted by eval/stories_fit on the tuning
 * half (part a) of the Reuters story dev set only; the command that
 * reproduces them is in EVALUATION.md ("Stories") and docs/stories.md.
 */
#include <math.h>

#include "story/story_internal.h"

/* FITTED: replaced by the output of eval/stories_fit. */
const double story_model[FEAT_COUNT] = {
    -5.1494, /* bias */
    3.4376, /* body */
    1.8207, /* title */
    6.4328, /* names */
    0.0000, /* no_title */
    0.2788, /* no_names */
    -0.9188, /* gap */
    0.2343, /* gap2 */
    0.6039, /* size */
};

const char *const story_feature_names[FEAT_COUNT] = {
    "bias", "body", "title", "names", "no_title", "no_names", "gap", "gap2", "size",
};

double story_model_probability(const double *model, const double *f)
{
    double z = 0;
    for (int i = 0; i < FEAT_COUNT; i++) z += model[i] * f[i];
    return 1 / (1 + exp(-z));
}
