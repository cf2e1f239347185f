/* Unit tests for concord_pair_reader (lib/io/pairs.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "concord.h"
#include "fixtures.h"

static int setup(void **state)
{
    (void)state;
    return fixtures_setup("pairs");
}

static void reads_pairs_and_reports_bad_lines(void **state)
{
    (void)state;
    static const char data[] =
        "{\"id\":\"p1\",\"a\":\"first text\",\"b\":\"second text\"}\n"                  /* 1 */
        "\n"                                                                          /* 2 */
        "{\"a\":{\"text\":\"A\\u00e9\",\"date\":\"Feb. 2, 2022\",\"title\":\"T\",\"extra\":[1,{}]},"
        "\"b\":{\"text\":\"B\",\"source\":\"Wire\"}}\n"                                   /* 3 */
        "{\"id\":7,\"a\":\"x\"}\n"                                                      /* 4 */
        "{\"id\":\"e\",\"a\":{\"title\":\"no text\"},\"b\":\"y\"}\n"                       /* 5 */
        "{\"id\":\"w\",\"a\":\" \",\"b\":\"y\"}\n"                                         /* 6 */
        "{\"id\":1.5,\"a\":\"x\",\"b\":\"y\"}\n"                                           /* 7 */
        "[\"a\",\"b\"]\n"                                                               /* 8 */
        "{\"id\":42,\"a\":\"last\",\"b\":[\"not text\"]}\n"                                /* 9 */
        "{\"id\":43,\"a\":\"x\",\"b\":\"y\"}";                                             /* 10 */
    const char *path = fx("pairs.jsonl");
    write_bytes(path, data, sizeof data - 1);
    concord_pair_reader *r;
    char msg[256];
    assert_int_equal(concord_pair_reader_open(&r, path, 0, msg, sizeof msg), CONCORD_OK);
    concord_article_pair p;

    assert_int_equal(concord_pair_reader_next(r, &p), CONCORD_OK);
    view_is(p.id, p.id_len, "p1");
    view_is(p.a.text, p.a.text_len, "first text");
    view_is(p.b.text, p.b.text_len, "second text");
    assert_null(p.a.date);
    assert_int_equal(p.line, 1);

    assert_int_equal(concord_pair_reader_next(r, &p), CONCORD_OK);
    char want_id[4300];
    snprintf(want_id, sizeof want_id, "%s:3", path);
    view_is(p.id, p.id_len, want_id);
    view_is(p.a.text, p.a.text_len, "A\xc3\xa9");
    view_is(p.a.date, p.a.date_len, "2022-02-02");
    view_is(p.a.title, p.a.title_len, "T");
    view_is(p.b.text, p.b.text_len, "B");
    view_is(p.b.source, p.b.source_len, "Wire");
    assert_null(p.b.date);

    const struct { concord_status st; size_t line; const char *why; } bad[] = {
        {CONCORD_ERR_PARSE, 4, "\"b\" is missing"},
        {CONCORD_ERR_PARSE, 5, "\"a\" has no text"},
        {CONCORD_ERR_EMPTY, 6, "\"a\": empty text"},
        {CONCORD_ERR_PARSE, 7, "\"id\" is not a string or integer"},
        {CONCORD_ERR_PARSE, 8, "malformed JSON (not a JSON object, column 1)"},
        {CONCORD_ERR_PARSE, 9, "\"b\" is neither a string nor an object"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(concord_pair_reader_next(r, &p), bad[i].st);
        char want[4400];
        snprintf(want, sizeof want, "%s:%zu: %s", path, bad[i].line, bad[i].why);
        assert_string_equal(concord_pair_reader_error(r), want);
        assert_null(p.id);
    }
    assert_int_equal(concord_pair_reader_next(r, &p), CONCORD_OK); /* no final newline */
    view_is(p.id, p.id_len, "43");
    assert_int_equal(concord_pair_reader_next(r, &p), CONCORD_END);
    concord_pair_reader_close(r);
    concord_pair_reader_close(NULL);
}

static void compressed_and_errors(void **state)
{
    (void)state;
    static const char data[] = "{\"a\":\"x\",\"b\":\"y\"}\n";
    const char *path = fx("pairs.jsonl.gz");
    write_gz(path, "wb", data, sizeof data - 1);
    concord_pair_reader *r;
    char msg[256];
    assert_int_equal(concord_pair_reader_open(&r, path, 0, msg, sizeof msg), CONCORD_OK);
    concord_article_pair p;
    assert_int_equal(concord_pair_reader_next(r, &p), CONCORD_OK);
    view_is(p.b.text, p.b.text_len, "y");
    assert_int_equal(concord_pair_reader_next(r, &p), CONCORD_END);
    concord_pair_reader_close(r);

    assert_int_equal(concord_pair_reader_open(&r, fx("missing.jsonl"), 0, msg, sizeof msg),
                     CONCORD_ERR_IO);
    assert_null(r);
    assert_non_null(strstr(msg, "missing.jsonl"));

    /* A line over the cap is skipped; the next one is still read. */
    const char *big = fx("big.jsonl");
    FILE *f = fopen(big, "wb");
    assert_non_null(f);
    fputs("{\"a\":\"", f);
    for (int i = 0; i < 5000; i++) fputc('z', f);
    fputs("\",\"b\":\"y\"}\n{\"id\":\"ok\",\"a\":\"x\",\"b\":\"y\"}\n", f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(concord_pair_reader_open(&r, big, 1024, msg, sizeof msg), CONCORD_OK);
    assert_int_equal(concord_pair_reader_next(r, &p), CONCORD_ERR_TOO_LARGE);
    assert_non_null(strstr(concord_pair_reader_error(r), "big.jsonl:1: line too long"));
    assert_int_equal(concord_pair_reader_next(r, &p), CONCORD_OK);
    view_is(p.id, p.id_len, "ok");
    concord_pair_reader_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_pairs_and_reports_bad_lines),
        cmocka_unit_test(compressed_and_errors),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
