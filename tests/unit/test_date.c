/* test_date.c - concord_date_iso(): every recognised form, validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "concord.h"

/* Convert in; compare with want (NULL = must not be recognised). */
static void check(const char *in, const char *want)
{
    char out[64];
    memset(out, '#', sizeof out);
    size_t n = concord_date_iso(in, strlen(in), out, sizeof out);
    if (!want) {
        if (n != 0) fail_msg("\"%s\" recognised as \"%.*s\"", in, (int)n, out);
        assert_int_equal(out[0], '#'); /* untouched */
        return;
    }
    if (n != strlen(want) || memcmp(out, want, n) != 0)
        fail_msg("\"%s\" -> \"%.*s\", want \"%s\"", in, (int)n, out, want);
    assert_int_equal(out[n], '\0');
}

static void test_iso(void **state)
{
    (void)state;
    check("2022-02-02", "2022-02-02");
    check("2022-02-02T10:00:00", "2022-02-02T10:00:00");
    check("2022-02-02T10:00", "2022-02-02T10:00:00");
    check("2022-02-02 10:00:07", "2022-02-02T10:00:07");
    check("2022-02-02T10:00:00Z", "2022-02-02T10:00:00Z");
    check("2022-02-02T10:00:00.123Z", "2022-02-02T10:00:00Z");
    check("2022-02-02T10:00:00+01:00", "2022-02-02T10:00:00+01:00");
    check("2022-02-02T10:00:00-0530", "2022-02-02T10:00:00-05:30");
    check("2022-02-02T10:00:00+01", "2022-02-02T10:00:00+01:00");
    check("  2022-02-02\n", "2022-02-02");
    check("2022-2-2", NULL);
    check("2022-02-02T", NULL);
    check("2022-02-02T25:00:00", NULL);
    check("2022-02-02T10:60:00", NULL);
    check("2022-02-02T10:00:00+25:00", NULL);
    check("2022-02-02x", NULL);
}

static void test_compact_and_slash(void **state)
{
    (void)state;
    check("20220203", "2022-02-03");
    check("2022/02/03", "2022-02-03");
    check("2022/2/3", "2022-02-03");
    check("2022023", NULL);
    check("202202031", NULL);
    check("20221301", NULL);
    check("20220230", NULL);
    check("2022/02/30", NULL);
}

static void test_leap_years(void **state)
{
    (void)state;
    check("20240229", "2024-02-29");
    check("2000-02-29", "2000-02-29");
    check("1900-02-29", NULL);
    check("2023-02-29", NULL);
    check("29 Feb 2024", "2024-02-29");
    check("2023-04-31", NULL);
    check("2023-12-31", "2023-12-31");
    check("2023-12-32", NULL);
    check("2023-00-10", NULL);
    check("0000-01-01", NULL);
}

static void test_reuters(void **state)
{
    (void)state;
    check("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01");
    check("5-MAR-1987 09:08:07.00", "1987-03-05T09:08:07");
    check("26-FEB-1987", "1987-02-26");
    check("26-FEB-1987 15:01:01.79RM", NULL); /* stray bytes: not recognised */
    check("31-FEB-1987", NULL);
}

static void test_rfc2822(void **state)
{
    (void)state;
    check("Wed, 02 Feb 2022 10:00:00 GMT", "2022-02-02T10:00:00Z");
    check("Wed, 02 Feb 2022 10:00:00 +0100", "2022-02-02T10:00:00+01:00");
    check("Wed, 02 Feb 2022 10:00:00 -0800", "2022-02-02T10:00:00-08:00");
    check("Wed, 2 Feb 2022 10:00 UT", "2022-02-02T10:00:00Z");
    check("Wed, 02 Feb 2022 10:00:00 +0000 (UTC)", "2022-02-02T10:00:00+00:00");
    check("Wed, 02 Feb 2022 10:00:00 EST", "2022-02-02T10:00:00-05:00");
    check("02 Feb 2022 10:00:00", "2022-02-02T10:00:00");
    check("Wed, 02 Feb 2022 10:00:00 XYZ", NULL);
    check("Wed, 02 Feb 2022 10:00:00 +01000", NULL);
    check("Wed 02 Feb 2022", "2022-02-02");
    check("Blursday, 02 Feb 2022", NULL);
}

static void test_worded(void **state)
{
    (void)state;
    check("February 2, 2022", "2022-02-02");
    check("Feb. 2, 2022", "2022-02-02");
    check("Feb 2 2022", "2022-02-02");
    check("Sept. 30, 2021", "2021-09-30");
    check("2 February 2022", "2022-02-02");
    check("2 february 2022", "2022-02-02");
    check("Wednesday, February 2, 2022", "2022-02-02");
    check("February 2, 2022, 3:15 PM", "2022-02-02T15:15:00");
    check("February 2, 2022 12:05 am", "2022-02-02T00:05:00");
    check("February 2, 2022 13:05 PM", NULL);
    check("February 30, 2022", NULL);
    check("Febr 2, 2022", NULL);
    check("February 2nd, 2022", NULL);
    check("February, 2022", NULL);
}

static void test_unrecognised_and_limits(void **state)
{
    (void)state;
    check("", NULL);
    check("   ", NULL);
    check("yesterday", NULL);
    check("1987", NULL);
    check("2022-02-02\0", "2022-02-02"); /* strlen stops at the NUL */

    char out[64];
    /* Lengths, not terminators: only the first 10 bytes are looked at. */
    assert_int_equal(concord_date_iso("2022-02-02T10:00:00", 10, out, sizeof out), 10);
    assert_string_equal(out, "2022-02-02");
    /* An embedded NUL is not a date. */
    assert_int_equal(concord_date_iso("2022-02-02\0x", 12, out, sizeof out), 0);
    /* Too small an output buffer: 0 and out untouched. */
    memset(out, '#', sizeof out);
    assert_int_equal(concord_date_iso("2022-02-02", 10, out, 10), 0);
    assert_int_equal(out[0], '#');
    assert_int_equal(concord_date_iso("2022-02-02", 10, out, 11), 10);
    assert_string_equal(out, "2022-02-02");
    assert_int_equal(concord_date_iso(NULL, 0, out, sizeof out), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso),
        cmocka_unit_test(test_compact_and_slash),
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_reuters),
        cmocka_unit_test(test_rfc2822),
        cmocka_unit_test(test_worded),
        cmocka_unit_test(test_unrecognised_and_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
