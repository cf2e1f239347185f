/*
 * stream.h - a byte source over a file descriptor: plain, gzip or zstd.
 *
 * Compression is detected from the first bytes (gzip 1f 8b, zstd 28 b5 2f
 * fd), never from a name, and decompressed as the data is consumed: memory
 * is one raw chunk (STREAM_CHUNK) plus a window of decompressed bytes that
 * grows (by doubling, from 2 chunks) only as far as the longest line / file
 * asked for: less than twice the caller's cap plus two chunks. Concatenated gzip members and zstd
 * frames are read as one stream.
 *
 * A stream is reusable: stream_attach() / stream_detach() switch it between
 * descriptors while keeping its buffers, so walking many small files does
 * not allocate per file. Not thread-safe.
 */
#ifndef CONCORD_IO_STREAM_H
#define CONCORD_IO_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "concord.h"
#include "util/bigarray.h"

enum { STREAM_CHUNK = 1 << 20 }; /* bytes asked of read() at a time */

typedef enum stream_kind { STREAM_PLAIN = 0, STREAM_GZIP, STREAM_ZSTD } stream_kind;

typedef struct stream_codec stream_codec; /* zlib / zstd state, lazily made */

typedef struct stream {
    int fd;       /* -1 when detached */
    bool own_fd;  /* close fd on detach */
    bool raw_eof; /* read() returned 0 */
    bool eof;     /* no more decompressed bytes will come */
    stream_kind kind;
    unsigned char *raw; /* compressed input: raw[raw_pos..raw_len) pending */
    size_t raw_pos, raw_len;
    char *data; /* decompressed window: data[pos..end) unread */
    size_t pos, end, cap;
    bigarray raw_mem, data_mem; /* the memory behind raw and data */
    size_t scan;     /* data[pos..scan) known to hold no '\n' */
    size_t consumed; /* bytes handed out (or discarded) so far */
    stream_codec *codec;
    char error[160]; /* last read/decompression error, "" if none */
} stream;

/* A detached stream with no memory yet. Never fails. */
void stream_init(stream *s);
/* Detach and release all memory. */
void stream_free(stream *s);

/*
 * Start reading fd (own_fd: close it on detach). Reads the first bytes to
 * detect compression. Returns CONCORD_OK, CONCORD_ERR_NOMEM or
 * CONCORD_ERR_IO (s->error says why). The stream must be detached.
 */
concord_status stream_attach(stream *s, int fd, bool own_fd);
void stream_detach(stream *s);

/* Drop a UTF-8 byte order mark at the current position, if any. */
concord_status stream_skip_bom(stream *s);

/*
 * First byte that is not ' ', '\t', '\r' or '\n' from the current position,
 * without consuming anything; -1 at end of input or when the first max
 * bytes are all blank. Reads (and keeps) as much as needed. Returns
 * CONCORD_OK or an error (s->error).
 */
concord_status stream_peek_nonblank(stream *s, size_t max, int *byte);

/*
 * Next line, without its '\n' (a '\r' before it is kept). *line points into
 * the stream's window and stays valid until the next call on the stream.
 * *consumed is the number of bytes used up, terminator included.
 * Returns:
 *   CONCORD_OK             a line (the last one may lack a '\n');
 *   CONCORD_END            no more input;
 *   CONCORD_ERR_TOO_LARGE  the line is longer than max bytes: it was read
 *                          and thrown away up to and including its '\n'
 *                          without ever holding more than max + one chunk;
 *   CONCORD_ERR_IO / CONCORD_ERR_NOMEM  s->error says why; the stream is
 *                          then at its end.
 * Amortised O(line length): every byte is scanned once by memchr.
 */
concord_status stream_line(stream *s, size_t max, const char **line, size_t *len, size_t *consumed);

/*
 * All the remaining input as one block in the window (valid until the next
 * call on the stream). CONCORD_ERR_TOO_LARGE as soon as it exceeds max
 * bytes (reading stops there; *len is then the number of bytes read).
 */
concord_status stream_rest(stream *s, size_t max, const char **data, size_t *len);

#endif
