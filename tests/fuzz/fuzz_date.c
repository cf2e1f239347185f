/*
 * fuzz_date.c - concord_date_iso() (lib/io/date.c) on arbitrary bytes.
 *
 * When it returns n > 0:
 *  - out holds exactly n bytes before its NUL;
 *  - out is YYYY-MM-DD, then optionally THH:MM:SS and a zone "Z" or
 *    "+HH:MM" / "-HH:MM", with the fields in range (month 01-12, day within
 *    the month, hour 00-23, minute 00-59, second 00-60);
 *  - it is a fixed point: converting out again gives the same string;
 *  - a buffer one byte too small (no room for the NUL) gives 0 and is not
 *    touched.
 * When it returns 0, out is not touched.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "concord.h"
#include "fuzz.h"

enum { CAP = 64, GUARD = 0x5A };

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

static int num2(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

static void untouched(const char *buf, size_t from)
{
    for (size_t i = from; i < CAP; i++) assert((unsigned char)buf[i] == GUARD);
}

/* ^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?)?$ */
static void check_iso(const char *s, size_t n)
{
    assert(n >= 10);
    assert(digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' && digits(s + 8, 2));
    int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + num2(s + 2);
    int month = num2(s + 5), day = num2(s + 8);
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    assert(year >= 1 && month >= 1 && month <= 12);
    assert(day >= 1 && day <= days[month - 1] + (month == 2 && leap));
    if (n == 10) return;
    assert(n >= 19 && s[10] == 'T' && digits(s + 11, 2) && s[13] == ':' && digits(s + 14, 2) &&
           s[16] == ':' && digits(s + 17, 2));
    assert(num2(s + 11) <= 23 && num2(s + 14) <= 59 && num2(s + 17) <= 60);
    if (n == 19) return;
    if (n == 20) {
        assert(s[19] == 'Z');
        return;
    }
    assert(n == 25 && (s[19] == '+' || s[19] == '-') && digits(s + 20, 2) && s[22] == ':' &&
           digits(s + 23, 2));
    assert(num2(s + 20) <= 23 && num2(s + 23) <= 59);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    char out[CAP];
    memset(out, GUARD, sizeof out);
    size_t n = concord_date_iso(in, size, out, sizeof out);
    if (n == 0) {
        untouched(out, 0);
        return 0;
    }
    assert(n < CAP);
    assert(memchr(out, '\0', n) == NULL && out[n] == '\0');
    untouched(out, n + 1);
    check_iso(out, n);

    /* A fixed point: ISO in, the same ISO out. */
    char again[CAP];
    memset(again, GUARD, sizeof again);
    size_t m = concord_date_iso(out, n, again, sizeof again);
    assert(m == n && memcmp(out, again, n + 1) == 0);

    /* No room for the NUL: 0, nothing written. */
    char small[CAP];
    memset(small, GUARD, sizeof small);
    assert(concord_date_iso(in, size, small, n) == 0);
    untouched(small, 0);
    /* Exactly enough room. */
    assert(concord_date_iso(in, size, small, n + 1) == n && memcmp(small, out, n + 1) == 0);
    untouched(small, n + 1);
    return 0;
}
