/* txt.c - see txt.h. */
#include "io/txt.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "concord.h"

/* Next line of [*p, end) without "\n" / "\r\n"; false when none is left. */
static bool next_line(const char **p, const char *end, txt_view *line)
{
    if (*p >= end) return false;
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    const char *stop = nl ? nl : end;
    line->ptr = *p;
    line->len = (size_t)(stop - *p);
    if (line->len && line->ptr[line->len - 1] == '\r') line->len--;
    *p = nl ? nl + 1 : end;
    return true;
}

static txt_view trim(txt_view v)
{
    while (v.len && (v.ptr[0] == ' ' || v.ptr[0] == '\t')) v.ptr++, v.len--;
    while (v.len && (v.ptr[v.len - 1] == ' ' || v.ptr[v.len - 1] == '\t')) v.len--;
    if (!v.len) v.ptr = NULL;
    return v;
}

int txt_is_blank(const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (data[i]) {
        case ' ':
        case '\t':
        case '\n':
        case '\v':
        case '\f':
        case '\r':
        case '\0':
            break;
        default:
            return 0;
        }
    }
    return 1;
}

/* Form 1: "Key: value" lines ended by a blank line. */
static bool key_lines(const char *data, size_t len, txt_doc *doc)
{
    static const struct {
        const char *key;
        size_t offset;
    } keys[] = {{"title", offsetof(txt_doc, title)},
                {"date", offsetof(txt_doc, date)},
                {"url", offsetof(txt_doc, url)},
                {"source", offsetof(txt_doc, source)}};
    const char *p = data, *end = data + len;
    txt_doc d = {0};
    size_t fields = 0;
    txt_view line;
    while (next_line(&p, end, &line)) {
        if (!trim(line).ptr) {
            if (!fields) return false;
            d.body.ptr = p;
            d.body.len = (size_t)(end - p);
            d.header = 1;
            *doc = d;
            return true;
        }
        const char *colon = memchr(line.ptr, ':', line.len);
        if (!colon) return false;
        size_t klen = (size_t)(colon - line.ptr), k;
        for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
            if (strlen(keys[k].key) == klen && strncasecmp(line.ptr, keys[k].key, klen) == 0) break;
        if (k == sizeof keys / sizeof keys[0]) return false;
        txt_view value = {colon + 1, line.len - klen - 1};
        *(txt_view *)((char *)&d + keys[k].offset) = trim(value);
        fields++;
    }
    return false; /* no blank line: not a header */
}

static bool is_url(txt_view v)
{
    size_t skip = 0;
    if (v.len > 7 && strncasecmp(v.ptr, "http://", 7) == 0)
        skip = 7;
    else if (v.len > 8 && strncasecmp(v.ptr, "https://", 8) == 0)
        skip = 8;
    else
        return false;
    for (size_t i = skip; i < v.len; i++)
        if (v.ptr[i] == ' ' || v.ptr[i] == '\t') return false;
    return true;
}

/* Form 2: title / YYYYMMDD / URL. */
static bool three_lines(const char *data, size_t len, txt_doc *doc)
{
    const char *p = data, *end = data + len;
    txt_view l1, l2, l3;
    if (!next_line(&p, end, &l1) || !next_line(&p, end, &l2) || !next_line(&p, end, &l3))
        return false;
    l1 = trim(l1);
    l2 = trim(l2);
    l3 = trim(l3);
    if (!l1.ptr || !l2.ptr || l2.len != 8 || !is_url(l3)) return false;
    for (size_t i = 0; i < 8; i++)
        if (l2.ptr[i] < '0' || l2.ptr[i] > '9') return false;
    char iso[16];
    if (!concord_date_iso(l2.ptr, l2.len, iso, sizeof iso)) return false;
    /* One blank line between the header and the body is not body. */
    const char *body = p;
    txt_view blank;
    if (next_line(&p, end, &blank) && !trim(blank).ptr) body = p;
    txt_doc d = {0};
    d.title = l1;
    d.date = l2;
    d.url = l3;
    d.body.ptr = body;
    d.body.len = (size_t)(end - body);
    d.header = 2;
    *doc = d;
    return true;
}

void txt_parse(const char *data, size_t len, txt_doc *doc)
{
    if (key_lines(data, len, doc) || three_lines(data, len, doc)) return;
    memset(doc, 0, sizeof *doc);
    doc->body.ptr = data;
    doc->body.len = len;
}
