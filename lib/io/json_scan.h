/*
 * json_scan.h - a validating one-pass scanner for JSON Lines records.
 *
 * A JSON Lines record is one object whose few fields we want (id, text,
 * title, ...). Building a full tree (jansson, ~90 MB/s here) costs more than
 * everything else in dedup together, so this scanner validates the whole
 * line against RFC 8259 but decodes only the wanted top-level members:
 * strings without escapes are returned in place (zero copy), others are
 * decoded into a scratch buffer owned by the scanner. Other members are
 * validated and skipped without allocation. O(len) time; nesting is limited
 * to JSON_SCAN_MAX_DEPTH levels (deeper input is rejected, never a stack
 * overflow).
 *
 * Deliberate leniency: invalid UTF-8 inside strings is passed through
 * unchanged (concord's text layer repairs it to U+FFFD and counts it, so a
 * record is never lost to an encoding slip); a lone surrogate escape
 * (\ud800) decodes to U+FFFD. Numbers are checked against the grammar but
 * never converted, so 1e999 or a 30-digit integer id is accepted (ids are
 * kept as written). "\u0000" decodes to a NUL byte: lengths travel with
 * pointers.
 */
#ifndef CONCORD_IO_JSON_SCAN_H
#define CONCORD_IO_JSON_SCAN_H

#include <stddef.h>

#include "concord.h"
#include "util/buf.h"

enum { JSON_SCAN_MAX_DEPTH = 256 };

typedef enum json_kind {
    JSCAN_ABSENT = 0, /* the member does not occur */
    JSCAN_STRING,     /* ptr/len: decoded bytes */
    JSCAN_INTEGER,    /* ptr/len: the literal, e.g. "-12" */
    JSCAN_NUMBER,     /* ptr/len: the literal, with fraction or exponent */
    JSCAN_NULL,
    JSCAN_BOOL,       /* ptr/len: "true" or "false" */
    JSCAN_ARRAY,
    JSCAN_OBJECT
} json_kind;

typedef struct json_value {
    json_kind kind;
    const char *ptr;
    size_t len;
} json_value;

typedef struct json_scanner {
    buf scratch;  /* decoded strings with escapes */
    size_t *offs; /* per wanted name: scratch offset, or SIZE_MAX if in place */
    size_t offs_cap;
} json_scanner;

void json_scanner_init(json_scanner *s);
void json_scanner_free(json_scanner *s);

/*
 * Scan line[0..len) as one JSON object (surrounding whitespace allowed).
 * values[i] receives the top-level member whose key equals names[i]
 * (NUL-terminated; the last occurrence wins). Returned pointers are valid
 * until the next scan or until line changes.
 * Returns CONCORD_OK; CONCORD_ERR_PARSE with "what, column N" (1-based
 * byte column) in err[0..err_cap); CONCORD_ERR_NOMEM.
 */
concord_status json_scan_object(json_scanner *s, const char *line, size_t len,
                                const char *const *names, size_t n, json_value *values, char *err,
                                size_t err_cap);

#endif
