/*
 * jsonl.h - one JSON Lines record (one object on one line) to an article.
 *
 * Parsing is json_scan_object() (io/json_scan.h): the line is validated
 * whole, only the wanted fields are decoded. "\u0000" is kept (lengths
 * include it); a raw NUL byte or control character inside a string makes
 * the line malformed; invalid UTF-8 is passed through for the text layer to
 * repair. Complexity O(line length), no allocation once warmed up.
 */
#ifndef CONCORD_IO_JSONL_H
#define CONCORD_IO_JSONL_H

#include <stddef.h>

#include "concord.h"
#include "io/json_scan.h"

/* Field names, all non-NULL and non-empty, NUL-terminated. */
typedef struct jsonl_fields {
    const char *id, *text, *title, *date, *url, *source;
} jsonl_fields;

/*
 * Parse line[0..len) into article: text, title, url, source and the raw
 * date (not yet normalised) point into line or into the scanner's scratch
 * buffer, valid until the next parse with the same scanner.
 * The id:
 *   a non-empty string     a->id points to it;
 *   an integer             its literal, e.g. 42 -> "42";
 *   missing, null or ""    a->id = NULL (the caller names it FILE:LINE).
 * Optional fields that are missing, null, not strings or empty stay NULL.
 * Returns CONCORD_OK, or with a description in err[0..err_cap):
 *   CONCORD_ERR_PARSE  malformed JSON, not an object, text missing or not
 *                      a string, id neither string nor integer;
 *   CONCORD_ERR_EMPTY  text holds only whitespace (or "\u0000");
 *   CONCORD_ERR_NOMEM.
 */
concord_status jsonl_parse(const jsonl_fields *fields, json_scanner *scanner, const char *line,
                           size_t len, concord_article *a, char *err, size_t err_cap);

#endif
