/* radix.c - see radix.h. */
#include "util/radix.h"

#include <string.h>

/* Below this size insertion sort beats the histogram passes. */
enum { SMALL_SORT = 48 };

#define DEFINE_RADIX(NAME, T, FIRST, BYTES)                                                        \
    void NAME(T *a, T *tmp, size_t n)                                                          \
    {                                                                                          \
        if (n < SMALL_SORT) {                                                                  \
            for (size_t i = 1; i < n; i++) {                                                   \
                T v = a[i];                                                                    \
                size_t j = i;                                                                  \
                while (j > 0 && (a[j - 1] >> (8 * FIRST)) > (v >> (8 * FIRST))) {             \
                    a[j] = a[j - 1];                                                           \
                    j--;                                                                       \
                }                                                                              \
                a[j] = v;                                                                      \
            }                                                                                  \
            return;                                                                            \
        }                                                                                      \
        size_t count[BYTES][256];                                                              \
        memset(count, 0, sizeof count);                                                        \
        for (size_t i = 0; i < n; i++)                                                         \
            for (unsigned d = 0; d < BYTES; d++) count[d][(a[i] >> (8 * (FIRST + d))) & 0xff]++; \
        T *src = a, *dst = tmp;                                                                \
        for (unsigned d = 0; d < BYTES; d++) {                                                 \
            size_t *c = count[d];                                                              \
            unsigned shift = 8 * (FIRST + d);                                                  \
            if (c[(src[0] >> shift) & 0xff] == n) continue; /* constant digit */               \
            size_t sum = 0;                                                                    \
            for (unsigned k = 0; k < 256; k++) {                                               \
                size_t t = c[k];                                                               \
                c[k] = sum;                                                                    \
                sum += t;                                                                      \
            }                                                                                  \
            for (size_t i = 0; i < n; i++) dst[c[(src[i] >> shift) & 0xff]++] = src[i];        \
            T *swap = src;                                                                     \
            src = dst;                                                                         \
            dst = swap;                                                                        \
        }                                                                                      \
        if (src != a) memcpy(a, src, n * sizeof *a);                                           \
    }

DEFINE_RADIX(radix_sort_u32, uint32_t, 0, 4)
DEFINE_RADIX(radix_sort_u64, uint64_t, 0, 8)
DEFINE_RADIX(radix_sort_u64_high32, uint64_t, 4, 4)

#define DEFINE_UNIQUE(NAME, SORT, T)                                                           \
    size_t NAME(T *a, T *tmp, size_t n)                                                        \
    {                                                                                          \
        if (n == 0) return 0;                                                                  \
        SORT(a, tmp, n);                                                                       \
        size_t w = 1;                                                                          \
        for (size_t i = 1; i < n; i++)                                                         \
            if (a[i] != a[w - 1]) a[w++] = a[i];                                               \
        return w;                                                                              \
    }

DEFINE_UNIQUE(sort_unique_u32, radix_sort_u32, uint32_t)
DEFINE_UNIQUE(sort_unique_u64, radix_sort_u64, uint64_t)
