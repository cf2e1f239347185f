/*
 * reader.c - concord_reader: dispatch one input argument to JSON Lines,
 * a single text file, or a directory walk (see concord.h, docs/io.md).
 *
 * Ownership: the reader owns one stream (reused from file to file), the
 * JSON scanner (decoded strings of the record last returned), the line
 * buffer and small buffers for ids and
 * dates; every pointer in a returned article points into one of them and
 * stays valid until the next call on the reader.
 */
#include "io/reader.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#include "io/dir.h"
#include "io/jsonl.h"
#include "io/stream.h"
#include "io/txt.h"
#include "util/buf.h"

enum { DEFAULT_MAX_RECORD = 64 << 20, ERROR_CAP = 4096 + 512 };

typedef enum reader_mode { MODE_JSONL, MODE_TEXT, MODE_DIR } reader_mode;

struct concord_reader {
    reader_mode mode;
    bool done;         /* CONCORD_END from now on */
    char *name;        /* the argument as given ("-" for stdin) */
    char *field_store; /* copies of the field names */
    jsonl_fields fields;
    size_t max; /* max_record_bytes in effect */
    stream st;
    json_scanner json;     /* JSON Lines parser state and decoded strings */
    dirwalk *walk;         /* MODE_DIR */
    size_t line;           /* JSON Lines: lines read so far */
    size_t bytes_done;     /* bytes of files already finished */
    buf id;                /* "FILE:LINE" ids */
    char date[48];         /* normalised dates */
    char error[ERROR_CAP]; /* last error, "" if none */
};

void concord_reader_options_init(concord_reader_options *o)
{
    if (!o) return;
    o->id_field = "id";
    o->text_field = "text";
    o->title_field = "title";
    o->date_field = "date";
    o->url_field = "url";
    o->source_field = "source";
    o->max_record_bytes = DEFAULT_MAX_RECORD;
}

/* Copy the field names (NULL = default; "" is invalid). */
static concord_status set_options(concord_reader *r, const concord_reader_options *options)
{
    concord_reader_options d;
    concord_reader_options_init(&d);
    const concord_reader_options *o = options ? options : &d;
    const char *in[6] = {o->id_field,   o->text_field, o->title_field,
                         o->date_field, o->url_field,  o->source_field};
    const char *def[6] = {d.id_field,   d.text_field, d.title_field,
                          d.date_field, d.url_field,  d.source_field};
    size_t total = 0;
    for (int i = 0; i < 6; i++) {
        if (!in[i]) in[i] = def[i];
        if (!*in[i]) return CONCORD_ERR_INVALID;
        total += strlen(in[i]) + 1;
    }
    r->field_store = malloc(total);
    if (!r->field_store) return CONCORD_ERR_NOMEM;
    const char **outs[6] = {&r->fields.id,   &r->fields.text, &r->fields.title,
                            &r->fields.date, &r->fields.url,  &r->fields.source};
    char *p = r->field_store;
    for (int i = 0; i < 6; i++) {
        size_t n = strlen(in[i]) + 1;
        memcpy(p, in[i], n);
        *outs[i] = p;
        p += n;
    }
    r->max = o->max_record_bytes ? o->max_record_bytes : DEFAULT_MAX_RECORD;
    return CONCORD_OK;
}

static concord_status create(concord_reader **out, const char *name,
                             const concord_reader_options *options)
{
    concord_reader *r = calloc(1, sizeof *r);
    if (!r) return CONCORD_ERR_NOMEM;
    stream_init(&r->st);
    buf_init(&r->id, 0);
    json_scanner_init(&r->json);
    r->name = strdup(name);
    concord_status st = r->name ? set_options(r, options) : CONCORD_ERR_NOMEM;
    if (st) {
        concord_reader_close(r);
        return st;
    }
    *out = r;
    return CONCORD_OK;
}

/* Fail an open: copy the reason out, free the reader. */
static concord_status open_failed(concord_reader *r, concord_status st, char *message,
                                  size_t message_cap)
{
    if (message && message_cap) {
        const char *why = r && r->error[0] ? r->error : concord_strerror(st);
        snprintf(message, message_cap, "%s", why);
    }
    concord_reader_close(r);
    return st;
}

/* Attach fd (owned or not) to the reader's stream, drop a BOM. */
static concord_status attach(concord_reader *r, int fd, bool own, const char *path)
{
    r->bytes_done += r->st.consumed;
    r->st.consumed = 0;
    stream_detach(&r->st);
    concord_status st = stream_attach(&r->st, fd, own);
    if (!st) st = stream_skip_bom(&r->st);
    if (st) {
        snprintf(r->error, sizeof r->error, "%s: %s", path, r->st.error);
        stream_detach(&r->st);
    }
    return st;
}

/* Sniff an attached stream: JSON Lines if the first non-blank byte is '{'. */
static concord_status sniff(concord_reader *r)
{
    int first;
    concord_status st = stream_peek_nonblank(&r->st, r->max, &first);
    if (st) {
        snprintf(r->error, sizeof r->error, "%s: %s", r->name, r->st.error);
        return st;
    }
    r->mode = first == '{' ? MODE_JSONL : MODE_TEXT;
    return CONCORD_OK;
}

concord_status reader_open_fd(concord_reader **out, int fd, const char *name,
                              const concord_reader_options *options, char *message,
                              size_t message_cap)
{
    if (out) *out = NULL;
    if (!out || fd < 0 || !name)
        return open_failed(NULL, CONCORD_ERR_INVALID, message, message_cap);
    concord_reader *r = NULL;
    concord_status st = create(&r, name, options);
    if (st) return open_failed(NULL, st, message, message_cap);
    if ((st = attach(r, fd, false, name)) || (st = sniff(r)))
        return open_failed(r, st, message, message_cap);
    *out = r;
    return CONCORD_OK;
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* *.jsonl, *.ndjson, *.json, each optionally followed by .gz or .zst. */
static bool is_jsonl_name(const char *path)
{
    size_t n = strlen(path);
    if (ends_with(path, n, ".gz"))
        n -= 3;
    else if (ends_with(path, n, ".zst"))
        n -= 4;
    return ends_with(path, n, ".jsonl") || ends_with(path, n, ".ndjson") ||
           ends_with(path, n, ".json");
}

concord_status concord_reader_open(concord_reader **out, const char *path,
                                   const concord_reader_options *options, char *message,
                                   size_t message_cap)
{
    if (out) *out = NULL;
    if (!out || !path || !*path)
        return open_failed(NULL, CONCORD_ERR_INVALID, message, message_cap);
    if (strcmp(path, "-") == 0)
        return reader_open_fd(out, STDIN_FILENO, "-", options, message, message_cap);

    concord_reader *r = NULL;
    concord_status st = create(&r, path, options);
    if (st) return open_failed(NULL, st, message, message_cap);
    struct stat sb;
    if (stat(path, &sb) != 0) {
        snprintf(r->error, sizeof r->error, "%s: %s", path, strerror(errno));
        return open_failed(r, CONCORD_ERR_IO, message, message_cap);
    }
    if (S_ISDIR(sb.st_mode)) {
        r->mode = MODE_DIR;
        st = dirwalk_open(&r->walk, path, r->error, sizeof r->error);
        if (st) return open_failed(r, st, message, message_cap);
        *out = r;
        return CONCORD_OK;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(r->error, sizeof r->error, "%s: %s", path, strerror(errno));
        return open_failed(r, CONCORD_ERR_IO, message, message_cap);
    }
    if ((st = attach(r, fd, true, path))) return open_failed(r, st, message, message_cap);
    if (is_jsonl_name(path)) {
        r->mode = MODE_JSONL;
        int first;
        st = stream_peek_nonblank(&r->st, r->max, &first);
        if (st) {
            snprintf(r->error, sizeof r->error, "%s: %s", path, r->st.error);
            return open_failed(r, st, message, message_cap);
        }
        if (first == '[') {
            snprintf(r->error, sizeof r->error,
                     "%s: a JSON array, not JSON Lines (one object a line)", path);
            return open_failed(r, CONCORD_ERR_UNSUPPORTED, message, message_cap);
        }
    } else if (S_ISREG(sb.st_mode)) {
        r->mode = MODE_TEXT;
    } else if ((st = sniff(r))) { /* a pipe or device, e.g. <(zcat x.jsonl) */
        return open_failed(r, st, message, message_cap);
    }
    *out = r;
    return CONCORD_OK;
}

/* Set a->date: ISO 8601 when recognised, else raw as given. */
static void set_date(concord_reader *r, const char *raw, size_t len, concord_article *a)
{
    size_t n = raw ? concord_date_iso(raw, len, r->date, sizeof r->date) : 0;
    a->date = n ? r->date : raw;
    a->date_len = n ? n : len;
}

static concord_status next_jsonl(concord_reader *r, concord_article *a)
{
    for (;;) {
        const char *line;
        size_t len, used;
        concord_status st = stream_line(&r->st, r->max, &line, &len, &used);
        if (st == CONCORD_END) {
            r->done = true;
            return st;
        }
        r->line++;
        if (st == CONCORD_ERR_TOO_LARGE) {
            snprintf(r->error, sizeof r->error,
                     "%s:%zu: line too long (more than %zu bytes), skipped", r->name, r->line,
                     r->max);
            return st;
        }
        if (st) {
            snprintf(r->error, sizeof r->error, "%s:%zu: %s", r->name, r->line, r->st.error);
            r->done = true;
            return st;
        }
        size_t i = 0;
        while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) i++;
        if (i == len) continue; /* blank line */

        char why[256];
        st = jsonl_parse(&r->fields, &r->json, line, len, a, why, sizeof why);
        if (st) {
            snprintf(r->error, sizeof r->error, "%s:%zu: %s", r->name, r->line, why);
            return st;
        }
        if (!a->id) {
            buf_clear(&r->id);
            size_t need = strlen(r->name) + 24;
            if ((st = buf_reserve(&r->id, need))) {
                snprintf(r->error, sizeof r->error, "%s:%zu: out of memory", r->name, r->line);
                return st;
            }
            int n = snprintf(r->id.data, need, "%s:%zu", r->name, r->line);
            assert(n > 0 && (size_t)n < need);
            r->id.len = (size_t)n;
            a->id = r->id.data;
            a->id_len = r->id.len;
        }
        set_date(r, a->date, a->date_len, a);
        a->file = r->name;
        a->line = r->line;
        a->bytes = used;
        return CONCORD_OK;
    }
}

/* The rest of the stream as one text article from file, named id. */
static concord_status text_article(concord_reader *r, const char *file, const char *id,
                                   size_t id_len, concord_article *a)
{
    const char *data;
    size_t len;
    concord_status st = stream_rest(&r->st, r->max, &data, &len);
    if (st == CONCORD_ERR_TOO_LARGE) {
        snprintf(r->error, sizeof r->error, "%s: file larger than %zu bytes, skipped", file,
                 r->max);
        return st;
    }
    if (st) {
        snprintf(r->error, sizeof r->error, "%s: %s", file, r->st.error);
        return st;
    }
    txt_doc doc;
    txt_parse(data, len, &doc);
    if (txt_is_blank(doc.body.ptr, doc.body.len)) {
        snprintf(r->error, sizeof r->error, "%s: empty text", file);
        return CONCORD_ERR_EMPTY;
    }
    a->id = id;
    a->id_len = id_len;
    a->text = doc.body.ptr;
    a->text_len = doc.body.len;
    a->title = doc.title.ptr;
    a->title_len = doc.title.len;
    a->url = doc.url.ptr;
    a->url_len = doc.url.len;
    a->source = doc.source.ptr;
    a->source_len = doc.source.len;
    set_date(r, doc.date.ptr, doc.date.len, a);
    a->file = file;
    a->line = 0;
    a->bytes = r->st.consumed;
    return CONCORD_OK;
}

static concord_status next_dir(concord_reader *r, concord_article *a)
{
    const char *path, *rel;
    concord_status st = dirwalk_next(r->walk, &path, &rel, r->error, sizeof r->error);
    if (st == CONCORD_END) r->done = true;
    if (st) return st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(r->error, sizeof r->error, "%s: %s, skipped", path, strerror(errno));
        return CONCORD_ERR_IO;
    }
    if ((st = attach(r, fd, true, path))) return st;
    return text_article(r, path, rel, strlen(rel), a);
}

concord_status concord_reader_next(concord_reader *r, concord_article *a)
{
    if (!r || !a) return CONCORD_ERR_INVALID;
    memset(a, 0, sizeof *a);
    if (r->done) return CONCORD_END;
    switch (r->mode) {
    case MODE_JSONL:
        return next_jsonl(r, a);
    case MODE_DIR:
        return next_dir(r, a);
    case MODE_TEXT:
        break;
    }
    r->done = true;
    return text_article(r, r->name, r->name, strlen(r->name), a);
}

const char *concord_reader_error(const concord_reader *r)
{
    return r ? r->error : "";
}

size_t concord_reader_bytes_read(const concord_reader *r)
{
    return r ? r->bytes_done + r->st.consumed : 0;
}

void concord_reader_close(concord_reader *r)
{
    if (!r) return;
    json_scanner_free(&r->json);
    stream_free(&r->st);
    dirwalk_close(r->walk);
    buf_free(&r->id);
    free(r->field_store);
    free(r->name);
    free(r);
}
