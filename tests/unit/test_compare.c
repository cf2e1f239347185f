/*
 * Unit tests for concord_compare (concord.h, "Relation of two articles").
 * Hand-made English texts: a flood report (ORIG), a copy of it with a
 * byline and a footer, an excerpt, a synonym spin (SPUN: most content words
 * swapped one for one), a reworded and condensed paraphrase (PARA), two
 * independent reports of one event sharing names, numbers and a quote
 * (STORY1, STORY2) and an unrelated text (OTHER). Tests needing WordNet
 * (the spin) are skipped without it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "concord.h"
#include "lexicon_fixture.h"

static const char ORIG[] =
    "The river flooded the old town centre on Monday night after three days of heavy rain. Emergency crews rescued forty people from their homes using boats and a helicopter. The mayor said the damage would cost millions to repair and asked the government for help. Schools will stay closed until the water has gone down, officials said. Residents described a frightening night as the water rose quickly through the streets. Many shops along the high street were badly damaged and several cars were swept away. Engineers are now checking the old stone bridge, which was closed as a precaution. The weather service warned that more rain is expected later in the week. Volunteers opened the church hall to provide food and dry clothes for families who had to leave their houses. The council has set up a fund to support businesses that lost stock in the flood.";

static const char SPUN[] =
    "The river flooded the ancient town center on Monday night after three days of heavy rain. Emergency crews saved forty people from their houses using boats and a chopper. The mayor said the harm would cost millions to mend and asked the government for aid. Schools will remain shut until the water has gone down, officials said. Residents depicted a terrifying night as the water climbed rapidly through the streets. Many stores along the main street were severely damaged and several automobiles were swept away. Engineers are now examining the old stone bridge, which was shut as a safeguard. The weather service cautioned that more rain is anticipated later in the week. Volunteers opened the church hall to supply food and dry garments for households who had to depart their homes. The council has established a fund to back businesses that lost stock in the flood.";

static const char PARA[] =
    "After three days of heavy rain, the river burst its banks on Monday night and flooded the centre of the old town. Forty people were rescued from their homes by emergency crews with boats and a helicopter. Repairs will cost millions, according to the mayor, who asked the government for support. Officials said schools would remain closed until the water goes down. Residents spoke of a frightening night as water rose quickly in the streets. Shops on the high street suffered heavy damage and cars were swept away. More rain is forecast later this week, the weather service warned.";

static const char STORY1[] =
    "Hundreds of people in Lowbridge spent the night in emergency shelters after the River Avon burst its banks on Monday. The Environment Agency measured the river at 4.2 metres, its highest since 1998. Mayor John Whitfield said the town needed support from the government. \"We cannot do this alone,\" he said. Firefighters rescued about 40 people, and power was cut to 120 homes. Prime Minister Sarah Collins will travel to Lowbridge on Thursday, her office said. Local farmers fear the loss of their winter crops.";

static const char STORY2[] =
    "Mayor John Whitfield of Lowbridge appealed for national help on Tuesday, a day after the River Avon flooded the town. \"We cannot do this alone,\" Whitfield told reporters at the town hall. \"The damage runs into millions.\" About 40 residents were taken to safety overnight, according to the fire service, and 120 homes in Lowbridge remain without power. The Environment Agency said the Avon peaked at 4.2 metres, the highest level since 1998. Insurers expect claims from hundreds of households and businesses. Prime Minister Sarah Collins is due to visit Lowbridge on Thursday.";

static const char OTHER[] =
    "Scientists at the university have found that birds on the island sing in a dialect of their own, learnt from their parents. The researchers recorded more than two thousand songs over five years and compared them with birds on the mainland. Young birds that were moved between colonies picked up the local song within a few months. The team believes the findings could help explain how languages change over time in human communities.";

static concord_comparison run(const char *a, const concord_doc_meta *am, const char *b,
                              const concord_doc_meta *bm)
{
    concord_comparer *c;
    assert_int_equal(concord_comparer_create(&c, lexicon), CONCORD_OK);
    concord_comparison out;
    assert_int_equal(concord_compare(c, a, strlen(a), am, b, strlen(b), bm, &out), CONCORD_OK);
    /* the same answer from a warmed-up comparer, and when run again */
    concord_comparison again;
    assert_int_equal(concord_compare(c, a, strlen(a), am, b, strlen(b), bm, &again), CONCORD_OK);
    assert_int_equal(again.relation, out.relation);
    assert_true(again.score == out.score);
    concord_comparer_free(c);
    assert_true(out.score >= 0 && out.score <= 1);
    assert_true(out.confidence >= 0 && out.confidence <= 1);
    assert_true(out.feature_count > 0 && out.feature_count <= CONCORD_FEATURE_MAX);
    return out;
}

static void names(void **state)
{
    (void)state;
    assert_string_equal(concord_reuse_name(CONCORD_REUSE_VERBATIM), "verbatim");
    assert_string_equal(concord_reuse_name(CONCORD_REUSE_PARTIAL), "partial");
    assert_string_equal(concord_reuse_name(CONCORD_REUSE_SPUN), "spun");
    assert_string_equal(concord_reuse_name(CONCORD_REUSE_PARAPHRASE), "paraphrase");
    assert_string_equal(concord_reuse_name(CONCORD_REUSE_SAME_STORY), "same_story");
    assert_string_equal(concord_reuse_name(CONCORD_REUSE_UNRELATED), "unrelated");
    assert_string_equal(concord_direction_name(CONCORD_DIRECTION_A_TO_B), "a->b");
    assert_string_equal(concord_direction_name(CONCORD_DIRECTION_B_TO_A), "b->a");
    assert_string_equal(concord_direction_name(CONCORD_DIRECTION_UNKNOWN), "unknown");
    concord_comparison c = run(ORIG, NULL, OTHER, NULL);
    for (size_t i = 0; i < c.feature_count; i++) {
        const char *n = concord_feature_name(i);
        assert_non_null(n);
        for (size_t j = 0; j < i; j++) assert_string_not_equal(n, concord_feature_name(j));
    }
    assert_null(concord_feature_name(c.feature_count));
    assert_null(concord_feature_name(1000));
}

static void identical_with_dates(void **state)
{
    (void)state;
    concord_doc_meta early = {.date = "2024-03-01", .date_len = 10};
    concord_doc_meta late = {.date = "2024-03-04T10:00:00", .date_len = 19};
    concord_comparison c = run(ORIG, &late, ORIG, &early);
    assert_int_equal(c.relation, CONCORD_REUSE_VERBATIM);
    assert_true(c.score > 0.99);
    assert_int_equal(c.direction, CONCORD_DIRECTION_B_TO_A);
    assert_true(c.confidence >= 0.8);
    c = run(ORIG, &early, ORIG, &late);
    assert_int_equal(c.direction, CONCORD_DIRECTION_A_TO_B);
    /* no dates, nothing else to go by: unknown, confidence 0 */
    c = run(ORIG, NULL, ORIG, NULL);
    assert_int_equal(c.direction, CONCORD_DIRECTION_UNKNOWN);
    assert_true(c.confidence == 0);
    /* the same day: still told, less sure */
    concord_doc_meta morning = {.date = "2024-03-01T08:00:00", .date_len = 19};
    concord_doc_meta evening = {.date = "2024-03-01T20:00:00", .date_len = 19};
    c = run(ORIG, &evening, ORIG, &morning);
    assert_int_equal(c.direction, CONCORD_DIRECTION_B_TO_A);
    assert_true(c.confidence > 0 && c.confidence < 0.9);
    /* a day and a time on that day: the dates do not decide */
    concord_doc_meta day = {.date = "2024-03-01", .date_len = 10};
    c = run(ORIG, &day, ORIG, &morning);
    assert_int_equal(c.direction, CONCORD_DIRECTION_UNKNOWN);
}

static char *concat3(const char *x, const char *y, const char *z)
{
    size_t n = strlen(x) + strlen(y) + strlen(z) + 1;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "%s%s%s", x, y, z);
    return s;
}

static void boilerplate_is_verbatim(void **state)
{
    (void)state;
    char *copy = concat3("By Staff Reporter, Published 3 March\n\n", ORIG,
                         "\n\nCopyright 2024 Daily News. All rights reserved. Follow us on social "
                         "media for the latest updates.");
    concord_comparison c = run(ORIG, NULL, copy, NULL);
    assert_int_equal(c.relation, CONCORD_REUSE_VERBATIM);
    assert_true(c.score > 0.6);
    /* the copy carries the extra text: it derives, with low confidence */
    assert_int_equal(c.direction, CONCORD_DIRECTION_A_TO_B);
    assert_true(c.confidence > 0 && c.confidence < 0.5);
    free(copy);
}

static void excerpt_is_partial(void **state)
{
    (void)state;
    /* the first four sentences */
    const char *end = ORIG;
    for (int k = 0; k < 4; k++) end = strchr(end, '.') + 1;
    size_t n = (size_t)(end - ORIG);
    char *ex = malloc(n + 1);
    assert_non_null(ex);
    memcpy(ex, ORIG, n);
    ex[n] = '\0';
    concord_comparison c = run(ex, NULL, ORIG, NULL);
    assert_int_equal(c.relation, CONCORD_REUSE_PARTIAL);
    /* no dates: the longer text containing the excerpt is its source */
    assert_int_equal(c.direction, CONCORD_DIRECTION_B_TO_A);
    assert_true(c.confidence > 0 && c.confidence < 0.5);
    free(ex);
}

static void spin_is_spun(void **state)
{
    (void)state;
    if (!lexicon) skip();
    concord_comparison c = run(ORIG, NULL, SPUN, NULL);
    assert_int_equal(c.relation, CONCORD_REUSE_SPUN);
    assert_true(c.score > 0.7);
}

static void paraphrase(void **state)
{
    (void)state;
    concord_comparison c = run(ORIG, NULL, PARA, NULL);
    assert_int_equal(c.relation, CONCORD_REUSE_PARAPHRASE);
    assert_true(c.score > 0.5);
}

static void same_story(void **state)
{
    (void)state;
    concord_comparison c = run(STORY1, NULL, STORY2, NULL);
    assert_int_equal(c.relation, CONCORD_REUSE_SAME_STORY);
    assert_true(c.score > 0.2 && c.score < 0.7);
    /* independent reports: no direction, even with dates */
    concord_doc_meta d1 = {.date = "2024-03-01", .date_len = 10};
    concord_doc_meta d2 = {.date = "2024-03-02", .date_len = 10};
    c = run(STORY1, &d1, STORY2, &d2);
    assert_int_equal(c.direction, CONCORD_DIRECTION_UNKNOWN);
    assert_true(c.confidence == 0);
}

static void unrelated(void **state)
{
    (void)state;
    concord_comparison c = run(ORIG, NULL, OTHER, NULL);
    assert_int_equal(c.relation, CONCORD_REUSE_UNRELATED);
    assert_true(c.score < 0.1);
    c = run(STORY1, NULL, OTHER, NULL);
    assert_int_equal(c.relation, CONCORD_REUSE_UNRELATED);
}

static void credit_line(void **state)
{
    (void)state;
    char *credited = concat3("", ORIG, "\n\nReporting by Jane Doe; editing by John Roe.");
    concord_comparison c = run(credited, NULL, ORIG, NULL);
    assert_int_equal(c.relation, CONCORD_REUSE_VERBATIM);
    assert_int_equal(c.direction, CONCORD_DIRECTION_B_TO_A);
    assert_true(c.confidence >= 0.5);
    c = run(ORIG, NULL, credited, NULL);
    assert_int_equal(c.direction, CONCORD_DIRECTION_A_TO_B);
    free(credited);
    /* dates win over the marker */
    char *synd = concat3("This article was auto-generated from a syndicated feed.\n", ORIG, "");
    concord_doc_meta early = {.date = "2024-03-01", .date_len = 10};
    concord_doc_meta late = {.date = "2024-03-02", .date_len = 10};
    c = run(synd, &early, ORIG, &late);
    assert_int_equal(c.direction, CONCORD_DIRECTION_A_TO_B);
    c = run(synd, NULL, ORIG, NULL);
    assert_int_equal(c.direction, CONCORD_DIRECTION_B_TO_A);
    free(synd);
}

static void sentences(void **state)
{
    (void)state;
    concord_comparison same = run("The cat sat on the mat.", NULL, "The cat sat on the mat.", NULL);
    assert_int_equal(same.relation, CONCORD_REUSE_VERBATIM);
    assert_true(same.score > 0.99);
    concord_comparison close =
        run("The cat sat on the mat.", NULL, "A cat was sitting on the mat.", NULL);
    concord_comparison far = run("The cat sat on the mat.", NULL,
                                 "Stock markets fell sharply in Tokyo on Friday.", NULL);
    assert_true(close.score > 0.5);
    assert_true(far.score < 0.1);
    assert_int_equal(far.relation, CONCORD_REUSE_UNRELATED);
    /* a changed number lowers the score */
    concord_comparison n1 = run("Shares rose 5 percent to 120 dollars on Monday.", NULL,
                                "Shares rose 5 percent to 120 dollars on Monday.", NULL);
    concord_comparison n2 = run("Shares rose 5 percent to 120 dollars on Monday.", NULL,
                                "Shares rose 7 percent to 180 dollars on Monday.", NULL);
    assert_true(n2.score < n1.score - 0.1);
}

/* The value of the feature called name. */
static double feature(const concord_comparison *c, const char *name)
{
    for (size_t i = 0; i < c->feature_count; i++)
        if (!strcmp(concord_feature_name(i), name)) return c->features[i];
    fail_msg("no feature %s", name);
    return 0;
}

static void sentence_evidence(void **state)
{
    (void)state;
    /* an added clause: 10 words, then the same 10 words and 9 more (counted
       by hand: "on Tuesday after a long debate about fishing quotas") */
    const char *base = "The council of Port Aldwyn approved the new harbour budget.";
    const char *longer = "The council of Port Aldwyn approved the new harbour budget on Tuesday "
                         "after a long debate about fishing quotas.";
    concord_comparison same = run(base, NULL, base, NULL);
    concord_comparison c = run(base, NULL, longer, NULL);
    assert_true(feature(&c, "tokens_diff") == 9);
    assert_true(feature(&c, "words_max") == 19);
    assert_true(feature(&c, "run_max") == 9); /* the clause, in one piece */
    assert_true(feature(&c, "run_min") == 0);
    assert_true(feature(&c, "extra_max") == 9);
    assert_true(feature(&c, "extra_min") == 0);
    assert_true(feature(&c, "extra_names") == 1); /* Tuesday */
    assert_true(fabs(feature(&c, "lcs_words") - 20.0 / 29.0) < 1e-9);
    assert_true(fabs(feature(&c, "gram1_dice") - 20.0 / 29.0) < 1e-9);
    assert_true(feature(&same, "gram4_dice") == 1 && feature(&same, "char_dice") == 1);
    assert_true(feature(&c, "gram4_dice") < feature(&c, "gram1_dice"));
    assert_true(c.score < same.score - 0.1);
    /* the same words in another order: every word shared, a shorter common
       subsequence */
    concord_comparison moved =
        run(base, NULL, "The new harbour budget of Port Aldwyn the council approved.", NULL);
    assert_true(feature(&moved, "gram1_dice") == 1);
    assert_true(feature(&moved, "lcs_words") < 0.8);
    assert_true(feature(&moved, "gram2_dice") < 0.8);
    /* negation on one side only */
    concord_comparison neg = run("Ilya Varenko signed the Compact in Estmark.", NULL,
                                 "Ilya Varenko did not sign the Compact in Estmark.", NULL);
    assert_true(feature(&neg, "negation_mismatch") == 1);
    assert_true(feature(&same, "negation_mismatch") == 0);
    concord_comparison both = run("Ilya Varenko never signed the Compact in Estmark.", NULL,
                                  "Ilya Varenko didn't sign the Compact in Estmark.", NULL);
    assert_true(feature(&both, "negation_mismatch") == 0);
    /* long texts get no sentence evidence */
    concord_comparison art = run(ORIG, NULL, ORIG, NULL);
    assert_true(feature(&art, "words_max") > 80);
    assert_true(feature(&art, "gram1_dice") == 0 && feature(&art, "run_max") == 0);
}

static void number_contradiction(void **state)
{
    (void)state;
    const char *a = "Varenko said 40 people were hurt when the old bridge at Port Aldwyn fell.";
    concord_comparison same = run(a, NULL, a, NULL);
    concord_comparison other =
        run(a, NULL, "Varenko said 400 people were hurt when the old bridge at Port Aldwyn fell.",
            NULL);
    assert_true(feature(&other, "numbers_only") == 2);
    assert_true(feature(&other, "numbers_mismatch") == 1);
    assert_true(feature(&same, "numbers_only") == 0);
    assert_true(same.score > 0.99);
    assert_true(other.score < same.score - 0.2);
    /* a number left out is condensing, not contradicting */
    concord_comparison fewer =
        run(a, NULL, "Varenko said people were hurt when the old bridge at Port Aldwyn fell.", NULL);
    assert_true(feature(&fewer, "numbers_only") == 1);
    assert_true(feature(&fewer, "numbers_mismatch") == 0);
    assert_true(fewer.score > other.score);
}

static void synonym_paraphrase(void **state)
{
    (void)state;
    if (!lexicon) skip();
    const char *a = "The minister quickly purchased a large house in the harbour town.";
    /* the same sentence in synonyms; and different words between the same function words */
    concord_comparison para =
        run(a, NULL, "The minister rapidly bought a big house in the harbour town.", NULL);
    concord_comparison far =
        run(a, NULL, "The weather slowly ruined a small garden in the mountain village.", NULL);
    assert_true(para.score > 0.6);
    assert_true(far.score < 0.3);
    assert_true(para.score > far.score + 0.4);
}

static void empty_texts(void **state)
{
    (void)state;
    concord_comparison c = run("", NULL, "", NULL);
    assert_int_equal(c.relation, CONCORD_REUSE_UNRELATED);
    assert_true(c.score == 0);
    c = run(ORIG, NULL, "", NULL);
    assert_int_equal(c.relation, CONCORD_REUSE_UNRELATED);
    assert_true(c.score == 0);
    c = run("  ,;  ", NULL, ORIG, NULL);
    assert_int_equal(c.relation, CONCORD_REUSE_UNRELATED);
    concord_comparer *cm;
    assert_int_equal(concord_comparer_create(&cm, NULL), CONCORD_OK);
    concord_comparison out;
    assert_int_equal(concord_compare(cm, NULL, 0, NULL, NULL, 0, NULL, &out), CONCORD_OK);
    assert_int_equal(out.relation, CONCORD_REUSE_UNRELATED);
    assert_int_equal(concord_compare(cm, NULL, 3, NULL, "x", 1, NULL, &out), CONCORD_ERR_INVALID);
    assert_int_equal(concord_compare(cm, "x", 1, NULL, "x", 1, NULL, NULL), CONCORD_ERR_INVALID);
    /* invalid UTF-8 and odd metadata do not crash */
    concord_doc_meta odd = {.date = "yesterday", .date_len = 9, .title = "", .title_len = 0};
    assert_int_equal(concord_compare(cm, "\xff\xfe caf\xc3", 7, &odd, ORIG, strlen(ORIG), &odd, &out),
                     CONCORD_OK);
    concord_comparer_free(cm);
    concord_comparer_free(NULL);
    assert_int_equal(concord_comparer_create(NULL, NULL), CONCORD_ERR_INVALID);
}

static void no_lexicon(void **state)
{
    (void)state;
    /* without a lexicon: still verbatim / unrelated; a spin is not "spun"
       by synonyms but is still seen as reuse of some kind */
    concord_comparer *cm;
    assert_int_equal(concord_comparer_create(&cm, NULL), CONCORD_OK);
    concord_comparison out;
    assert_int_equal(concord_compare(cm, ORIG, strlen(ORIG), NULL, ORIG, strlen(ORIG), NULL, &out),
                     CONCORD_OK);
    assert_int_equal(out.relation, CONCORD_REUSE_VERBATIM);
    assert_int_equal(concord_compare(cm, ORIG, strlen(ORIG), NULL, OTHER, strlen(OTHER), NULL, &out),
                     CONCORD_OK);
    assert_int_equal(out.relation, CONCORD_REUSE_UNRELATED);
    assert_int_equal(concord_compare(cm, ORIG, strlen(ORIG), NULL, SPUN, strlen(SPUN), NULL, &out),
                     CONCORD_OK);
    assert_true(out.relation != CONCORD_REUSE_UNRELATED && out.relation != CONCORD_REUSE_SAME_STORY);
    concord_comparer_free(cm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names),
        cmocka_unit_test(identical_with_dates),
        cmocka_unit_test(boilerplate_is_verbatim),
        cmocka_unit_test(excerpt_is_partial),
        cmocka_unit_test(spin_is_spun),
        cmocka_unit_test(paraphrase),
        cmocka_unit_test(same_story),
        cmocka_unit_test(unrelated),
        cmocka_unit_test(credit_line),
        cmocka_unit_test(sentences),
        cmocka_unit_test(sentence_evidence),
        cmocka_unit_test(number_contradiction),
        cmocka_unit_test(synonym_paraphrase),
        cmocka_unit_test(empty_texts),
        cmocka_unit_test(no_lexicon),
    };
    return cmocka_run_group_tests(tests, lexicon_setup, lexicon_teardown);
}
