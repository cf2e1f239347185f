/*
 * date.c - concord_date_iso(): common news date formats to ISO 8601.
 *
 * Each recognised form is a small recursive-descent parser over a cursor;
 * a form matches only when it consumes the whole input (surrounding ASCII
 * whitespace aside), so nothing is ever half-recognised. O(len), no
 * allocation, no locale.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "concord.h"

typedef struct cursor {
    const char *p, *end;
} cursor;

typedef struct date_parts {
    int year, month, day;
    bool has_time;
    int hour, minute, second;
    char zone[16]; /* "", "Z" or "+HH:MM" */
} date_parts;

static bool at_end(const cursor *c)
{
    return c->p == c->end;
}
static int peek(const cursor *c)
{
    return c->p < c->end ? (unsigned char)*c->p : -1;
}
static bool is_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}
static bool is_alpha(int ch)
{
    return (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
}
static bool is_space(int ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static bool lit(cursor *c, int ch)
{
    if (peek(c) != ch) return false;
    c->p++;
    return true;
}

/* One or more spaces. */
static bool spaces(cursor *c)
{
    const char *start = c->p;
    while (is_space(peek(c))) c->p++;
    return c->p > start;
}

/* Between min and max digits (greedy) as a number; a digit after max is
 * left for the caller (whose next expectation then fails). */
static bool number(cursor *c, int min, int max, int *value)
{
    int n = 0, v = 0;
    while (n < max && is_digit(peek(c))) {
        v = v * 10 + (*c->p++ - '0');
        n++;
    }
    if (n < min) return false;
    *value = v;
    return true;
}

/* A run of ASCII letters, lower-cased into w (truncated words never match). */
static size_t word(cursor *c, char *w, size_t cap)
{
    size_t n = 0;
    while (is_alpha(peek(c))) {
        char ch = (char)(*c->p++ | 0x20);
        if (n + 1 < cap) w[n] = ch;
        n++;
    }
    if (n >= cap) n = 0;
    w[n] = '\0';
    return n;
}

static int month_number(const char *w)
{
    static const char *const names[12] = {"january",   "february", "march",    "april",
                                          "may",       "june",     "july",     "august",
                                          "september", "october",  "november", "december"};
    size_t n = strlen(w);
    for (int i = 0; i < 12; i++)
        if ((n == 3 && strncmp(w, names[i], 3) == 0) || strcmp(w, names[i]) == 0) return i + 1;
    if (strcmp(w, "sept") == 0) return 9;
    return 0;
}

static bool is_weekday(const char *w)
{
    static const char *const names[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};
    size_t n = strlen(w);
    for (int i = 0; i < 7; i++)
        if ((n == 3 && strncmp(w, names[i], 3) == 0) || strcmp(w, names[i]) == 0) return true;
    return false;
}

/* A month name or abbreviation, optionally followed by a period. */
static bool month_word(cursor *c, int *month)
{
    char w[16];
    if (!word(c, w, sizeof w) || !(*month = month_number(w))) return false;
    lit(c, '.');
    return true;
}

static bool valid_date(const date_parts *d)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d->year < 1 || d->month < 1 || d->month > 12 || d->day < 1) return false;
    int y = d->year;
    bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    int max = days[d->month - 1] + (d->month == 2 && leap);
    if (d->day > max) return false;
    if (d->has_time && (d->hour > 23 || d->minute > 59 || d->second > 60)) return false;
    return true;
}

/* Fraction of a second after '.' or ',': dropped. */
static void fraction(cursor *c)
{
    const char *save = c->p;
    if ((lit(c, '.') || lit(c, ',')) && is_digit(peek(c))) {
        while (is_digit(peek(c))) c->p++;
    } else {
        c->p = save;
    }
}

/* Numeric offset: +HH, +HHMM or +HH:MM (also '-'), normalised to +HH:MM. */
static bool offset(cursor *c, date_parts *d)
{
    int sign = peek(c);
    if (sign != '+' && sign != '-') return false;
    c->p++;
    int h, m = 0;
    if (!number(c, 2, 2, &h)) return false;
    if (lit(c, ':')) {
        if (!number(c, 2, 2, &m)) return false;
    } else if (is_digit(peek(c)) && !number(c, 2, 2, &m)) {
        return false;
    }
    if (h > 23 || m > 59) return false;
    const char z[7] = {(char)sign, (char)('0' + h / 10), (char)('0' + h % 10),
                       ':',        (char)('0' + m / 10), (char)('0' + m % 10),
                       '\0'};
    memcpy(d->zone, z, sizeof z);
    return true;
}

/* ISO 8601: YYYY-MM-DD[(T| )HH:MM[:SS[.frac]][Z|+HH[:MM]]]. */
static bool parse_iso(cursor *c, date_parts *d)
{
    if (!number(c, 4, 4, &d->year) || !lit(c, '-') || !number(c, 2, 2, &d->month) || !lit(c, '-') ||
        !number(c, 2, 2, &d->day))
        return false;
    if (at_end(c)) return true;
    if (!lit(c, 'T') && !lit(c, 't') && !lit(c, ' ')) return false;
    d->has_time = true;
    if (!number(c, 2, 2, &d->hour) || !lit(c, ':') || !number(c, 2, 2, &d->minute)) return false;
    if (lit(c, ':')) {
        if (!number(c, 2, 2, &d->second)) return false;
        fraction(c);
    }
    if (lit(c, 'Z') || lit(c, 'z'))
        memcpy(d->zone, "Z", 2);
    else if (!at_end(c) && !offset(c, d))
        return false;
    return at_end(c);
}

/* YYYYMMDD. */
static bool parse_compact(cursor *c, date_parts *d)
{
    if (c->end - c->p != 8) return false;
    return number(c, 4, 4, &d->year) && number(c, 2, 2, &d->month) && number(c, 2, 2, &d->day);
}

/* YYYY/MM/DD (one-digit month and day allowed). */
static bool parse_slash(cursor *c, date_parts *d)
{
    return number(c, 4, 4, &d->year) && lit(c, '/') && number(c, 1, 2, &d->month) && lit(c, '/') &&
           number(c, 1, 2, &d->day) && at_end(c);
}

/* Time after a worded date: H:MM[:SS[.frac]] [AM|PM] [zone] [(comment)]. */
static bool worded_time(cursor *c, date_parts *d)
{
    d->has_time = true;
    if (!number(c, 1, 2, &d->hour) || !lit(c, ':') || !number(c, 2, 2, &d->minute)) return false;
    if (lit(c, ':')) {
        if (!number(c, 2, 2, &d->second)) return false;
        fraction(c);
    }
    const char *save = c->p;
    bool sp = spaces(c);
    char w[8];
    cursor probe = *c;
    size_t n = word(&probe, w, sizeof w);
    if (n == 2 && (strcmp(w, "am") == 0 || strcmp(w, "pm") == 0)) {
        if (d->hour < 1 || d->hour > 12) return false;
        d->hour = d->hour % 12 + (w[0] == 'p' ? 12 : 0);
        *c = probe;
        save = c->p;
        sp = spaces(c);
    }
    if (at_end(c)) return true;
    if (!sp) c->p = save; /* a zone may follow without a space: "10:00Z" */
    static const struct {
        const char *name, *zone;
    } zones[] = {{"gmt", "Z"},      {"ut", "Z"},       {"utc", "Z"},      {"z", "Z"},
                 {"est", "-05:00"}, {"edt", "-04:00"}, {"cst", "-06:00"}, {"cdt", "-05:00"},
                 {"mst", "-07:00"}, {"mdt", "-06:00"}, {"pst", "-08:00"}, {"pdt", "-07:00"}};
    probe = *c;
    if (word(&probe, w, sizeof w)) {
        size_t i;
        for (i = 0; i < sizeof zones / sizeof zones[0]; i++)
            if (strcmp(w, zones[i].name) == 0) break;
        if (i == sizeof zones / sizeof zones[0]) return false;
        snprintf(d->zone, sizeof d->zone, "%s", zones[i].zone);
        *c = probe;
    } else if (!offset(c, d)) {
        return false;
    }
    spaces(c);
    if (lit(c, '(')) { /* RFC 2822 comment such as "(UTC)" */
        while (!at_end(c) && peek(c) != ')') c->p++;
        if (!lit(c, ')')) return false;
        spaces(c);
    }
    return at_end(c);
}

/*
 * [Weekday[,]] then "D Month YYYY", "D-MON-YYYY" or "Month[.] D[,] YYYY",
 * then optionally [,] and a time (see worded_time).
 */
static bool parse_worded(cursor *c, date_parts *d)
{
    char w[16];
    cursor probe = *c;
    if (word(&probe, w, sizeof w) && is_weekday(w)) {
        *c = probe;
        lit(c, ',');
        if (!spaces(c)) return false;
    }
    if (is_digit(peek(c))) {
        if (!number(c, 1, 2, &d->day)) return false;
        bool dash = lit(c, '-');
        if (!dash && !spaces(c)) return false;
        if (!month_word(c, &d->month)) return false;
        if (dash ? !lit(c, '-') : !spaces(c)) return false;
    } else {
        if (!month_word(c, &d->month) || !spaces(c) || !number(c, 1, 2, &d->day)) return false;
        lit(c, ',');
        if (!spaces(c)) return false;
    }
    if (!number(c, 4, 4, &d->year)) return false;
    if (at_end(c)) return true;
    lit(c, ',');
    if (!spaces(c)) return false;
    return worded_time(c, d);
}

size_t concord_date_iso(const char *date, size_t len, char *out, size_t cap)
{
    if (!date || !out) return 0;
    cursor all = {date, date + len};
    while (all.p < all.end && is_space((unsigned char)*all.p)) all.p++;
    while (all.end > all.p && is_space((unsigned char)all.end[-1])) all.end--;
    if (all.p == all.end) return 0;

    bool (*const forms[])(cursor *, date_parts *) = {parse_iso, parse_compact, parse_slash,
                                                     parse_worded};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        cursor c = all;
        date_parts d = {0};
        if (!forms[i](&c, &d) || !at_end(&c) || !valid_date(&d)) continue;
        char tmp[64];
        int n = d.has_time ? snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d%s", d.year,
                                      d.month, d.day, d.hour, d.minute, d.second, d.zone)
                           : snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d.year, d.month, d.day);
        assert(n > 0 && (size_t)n < sizeof tmp);
        if ((size_t)n >= cap) return 0;
        memcpy(out, tmp, (size_t)n + 1);
        return (size_t)n;
    }
    return 0;
}
