/*
 * quote_marks.c - finding quotations: one pass over the bytes recognises
 * quotation marks (straight, curly, low, guillemets, CJK corner brackets),
 * decides paragraph breaks (blank lines, indentation, one paragraph a line)
 * and pairs the marks paragraph by paragraph into the handle's items, with
 * their contents trimmed and unbalanced or continued quotations flagged.
 * Words, speakers and partial detection come after, in quotes.c.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "text/chars.h"
#include "text/quotes_internal.h"
#include "text/utf8.h"
#include "util/buf.h"

enum { M_NONE = 0, M_DOUBLE, M_SINGLE };
enum { R_EITHER = 0, R_OPEN, R_CLOSE };

typedef struct mark {
    uint8_t kind, role, len;
    uint8_t low; /* „ : closed by “ as well as ” */
    uint8_t cjk; /* 「 」: never reinterpreted by context */
} mark;

/* The quotation mark starting at s[i], if any. */
static mark mark_at(const unsigned char *s, size_t i, size_t len)
{
    mark m = {0, 0, 0, 0, 0};
    unsigned char c = s[i];
    if (c == '"') return (mark){M_DOUBLE, R_EITHER, 1, 0, 0};
    if (c == '\'') return (mark){M_SINGLE, R_EITHER, 1, 0, 0};
    if (c == 0xC2 && i + 1 < len) {
        if (s[i + 1] == 0xAB) return (mark){M_DOUBLE, R_OPEN, 2, 0, 0};  /* « */
        if (s[i + 1] == 0xBB) return (mark){M_DOUBLE, R_CLOSE, 2, 0, 0}; /* » */
        return m;
    }
    if (i + 2 >= len) return m;
    if (c == 0xE2 && s[i + 1] == 0x80) {
        switch (s[i + 2]) {
        case 0x98: return (mark){M_SINGLE, R_EITHER, 3, 0, 0}; /* ‘ (also misused as apostrophe) */
        case 0x99: return (mark){M_SINGLE, R_EITHER, 3, 0, 0}; /* ’ (usually an apostrophe) */
        case 0x9A: return (mark){M_SINGLE, R_OPEN, 3, 0, 0};   /* ‚ */
        case 0x9B: return (mark){M_SINGLE, R_OPEN, 3, 0, 0};   /* ‛ */
        case 0x9C: return (mark){M_DOUBLE, R_OPEN, 3, 0, 0};   /* “ */
        case 0x9D: return (mark){M_DOUBLE, R_CLOSE, 3, 0, 0};  /* ” */
        case 0x9E: return (mark){M_DOUBLE, R_OPEN, 3, 1, 0};   /* „ */
        case 0x9F: return (mark){M_DOUBLE, R_OPEN, 3, 0, 0};   /* ‟ */
        case 0xB9: return (mark){M_SINGLE, R_OPEN, 3, 0, 0};   /* ‹ */
        case 0xBA: return (mark){M_SINGLE, R_CLOSE, 3, 0, 0};  /* › */
        default: return m;
        }
    }
    if (c == 0xE3 && s[i + 1] == 0x80) {
        switch (s[i + 2]) {
        case 0x8C: return (mark){M_DOUBLE, R_OPEN, 3, 0, 1};  /* 「 */
        case 0x8D: return (mark){M_DOUBLE, R_CLOSE, 3, 0, 1}; /* 」 */
        case 0x9D: return (mark){M_DOUBLE, R_OPEN, 3, 0, 0};  /* 〝 */
        case 0x9E: return (mark){M_DOUBLE, R_CLOSE, 3, 0, 0}; /* 〞 */
        case 0x9F: return (mark){M_DOUBLE, R_CLOSE, 3, 0, 0}; /* 〟 */
        default: return m;
        }
    }
    if (c == 0xEF && s[i + 1] == 0xBC && s[i + 2] == 0x82) return (mark){M_DOUBLE, R_EITHER, 3, 0, 0};
    return m;
}

/* Bytes that may start a mark or a line break: the scan skips the rest. */
static int interesting(unsigned char c)
{
    return c == '"' || c == '\'' || c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2 || c == 0xE3 ||
           c == 0xEF;
}

/* Length of the line break at s[i] (\n, \r\n, \r, U+0085, U+2028, U+2029),
   else 0; *para is set for U+2029 (always a paragraph break). */
static size_t linebreak_len(const unsigned char *s, size_t i, size_t len, int *para)
{
    *para = 0;
    if (s[i] == '\n') return 1;
    if (s[i] == '\r') return i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
    if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0x85) return 2;
    if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
        *para = s[i + 2] == 0xA9;
        return 3;
    }
    return 0;
}

/*
 * Paragraphs: a blank line, a line that starts indented (Reuters style) or
 * U+2029 ends one. A text with neither blank nor indented lines whose lines
 * are long (one paragraph a line, as seeds/002 and 003) has a paragraph per
 * line; one with short lines only is hard-wrapped and is one paragraph.
 */
static int detect_line_mode(const unsigned char *s, size_t len)
{
    size_t line_start = 0, longest = 0, breaks = 0;
    for (size_t i = 0; i < len; i++) {
        int para;
        size_t bl = linebreak_len(s, i, len, &para);
        if (!bl) continue;
        if (para) return 0;
        breaks++;
        if (i - line_start > longest) longest = i - line_start;
        size_t j = i + bl;
        if (j < len && (s[j] == ' ' || s[j] == '\t')) return 0; /* indented */
        for (size_t k = j; k < len; k++) {
            int p2;
            if (s[k] == ' ' || s[k] == '\t') continue;
            if (linebreak_len(s, k, len, &p2)) return 0; /* blank line */
            break;
        }
        i = j - 1;
        line_start = j;
    }
    if (len - line_start > longest) longest = len - line_start;
    return breaks > 0 && longest > 100;
}

/* Whether the line break s[i..i+bl) ends a paragraph; *next is where the
   next paragraph's text starts (after blank lines and indentation). */
static int paragraph_break(const unsigned char *s, size_t i, size_t bl, int bl_para, size_t len,
                           int line_mode, size_t *next)
{
    size_t j = i + bl, k = j;
    int blank = 0;
    while (k < len) {
        int p2;
        size_t b;
        if (s[k] == ' ' || s[k] == '\t') k++;
        else if ((b = linebreak_len(s, k, len, &p2))) {
            blank = 1;
            k += b;
        } else break;
    }
    *next = k;
    return bl_para || blank || line_mode || (j < len && (s[j] == ' ' || s[j] == '\t'));
}

enum { CL_SPACE = 0, CL_ALNUM, CL_PUNCT };

static int cp_class(int32_t cp)
{
    if (cp < 0x80) {
        uint8_t f = chars_ascii[cp];
        return (f & CH_SPACE) ? CL_SPACE : (f & CH_WORD) ? CL_ALNUM : CL_PUNCT;
    }
    if (cp_is_space(cp)) return CL_SPACE;
    if (cp_is_alnum(cp) || cp_is_mark(cp)) return CL_ALNUM;
    return CL_PUNCT;
}

static int class_before(const unsigned char *s, size_t i)
{
    if (i == 0) return CL_SPACE;
    int32_t cp;
    utf8_prev(s, 0, i, &cp);
    return cp_class(cp);
}

static int class_after(const unsigned char *s, size_t i, size_t len)
{
    if (i >= len) return CL_SPACE;
    int32_t cp;
    utf8_decode_repair(s + i, len - i, &cp);
    return cp_class(cp);
}

/* An apostrophe that starts a word rather than a quotation: '90s, 'tis,
   'em, rock 'n' roll. */
static int leading_apostrophe(const unsigned char *s, size_t i, size_t len)
{
    static const char *const words[] = {"tis", "twas", "em", "n", "cause", "til", "bout", "cos", "s"};
    if (i < len && s[i] >= '0' && s[i] <= '9') return 1;
    size_t n = 0;
    while (i + n < len && n < 6 && (chars_ascii[s[i + n]] & CH_ALPHA)) n++;
    if (n == 0 || n >= 6 || (i + n < len && s[i + n] >= 0x80)) return 0;
    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        if (strlen(words[w]) != n) continue;
        size_t k = 0;
        while (k < n && chars_lower(s[i + k]) == (unsigned char)words[w][k]) k++;
        if (k == n) return 1;
    }
    return 0;
}

static int is_trim_space(const unsigned char *s, size_t i, size_t len, size_t *n)
{
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') return (int)(*n = 1);
    if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0xA0) return (int)(*n = 2); /* NBSP */
    if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0xAF) return (int)(*n = 3);
    return 0;
}

/* Append a quotation with content s[start..end) (trimmed here). */
static concord_status push_quote(concord_quotes *qs, const unsigned char *s, size_t len, size_t open,
                                 size_t start, size_t end, size_t close_end, uint32_t flags,
                                 int continued)
{
    size_t n;
    size_t raw_end = end;
    while (start < end && is_trim_space(s, start, len, &n)) start += n;
    for (;;) {
        while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\n' ||
                               s[end - 1] == '\r'))
            end--;
        if (end > start + 1 && s[end - 2] == 0xC2 && s[end - 1] == 0xA0) {
            end -= 2;
            continue;
        }
        if (end > start && (s[end - 1] == ',' || s[end - 1] == ';')) {
            end--;
            continue;
        }
        break;
    }
    if (end <= start) return CONCORD_OK;
    qitem it = {.q = {start, end, 0, 0, flags},
                .open = open,
                .close_end = close_end,
                .raw_end = raw_end,
                .continued = (uint8_t)continued};
    assert(qs->n == 0 || qs->items[qs->n - 1].q.end <= start);
    return VEC_PUSH(qs->items, qs->n, qs->cap, it);
}

/*
 * Pair the marks. Double marks: an opening-type mark (“ „ « ...) opens
 * unless it sits where only a closer can (after a word, before a space);
 * a closing-type mark closes, or opens where only an opener can (Swedish
 * ”...”, Danish »...«); a straight " opens when left-flanking and closes
 * otherwise. An opener while a quotation is open closes it when in
 * closing position (or „...“), else the open one is unbalanced and a new
 * one starts. Single marks count only outside double quotations and only
 * when strictly flanking (so don't, Russia’s, students’ are no marks);
 * an unclosed single quotation is dropped, not reported.
 */
concord_status quotes_scan_marks(concord_quotes *qs, const unsigned char *s, size_t len)
{
    int line_mode = detect_line_mode(s, len);
    int dopen = 0, dcont = 0, sopen = 0;
    uint8_t dlow = 0, dcjk = 0;
    size_t dopen_at = 0, sopen_at = 0, sstart = 0, dstart = 0;
    concord_status st = CONCORD_OK;
    size_t i = 0;
    while (i < len && !st) {
        unsigned char c = s[i];
        if (!interesting(c)) {
            i++;
            continue;
        }
        int bl_para;
        size_t bl = linebreak_len(s, i, len, &bl_para);
        if (bl) {
            size_t next;
            if (!paragraph_break(s, i, bl, bl_para, len, line_mode, &next)) {
                i += bl;
                continue;
            }
            sopen = 0;
            if (dopen) {
                mark m = next < len ? mark_at(s, next, len) : (mark){0, 0, 0, 0, 0};
                if (m.kind == M_DOUBLE && m.role != R_CLOSE && !m.cjk) {
                    dcont = 1; /* the quotation goes on in the next paragraph */
                    i = next + m.len;
                    continue;
                }
                st = push_quote(qs, s, len, dopen_at, dstart, i, i, CONCORD_QUOTE_UNBALANCED, dcont);
                dopen = 0;
            }
            i = next;
            continue;
        }
        mark m = mark_at(s, i, len);
        if (m.kind == M_NONE) {
            i++;
            continue;
        }
        int prev = class_before(s, i), next = class_after(s, i + m.len, len);
        int lf = next != CL_SPACE && (next == CL_ALNUM || prev != CL_ALNUM);
        int rf = prev != CL_SPACE && (prev == CL_ALNUM || next != CL_ALNUM);
        if (m.kind == M_DOUBLE) {
            if (m.cjk) {
                if (!dopen && m.role == R_OPEN) {
                    dopen = 1, dcont = 0, dlow = 0, dcjk = 1, dopen_at = i, dstart = i + m.len;
                    sopen = 0;
                } else if (dopen && dcjk && m.role == R_CLOSE) {
                    st = push_quote(qs, s, len, dopen_at, dstart, i, i + m.len, 0, dcont);
                    dopen = 0;
                }
            } else if (!dopen) {
                int opens = m.role == R_OPEN ? !(rf && !lf) : m.role == R_CLOSE ? (lf && !rf) : lf;
                if (opens) {
                    dopen = 1, dcont = 0, dlow = m.low, dcjk = 0, dopen_at = i, dstart = i + m.len;
                    sopen = 0; /* a single quotation never contains a double one */
                }
            } else if (!dcjk) {
                int closes = m.role != R_OPEN || (rf && !lf) || (dlow && !m.low);
                if (closes) {
                    st = push_quote(qs, s, len, dopen_at, dstart, i, i + m.len, 0, dcont);
                    dopen = 0;
                } else {
                    st = push_quote(qs, s, len, dopen_at, dstart, i, i, CONCORD_QUOTE_UNBALANCED, dcont);
                    dcont = 0, dlow = m.low, dopen_at = i, dstart = i + m.len;
                }
            }
        } else if (!dopen) {
            if (!sopen) {
                int opens = m.role == R_OPEN ||
                            (m.role == R_EITHER && lf && !rf && !leading_apostrophe(s, i + m.len, len));
                if (opens) sopen = 1, sopen_at = i, sstart = i + m.len;
            } else if (m.role != R_OPEN && rf && !lf) {
                st = push_quote(qs, s, len, sopen_at, sstart, i, i + m.len, 0, 0);
                sopen = 0;
            }
        }
        i += m.len;
    }
    if (!st && dopen) st = push_quote(qs, s, len, dopen_at, dstart, len, len, CONCORD_QUOTE_UNBALANCED, dcont);
    return st;
}
