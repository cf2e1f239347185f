/* strmap.c - byte string -> uint32 map (see strmap.h). */
#include <stdlib.h>
#include <string.h>

#include "sketch/hash.h"
#include "story/strmap.h"

void strmap_init(strmap *m) { memset(m, 0, sizeof *m); }

void strmap_free(strmap *m)
{
    free(m->slots);
    free(m->pool);
    free(m->key_span);
    strmap_init(m);
}

static uint64_t key_hash(const char *s, size_t len)
{
    uint64_t h = hash_bytes(s, len, 0x5eed);
    return h ? h : 1;
}

const char *strmap_key(const strmap *m, size_t i, size_t *len)
{
    *len = (size_t)(m->key_span[i] & 0xffff);
    return m->pool + (m->key_span[i] >> 16);
}

uint32_t strmap_get(const strmap *m, const char *s, size_t len)
{
    if (!m->slots) return UINT32_MAX;
    uint64_t h = key_hash(s, len);
    for (size_t i = h & m->mask;; i = (i + 1) & m->mask) {
        const strmap_slot *sl = &m->slots[i];
        if (!sl->hash) return UINT32_MAX;
        if (sl->hash != h) continue;
        size_t kl;
        const char *k = strmap_key(m, sl->key, &kl);
        if (kl == len && !memcmp(k, s, len)) return sl->value;
    }
}

static void place(strmap_slot *slots, size_t mask, strmap_slot sl)
{
    size_t i = sl.hash & mask;
    while (slots[i].hash) i = (i + 1) & mask;
    slots[i] = sl;
}

concord_status strmap_put(strmap *m, const char *s, size_t len, uint32_t value)
{
    if (len > 0xffff || m->len >= UINT32_MAX - 1) return CONCORD_ERR_TOO_LARGE;
    if (!m->slots || (m->len + 1) * 2 > m->mask + 1) {
        size_t cap = m->slots ? (m->mask + 1) * 2 : 1024;
        strmap_slot *slots = calloc(cap, sizeof *slots);
        if (!slots) return CONCORD_ERR_NOMEM;
        for (size_t i = 0; m->slots && i <= m->mask; i++)
            if (m->slots[i].hash) place(slots, cap - 1, m->slots[i]);
        free(m->slots);
        m->slots = slots;
        m->mask = cap - 1;
    }
    if (m->pool_len + len > m->pool_cap) {
        size_t cap = m->pool_cap ? m->pool_cap : 4096;
        while (cap < m->pool_len + len) cap *= 2;
        char *p = realloc(m->pool, cap);
        if (!p) return CONCORD_ERR_NOMEM;
        m->pool = p;
        m->pool_cap = cap;
    }
    if (m->len == m->key_cap) {
        size_t cap = m->key_cap ? m->key_cap * 2 : 256;
        uint64_t *k = realloc(m->key_span, cap * sizeof *k);
        if (!k) return CONCORD_ERR_NOMEM;
        m->key_span = k;
        m->key_cap = cap;
    }
    if (len) memcpy(m->pool + m->pool_len, s, len);
    m->key_span[m->len] = (uint64_t)m->pool_len << 16 | len;
    m->pool_len += len;
    strmap_slot sl = {key_hash(s, len), (uint32_t)m->len, value};
    place(m->slots, m->mask, sl);
    m->len++;
    return CONCORD_OK;
}
