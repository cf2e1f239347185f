/* normalise.c - see normalise.h. */
#include "text/normalise.h"

#include <assert.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "text/chars.h"
#include "text/utf8.h"

#define NORM_OPTIONS                                                                               \
    ((utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |                    \
                         UTF8PROC_CASEFOLD | UTF8PROC_IGNORE))

enum {
    /* norm_text hands utf8proc pieces of about this many bytes. */
    NORM_CHUNK = 4096,
    /* Unicode's stream-safe limit: a longer run of non-starters is cut. */
    NORM_MAX_NONSTARTERS = 30
};

void norm_scratch_init(norm_scratch *ns)
{
    ns->cps = NULL;
    ns->cap = 0;
}

void norm_scratch_free(norm_scratch *ns)
{
    free(ns->cps);
    norm_scratch_init(ns);
}

int32_t norm_unify(int32_t cp)
{
    if (cp < 0x80) {
        if (cp == '`') return '\'';
        return cp <= 0x20 || cp == 0x7F ? ' ' : cp;
    }
    /* Most scripts lie in ranges with nothing to unify. */
    if ((cp >= 0xC0 && cp < 0x2000 && cp != 0x2BC && cp != 0x1680) || (cp >= 0x3040 && cp < 0xFE00))
        return cp;
    switch (cp) {
    /* clang-format off */
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
    case 0x2033: case 0x2036: case 0x301D: case 0x301E: case 0x301F: case 0xFF02:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0x2E3A: case 0x2E3B: case 0xFE31: case 0xFE32: case 0xFE58:
    case 0xFE63: case 0xFF0D:
        return '-';
    case 0x2039: case 0x203A: /* single guillemets */
        return '\'';
    /* clang-format on */
    default:
        break;
    }
    if (cp_is_apostrophe(cp)) return '\'';
    if (cp_is_space(cp)) return ' ';
    return cp;
}

static utf8proc_int32_t unify_callback(utf8proc_int32_t cp, void *data)
{
    (void)data;
    return norm_unify(cp);
}

static concord_status scratch_reserve(norm_scratch *ns, size_t n)
{
    if (n <= ns->cap) return CONCORD_OK;
    size_t cap = ns->cap ? ns->cap : 64;
    while (cap < n) cap *= 2;
    if (cap > SIZE_MAX / sizeof *ns->cps) return CONCORD_ERR_NOMEM;
    int32_t *p = realloc(ns->cps, cap * sizeof *p);
    if (!p) return CONCORD_ERR_NOMEM;
    ns->cps = p;
    ns->cap = cap;
    return CONCORD_OK;
}

static concord_status reserve(buf *out, size_t extra)
{
    return buf_reserve(out, extra) ? CONCORD_ERR_NOMEM : CONCORD_OK;
}

concord_status norm_append(norm_scratch *ns, buf *out, const char *s, size_t len, norm_space space,
                           bool *pending)
{
    assert(space == NORM_SPACE_DROP || pending);
    if (!len) return CONCORD_OK;
    if (len > (size_t)PTRDIFF_MAX / 4) return CONCORD_ERR_NOMEM;
    utf8proc_ssize_t n;
    for (;;) {
        n = utf8proc_decompose_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, ns->cps,
                                      (utf8proc_ssize_t)ns->cap, NORM_OPTIONS, unify_callback,
                                      NULL);
        if (n < 0 || (size_t)n <= ns->cap) break;
        if (scratch_reserve(ns, (size_t)n)) return CONCORD_ERR_NOMEM;
    }
    /* Callers pass valid UTF-8 only (utf8.c and utf8proc agree on validity). */
    assert(n >= 0);
    if (n < 0) return CONCORD_ERR_INVALID;
    if (n > 0) n = utf8proc_normalize_utf32(ns->cps, n, NORM_OPTIONS);
    assert(n >= 0);
    if (n < 0) return CONCORD_ERR_INVALID;
    /* Each code point takes <= 4 bytes, plus one pending space. */
    if (reserve(out, (size_t)n * 4 + 1)) return CONCORD_ERR_NOMEM;
    unsigned char *o = (unsigned char *)out->data + out->len;
    for (utf8proc_ssize_t k = 0; k < n; k++) {
        int32_t cp = norm_unify(ns->cps[k]);
        if (cp == ' ') {
            if (space == NORM_SPACE_COLLAPSE) *pending = true;
            continue;
        }
        if (space == NORM_SPACE_COLLAPSE && *pending) {
            if (o != (unsigned char *)out->data) *o++ = ' ';
            *pending = false;
        }
        o += utf8_encode(cp, o);
    }
    out->len = (size_t)(o - (unsigned char *)out->data);
    return CONCORD_OK;
}

/* Normalise chunk (pure ASCII when ascii) into out and empty it. */
static concord_status flush(norm_scratch *ns, buf *chunk, bool *ascii, buf *out, bool *pending)
{
    if (!chunk->len) return CONCORD_OK;
    concord_status st = CONCORD_OK;
    if (*ascii) {
        if (reserve(out, chunk->len + 1)) return CONCORD_ERR_NOMEM;
        if (*pending && out->len) out->data[out->len++] = ' ';
        *pending = false;
        const unsigned char *c = (const unsigned char *)chunk->data;
        for (size_t i = 0; i < chunk->len; i++)
            out->data[out->len++] = c[i] == '`' ? '\'' : (char)chars_lower(c[i]);
    } else {
        st = norm_append(ns, out, chunk->data, chunk->len, NORM_SPACE_COLLAPSE, pending);
    }
    chunk->len = 0;
    *ascii = true;
    return st;
}

concord_status norm_text(norm_scratch *ns, buf *chunk, buf *out, const char *s, size_t len)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    const unsigned char *u = (const unsigned char *)s;
    bool pending = false, ascii = true;
    size_t nonstarters = 0;
    concord_status st = CONCORD_OK;
    out->len = 0;
    chunk->len = 0;
    for (size_t i = 0; i < len && !st;) {
        unsigned char b = u[i];
        if (b < 0x80) {
            if (chars_ascii[b] & CH_SPACE) {
                st = flush(ns, chunk, &ascii, out, &pending);
                pending = true;
            } else {
                /* An ASCII character never composes with what precedes it. */
                if (chunk->len >= NORM_CHUNK) st = flush(ns, chunk, &ascii, out, &pending);
                if (!st && buf_push(chunk, (char)b)) st = CONCORD_ERR_NOMEM;
            }
            nonstarters = 0;
            i++;
            continue;
        }
        int32_t cp;
        size_t n = utf8_decode(u + i, len - i, &cp);
        bool bad = cp < 0;
        if (bad) cp = UTF8_REPLACEMENT;
        if (cp_is_space(cp)) {
            st = flush(ns, chunk, &ascii, out, &pending);
            pending = true;
            nonstarters = 0;
            i += n;
            continue;
        }
        if (cp_is_nonstarter(cp)) {
            if (++nonstarters > NORM_MAX_NONSTARTERS) {
                st = flush(ns, chunk, &ascii, out, &pending);
                nonstarters = 1;
            }
        } else {
            nonstarters = 0;
            if (chunk->len >= NORM_CHUNK && cp_is_safe_cut(cp))
                st = flush(ns, chunk, &ascii, out, &pending);
        }
        if (!st && buf_append(chunk, bad ? replacement : s + i, bad ? 3 : n))
            st = CONCORD_ERR_NOMEM;
        ascii = false;
        i += n;
    }
    if (!st) st = flush(ns, chunk, &ascii, out, &pending);
    return st;
}
