/* jsonl.c - see jsonl.h. */
#include "io/jsonl.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "io/txt.h"

enum { F_ID, F_TEXT, F_TITLE, F_DATE, F_URL, F_SOURCE, F_COUNT };

/* A string field as a view; NULL, 0 when missing, not a string or empty. */
static void optional(const json_value *v, const char **ptr, size_t *len)
{
    int ok = v->kind == JSCAN_STRING && v->len > 0;
    *ptr = ok ? v->ptr : NULL;
    *len = ok ? v->len : 0;
}

concord_status jsonl_parse(const jsonl_fields *fields, json_scanner *scanner, const char *line,
                           size_t len, concord_article *a, char *err, size_t err_cap)
{
    assert(fields && scanner && a && err);
    const char *names[F_COUNT] = {fields->id,   fields->text, fields->title,
                                  fields->date, fields->url,  fields->source};
    json_value v[F_COUNT];
    char why[160];
    memset(a, 0, sizeof *a);
    concord_status st = json_scan_object(scanner, line, len, names, F_COUNT, v, why, sizeof why);
    if (st == CONCORD_ERR_PARSE) {
        snprintf(err, err_cap, "malformed JSON (%s)", why);
        return st;
    }
    if (st) {
        snprintf(err, err_cap, "%s", concord_strerror(st));
        return st;
    }
    if (v[F_TEXT].kind == JSCAN_ABSENT) {
        snprintf(err, err_cap, "no text (field \"%s\" missing)", fields->text);
        return CONCORD_ERR_PARSE;
    }
    if (v[F_TEXT].kind != JSCAN_STRING) {
        snprintf(err, err_cap, "field \"%s\" is not a string", fields->text);
        return CONCORD_ERR_PARSE;
    }
    if (txt_is_blank(v[F_TEXT].ptr, v[F_TEXT].len)) {
        snprintf(err, err_cap, "empty text");
        return CONCORD_ERR_EMPTY;
    }
    switch (v[F_ID].kind) {
    case JSCAN_STRING:
    case JSCAN_INTEGER:
        if (v[F_ID].len > 0) {
            a->id = v[F_ID].ptr;
            a->id_len = v[F_ID].len;
        }
        break;
    case JSCAN_ABSENT:
    case JSCAN_NULL:
        break;
    default:
        snprintf(err, err_cap, "field \"%s\" is not a string or integer", fields->id);
        memset(a, 0, sizeof *a);
        return CONCORD_ERR_PARSE;
    }
    a->text = v[F_TEXT].ptr;
    a->text_len = v[F_TEXT].len;
    optional(&v[F_TITLE], &a->title, &a->title_len);
    optional(&v[F_DATE], &a->date, &a->date_len);
    optional(&v[F_URL], &a->url, &a->url_len);
    optional(&v[F_SOURCE], &a->source, &a->source_len);
    return CONCORD_OK;
}
