/*
 * Unit tests for lib/sketch/skeleton: the three spin-robust signatures
 * keep their values when content words are swapped (for synonyms, or for
 * anything in the skeleton's case) and change when an anchor (function
 * word, number, name) changes. Counts are worked out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "concord.h"
#include "sketch/skeleton.h"
#include "text/text.h"

static concord_lexicon *wordnet; /* NULL when WordNet is not installed */
static concord_lexicon *stems;
static concord_text *text_a, *text_b;

static int group_setup(void **state)
{
    (void)state;
    char msg[256];
    if (concord_lexicon_create(&stems, "", msg, sizeof msg) != CONCORD_OK) return -1;
    struct stat st;
    if (stat("/usr/share/wordnet/index.noun", &st) == 0 &&
        concord_lexicon_create(&wordnet, "/usr/share/wordnet", msg, sizeof msg) != CONCORD_OK)
        return -1;
    if (concord_text_create(&text_a) || concord_text_create(&text_b)) return -1;
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    concord_lexicon_free(wordnet);
    concord_lexicon_free(stems);
    concord_text_free(text_a);
    concord_text_free(text_b);
    return 0;
}

enum { KIND_SKELETON, KIND_SPOT, KIND_CANON };
enum { MAXV = 256 };

typedef struct sig {
    uint32_t v[MAXV];
    size_t n;
} sig;

static void signature(concord_text *t, const concord_lexicon *lex, const char *s, int kind,
                      const skeleton_options *opt, sig *out)
{
    assert_int_equal(concord_text_analyse(t, s, strlen(s), 0), CONCORD_OK);
    size_t n;
    const concord_token *tokens = text_tokens(t, &n);
    assert_true(skeleton_max(n) <= MAXV);
    skeleton_options defaults;
    skeleton_options_init(&defaults);
    if (!opt) opt = &defaults;
    switch (kind) {
    case KIND_SKELETON:
        out->n = skeleton_shingles(lex, tokens, n, opt, out->v);
        break;
    case KIND_SPOT:
        out->n = skeleton_spotsigs(lex, tokens, n, opt, out->v);
        break;
    default:
        out->n = skeleton_canon_shingles(lex, tokens, n, opt, out->v);
        break;
    }
    assert_true(out->n <= skeleton_max(n));
}

static int sig_equal(const sig *a, const sig *b)
{
    return a->n == b->n && memcmp(a->v, b->v, a->n * sizeof a->v[0]) == 0;
}

/* Values of a also in b (multiset intersection size). */
static size_t shared(const sig *a, const sig *b)
{
    char used[MAXV] = {0};
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++)
            if (!used[j] && a->v[i] == b->v[j]) {
                used[j] = 1;
                n++;
                break;
            }
    return n;
}

static int same_sig(const concord_lexicon *lex, int kind, const char *a, const char *b)
{
    sig sa, sb;
    signature(text_a, lex, a, kind, NULL, &sa);
    signature(text_b, lex, b, kind, NULL, &sb);
    return sa.n > 0 && sig_equal(&sa, &sb);
}

static const char original[] =
    "The harbour board and the city council rejected some of Aldwyn's main requests for repair "
    "money in their signed letters to the ministry, according to papers "
    "seen by the Courier, 30 years after 1995.";
/* every content word swapped (word for word), anchors kept */
static const char spun[] =
    "The port committee and the town assembly refused some of Aldwyn's chief demands for mending "
    "cash in their typed answers to the department, according to documents "
    "viewed by the Courier, 30 twelvemonths after 1995.";

static void skeleton_ignores_content_words(void **state)
{
    (void)state;
    const concord_lexicon *lex = wordnet ? wordnet : stems;
    assert_true(same_sig(lex, KIND_SKELETON, original, spun));
    /* case and inflection of content words do not matter either */
    assert_true(same_sig(lex, KIND_SKELETON, "officials said the plan was agreed on 3 May",
                         "Officials said the plans was agreeing on 3 May"));
    /* numbers: thousands separators do not matter */
    assert_true(same_sig(lex, KIND_SKELETON, "about 100,000 people were there",
                         "about 100000 people were there"));
}

static void skeleton_sees_anchors(void **state)
{
    (void)state;
    const concord_lexicon *lex = wordnet ? wordnet : stems;
    sig a, b;
    signature(text_a, lex, original, KIND_SKELETON, NULL, &a);
    /* a function word changed: "in their" -> "of their" */
    static const char fw[] =
        "The harbour board and the city council rejected some of Aldwyn's main requests for repair "
        "money of their signed letters to the ministry, according to papers "
        "seen by the Courier, 30 years after 1995.";
    signature(text_b, lex, fw, KIND_SKELETON, NULL, &b);
    assert_int_equal(a.n, b.n);
    assert_false(sig_equal(&a, &b));
    /* the 5 windows over "in" change: 5 k-grams differ (all kept: >= 2 anchors) */
    assert_int_equal(shared(&a, &b), a.n - 5);
    /* a number changed: 30 -> 40 */
    static const char num[] =
        "The harbour board and the city council rejected some of Aldwyn's main requests for repair "
        "money in their signed letters to the ministry, according to papers "
        "seen by the Courier, 40 years after 1995.";
    signature(text_b, lex, num, KIND_SKELETON, NULL, &b);
    assert_false(sig_equal(&a, &b));
    assert_true(shared(&a, &b) < a.n);
    /* a name changed (Putin is only capitalised in WordNet; so is Yeltsin) */
    assert_false(same_sig(lex, KIND_SKELETON, "he told Putin that the plan was off",
                          "he told Yeltsin that the plan was off"));
}

/*
 * Counts by hand, k = 5: "the cat sat on the mat" maps to
 * the _ _ on the _ : windows [the _ _ on the] (3 anchors) and
 * [_ _ on the _] (2): 2 shingles. "big red cat sat on the mat":
 * [_ _ _ _ on] has one anchor and is dropped: 2 shingles.
 */
static void skeleton_counts(void **state)
{
    (void)state;
    sig s;
    signature(text_a, stems, "the cat sat on the mat", KIND_SKELETON, NULL, &s);
    assert_int_equal(s.n, 2);
    signature(text_a, stems, "big red cat sat on the mat", KIND_SKELETON, NULL, &s);
    assert_int_equal(s.n, 2);
    /* shorter than k: one k-gram of all tokens, kept with two anchors */
    signature(text_a, stems, "of the cat", KIND_SKELETON, NULL, &s);
    assert_int_equal(s.n, 1);
    signature(text_a, stems, "the cat", KIND_SKELETON, NULL, &s);
    assert_int_equal(s.n, 0);
    signature(text_a, stems, "", KIND_SKELETON, NULL, &s);
    assert_int_equal(s.n, 0);
    /* k = 1: every anchor alone fails the two-anchor rule */
    skeleton_options opt;
    skeleton_options_init(&opt);
    opt.k = 1;
    signature(text_a, stems, "the cat sat on the mat", KIND_SKELETON, &opt, &s);
    assert_int_equal(s.n, 0);
    opt.k = 2;
    signature(text_a, stems, "cat of the mat", KIND_SKELETON, &opt, &s);
    assert_int_equal(s.n, 1); /* [of the] */
}

static void antecedents(void **state)
{
    (void)state;
    static const char *const yes[] = {"a",   "an",  "the",  "is",   "was",   "were", "be",  "been",
                                      "has", "had", "have", "will", "would", "said", "says"};
    static const char *const no[] = {"of", "and", "cat", "", "th", "thee", "saids"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        assert_true(skeleton_is_antecedent(yes[i], strlen(yes[i])));
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_false(skeleton_is_antecedent(no[i], strlen(no[i])));
}

/*
 * SpotSigs by hand, chain 2: "the car was bought by the buyer in 2020"
 *   the -> (car, bought)   [was skipped]
 *   was -> (bought, buyer)
 *   the -> (buyer, 2020)
 * = 3 signatures; "by" and "in" are not antecedents.
 */
static void spotsigs_counts(void **state)
{
    (void)state;
    sig s;
    signature(text_a, stems, "the car was bought by the buyer in 2020", KIND_SPOT, NULL, &s);
    assert_int_equal(s.n, 3);
    /* an antecedent near the end lacks its chain */
    signature(text_a, stems, "the car was", KIND_SPOT, NULL, &s);
    assert_int_equal(s.n, 0);
    skeleton_options opt;
    skeleton_options_init(&opt);
    opt.chain = 1;
    signature(text_a, stems, "the car was", KIND_SPOT, &opt, &s);
    assert_int_equal(s.n, 1);
}

/*
 * A spun sentence: car -> automobile, bought -> purchased, documents ->
 * papers (first senses shared in WordNet: same canonical class). Every
 * SpotSig matches; with stems only, none of those that cover a swap.
 */
static void spotsigs_match_spun_sentence(void **state)
{
    (void)state;
    if (!wordnet) skip();
    const char *a = "the car was bought by the firm that had the documents";
    const char *b = "the automobile was purchased by the firm that had the papers";
    assert_true(same_sig(wordnet, KIND_SPOT, a, b));
    assert_false(same_sig(stems, KIND_SPOT, a, b));
    /* a replacement outside the class breaks the signatures that cover it */
    sig sa, sb;
    signature(text_a, wordnet, a, KIND_SPOT, NULL, &sa);
    signature(text_b, wordnet, "the lorry was bought by the firm that had the documents", KIND_SPOT,
              NULL, &sb);
    assert_int_equal(sa.n, sb.n);
    assert_int_equal(shared(&sa, &sb), sa.n - 1); /* only "the (car, bought)" */
}

/*
 * Canonical shingles (k = 3) ignore function words entirely and follow
 * the classes: car/automobile, bought/purchased.
 */
static void canon_shingles(void **state)
{
    (void)state;
    sig s;
    /* content words: car bought firm 2020 -> 2 shingles */
    signature(text_a, stems, "the car was bought by a firm in 2020", KIND_CANON, NULL, &s);
    assert_int_equal(s.n, 2);
    signature(text_a, stems, "the car", KIND_CANON, NULL, &s);
    assert_int_equal(s.n, 1);
    signature(text_a, stems, "of the", KIND_CANON, NULL, &s);
    assert_int_equal(s.n, 0);
    const concord_lexicon *lex = wordnet ? wordnet : stems;
    assert_true(same_sig(lex, KIND_CANON, "the car was bought by a firm in 2020",
                         "a car had been bought for the firm during 2020"));
    assert_true(same_sig(lex, KIND_CANON, "cars bought by firms", "car bought by firm"));
    assert_false(same_sig(lex, KIND_CANON, "the car was bought by a firm in 2020",
                          "the car was bought by a firm in 2021"));
    if (!wordnet) return;
    assert_true(same_sig(wordnet, KIND_CANON, "the car was bought by a firm in 2020",
                         "an automobile was purchased by the firm in 2020"));
}

/* Signatures depend on the seed, and only on it. */
static void seeds(void **state)
{
    (void)state;
    skeleton_options o1, o2;
    skeleton_options_init(&o1);
    skeleton_options_init(&o2);
    o2.seed = 2;
    for (int kind = KIND_SKELETON; kind <= KIND_CANON; kind++) {
        sig a, b, c;
        signature(text_a, stems, original, kind, &o1, &a);
        signature(text_b, stems, original, kind, &o1, &c);
        signature(text_b, stems, original, kind, &o2, &b);
        assert_true(sig_equal(&a, &c));
        assert_int_equal(a.n, b.n);
        assert_true(a.n > 0);
        assert_true(shared(&a, &b) < a.n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(skeleton_ignores_content_words),
        cmocka_unit_test(skeleton_sees_anchors),
        cmocka_unit_test(skeleton_counts),
        cmocka_unit_test(antecedents),
        cmocka_unit_test(spotsigs_counts),
        cmocka_unit_test(spotsigs_match_spun_sentence),
        cmocka_unit_test(canon_shingles),
        cmocka_unit_test(seeds),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
