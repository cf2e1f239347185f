/*
 * fixtures.h - helpers shared by the reader tests: a scratch directory per
 * test program under $CONCORD_TEST_TMP (else /tmp), writers of plain, gzip
 * and zstd files, and checks of string views. Header-only and static
 * inline, so each test uses what it needs. Include after <cmocka.h>.
 */
#ifndef CONCORD_TESTS_FIXTURES_H
#define CONCORD_TESTS_FIXTURES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>

#include "concord.h"

static char fixture_root[4096];

/* Empty $CONCORD_TEST_TMP/subdir, made afresh; 0 on success (cmocka setup). */
static inline int fixtures_setup(const char *subdir)
{
    const char *tmp = getenv("CONCORD_TEST_TMP");
    snprintf(fixture_root, sizeof fixture_root, "%s/%s", tmp ? tmp : "/tmp", subdir);
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fixture_root);
    if (system(cmd) != 0) return -1;
    return mkdir(fixture_root, 0755);
}

/* Path of a fixture; four rotating buffers so a few can be alive at once. */
static inline const char *fx(const char *name)
{
    static char paths[4][4200];
    static int next;
    char *p = paths[next++ % 4];
    snprintf(p, sizeof paths[0], "%s/%s", fixture_root, name);
    return p;
}

static inline void write_bytes(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* mode as for gzopen: "wb", or e.g. "ab" to append a second member. */
static inline void write_gz(const char *path, const char *mode, const void *data, size_t len)
{
    gzFile g = gzopen(path, mode);
    assert_non_null(g);
    assert_int_equal(gzwrite(g, data, (unsigned)len), (int)len);
    assert_int_equal(gzclose(g), Z_OK);
}

static inline void write_zst(const char *path, const void *data, size_t len)
{
    size_t cap = ZSTD_compressBound(len);
    void *out = malloc(cap);
    assert_non_null(out);
    size_t n = ZSTD_compress(out, cap, data, len, 3);
    assert_false(ZSTD_isError(n));
    write_bytes(path, out, n);
    free(out);
}

/* A view equals want (want NULL: the view is absent). */
static inline void view_is(const char *ptr, size_t len, const char *want)
{
    if (!want) {
        if (ptr) fail_msg("got \"%.*s\", want absent", (int)len, ptr);
        assert_int_equal(len, 0);
        return;
    }
    assert_non_null(ptr);
    if (len != strlen(want) || memcmp(ptr, want, len) != 0)
        fail_msg("got \"%.*s\", want \"%s\"", (int)len, ptr, want);
}

/* A pipe holding data (written whole: fixtures are smaller than the pipe). */
static inline int pipe_with(const void *data, size_t len)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], data, len), (ssize_t)len);
    close(fds[1]);
    return fds[0];
}

#endif
