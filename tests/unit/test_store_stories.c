/*
 * Unit tests for the story engine inside concord_store: ingest assigns
 * every stored row exactly as a concord_stories fed the same articles in
 * the same order does (the reference is computed here, independently of
 * the store), the checkpoint and the replay of the rows after it give the
 * same stories, a damaged checkpoint is rebuilt, and query peeks without
 * writing. Texts are invented. Stores go under $CONCORD_TEST_TMP/store_stories/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "concord.h"
#include "fixtures.h"
#include "store_fixture.h"

enum { N = 48 };

/* Article i of an invented stream: 8 recurring events over 24 days, with
   titles, dates and sources. Buffers are static (one article at a time). */
static concord_article stream(size_t i)
{
    static const char *const place[] = {"harbour", "mill", "bridge", "school",
                                        "clinic", "market", "dam", "library"};
    static const char *const person[] = {"Ilya Varenko", "Mara Ostheim", "Tomas Keel",
                                         "Anja Brill", "Piet Vogel", "Lena Sark",
                                         "Oren Dahl", "Wera Lind"};
    static char text[512], title[128], date[32], id[16], source[32];
    size_t e = i % 8;
    snprintf(text, sizeof text,
             "The %s of Port Aldwyn was at the centre of the dispute again on day %zu. "
             "%s told the Estmark assembly that the %s works would go on, and the %s "
             "committee asked for a review of the %s contract.",
             place[e], i / 8, person[e], place[e], place[e], place[e]);
    snprintf(title, sizeof title, "%s dispute: %s speaks", place[e], person[e]);
    snprintf(date, sizeof date, "2031-03-%02uT08:00:00Z", (unsigned)(1 + i / 2));
    snprintf(id, sizeof id, "ev-%zu", i);
    snprintf(source, sizeof source, "paper-%zu", i % 3);
    concord_article a = {.id = id, .id_len = strlen(id), .text = text, .text_len = strlen(text),
                         .title = title, .title_len = strlen(title), .date = date,
                         .date_len = strlen(date), .source = source, .source_len = strlen(source)};
    return a;
}

static concord_doc_meta meta(const concord_article *a)
{
    concord_doc_meta m = {a->date, a->date_len, a->title, a->title_len, a->source, a->source_len};
    return m;
}

/* The reference: a plain engine fed articles 0..n-1; ids[i] = what add gave. */
static concord_stories *reference(size_t n, uint64_t *ids)
{
    concord_stories *s = NULL;
    assert_int_equal(concord_stories_create(&s, NULL), CONCORD_OK);
    for (size_t i = 0; i < n; i++) {
        concord_article a = stream(i);
        concord_doc_meta m = meta(&a);
        assert_int_equal(concord_stories_add(s, a.id, a.id_len, a.text, a.text_len, &m, &ids[i]),
                         CONCORD_OK);
    }
    return s;
}

static void ingest_range(concord_store *st, size_t from, size_t to, int64_t *stories)
{
    for (size_t i = from; i < to; i++) {
        concord_article a = stream(i);
        concord_store_result r;
        assert_int_equal(concord_store_ingest(st, &a, &r), CONCORD_OK);
        assert_int_equal(r.outcome, CONCORD_STORE_NEW);
        if (stories) stories[i] = r.story;
    }
}

static void sql_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* The store's stories equal the reference's, article by article, and its
   articles map back to the stored rows with the right ids. */
static void assert_same_stories(concord_store *st, const concord_stories *ref, size_t n)
{
    const concord_stories *mine = NULL;
    assert_int_equal(concord_store_stories(st, &mine), CONCORD_OK);
    assert_non_null(mine);
    assert_int_equal(concord_stories_article_count(mine), n);
    assert_int_equal(concord_stories_count(mine), concord_stories_count(ref));
    int64_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(concord_stories_article_story(mine, i), concord_stories_article_story(ref, i));
        int64_t doc = concord_store_stories_doc(st, i);
        assert_true(doc > prev);
        prev = doc;
        concord_article a;
        int current = 0;
        assert_int_equal(concord_store_get(st, doc, &a, &current), CONCORD_OK);
        concord_article want = stream(i);
        assert_int_equal(a.id_len, want.id_len);
        assert_memory_equal(a.id, want.id, a.id_len);
        assert_int_equal(current, 1);
    }
    assert_int_equal(concord_store_stories_doc(st, n), -1);
}

static void ingest_assigns_as_the_engine_does(void **state)
{
    (void)state;
    uint64_t ids[N + 1];
    concord_stories *ref = reference(N, ids);
    /* The stream has fewer stories than articles: joins happen. */
    assert_true(concord_stories_count(ref) < N / 2);

    int64_t got[N];
    concord_store *st = open_store("assign.db", CONCORD_STORE_CREATE, 7);
    ingest_range(st, 0, N, got);
    for (size_t i = 0; i < N; i++) assert_int_equal(got[i], (int64_t)ids[i]);
    assert_int_equal(concord_store_commit(st, NULL), CONCORD_OK);
    assert_same_stories(st, ref, N);
    /* Every row has its story recorded, as it joined it. */
    assert_int_equal(sql_int(fx("assign.db"), "SELECT count(*) FROM article_story"), N);

    /* Re-ingesting changes nothing and reports the current story. */
    concord_article a = stream(5);
    concord_store_result r;
    assert_int_equal(concord_store_ingest(st, &a, &r), CONCORD_OK);
    assert_int_equal(r.outcome, CONCORD_STORE_UNCHANGED);
    assert_int_equal(r.story, (int64_t)concord_stories_article_story(ref, 5));
    assert_int_equal(concord_stories_article_count(ref), N);

    /* A story by id, and ids that never existed. */
    size_t at;
    assert_int_equal(concord_stories_find(ref, ids[0], &at), CONCORD_OK);
    concord_story one;
    assert_int_equal(concord_stories_get(ref, at, &one), CONCORD_OK);
    assert_int_equal(one.id, concord_stories_article_story(ref, 0));
    assert_int_equal(concord_stories_find(ref, 0, &at), CONCORD_END);
    assert_int_equal(concord_stories_find(ref, 100000, &at), CONCORD_END);
    concord_store_free(st);
    concord_stories_free(ref);
}

static void checkpoint_replay_and_rebuild(void **state)
{
    (void)state;
    uint64_t ids[N + 1];
    concord_stories *ref = reference(N, ids);
    const char *path = fx("replay.db");
    concord_store *st = open_store("replay.db", CONCORD_STORE_CREATE, 4);
    ingest_range(st, 0, N, NULL);
    assert_int_equal(concord_store_commit(st, NULL), CONCORD_OK);
    concord_store_free(st);
    /* Batches of 4 make the checkpoint lag behind the last rows: the
       rows after it are replayed on open. */
    long long saved = sql_int(path, "SELECT version FROM story_state");
    assert_true(saved > 0 && saved < sql_int(path, "SELECT max(doc) FROM articles"));

    st = open_store("replay.db", CONCORD_STORE_READONLY, 4);
    assert_same_stories(st, ref, N);
    /* The story an unseen article would join: as the engine peeks it. */
    uint64_t more[N + 1];
    concord_stories *ref2 = reference(N + 1, more);
    concord_article next = stream(N);
    concord_store_result r;
    assert_int_equal(concord_store_query(st, &next, &r), CONCORD_OK);
    assert_int_equal(r.outcome, CONCORD_STORE_NEW);
    assert_true(more[N] <= ids[N - 1]); /* it joins an existing story ... */
    assert_int_equal(r.story, (int64_t)more[N]); /* ... the one the engine picks */
    concord_store_free(st);
    concord_stories_free(ref2);
    /* Query wrote nothing. */
    assert_int_equal(sql_int(path, "SELECT version FROM story_state"), saved);

    /* A checkpoint covers every row; reopening replays nothing and agrees. */
    st = open_store("replay.db", 0, 4);
    assert_int_equal(concord_store_checkpoint(st), CONCORD_OK);
    concord_store_free(st);
    assert_int_equal(sql_int(path, "SELECT version FROM story_state"),
                     sql_int(path, "SELECT max(doc) FROM articles"));
    st = open_store("replay.db", CONCORD_STORE_READONLY, 4);
    assert_same_stories(st, ref, N);
    concord_store_free(st);

    /* A damaged checkpoint, then a missing one: rebuilt from the rows. */
    sql_exec(path, "UPDATE story_state SET state = x'00112233'");
    st = open_store("replay.db", CONCORD_STORE_READONLY, 4);
    assert_same_stories(st, ref, N);
    concord_store_free(st);
    sql_exec(path, "DELETE FROM story_state");
    st = open_store("replay.db", 0, 4);
    assert_same_stories(st, ref, N);
    /* Ingest continues where the engine stopped. */
    int64_t last[N + 1];
    ingest_range(st, N, N + 1, last);
    assert_int_equal(last[N], (int64_t)more[N]);
    assert_int_equal(concord_store_checkpoint(st), CONCORD_OK);
    concord_store_free(st);
    assert_int_equal(sql_int(path, "SELECT count(*) FROM article_story"), N + 1);
    concord_stories_free(ref);
}

static void new_versions_are_fed_and_checkpoint_needs_a_writer(void **state)
{
    (void)state;
    concord_store *st = open_store("versions.db", CONCORD_STORE_CREATE, 100);
    ingest_range(st, 0, 8, NULL);
    concord_article a = stream(3);
    char changed[600];
    snprintf(changed, sizeof changed, "%.*s Late on the same day the works stopped.",
             (int)a.text_len, a.text);
    a.text = changed;
    a.text_len = strlen(changed);
    concord_store_result r;
    assert_int_equal(concord_store_ingest(st, &a, &r), CONCORD_OK);
    assert_int_equal(r.outcome, CONCORD_STORE_NEW_VERSION);
    /* The new version of an article joins its own story. */
    const concord_stories *s = NULL;
    assert_int_equal(concord_store_stories(st, &s), CONCORD_OK);
    assert_int_equal(concord_stories_article_count(s), 9);
    assert_int_equal(r.story, (int64_t)concord_stories_article_story(s, 3));
    concord_article old;
    int current = 1;
    assert_int_equal(concord_store_get(st, concord_store_stories_doc(st, 3), &old, &current),
                     CONCORD_OK);
    assert_int_equal(current, 0);
    assert_int_equal(concord_store_get(st, 12345, &old, &current), CONCORD_END);
    assert_int_equal(concord_store_checkpoint(st), CONCORD_OK);
    concord_store_free(st);

    st = open_store("versions.db", CONCORD_STORE_READONLY, 100);
    assert_int_equal(concord_store_checkpoint(st), CONCORD_ERR_INVALID);
    assert_non_null(strstr(concord_store_error(st), "read-only"));
    concord_store_free(st);
    assert_int_equal(concord_store_checkpoint(NULL), CONCORD_ERR_INVALID);
}

/* Two writers taking turns on one store: each catches up with the other's
   committed rows before its own batch, so the stories are those of one
   engine fed every row in storage order. */
static void two_writers_take_turns(void **state)
{
    (void)state;
    uint64_t ids[N + 1];
    concord_stories *ref = reference(N, ids);
    concord_store *a = open_store("turns.db", CONCORD_STORE_CREATE, 1000);
    concord_store *b = open_store("turns.db", 0, 1000);
    const concord_stories *s = NULL;
    assert_int_equal(concord_store_stories(b, &s), CONCORD_OK); /* b loads an empty engine */
    int64_t got[N];
    for (size_t from = 0; from < N; from += 6) {
        concord_store *w = (from / 6) % 2 ? b : a;
        ingest_range(w, from, from + 6, got);
        assert_int_equal(concord_store_commit(w, NULL), CONCORD_OK);
    }
    for (size_t i = 0; i < N; i++) assert_int_equal(got[i], (int64_t)ids[i]);
    concord_store_free(b);
    assert_same_stories(a, ref, N); /* a's engine was fed b's rows too */
    concord_store_free(a);
    concord_stories_free(ref);
}

static int setup(void **state)
{
    (void)state;
    return fixtures_setup("store_stories");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ingest_assigns_as_the_engine_does),
        cmocka_unit_test(checkpoint_replay_and_rebuild),
        cmocka_unit_test(new_versions_are_fed_and_checkpoint_needs_a_writer),
        cmocka_unit_test(two_writers_take_turns),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
