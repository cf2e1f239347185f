/*
 * lsh_table.h - a MinHash + LSH index over a batch of sets: the part of
 * near-duplicate search that dedup and relate share.
 *
 * Each added set is signed (MinHash, perms permutations) and only its band
 * keys are kept (bands x 32 bits, in one flat bigarray); the signature is a
 * reused scratch. The banding is chosen for a Jaccard threshold by
 * concord_lsh_params(). candidates() sorts the keys band by band and returns
 * every pair sharing a band, sorted and without repeats: its cost is
 * O(bands * n) plus the pairs, never all pairs of the batch.
 */
#ifndef CONCORD_INDEX_LSH_TABLE_H
#define CONCORD_INDEX_LSH_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"
#include "sketch/minhash.h"
#include "util/bigarray.h"

typedef struct lsh_table {
    minhash mh;
    unsigned bands, rows;
    double threshold;  /* the Jaccard the banding is tuned for */
    bigarray keys;     /* uint32_t[n * bands], document-major */
    size_t n;
    uint32_t *sig;     /* scratch: perms values */
} lsh_table;

/* threshold in (0, 1) (values >= 0.999 are taken as 0.999); perms >= 1.
   On failure the table is left freeable. */
concord_status lsh_table_init(lsh_table *t, double threshold, unsigned perms, double fp_weight,
                              double fn_weight, uint64_t seed);
void lsh_table_free(lsh_table *t);

/* Append document t->n: the set x[0..n) (unsorted, repeats harmless). An
   empty set gets isolated keys (all empty sets would share every bucket).
   CONCORD_ERR_TOO_LARGE past 2^32 - 2 documents. */
concord_status lsh_table_add(lsh_table *t, const uint32_t *x, size_t n);

/* Give document k keys of its own, derived from k, so it shares no bucket
   (a rare 32-bit collision only adds a candidate the caller verifies). */
void lsh_table_isolate(lsh_table *t, size_t k);

/* *out (malloc'd, caller frees; NULL when empty) = the distinct pairs of
   documents sharing a band key, packed (uint64)a << 32 | b with a < b,
   ascending. */
concord_status lsh_table_candidates(const lsh_table *t, uint64_t **out, size_t *len);

#endif
