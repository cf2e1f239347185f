/*
 * lexicon_table.c - the lexicon's word table: one open-addressing hash
 * table of words (keys back to back in lexicon.names), grown by doubling.
 * Insertion and resizing are here; lookup (table_find) is inline in
 * lexicon_internal.h, since every query probes it.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "text/lexicon_internal.h"

/* Rehash into cap slots (a power of two, > n_entries). */
int lexicon_table_resize(concord_lexicon *lex, size_t cap)
{
    assert((cap & (cap - 1)) == 0 && cap > lex->n_entries);
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; i <= lex->slot_mask; i++) {
        uint64_t v = lex->slots[i];
        if (!v) continue;
        const lex_entry *e = &lex->entries[(uint32_t)v - 1];
        size_t j = (size_t)table_hash(lex->names + e->key_off, e->key_len) & (cap - 1);
        while (slots[j]) j = (j + 1) & (cap - 1);
        slots[j] = v;
    }
    free(lex->slots);
    lex->slots = slots;
    lex->slot_mask = cap - 1;
    return 0;
}

/* The entry of s (inserted empty when new); UINT32_MAX when out of memory. */
uint32_t lexicon_table_insert(concord_lexicon *lex, const char *s, size_t len)
{
    assert(len > 0 && len <= LEX_WORD_MAX);
    const lex_entry *found = table_find(lex, s, len);
    if (found) return (uint32_t)(found - lex->entries);
    if ((lex->n_entries + 1) * 2 > lex->slot_mask + 1 &&
        lexicon_table_resize(lex, (lex->slot_mask + 1) * 2) != 0)
        return UINT32_MAX;
    if (lex->n_entries == lex->entries_cap) {
        size_t cap = lex->entries_cap ? lex->entries_cap * 2 : 1024;
        lex_entry *p = realloc(lex->entries, cap * sizeof *p);
        if (!p) return UINT32_MAX;
        lex->entries = p;
        lex->entries_cap = cap;
    }
    if (lex->names_len + len > lex->names_cap) {
        size_t cap = lex->names_cap ? lex->names_cap * 2 : 65536;
        while (cap < lex->names_len + len) cap *= 2;
        char *p = realloc(lex->names, cap);
        if (!p) return UINT32_MAX;
        lex->names = p;
        lex->names_cap = cap;
    }
    if (lex->names_len + len > UINT32_MAX || lex->n_entries >= UINT32_MAX - 1) return UINT32_MAX;
    uint32_t idx = (uint32_t)lex->n_entries++;
    lex_entry *e = &lex->entries[idx];
    memset(e, 0, sizeof *e);
    e->key_off = (uint32_t)lex->names_len;
    e->key_len = (uint8_t)len;
    e->cls = NO_CLASS;
    memcpy(lex->names + lex->names_len, s, len);
    lex->names_len += len;
    uint64_t h = table_hash(s, len);
    size_t i = (size_t)h & lex->slot_mask;
    while (lex->slots[i]) i = (i + 1) & lex->slot_mask;
    lex->slots[i] = (h >> 32 << 32) | (idx + 1);
    return idx;
}
