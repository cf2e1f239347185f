/* lsh_table.c - see lsh_table.h. */
#include "index/lsh_table.h"

#include <stdlib.h>
#include <string.h>

#include "index/lsh.h"
#include "sketch/hash.h"
#include "util/radix.h"

enum { SEED_ISOLATED = 0x2545f491u };

concord_status lsh_table_init(lsh_table *t, double threshold, unsigned perms, double fp_weight,
                              double fn_weight, uint64_t seed)
{
    memset(t, 0, sizeof *t);
    bigarray_init(&t->keys);
    t->threshold = threshold < 0.999 ? threshold : 0.999;
    concord_status st = concord_lsh_params(t->threshold, perms, fp_weight, fn_weight, &t->bands, &t->rows);
    if (!st) st = minhash_init(&t->mh, perms, seed);
    if (!st && !(t->sig = malloc(perms * sizeof *t->sig))) st = CONCORD_ERR_NOMEM;
    return st;
}

void lsh_table_free(lsh_table *t)
{
    if (!t) return;
    minhash_free(&t->mh);
    bigarray_free(&t->keys);
    free(t->sig);
    memset(t, 0, sizeof *t);
}

void lsh_table_isolate(lsh_table *t, size_t k)
{
    uint32_t *keys = (uint32_t *)t->keys.data + k * t->bands;
    for (unsigned b = 0; b < t->bands; b++)
        keys[b] = (uint32_t)(hash_mix64((uint64_t)k << 16 ^ b ^ SEED_ISOLATED) >> 32);
}

concord_status lsh_table_add(lsh_table *t, const uint32_t *x, size_t n)
{
    if (t->n + 2 >= UINT32_MAX) return CONCORD_ERR_TOO_LARGE; /* ids are 32-bit in pairs */
    concord_status st = bigarray_reserve(&t->keys, (t->n + 1) * t->bands * sizeof(uint32_t));
    if (st) return st;
    if (n) {
        minhash_sign(&t->mh, x, n, t->sig);
        lsh_band_keys(t->sig, t->bands, t->rows, (uint32_t *)t->keys.data + t->n * t->bands);
    } else {
        lsh_table_isolate(t, t->n);
    }
    t->n++;
    return CONCORD_OK;
}

concord_status lsh_table_candidates(const lsh_table *t, uint64_t **out, size_t *len)
{
    uint64_t *cand = NULL;
    size_t n = 0, cap = 0;
    *out = NULL;
    *len = 0;
    concord_status st = lsh_candidates(t->keys.data, t->n, t->bands, &cand, &n, &cap);
    if (!st && n) {
        uint64_t *tmp = malloc(n * sizeof *tmp);
        if (!tmp) st = CONCORD_ERR_NOMEM;
        else n = sort_unique_u64(cand, tmp, n);
        free(tmp);
    }
    if (st) {
        free(cand);
        return st;
    }
    *out = cand;
    *len = n;
    return CONCORD_OK;
}
