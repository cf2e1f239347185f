/*
 * test_reader_dir.c - directory input: recursive walk in strcmp order,
 * relative ids, compressed members, symlinks (to files, to directories,
 * dangling, to themselves, loops), a directory named x.txt, a FIFO.
 * Fixtures are written to $CONCORD_TEST_TMP/reader_dir/.
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
#include "fixtures.h"

/* Name-based writers of text fixtures (fixtures.h does the work). */
static void write_file(const char *name, const char *text) { write_bytes(fx(name), text, strlen(text)); }
static void write_gz_text(const char *name, const char *text) { write_gz(fx(name), "wb", text, strlen(text)); }
static void write_zst_text(const char *name, const char *text) { write_zst(fx(name), text, strlen(text)); }

static void make_dir(const char *name)
{
    assert_int_equal(mkdir(fx(name), 0755), 0);
}

static void make_link(const char *target, const char *name)
{
    assert_int_equal(symlink(target, fx(name)), 0);
}

static int setup(void **state)
{
    (void)state;
    return fixtures_setup("reader_dir");
}

/* One expected result: an article (st OK) or an error message. */
typedef struct expect {
    concord_status st;
    const char *id;   /* OK: the id; error: the path the message names */
    const char *text; /* OK: the text; error: the message after "PATH: " */
} expect;


/* Read all of arg (fixture dir name, prefix is what files start with). */
static void walk(const char *arg, const char *prefix, const expect *want, size_t n,
                 const concord_reader_options *o)
{
    concord_reader *r = NULL;
    char msg[18000];
    if (concord_reader_open(&r, arg, o, msg, sizeof msg)) fail_msg("%s", msg);
    concord_article a;
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++) {
        concord_status st = concord_reader_next(r, &a);
        char path[9000];
        snprintf(path, sizeof path, "%s%s", prefix, want[i].id);
        if (st != want[i].st)
            fail_msg("#%zu %s: status %s, want %s (%s)", i, want[i].id, concord_strerror(st),
                     concord_strerror(want[i].st), concord_reader_error(r));
        if (st == CONCORD_OK) {
            view_is(a.id, a.id_len, want[i].id);
            view_is(a.text, a.text_len, want[i].text);
            assert_string_equal(a.file, path);
            assert_int_equal(a.line, 0);
            bytes += a.bytes;
        } else {
            snprintf(msg, sizeof msg, "%s: %s", path, want[i].text);
            assert_string_equal(concord_reader_error(r), msg);
            assert_null(a.text);
        }
    }
    concord_status st = concord_reader_next(r, &a);
    if (st != CONCORD_END)
        fail_msg("extra result: %s %.*s (%s)", concord_strerror(st), (int)a.id_len,
                 a.id ? a.id : "", concord_reader_error(r));
    assert_int_equal(concord_reader_next(r, &a), CONCORD_END);
    assert_true(concord_reader_bytes_read(r) >= bytes);
    concord_reader_close(r);
}

static void test_sorted_recursive_walk(void **state)
{
    (void)state;
    make_dir("corpus");
    write_file("corpus/b.txt", "Bravo body");
    write_file("corpus/a.txt", "Title: Alpha\n\nAlpha body");
    write_file("corpus/Z.txt", "Zulu");
    write_file("corpus/10.txt", "Ten");
    write_file("corpus/9.txt", "Nine");
    write_file("corpus/empty.txt", "");
    write_file("corpus/notes.md", "ignored");
    write_file("corpus/data.jsonl", "{\"text\":\"ignored\"}\n");
    make_dir("corpus/sub");
    write_gz_text("corpus/sub/c.txt.gz", "Charlie");
    write_file("corpus/sub/e.md", "ignored");
    write_file("corpus/sub/f.txt.bak", "ignored");
    write_file("corpus/sub/G.TXT", "ignored: suffixes are case-sensitive");
    make_dir("corpus/sub/deeper");
    write_zst_text("corpus/sub/deeper/d.txt.zst", "Delta");
    make_dir("corpus/sub/void");
    make_dir("corpus/x.txt"); /* a directory with a text name is walked */
    write_file("corpus/x.txt/inner.txt", "Inner");
    assert_int_equal(mkfifo(fx("corpus/pipe.txt"), 0644), 0); /* never opened */

    const expect want[] = {
        {CONCORD_OK, "10.txt", "Ten"},
        {CONCORD_OK, "9.txt", "Nine"},
        {CONCORD_OK, "Z.txt", "Zulu"},
        {CONCORD_OK, "a.txt", "Alpha body"},
        {CONCORD_OK, "b.txt", "Bravo body"},
        {CONCORD_ERR_EMPTY, "empty.txt", "empty text"},
        {CONCORD_ERR_UNSUPPORTED, "pipe.txt", "not a regular file, skipped"},
        {CONCORD_OK, "sub/c.txt.gz", "Charlie"},
        {CONCORD_OK, "sub/deeper/d.txt.zst", "Delta"},
        {CONCORD_OK, "x.txt/inner.txt", "Inner"},
    };
    char prefix[4400];
    snprintf(prefix, sizeof prefix, "%s/", fx("corpus"));
    walk(fx("corpus"), prefix, want, sizeof want / sizeof want[0], NULL);

    /* A trailing slash on the argument does not double in paths. */
    walk(prefix, prefix, want, sizeof want / sizeof want[0], NULL);

    /* A subdirectory named like a text file, given as the argument. */
    const expect inner[] = {{CONCORD_OK, "inner.txt", "Inner"}};
    snprintf(prefix, sizeof prefix, "%s/", fx("corpus/x.txt"));
    walk(fx("corpus/x.txt"), prefix, inner, 1, NULL);

    /* The size cap skips one file and the walk goes on. */
    concord_reader_options o;
    concord_reader_options_init(&o);
    o.max_record_bytes = 8;
    const expect capped[] = {
        {CONCORD_OK, "c.txt.gz", "Charlie"},
        {CONCORD_OK, "deeper/d.txt.zst", "Delta"},
    };
    snprintf(prefix, sizeof prefix, "%s/", fx("corpus/sub"));
    walk(fx("corpus/sub"), prefix, capped, 2, &o);
    write_file("corpus/sub/big.txt", "123456789");
    const expect capped2[] = {
        {CONCORD_ERR_TOO_LARGE, "big.txt", "file larger than 8 bytes, skipped"},
        {CONCORD_OK, "c.txt.gz", "Charlie"},
        {CONCORD_OK, "deeper/d.txt.zst", "Delta"},
    };
    walk(fx("corpus/sub"), prefix, capped2, 3, &o);
}

static void test_symlinks(void **state)
{
    (void)state;
    make_dir("target");
    write_file("target/t.txt", "Target text");
    make_dir("links");
    make_dir("links/a");
    make_link("..", "links/a/link"); /* loop back to links/ */
    write_file("links/a/real.txt", "Real");
    make_link("nowhere.txt", "links/dangling.txt");
    make_link("self.txt", "links/self.txt");
    make_link("../target/t.txt", "links/filelink.txt");
    make_link("../target", "links/dirlink");
    make_link("gone", "links/gone-dir"); /* dangling, any name */
    write_file("links/m.txt", "Mike");
    make_link(".", "links/z-loop"); /* loop to the root itself */

    const expect want[] = {
        {CONCORD_ERR_IO, "a/link", "symlink loop, skipped"},
        {CONCORD_OK, "a/real.txt", "Real"},
        {CONCORD_ERR_IO, "dangling.txt", "dangling symbolic link, skipped"},
        {CONCORD_OK, "dirlink/t.txt", "Target text"},
        {CONCORD_OK, "filelink.txt", "Target text"},
        {CONCORD_ERR_IO, "gone-dir", "dangling symbolic link, skipped"},
        {CONCORD_OK, "m.txt", "Mike"},
        {CONCORD_ERR_IO, "self.txt", "Too many levels of symbolic links, skipped"},
        {CONCORD_ERR_IO, "z-loop", "symlink loop, skipped"},
    };
    char prefix[4400];
    snprintf(prefix, sizeof prefix, "%s/", fx("links"));
    walk(fx("links"), prefix, want, sizeof want / sizeof want[0], NULL);

    /* As arguments: a dangling symlink cannot be opened at all. */
    concord_reader *r = NULL;
    char msg[4400], want_msg[4400];
    assert_int_equal(concord_reader_open(&r, fx("links/dangling.txt"), NULL, msg, sizeof msg),
                     CONCORD_ERR_IO);
    assert_null(r);
    snprintf(want_msg, sizeof want_msg, "%s: No such file or directory", fx("links/dangling.txt"));
    assert_string_equal(msg, want_msg);
    assert_int_equal(concord_reader_open(&r, fx("links/self.txt"), NULL, msg, sizeof msg),
                     CONCORD_ERR_IO);
    snprintf(want_msg, sizeof want_msg, "%s: Too many levels of symbolic links",
             fx("links/self.txt"));
    assert_string_equal(msg, want_msg);
    /* A symlink to a file is that file, its id the path as given. */
    assert_int_equal(concord_reader_open(&r, fx("links/filelink.txt"), NULL, msg, sizeof msg),
                     CONCORD_OK);
    concord_article a;
    assert_int_equal(concord_reader_next(r, &a), CONCORD_OK);
    view_is(a.id, a.id_len, fx("links/filelink.txt"));
    concord_reader_close(r);
}

static void test_empty_directory(void **state)
{
    (void)state;
    make_dir("nothing");
    make_dir("nothing/deep");
    make_dir("nothing/deep/er");
    walk(fx("nothing"), "", NULL, 0, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sorted_recursive_walk),
        cmocka_unit_test(test_symlinks),
        cmocka_unit_test(test_empty_directory),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
