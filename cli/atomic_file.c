/* atomic_file.c - an output file that appears whole or not at all: written
   to a temporary file in the same directory, then renamed onto its name. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

int atomic_file_open(const char *cmd, const char *path, atomic_file *af)
{
    memset(af, 0, sizeof *af);
    /* The temporary file must be in path's directory so rename() is atomic. */
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dir_len;
    if (!*base) {
        fprintf(stderr, "concord %s: %s: not a file name\n", cmd, path);
        return 0;
    }
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "concord %s: %s: is a directory\n", cmd, path);
        return 0;
    }
    size_t n = strlen(path) + 16;
    af->path = strdup(path);
    af->tmp = malloc(n);
    if (!af->path || !af->tmp) {
        fprintf(stderr, "concord %s: %s\n", cmd, concord_strerror(CONCORD_ERR_NOMEM));
        atomic_file_abort(af);
        return 0;
    }
    snprintf(af->tmp, n, "%.*s.%s.XXXXXX", (int)dir_len, path, base);
    int fd = mkstemp(af->tmp);
    if (fd < 0) {
        fprintf(stderr, "concord %s: %s: cannot create the output: %s\n", cmd, path,
                strerror(errno));
        free(af->tmp);
        af->tmp = NULL;
        atomic_file_abort(af);
        return 0;
    }
    /* mkstemp() makes the file 0600; give it the mode a plain fopen() would. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || !(af->f = fdopen(fd, "w"))) {
        fprintf(stderr, "concord %s: %s: %s\n", cmd, af->tmp, strerror(errno));
        close(fd);
        atomic_file_abort(af);
        return 0;
    }
    return 1;
}

int atomic_file_commit(const char *cmd, atomic_file *af)
{
    int ok = fflush(af->f) == 0 && !ferror(af->f) && fsync(fileno(af->f)) == 0;
    int err = errno;
    if (fclose(af->f) != 0 && ok) {
        ok = 0;
        err = errno;
    }
    af->f = NULL;
    if (ok && rename(af->tmp, af->path) != 0) {
        ok = 0;
        err = errno;
    }
    if (!ok) {
        fprintf(stderr, "concord %s: %s: cannot write the output: %s\n", cmd, af->path,
                strerror(err));
        atomic_file_abort(af);
        return 0;
    }
    free(af->tmp);
    free(af->path);
    memset(af, 0, sizeof *af);
    return 1;
}

void atomic_file_abort(atomic_file *af)
{
    if (af->f) fclose(af->f);
    if (af->tmp) unlink(af->tmp);
    free(af->tmp);
    free(af->path);
    memset(af, 0, sizeof *af);
}
