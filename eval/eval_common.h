/*
 * eval_common.h - helpers shared by the evaluation tools, which are
 * standalone programs (not part of the library): fatal errors that exit 2
 * (usage or input errors) and allocators that never return NULL. Define
 * EVAL_PROG (the tool's name, for messages) before including.
 */
#ifndef CONCORD_EVAL_COMMON_H
#define CONCORD_EVAL_COMMON_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef EVAL_PROG
#error "define EVAL_PROG before including eval_common.h"
#endif

/* Print "PROG: MESSAGE" on stderr and exit 2. */
static inline _Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(EVAL_PROG ": ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static inline void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) die("out of memory");
    return p;
}

static inline void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) die("out of memory");
    return p;
}

static inline void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) die("out of memory");
    return p;
}

/* A copy of the n bytes at s plus a NUL. */
static inline char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

#endif
