/*
 * fuzz_reader.c - the public reader (lib/io: stream, gzip/zstd, JSON Lines,
 * text headers, dates) on arbitrary file contents.
 *
 * The input is written to a file, once as x.jsonl (JSON Lines) and once as
 * x.txt (one text article, optional header), in a directory made once per
 * process: $CONCORD_TEST_TMP (else /tmp) /concord-fuzz-reader-PID, removed
 * at exit. Each file is read to the end with concord_reader_open / next /
 * close. Errors are expected (it is a fuzzer); crashes, leaks, hangs and
 * broken invariants are not:
 *  - open fails only with a message and *out == NULL;
 *  - next returns OK, END or a record error with a message naming the file,
 *    and reaches END in a bounded number of calls (x.txt: at most one
 *    article);
 *  - an article has a non-empty id, a non-blank text, optional fields NULL
 *    exactly when empty, file = the path, line = 0 (text) or increasing
 *    (JSON Lines), a date that is ISO 8601 whenever it is recognisable
 *    (concord_date_iso of it is itself); all its bytes are readable (ASan);
 *  - bytes_read never decreases.
 * max_record_bytes is 1 MiB so compressed bombs stay fast.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "concord.h"
#include "fuzz.h"

enum { MAX_CALLS = 1 << 22, PATH_CAP = 4096 };

static char dir[PATH_CAP], jsonl_path[PATH_CAP], txt_path[PATH_CAP];
static volatile unsigned sink;

static void cleanup(void)
{
    unlink(jsonl_path);
    unlink(txt_path);
    rmdir(dir);
}

static void setup(void)
{
    const char *tmp = getenv("CONCORD_TEST_TMP");
    if (!tmp || !*tmp) tmp = "/tmp";
    int n = snprintf(dir, sizeof dir, "%s/concord-fuzz-reader-%ld", tmp, (long)getpid());
    assert(n > 0 && (size_t)n < sizeof dir);
    n = snprintf(jsonl_path, sizeof jsonl_path, "%s/x.jsonl", dir);
    assert(n > 0 && (size_t)n < sizeof jsonl_path);
    n = snprintf(txt_path, sizeof txt_path, "%s/x.txt", dir);
    assert(n > 0 && (size_t)n < sizeof txt_path);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        perror(dir);
        abort();
    }
    atexit(cleanup);
}

static void write_file(const char *path, const uint8_t *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        perror(path);
        abort();
    }
    while (size) {
        ssize_t w = write(fd, data, size);
        if (w <= 0) {
            perror(path);
            abort();
        }
        data += w;
        size -= (size_t)w;
    }
    close(fd);
}

/* Read every byte of [p, p + n): ASan checks the pointers are live. */
static void touch(const char *p, size_t n)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) sum += (unsigned char)p[i];
    sink = sum;
}

static void optional_field(const char *p, size_t n)
{
    assert((p == NULL) == (n == 0));
    touch(p, n);
}

static int blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!memchr(" \t\n\v\f\r", p[i], 7)) return 0; /* the 7th byte is the NUL */
    return 1;
}

static void check_article(const concord_article *a, const char *path, int jsonl,
                          size_t *last_line)
{
    assert(a->id && a->id_len > 0);
    touch(a->id, a->id_len);
    assert(a->text && a->text_len > 0 && !blank(a->text, a->text_len));
    touch(a->text, a->text_len);
    optional_field(a->title, a->title_len);
    optional_field(a->date, a->date_len);
    optional_field(a->url, a->url_len);
    optional_field(a->source, a->source_len);
    assert(a->file && strcmp(a->file, path) == 0);
    if (jsonl) {
        assert(a->line > *last_line);
        *last_line = a->line;
    } else {
        assert(a->line == 0);
        assert(a->id_len == strlen(path) && memcmp(a->id, path, a->id_len) == 0);
    }
    if (a->date) { /* recognisable dates are given in ISO 8601 */
        char iso[64];
        size_t n = concord_date_iso(a->date, a->date_len, iso, sizeof iso);
        if (n) assert(n == a->date_len && memcmp(iso, a->date, n) == 0);
    }
}

static void read_all(const char *path, int jsonl)
{
    concord_reader_options o;
    concord_reader_options_init(&o);
    o.max_record_bytes = 1 << 20;
    static char not_null;
    concord_reader *r = (concord_reader *)(void *)&not_null; /* open must reset it on failure */
    char message[512];
    message[0] = '\0';
    concord_status st = concord_reader_open(&r, path, &o, message, sizeof message);
    if (st) {
        assert(r == NULL && message[0] != '\0');
        return;
    }
    assert(r);
    size_t calls = 0, articles = 0, last_line = 0, bytes = 0;
    for (;;) {
        assert(++calls < MAX_CALLS);
        concord_article a;
        st = concord_reader_next(r, &a);
        size_t now = concord_reader_bytes_read(r);
        assert(now >= bytes);
        bytes = now;
        if (st == CONCORD_END) break;
        if (st == CONCORD_OK) {
            check_article(&a, path, jsonl, &last_line);
            articles++;
            continue;
        }
        assert(st < CONCORD_STATUS_COUNT_);
        const char *why = concord_reader_error(r);
        assert(why && strncmp(why, path, strlen(path)) == 0);
    }
    if (!jsonl) assert(articles <= 1 && calls <= 2);
    /* END is final. */
    concord_article a;
    assert(concord_reader_next(r, &a) == CONCORD_END);
    concord_reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) setup();
    write_file(jsonl_path, data, size);
    read_all(jsonl_path, 1);
    write_file(txt_path, data, size);
    read_all(txt_path, 0);
    return 0;
}
