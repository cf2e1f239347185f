/*
 * Unit tests for concord_relate (concord.h, "Every related pair of a
 * corpus") and its anchor index (lib/index/anchor_index.h). Invented
 * articles of the project's fictional world: a ferry strike in Port Aldwyn
 * (ORIG), a copy of it between a byline and a footer (COPY), its first five
 * sentences (EXCERPT), a synonym spin with names, numbers and the quote
 * kept (SPUN), an independent report sharing names, numbers and the
 * minister's quote (STORY), and two unrelated Port Aldwyn ferry stories
 * (UNREL1: a new timetable; UNREL2: a museum exhibition). Tests needing
 * WordNet (the spin) are skipped without it.
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
#include "index/anchor_index.h"
#include "match/relate.h"
#include "text/text.h"

static const char ORIG[] =
    "Ferry crews in Port Aldwyn walked off the job on Tuesday morning, stranding about 3,400 passengers on both sides of the Estmark strait. The union said its members had rejected a pay offer of 2.5 percent from the operator, Northway Lines, after talks collapsed late on Monday night. Minister Ilya Varenko called the strike \"a reckless gamble with people's livelihoods\" and urged both sides to return to the table. Queues of lorries stretched for nearly six kilometres along the coast road by noon, according to the harbour police. Shops on the island of Tessary reported that fresh bread and milk had already run short. The operator said it would run a reduced timetable with managers at the helm, but only two of its eleven vessels sailed before lunch. Union leader Maren Osk told reporters that the crews were tired of being taken for granted. She said the walkout would last at least 48 hours unless the company improved its offer. Travel agents advised tourists to delay their trips until the weekend. The last strike on the route, in 2019, lasted nine days and cost local businesses an estimated 14 million crowns.";

static const char COPY[] =
    "By our harbour correspondent | Updated 11:42\n\nFerry crews in Port Aldwyn walked off the job on Tuesday morning, stranding about 3,400 passengers on both sides of the Estmark strait. The union said its members had rejected a pay offer of 2.5 percent from the operator, Northway Lines, after talks collapsed late on Monday night. Minister Ilya Varenko called the strike \"a reckless gamble with people's livelihoods\" and urged both sides to return to the table. Queues of lorries stretched for nearly six kilometres along the coast road by noon, according to the harbour police. Shops on the island of Tessary reported that fresh bread and milk had already run short. The operator said it would run a reduced timetable with managers at the helm, but only two of its eleven vessels sailed before lunch. Union leader Maren Osk told reporters that the crews were tired of being taken for granted. She said the walkout would last at least 48 hours unless the company improved its offer. Travel agents advised tourists to delay their trips until the weekend. The last strike on the route, in 2019, lasted nine days and cost local businesses an estimated 14 million crowns.\n\nCopyright Aldwyn Evening Post. All rights reserved. Follow us for more local news.";

static const char EXCERPT[] =
    "Ferry crews in Port Aldwyn walked off the job on Tuesday morning, stranding about 3,400 passengers on both sides of the Estmark strait. The union said its members had rejected a pay offer of 2.5 percent from the operator, Northway Lines, after talks collapsed late on Monday night. Minister Ilya Varenko called the strike \"a reckless gamble with people's livelihoods\" and urged both sides to return to the table. Queues of lorries stretched for nearly six kilometres along the coast road by noon, according to the harbour police. Shops on the island of Tessary reported that fresh bread and milk had already run short.";

static const char SPUN[] =
    "Ferry crews in Port Aldwyn walked off the work on Tuesday morning, marooning roughly 3,400 travellers on both sides of the Estmark strait. The union said its members had refused a wage offer of 2.5 percent from the operator, Northway Lines, after negotiations failed late on Monday night. Minister Ilya Varenko called the strike \"a reckless gamble with people's livelihoods\" and pressed both sides to go back to the table. Lines of trucks extended for almost six kilometres along the shore road by midday, according to the port police. Stores on the island of Tessary stated that fresh bread and milk had already run low. The operator said it would operate a reduced schedule with managers at the wheel, but only two of its eleven ships sailed before lunch. Union boss Maren Osk told journalists that the crews were weary of being taken for granted. She said the stoppage would endure at least 48 hours unless the firm bettered its offer. Travel agents counselled tourists to postpone their journeys until the weekend. The previous strike on the route, in 2019, lasted nine days and cost local companies an estimated 14 million crowns.";

static const char STORY[] =
    "Passengers bound for Tessary spent Tuesday sleeping in their cars after Northway Lines ferries stayed in port for a second straight day of disruption. Maren Osk, who leads the seafarers' union, said 2.5 percent was \"an insult to people who work nights on open water\". Harbour police in Port Aldwyn counted some 3,400 travellers turned away at the terminal. Estmark's transport minister, Ilya Varenko, described the stoppage as \"a reckless gamble with people's livelihoods\" during a radio interview. A bakery owner on Tessary said her deliveries had not arrived since the weekend. Northway Lines declined to comment on how long its reduced service would continue. Local business groups recalled that the 2019 dispute cost them 14 million crowns.";

static const char UNREL1[] =
    "The council of Port Aldwyn approved a new summer timetable for the harbour ferries on Wednesday, adding three late crossings on Fridays and Saturdays. Councillors said the extra sailings would help restaurants and theatres that depend on visitors from the mainland. The timetable will start in June and will be reviewed at the end of September. A proposal to raise fares for cars was withdrawn after objections from residents, who said prices had already gone up twice in recent years. Cyclists will be able to book spaces on the deck online for the first time.";

static const char UNREL2[] =
    "An exhibition on the history of ferries opens at the maritime museum in Port Aldwyn this weekend. Visitors can see photographs of the wooden paddle steamers that crossed the strait a century ago, along with tickets, uniforms and a restored ship's bell. The curator said many of the objects were donated by families of former sailors. Children can try steering a ferry in a simulator built by students from the technical college. Entry is free on the first Sunday of each month.";

enum { I_ORIG, I_COPY, I_EXCERPT, I_SPUN, I_STORY, I_UNREL1, I_UNREL2, N_DOCS };
static const char *const TEXTS[N_DOCS] = {ORIG, COPY, EXCERPT, SPUN, STORY, UNREL1, UNREL2};
static const char *const IDS[N_DOCS] = {"orig", "copy", "excerpt", "spun", "story", "unrel1", "unrel2"};
/* The copy, excerpt and spin appeared a day after the original. */
static const char *const DATES[N_DOCS] = {"2025-03-11", "2025-03-12", "2025-03-12", "2025-03-12",
                                          "2025-03-11", "2025-03-12", "2025-03-09"};

/* A run over the seven articles with the given options (NULL: defaults). */
static concord_relate *run_corpus(const concord_relate_options *o, const concord_lexicon *lex)
{
    concord_relate *r;
    assert_int_equal(concord_relate_create(&r, lex, o), CONCORD_OK);
    for (int i = 0; i < N_DOCS; i++) {
        concord_doc_meta m = {.date = DATES[i], .date_len = strlen(DATES[i])};
        assert_int_equal(concord_relate_add(r, IDS[i], strlen(IDS[i]), TEXTS[i], strlen(TEXTS[i]), &m),
                         CONCORD_OK);
    }
    assert_int_equal(concord_relate_run(r), CONCORD_OK);
    return r;
}

/* The pair (a, b) (a < b), or NULL when it was not written. */
static const concord_related *find(const concord_relate *r, size_t a, size_t b)
{
    for (size_t i = 0; i < concord_relate_count(r); i++) {
        const concord_related *p = concord_relate_pair(r, i);
        if (p->a == a && p->b == b) return p;
    }
    return NULL;
}

static void expect(const concord_relate *r, size_t a, size_t b, concord_reuse rel)
{
    const concord_related *p = find(r, a, b);
    if (!p) fail_msg("pair %s/%s not found", IDS[a], IDS[b]);
    if (p->comparison.relation != rel)
        fail_msg("pair %s/%s: %s, expected %s", IDS[a], IDS[b], concord_reuse_name(p->comparison.relation),
                 concord_reuse_name(rel));
    assert_true(p->comparison.score > 0 && p->comparison.score <= 1);
}

static void relations_of_each_pair(void **state)
{
    (void)state;
    if (!lexicon) skip();
    concord_relate *r = run_corpus(NULL, lexicon);
    expect(r, I_ORIG, I_COPY, CONCORD_REUSE_VERBATIM);
    expect(r, I_ORIG, I_EXCERPT, CONCORD_REUSE_PARTIAL);
    expect(r, I_COPY, I_EXCERPT, CONCORD_REUSE_PARTIAL);
    expect(r, I_ORIG, I_SPUN, CONCORD_REUSE_SPUN);
    expect(r, I_COPY, I_SPUN, CONCORD_REUSE_SPUN);
    expect(r, I_ORIG, I_STORY, CONCORD_REUSE_SAME_STORY);
    expect(r, I_SPUN, I_STORY, CONCORD_REUSE_SAME_STORY);
    /* the ten pairs of the five strike articles, nothing else */
    assert_int_equal(concord_relate_count(r), 10);
    for (size_t i = 0; i < concord_relate_count(r); i++) {
        const concord_related *p = concord_relate_pair(r, i);
        assert_true(p->a < p->b);
        assert_true(p->b < I_UNREL1);
        if (i) { /* sorted by (a, b) */
            const concord_related *q = concord_relate_pair(r, i - 1);
            assert_true(q->a < p->a || (q->a == p->a && q->b < p->b));
        }
    }
    /* provenance from the dates: the copy is a day later */
    const concord_related *p = find(r, I_ORIG, I_COPY);
    assert_int_equal(p->comparison.direction, CONCORD_DIRECTION_A_TO_B);
    /* which index found what: the spin is no shingle copy, the independent
       report only shares anchors */
    assert_true(find(r, I_ORIG, I_COPY)->sources & CONCORD_RELATE_COPY);
    assert_true(find(r, I_ORIG, I_SPUN)->sources & CONCORD_RELATE_SPIN);
    assert_false(find(r, I_ORIG, I_SPUN)->sources & CONCORD_RELATE_COPY);
    assert_int_equal(find(r, I_ORIG, I_STORY)->sources, CONCORD_RELATE_ANCHOR);
    size_t len;
    assert_memory_equal(concord_relate_id(r, I_STORY, &len), "story", 5);
    assert_int_equal(len, 5);
    assert_ptr_equal(concord_relate_id(r, N_DOCS, &len), NULL);
    assert_int_equal(len, 0);
    concord_relate_free(r);
}

/* Unrelated stories on the same topic (Port Aldwyn, ferries) are not even
   candidates: with every relation requested, none of their pairs is
   verified. */
static void unrelated_are_not_candidates(void **state)
{
    (void)state;
    concord_relate_options o;
    concord_relate_options_init(&o);
    o.relations = CONCORD_RELATE_MASK(CONCORD_REUSE_UNRELATED + 1) - 1;
    concord_relate *r = run_corpus(&o, lexicon);
    concord_relate_stats s;
    concord_relate_stats_get(r, &s);
    assert_int_equal(s.documents, N_DOCS);
    assert_int_equal(s.candidates, concord_relate_count(r)); /* all verified pairs written */
    for (size_t i = 0; i < concord_relate_count(r); i++) {
        const concord_related *p = concord_relate_pair(r, i);
        if (p->a >= I_UNREL1 || p->b >= I_UNREL1)
            fail_msg("%s/%s was a candidate", IDS[p->a], IDS[p->b]);
    }
    assert_true(s.candidates < N_DOCS * (N_DOCS - 1) / 2);
    assert_true(s.candidates_anchor >= 4); /* the independent report's four pairs */
    concord_relate_free(r);
}

/* Filters: relations and minimum score. */
static void options_filter(void **state)
{
    (void)state;
    concord_relate_options o;
    concord_relate_options_init(&o);
    o.relations = CONCORD_RELATE_MASK(CONCORD_REUSE_SAME_STORY);
    concord_relate *r = run_corpus(&o, lexicon);
    assert_true(concord_relate_count(r) >= 3);
    for (size_t i = 0; i < concord_relate_count(r); i++) {
        const concord_related *p = concord_relate_pair(r, i);
        assert_int_equal(p->comparison.relation, CONCORD_REUSE_SAME_STORY);
        assert_int_equal(p->b, I_STORY);
    }
    concord_relate_free(r);
    concord_relate_options_init(&o);
    o.min_score = 0.75;
    r = run_corpus(&o, lexicon);
    assert_true(concord_relate_count(r) >= 2); /* the copies */
    for (size_t i = 0; i < concord_relate_count(r); i++)
        assert_true(concord_relate_pair(r, i)->comparison.score >= 0.75);
    assert_null(find(r, I_ORIG, I_STORY));
    concord_relate_free(r);
}

/* The same input twice gives the same pairs, field for field. */
static void deterministic(void **state)
{
    (void)state;
    concord_relate *r1 = run_corpus(NULL, lexicon), *r2 = run_corpus(NULL, lexicon);
    assert_int_equal(concord_relate_count(r1), concord_relate_count(r2));
    for (size_t i = 0; i < concord_relate_count(r1); i++) {
        const concord_related *p = concord_relate_pair(r1, i), *q = concord_relate_pair(r2, i);
        assert_int_equal(p->a, q->a);
        assert_int_equal(p->b, q->b);
        assert_int_equal(p->sources, q->sources);
        assert_int_equal(p->comparison.relation, q->comparison.relation);
        assert_true(p->comparison.score == q->comparison.score);
        assert_memory_equal(p->comparison.features, q->comparison.features,
                            p->comparison.feature_count * sizeof(double));
    }
    concord_relate_free(r1);
    concord_relate_free(r2);
}

/* Without a lexicon (stems only) copies and the independent report are
   still found. */
static void without_lexicon(void **state)
{
    (void)state;
    concord_relate *r = run_corpus(NULL, NULL);
    expect(r, I_ORIG, I_COPY, CONCORD_REUSE_VERBATIM);
    expect(r, I_ORIG, I_EXCERPT, CONCORD_REUSE_PARTIAL);
    assert_non_null(find(r, I_ORIG, I_STORY));
    assert_null(find(r, I_ORIG, I_UNREL1));
    concord_relate_free(r);
}

static void bad_input(void **state)
{
    (void)state;
    concord_relate *r;
    concord_relate_options o;
    concord_relate_options_init(&o);
    o.copy_threshold = 1.0;
    assert_int_equal(concord_relate_create(&r, NULL, &o), CONCORD_ERR_INVALID);
    assert_null(r);
    concord_relate_options_init(&o);
    o.max_anchor_df = 1;
    assert_int_equal(concord_relate_create(&r, NULL, &o), CONCORD_ERR_INVALID);
    concord_relate_options_init(&o);
    o.min_anchors = 0;
    assert_int_equal(concord_relate_create(&r, NULL, &o), CONCORD_ERR_INVALID);
    assert_int_equal(concord_relate_create(NULL, NULL, NULL), CONCORD_ERR_INVALID);
    concord_relate_free(NULL);

    assert_int_equal(concord_relate_create(&r, NULL, NULL), CONCORD_OK);
    assert_int_equal(concord_relate_add(r, "x", 1, NULL, 5, NULL), CONCORD_ERR_INVALID);
    concord_doc_meta bad = {.date = NULL, .date_len = 3};
    assert_int_equal(concord_relate_add(r, "x", 1, "text", 4, &bad), CONCORD_ERR_INVALID);
    /* empty articles and two copies of an empty one relate to nothing */
    assert_int_equal(concord_relate_add(r, "e1", 2, "", 0, NULL), CONCORD_OK);
    assert_int_equal(concord_relate_add(r, "e2", 2, NULL, 0, NULL), CONCORD_OK);
    assert_int_equal(concord_relate_add(r, "o", 1, ORIG, strlen(ORIG), NULL), CONCORD_OK);
    assert_int_equal(concord_relate_run(r), CONCORD_OK);
    assert_int_equal(concord_relate_count(r), 0);
    concord_relate_stats s;
    concord_relate_stats_get(r, &s);
    assert_int_equal(s.documents, 3);
    assert_int_equal(s.empty, 2);
    assert_int_equal(s.candidates, 0);
    /* once run, no more adds nor runs */
    assert_int_equal(concord_relate_add(r, "y", 1, "more", 4, NULL), CONCORD_ERR_INVALID);
    assert_int_equal(concord_relate_run(r), CONCORD_ERR_INVALID);
    assert_null(concord_relate_pair(r, 0));
    concord_relate_free(r);
}

/* Anchors of s into a (through t and lex): how many. */
static size_t anchors(relate_anchors *a, concord_text *t, const concord_lexicon *lex, const char *s)
{
    assert_int_equal(concord_text_analyse(t, s, strlen(s), 0), CONCORD_OK);
    size_t n;
    const concord_token *tok = text_tokens(t, &n);
    assert_int_equal(relate_anchors_extract(a, lex, s, strlen(s), tok, n), CONCORD_OK);
    return a->len;
}

/* Anchors: names (not sentence starts, not days), numbers of two or more
   characters with separators dropped, quote fingerprints. */
static void anchors_of_a_text(void **state)
{
    (void)state;
    concord_lexicon *lex;
    assert_int_equal(concord_lexicon_create(&lex, "", NULL, 0), CONCORD_OK);
    concord_text *t;
    assert_int_equal(concord_text_create(&t), CONCORD_OK);
    relate_anchors a;
    assert_int_equal(relate_anchors_init(&a), CONCORD_OK);
    assert_int_equal(anchors(&a, t, lex, "Nothing here is named at all."), 0);
    /* a sentence start alone, a day and a one-digit number are no anchors */
    assert_int_equal(anchors(&a, t, lex, "Ferries stopped on Tuesday at 9 in the morning."), 0);
    assert_int_equal(anchors(&a, t, lex, "The minister Varenko spoke."), 1);
    uint32_t varenko = a.v[0];
    /* recurring at sentence starts: a name too */
    assert_int_equal(anchors(&a, t, lex, "Varenko spoke. Varenko left."), 1);
    assert_int_equal(a.v[0], varenko);
    assert_int_equal(anchors(&a, t, lex, "It carried 3,400 people, not 3400 or 48."), 2); /* 3,400 = 3400 */
    /* a six-word quote: three 4-word fingerprints; one word changed at the
       end keeps two of them */
    assert_int_equal(anchors(&a, t, lex, "She said \"we will not sail this week\" today."), 3);
    uint32_t first[3];
    memcpy(first, a.v, sizeof first);
    assert_int_equal(anchors(&a, t, lex, "She said \"we will not sail this month\" today."), 3);
    int shared = 0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) shared += first[i] == a.v[j];
    assert_int_equal(shared, 2);
    relate_anchors_free(&a);
    concord_text_free(t);
    concord_lexicon_free(lex);
}

/* The anchor index on made-up anchor sets: groups of four articles share
   two rare anchors each; anchor 1 is in every article (above the cap). */
static void anchor_index_counts(void **state)
{
    (void)state;
    for (size_t n = 40; n <= 160; n *= 2) {
        uint32_t *v = malloc(n * 3 * sizeof *v);
        uint64_t *start = malloc((n + 1) * sizeof *start);
        assert_non_null(v);
        assert_non_null(start);
        start[0] = 0;
        for (size_t d = 0; d < n; d++) {
            uint32_t g = (uint32_t)(d / 4);
            uint32_t x[3] = {1, 1000 + 2 * g, 1001 + 2 * g}; /* sorted */
            memcpy(v + 3 * d, x, sizeof x);
            start[d + 1] = 3 * (d + 1);
        }
        anchor_index_params p = {.max_df = 10, .min_shared = 2, .min_weight = 1.0};
        uint64_t *out;
        size_t len;
        anchor_index_stats s;
        assert_int_equal(anchor_index_candidates(v, start, n, &p, &out, &len, &s), CONCORD_OK);
        /* exactly the 6 pairs within each group: linear in n */
        assert_int_equal(len, 6 * (n / 4));
        for (size_t i = 0; i < len; i++) {
            uint32_t a = (uint32_t)(out[i] >> 32), b = (uint32_t)out[i];
            assert_true(a < b);
            assert_int_equal(a / 4, b / 4);
            if (i) assert_true(out[i - 1] < out[i]);
        }
        assert_int_equal(s.anchors, 1 + 2 * (n / 4));
        assert_int_equal(s.too_common, 1);
        assert_int_equal(s.indexed, 2 * (n / 4));
        free(out);
        /* three shared anchors needed: none; a weight above two: none */
        p.min_shared = 3;
        assert_int_equal(anchor_index_candidates(v, start, n, &p, &out, &len, NULL), CONCORD_OK);
        assert_int_equal(len, 0);
        p.min_shared = 2;
        p.min_weight = 2.01;
        assert_int_equal(anchor_index_candidates(v, start, n, &p, &out, &len, NULL), CONCORD_OK);
        assert_int_equal(len, 0);
        /* the common anchor indexed (cap raised) pairs everything */
        p.max_df = n;
        p.min_shared = 1;
        p.min_weight = 0;
        assert_int_equal(anchor_index_candidates(v, start, n, &p, &out, &len, NULL), CONCORD_OK);
        assert_int_equal(len, n * (n - 1) / 2);
        free(out);
        free(v);
        free(start);
    }
    /* weights: 1 for two of n, falling with df, in (0, 1] */
    assert_true(anchor_index_weight(2, 100) == 1.0);
    assert_true(anchor_index_weight(10, 100) < anchor_index_weight(5, 100));
    assert_true(anchor_index_weight(100, 100) > 0);
    anchor_index_params bad = {.max_df = 1, .min_shared = 1};
    uint64_t start0 = 0, *out;
    size_t len;
    assert_int_equal(anchor_index_candidates(NULL, &start0, 0, &bad, &out, &len, NULL), CONCORD_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(relations_of_each_pair),
        cmocka_unit_test(unrelated_are_not_candidates),
        cmocka_unit_test(options_filter),
        cmocka_unit_test(deterministic),
        cmocka_unit_test(without_lexicon),
        cmocka_unit_test(bad_input),
        cmocka_unit_test(anchors_of_a_text),
        cmocka_unit_test(anchor_index_counts),
    };
    return cmocka_run_group_tests(tests, lexicon_setup, lexicon_teardown);
}
