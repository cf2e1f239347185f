/*
 * Unit tests for lib/text/normalise: NFKC + case folding + quote, dash and
 * space unification, through concord_text_normalise() and token norms.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <utf8proc.h>

#include "concord.h"
#include "text/chars.h"
#include "text/normalise.h"
#include "text/utf8.h"

#include "text_fixture.h"



static void check_norm(concord_text *t, const char *in, size_t len, const char *want)
{
    const char *out;
    size_t out_len;
    assert_int_equal(concord_text_normalise(t, in, len, &out, &out_len), CONCORD_OK);
    if (out_len != strlen(want) || memcmp(out, want, out_len) != 0)
        fail_msg("normalise(\"%.*s\") = \"%.*s\", want \"%s\"", (int)len, in, (int)out_len, out,
                 want);
}

#define NORM(t, lit, want) check_norm((t), S(lit), (want))



static void compatibility_forms(void **state)
{
    concord_text *t = *state;
    NORM(t, "\xEF\xAC\x81", "fi");                          /* U+FB01 ligature */
    NORM(t, "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", "abc"); /* full-width ABC */
    NORM(t, "\xEF\xBC\x91\xEF\xBC\x92", "12");              /* full-width 12 */
    NORM(t, "\xE2\x91\xA0", "1");                           /* circled 1 */
    NORM(t, "\xE2\x85\xAB", "xii");                         /* roman numeral XII */
    NORM(t, "\xE3\x8E\x8F", "kg");                          /* square kg */
    NORM(t, "x\xC2\xB2", "x2");                             /* superscript two */
    NORM(t, "\xEF\xBD\xB6\xEF\xBE\x9E", "\xE3\x82\xAC");    /* halfwidth ka+voicing: ga */
    NORM(t, "\xEF\xBB\xBB", "\xD9\x84\xD8\xA7");            /* Arabic lam-alef form */
    assert_string_equal(NORMS(t, "\xEF\xAC\x81ne \xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3"),
                        "fine|abc");
}

static void case_folding(void **state)
{
    concord_text *t = *state;
    NORM(t,
         "Stra\xC3\x9F"
         "e",
         "strasse");
    NORM(t, "\xCE\xA3\xCE\x8A\xCE\xA3\xCE\xA5\xCE\xA6\xCE\x9F\xCE\xA3", /* ΣΊΣΥΦΟΣ */
         "\xCF\x83\xCE\xAF\xCF\x83\xCF\x85\xCF\x86\xCE\xBF\xCF\x83");   /* σίσυφοσ */
    NORM(t, "\xCF\x82", "\xCF\x83");                                    /* final sigma */
    NORM(t, "\xD0\x9F\xD0\xA0\xD0\x98\xD0\x92\xD0\x95\xD0\xA2",         /* ПРИВЕТ */
         "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");           /* привет */
    NORM(t, "\xC4\xB0stanbul", "i\xCC\x87stanbul");                     /* İ: i + dot above */
    NORM(t, "MiXeD CaSe", "mixed case");
    assert_string_equal(NORMS(t, "Stra\xC3\x9F"
                                 "e STRASSE"),
                        "strasse|strasse");
}

static void combining_marks(void **state)
{
    concord_text *t = *state;
    NORM(t, "e\xCC\x81t\xC3\xA9", "\xC3\xA9t\xC3\xA9"); /* e+U+0301 -> é */
    NORM(t, "E\xCC\x81", "\xC3\xA9");
    /* Marks reordered canonically: a + dot below + acute == a + acute + dot below. */
    const char *a, *b;
    size_t alen, blen;
    char keep[16];
    assert_int_equal(concord_text_normalise(t, S("a\xCC\xA3\xCC\x81"), &a, &alen), CONCORD_OK);
    assert_true(alen < sizeof keep);
    memcpy(keep, a, alen);
    assert_int_equal(concord_text_normalise(t, S("a\xCC\x81\xCC\xA3"), &b, &blen), CONCORD_OK);
    assert_int_equal(alen, blen);
    assert_memory_equal(keep, b, alen);
    /* Marks stay in their token. */
    assert_string_equal(NORMS(t, "cafe\xCC\x81 ole\xCC\x81"), "caf\xC3\xA9|ol\xC3\xA9");
}

static void other_scripts(void **state)
{
    concord_text *t = *state;
    /* Arabic, Hebrew (with points), Devanagari: unchanged, caseless. */
    NORM(t, "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7", "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7");
    assert_string_equal(NORMS(t, "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 "
                                 "\xD8\xA8\xD8\xA7\xD9\x84\xD8\xB9\xD8\xA7\xD9\x84\xD9\x85"),
                        "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7|"
                        "\xD8\xA8\xD8\xA7\xD9\x84\xD8\xB9\xD8\xA7\xD9\x84\xD9\x85");
    assert_string_equal(
        NORMS(t, "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D"),
        "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D|\xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D");
    /* नमस्ते दुनिया: virama and vowel signs are marks inside the words. */
    assert_string_equal(
        NORMS(t, "\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87 "
                 "\xE0\xA4\xA6\xE0\xA5\x81\xE0\xA4\xA8\xE0\xA4\xBF\xE0\xA4\xAF\xE0\xA4\xBE"),
        "\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87|"
        "\xE0\xA4\xA6\xE0\xA5\x81\xE0\xA4\xA8\xE0\xA4\xBF\xE0\xA4\xAF\xE0\xA4\xBE");
    /* Мир, ПРИВЕТ */
    assert_string_equal(
        NORMS(t, "\xD0\x9C\xD0\xB8\xD1\x80, \xD0\x9F\xD0\xA0\xD0\x98\xD0\x92\xD0\x95\xD0\xA2!"),
        "\xD0\xBC\xD0\xB8\xD1\x80|\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
}

static void quotes_dashes_spaces(void **state)
{
    concord_text *t = *state;
    NORM(t, "\xE2\x80\x9CHello\xE2\x80\x9D \xE2\x80\x98world\xE2\x80\x99", "\"hello\" 'world'");
    NORM(t,
         "\xE2\x80\x9E"
         "a\xE2\x80\x9F \xC2\xAB"
         "b\xC2\xBB \xE2\x80\xB3",
         "\"a\" \"b\" \"");
    NORM(t,
         "don\xE2\x80\x99t O\xE2\x80\x98"
         "a `b\xC2\xB4 \xE2\x80\xB2",
         "don't o'a 'b' '");
    NORM(t,
         "a\xE2\x80\x94"
         "b\xE2\x80\x93"
         "c\xE2\x88\x92"
         "d\xE2\x80\x90"
         "e\xE2\x80\x91"
         "f\xEF\xB9\x98g\xEF\xB9\xA3h\xEF\xBC\x8Di\xE2\x80\x95j",
         "a-b-c-d-e-f-g-h-i-j");
    /* NBSP, en space, ideographic space, tabs, line/paragraph separators,
     * CRLF, NUL and other controls: all one space, runs collapsed, trimmed. */
    NORM(t,
         "a\xC2\xA0"
         "b\xE2\x80\x82"
         "c\xE3\x80\x80"
         "d\te\xE2\x80\xA8"
         "f\xE2\x80\xA9g",
         "a b c d e f g");
    NORM(t, "  line one\r\n\r\n  line two \t\n", "line one line two");
    check_norm(t,
               "a\0b\x01\x7F"
               "c",
               6, "a b c");
    NORM(t, "", "");
    NORM(t, " \t\r\n ", "");
    /* Punctuation is kept; default ignorables (soft hyphen, ZWSP) vanish. */
    NORM(t,
         "Hello, world! (yes) co\xC2\xAD"
         "operate a\xE2\x80\x8B"
         "b",
         "hello, world! (yes) cooperate ab");
    /* Token norms use the same unification. */
    assert_string_equal(NORMS(t, "Don\xE2\x80\x99t O\xE2\x80\x99Neill co\xC2\xAD"
                                 "operate"),
                        "don't|o'neill|cooperate");
    assert_int_equal(norm_unify(0x2014), '-');
    assert_int_equal(norm_unify(0x201C), '"');
    assert_int_equal(norm_unify(0x2019), '\'');
    assert_int_equal(norm_unify(0x00A0), ' ');
    assert_int_equal(norm_unify(0x1680), ' ');
    assert_int_equal(norm_unify('x'), 'x');
    assert_int_equal(norm_unify(0xE9), 0xE9);
}

static void long_and_pathological(void **state)
{
    concord_text *t = *state;
    /* 1 MB of combining marks alternating classes 230/220 after one letter:
     * cut every 30 non-starters (stream-safe), so linear, not quadratic. */
    size_t n = 1u << 20;
    char *s = malloc(n + 1);
    assert_non_null(s);
    s[0] = 'a';
    for (size_t i = 1; i + 4 <= n + 1; i += 4) memcpy(s + i, "\xCC\x81\xCC\x96", 4);
    const char *out;
    size_t out_len;
    assert_int_equal(concord_text_normalise(t, s, n + 1 - ((n) % 4), &out, &out_len), CONCORD_OK);
    assert_true(out_len > n / 2);
    assert_int_equal(concord_text_analyse(t, s, n + 1 - ((n) % 4), 0), CONCORD_OK);
    assert_int_equal(concord_text_token_count(t), 1); /* marks never start a token */
    assert_int_equal(concord_text_token(t, 0)->end, 1 + 30 * 2);
    /* 4 MB without any space in a non-ASCII script. */
    n = 4u << 20;
    s = realloc(s, n);
    assert_non_null(s);
    for (size_t i = 0; i < n; i += 2) memcpy(s + i, "\xD0\x96", 2); /* Ж */
    assert_int_equal(concord_text_normalise(t, s, n, &out, &out_len), CONCORD_OK);
    assert_int_equal(out_len, n);
    assert_memory_equal(out, "\xD0\xB6\xD0\xB6", 4);
    free(s);
}

/* cp_info.simple promises that a code point is its own normal form (ASCII
 * lowercased): check it against utf8proc for every code point. */
static void simple_code_points_are_normal(void **state)
{
    (void)state;
    size_t simple = 0;
    for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if ((cp >= 0xD800 && cp <= 0xDFFF) || !cp_classify(cp).simple) continue;
        simple++;
        unsigned char in[4], want[4];
        size_t n = utf8_encode(cp, in);
        size_t wn = utf8_encode(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp, want);
        utf8proc_uint8_t *out = NULL;
        utf8proc_ssize_t m = utf8proc_map(in, (utf8proc_ssize_t)n, &out,
                                          UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                              UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
        if (m != (utf8proc_ssize_t)wn || memcmp(out, want, wn) != 0)
            fail_msg("U+%04X is marked simple but normalises differently", (unsigned)cp);
        free(out);
    }
    assert_true(simple > 100000);            /* most of Unicode, including unassigned code points */
    assert_true(cp_classify(0xE9).simple);   /* é */
    assert_true(cp_classify(0x439).simple);  /* й */
    assert_false(cp_classify(0xC9).simple);  /* É folds */
    assert_false(cp_classify(0x301).simple); /* marks compose */
    assert_false(cp_classify(0xFB01).simple);
}

static void invalid_arguments(void **state)
{
    concord_text *t = *state;
    const char *out = NULL;
    size_t out_len = 1;
    assert_int_equal(concord_text_normalise(t, NULL, 3, &out, &out_len), CONCORD_ERR_INVALID);
    assert_int_equal(concord_text_normalise(NULL, "a", 1, &out, &out_len), CONCORD_ERR_INVALID);
    assert_int_equal(concord_text_normalise(t, "a", 1, NULL, &out_len), CONCORD_ERR_INVALID);
    assert_int_equal(concord_text_normalise(t, NULL, 0, &out, &out_len), CONCORD_OK);
    assert_non_null(out);
    assert_int_equal(out_len, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(compatibility_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(case_folding, setup, teardown),
        cmocka_unit_test_setup_teardown(combining_marks, setup, teardown),
        cmocka_unit_test_setup_teardown(other_scripts, setup, teardown),
        cmocka_unit_test_setup_teardown(quotes_dashes_spaces, setup, teardown),
        cmocka_unit_test_setup_teardown(long_and_pathological, setup, teardown),
        cmocka_unit_test(simple_code_points_are_normal),
        cmocka_unit_test_setup_teardown(invalid_arguments, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
