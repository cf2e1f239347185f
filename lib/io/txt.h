/*
 * txt.h - one text file is one article: split an optional header off.
 *
 * Two header forms are recognised (see docs/io.md):
 *  1. "Title:", "Date:", "URL:", "Source:" lines (keys in any case, any
 *     subset, any order, the last of a repeated key wins) ended by a blank
 *     line. Any other line before the blank line means "no header".
 *  2. Three lines: a title, exactly 8 digits forming a valid YYYYMMDD date,
 *     an http:// or https:// URL without spaces. The body starts after the
 *     third line (one blank line after it is skipped).
 * Otherwise the whole input is the body. Lines end at '\n'; a '\r' before
 * it is ignored in header lines. The body is returned byte for byte (CRs,
 * invalid UTF-8 and NUL bytes included).
 */
#ifndef CONCORD_IO_TXT_H
#define CONCORD_IO_TXT_H

#include <stddef.h>

typedef struct txt_view {
    const char *ptr; /* NULL when absent */
    size_t len;
} txt_view;

typedef struct txt_doc {
    txt_view title, date, url, source; /* trimmed; absent or non-empty */
    txt_view body;                     /* never NULL ptr; may be empty */
    int header;                        /* 0 none, 1 key lines, 2 three lines */
} txt_doc;

/* Split data[0..len) (a UTF-8 BOM already removed). Views point into data.
 * O(header length). Never fails. */
void txt_parse(const char *data, size_t len, txt_doc *doc);

/* True when data[0..len) holds only ASCII whitespace and NUL bytes. */
int txt_is_blank(const char *data, size_t len);

#endif
