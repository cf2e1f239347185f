/* lsh.c - banding parameters and candidate pairs; see lsh.h and concord.h. */
#include "index/lsh.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

#include "sketch/hash.h"
#include "util/buf.h"
#include "util/radix.h"

double concord_lsh_probability(double s, unsigned bands, unsigned rows)
{
    return 1.0 - pow(1.0 - pow(s, (double)rows), (double)bands);
}

/*
 * Composite Simpson's rule with a fixed 256 intervals: the integrands are
 * smooth polynomials of degree <= perms, integrated over [0, t] or [t, 1],
 * so the error is far below what changes the choice of (bands, rows).
 */
static double integrate_candidate(double lo, double hi, unsigned bands, unsigned rows, int miss)
{
    enum { STEPS = 256 };
    double h = (hi - lo) / STEPS, sum = 0.0;
    for (int i = 0; i <= STEPS; i++) {
        double p = concord_lsh_probability(lo + i * h, bands, rows);
        double f = miss ? 1.0 - p : p;
        sum += f * (i == 0 || i == STEPS ? 1 : (i & 1) ? 4 : 2);
    }
    return sum * h / 3.0;
}

concord_status concord_lsh_params(double threshold, unsigned perms, double fp_weight,
                                  double fn_weight, unsigned *bands, unsigned *rows)
{
    if (!(threshold > 0.0 && threshold < 1.0) || perms == 0 || !bands || !rows ||
        !(fp_weight >= 0.0) || !(fn_weight >= 0.0) || fp_weight + fn_weight <= 0.0)
        return CONCORD_ERR_INVALID;
    double best = INFINITY;
    for (unsigned b = 1; b <= perms; b++) {
        for (unsigned r = 1; r <= perms / b; r++) {
            double fp = integrate_candidate(0.0, threshold, b, r, 0);
            double fn = integrate_candidate(threshold, 1.0, b, r, 1);
            double err = fp * fp_weight + fn * fn_weight;
            if (err < best) { /* strict: ties keep the first, as datasketch */
                best = err;
                *bands = b;
                *rows = r;
            }
        }
    }
    return CONCORD_OK;
}

concord_status lsh_candidates(const uint32_t *sigs, size_t n, unsigned perms, unsigned bands,
                              unsigned rows, uint64_t **pairs, size_t *len,
                              size_t *cap)
{
    assert((size_t)bands * rows <= perms);
    if (n < 2) return CONCORD_OK;
    assert(n < UINT32_MAX);
    uint64_t *keys = malloc(n * sizeof *keys), *tmp = malloc(n * sizeof *tmp);
    concord_status st = keys && tmp ? CONCORD_OK : CONCORD_ERR_NOMEM;
    for (unsigned band = 0; band < bands && !st; band++) {
        /* Key = 32 bits of the band's hash, then the document: sorting
           brings each bucket together in document order. A 32-bit key
           collision only adds a false candidate, which verification drops. */
        for (size_t d = 0; d < n; d++) {
            const uint32_t *row = sigs + d * perms + (size_t)band * rows;
            uint64_t h = hash_bytes(row, rows * sizeof *row, band);
            keys[d] = (h & UINT64_C(0xffffffff00000000)) | d;
        }
        radix_sort_u64(keys, tmp, n);
        for (size_t i = 0; i < n && !st;) {
            size_t j = i + 1;
            while (j < n && (keys[j] >> 32) == (keys[i] >> 32)) j++;
            for (size_t x = i; x < j && !st; x++) {
                for (size_t y = i; y < x && !st; y++) {
                    uint64_t a = (uint32_t)keys[y], b = (uint32_t)keys[x];
                    st = VEC_PUSH(*pairs, *len, *cap, a << 32 | b);
                }
            }
            i = j;
        }
    }
    free(keys);
    free(tmp);
    return st;
}
