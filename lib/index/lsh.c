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
 * Both integrals by composite Simpson's rule on a fixed grid of 256
 * intervals over [0, 1] (the threshold snapped to a grid point would move
 * it, so each side gets its own grid of the same density). The integrands
 * are polynomials of degree <= perms; the error is far below what changes
 * the choice. For each grid point and each rows r, (1 - s^r)^b is built by
 * repeated multiplication over b (and s^r over r), so the search costs
 * O(perms log perms * grid) multiplications and no pow() calls.
 */
enum { GRID = 256 };

/* Simpson weight of grid point i (of GRID + 1), times h/3 by the caller. */
static double simpson_weight(int i) { return i == 0 || i == GRID ? 1 : (i & 1) ? 4 : 2; }

concord_status concord_lsh_params(double threshold, unsigned perms, double fp_weight,
                                  double fn_weight, unsigned *bands, unsigned *rows)
{
    if (!(threshold > 0.0 && threshold < 1.0) || perms == 0 || !bands || !rows ||
        !(fp_weight >= 0.0) || !(fn_weight >= 0.0) || fp_weight + fn_weight <= 0.0)
        return CONCORD_ERR_INVALID;
    /* err[(b-1)*perms + (r-1)] for every b*r <= perms. */
    double *err = malloc((size_t)perms * perms * sizeof *err);
    if (!err) return CONCORD_ERR_NOMEM;
    const double h_fp = threshold / GRID, h_fn = (1.0 - threshold) / GRID;
    double pow_fp[GRID + 1], pow_fn[GRID + 1]; /* s^r, carried from r to r + 1 */
    for (int i = 0; i <= GRID; i++) pow_fp[i] = pow_fn[i] = 1.0;
    for (unsigned r = 1; r <= perms; r++) {
        double miss_fp[GRID + 1], miss_fn[GRID + 1]; /* (1 - s^r)^b, built up over b */
        double q_fp[GRID + 1], q_fn[GRID + 1];
        for (int i = 0; i <= GRID; i++) {
            pow_fp[i] *= i * h_fp;
            pow_fn[i] *= threshold + i * h_fn;
            q_fp[i] = miss_fp[i] = 1.0 - pow_fp[i];
            q_fn[i] = miss_fn[i] = 1.0 - pow_fn[i];
        }
        for (unsigned b = 1; b <= perms / r; b++) {
            double fp = 0.0, fn = 0.0;
            for (int i = 0; i <= GRID; i++) {
                fp += simpson_weight(i) * (1.0 - miss_fp[i]); /* P(candidate), s < t */
                fn += simpson_weight(i) * miss_fn[i];         /* P(miss), s >= t */
                miss_fp[i] *= q_fp[i];
                miss_fn[i] *= q_fn[i];
            }
            err[(size_t)(b - 1) * perms + (r - 1)] =
                fp * h_fp / 3.0 * fp_weight + fn * h_fn / 3.0 * fn_weight;
        }
    }
    /* Scan in datasketch's order (b outer, r inner; strict <: first wins). */
    double best = INFINITY;
    for (unsigned b = 1; b <= perms; b++)
        for (unsigned r = 1; r <= perms / b; r++) {
            double e = err[(size_t)(b - 1) * perms + (r - 1)];
            if (e < best) {
                best = e;
                *bands = b;
                *rows = r;
            }
        }
    free(err);
    return CONCORD_OK;
}

void lsh_band_keys(const uint32_t *sig, unsigned bands, unsigned rows, uint32_t *keys)
{
    for (unsigned band = 0; band < bands; band++)
        keys[band] = (uint32_t)(hash_bytes(sig + (size_t)band * rows, rows * sizeof *sig, band) >> 32);
}

concord_status lsh_candidates(const uint32_t *keys, size_t n, unsigned bands, uint64_t **pairs,
                              size_t *len, size_t *cap)
{
    if (n < 2) return CONCORD_OK;
    assert(n < UINT32_MAX);
    uint64_t *sorted = malloc(n * sizeof *sorted), *tmp = malloc(n * sizeof *tmp);
    concord_status st = sorted && tmp ? CONCORD_OK : CONCORD_ERR_NOMEM;
    for (unsigned band = 0; band < bands && !st; band++) {
        /* (key, document): a stable sort on the key brings each bucket
           together with its documents in ascending order. */
        for (size_t d = 0; d < n; d++) sorted[d] = (uint64_t)keys[d * bands + band] << 32 | d;
        radix_sort_u64_high32(sorted, tmp, n);
        for (size_t i = 0; i < n && !st;) {
            size_t j = i + 1;
            while (j < n && (sorted[j] >> 32) == (sorted[i] >> 32)) j++;
            for (size_t x = i + 1; x < j && !st; x++)
                for (size_t y = i; y < x && !st; y++) {
                    uint64_t a = (uint32_t)sorted[y], b = (uint32_t)sorted[x];
                    st = VEC_PUSH(*pairs, *len, *cap, a << 32 | b);
                }
            i = j;
        }
    }
    free(sorted);
    free(tmp);
    return st;
}
