/* recent.c - the in-memory multimap of the band index's recent level. */
#include <stdlib.h>
#include <string.h>

#include "sketch/hash.h"
#include "store/recent.h"
#include "util/buf.h"

static size_t slot_of(const store_recent *r, uint64_t key)
{
    return (size_t)hash_mix64(key) & (r->cap - 1);
}

void recent_free(store_recent *r)
{
    free(r->keys);
    free(r->docs);
    memset(r, 0, sizeof *r);
}

void recent_clear(store_recent *r)
{
    if (r->cap) memset(r->docs, 0, r->cap * sizeof *r->docs);
    r->live = r->used = 0;
}

/* Insert without growing; the table has a free slot. */
static void put(store_recent *r, uint64_t key, int64_t doc)
{
    size_t i = slot_of(r, key);
    while (r->docs[i] > 0) i = (i + 1) & (r->cap - 1);
    if (r->docs[i] == 0) r->used++;
    r->keys[i] = key;
    r->docs[i] = doc;
    r->live++;
}

/* Rehash into a table of cap slots (removed slots are dropped). */
static concord_status rehash(store_recent *r, size_t cap)
{
    store_recent n = {.cap = cap};
    n.keys = malloc(cap * sizeof *n.keys);
    n.docs = calloc(cap, sizeof *n.docs);
    if (!n.keys || !n.docs) {
        free(n.keys);
        free(n.docs);
        return CONCORD_ERR_NOMEM;
    }
    for (size_t i = 0; i < r->cap; i++)
        if (r->docs[i] > 0) put(&n, r->keys[i], r->docs[i]);
    free(r->keys);
    free(r->docs);
    *r = n;
    return CONCORD_OK;
}

concord_status recent_reserve(store_recent *r, size_t n)
{
    /* At most 3/4 of the slots in use (live or removed); a rehash leaves
       the table at most half full. */
    if ((r->used + n) * 4 <= r->cap * 3) return CONCORD_OK;
    size_t cap = r->cap ? r->cap : 1024;
    while ((r->live + n) * 2 > cap) cap *= 2;
    return rehash(r, cap);
}

concord_status recent_add(store_recent *r, uint64_t key, int64_t doc)
{
    concord_status s = recent_reserve(r, 1);
    if (s) return s;
    put(r, key, doc);
    return CONCORD_OK;
}

concord_status recent_add_many(store_recent *r, recent_pair *pairs, size_t n)
{
    concord_status s = recent_reserve(r, n);
    if (s || n < 2) return s ? s : n ? recent_add(r, pairs[0].key, pairs[0].doc) : CONCORD_OK;
    recent_pair *own = malloc(n * sizeof *own), *tmp = own;
    if (!own) return CONCORD_ERR_NOMEM;
    /* LSD radix sort by home slot, 8 bits a pass. */
    for (unsigned shift = 0; (r->cap - 1) >> shift; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++) count[((slot_of(r, pairs[i].key) >> shift) & 255) + 1]++;
        for (int d = 0; d < 256; d++) count[d + 1] += count[d];
        for (size_t i = 0; i < n; i++) tmp[count[(slot_of(r, pairs[i].key) >> shift) & 255]++] = pairs[i];
        recent_pair *t = pairs;
        pairs = tmp;
        tmp = t;
    }
    for (size_t i = 0; i < n; i++) put(r, pairs[i].key, pairs[i].doc);
    free(own);
    return CONCORD_OK;
}

void recent_remove(store_recent *r, uint64_t key, int64_t doc)
{
    if (!r->cap) return;
    for (size_t i = slot_of(r, key); r->docs[i] != 0; i = (i + 1) & (r->cap - 1))
        if (r->docs[i] == doc && r->keys[i] == key) {
            r->docs[i] = -1;
            r->live--;
            return;
        }
}

concord_status recent_find(const store_recent *r, uint64_t key, int64_t **out, size_t *len, size_t *cap)
{
    if (!r->cap) return CONCORD_OK;
    for (size_t i = slot_of(r, key); r->docs[i] != 0; i = (i + 1) & (r->cap - 1))
        if (r->docs[i] > 0 && r->keys[i] == key) {
            concord_status s = VEC_PUSH(*out, *len, *cap, r->docs[i]);
            if (s) return s;
        }
    return CONCORD_OK;
}
