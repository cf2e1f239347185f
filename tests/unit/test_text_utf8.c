/*
 * Unit tests for lib/text/utf8: decoding, validation and repair by
 * maximal subparts, as seen through utf8.h and concord_text_repairs().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "concord.h"
#include "text/utf8.h"

#define S(lit) (lit), (sizeof(lit) - 1)

/* Code points of s, with UTF8_INVALID for each maximal subpart; returns count. */
static size_t decode_all(const char *s, size_t len, int32_t *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len; n++) {
        assert_true(n < cap);
        i += utf8_decode((const unsigned char *)s + i, len - i, &out[n]);
    }
    return n;
}

static size_t repairs(const char *s, size_t len)
{
    concord_text *t;
    assert_int_equal(concord_text_create(&t), CONCORD_OK);
    assert_int_equal(concord_text_analyse(t, s, len, CONCORD_TEXT_SENTENCES), CONCORD_OK);
    size_t r = concord_text_repairs(t);
    concord_text_free(t);
    return r;
}

static void decodes_valid_sequences(void **state)
{
    (void)state;
    int32_t cp[8];
    /* A, é, €, 😀 and the extremes of each length. */
    assert_int_equal(decode_all(S("A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"), cp, 8), 4);
    assert_int_equal(cp[0], 'A');
    assert_int_equal(cp[1], 0xE9);
    assert_int_equal(cp[2], 0x20AC);
    assert_int_equal(cp[3], 0x1F600);
    assert_int_equal(decode_all(S("\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF"), cp, 8), 4);
    assert_int_equal(cp[0], 0x80);
    assert_int_equal(cp[1], 0x7FF);
    assert_int_equal(cp[2], 0x800);
    assert_int_equal(cp[3], 0xFFFF);
    assert_int_equal(decode_all(S("\xED\x9F\xBF\xEE\x80\x80\xF4\x8F\xBF\xBF"), cp, 8), 3);
    assert_int_equal(cp[0], 0xD7FF);
    assert_int_equal(cp[1], 0xE000);
    assert_int_equal(cp[2], 0x10FFFF);
    assert_int_equal(decode_all(S("\0"), cp, 8), 1);
    assert_int_equal(cp[0], 0);
}

static void maximal_subparts(void **state)
{
    (void)state;
    int32_t cp[16];
    /* Overlong 2-byte lead: C0 and AF are two separate errors. */
    assert_int_equal(decode_all(S("\xC0\xAF"), cp, 16), 2);
    assert_int_equal(cp[0], UTF8_INVALID);
    assert_int_equal(cp[1], UTF8_INVALID);
    /* Surrogate U+D800: ED cannot be followed by A0, so three errors. */
    assert_int_equal(decode_all(S("\xED\xA0\x80"), cp, 16), 3);
    /* Above U+10FFFF: F4 90 is not a valid prefix, so four errors. */
    assert_int_equal(decode_all(S("\xF4\x90\x80\x80"), cp, 16), 4);
    /* Overlong 3-byte and 4-byte forms. */
    assert_int_equal(decode_all(S("\xE0\x80\xAF"), cp, 16), 3);
    assert_int_equal(decode_all(S("\xF0\x80\x80\xAF"), cp, 16), 4);
    /* Truncated sequences are one error each, whatever their length. */
    assert_int_equal(decode_all(S("\xE2\x82"), cp, 16), 1);
    assert_int_equal(decode_all(S("\xF0\x9F\x98"), cp, 16), 1);
    assert_int_equal(decode_all(S("\xF0\x9F\x98z"), cp, 16), 2);
    assert_int_equal(cp[0], UTF8_INVALID);
    assert_int_equal(cp[1], 'z');
    /* The example of the Unicode Standard, section 3.9 (U+FFFD substitution):
     * 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 -> a . . . b . c . . d */
    size_t n = decode_all(S("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"), cp, 16);
    static const int32_t want[] = {'a', -1, -1, -1, 'b', -1, 'c', -1, -1, 'd'};
    assert_int_equal(n, 10);
    for (size_t i = 0; i < n; i++) assert_int_equal(cp[i], want[i]);
}

static void repair_counts(void **state)
{
    (void)state;
    assert_int_equal(repairs(S("plain ASCII text.")), 0);
    assert_int_equal(repairs(S("\xC0\xAF")), 2);
    assert_int_equal(repairs(S("\xED\xA0\x80")), 3);
    assert_int_equal(repairs(S("\xF4\x90\x80\x80")), 4);
    assert_int_equal(repairs(S("truncated \xE2\x82")), 1);
    assert_int_equal(repairs(S("truncated \xE2\x82 middle")), 1);
    assert_int_equal(repairs(S("lone \x80\x81\xBF continuations")), 3);
    assert_int_equal(repairs(S("\xFE\xFF")), 2);
    assert_int_equal(repairs(S("\xF8\x88\x80\x80\x80")), 5); /* old 5-byte form */
    assert_int_equal(repairs(S("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64")), 6);
    assert_int_equal(repairs(S("caf\xC3\xA9 \xE6\x9D\xB1 \xF0\x9F\x98\x80")), 0);
    /* An error inside what would otherwise be a word. */
    assert_int_equal(repairs(S("abc\xFF"
                               "def")),
                     1);
}

static void token_offsets_survive_invalid_bytes(void **state)
{
    (void)state;
    static const char text[] =
        "caf\xC3\xA9 \xFFna\xC3\xAFve \xED\xA0\x80r\xC3\xA9sum\xC3\xA9 abc\xC0"
        "def";
    static const struct {
        const char *orig, *norm;
        size_t start, end;
    } want[] = {{"caf\xC3\xA9", "caf\xC3\xA9", 0, 5},
                {"na\xC3\xAFve", "na\xC3\xAFve", 7, 13},
                {"r\xC3\xA9sum\xC3\xA9", "r\xC3\xA9sum\xC3\xA9", 17, 25},
                {"abc", "abc", 26, 29},
                {"def", "def", 30, 33}};
    concord_text *t;
    assert_int_equal(concord_text_create(&t), CONCORD_OK);
    assert_int_equal(concord_text_analyse(t, text, sizeof text - 1, 0), CONCORD_OK);
    assert_int_equal(concord_text_repairs(t), 5);
    assert_int_equal(concord_text_token_count(t), 5);
    for (size_t i = 0; i < 5; i++) {
        const concord_token *k = concord_text_token(t, i);
        assert_int_equal(k->start, want[i].start);
        assert_int_equal(k->end, want[i].end);
        assert_int_equal(k->end - k->start, strlen(want[i].orig));
        assert_memory_equal(text + k->start, want[i].orig, strlen(want[i].orig));
        assert_int_equal(k->norm_len, strlen(want[i].norm));
        assert_memory_equal(k->norm, want[i].norm, k->norm_len);
    }
    /* Normalising the same text shows U+FFFD where the errors were. */
    const char *out;
    size_t out_len;
    assert_int_equal(concord_text_normalise(t,
                                            S("a\xFF"
                                              "b\xC0\xAF"),
                                            &out, &out_len),
                     CONCORD_OK);
    assert_int_equal(out_len, 11);
    assert_memory_equal(out,
                        "a\xEF\xBF\xBD"
                        "b\xEF\xBF\xBD\xEF\xBF\xBD",
                        11);
    concord_text_free(t);
}

static void prev_and_encode(void **state)
{
    (void)state;
    const unsigned char *s = (const unsigned char *)"a\xC3\xA9\xE2\x82\xAC\x80";
    int32_t cp;
    assert_int_equal(utf8_prev(s, 0, 3, &cp), 1);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(utf8_prev(s, 0, 6, &cp), 3);
    assert_int_equal(cp, 0x20AC);
    assert_int_equal(utf8_prev(s, 0, 7, &cp), 6); /* stray continuation byte */
    assert_int_equal(cp, UTF8_REPLACEMENT);
    assert_int_equal(utf8_prev(s, 2, 3, &cp), 2); /* never below lo */
    assert_int_equal(cp, UTF8_REPLACEMENT);
    unsigned char out[4];
    static const int32_t cps[] = {0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFD, 0x10000, 0x10FFFF};
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
        size_t n = utf8_encode(cps[i], out);
        int32_t back;
        assert_int_equal(utf8_decode(out, n, &back), n);
        assert_int_equal(back, cps[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decodes_valid_sequences),
        cmocka_unit_test(maximal_subparts),
        cmocka_unit_test(repair_counts),
        cmocka_unit_test(token_offsets_survive_invalid_bytes),
        cmocka_unit_test(prev_and_encode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
