/*
 * pairs.c - concord_pair_reader: JSON Lines of article pairs (see
 * concord.h). Each line is scanned by json_scan_object(); a side given as
 * an object is scanned again on its own raw span, so nested fields need no
 * tree. Three scanners (line, a, b) keep their decoded strings apart.
 * O(line length) per pair; no allocation once the buffers have grown.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "concord.h"
#include "io/json_scan.h"
#include "io/stream.h"
#include "io/txt.h"
#include "util/buf.h"

enum { DEFAULT_MAX_RECORD = 64 << 20, ERROR_CAP = 4096 + 512 };

/* Fields of a side object, in this order. */
enum { S_TEXT, S_TITLE, S_DATE, S_URL, S_SOURCE, S_COUNT };
static const char *const side_names[S_COUNT] = {"text", "title", "date", "url", "source"};

/* Fields of a line. */
enum { P_ID, P_A, P_B, P_COUNT };
static const char *const pair_names[P_COUNT] = {"id", "a", "b"};

struct concord_pair_reader {
    char *name;       /* the path as given */
    stream st;
    size_t max;
    size_t line;
    json_scanner top, side[2];
    buf id;           /* "FILE:LINE" */
    char date[2][48]; /* normalised dates */
    char error[ERROR_CAP];
};

void concord_pair_reader_close(concord_pair_reader *r)
{
    if (!r) return;
    stream_free(&r->st);
    json_scanner_free(&r->top);
    json_scanner_free(&r->side[0]);
    json_scanner_free(&r->side[1]);
    buf_free(&r->id);
    free(r->name);
    free(r);
}

static concord_status open_failed(concord_pair_reader *r, concord_status st, const char *path,
                                  const char *why, char *message, size_t cap)
{
    if (message && cap) snprintf(message, cap, "%s: %s", path, why);
    concord_pair_reader_close(r);
    return st;
}

concord_status concord_pair_reader_open(concord_pair_reader **out, const char *path,
                                        size_t max_record_bytes, char *message,
                                        size_t message_cap)
{
    if (out) *out = NULL;
    if (!out || !path || !*path)
        return open_failed(NULL, CONCORD_ERR_INVALID, path ? path : "(null)", "invalid argument",
                           message, message_cap);
    concord_pair_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->name = strdup(path)))
        return open_failed(r, CONCORD_ERR_NOMEM, path, "out of memory", message, message_cap);
    stream_init(&r->st);
    json_scanner_init(&r->top);
    json_scanner_init(&r->side[0]);
    json_scanner_init(&r->side[1]);
    buf_init(&r->id, 0);
    r->max = max_record_bytes ? max_record_bytes : DEFAULT_MAX_RECORD;
    int own = strcmp(path, "-") != 0;
    int fd = own ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
    if (fd < 0) return open_failed(r, CONCORD_ERR_IO, path, strerror(errno), message, message_cap);
    concord_status st = stream_attach(&r->st, fd, own);
    if (!st) st = stream_skip_bom(&r->st);
    if (st) return open_failed(r, st, path, r->st.error, message, message_cap);
    *out = r;
    return CONCORD_OK;
}

const char *concord_pair_reader_error(const concord_pair_reader *r)
{
    return r ? r->error : "";
}

/* Fill article a from one side: a plain string, or an object with fields. */
static concord_status read_side(concord_pair_reader *r, int k, const json_value *v,
                                concord_article *a, char *why, size_t why_cap)
{
    const char *which = k ? "b" : "a";
    json_value f[S_COUNT];
    memset(f, 0, sizeof f);
    if (v->kind == JSCAN_STRING) {
        f[S_TEXT] = *v;
    } else if (v->kind == JSCAN_OBJECT) {
        char err[160];
        concord_status st = json_scan_object(&r->side[k], v->ptr, v->len, side_names, S_COUNT, f,
                                             err, sizeof err);
        if (st) {
            snprintf(why, why_cap, "\"%s\": %s", which, st == CONCORD_ERR_PARSE ? err : concord_strerror(st));
            return st;
        }
    } else {
        snprintf(why, why_cap, "\"%s\" is %s", which,
                 v->kind == JSCAN_ABSENT ? "missing" : "neither a string nor an object");
        return CONCORD_ERR_PARSE;
    }
    if (f[S_TEXT].kind != JSCAN_STRING) {
        snprintf(why, why_cap, "\"%s\" has no text", which);
        return CONCORD_ERR_PARSE;
    }
    if (txt_is_blank(f[S_TEXT].ptr, f[S_TEXT].len)) {
        snprintf(why, why_cap, "\"%s\": empty text", which);
        return CONCORD_ERR_EMPTY;
    }
    const json_value *fields[] = {&f[S_TEXT], &f[S_TITLE], &f[S_DATE], &f[S_URL], &f[S_SOURCE]};
    const char **ptrs[] = {&a->text, &a->title, &a->date, &a->url, &a->source};
    size_t *lens[] = {&a->text_len, &a->title_len, &a->date_len, &a->url_len, &a->source_len};
    for (int i = 0; i < S_COUNT; i++) {
        int ok = fields[i]->kind == JSCAN_STRING && fields[i]->len > 0;
        *ptrs[i] = ok ? fields[i]->ptr : NULL;
        *lens[i] = ok ? fields[i]->len : 0;
    }
    size_t n = a->date ? concord_date_iso(a->date, a->date_len, r->date[k], sizeof r->date[k]) : 0;
    if (n) {
        a->date = r->date[k];
        a->date_len = n;
    }
    a->file = r->name;
    a->line = r->line;
    return CONCORD_OK;
}

concord_status concord_pair_reader_next(concord_pair_reader *r, concord_article_pair *pair)
{
    if (!r || !pair) return CONCORD_ERR_INVALID;
    memset(pair, 0, sizeof *pair);
    for (;;) {
        const char *line;
        size_t len, used;
        concord_status st = stream_line(&r->st, r->max, &line, &len, &used);
        if (st == CONCORD_END) return st;
        r->line++;
        if (st == CONCORD_ERR_TOO_LARGE) {
            snprintf(r->error, sizeof r->error,
                     "%s:%zu: line too long (more than %zu bytes), skipped", r->name, r->line, r->max);
            return st;
        }
        if (st) {
            snprintf(r->error, sizeof r->error, "%s:%zu: %s", r->name, r->line, r->st.error);
            return st;
        }
        if (txt_is_blank(line, len)) continue;

        json_value v[P_COUNT];
        char why[256], err[160];
        st = json_scan_object(&r->top, line, len, pair_names, P_COUNT, v, err, sizeof err);
        if (st == CONCORD_ERR_PARSE) snprintf(why, sizeof why, "malformed JSON (%s)", err);
        else if (st) snprintf(why, sizeof why, "%s", concord_strerror(st));
        else if (v[P_ID].kind != JSCAN_ABSENT && v[P_ID].kind != JSCAN_NULL &&
                 v[P_ID].kind != JSCAN_STRING && v[P_ID].kind != JSCAN_INTEGER) {
            snprintf(why, sizeof why, "\"id\" is not a string or integer");
            st = CONCORD_ERR_PARSE;
        }
        if (!st) st = read_side(r, 0, &v[P_A], &pair->a, why, sizeof why);
        if (!st) st = read_side(r, 1, &v[P_B], &pair->b, why, sizeof why);
        if (st) {
            memset(pair, 0, sizeof *pair);
            snprintf(r->error, sizeof r->error, "%s:%zu: %s", r->name, r->line, why);
            return st;
        }
        if ((v[P_ID].kind == JSCAN_STRING || v[P_ID].kind == JSCAN_INTEGER) && v[P_ID].len) {
            pair->id = v[P_ID].ptr;
            pair->id_len = v[P_ID].len;
        } else {
            char tmp[64];
            int n = snprintf(tmp, sizeof tmp, ":%zu", r->line);
            buf_clear(&r->id);
            if (buf_append(&r->id, r->name, strlen(r->name)) || buf_append(&r->id, tmp, (size_t)n)) {
                snprintf(r->error, sizeof r->error, "%s:%zu: out of memory", r->name, r->line);
                return CONCORD_ERR_NOMEM;
            }
            pair->id = r->id.data;
            pair->id_len = r->id.len;
        }
        pair->line = r->line;
        return CONCORD_OK;
    }
}
