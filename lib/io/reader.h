/*
 * reader.h - internals of concord_reader (the public API is in concord.h).
 */
#ifndef CONCORD_IO_READER_H
#define CONCORD_IO_READER_H

#include <stddef.h>

#include "concord.h"

/*
 * Open an already open descriptor the way "-" (standard input) is opened:
 * possibly compressed, JSON Lines when its first non-blank byte is '{',
 * else one text article whose id is name. name is copied and used as FILE
 * in ids and messages. The descriptor is not closed by the reader.
 * concord_reader_open(path "-") is reader_open_fd(STDIN_FILENO, "-").
 */
concord_status reader_open_fd(concord_reader **out, int fd, const char *name,
                              const concord_reader_options *options, char *message,
                              size_t message_cap);

#endif
