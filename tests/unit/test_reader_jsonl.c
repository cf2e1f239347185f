/*
 * test_reader_jsonl.c - JSON Lines input: custom field names, integer and
 * missing ids, every kind of bad line (each skipped with FILE:LINE, the
 * good ones around it still read), "\u0000", the size cap on a 50 MB line,
 * compression, stdin. Fixtures are written to $CONCORD_TEST_TMP/reader_jsonl/.
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
    return fixtures_setup("reader_jsonl");
}


static void next_ok(concord_reader *r, concord_article *a)
{
    concord_status st = concord_reader_next(r, a);
    if (st) fail_msg("%s: %s", concord_strerror(st), concord_reader_error(r));
}

/* The next call fails with st and message "FILE:LINE: what". */
static void next_fails(concord_reader *r, concord_status st, const char *file, size_t line,
                       const char *what)
{
    concord_article a;
    concord_status got = concord_reader_next(r, &a);
    char want[4400];
    snprintf(want, sizeof want, "%s:%zu: %s", file, line, what);
    if (got != st)
        fail_msg("status %s, want %s (%s)", concord_strerror(got), concord_strerror(st),
                 concord_reader_error(r));
    assert_string_equal(concord_reader_error(r), want);
    assert_null(a.text);
    assert_null(a.id);
}

static void test_custom_fields_and_ids(void **state)
{
    (void)state;
    static const char data[] =
        "{\"doc_id\":\"a1\",\"body\":\"Alpha text\",\"headline\":\"Alpha\","
        "\"published\":\"26-FEB-1987 15:01:01.79\",\"link\":\"http://x.org/a\","
        "\"outlet\":\"Wire\",\"text\":\"not this\",\"id\":\"nor this\"}\n"
        "{\"doc_id\":42,\"body\":\"Beta\"}\n"
        "{\"body\":\"Gamma\",\"id\":\"ignored\"}\n"
        "\n"
        "  \t\r\n"
        "{\"doc_id\":-7,\"body\":\"Delta\",\"published\":\"not a date\",\"headline\":\"\","
        "\"outlet\":{\"name\":\"Nested\"}}\r\n"
        "{\"doc_id\":null,\"body\":\"Eps\"}\n"
        "{\"doc_id\":\"\",\"body\":\"Zeta\",\"published\":\"2022-02-02T10:00:00+01:00\"}";
    const char *p = fx("custom.jsonl");
    write_bytes(p, data, sizeof data - 1);
    concord_reader_options o;
    concord_reader_options_init(&o);
    o.id_field = "doc_id";
    o.text_field = "body";
    o.title_field = "headline";
    o.date_field = "published";
    o.url_field = "link";
    o.source_field = "outlet";
    concord_reader *r = NULL;
    assert_int_equal(concord_reader_open(&r, p, &o, NULL, 0), CONCORD_OK);
    concord_article a;
    next_ok(r, &a);
    view_is(a.id, a.id_len, "a1");
    view_is(a.text, a.text_len, "Alpha text");
    view_is(a.title, a.title_len, "Alpha");
    view_is(a.date, a.date_len, "1987-02-26T15:01:01");
    view_is(a.url, a.url_len, "http://x.org/a");
    view_is(a.source, a.source_len, "Wire");
    assert_string_equal(a.file, p);
    assert_int_equal(a.line, 1);
    assert_int_equal(a.bytes, strchr(data, '\n') - data + 1);
    size_t after1 = concord_reader_bytes_read(r);
    assert_int_equal(after1, a.bytes);

    next_ok(r, &a);
    view_is(a.id, a.id_len, "42");
    view_is(a.text, a.text_len, "Beta");
    view_is(a.title, a.title_len, NULL);
    view_is(a.date, a.date_len, NULL);
    view_is(a.url, a.url_len, NULL);
    view_is(a.source, a.source_len, NULL);
    assert_int_equal(a.line, 2);

    char id[4400];
    next_ok(r, &a);
    snprintf(id, sizeof id, "%s:3", p);
    view_is(a.id, a.id_len, id);
    view_is(a.text, a.text_len, "Gamma");
    assert_int_equal(a.line, 3);

    next_ok(r, &a); /* lines 4 and 5 are blank */
    view_is(a.id, a.id_len, "-7");
    view_is(a.text, a.text_len, "Delta");
    view_is(a.date, a.date_len, "not a date");
    view_is(a.title, a.title_len, NULL);   /* empty string */
    view_is(a.source, a.source_len, NULL); /* not a string */
    assert_int_equal(a.line, 6);

    next_ok(r, &a);
    snprintf(id, sizeof id, "%s:7", p);
    view_is(a.id, a.id_len, id); /* null id */
    view_is(a.text, a.text_len, "Eps");
    assert_int_equal(a.line, 7);

    next_ok(r, &a);
    snprintf(id, sizeof id, "%s:8", p);
    view_is(a.id, a.id_len, id); /* empty id */
    view_is(a.text, a.text_len, "Zeta");
    view_is(a.date, a.date_len, "2022-02-02T10:00:00+01:00");
    assert_int_equal(a.line, 8);
    assert_int_equal(a.bytes, strlen(strrchr(data, '\n') + 1)); /* no final newline */

    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    assert_int_equal(concord_reader_bytes_read(r), sizeof data - 1);
    concord_reader_close(r);
}

static void test_bad_lines_are_skipped(void **state)
{
    (void)state;
    static const char data[] = "{\"id\":\"g1\",\"text\":\"one\"}\n"                         /* 1 */
                               "{\"id\":\"bad\",\"text\": }\n"                              /* 2 */
                               "{\"id\":\"g2\",\"text\":\"two\"}\n"                         /* 3 */
                               "{\"id\":\"e\",\"text\":\"  \\n\\t \"}\n"                    /* 4 */
                               "{\"id\":\"n\",\"title\":\"no text\"}\n"                     /* 5 */
                               "{\"id\":\"t\",\"text\":5}\n"                                /* 6 */
                               "[1,2]\n"                                                    /* 7 */
                               "{\"id\":1.5,\"text\":\"x\"}\n"                              /* 8 */
                               "{\"id\":\"nul\",\"text\":\"a\0b\"}\n"                       /* 9 */
                               "{\"id\":\"u0\",\"text\":\"a\\u0000b\"}\n"                   /* 10 */
                               "{\"id\":\"utf\",\"text\":\"caf\xe9\"}\n"                    /* 11 */
                               "\"just a string\"\n"                                        /* 12 */
                               "{\"id\":123456789012345678901234,\"text\":\"x\"}\n"         /* 13 */
                               "{\"id\":\"z\",\"text\":\"\\u0000\"}\n"                      /* 14 */
                               "{\"id\":\"g3\",\"text\":\"three\",\"date\":\"20220203\"}\n" /* 15 */
                               "{\"id\":\"g4\",\"text\":\"four\"} trailing\n";              /* 16 */
    const char *p = fx("errors.jsonl");
    write_bytes(p, data, sizeof data - 1);
    concord_reader *r = NULL;
    assert_int_equal(concord_reader_open(&r, p, NULL, NULL, 0), CONCORD_OK);
    concord_article a;
    next_ok(r, &a);
    view_is(a.id, a.id_len, "g1");
    next_fails(r, CONCORD_ERR_PARSE, p, 2, "malformed JSON (value expected, column 21)");
    next_ok(r, &a);
    view_is(a.id, a.id_len, "g2");
    assert_int_equal(a.line, 3);
    next_fails(r, CONCORD_ERR_EMPTY, p, 4, "empty text");
    next_fails(r, CONCORD_ERR_PARSE, p, 5, "no text (field \"text\" missing)");
    next_fails(r, CONCORD_ERR_PARSE, p, 6, "field \"text\" is not a string");
    next_fails(r, CONCORD_ERR_PARSE, p, 7, "malformed JSON (not a JSON object, column 1)");
    next_fails(r, CONCORD_ERR_PARSE, p, 8, "field \"id\" is not a string or integer");
    next_fails(r, CONCORD_ERR_PARSE, p, 9, "malformed JSON (raw NUL byte, column 22)");
    next_ok(r, &a);
    view_is(a.id, a.id_len, "u0");
    assert_int_equal(a.text_len, 3);
    assert_memory_equal(a.text, "a\0b", 3);
    /* Invalid UTF-8 is passed through for the text layer to repair. */
    next_ok(r, &a);
    view_is(a.id, a.id_len, "utf");
    assert_int_equal(a.text_len, 4);
    assert_memory_equal(a.text, "caf\xe9", 4);
    next_fails(r, CONCORD_ERR_PARSE, p, 12, "malformed JSON (not a JSON object, column 1)");
    /* Integer ids are kept as written, whatever their size. */
    next_ok(r, &a);
    view_is(a.id, a.id_len, "123456789012345678901234");
    next_fails(r, CONCORD_ERR_EMPTY, p, 14, "empty text");
    next_ok(r, &a);
    view_is(a.id, a.id_len, "g3");
    view_is(a.date, a.date_len, "2022-02-03");
    assert_int_equal(a.line, 15);
    next_fails(r, CONCORD_ERR_PARSE, p, 16,
               "malformed JSON (end of line expected after the object, column 27)");
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    assert_int_equal(concord_reader_bytes_read(r), sizeof data - 1);
    concord_reader_close(r);
}

/* {"id":"big","text":"xxx..."} with n x's, plus its newline. */
static char *big_line(size_t n, size_t *len)
{
    static const char head[] = "{\"id\":\"big\",\"text\":\"", tail[] = "\"}\n";
    *len = sizeof head - 1 + n + sizeof tail - 1;
    char *s = malloc(*len);
    assert_non_null(s);
    memcpy(s, head, sizeof head - 1);
    memset(s + sizeof head - 1, 'x', n);
    memcpy(s + sizeof head - 1 + n, tail, sizeof tail - 1);
    return s;
}

static void test_huge_line(void **state)
{
    (void)state;
    const size_t n = 50u << 20;
    size_t big_len;
    char *big = big_line(n, &big_len);
    static const char first[] = "{\"id\":\"a\",\"text\":\"first\"}\n";
    static const char last[] = "{\"id\":\"c\",\"text\":\"last\"}\n";
    const char *p = fx("huge.jsonl");
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(first, 1, sizeof first - 1, f), sizeof first - 1);
    assert_int_equal(fwrite(big, 1, big_len, f), big_len);
    assert_int_equal(fwrite(last, 1, sizeof last - 1, f), sizeof last - 1);
    assert_int_equal(fclose(f), 0);
    free(big);
    size_t total = sizeof first - 1 + big_len + sizeof last - 1;

    /* With a 1 MiB cap the line is skipped without being held. */
    concord_reader_options o;
    concord_reader_options_init(&o);
    o.max_record_bytes = 1u << 20;
    concord_reader *r = NULL;
    concord_article a;
    assert_int_equal(concord_reader_open(&r, p, &o, NULL, 0), CONCORD_OK);
    next_ok(r, &a);
    view_is(a.text, a.text_len, "first");
    next_fails(r, CONCORD_ERR_TOO_LARGE, p, 2, "line too long (more than 1048576 bytes), skipped");
    next_ok(r, &a);
    view_is(a.id, a.id_len, "c");
    view_is(a.text, a.text_len, "last");
    assert_int_equal(a.line, 3);
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    assert_int_equal(concord_reader_bytes_read(r), total);
    concord_reader_close(r);

    /* With the default cap (64 MiB) it is read whole. */
    assert_int_equal(concord_reader_open(&r, p, NULL, NULL, 0), CONCORD_OK);
    next_ok(r, &a);
    view_is(a.text, a.text_len, "first");
    next_ok(r, &a);
    view_is(a.id, a.id_len, "big");
    assert_int_equal(a.line, 2);
    assert_int_equal(a.bytes, big_len);
    assert_int_equal(a.text_len, n);
    size_t xs = 0;
    while (xs < n && a.text[xs] == 'x') xs++;
    assert_int_equal(xs, n);
    next_ok(r, &a);
    view_is(a.text, a.text_len, "last");
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    concord_reader_close(r);
}

static void test_cap_boundary(void **state)
{
    (void)state;
    /* The cap counts the line without its newline: 40 bytes pass at 40. */
    static const char data[] = "{\"id\":\"a\",\"text\":\"0123456789abcdefghij\"}\n"
                               "{\"id\":\"b\",\"text\":\"0123456789abcdefghijk\"}\n"
                               "{\"id\":\"c\",\"text\":\"ok\"}";
    assert_int_equal(strchr(data, '\n') - data, 40);
    const char *p = fx("boundary.jsonl");
    write_bytes(p, data, sizeof data - 1);
    concord_reader_options o;
    concord_reader_options_init(&o);
    o.max_record_bytes = 40;
    concord_reader *r = NULL;
    concord_article a;
    assert_int_equal(concord_reader_open(&r, p, &o, NULL, 0), CONCORD_OK);
    next_ok(r, &a);
    view_is(a.id, a.id_len, "a");
    next_fails(r, CONCORD_ERR_TOO_LARGE, p, 2, "line too long (more than 40 bytes), skipped");
    next_ok(r, &a);
    view_is(a.id, a.id_len, "c");
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    assert_int_equal(concord_reader_bytes_read(r), sizeof data - 1);
    concord_reader_close(r);
}

/* Many lines of varied length: line i is {"id":i,"text":"<text of i>"}. */
enum { MANY = 30000 };

static size_t text_of(size_t i, char *out)
{
    size_t n = 1 + (i * 2654435761u) % 397;
    for (size_t k = 0; k < n; k++) out[k] = (char)('a' + (i + k * 3) % 26);
    return n;
}

static char *many_lines(size_t *len)
{
    size_t cap = (size_t)MANY * 440, n = 0;
    char *s = malloc(cap), text[400];
    assert_non_null(s);
    for (size_t i = 0; i < MANY; i++) {
        size_t t = text_of(i, text);
        n += (size_t)snprintf(s + n, cap - n, "{\"id\":%zu,\"text\":\"%.*s\"}\n", i, (int)t, text);
    }
    *len = n;
    return s;
}

static void read_many(const char *p, size_t raw_len)
{
    concord_reader *r = NULL;
    concord_article a;
    char msg[4400];
    if (concord_reader_open(&r, p, NULL, msg, sizeof msg)) fail_msg("%s", msg);
    char id[32], text[400];
    for (size_t i = 0; i < MANY; i++) {
        next_ok(r, &a);
        snprintf(id, sizeof id, "%zu", i);
        view_is(a.id, a.id_len, id);
        size_t t = text_of(i, text);
        assert_int_equal(a.text_len, t);
        assert_memory_equal(a.text, text, t);
        assert_int_equal(a.line, i + 1);
    }
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    assert_int_equal(concord_reader_bytes_read(r), raw_len);
    concord_reader_close(r);
}

static void test_chunk_boundaries_and_compression(void **state)
{
    (void)state;
    size_t len;
    char *data = many_lines(&len);
    assert_true(len > 3u << 20); /* several read chunks */
    write_bytes(fx("many.ndjson"), data, len);
    read_many(fx("many.ndjson"), len);
    write_gz(fx("many.jsonl.gz"), "wb", data, len);
    read_many(fx("many.jsonl.gz"), len);
    write_zst(fx("many.json.zst"), data, len);
    read_many(fx("many.json.zst"), len);
    /* Magic bytes decide, not the name. */
    write_gz(fx("many-gz.jsonl"), "wb", data, len);
    read_many(fx("many-gz.jsonl"), len);
    free(data);
}

static void file_bytes(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    *data = malloc(*len);
    assert_non_null(*data);
    assert_int_equal(fread(*data, 1, *len, f), *len);
    fclose(f);
}

/* A truncated compressed file: good lines, then one IO error, then the end. */
static void read_truncated(const char *p, const char *what)
{
    concord_reader *r = NULL;
    concord_article a;
    assert_int_equal(concord_reader_open(&r, p, NULL, NULL, 0), CONCORD_OK);
    size_t good = 0;
    concord_status st;
    while ((st = concord_reader_next(r, &a)) == CONCORD_OK) good++;
    assert_true(good > 1000 && good < MANY);
    assert_int_equal(st, CONCORD_ERR_IO);
    char want[4400];
    snprintf(want, sizeof want, "%s:%zu: %s", p, good + 1, what);
    assert_string_equal(concord_reader_error(r), want);
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    concord_reader_close(r);
}

static void test_truncated_compressed(void **state)
{
    (void)state;
    size_t len, packed_len;
    char *data = many_lines(&len), *packed;
    write_gz(fx("cut.jsonl.gz"), "wb", data, len);
    file_bytes(fx("cut.jsonl.gz"), &packed, &packed_len);
    write_bytes(fx("cut.jsonl.gz"), packed, packed_len / 2);
    read_truncated(fx("cut.jsonl.gz"), "corrupt gzip data (truncated)");
    free(packed);

    write_zst(fx("cut.jsonl.zst"), data, len);
    file_bytes(fx("cut.jsonl.zst"), &packed, &packed_len);
    write_bytes(fx("cut.jsonl.zst"), packed, packed_len / 2);
    read_truncated(fx("cut.jsonl.zst"), "corrupt zstd data (truncated)");
    free(packed);
    free(data);
}

static void test_odd_files(void **state)
{
    (void)state;
    concord_reader *r = NULL;
    concord_article a;
    char msg[4400], want[4400];

    const char *p = fx("array.json");
    write_bytes(p, "\n [{\"id\":1,\"text\":\"x\"}]\n", 25);
    assert_int_equal(concord_reader_open(&r, p, NULL, msg, sizeof msg), CONCORD_ERR_UNSUPPORTED);
    assert_null(r);
    snprintf(want, sizeof want, "%s: a JSON array, not JSON Lines (one object a line)", p);
    assert_string_equal(msg, want);

    p = fx("empty.jsonl");
    write_bytes(p, "", 0);
    assert_int_equal(concord_reader_open(&r, p, NULL, NULL, 0), CONCORD_OK);
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    assert_int_equal(concord_reader_bytes_read(r), 0);
    concord_reader_close(r);

    p = fx("bom.jsonl");
    static const char bom[] = "\xEF\xBB\xBF{\"id\":\"b\",\"text\":\"bom\"}\n";
    write_bytes(p, bom, sizeof bom - 1);
    assert_int_equal(concord_reader_open(&r, p, NULL, NULL, 0), CONCORD_OK);
    next_ok(r, &a);
    view_is(a.id, a.id_len, "b");
    assert_int_equal(a.line, 1);
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    assert_int_equal(concord_reader_bytes_read(r), sizeof bom - 1);
    concord_reader_close(r);
}

static void test_stdin_jsonl(void **state)
{
    (void)state;
    static const char data[] = "\n  {\"id\":\"p1\",\"text\":\"from pipe\"}\n{\"text\":\"anon\"}\n";
    int fd = pipe_with(data, sizeof data - 1);
    concord_reader *r = NULL;
    concord_article a;
    assert_int_equal(reader_open_fd(&r, fd, "-", NULL, NULL, 0), CONCORD_OK);
    next_ok(r, &a);
    view_is(a.id, a.id_len, "p1");
    view_is(a.text, a.text_len, "from pipe");
    assert_string_equal(a.file, "-");
    assert_int_equal(a.line, 2);
    next_ok(r, &a);
    view_is(a.id, a.id_len, "-:3");
    view_is(a.text, a.text_len, "anon");
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    assert_int_equal(concord_reader_bytes_read(r), sizeof data - 1);
    concord_reader_close(r);
    close(fd);

    /* The real "-": standard input replaced by a pipe with zstd data. */
    size_t cap = ZSTD_compressBound(sizeof data - 1);
    char *packed = malloc(cap);
    assert_non_null(packed);
    size_t n = ZSTD_compress(packed, cap, data, sizeof data - 1, 3);
    assert_false(ZSTD_isError(n));
    int saved = dup(STDIN_FILENO);
    fd = pipe_with(packed, n);
    free(packed);
    assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
    close(fd);
    concord_status st = concord_reader_open(&r, "-", NULL, NULL, 0), st2 = CONCORD_ERR_IO;
    size_t count = 0;
    if (!st) {
        while ((st2 = concord_reader_next(r, &a)) == CONCORD_OK) count++;
    }
    concord_reader_close(r);
    assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
    close(saved);
    assert_int_equal(st, CONCORD_OK);
    assert_int_equal(st2, CONCORD_END);
    assert_int_equal(count, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_custom_fields_and_ids),
        cmocka_unit_test(test_bad_lines_are_skipped),
        cmocka_unit_test(test_huge_line),
        cmocka_unit_test(test_cap_boundary),
        cmocka_unit_test(test_chunk_boundaries_and_compression),
        cmocka_unit_test(test_truncated_compressed),
        cmocka_unit_test(test_odd_files),
        cmocka_unit_test(test_stdin_jsonl),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
