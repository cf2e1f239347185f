/*
 * Unit tests for the learned join decision of lib/story (model.c and
 * options.learned): the logistic probability, the features handed to the
 * trace (time gap, size, missing title), joins and new stories in learned
 * mode, peek agreeing with add, the option kept by save/load, and version 1
 * states (before the option existed) still loading. Articles are invented
 * (Port Aldwyn, Estmark).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "concord.h"
#include "sketch/hash.h"
#include "story/story_internal.h"

typedef struct art {
    const char *id, *date, *title, *text;
} art;

static const art arts[] = {
    {"h1", "2031-03-01", "HARBOUR CRANE COLLAPSES IN PORT ALDWYN",
     "A harbour crane collapsed onto a cargo ship in Port Aldwyn on Tuesday, injuring two "
     "dockers. The Harbour Board closed the north quay while inspectors from the Estmark "
     "safety agency examined the crane's cables."},
    {"h2", "2031-03-02", "PORT ALDWYN NORTH QUAY STAYS SHUT AFTER CRANE COLLAPSE",
     "The north quay of Port Aldwyn stayed shut a day after a harbour crane collapsed onto a "
     "cargo ship. Inspectors from the Estmark safety agency said the crane's cables had "
     "snapped, and the Harbour Board said the injured dockers were recovering."},
    {"v1", "2031-03-02", "VARENKO PRESENTS VINEYARD SUBSIDY PLAN",
     "Ilya Varenko, the agriculture minister, presented a subsidy plan for the vineyards of "
     "the southern valleys, promising growers a fixed price for grapes under the Compact."},
    {"h3", "2031-03-03", "ALDWYN CRANE INSPECTORS BLAME WORN CABLES",
     "Inspectors from the Estmark safety agency blamed worn cables for the crane collapse "
     "in Port Aldwyn and told the Harbour Board to check every crane on the north quay."},
};
enum { N = sizeof arts / sizeof *arts };

static concord_stories *make_learned(void)
{
    concord_stories_options o;
    concord_stories_options_init(&o);
    o.learned = 1;
    o.threshold = 0.2;
    concord_stories *s = NULL;
    assert_int_equal(concord_stories_create(&s, &o), CONCORD_OK);
    return s;
}

static uint64_t add(concord_stories *s, const art *a)
{
    concord_doc_meta m = {a->date, strlen(a->date), a->title, strlen(a->title), NULL, 0};
    uint64_t id = 0;
    assert_int_equal(concord_stories_add(s, a->id, strlen(a->id), a->text, strlen(a->text), &m, &id),
                     CONCORD_OK);
    return id;
}

static void probability(void **state)
{
    (void)state;
    double zero[FEAT_COUNT] = {0}, f[FEAT_COUNT] = {0};
    f[FEAT_BIAS] = 1;
    assert_true(fabs(story_model_probability(zero, f) - 0.5) < 1e-12);
    /* z = -2 + 4 * 0.5 + 1 * 1 = 1 */
    double w[FEAT_COUNT] = {0};
    w[FEAT_BIAS] = -2;
    w[FEAT_BODY] = 4;
    w[FEAT_SIZE] = 1;
    f[FEAT_BODY] = 0.5;
    f[FEAT_SIZE] = 1;
    assert_true(fabs(story_model_probability(w, f) - 1 / (1 + exp(-1.0))) < 1e-12);
    /* The shipped model: more similar is more likely, a longer gap less. */
    double g[FEAT_COUNT] = {0};
    g[FEAT_BIAS] = 1;
    g[FEAT_BODY] = g[FEAT_TITLE] = g[FEAT_NAMES] = 0.6;
    double close = story_model_probability(story_model, g);
    g[FEAT_GAP] = 1;
    g[FEAT_GAP2] = 1;
    assert_true(story_model_probability(story_model, g) < close);
    g[FEAT_GAP] = g[FEAT_GAP2] = 0;
    g[FEAT_BODY] = g[FEAT_TITLE] = g[FEAT_NAMES] = 0.1;
    assert_true(story_model_probability(story_model, g) < close);
}

typedef struct seen {
    double f[FEAT_COUNT];
    int calls;
} seen;

static void remember(void *ctx, const concord_stories *s, uint32_t si, const double *f)
{
    (void)s;
    (void)si;
    seen *x = ctx;
    memcpy(x->f, f, sizeof x->f);
    x->calls++;
}

static void features_in_trace(void **state)
{
    (void)state;
    concord_stories *s = make_learned();
    assert_int_equal(add(s, &arts[0]), 1);
    assert_int_equal(add(s, &arts[1]), 1);
    seen x = {{0}, 0};
    s->trace = remember;
    s->trace_ctx = &x;
    /* Twenty days after the story's last member (2031-03-02), no title. */
    concord_doc_meta m = {"2031-03-22", 10, NULL, 0, NULL, 0};
    uint64_t id;
    double p;
    assert_int_equal(concord_stories_peek(s, arts[3].text, strlen(arts[3].text), &m, &id, &p),
                     CONCORD_OK);
    assert_int_equal(x.calls, 1);
    assert_true(fabs(x.f[FEAT_BIAS] - 1) < 1e-12);
    assert_true(fabs(x.f[FEAT_GAP] - 2.0) < 1e-9);
    assert_true(fabs(x.f[FEAT_GAP2] - 4.0) < 1e-9);
    assert_true(fabs(x.f[FEAT_SIZE] - log(2.0)) < 1e-12);
    assert_true(x.f[FEAT_NO_TITLE] == 1 && x.f[FEAT_TITLE] == 0);
    assert_true(x.f[FEAT_BODY] > 0.1 && x.f[FEAT_BODY] <= 1.0 + 1e-6);
    /* peek's score is the model's probability of those features. */
    assert_true(fabs(p - story_model_probability(s->model, x.f)) < 1e-12);
    concord_stories_free(s);
}

static void learned_joins(void **state)
{
    (void)state;
    concord_stories *s = make_learned();
    uint64_t ids[N];
    for (size_t i = 0; i < N; i++) {
        concord_doc_meta m = {arts[i].date, strlen(arts[i].date), arts[i].title,
                              strlen(arts[i].title), NULL, 0};
        uint64_t peeked;
        double p;
        assert_int_equal(concord_stories_peek(s, arts[i].text, strlen(arts[i].text), &m, &peeked, &p),
                         CONCORD_OK);
        assert_true(p >= 0 && p <= 1);
        ids[i] = add(s, &arts[i]);
        /* peek said what add did (no merge can happen here: one other story). */
        assert_true(peeked == 0 ? ids[i] == concord_stories_count(s) : peeked == ids[i]);
    }
    assert_int_equal(ids[0], 1);
    assert_int_equal(ids[1], 1); /* the crane follow-up joins */
    assert_int_equal(ids[2], 2); /* the vineyard plan does not */
    assert_int_equal(ids[3], 1);
    concord_stories_free(s);
}

static void save_load_keeps_learned(void **state)
{
    (void)state;
    concord_stories *s = make_learned();
    add(s, &arts[0]);
    unsigned char *data;
    size_t len;
    assert_int_equal(concord_stories_save(s, &data, &len), CONCORD_OK);
    concord_stories *t = NULL;
    assert_int_equal(concord_stories_load(&t, data, len), CONCORD_OK);
    assert_int_equal(t->opt.learned, 1);
    for (size_t i = 1; i < N; i++) assert_int_equal(add(t, &arts[i]), add(s, &arts[i]));
    free(data);
    concord_stories_free(s);
    concord_stories_free(t);
}

/* A version 1 state: the options without the learned byte (offset 76:
   tag 8, version 4, seven doubles, two u32), version 1, checksum redone. */
static void version1_state_loads(void **state)
{
    (void)state;
    concord_stories *s = NULL;
    assert_int_equal(concord_stories_create(&s, NULL), CONCORD_OK);
    add(s, &arts[0]);
    add(s, &arts[2]);
    unsigned char *v2;
    size_t len;
    assert_int_equal(concord_stories_save(s, &v2, &len), CONCORD_OK);
    assert_int_equal(v2[8], 2);
    assert_int_equal(v2[76], 0); /* learned = 0 */
    unsigned char *v1 = malloc(len - 1);
    assert_non_null(v1);
    memcpy(v1, v2, 76);
    memcpy(v1 + 76, v2 + 77, len - 77);
    v1[8] = 1;
    uint64_t h = hash_bytes(v1, len - 9, 0);
    for (int i = 0; i < 8; i++) v1[len - 9 + i] = (unsigned char)(h >> (8 * i));
    concord_stories *t = NULL;
    assert_int_equal(concord_stories_load(&t, v1, len - 1), CONCORD_OK);
    assert_int_equal(t->opt.learned, 0);
    unsigned char *again;
    size_t again_len;
    assert_int_equal(concord_stories_save(t, &again, &again_len), CONCORD_OK);
    assert_int_equal(again_len, len);
    assert_memory_equal(again, v2, len);
    /* learned must be 0 or 1. */
    concord_stories_options o;
    concord_stories_options_init(&o);
    o.learned = 2;
    concord_stories *bad = NULL;
    assert_int_equal(concord_stories_create(&bad, &o), CONCORD_ERR_INVALID);
    free(v1);
    free(v2);
    free(again);
    concord_stories_free(s);
    concord_stories_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(probability),
        cmocka_unit_test(features_in_trace),
        cmocka_unit_test(learned_joins),
        cmocka_unit_test(save_load_keeps_learned),
        cmocka_unit_test(version1_state_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
