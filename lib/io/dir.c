/* dir.c - see dir.h. */
#include "io/dir.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"

/* One directory on the current path, listed and sorted. */
typedef struct frame {
    char *pool;   /* names, NUL-terminated one after the other */
    char **names; /* sorted pointers into pool */
    size_t count, next;
    size_t rel_len; /* length of this directory's path relative to root */
    dev_t dev;
    ino_t ino;
} frame;

struct dirwalk {
    buf path;      /* root + '/' + relative path of the current entry */
    size_t prefix; /* length of root + '/' */
    frame *frames; /* the current path, root first */
    size_t depth, cap;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void frame_free(frame *f)
{
    free(f->pool);
    free(f->names);
}

/* List dir (without "." and ".."), sorted. On failure errno tells why. */
static concord_status list_dir(const char *dir, frame *f)
{
    memset(f, 0, sizeof *f);
    DIR *d = opendir(dir);
    if (!d) return CONCORD_ERR_IO;
    buf pool;
    buf_init(&pool, 0);
    size_t *offsets = NULL, count = 0, cap = 0;
    concord_status st = CONCORD_OK;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            if (errno) st = CONCORD_ERR_IO;
            break;
        }
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if ((st = VEC_PUSH(offsets, count, cap, pool.len)) != CONCORD_OK ||
            (st = buf_append(&pool, e->d_name, strlen(e->d_name) + 1)) != CONCORD_OK)
            break;
    }
    int saved = errno;
    closedir(d);
    if (!st && count) {
        f->names = malloc(count * sizeof *f->names);
        if (!f->names) st = CONCORD_ERR_NOMEM;
    }
    if (st) {
        free(offsets);
        buf_free(&pool);
        free(f->names);
        f->names = NULL;
        errno = saved;
        return st;
    }
    for (size_t i = 0; i < count; i++) f->names[i] = pool.data + offsets[i];
    free(offsets);
    if (count) qsort(f->names, count, sizeof *f->names, by_name);
    f->pool = pool.data;
    f->count = count;
    return CONCORD_OK;
}

/* Push the directory at w->path (already stat'ed as sb). */
static concord_status push(dirwalk *w, const struct stat *sb)
{
    if (w->depth == w->cap) {
        concord_status st = vec_grow((void **)&w->frames, &w->cap, w->depth, 1, sizeof *w->frames);
        if (st) return st;
    }
    frame f;
    concord_status st = list_dir(buf_cstr(&w->path), &f);
    if (st) return st;
    f.dev = sb->st_dev;
    f.ino = sb->st_ino;
    f.rel_len = w->path.len > w->prefix ? w->path.len - w->prefix : 0;
    w->frames[w->depth++] = f;
    return CONCORD_OK;
}

concord_status dirwalk_open(dirwalk **out, const char *root, char *err, size_t err_cap)
{
    *out = NULL;
    dirwalk *w = calloc(1, sizeof *w);
    if (!w) return CONCORD_ERR_NOMEM;
    buf_init(&w->path, 0);
    size_t n = strlen(root);
    concord_status st = buf_append(&w->path, root, n);
    if (!st && (n == 0 || root[n - 1] != '/')) st = buf_push(&w->path, '/');
    if (st || !buf_cstr(&w->path)) {
        dirwalk_close(w);
        return CONCORD_ERR_NOMEM;
    }
    w->prefix = w->path.len;
    struct stat sb;
    if (stat(root, &sb) != 0) {
        snprintf(err, err_cap, "%s: %s", root, strerror(errno));
        dirwalk_close(w);
        return CONCORD_ERR_IO;
    }
    st = push(w, &sb);
    if (st) {
        if (st == CONCORD_ERR_IO)
            snprintf(err, err_cap, "%s: cannot open directory (%s)", root, strerror(errno));
        dirwalk_close(w);
        return st;
    }
    *out = w;
    return CONCORD_OK;
}

static int has_text_name(const char *name)
{
    static const char *const suffixes[] = {".txt", ".txt.gz", ".txt.zst"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t k = strlen(suffixes[i]);
        if (n >= k && memcmp(name + n - k, suffixes[i], k) == 0) return 1;
    }
    return 0;
}

concord_status dirwalk_next(dirwalk *w, const char **path, const char **rel, char *err,
                            size_t err_cap)
{
    while (w->depth > 0) {
        frame *f = &w->frames[w->depth - 1];
        if (f->next == f->count) {
            frame_free(f);
            w->depth--;
            continue;
        }
        const char *name = f->names[f->next++];
        w->path.len = w->prefix + f->rel_len;
        concord_status st = CONCORD_OK;
        if (f->rel_len) st = buf_push(&w->path, '/');
        if (!st) st = buf_append(&w->path, name, strlen(name));
        const char *p = st ? NULL : buf_cstr(&w->path);
        if (!p) {
            snprintf(err, err_cap, "%s: out of memory", name);
            return CONCORD_ERR_NOMEM;
        }

        struct stat sb;
        if (stat(p, &sb) != 0) {
            int e = errno;
            struct stat lb;
            if (e == ENOENT && lstat(p, &lb) == 0 && S_ISLNK(lb.st_mode)) {
                snprintf(err, err_cap, "%s: dangling symbolic link, skipped", p);
                return CONCORD_ERR_IO;
            }
            if (e == ENOENT) continue; /* removed while we walk */
            snprintf(err, err_cap, "%s: %s, skipped", p, strerror(e));
            return CONCORD_ERR_IO;
        }
        if (S_ISDIR(sb.st_mode)) {
            for (size_t i = 0; i < w->depth; i++) {
                if (w->frames[i].dev == sb.st_dev && w->frames[i].ino == sb.st_ino) {
                    snprintf(err, err_cap, "%s: symlink loop, skipped", p);
                    return CONCORD_ERR_IO;
                }
            }
            st = push(w, &sb); /* may move w->frames: f is stale from here */
            if (st == CONCORD_ERR_IO) {
                snprintf(err, err_cap, "%s: cannot open directory (%s), skipped", p,
                         strerror(errno));
                return st;
            }
            if (st) {
                snprintf(err, err_cap, "%s: out of memory", p);
                return st;
            }
            continue;
        }
        if (!has_text_name(name)) continue;
        if (!S_ISREG(sb.st_mode)) {
            snprintf(err, err_cap, "%s: not a regular file, skipped", p);
            return CONCORD_ERR_UNSUPPORTED;
        }
        *path = p;
        *rel = p + w->prefix;
        return CONCORD_OK;
    }
    return CONCORD_END;
}

void dirwalk_close(dirwalk *w)
{
    if (!w) return;
    for (size_t i = 0; i < w->depth; i++) frame_free(&w->frames[i]);
    free(w->frames);
    buf_free(&w->path);
    free(w);
}
