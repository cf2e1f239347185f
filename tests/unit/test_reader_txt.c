/*
 * test_reader_txt.c - one text file (or stdin) as one article: both header
 * forms, CRLF, no header, empty text, raw bytes passed through, size cap,
 * compression, missing files. Fixtures are written to
 * $CONCORD_TEST_TMP/reader_txt/ by the tests themselves.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>
#include <zstd.h>

#include "concord.h"
#include "io/reader.h"
#include "fixtures.h"

static int setup(void **state)
{
    (void)state;
    return fixtures_setup("reader_txt");
}


typedef struct want {
    const char *title, *date, *url, *source;
    const char *text;
    size_t text_len; /* 0: strlen(text) */
} want;

/* Write data to name, read it as one article, check it, check the end. */
static void read_one(const char *name, const char *data, size_t len, const want *w)
{
    const char *path = fx(name);
    write_bytes(path, data, len);
    concord_reader *r = NULL;
    char msg[256];
    assert_int_equal(concord_reader_open(&r, path, NULL, msg, sizeof msg), CONCORD_OK);
    concord_article a;
    concord_status st = concord_reader_next(r, &a);
    if (st) fail_msg("%s: %s", concord_strerror(st), concord_reader_error(r));
    view_is(a.id, a.id_len, path);
    assert_string_equal(a.file, path);
    view_is(a.title, a.title_len, w->title);
    view_is(a.date, a.date_len, w->date);
    view_is(a.url, a.url_len, w->url);
    view_is(a.source, a.source_len, w->source);
    size_t tl = w->text_len ? w->text_len : strlen(w->text);
    assert_int_equal(a.text_len, tl);
    assert_memory_equal(a.text, w->text, tl);
    assert_int_equal(a.line, 0);
    assert_int_equal(a.bytes, len);
    assert_int_equal(concord_reader_bytes_read(r), len);
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    concord_reader_close(r);
}

static void test_key_header(void **state)
{
    (void)state;
    static const char doc[] = "Title: Hello World\n"
                              "DATE: Wed, 02 Feb 2022 10:00:00 GMT\n"
                              "url:  https://example.com/a?b=1 \n"
                              "Source: Example News\n"
                              "\n"
                              "Body text here.\nSecond line.\n";
    read_one("key.txt", doc, sizeof doc - 1,
             &(want){"Hello World", "2022-02-02T10:00:00Z", "https://example.com/a?b=1",
                     "Example News", "Body text here.\nSecond line.\n", 0});
    /* Any subset, any order; unrecognised date kept as given; last one wins. */
    static const char doc2[] = "source: Wire\ndate: last Tuesday\nSource: Other\n\n\nBody\n";
    read_one("key2.txt", doc2, sizeof doc2 - 1,
             &(want){NULL, "last Tuesday", NULL, "Other", "\nBody\n", 0});
    /* An empty value is absent. */
    static const char doc3[] = "Title:\nURL: http://x.org/\n\nBody";
    read_one("key3.txt", doc3, sizeof doc3 - 1,
             &(want){NULL, NULL, "http://x.org/", NULL, "Body", 0});
}

static void test_three_line_header(void **state)
{
    (void)state;
    static const char doc[] = "Harbour Bridge To Reopen After Pier Repairs\n"
                              "20220203\n"
                              "https://www.example.com/local/bridge-reopens-417\n"
                              "But engineers repeat their warning.\nSecond paragraph.\n";
    read_one("three.txt", doc, sizeof doc - 1,
             &(want){"Harbour Bridge To Reopen After Pier Repairs", "2022-02-03",
                     "https://www.example.com/local/bridge-reopens-417", NULL,
                     "But engineers repeat their warning.\nSecond paragraph.\n", 0});
    /* One blank line after the URL is skipped, a second one is body. */
    static const char doc2[] = "Headline\n20220203\nhttp://example.com/x\n\n\nBody\n";
    read_one("three2.txt", doc2, sizeof doc2 - 1,
             &(want){"Headline", "2022-02-03", "http://example.com/x", NULL, "\nBody\n", 0});
}

static void test_crlf(void **state)
{
    (void)state;
    static const char doc[] = "Title: T\r\nSource: S\r\n\r\nBody\r\nmore\r\n";
    read_one("crlf.txt", doc, sizeof doc - 1, &(want){"T", NULL, NULL, "S", "Body\r\nmore\r\n", 0});
    static const char doc2[] = "Headline\r\n20240229\r\nhttps://example.com/y\r\n\r\nBody\r\n";
    read_one("crlf3.txt", doc2, sizeof doc2 - 1,
             &(want){"Headline", "2024-02-29", "https://example.com/y", NULL, "Body\r\n", 0});
}

static void test_no_header(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "Plain text without any header.\nSecond line.\n",
        "Note: an unknown key\n\nBody\n",                    /* not a header key */
        "Title: no blank line after the header\nBody",       /* no terminator */
        "\nTitle: after a blank line\n\nBody\n",             /* header must come first */
        "Headline\n2022020\nhttps://example.com/\nBody\n",   /* 7 digits */
        "Headline\n20230229\nhttps://example.com/\nBody\n",  /* no such date */
        "Headline\n20220203\nftp://example.com/\nBody\n",    /* not http(s) */
        "Headline\n20220203\nhttps://exa mple.com/\nBody\n", /* space in URL */
        "\n20220203\nhttps://example.com/\nBody\n",          /* no title */
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "plain%zu.txt", i);
        read_one(name, docs[i], strlen(docs[i]), &(want){NULL, NULL, NULL, NULL, docs[i], 0});
    }
}

static void test_bom(void **state)
{
    (void)state;
    static const char doc[] = "\xEF\xBB\xBFTitle: T\n\nBody";
    read_one("bom.txt", doc, sizeof doc - 1, &(want){"T", NULL, NULL, NULL, "Body", 0});
}

static void test_raw_bytes_pass_through(void **state)
{
    (void)state;
    static const char doc[] = "caf\xe9 \xff\xfe ok\0nul \xc3\xa9t\xc3\xa9";
    read_one("raw.txt", doc, sizeof doc - 1, &(want){NULL, NULL, NULL, NULL, doc, sizeof doc - 1});
}

/* Expect one error with message msg, then the end. */
static void expect_error(const char *path, const concord_reader_options *o, concord_status want_st,
                         const char *msg)
{
    concord_reader *r = NULL;
    char buf[256];
    assert_int_equal(concord_reader_open(&r, path, o, buf, sizeof buf), CONCORD_OK);
    concord_article a;
    assert_int_equal(concord_reader_next(r, &a), want_st);
    assert_string_equal(concord_reader_error(r), msg);
    assert_null(a.text);
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    concord_reader_close(r);
}

static void test_empty(void **state)
{
    (void)state;
    char msg[4400];
    const char *p = fx("empty.txt");
    write_bytes(p, "", 0);
    snprintf(msg, sizeof msg, "%s: empty text", p);
    expect_error(p, NULL, CONCORD_ERR_EMPTY, msg);

    p = fx("blank.txt");
    write_bytes(p, " \r\n\t\n\0 ", 7);
    snprintf(msg, sizeof msg, "%s: empty text", p);
    expect_error(p, NULL, CONCORD_ERR_EMPTY, msg);

    p = fx("header-only.txt");
    write_bytes(p, "Title: Nothing else\n\n \n", 23);
    snprintf(msg, sizeof msg, "%s: empty text", p);
    expect_error(p, NULL, CONCORD_ERR_EMPTY, msg);

    p = fx("three-only.txt");
    write_bytes(p, "Headline\n20220203\nhttps://example.com/x", 39);
    snprintf(msg, sizeof msg, "%s: empty text", p);
    expect_error(p, NULL, CONCORD_ERR_EMPTY, msg);
}

static void test_size_cap(void **state)
{
    (void)state;
    concord_reader_options o;
    concord_reader_options_init(&o);
    o.max_record_bytes = 16;
    const char *p = fx("cap16.txt");
    write_bytes(p, "0123456789abcdef", 16);
    concord_reader *r = NULL;
    assert_int_equal(concord_reader_open(&r, p, &o, NULL, 0), CONCORD_OK);
    concord_article a;
    assert_int_equal(concord_reader_next(r, &a), CONCORD_OK);
    view_is(a.text, a.text_len, "0123456789abcdef");
    concord_reader_close(r);

    p = fx("cap17.txt");
    write_bytes(p, "0123456789abcdefg", 17);
    char msg[4400];
    snprintf(msg, sizeof msg, "%s: file larger than 16 bytes, skipped", p);
    expect_error(p, &o, CONCORD_ERR_TOO_LARGE, msg);

    /* The cap applies to decompressed bytes. */
    p = fx("cap17.txt.gz");
    write_gz(p, "wb", "0123456789abcdefg", 17);
    snprintf(msg, sizeof msg, "%s: file larger than 16 bytes, skipped", p);
    expect_error(p, &o, CONCORD_ERR_TOO_LARGE, msg);
}

static void test_compressed(void **state)
{
    (void)state;
    static const char doc[] = "Title: Packed\n\nCompressed body.\n";
    const char *p = fx("packed.txt.gz");
    write_gz(p, "wb", doc, sizeof doc - 1);
    concord_reader *r = NULL;
    concord_article a;
    assert_int_equal(concord_reader_open(&r, p, NULL, NULL, 0), CONCORD_OK);
    assert_int_equal(concord_reader_next(r, &a), CONCORD_OK);
    view_is(a.id, a.id_len, p);
    view_is(a.title, a.title_len, "Packed");
    view_is(a.text, a.text_len, "Compressed body.\n");
    assert_int_equal(a.bytes, sizeof doc - 1);
    assert_int_equal(concord_reader_bytes_read(r), sizeof doc - 1);
    concord_reader_close(r);

    /* zstd, detected by magic under a misleading name. */
    p = fx("packed-zstd.txt.gz");
    write_zst(p, doc, sizeof doc - 1);
    assert_int_equal(concord_reader_open(&r, p, NULL, NULL, 0), CONCORD_OK);
    assert_int_equal(concord_reader_next(r, &a), CONCORD_OK);
    view_is(a.text, a.text_len, "Compressed body.\n");
    concord_reader_close(r);

    /* Two gzip members read as one stream; larger than a read chunk. */
    size_t half = 3u << 20;
    char *big = malloc(2 * half);
    assert_non_null(big);
    for (size_t i = 0; i < 2 * half; i++) big[i] = (char)('a' + (i * 7 + i / 1000) % 26);
    p = fx("members.txt.gz");
    write_gz(p, "wb", big, half);
    write_gz(p, "ab", big + half, half);
    assert_int_equal(concord_reader_open(&r, p, NULL, NULL, 0), CONCORD_OK);
    assert_int_equal(concord_reader_next(r, &a), CONCORD_OK);
    assert_int_equal(a.text_len, 2 * half);
    assert_memory_equal(a.text, big, 2 * half);
    concord_reader_close(r);

    p = fx("big.txt.zst");
    write_zst(p, big, 2 * half);
    assert_int_equal(concord_reader_open(&r, p, NULL, NULL, 0), CONCORD_OK);
    assert_int_equal(concord_reader_next(r, &a), CONCORD_OK);
    assert_int_equal(a.text_len, 2 * half);
    assert_memory_equal(a.text, big, 2 * half);
    concord_reader_close(r);
    free(big);
}

static void test_missing_and_invalid(void **state)
{
    (void)state;
    const char *p = fx("does-not-exist.txt");
    concord_reader *r = (concord_reader *)&r; /* must be reset to NULL */
    char msg[4400], want_msg[4400];
    assert_int_equal(concord_reader_open(&r, p, NULL, msg, sizeof msg), CONCORD_ERR_IO);
    assert_null(r);
    snprintf(want_msg, sizeof want_msg, "%s: No such file or directory", p);
    assert_string_equal(msg, want_msg);

    /* The message is truncated to fit, and still terminated. */
    char small[8];
    assert_int_equal(concord_reader_open(&r, p, NULL, small, sizeof small), CONCORD_ERR_IO);
    assert_int_equal(strlen(small), 7);
    assert_memory_equal(small, want_msg, 7);

    assert_int_equal(concord_reader_open(&r, "", NULL, msg, sizeof msg), CONCORD_ERR_INVALID);
    assert_int_equal(concord_reader_open(&r, NULL, NULL, msg, sizeof msg), CONCORD_ERR_INVALID);
    assert_int_equal(concord_reader_open(NULL, p, NULL, msg, sizeof msg), CONCORD_ERR_INVALID);
    concord_reader_options o;
    concord_reader_options_init(&o);
    o.text_field = "";
    write_bytes(fx("ok.txt"), "ok", 2);
    assert_int_equal(concord_reader_open(&r, fx("ok.txt"), &o, msg, sizeof msg),
                     CONCORD_ERR_INVALID);
    assert_null(r);

    /* NULL handles are harmless. */
    concord_reader_close(NULL);
    assert_string_equal(concord_reader_error(NULL), "");
    assert_int_equal(concord_reader_bytes_read(NULL), 0);
    concord_article a;
    assert_int_equal(concord_reader_next(NULL, &a), CONCORD_ERR_INVALID);
}

static void test_options_init(void **state)
{
    (void)state;
    concord_reader_options o;
    concord_reader_options_init(&o);
    assert_string_equal(o.id_field, "id");
    assert_string_equal(o.text_field, "text");
    assert_string_equal(o.title_field, "title");
    assert_string_equal(o.date_field, "date");
    assert_string_equal(o.url_field, "url");
    assert_string_equal(o.source_field, "source");
    assert_int_equal(o.max_record_bytes, 64u << 20);
}

static void test_stdin_text(void **state)
{
    (void)state;
    static const char doc[] = "\n  Title: not a header here\n\nPlain text from a pipe.\n";
    int fd = pipe_with(doc, sizeof doc - 1);
    concord_reader *r = NULL;
    concord_article a;
    assert_int_equal(reader_open_fd(&r, fd, "-", NULL, NULL, 0), CONCORD_OK);
    assert_int_equal(concord_reader_next(r, &a), CONCORD_OK);
    view_is(a.id, a.id_len, "-");
    assert_string_equal(a.file, "-");
    view_is(a.title, a.title_len, NULL);
    view_is(a.text, a.text_len, doc);
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    concord_reader_close(r);
    close(fd);

    /* The real "-": standard input replaced by a pipe with gzip data. */
    static const char doc2[] = "Headline\n20220203\nhttps://example.com/p\nPiped body.\n";
    const char *p = fx("stdin.gz");
    write_gz(p, "wb", doc2, sizeof doc2 - 1);
    FILE *f = fopen(p, "rb");
    assert_non_null(f);
    char packed[512];
    size_t n = fread(packed, 1, sizeof packed, f);
    fclose(f);
    assert_true(n > 0 && n < sizeof packed);
    int saved = dup(STDIN_FILENO);
    fd = pipe_with(packed, n);
    assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
    close(fd);
    concord_status st = concord_reader_open(&r, "-", NULL, NULL, 0);
    concord_status st2 = st ? st : concord_reader_next(r, &a);
    if (!st2) {
        view_is(a.id, a.id_len, "-");
        view_is(a.title, a.title_len, "Headline");
        view_is(a.date, a.date_len, "2022-02-03");
        view_is(a.text, a.text_len, "Piped body.\n");
        assert_int_equal(concord_reader_bytes_read(r), sizeof doc2 - 1);
    }
    concord_reader_close(r);
    assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
    close(saved);
    assert_int_equal(st, CONCORD_OK);
    assert_int_equal(st2, CONCORD_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_header),   cmocka_unit_test(test_three_line_header),
        cmocka_unit_test(test_crlf),         cmocka_unit_test(test_no_header),
        cmocka_unit_test(test_bom),          cmocka_unit_test(test_raw_bytes_pass_through),
        cmocka_unit_test(test_empty),        cmocka_unit_test(test_size_cap),
        cmocka_unit_test(test_compressed),   cmocka_unit_test(test_missing_and_invalid),
        cmocka_unit_test(test_options_init), cmocka_unit_test(test_stdin_text),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
