/* bigarray.c - see bigarray.h. mremap() is a GNU/Linux extension. */
#define _GNU_SOURCE
#include "util/bigarray.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

enum { HUGE_PAGE = 2 << 20 };

void bigarray_init(bigarray *a)
{
    a->data = NULL;
    a->bytes = 0;
    a->mapped = 0;
}

void bigarray_free(bigarray *a)
{
    if (a->mapped) munmap(a->data, a->bytes);
    else free(a->data);
    bigarray_init(a);
}

static size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

concord_status bigarray_reserve(bigarray *a, size_t need)
{
    if (need <= a->bytes) return CONCORD_OK;
    /* Starting at a huge page costs only address space until touched. */
    size_t cap = a->bytes ? a->bytes : HUGE_PAGE;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) return CONCORD_ERR_NOMEM;
        cap *= 2;
    }
#if defined(MREMAP_MAYMOVE) && defined(MADV_HUGEPAGE)
    if (a->mapped || !a->data) {
        cap = round_up(cap, HUGE_PAGE);
        void *p;
        if (a->mapped) {
            p = mremap(a->data, a->bytes, cap, MREMAP_MAYMOVE);
        } else {
            p = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        }
        if (p == MAP_FAILED) return CONCORD_ERR_NOMEM;
        (void)madvise(p, cap, MADV_HUGEPAGE); /* a hint: failure is harmless */
        a->data = p;
        a->bytes = cap;
        a->mapped = 1;
        return CONCORD_OK;
    }
#endif
    void *p = realloc(a->data, cap);
    if (!p) return CONCORD_ERR_NOMEM;
    a->data = p;
    a->bytes = cap;
    return CONCORD_OK;
}
