/*
 * Unit tests for lib/story: joining and starting stories, the time decay
 * and window, undated articles, peek (no change), merges keeping the older
 * id, accessors, determinism, save/load (continuing exactly; damaged,
 * truncated and newer states refused) and argument checks. All articles
 * are invented (the fictional world of Port Aldwyn and Estmark).
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

typedef struct art {
    const char *id, *date, *title, *source, *text;
} art;

/* Two events in Port Aldwyn a week apart, and one in Estmark's capital. */
static const art ferry[] = {
    {"f1", "2031-05-02T08:00:00", "FERRY CREWS STRIKE IN PORT ALDWYN", "Aldwyn Herald",
     "Ferry crews in Port Aldwyn walked out on Monday over pay, stranding hundreds of "
     "passengers bound for the islands. The crews' union said the strike would last until "
     "the Harbour Board raised its offer. Ilya Varenko, the transport minister, urged both "
     "sides to return to talks."},
    {"f2", "2031-05-03T09:30:00", "PORT ALDWYN FERRY STRIKE ENTERS SECOND DAY", "Estmark Wire",
     "The ferry strike in Port Aldwyn entered its second day, with crews picketing the "
     "harbour and passengers queueing for the few boats still running. The Harbour Board "
     "said it would not raise its pay offer while the strike continued. Varenko called the "
     "walkout damaging for the islands."},
    {"f3", "2031-05-04T12:00:00", "VARENKO BROKERS TALKS IN FERRY STRIKE", "Aldwyn Herald",
     "Transport minister Ilya Varenko brought the ferry crews' union and the Harbour Board "
     "together for talks in Port Aldwyn, as the strike stranded passengers for a third day. "
     "The union said crews would return once the pay offer was raised."},
};

static const art bank = {
    "b1", "2031-05-03T14:00:00", "ESTMARK CENTRAL BANK RAISES INTEREST RATES", "Estmark Wire",
    "The Central Bank of Estmark raised its benchmark interest rate by half a point to curb "
    "inflation, its governor Orla Venn said in Brelle. Economists had expected the bank to "
    "hold rates steady until the autumn, and bond yields rose after the decision."};

static concord_doc_meta meta_of(const art *a)
{
    concord_doc_meta m = {a->date, a->date ? strlen(a->date) : 0, a->title,
                          a->title ? strlen(a->title) : 0, a->source,
                          a->source ? strlen(a->source) : 0};
    return m;
}

static uint64_t add(concord_stories *s, const art *a)
{
    concord_doc_meta m = meta_of(a);
    uint64_t id = 0;
    assert_int_equal(concord_stories_add(s, a->id, strlen(a->id), a->text, strlen(a->text), &m, &id),
                     CONCORD_OK);
    assert_true(id >= 1);
    return id;
}

static concord_stories *make(void)
{
    concord_stories *s = NULL;
    assert_int_equal(concord_stories_create(&s, NULL), CONCORD_OK);
    assert_non_null(s);
    return s;
}

static void same_event_joins_other_event_does_not(void **state)
{
    (void)state;
    concord_stories *s = make();
    uint64_t a = add(s, &ferry[0]);
    uint64_t b = add(s, &bank);
    uint64_t c = add(s, &ferry[1]);
    uint64_t d = add(s, &ferry[2]);
    assert_int_equal(a, 1);
    assert_int_equal(b, 2);
    assert_int_equal(c, a);
    assert_int_equal(d, a);
    assert_int_equal(concord_stories_count(s), 2);
    assert_int_equal(concord_stories_article_count(s), 4);
    assert_int_equal(concord_stories_article_story(s, 1), 2);
    assert_int_equal(concord_stories_article_story(s, 3), 1);

    concord_story st;
    assert_int_equal(concord_stories_get(s, 0, &st), CONCORD_OK);
    assert_int_equal(st.id, 1);
    assert_int_equal(st.member_count, 3);
    assert_int_equal(st.members[0], 0);
    assert_int_equal(st.members[1], 2);
    assert_int_equal(st.members[2], 3);
    assert_memory_equal(st.title, ferry[0].title, st.title_len);
    assert_int_equal(st.title_len, strlen(ferry[0].title));
    assert_int_equal(st.first_seen_len, 19);
    assert_memory_equal(st.first_seen, "2031-05-02T08:00:00", 19);
    assert_memory_equal(st.last_seen, "2031-05-04T12:00:00", 19);
    /* Sources in order of first appearance, each once. */
    assert_int_equal(st.source_count, 2);
    size_t len;
    const char *src = concord_stories_source(s, 0, 0, &len);
    assert_int_equal(len, strlen("Aldwyn Herald"));
    assert_memory_equal(src, "Aldwyn Herald", len);
    src = concord_stories_source(s, 0, 1, &len);
    assert_memory_equal(src, "Estmark Wire", len);
    assert_null(concord_stories_source(s, 0, 2, &len));
    assert_null(concord_stories_source(s, 5, 0, &len));
    const char *id = concord_stories_article_id(s, 1, &len);
    assert_int_equal(len, 2);
    assert_memory_equal(id, "b1", 2);
    assert_int_equal(concord_stories_get(s, 2, &st), CONCORD_ERR_INVALID);

    concord_stories_stats stats;
    concord_stories_stats_get(s, &stats);
    assert_int_equal(stats.articles, 4);
    assert_int_equal(stats.stories, 2);
    assert_int_equal(stats.active, 2);
    assert_int_equal(stats.merges, 0);
    assert_true(stats.terms > 20);
    concord_stories_free(s);
}

static void time_decay_and_window(void **state)
{
    (void)state;
    concord_stories *s = make();
    uint64_t a = add(s, &ferry[0]);
    /* The next report forty days later: past the 30-day window. */
    art later = ferry[1];
    later.date = "2031-06-11";
    uint64_t b = add(s, &later);
    assert_int_not_equal(a, b);
    concord_stories_stats stats;
    concord_stories_stats_get(s, &stats);
    assert_int_equal(stats.active, 1); /* the first story left the index */
    concord_stories_free(s);
    /* A wide window and decay: the same pair joins. */
    concord_stories_options o;
    concord_stories_options_init(&o);
    o.sigma_days = 60;
    o.window_days = 90;
    assert_int_equal(concord_stories_create(&s, &o), CONCORD_OK);
    a = add(s, &ferry[0]);
    b = add(s, &later);
    assert_int_equal(a, b);
    /* Within the window but with a sharp decay (sigma 1 day, 40 days
       apart: exp(-800)), it does not. */
    concord_stories_free(s);
    o.sigma_days = 1;
    assert_int_equal(concord_stories_create(&s, &o), CONCORD_OK);
    a = add(s, &ferry[0]);
    b = add(s, &later);
    assert_int_not_equal(a, b);
    concord_stories_free(s);
}

static void undated_articles_join_on_similarity(void **state)
{
    (void)state;
    concord_stories *s = make();
    art undated = ferry[1];
    undated.date = NULL;
    uint64_t a = add(s, &ferry[0]);
    art odd_date = ferry[2];
    odd_date.date = "not a date";
    assert_int_equal(add(s, &undated), a);
    assert_int_equal(add(s, &odd_date), a);
    concord_story st;
    assert_int_equal(concord_stories_get(s, 0, &st), CONCORD_OK);
    /* Only the dated member sets the dates. */
    assert_memory_equal(st.first_seen, "2031-05-02T08:00:00", 19);
    assert_memory_equal(st.last_seen, "2031-05-02T08:00:00", 19);
    concord_stories_free(s);
}

static void peek_changes_nothing(void **state)
{
    (void)state;
    concord_stories *s = make();
    add(s, &ferry[0]);
    add(s, &bank);
    unsigned char *before, *after;
    size_t before_len, after_len;
    assert_int_equal(concord_stories_save(s, &before, &before_len), CONCORD_OK);
    concord_doc_meta m = meta_of(&ferry[1]);
    uint64_t id = 99;
    double score = -1;
    assert_int_equal(concord_stories_peek(s, ferry[1].text, strlen(ferry[1].text), &m, &id, &score),
                     CONCORD_OK);
    assert_int_equal(id, 1);
    assert_true(score >= 0.25 && score <= 1.0);
    /* Unrelated text: would start a new story. */
    const char *other = "Quarterly lichen surveys of the northern moors found more moss.";
    assert_int_equal(concord_stories_peek(s, other, strlen(other), NULL, &id, &score), CONCORD_OK);
    assert_int_equal(id, 0);
    assert_int_equal(concord_stories_article_count(s), 2);
    assert_int_equal(concord_stories_count(s), 2);
    /* The saved state differs at most by vocabulary entries with df 0;
       results are the same: adding now gives what peek said. */
    assert_int_equal(concord_stories_save(s, &after, &after_len), CONCORD_OK);
    assert_true(after_len >= before_len);
    free(before);
    free(after);
    assert_int_equal(add(s, &ferry[1]), 1);
    concord_stories_free(s);
}

/* Bodies of plain lower-case words (no names), so the scores are set by
   the shared words alone. */
static void merge_keeps_older_id(void **state)
{
    (void)state;
    concord_stories_options o;
    concord_stories_options_init(&o);
    o.threshold = 0.30;
    o.merge_threshold = 0.30;
    concord_stories *s;
    assert_int_equal(concord_stories_create(&s, &o), CONCORD_OK);
    const char *a = "granary silos overflowing harvest barley wagons millers";
    const char *b = "lighthouse keepers fog horns beacon lanterns cliffs";
    const char *c = "granary silos overflowing harvest barley wagons millers "
                    "lighthouse keepers fog horns beacon lanterns cliffs";
    uint64_t ia, ib, ic;
    assert_int_equal(concord_stories_add(s, "a", 1, a, strlen(a), NULL, &ia), CONCORD_OK);
    assert_int_equal(concord_stories_add(s, "b", 1, b, strlen(b), NULL, &ib), CONCORD_OK);
    assert_int_equal(ia, 1);
    assert_int_equal(ib, 2);
    assert_int_equal(concord_stories_count(s), 2);
    /* c joins the older story (equal scores), whose centroid then
       converges with b's: one story, id 1. */
    assert_int_equal(concord_stories_add(s, "c", 1, c, strlen(c), NULL, &ic), CONCORD_OK);
    assert_int_equal(ic, 1);
    assert_int_equal(concord_stories_count(s), 1);
    assert_int_equal(concord_stories_article_story(s, 1), 1);
    concord_story st;
    assert_int_equal(concord_stories_get(s, 0, &st), CONCORD_OK);
    assert_int_equal(st.id, 1);
    assert_int_equal(st.member_count, 3);
    assert_int_equal(st.members[1], 1);
    concord_stories_stats stats;
    concord_stories_stats_get(s, &stats);
    assert_int_equal(stats.merges, 1);
    concord_stories_free(s);

    /* With a merge threshold of 1, nothing merges. */
    o.merge_threshold = 1.0;
    assert_int_equal(concord_stories_create(&s, &o), CONCORD_OK);
    assert_int_equal(concord_stories_add(s, "a", 1, a, strlen(a), NULL, &ia), CONCORD_OK);
    assert_int_equal(concord_stories_add(s, "b", 1, b, strlen(b), NULL, &ib), CONCORD_OK);
    assert_int_equal(concord_stories_add(s, "c", 1, c, strlen(c), NULL, &ic), CONCORD_OK);
    assert_int_equal(concord_stories_count(s), 2);
    concord_stories_free(s);
}

/* A longer invented stream: 60 articles over 30 days, 12 recurring topics. */
static void stream_article(size_t i, char *text, size_t cap, char *date, char *id)
{
    static const char *const topics[] = {"ferry", "granary", "lighthouse", "orchard",
                                         "quarry", "tannery", "observatory", "brewery",
                                         "vineyard", "foundry", "apiary", "boatyard"};
    const char *t = topics[i % 12];
    snprintf(text, cap,
             "Workers at the %s near Port Aldwyn met on day %zu. The %s council of Estmark "
             "discussed the %s budget, and Ilya Varenko visited the %s.",
             t, i / 12, t, t, t);
    snprintf(date, 32, "2031-06-%02uT10:00:00", (unsigned)(1 + i / 2) % 100);
    snprintf(id, 16, "s%zu", i);
}

static void run_stream(concord_stories *s, size_t from, size_t to, uint64_t *ids)
{
    char text[512], date[32], id[16];
    for (size_t i = from; i < to; i++) {
        stream_article(i, text, sizeof text, date, id);
        concord_doc_meta m = {date, strlen(date), NULL, 0, NULL, 0};
        assert_int_equal(concord_stories_add(s, id, strlen(id), text, strlen(text), &m, &ids[i]),
                         CONCORD_OK);
    }
}

static void deterministic_and_save_load_continue(void **state)
{
    (void)state;
    enum { N = 60, HALF = 31 };
    uint64_t x[N], y[N], z[N];
    concord_stories *s1 = make(), *s2 = make();
    run_stream(s1, 0, N, x);
    run_stream(s2, 0, N, y);
    assert_memory_equal(x, y, sizeof x);
    /* Same words, same council: the stream makes fewer stories than articles. */
    assert_true(concord_stories_count(s1) < N);

    /* Save half-way, load, continue: identical assignments and state. */
    concord_stories *s3 = make();
    run_stream(s3, 0, HALF, z);
    unsigned char *data;
    size_t len;
    assert_int_equal(concord_stories_save(s3, &data, &len), CONCORD_OK);
    concord_stories *s4 = NULL;
    assert_int_equal(concord_stories_load(&s4, data, len), CONCORD_OK);
    assert_int_equal(concord_stories_article_count(s4), HALF);
    assert_int_equal(concord_stories_count(s4), concord_stories_count(s3));
    run_stream(s4, HALF, N, z);
    assert_memory_equal(x, z, sizeof x);
    for (size_t i = 0; i < N; i++)
        assert_int_equal(concord_stories_article_story(s4, i), concord_stories_article_story(s1, i));
    unsigned char *d1, *d4;
    size_t l1, l4;
    assert_int_equal(concord_stories_save(s1, &d1, &l1), CONCORD_OK);
    assert_int_equal(concord_stories_save(s4, &d4, &l4), CONCORD_OK);
    assert_int_equal(l1, l4);
    assert_memory_equal(d1, d4, l1);

    /* Damaged states are refused. */
    concord_stories *bad = (concord_stories *)&bad;
    for (size_t cut = 0; cut < len; cut += len / 37 + 1) {
        assert_int_equal(concord_stories_load(&bad, data, cut), CONCORD_ERR_PARSE);
        assert_null(bad);
    }
    data[len / 2] ^= 0x40;
    assert_int_equal(concord_stories_load(&bad, data, len), CONCORD_ERR_PARSE);
    data[len / 2] ^= 0x40;
    data[0] = 'X';
    assert_int_equal(concord_stories_load(&bad, data, len), CONCORD_ERR_PARSE);
    data[0] = 'C';
    data[8] = 9; /* version 9: newer than this library */
    assert_int_equal(concord_stories_load(&bad, data, len), CONCORD_ERR_UNSUPPORTED);
    data[8] = 2;
    assert_int_equal(concord_stories_load(&bad, data, len), CONCORD_OK);
    concord_stories_free(bad);

    free(data);
    free(d1);
    free(d4);
    concord_stories_free(s1);
    concord_stories_free(s2);
    concord_stories_free(s3);
    concord_stories_free(s4);
}

static void invalid_arguments(void **state)
{
    (void)state;
    concord_stories *s = NULL;
    concord_stories_options o;
    concord_stories_options_init(&o);
    assert_int_equal(o.sigma_days, 15);
    o.threshold = 0;
    assert_int_equal(concord_stories_create(&s, &o), CONCORD_ERR_INVALID);
    assert_null(s);
    concord_stories_options_init(&o);
    o.w_body = o.w_title = o.w_names = 0;
    assert_int_equal(concord_stories_create(&s, &o), CONCORD_ERR_INVALID);
    concord_stories_options_init(&o);
    o.centroid_terms = 2;
    assert_int_equal(concord_stories_create(&s, &o), CONCORD_ERR_INVALID);
    assert_int_equal(concord_stories_create(NULL, NULL), CONCORD_ERR_INVALID);
    s = make();
    uint64_t id;
    assert_int_equal(concord_stories_add(NULL, "a", 1, "x", 1, NULL, &id), CONCORD_ERR_INVALID);
    assert_int_equal(concord_stories_add(s, "a", 1, NULL, 1, NULL, &id), CONCORD_ERR_INVALID);
    assert_int_equal(concord_stories_add(s, NULL, 1, "x", 1, NULL, &id), CONCORD_ERR_INVALID);
    concord_doc_meta m = {NULL, 3, NULL, 0, NULL, 0};
    assert_int_equal(concord_stories_add(s, "a", 1, "x", 1, &m, &id), CONCORD_ERR_INVALID);
    assert_int_equal(concord_stories_peek(s, NULL, 1, NULL, &id, NULL), CONCORD_ERR_INVALID);
    /* An empty article is an article (a story of its own). */
    assert_int_equal(concord_stories_add(s, "e", 1, "", 0, NULL, &id), CONCORD_OK);
    assert_int_equal(id, 1);
    assert_int_equal(concord_stories_add(s, "e2", 2, NULL, 0, NULL, &id), CONCORD_OK);
    assert_int_equal(id, 2);
    unsigned char *d;
    size_t l;
    assert_int_equal(concord_stories_save(NULL, &d, &l), CONCORD_ERR_INVALID);
    assert_int_equal(concord_stories_load(NULL, "x", 1), CONCORD_ERR_INVALID);
    assert_int_equal(concord_stories_count(NULL), 0);
    assert_int_equal(concord_stories_article_story(s, 99), 0);
    assert_null(concord_stories_article_id(s, 99, NULL));
    concord_stories_free(s);
    concord_stories_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_event_joins_other_event_does_not),
        cmocka_unit_test(time_decay_and_window),
        cmocka_unit_test(undated_articles_join_on_similarity),
        cmocka_unit_test(peek_changes_nothing),
        cmocka_unit_test(merge_keeps_older_id),
        cmocka_unit_test(deterministic_and_save_load_continue),
        cmocka_unit_test(invalid_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
