/*
 * text_fixture.h - helpers shared by the text-layer tests: a cmocka fixture
 * holding one concord_text handle, S() for string literals with their
 * length, and the token norms of a text joined with '|'. Header-only.
 * Include after <cmocka.h>.
 */
#ifndef CONCORD_TESTS_TEXT_FIXTURE_H
#define CONCORD_TESTS_TEXT_FIXTURE_H

#include <string.h>

#include "concord.h"

/* A string literal as (pointer, length): embedded NULs count. */
#define S(lit) (lit), (sizeof(lit) - 1)

static inline int setup(void **state)
{
    concord_text *t;
    if (concord_text_create(&t)) return -1;
    *state = t;
    return 0;
}

static inline int teardown(void **state)
{
    concord_text_free(*state);
    return 0;
}

/* The token norms of text[0..len) joined with '|' (static buffer). */
static inline const char *norms(concord_text *t, const char *text, size_t len)
{
    static char joined[2048];
    size_t n = 0;
    assert_int_equal(concord_text_analyse(t, text, len, 0), CONCORD_OK);
    for (size_t i = 0; i < concord_text_token_count(t); i++) {
        const concord_token *k = concord_text_token(t, i);
        assert_true(n + k->norm_len + 2 < sizeof joined);
        if (i) joined[n++] = '|';
        memcpy(joined + n, k->norm, k->norm_len);
        n += k->norm_len;
    }
    joined[n] = '\0';
    return joined;
}

#define NORMS(t, lit) norms((t), S(lit))

#endif
