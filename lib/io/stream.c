/* stream.c - see stream.h. */
#include "io/stream.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>

struct stream_codec {
    z_stream z;
    bool z_ready;     /* inflateInit2 done */
    ZSTD_DStream *zd; /* NULL until the first zstd input */
    bool zframe_open; /* a zstd frame is started and not yet complete */
};

/* Free space below which the window is compacted, then grown. */
enum { STREAM_LOW_WATER = STREAM_CHUNK / 2 };

void stream_init(stream *s)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    bigarray_init(&s->raw_mem);
    bigarray_init(&s->data_mem);
}

void stream_free(stream *s)
{
    stream_detach(s);
    if (s->codec) {
        if (s->codec->z_ready) inflateEnd(&s->codec->z);
        ZSTD_freeDStream(s->codec->zd);
        free(s->codec);
    }
    bigarray_free(&s->raw_mem);
    bigarray_free(&s->data_mem);
    stream_init(s);
}

void stream_detach(stream *s)
{
    if (s->fd >= 0 && s->own_fd) close(s->fd);
    s->fd = -1;
    s->own_fd = false;
    s->raw_eof = s->eof = true;
    s->raw_pos = s->raw_len = 0;
    s->pos = s->end = s->scan = 0;
}

static concord_status fail(stream *s, concord_status st, const char *what, const char *detail)
{
    snprintf(s->error, sizeof s->error, "%s (%s)", what, detail);
    s->eof = s->raw_eof = true;
    s->pos = s->end = s->scan = 0; /* whatever was pending is lost */
    return st;
}

/* Read more compressed (or sniffed) bytes into raw; sets raw_eof at end. */
static concord_status read_raw(stream *s)
{
    if (!s->raw) {
        if (bigarray_reserve(&s->raw_mem, STREAM_CHUNK))
            return fail(s, CONCORD_ERR_NOMEM, "read error", "out of memory");
        s->raw = s->raw_mem.data;
    }
    if (s->raw_pos > 0) {
        memmove(s->raw, s->raw + s->raw_pos, s->raw_len - s->raw_pos);
        s->raw_len -= s->raw_pos;
        s->raw_pos = 0;
    }
    if (s->raw_len == STREAM_CHUNK || s->raw_eof) return CONCORD_OK;
    ssize_t n;
    do n = read(s->fd, s->raw + s->raw_len, STREAM_CHUNK - s->raw_len);
    while (n < 0 && errno == EINTR);
    if (n < 0) return fail(s, CONCORD_ERR_IO, "read error", strerror(errno));
    if (n == 0) s->raw_eof = true;
    s->raw_len += (size_t)n;
    return CONCORD_OK;
}

concord_status stream_attach(stream *s, int fd, bool own_fd)
{
    assert(s->fd < 0 && fd >= 0);
    s->fd = fd;
    s->own_fd = own_fd;
    s->raw_eof = s->eof = false;
    s->raw_pos = s->raw_len = 0;
    s->pos = s->end = s->scan = 0;
    s->consumed = 0;
    s->error[0] = '\0';
    s->kind = STREAM_PLAIN;
    /* Sniff the magic: at least 4 bytes unless the input is shorter. */
    while (s->raw_len < 4 && !s->raw_eof) {
        concord_status st = read_raw(s);
        if (st) return st;
    }
    const unsigned char *m = s->raw;
    if (s->raw_len >= 2 && m[0] == 0x1f && m[1] == 0x8b)
        s->kind = STREAM_GZIP;
    else if (s->raw_len >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd)
        s->kind = STREAM_ZSTD;
    if (s->kind == STREAM_PLAIN) return CONCORD_OK;

    if (!s->codec) {
        s->codec = calloc(1, sizeof *s->codec);
        if (!s->codec) return fail(s, CONCORD_ERR_NOMEM, "decompression", "out of memory");
    }
    stream_codec *c = s->codec;
    if (s->kind == STREAM_GZIP) {
        int rc;
        if (c->z_ready) {
            rc = inflateReset(&c->z);
        } else {
            memset(&c->z, 0, sizeof c->z);
            rc = inflateInit2(&c->z, 16 + MAX_WBITS); /* gzip wrapper only */
            c->z_ready = rc == Z_OK;
        }
        if (rc != Z_OK) return fail(s, CONCORD_ERR_NOMEM, "gzip", "cannot initialise zlib");
    } else {
        if (!c->zd) c->zd = ZSTD_createDStream();
        if (!c->zd) return fail(s, CONCORD_ERR_NOMEM, "zstd", "out of memory");
        if (ZSTD_isError(ZSTD_DCtx_reset(c->zd, ZSTD_reset_session_only)))
            return fail(s, CONCORD_ERR_NOMEM, "zstd", "cannot reset decoder");
        c->zframe_open = true;
    }
    return CONCORD_OK;
}

/* Make free space at the end of the window: compact, then grow. */
static concord_status make_room(stream *s)
{
    if (s->pos > 0 && s->cap - s->end < STREAM_LOW_WATER) {
        memmove(s->data, s->data + s->pos, s->end - s->pos);
        s->end -= s->pos;
        s->scan -= s->pos;
        s->pos = 0;
    }
    if (s->cap - s->end >= STREAM_LOW_WATER) return CONCORD_OK;
    size_t n = s->cap ? s->cap * 2 : 2 * (size_t)STREAM_CHUNK;
    if (n < s->cap) return fail(s, CONCORD_ERR_NOMEM, "read error", "out of memory");
    if (bigarray_reserve(&s->data_mem, n))
        return fail(s, CONCORD_ERR_NOMEM, "read error", "out of memory");
    s->data = s->data_mem.data;
    s->cap = n;
    return CONCORD_OK;
}

static concord_status fill_plain(stream *s)
{
    size_t room = s->cap - s->end;
    if (s->raw_pos < s->raw_len) { /* bytes read while sniffing */
        size_t n = s->raw_len - s->raw_pos;
        if (n > room) n = room;
        memcpy(s->data + s->end, s->raw + s->raw_pos, n);
        s->raw_pos += n;
        s->end += n;
        return CONCORD_OK;
    }
    if (s->raw_eof) {
        s->eof = true;
        return CONCORD_OK;
    }
    ssize_t n;
    do n = read(s->fd, s->data + s->end, room);
    while (n < 0 && errno == EINTR);
    if (n < 0) return fail(s, CONCORD_ERR_IO, "read error", strerror(errno));
    if (n == 0) s->raw_eof = s->eof = true;
    s->end += (size_t)n;
    return CONCORD_OK;
}

static concord_status fill_gzip(stream *s)
{
    z_stream *z = &s->codec->z;
    for (;;) {
        if (s->raw_pos == s->raw_len && !s->raw_eof) {
            concord_status st = read_raw(s);
            if (st) return st;
        }
        z->next_in = s->raw + s->raw_pos;
        z->avail_in = (uInt)(s->raw_len - s->raw_pos);
        size_t room = s->cap - s->end;
        if (room > UINT_MAX) room = UINT_MAX;
        z->next_out = (Bytef *)s->data + s->end;
        z->avail_out = (uInt)room;
        int rc = inflate(z, Z_NO_FLUSH);
        size_t produced = room - z->avail_out;
        s->raw_pos = s->raw_len - z->avail_in;
        s->end += produced;
        if (rc == Z_STREAM_END) {
            /* Another gzip member may follow; anything else is ignored. */
            while (s->raw_len - s->raw_pos < 2 && !s->raw_eof) {
                concord_status st = read_raw(s);
                if (st) return st;
            }
            if (s->raw_len - s->raw_pos >= 2 && s->raw[s->raw_pos] == 0x1f &&
                s->raw[s->raw_pos + 1] == 0x8b) {
                if (inflateReset(z) != Z_OK) return fail(s, CONCORD_ERR_IO, "gzip", "reset failed");
            } else {
                s->eof = true;
                return CONCORD_OK;
            }
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            return fail(s, CONCORD_ERR_IO, "corrupt gzip data", z->msg ? z->msg : "inflate failed");
        }
        if (produced) return CONCORD_OK;
        if (s->raw_pos == s->raw_len && s->raw_eof && rc != Z_STREAM_END)
            return fail(s, CONCORD_ERR_IO, "corrupt gzip data", "truncated");
    }
}

static concord_status fill_zstd(stream *s)
{
    ZSTD_DStream *zd = s->codec->zd;
    for (;;) {
        if (s->raw_pos == s->raw_len && !s->raw_eof) {
            concord_status st = read_raw(s);
            if (st) return st;
        }
        ZSTD_inBuffer in = {s->raw, s->raw_len, s->raw_pos};
        ZSTD_outBuffer out = {s->data + s->end, s->cap - s->end, 0};
        size_t r = ZSTD_decompressStream(zd, &out, &in);
        if (ZSTD_isError(r))
            return fail(s, CONCORD_ERR_IO, "corrupt zstd data", ZSTD_getErrorName(r));
        /* r == 0: a frame just ended (a call without progress says nothing). */
        if (in.pos > s->raw_pos || out.pos) s->codec->zframe_open = r != 0;
        s->raw_pos = in.pos;
        s->end += out.pos;
        if (out.pos) return CONCORD_OK;
        if (s->raw_pos == s->raw_len && s->raw_eof) {
            if (s->codec->zframe_open)
                return fail(s, CONCORD_ERR_IO, "corrupt zstd data", "truncated");
            s->eof = true;
            return CONCORD_OK;
        }
    }
}

/* Append decompressed bytes to the window; sets eof when none are left. */
static concord_status fill(stream *s)
{
    assert(!s->eof);
    concord_status st = make_room(s);
    if (st) return st;
    switch (s->kind) {
    case STREAM_GZIP:
        return fill_gzip(s);
    case STREAM_ZSTD:
        return fill_zstd(s);
    case STREAM_PLAIN:
        break;
    }
    return fill_plain(s);
}

concord_status stream_skip_bom(stream *s)
{
    while (s->end - s->pos < 3 && !s->eof) {
        concord_status st = fill(s);
        if (st) return st;
    }
    if (s->end - s->pos >= 3 && memcmp(s->data + s->pos, "\xEF\xBB\xBF", 3) == 0) {
        s->pos += 3;
        if (s->scan < s->pos) s->scan = s->pos;
        s->consumed += 3;
    }
    return CONCORD_OK;
}

concord_status stream_peek_nonblank(stream *s, size_t max, int *byte)
{
    size_t off = 0; /* from pos: stays right when make_room compacts */
    for (;;) {
        for (; s->pos + off < s->end; off++) {
            unsigned char c = (unsigned char)s->data[s->pos + off];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                *byte = c;
                return CONCORD_OK;
            }
        }
        if (s->eof || off > max) {
            *byte = -1;
            return CONCORD_OK;
        }
        concord_status st = fill(s);
        if (st) return st;
    }
}

concord_status stream_line(stream *s, size_t max, const char **line, size_t *len, size_t *consumed)
{
    for (;;) {
        if (s->scan < s->end) {
            char *nl = memchr(s->data + s->scan, '\n', s->end - s->scan);
            if (nl) {
                size_t n = (size_t)(nl - (s->data + s->pos));
                *line = s->data + s->pos;
                *len = n;
                *consumed = n + 1;
                s->pos = s->scan = s->pos + n + 1;
                s->consumed += n + 1;
                return n > max ? CONCORD_ERR_TOO_LARGE : CONCORD_OK;
            }
            s->scan = s->end;
        }
        if (s->end - s->pos > max) break; /* too long: discard below */
        if (s->eof) {
            size_t n = s->end - s->pos;
            if (!n) return CONCORD_END;
            *line = s->data + s->pos;
            *len = *consumed = n;
            s->pos = s->scan = s->end;
            s->consumed += n;
            return CONCORD_OK;
        }
        concord_status st = fill(s);
        if (st) return st;
    }

    /* Discard the over-long line chunk by chunk, never holding it whole. */
    size_t dropped = s->end - s->pos;
    s->pos = s->end = s->scan = 0;
    *line = NULL;
    *len = 0;
    while (!s->eof) {
        concord_status st = fill(s);
        if (st) return st;
        char *nl = memchr(s->data, '\n', s->end);
        if (nl) {
            size_t n = (size_t)(nl - s->data) + 1;
            dropped += n;
            s->pos = s->scan = n;
            break;
        }
        dropped += s->end;
        s->pos = s->end = s->scan = 0;
    }
    *consumed = dropped;
    s->consumed += dropped;
    return CONCORD_ERR_TOO_LARGE;
}

concord_status stream_rest(stream *s, size_t max, const char **data, size_t *len)
{
    for (;;) {
        size_t n = s->end - s->pos;
        if (n > max || s->eof) {
            *data = s->data ? s->data + s->pos : "";
            *len = n;
            s->consumed += n;
            s->pos = s->scan = s->end;
            return n > max ? CONCORD_ERR_TOO_LARGE : CONCORD_OK;
        }
        concord_status st = fill(s);
        if (st) return st;
    }
}
