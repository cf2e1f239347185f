/*
 * compare_weights.c - the weights of the sentence model of concord_compare()
 * (compare_score.h; docs/compare.md, "Score"). Generated: a logistic
 * regression fitted on all 4076 pairs of MRPC train by
 *   build/eval/compare_eval --mrpc ../shared/corpora/mrpc/msr_paraphrase_train.txt \
 *       --fit-weights lib/match/compare_weights.c
 * Do not edit by hand.
 */
#include "match/compare_score.h"

const double compare_model_weights[COMPARE_MODEL_INPUTS + 1] = {
    -1.3697558262902925, /* 0 shingle_contain_a */
    -1.2281459423588172, /* 1 shingle_contain_b */
    3.5811545591646463, /* 2 shingle_jaccard */
    -0.3738997848042705, /* 3 canon_contain_a */
    -0.72652584408308818, /* 4 canon_contain_b */
    -0.96383486442447297, /* 5 align_coverage_a */
    0.41301628801318135, /* 6 align_coverage_b */
    0.0037643732486040853, /* 7 align_verbatim */
    -0.011652786606824374, /* 8 align_edited */
    -0.63522071593847163, /* 9 align_spun */
    -4.0659829178181432, /* 10 align_gap_a */
    18.862538309861563, /* 11 align_gap_b */
    -0.19161212467046651, /* 12 words_dice */
    0.89556640645667196, /* 13 words_contain_a */
    0.015448983611555316, /* 14 words_contain_b */
    -1.5856234052912195, /* 15 exact_words_dice */
    -0.41568950142298455, /* 16 bigram_dice */
    0.13202985648478369, /* 17 match_precision */
    0.67518678631404594, /* 18 match_recall */
    0.278398995707066, /* 19 fragmentation */
    0.37046393952285783, /* 20 order */
    -0.19130896846608039, /* 21 numbers_shared */
    0.26968248214996388, /* 22 numbers_mismatch */
    0.060000607389425434, /* 23 names_shared */
    0.0082050448482562967, /* 24 names_dice */
    0.36827663458350546, /* 25 quotes_shared */
    -2.7467529180378296, /* 26 length_ratio */
    -3.7073780849557028, /* 27 credit_a */
    -3.7073780849557028, /* 28 credit_b */
    0.0072611927520741084, /* 29 content_words_min */
    0.083159655898641299, /* 30 unmatched_max */
    -1.4394673559151945, /* 31 tokens_f1 */
    2.0893503292025906, /* 32 gram1_dice */
    0.71885155896193043, /* 33 gram2_dice */
    -1.0579937039815395, /* 34 gram3_dice */
    -0.55870691710862064, /* 35 gram4_dice */
    3.9921161435017076, /* 36 char_dice */
    -0.65193324660302099, /* 37 lcs_words */
    -0.89210968021159853, /* 38 lcs_content */
    -1.1845307654896806, /* 39 negation_mismatch */
    -0.12191645432586495, /* 40 names_mismatch */
    -0.13480662582357858, /* 41 numbers_only */
    -0.063192554558611905, /* 42 unmatched_min */
    -0.092658082519970861, /* 43 tokens_diff */
    0.042298710123987934, /* 44 run_max */
    -0.15159184833690098, /* 45 run_min */
    0.046932668469616169, /* 46 extra_max */
    0.11286476601592996, /* 47 extra_min */
    0.094995529605403736, /* 48 extra_content_max */
    -0.027312622453827849, /* 49 extra_content_min */
    0.0050993517048099771, /* 50 extra_names */
    -0.00055457464525358185, /* 51 words_max */
    0.16810619393702117, /* 52 log(1 + count) */
    -0.4713485288129739, /* 53 log(1 + count) */
    1.368960629759578, /* 54 log(1 + count) */
    -1.8299312038865458, /* 55 log(1 + count) */
    -0.27868485711320168, /* 56 log(1 + count) */
    0.33175068307179245, /* 57 log(1 + count) */
    0.59433279761440316, /* 58 log(1 + count) */
    -1.6883775886405326, /* 59 log(1 + count) */
    0.177934112510996, /* 60 log(1 + count) */
    -3.4898274405369203, /* 61 log(1 + count) */
    0.90270654810537465, /* 62 log(1 + count) */
    -0.54790867185076264, /* 63 log(1 + count) */
    -0.27820471065272828, /* 64 log(1 + count) */
    0.27354854136724627, /* 65 log(1 + count) */
    2.0212545172660499, /* 66 log(1 + count) */
    2.4301453308624321, /* 67 article formula */
    2.4119502147490293, /* 68 bias */
};
