/*
 * Unit tests for concord_view (concord.h, "Consolidated view of one story").
 * Invented reports of one event in Port Aldwyn: the original (ORIG), a copy
 * of it with a footer (COPY), an independent report worded differently that
 * gives another number of workers (OTHER_REPORT), and a short third report
 * (BRIEF). The expectations come from reading the texts: ORIG and COPY are
 * one source; the cracked cables are stated by all three sources; the
 * workers are 340 in ORIG and 430 in OTHER_REPORT; the minister's quote
 * appears in ORIG/COPY and OTHER_REPORT.
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
#include "lexicon_fixture.h"

static const char ORIG[] =
    "Port Aldwyn's harbour bridge will close for repairs on Monday, the transport minister "
    "Ilya Varenko said. Engineers found cracks in 14 steel cables during an inspection last "
    "week. \"The bridge is safe today, but we cannot wait for winter,\" Varenko told reporters. "
    "About 340 workers from the Estmark yard will join the repair crews. The Compact has "
    "pledged 12 million crowns toward the cost of the work.";

static const char COPY[] =
    "Port Aldwyn's harbour bridge will close for repairs on Monday, the transport minister "
    "Ilya Varenko said. Engineers found cracks in 14 steel cables during an inspection last "
    "week. \"The bridge is safe today, but we cannot wait for winter,\" Varenko told reporters. "
    "About 340 workers from the Estmark yard will join the repair crews. The Compact has "
    "pledged 12 million crowns toward the cost of the work. Subscribe to the Coast Daily "
    "newsletter for more news from the coast.";

static const char OTHER_REPORT[] =
    "Transport minister Ilya Varenko announced that the harbour bridge in Port Aldwyn is to "
    "shut from Monday. Inspectors discovered cracks in 14 of its steel cables last week. "
    "\"The bridge is safe today, but we cannot wait for winter,\" the minister said. The "
    "repairs will employ 430 workers from the Estmark yard, according to the ministry. "
    "Fishermen in the harbour said they feared losing trade during the closure.";

static const char BRIEF[] =
    "Cracks were found in 14 steel cables of the Port Aldwyn bridge, and it will close on "
    "Monday for several weeks of repairs, Ilya Varenko said.";

static void add(concord_view *v, const char *id, const char *text, const char *date)
{
    concord_doc_meta m = {date, date ? strlen(date) : 0, NULL, 0, NULL, 0};
    assert_int_equal(concord_view_add(v, id, strlen(id), text, strlen(text), &m), CONCORD_OK);
}

/* The four reports, added out of date order; BRIEF undated. */
static concord_view *story(void)
{
    concord_view *v;
    assert_int_equal(concord_view_create(&v, lexicon, NULL), CONCORD_OK);
    add(v, "brief", BRIEF, NULL);
    add(v, "copy", COPY, "2026-03-02T09:00:00");
    add(v, "other", OTHER_REPORT, "2026-03-02T07:30:00");
    add(v, "orig", ORIG, "2026-03-01T18:00:00");
    assert_int_equal(concord_view_run(v), CONCORD_OK);
    return v;
}

static size_t find(const concord_view *v, const char *id)
{
    for (size_t i = 0; i < concord_view_article_count(v); i++) {
        const concord_view_article *a = concord_view_article_get(v, i);
        if (a->id_len == strlen(id) && !memcmp(a->id, id, a->id_len)) return i;
    }
    fail_msg("no article %s", id);
    return SIZE_MAX;
}

/* Does the clause of s contain needle? */
static int clause_has(const concord_view *v, const concord_claim_sentence *s, const char *needle)
{
    size_t len;
    const char *text = concord_view_text(v, s->article, &len);
    size_t n = strlen(needle);
    for (size_t i = s->clause_start; i + n <= s->clause_end; i++)
        if (!memcmp(text + i, needle, n)) return 1;
    return 0;
}

static void test_timeline_and_sources(void **state)
{
    (void)state;
    concord_view *v = story();
    size_t n;
    const size_t *t = concord_view_timeline(v, &n);
    assert_int_equal(n, 4);
    /* by date, undated last */
    assert_int_equal(t[0], find(v, "orig"));
    assert_int_equal(t[1], find(v, "other"));
    assert_int_equal(t[2], find(v, "copy"));
    assert_int_equal(t[3], find(v, "brief"));
    /* the copy collapses onto the earlier original */
    assert_int_equal(concord_view_family_count(v), 3);
    const concord_view_article *copy = concord_view_article_get(v, find(v, "copy"));
    assert_int_equal(copy->origin, find(v, "orig"));
    assert_int_equal(copy->relation, CONCORD_REUSE_VERBATIM);
    const concord_view_article *orig = concord_view_article_get(v, find(v, "orig"));
    assert_int_equal(orig->origin, find(v, "orig"));
    assert_int_not_equal(copy->family, concord_view_article_get(v, find(v, "other"))->family);
    concord_view_free(v);
}

static void test_claim_supported_by_three_sources(void **state)
{
    (void)state;
    concord_view *v = story();
    const concord_claim *cables = NULL;
    for (size_t c = 0; c < concord_view_claim_count(v) && !cables; c++) {
        const concord_claim *cl = concord_view_claim(v, c);
        if (clause_has(v, &cl->sentences[cl->representative], "14")) cables = cl;
        if (c > 0) /* sorted by support */
            assert_true(concord_view_claim(v, c - 1)->support >= cl->support);
    }
    assert_non_null(cables);
    /* ORIG, COPY, OTHER_REPORT and BRIEF: four articles, three sources */
    assert_int_equal(cables->support, 3);
    assert_int_equal(cables->sentence_count, 4);
    for (size_t i = 0; i < cables->sentence_count; i++)
        assert_true(clause_has(v, &cables->sentences[i], "14"));
    /* the fishermen appear in one source only */
    for (size_t c = 0; c < concord_view_claim_count(v); c++) {
        const concord_claim *cl = concord_view_claim(v, c);
        for (size_t i = 0; i < cl->sentence_count; i++)
            if (clause_has(v, &cl->sentences[i], "Fishermen")) assert_int_equal(cl->support, 1);
    }
    concord_view_free(v);
}

static void test_conflicting_numbers(void **state)
{
    (void)state;
    concord_view *v = story();
    assert_int_equal(concord_view_conflict_count(v), 1);
    const concord_conflict *c = concord_view_conflict(v, 0);
    assert_int_equal(c->unit_len, strlen("workers"));
    assert_memory_equal(c->unit, "workers", c->unit_len);
    double lo = c->a_value < c->b_value ? c->a_value : c->b_value;
    double hi = c->a_value < c->b_value ? c->b_value : c->a_value;
    assert_true(lo == 340 && hi == 430);
    /* the spans are the numbers with their unit, as written */
    size_t len;
    const char *text = concord_view_text(v, c->a.article, &len);
    assert_true(c->a.end - c->a.start == strlen("340 workers"));
    assert_true(!memcmp(text + c->a.start, "340 workers", 11) ||
                !memcmp(text + c->a.start, "430 workers", 11));
    concord_view_free(v);
}

static void test_quote_groups_count_sources(void **state)
{
    (void)state;
    concord_view *v = story();
    int found = 0;
    for (size_t g = 0; g < concord_view_quote_group_count(v); g++) {
        size_t n, support;
        const concord_view_quote *q = concord_view_quote_group(v, g, &n, &support);
        size_t len;
        const char *text = concord_view_text(v, q[0].quote.article, &len);
        if (memcmp(text + q[0].quote.start, "The bridge is safe", 18)) continue;
        found = 1;
        assert_int_equal(n, 3);       /* ORIG, COPY, OTHER_REPORT */
        assert_int_equal(support, 2); /* ORIG and COPY are one source */
    }
    assert_true(found);
    concord_view_free(v);
}

static void test_summary(void **state)
{
    (void)state;
    concord_view *v = story();
    size_t n;
    const size_t *s = concord_view_summary(v, &n);
    assert_true(n >= 1 && n <= 5);
    /* the best-supported claim is in it */
    int has_top = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(s[i] < concord_view_claim_count(v));
        has_top |= concord_view_claim(v, s[i])->support == concord_view_claim(v, 0)->support;
    }
    assert_true(has_top);
    concord_view_free(v);
}

static void test_deterministic_and_reusable(void **state)
{
    (void)state;
    concord_view *a = story(), *b = story();
    assert_int_equal(concord_view_claim_count(a), concord_view_claim_count(b));
    for (size_t c = 0; c < concord_view_claim_count(a); c++) {
        const concord_claim *x = concord_view_claim(a, c), *y = concord_view_claim(b, c);
        assert_int_equal(x->support, y->support);
        assert_int_equal(x->sentence_count, y->sentence_count);
        assert_memory_equal(x->sentences, y->sentences, x->sentence_count * sizeof *x->sentences);
    }
    concord_view_free(b);
    /* reset: a one-article story */
    concord_view_reset(a);
    add(a, "orig", ORIG, NULL);
    assert_int_equal(concord_view_run(a), CONCORD_OK);
    assert_int_equal(concord_view_family_count(a), 1);
    assert_int_equal(concord_view_conflict_count(a), 0);
    assert_int_equal(concord_view_quote_group_count(a), 0);
    for (size_t c = 0; c < concord_view_claim_count(a); c++)
        assert_int_equal(concord_view_claim(a, c)->support, 1);
    concord_view_free(a);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    concord_view *v;
    concord_view_options o;
    concord_view_options_init(&o);
    o.claim_threshold = 0;
    assert_int_equal(concord_view_create(&v, lexicon, &o), CONCORD_ERR_INVALID);
    assert_null(v);
    concord_view_options_init(&o);
    o.max_articles = 1;
    assert_int_equal(concord_view_create(&v, lexicon, &o), CONCORD_OK);
    add(v, "a", ORIG, NULL);
    assert_int_equal(concord_view_add(v, "b", 1, BRIEF, strlen(BRIEF), NULL), CONCORD_ERR_TOO_LARGE);
    assert_int_equal(concord_view_add(v, NULL, 3, BRIEF, 1, NULL), CONCORD_ERR_INVALID);
    assert_int_equal(concord_view_run(v), CONCORD_OK);
    assert_int_equal(concord_view_run(v), CONCORD_ERR_INVALID);
    assert_int_equal(concord_view_add(v, "c", 1, "x", 1, NULL), CONCORD_ERR_INVALID);
    assert_null(concord_view_claim(v, 1u << 20));
    assert_null(concord_view_article_get(v, 5));
    concord_view_free(v);
    concord_view_free(NULL);
    /* empty story, and articles without words */
    assert_int_equal(concord_view_create(&v, NULL, NULL), CONCORD_OK);
    assert_int_equal(concord_view_run(v), CONCORD_OK);
    assert_int_equal(concord_view_claim_count(v), 0);
    concord_view_reset(v);
    add(v, "empty", "", NULL);
    add(v, "marks", "\"\" -- ... !!", NULL);
    assert_int_equal(concord_view_run(v), CONCORD_OK);
    assert_int_equal(concord_view_family_count(v), 2);
    assert_int_equal(concord_view_claim_count(v), 0);
    concord_view_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timeline_and_sources),
        cmocka_unit_test(test_claim_supported_by_three_sources),
        cmocka_unit_test(test_conflicting_numbers),
        cmocka_unit_test(test_quote_groups_count_sources),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_deterministic_and_reusable),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, lexicon_setup, lexicon_teardown);
}
