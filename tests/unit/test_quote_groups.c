/*
 * Unit tests for lib/match/quote_groups: the same quotation across
 * articles. Punctuation and case variants, a partial quote inside a longer
 * one, a reworded translation helped by the speaker, different quotes by
 * one speaker kept apart, the score by hand, common words (the MinHash
 * window path), many identical quotes, determinism and argument checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "concord.h"
#include "match/quote_groups.h"

typedef struct item {
    const char *text, *speaker;
} item;

/* Groups of items as "0,1|2,3" (members ascending, groups in order). */
static const char *groups_of(const item *items, size_t n, double threshold)
{
    static char out[1024];
    concord_quote_groups *g;
    assert_int_equal(concord_quote_groups_create(&g), CONCORD_OK);
    if (threshold > 0) assert_int_equal(concord_quote_groups_set_threshold(g, threshold), CONCORD_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(concord_quote_groups_add(g, items[i].text, strlen(items[i].text), items[i].speaker,
                                                  items[i].speaker ? strlen(items[i].speaker) : 0),
                         CONCORD_OK);
    assert_int_equal(concord_quote_groups_run(g), CONCORD_OK);
    size_t len = 0;
    out[0] = '\0';
    for (size_t k = 0; k < concord_quote_groups_count(g); k++) {
        size_t m;
        const size_t *mem = concord_quote_groups_members(g, k, &m);
        assert_true(m >= 2);
        for (size_t i = 0; i < m; i++) {
            if (i) assert_true(mem[i - 1] < mem[i]);
            len += (size_t)snprintf(out + len, sizeof out - len, "%s%zu", i ? "," : k ? "|" : "", mem[i]);
        }
    }
    concord_quote_groups_free(g);
    return out;
}

static void variants(void **state)
{
    (void)state;
    static const item a[] = {
        {"We never discuss draft treaties.", "Compact official"},
        {"we NEVER discuss, draft treaties", NULL},                        /* case, punctuation */
        {"\xe2\x80\x9cWe never discuss draft treaties\xe2\x80\x9d", "a Compact official"}, /* curly */
        {"Estmark has no claim on the northern islands.", "Ilya Varenko"}, /* unrelated */
    };
    assert_string_equal(groups_of(a, 4, 0), "0,1,2");
}

static void partial_inside_longer(void **state)
{
    (void)state;
    static const item a[] = {
        {"This is a deliberate provocation by the harbour council and its backers in Port Aldwyn", "Darrow"},
        {"a deliberate provocation by the harbour council", NULL},
        {"any new blockade of the strait will force the Compact to reinforce our patrols", NULL},
        {"Further increases in naval presence or any new blockade of the strait will force "
         "the Compact and our partners to reinforce our coastal patrols.", NULL},
    };
    assert_string_equal(groups_of(a, 4, 0), "0,1|2,3");
    /* the words of a short quote scattered over a long one: no partial quote
       (all 3 words shared, none of the 2 bigrams: 0.5 + 0 + 0.25 * 6/17) */
    static const item b[] = {
        {"raise our nets", NULL},
        {"The plan to raise fees has left our crews mending old nets all winter", NULL},
    };
    assert_string_equal(groups_of(b, 2, 0), "");
    /* a phrase in two quotes by two named people: 4 words shared (2 content),
       all 3 bigrams, Dice 8/15: 0.5 + 0.25 + 0.25 * 8/15 - 0.2 = 0.683; the
       same with one speaker unknown: 0.883 */
    concord_quote_groups *g;
    assert_int_equal(concord_quote_groups_create(&g), CONCORD_OK);
    static const char longer[] = "We are in the calm before the storm and every skipper knows";
    assert_int_equal(concord_quote_groups_add(g, "calm before the storm", 21, "Hana Elsworth", 13), CONCORD_OK);
    assert_int_equal(concord_quote_groups_add(g, longer, sizeof longer - 1, "Owen Pardoe", 11), CONCORD_OK);
    assert_int_equal(concord_quote_groups_add(g, "calm before the storm", 21, NULL, 0), CONCORD_OK);
    assert_float_equal(quote_groups_score(g, 0, 1), 0.75 + 2.0 / 15 - 0.2, 1e-9);
    assert_float_equal(quote_groups_score(g, 2, 1), 0.75 + 2.0 / 15, 1e-9);
    concord_quote_groups_free(g);
}

static void translation_same_speaker(void **state)
{
    (void)state;
    /* Shared words: we, didn't, anything (function words) and secret ~
       secretly (same first 5 letters): containment 4/5, 1 of the shorter's
       4 bigrams (we didn't), Dice 8/17: 0.5*0.8 + 0.25*0.25 + 0.25*0.471 =
       0.580, + 0.2*0.8 for the speaker = 0.740 >= 0.65. Only one shared
       content word: eligible only with the same speaker and containment
       >= 0.7. */
    static const item same[] = {
        {"We didn\xe2\x80\x99t sign anything secret", "Ilya Varenko"},
        {"We didn't secretly promise anything; I do not intend to discuss this.",
         "Foreign Ministry spokesman Varenko"},
    };
    assert_string_equal(groups_of(same, 2, 0), "0,1");
    assert_string_equal(groups_of(same, 2, 0.74), "0,1");
    assert_string_equal(groups_of(same, 2, 0.75), "");
    /* Without the speaker (or with another one) the pair is not even eligible. */
    static const item none[] = {
        {"We didn\xe2\x80\x99t sign anything secret", NULL},
        {"We didn't secretly promise anything; I do not intend to discuss this.",
         "Foreign Ministry spokesman Varenko"},
    };
    assert_string_equal(groups_of(none, 2, 0), "");
    static const item other[] = {
        {"We didn\xe2\x80\x99t sign anything secret", "Corin Ashby"},
        {"We didn't secretly promise anything; I do not intend to discuss this.", "Ilya Varenko"},
    };
    assert_string_equal(groups_of(other, 2, 0), "");
}

static void different_quotes_same_speaker(void **state)
{
    (void)state;
    static const item a[] = {
        {"We never discuss draft treaties.", "Ilya Varenko"},
        {"Estmark has no claim on the northern islands.", "Ilya Varenko"},
        {"Our two main proposals were not given serious attention.", "Marek Tolan"},
        {"I expect that we will reach an agreement in time, though the talks will be slow.",
         "Marek Tolan"},
        /* 4 shared words, 1 of them a content word (intend); containment
           4/7 < 0.7: not eligible although the speaker is the same */
        {"I do not intend to discuss that.", "Varenko"},
        {"I do intend to keep our promises to the islanders.", "Varenko"},
    };
    assert_string_equal(groups_of(a, 6, 0), "");
    /* inflections and translations by the first 5 letters */
    static const item b[] = {
        {"We will not publish these documents", NULL},
        {"we will not be publishing these documents", NULL},
        {"We will not publish the documents now", NULL},
    };
    assert_string_equal(groups_of(b, 3, 0), "0,1,2");
}

static void score_by_hand(void **state)
{
    (void)state;
    concord_quote_groups *g;
    assert_int_equal(concord_quote_groups_create(&g), CONCORD_OK);
    assert_int_equal(concord_quote_groups_add(g, "alpha beta gamma delta", 22, NULL, 0), CONCORD_OK);
    assert_int_equal(concord_quote_groups_add(g, "Alpha, beta; gamma epsilon zeta eta", 35, NULL, 0), CONCORD_OK);
    assert_int_equal(concord_quote_groups_add(g, "alpha beta gamma delta", 22, "Maren Holt", 10), CONCORD_OK);
    assert_int_equal(concord_quote_groups_add(g, "alpha beta gamma theta", 22, "Mrs Holt", 8), CONCORD_OK);
    assert_int_equal(concord_quote_groups_add(g, "the of alpha", 12, NULL, 0), CONCORD_OK);
    /* 3 shared of 4 and 6 words, 2 of the shorter's 3 bigrams:
       0.5 * 3/4 + 0.25 * 2/3 + 0.25 * 6/10 = 0.691667 */
    assert_float_equal(quote_groups_score(g, 0, 1), 0.375 + 0.5 / 3 + 0.15, 1e-9);
    /* same surname: 3 of 4 and 4, 2 of 3 bigrams, + 0.2 * 3/4 */
    assert_float_equal(quote_groups_score(g, 2, 3), 0.375 + 0.5 / 3 + 0.1875 + 0.15, 1e-9);
    /* one content word shared ("alpha"; "the", "of" are function words): 0 */
    assert_float_equal(quote_groups_score(g, 0, 4), 0.0, 1e-12);
    assert_float_equal(quote_groups_score(g, 0, 99), 0.0, 1e-12);
    assert_true(quote_groups_is_stopword("didn't", 6));
    assert_false(quote_groups_is_stopword("comment", 7));
    assert_float_equal(quote_groups_score(g, 1, 2), 0.375 + 0.5 / 3 + 0.15, 1e-9); /* one speaker unknown */
    /* invalid use */
    assert_int_equal(concord_quote_groups_set_threshold(g, 0.0), CONCORD_ERR_INVALID);
    assert_int_equal(concord_quote_groups_set_threshold(g, 2.5), CONCORD_ERR_INVALID);
    assert_int_equal(concord_quote_groups_add(g, NULL, 3, NULL, 0), CONCORD_ERR_INVALID);
    assert_int_equal(concord_quote_groups_run(g), CONCORD_OK);
    assert_int_equal(concord_quote_groups_count(g), 1); /* 0-1 (0.69), 0-2 exact, 2-3 */
    assert_int_equal(concord_quote_groups_run(g), CONCORD_ERR_INVALID);
    assert_int_equal(concord_quote_groups_add(g, "x", 1, NULL, 0), CONCORD_ERR_INVALID);
    assert_null(concord_quote_groups_members(g, 5, NULL));
    concord_quote_groups_free(g);
    concord_quote_groups_free(NULL);
    /* a stricter threshold separates the 0.69 pair */
    static const item a[] = {{"alpha beta gamma delta", NULL}, {"Alpha, beta; gamma epsilon zeta eta", NULL}};
    assert_string_equal(groups_of(a, 2, 0), "0,1");
    assert_string_equal(groups_of(a, 2, 0.75), "");
}

/* 300 quotes that all share common words (lists longer than the cap):
   the 100 variants of one sentence must still form one group, via the
   MinHash-ordered neighbours, and the 200 others stay apart. */
static void common_words(void **state)
{
    (void)state;
    concord_quote_groups *g;
    assert_int_equal(concord_quote_groups_create(&g), CONCORD_OK);
    char buf[256];
    for (int i = 0; i < 300; i++) {
        int n;
        if (i % 3 == 0)
            n = snprintf(buf, sizeof buf, "Estmark Aldwyn harbour ferries talks tariffs v%03dz", i);
        else /* words distinct in their first 5 letters */
            n = snprintf(buf, sizeof buf, "Estmark Aldwyn t%03dz s%03dz m%03dz", i, i, i);
        assert_int_equal(concord_quote_groups_add(g, buf, (size_t)n, NULL, 0), CONCORD_OK);
    }
    assert_int_equal(concord_quote_groups_run(g), CONCORD_OK);
    assert_int_equal(concord_quote_groups_count(g), 1);
    size_t m;
    const size_t *mem = concord_quote_groups_members(g, 0, &m);
    assert_int_equal(m, 100);
    for (size_t i = 0; i < m; i++) assert_int_equal(mem[i] % 3, 0);
    /* far fewer candidates than all pairs */
    assert_true(quote_groups_candidates(g) < 300 * 299 / 2 / 4);
    concord_quote_groups_free(g);
}

/* 100,000 identical quotes: one exact class, one group, no candidates. */
static void identical(void **state)
{
    (void)state;
    concord_quote_groups *g;
    assert_int_equal(concord_quote_groups_create(&g), CONCORD_OK);
    for (int i = 0; i < 100000; i++)
        assert_int_equal(concord_quote_groups_add(g, i & 1 ? "Yes!" : "yes", i & 1 ? 4 : 3, NULL, 0), CONCORD_OK);
    assert_int_equal(concord_quote_groups_add(g, "", 0, NULL, 0), CONCORD_OK);
    assert_int_equal(concord_quote_groups_add(g, "...", 3, NULL, 0), CONCORD_OK);
    assert_int_equal(concord_quote_groups_run(g), CONCORD_OK);
    assert_int_equal(concord_quote_groups_count(g), 1);
    size_t m;
    concord_quote_groups_members(g, 0, &m);
    assert_int_equal(m, 100000); /* the word-less quotes are in no group */
    assert_int_equal(quote_groups_candidates(g), 0);
    concord_quote_groups_free(g);
}

static void determinism(void **state)
{
    (void)state;
    static const item a[] = {
        {"We never discuss draft treaties.", "Compact official"},
        {"Estmark has abandoned the rules at the heart of our fishing accord", "Compact"},
        {"Yet Estmark has abandoned the rules at the heart of our fishing accord and closed the eastern channel",
         NULL},
        {"We never discuss draft treaties", NULL},
        {"to stop anchoring armed patrol vessels in the outer bay", NULL},
        {"mutual pledges to stop anchoring armed patrol vessels in the outer bay", NULL},
    };
    char first[1024];
    snprintf(first, sizeof first, "%s", groups_of(a, 6, 0));
    assert_string_equal(first, "0,3|1,2|4,5");
    for (int r = 0; r < 3; r++) assert_string_equal(groups_of(a, 6, 0), first);
    assert_string_equal(groups_of(a, 0, 0), "");
    assert_string_equal(groups_of(a, 1, 0), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(variants),
        cmocka_unit_test(partial_inside_longer),
        cmocka_unit_test(translation_same_speaker),
        cmocka_unit_test(different_quotes_same_speaker),
        cmocka_unit_test(score_by_hand),
        cmocka_unit_test(common_words),
        cmocka_unit_test(identical),
        cmocka_unit_test(determinism),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
