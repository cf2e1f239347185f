/*
 * fuzz_json_scan.c - the JSON Lines scanner (lib/io/json_scan.c) on
 * arbitrary bytes, taken as one line.
 *
 * Checks, besides memory safety (ASan) and undefined behaviour (UBSan):
 *  - on CONCORD_OK every wanted member's [ptr, ptr + len) lies inside the
 *    input (in place) or inside the scanner's scratch buffer (decoded), a
 *    zero-copy string holds no '"', '\\' or control byte, and literals are
 *    what their kind says;
 *  - on CONCORD_ERR_PARSE the message ends in ", column N" with N within
 *    1..size + 1;
 *  - a second scan of the same line with more names in another order (one
 *    of them "") gives the same values: the scanner is static, so it is
 *    reused across scans and inputs, which catches state kept by mistake;
 *  - differential against jansson (the reference parser, as in
 *    tests/unit/test_json_scan.c): what jansson accepts as an object the
 *    scanner accepts with the same member kinds and string bytes (unless it
 *    nests deeper than JSON_SCAN_MAX_DEPTH); what the scanner accepts and
 *    jansson rejects must be one of the documented leniencies; a line with
 *    a raw NUL byte is always rejected (there jansson is no reference).
 */
#include <assert.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fuzz.h"
#include "io/json_scan.h"

enum { NAMES = 4, NAMES2 = 7 };
static const char *const names[NAMES] = {"id", "text", "title", "date"};
/* The same four in another order, plus others; maps2[i] = index in names2. */
static const char *const names2[NAMES2] = {"", "date", "url", "text", "id", "source", "title"};
static const size_t maps2[NAMES] = {4, 3, 6, 1};

static json_scanner scanner; /* reused on purpose: state must not leak */
static int scanner_ready;

static int inside(const char *p, size_t len, const char *lo, size_t lo_len)
{
    if (!lo) return len == 0 && p == NULL;
    uintptr_t a = (uintptr_t)p, b = (uintptr_t)lo;
    return a >= b && a - b <= lo_len && len <= lo_len - (a - b);
}

/* Invariants of one successful scan of line[0..len). */
static void check_values(const char *line, size_t len, const json_value *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (v[i].kind) {
        case JSCAN_ABSENT: assert(v[i].ptr == NULL && v[i].len == 0); break;
        case JSCAN_NULL:
            assert(v[i].len == 4 && inside(v[i].ptr, v[i].len, line, len) &&
                   memcmp(v[i].ptr, "null", 4) == 0);
            break;
        case JSCAN_STRING:
            if (inside(v[i].ptr, v[i].len, line, len)) {
                /* Zero copy: the raw bytes between the quotes, no escapes. */
                assert(v[i].ptr > line && v[i].ptr[-1] == '"');
                assert((size_t)(v[i].ptr - line) + v[i].len < len && v[i].ptr[v[i].len] == '"');
                for (size_t k = 0; k < v[i].len; k++) {
                    unsigned char c = (unsigned char)v[i].ptr[k];
                    assert(c >= 0x20 && c != '"' && c != '\\');
                }
            } else {
                assert(v[i].len == 0 ||
                       inside(v[i].ptr, v[i].len, scanner.scratch.data, scanner.scratch.len));
                if (v[i].len) assert(v[i].ptr != NULL);
            }
            break;
        case JSCAN_INTEGER:
        case JSCAN_NUMBER:
            assert(v[i].len > 0 && inside(v[i].ptr, v[i].len, line, len));
            for (size_t k = 0; k < v[i].len; k++) {
                char c = v[i].ptr[k];
                int digit = c >= '0' && c <= '9';
                if (v[i].kind == JSCAN_INTEGER)
                    assert(digit || (k == 0 && c == '-'));
                else
                    assert(digit || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E');
            }
            break;
        case JSCAN_BOOL:
            assert(inside(v[i].ptr, v[i].len, line, len));
            assert((v[i].len == 4 && memcmp(v[i].ptr, "true", 4) == 0) ||
                   (v[i].len == 5 && memcmp(v[i].ptr, "false", 5) == 0));
            break;
        case JSCAN_ARRAY:
        case JSCAN_OBJECT:
            assert(v[i].len >= 2 && inside(v[i].ptr, v[i].len, line, len));
            assert(v[i].ptr[0] == (v[i].kind == JSCAN_ARRAY ? '[' : '{'));
            assert(v[i].ptr[v[i].len - 1] == (v[i].kind == JSCAN_ARRAY ? ']' : '}'));
            break;
        default:
            assert(!"unknown json_kind");
        }
    }
}

/* "..., column N" with 1 <= N <= len + 1. */
static void check_error(const char *err, size_t len)
{
    const char *c = strstr(err, ", column ");
    assert(c && c > err);
    c += strlen(", column ");
    assert(*c >= '1' && *c <= '9');
    char *end;
    uintmax_t col = strtoumax(c, &end, 10);
    assert(*end == '\0' && col >= 1 && col <= (uintmax_t)len + 1);
}

/* The scanner's member must be what jansson found (NULL: absent). */
static void same_as_jansson(const json_t *j, const json_value *v)
{
    if (!j) {
        assert(v->kind == JSCAN_ABSENT);
        return;
    }
    switch (json_typeof(j)) {
    case JSON_STRING:
        assert(v->kind == JSCAN_STRING && v->len == json_string_length(j));
        assert(v->len == 0 || memcmp(v->ptr, json_string_value(j), v->len) == 0);
        break;
    case JSON_INTEGER: {
        assert(v->kind == JSCAN_INTEGER && v->len < 32);
        char lit[32];
        memcpy(lit, v->ptr, v->len);
        lit[v->len] = '\0';
        assert(strtoimax(lit, NULL, 10) == (intmax_t)json_integer_value(j));
        break;
    }
    case JSON_REAL: assert(v->kind == JSCAN_NUMBER); break;
    case JSON_TRUE:
    case JSON_FALSE: assert(v->kind == JSCAN_BOOL); break;
    case JSON_NULL: assert(v->kind == JSCAN_NULL); break;
    case JSON_ARRAY: assert(v->kind == JSCAN_ARRAY); break;
    case JSON_OBJECT: assert(v->kind == JSCAN_OBJECT); break;
    }
}

/* Leniencies of the scanner documented in json_scan.h, by jansson's words. */
static int lenient(const char *jansson_error)
{
    static const char *const words[] = {
        "Unicode",                /* lone surrogate escape -> U+FFFD */
        "unable to decode byte",  /* invalid UTF-8 passed through */
        "too big",                /* integers beyond 64 bits: kept as written */
        "overflow",               /* 1e999: numbers are never converted */
        "NUL byte in object key", /* "\u0000" decodes to a NUL byte */
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(jansson_error, words[i])) return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!scanner_ready) {
        json_scanner_init(&scanner);
        scanner_ready = 1;
    }
    const char *line = (const char *)data;
    json_value v[NAMES];
    char err[256];
    err[0] = '\0';
    concord_status st = json_scan_object(&scanner, line, size, names, NAMES, v, err, sizeof err);
    assert(st == CONCORD_OK || st == CONCORD_ERR_PARSE);

    /* A raw NUL byte is invalid anywhere in JSON. jansson 2.14 drops one
     * that follows a literal or a number ({"a":null<00>} is accepted), so
     * it is no reference for such lines: check the verdict directly. */
    if (memchr(line, '\0', size)) {
        assert(st == CONCORD_ERR_PARSE);
        check_error(err, size);
        return 0;
    }
    json_error_t je;
    json_t *ref = json_loadb(line, size, JSON_ALLOW_NUL, &je);
    int ref_ok = ref && json_is_object(ref);

    if (st == CONCORD_ERR_PARSE) {
        check_error(err, size);
        /* jansson nests up to 2048 levels, the scanner up to 256. */
        assert(!ref_ok || strncmp(err, "nesting too deep", 16) == 0);
        json_decref(ref);
        return 0;
    }
    check_values(line, size, v, NAMES);
    if (ref_ok)
        for (size_t i = 0; i < NAMES; i++) same_as_jansson(json_object_get(ref, names[i]), &v[i]);
    else
        assert(!ref && lenient(je.text));
    json_decref(ref);

    /* Keep copies, scan again with other names, compare. */
    char *copy[NAMES];
    for (size_t i = 0; i < NAMES; i++) {
        copy[i] = malloc(v[i].len + 1);
        assert(copy[i]);
        if (v[i].len) memcpy(copy[i], v[i].ptr, v[i].len);
    }
    json_value v2[NAMES2];
    st = json_scan_object(&scanner, line, size, names2, NAMES2, v2, err, sizeof err);
    assert(st == CONCORD_OK);
    check_values(line, size, v2, NAMES2);
    for (size_t i = 0; i < NAMES; i++) {
        const json_value *a = &v[i], *b = &v2[maps2[i]];
        assert(a->kind == b->kind && a->len == b->len);
        assert(b->len == 0 || memcmp(copy[i], b->ptr, b->len) == 0);
        free(copy[i]);
    }
    return 0;
}
