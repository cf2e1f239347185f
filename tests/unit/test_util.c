/* Unit tests for lib/util: arena, capped buffers, radix sort, union-find. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/radix.h"
#include "util/unionfind.h"

static void arena_alignment_and_reuse(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 128);
    char *s = arena_strndup(&a, "hello world", 5);
    assert_string_equal(s, "hello");
    for (int i = 0; i < 1000; i++) {
        void *p = arena_alloc(&a, (size_t)(i % 37) + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        memset(p, 0xab, (size_t)(i % 37) + 1);
    }
    void *big = arena_alloc(&a, 100000); /* larger than a block */
    assert_non_null(big);
    memset(big, 1, 100000);
    arena_reset(&a);
    assert_int_equal(a.total, 0);
    assert_non_null(arena_alloc(&a, 64));
    arena_free(&a);
    arena_free(&a); /* twice is harmless */
}

static void buf_cap_is_hard(void **state)
{
    (void)state;
    buf b;
    buf_init(&b, 10);
    assert_int_equal(buf_append(&b, "0123456789", 10), CONCORD_OK);
    assert_int_equal(buf_push(&b, 'x'), CONCORD_ERR_TOO_LARGE);
    assert_int_equal(b.len, 10); /* unchanged on failure */
    assert_string_equal(buf_cstr(&b), "0123456789");
    buf_clear(&b);
    assert_int_equal(buf_append(&b, "ab", 2), CONCORD_OK);
    assert_memory_equal(b.data, "ab", 2);
    buf_free(&b);
}

static void vec_push_grows(void **state)
{
    (void)state;
    int *v = NULL;
    size_t len = 0, cap = 0;
    for (int i = 0; i < 10000; i++) assert_int_equal(VEC_PUSH(v, len, cap, i), CONCORD_OK);
    assert_int_equal(len, 10000);
    for (int i = 0; i < 10000; i++) assert_int_equal(v[i], i);
    free(v);
}

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 11;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void radix_matches_qsort(void **state)
{
    (void)state;
    uint64_t seed = 42;
    const size_t sizes[] = {0, 1, 2, 47, 48, 49, 1000, 65536};
    for (size_t t = 0; t < sizeof sizes / sizeof *sizes; t++) {
        size_t n = sizes[t];
        uint64_t *a = malloc((n + 1) * 8), *b = malloc((n + 1) * 8), *tmp = malloc((n + 1) * 8);
        uint32_t *c = malloc((n + 1) * 4), *tmp32 = malloc((n + 1) * 4);
        for (size_t i = 0; i < n; i++) {
            /* mix of small keys (constant high digits) and full-width keys */
            a[i] = (i & 1) ? lcg(&seed) : lcg(&seed) % 1000;
            c[i] = (uint32_t)a[i];
        }
        memcpy(b, a, n * 8);
        qsort(b, n, 8, cmp_u64);
        radix_sort_u64(a, tmp, n);
        assert_memory_equal(a, b, n * 8);
        radix_sort_u32(c, tmp32, n);
        for (size_t i = 1; i < n; i++) assert_true(c[i - 1] <= c[i]);
        free(a), free(b), free(tmp), free(c), free(tmp32);
    }
    uint32_t u[] = {5, 3, 5, 1, 3, 3, 9};
    uint32_t tmp[7];
    assert_int_equal(sort_unique_u32(u, tmp, 7), 4);
    assert_int_equal(u[0], 1);
    assert_int_equal(u[1], 3);
    assert_int_equal(u[2], 5);
    assert_int_equal(u[3], 9);
}

static void unionfind_components(void **state)
{
    (void)state;
    unionfind uf;
    assert_int_equal(uf_init(&uf, 10), CONCORD_OK);
    uf_union(&uf, 1, 2);
    uf_union(&uf, 3, 4);
    uf_union(&uf, 2, 4);
    uf_union(&uf, 7, 8);
    assert_int_equal(uf_find(&uf, 1), uf_find(&uf, 3));
    assert_int_equal(uf_find(&uf, 2), uf_find(&uf, 4));
    assert_int_not_equal(uf_find(&uf, 1), uf_find(&uf, 7));
    assert_int_equal(uf_find(&uf, 0), 0);
    assert_int_equal(uf_find(&uf, 9), 9);
    uf_free(&uf);
}

static void strerror_covers_every_status(void **state)
{
    (void)state;
    for (int s = 0; s < CONCORD_STATUS_COUNT_; s++) {
        const char *m = concord_strerror((concord_status)s);
        assert_non_null(m);
        assert_string_not_equal(m, "unknown status");
    }
    assert_string_equal(concord_strerror((concord_status)999), "unknown status");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_alignment_and_reuse), cmocka_unit_test(buf_cap_is_hard),
        cmocka_unit_test(vec_push_grows),            cmocka_unit_test(radix_matches_qsort),
        cmocka_unit_test(unionfind_components),      cmocka_unit_test(strerror_covers_every_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
