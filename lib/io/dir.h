/*
 * dir.h - recursive walk over the text files below a directory.
 *
 * Yields every regular file whose name ends in ".txt", ".txt.gz" or
 * ".txt.zst" (case-sensitive), depth first, entries of each directory in
 * strcmp order (files and subdirectories interleaved by name). Symbolic
 * links are followed, to files and to directories; a directory already on
 * the current path (same st_dev, st_ino) is a loop and is reported once
 * and skipped. Entries that cannot be examined (dangling or looping
 * symlinks, directories that cannot be opened) are reported one at a time
 * and skipped, and the walk goes on.
 *
 * Memory: one sorted name list per directory on the current path (each
 * directory is listed then closed, so descriptors do not pile up with
 * depth). Complexity: O(entries * log entries) per directory, one stat()
 * per entry.
 */
#ifndef CONCORD_IO_DIR_H
#define CONCORD_IO_DIR_H

#include <stddef.h>

#include "concord.h"

typedef struct dirwalk dirwalk;

/*
 * Start walking root (a directory). On failure *out is NULL and err holds
 * "ROOT: why". Returns CONCORD_OK, CONCORD_ERR_IO or CONCORD_ERR_NOMEM.
 */
concord_status dirwalk_open(dirwalk **out, const char *root, char *err, size_t err_cap);

/*
 * Next text file: *path is root joined with the relative path (a '/' is
 * added after root unless it ends in one), *rel the path relative to root
 * (a suffix of *path); both NUL-terminated and valid until the next call.
 * Returns CONCORD_OK, CONCORD_END, or an error for one skipped entry with
 * err = "PATH: why" (CONCORD_ERR_IO, CONCORD_ERR_UNSUPPORTED for a
 * non-regular file with a text name, CONCORD_ERR_NOMEM); call again to go
 * on.
 */
concord_status dirwalk_next(dirwalk *w, const char **path, const char **rel, char *err,
                            size_t err_cap);

void dirwalk_close(dirwalk *w);

#endif
