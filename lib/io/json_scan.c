/* json_scan.c - see json_scan.h. Grammar: RFC 8259. */
#include "io/json_scan.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
    const char *start, *p, *end;
    unsigned depth;
    const char *what; /* first error, NULL while fine */
    const char *at;   /* where it happened */
} parser;

static int fail(parser *ps, const char *what)
{
    if (!ps->what) {
        ps->what = what;
        ps->at = ps->p;
    }
    return 0;
}

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char c = (unsigned char)p[i];
        unsigned d = c >= '0' && c <= '9'   ? c - '0'
                     : c >= 'a' && c <= 'f' ? c - 'a' + 10
                     : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                            : 16;
        if (d == 16) return 0;
        v = v << 4 | d;
    }
    *out = v;
    return 1;
}

/* True when any of the 8 bytes is '"', '\\' or a control byte (< 0x20). */
static inline int special8(uint64_t w)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    uint64_t zq = (q - ones) & ~q, zb = (b - ones) & ~b, lt = (w - ones * 0x20) & ~w;
    return ((zq | zb | lt) & high) != 0;
}

/* UTF-8 encoding of code point cp (< 0x110000, not a surrogate) at w. */
static char *put_utf8(char *w, unsigned cp)
{
    if (cp < 0x80) {
        *w++ = (char)cp;
    } else if (cp < 0x800) {
        *w++ = (char)(0xC0 | cp >> 6);
        *w++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *w++ = (char)(0xE0 | cp >> 12);
        *w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *w++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *w++ = (char)(0xF0 | cp >> 18);
        *w++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *w++ = (char)(0x80 | (cp & 0x3F));
    }
    return w;
}

/*
 * String starting at the opening quote. With out == NULL only validates;
 * else decodes by appending to out. *escaped tells whether any escape
 * occurred (when not, the raw bytes [*raw, *raw + *raw_len) are the value
 * and nothing is appended).
 *
 * Decoding never makes a string longer than its escaped form (an escape of
 * 2 or 6 bytes yields at most 4; a surrogate pair of 12 yields 4), so one
 * reservation of the bytes left in the line covers it and the loop writes
 * through a plain pointer.
 */
static int scan_string(parser *ps, buf *out, int *escaped, const char **raw, size_t *raw_len)
{
    assert(*ps->p == '"');
    const char *p = ++ps->p, *end = ps->end, *run = p;
    char *w = NULL;
    *escaped = 0;
    *raw = p;
    for (;;) {
        while (end - p >= 8) {
            uint64_t word;
            memcpy(&word, p, 8);
            if (special8(word)) break;
            p += 8;
        }
        if (p >= end) {
            ps->p = p;
            return fail(ps, "unterminated string");
        }
        unsigned char c = (unsigned char)*p;
        if (c == '"') break;
        if (c < 0x20) {
            ps->p = p;
            return fail(ps, c ? "control character in string" : "raw NUL byte");
        }
        if (c != '\\') {
            p++;
            continue;
        }
        /* An escape: flush the plain run first. */
        if (out && !*escaped) {
            if (buf_reserve(out, (size_t)(end - *raw))) return fail(ps, "out of memory");
            w = out->data + out->len;
        }
        *escaped = 1;
        if (w) {
            memcpy(w, run, (size_t)(p - run));
            w += p - run;
        }
        if (end - p < 2) {
            ps->p = p;
            return fail(ps, "unterminated string");
        }
        char e = p[1], ch = 0;
        switch (e) {
        case '"': ch = '"'; break;
        case '\\': ch = '\\'; break;
        case '/': ch = '/'; break;
        case 'b': ch = '\b'; break;
        case 'f': ch = '\f'; break;
        case 'n': ch = '\n'; break;
        case 'r': ch = '\r'; break;
        case 't': ch = '\t'; break;
        case 'u': break;
        default: ps->p = p; return fail(ps, "invalid escape");
        }
        if (e != 'u') {
            if (w) *w++ = ch;
            p += 2;
            run = p;
            continue;
        }
        unsigned cp;
        if (end - p < 6 || !hex4(p + 2, &cp)) {
            ps->p = p;
            return fail(ps, "invalid \\u escape");
        }
        p += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) { /* high surrogate: a low one must follow */
            unsigned lo;
            if (end - p >= 6 && p[0] == '\\' && p[1] == 'u' && hex4(p + 2, &lo) && lo >= 0xDC00 &&
                lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            } else {
                cp = 0xFFFD;
            }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        if (w) w = put_utf8(w, cp);
        run = p;
    }
    *raw_len = (size_t)(p - *raw);
    if (w) {
        memcpy(w, run, (size_t)(p - run));
        w += p - run;
        out->len = (size_t)(w - out->data);
        assert(out->len <= out->cap_alloc);
    }
    ps->p = p + 1;
    return 1;
}

/* Number literal; sets *integer when it has no fraction or exponent. */
static int scan_number(parser *ps, int *integer)
{
    const char *p = ps->p, *end = ps->end;
    *integer = 1;
    if (p < end && *p == '-') p++;
    if (p >= end || *p < '0' || *p > '9') {
        ps->p = p;
        return fail(ps, "invalid number");
    }
    if (*p == '0') p++;
    else
        while (p < end && *p >= '0' && *p <= '9') p++;
    if (p < end && *p == '.') {
        *integer = 0;
        p++;
        if (p >= end || *p < '0' || *p > '9') {
            ps->p = p;
            return fail(ps, "invalid number");
        }
        while (p < end && *p >= '0' && *p <= '9') p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        *integer = 0;
        p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        if (p >= end || *p < '0' || *p > '9') {
            ps->p = p;
            return fail(ps, "invalid number");
        }
        while (p < end && *p >= '0' && *p <= '9') p++;
    }
    ps->p = p;
    return 1;
}

static int scan_literal(parser *ps, const char *word, size_t n)
{
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n)) return fail(ps, "invalid literal");
    ps->p += n;
    return 1;
}

static int skip_value(parser *ps, json_kind *kind);

/* Object or array at ps->p, validated and skipped. */
static int skip_container(parser *ps, char close)
{
    if (++ps->depth > JSON_SCAN_MAX_DEPTH) return fail(ps, "nesting too deep");
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        ps->depth--;
        return 1;
    }
    for (;;) {
        json_kind k;
        if (close == '}') {
            int esc;
            const char *raw;
            size_t rl;
            if (ps->p >= ps->end || *ps->p != '"') return fail(ps, "string or '}' expected");
            if (!scan_string(ps, NULL, &esc, &raw, &rl)) return 0;
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') return fail(ps, "':' expected");
            ps->p++;
            skip_ws(ps);
        }
        if (!skip_value(ps, &k)) return 0;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            skip_ws(ps);
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            ps->depth--;
            return 1;
        }
        return fail(ps, close == '}' ? "',' or '}' expected" : "',' or ']' expected");
    }
}

static int skip_value(parser *ps, json_kind *kind)
{
    if (ps->p >= ps->end) return fail(ps, "value expected");
    int integer, esc;
    const char *raw;
    size_t rl;
    switch (*ps->p) {
    case '{': *kind = JSCAN_OBJECT; return skip_container(ps, '}');
    case '[': *kind = JSCAN_ARRAY; return skip_container(ps, ']');
    case '"': *kind = JSCAN_STRING; return scan_string(ps, NULL, &esc, &raw, &rl);
    case 't': *kind = JSCAN_BOOL; return scan_literal(ps, "true", 4);
    case 'f': *kind = JSCAN_BOOL; return scan_literal(ps, "false", 5);
    case 'n': *kind = JSCAN_NULL; return scan_literal(ps, "null", 4);
    default:
        if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9')) {
            int ok = scan_number(ps, &integer);
            *kind = integer ? JSCAN_INTEGER : JSCAN_NUMBER;
            return ok;
        }
        return fail(ps, "value expected");
    }
}

/* Index of the wanted name equal to key[0..len), or n. */
static size_t wanted(const char *const *names, size_t n, const char *key, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(names[i]) == len && !memcmp(names[i], key, len)) return i;
    return n;
}

static int scan_members(parser *ps, json_scanner *s, const char *const *names, size_t n,
                        json_value *values)
{
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != '{') return fail(ps, "not a JSON object");
    ps->p++;
    ps->depth = 1;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
        return 1;
    }
    for (;;) {
        if (ps->p >= ps->end || *ps->p != '"') return fail(ps, "string or '}' expected");
        int esc;
        const char *key;
        size_t klen;
        size_t mark = s->scratch.len;
        if (!scan_string(ps, &s->scratch, &esc, &key, &klen)) return 0;
        if (esc) { /* a key with escapes: compare its decoded form */
            key = s->scratch.data + mark;
            klen = s->scratch.len - mark;
        }
        size_t w = wanted(names, n, key, klen);
        s->scratch.len = mark;
        skip_ws(ps);
        if (ps->p >= ps->end || *ps->p != ':') return fail(ps, "':' expected");
        ps->p++;
        skip_ws(ps);
        const char *vstart = ps->p;
        json_kind kind = JSCAN_ABSENT;
        if (w < n && ps->p < ps->end && *ps->p == '"') {
            const char *raw;
            size_t rl;
            if (!scan_string(ps, &s->scratch, &esc, &raw, &rl)) return 0;
            values[w].kind = JSCAN_STRING;
            if (esc) {
                s->offs[w] = mark;
                values[w].len = s->scratch.len - mark;
            } else {
                s->offs[w] = SIZE_MAX;
                values[w].ptr = raw;
                values[w].len = rl;
            }
        } else {
            if (!skip_value(ps, &kind)) return 0;
            if (w < n) {
                values[w].kind = kind;
                values[w].ptr = vstart;
                values[w].len = (size_t)(ps->p - vstart);
                s->offs[w] = SIZE_MAX;
            }
        }
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            skip_ws(ps);
            continue;
        }
        if (ps->p < ps->end && *ps->p == '}') {
            ps->p++;
            return 1;
        }
        return fail(ps, "',' or '}' expected");
    }
}

void json_scanner_init(json_scanner *s)
{
    buf_init(&s->scratch, 0);
    s->offs = NULL;
    s->offs_cap = 0;
}

void json_scanner_free(json_scanner *s)
{
    buf_free(&s->scratch);
    free(s->offs);
    s->offs = NULL;
    s->offs_cap = 0;
}

concord_status json_scan_object(json_scanner *s, const char *line, size_t len,
                                const char *const *names, size_t n, json_value *values, char *err,
                                size_t err_cap)
{
    if (vec_grow((void **)&s->offs, &s->offs_cap, 0, n, sizeof *s->offs)) return CONCORD_ERR_NOMEM;
    memset(values, 0, n * sizeof *values);
    buf_clear(&s->scratch);
    parser ps = {.start = line, .p = line, .end = line + len};
    if (scan_members(&ps, s, names, n, values)) {
        skip_ws(&ps);
        if (ps.p != ps.end) fail(&ps, "end of line expected after the object");
    }
    if (ps.what) {
        if (!strcmp(ps.what, "out of memory")) return CONCORD_ERR_NOMEM;
        snprintf(err, err_cap, "%s, column %zu", ps.what, (size_t)(ps.at - ps.start) + 1);
        return CONCORD_ERR_PARSE;
    }
    /* Decoded strings live in scratch, which may have moved while growing. */
    for (size_t i = 0; i < n; i++)
        if (values[i].kind == JSCAN_STRING && s->offs[i] != SIZE_MAX)
            values[i].ptr = s->scratch.data + s->offs[i];
    return CONCORD_OK;
}
