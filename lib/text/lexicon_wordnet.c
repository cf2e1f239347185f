/*
 * lexicon_wordnet.c - building the lexicon from WordNet at create time:
 * map the dict files, parse index.* (lemmas and their ranked senses),
 * data.* (which lemmas are written in lower case) and *.exc (irregular
 * inflections), number the synsets densely, give each entry its sorted
 * synset list, and group lemmas into canonical classes by the chosen rule
 * (docs/lexicon.md explains the choice). The query side is in lexicon.c.
 */
#include "text/lexicon_internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/radix.h"

static const char *const pos_names[POS_COUNT] = {"noun", "verb", "adj", "adv"};

typedef struct sense_rec {
    uint32_t entry;
    uint32_t synset; /* pos << 24 | byte offset in data.pos; dense id after load */
    uint8_t pos, rank;
} sense_rec;

typedef struct exc_rec {
    uint32_t form, base;
} exc_rec;

typedef struct builder {
    concord_lexicon *lex;
    sense_rec *senses;
    size_t n_senses, senses_cap;
    exc_rec *excs;
    size_t n_excs, excs_cap;
    uint32_t *synset_keys; /* sorted distinct synset keys: dense id = index */
    size_t n_keys;
    /* lemma entries' synsets as CSR over entries: own senses only */
    uint32_t *own_off;
    uint32_t *own;
} builder;

/*
 * Map a whole file read-only (MAP_POPULATE: one batch of page-table work
 * instead of a fault per page, which costs ~10 us on virtual machines).
 * NULL when it cannot be opened or mapped; an empty file maps to "".
 */
static const char *map_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    const char *p = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        *len = (size_t)st.st_size;
        if (*len == 0) {
            p = "";
        } else {
            void *m = mmap(NULL, *len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
            if (m != MAP_FAILED) p = m;
        }
    }
    close(fd);
    return p;
}

static void unmap_file(const char *p, size_t len)
{
    if (p && len) munmap((void *)(uintptr_t)p, len);
}

/* Next space-separated field of [*p, end): returns its length, 0 at the end. */
static size_t next_field(const char **p, const char *end, const char **field)
{
    const char *s = *p;
    while (s < end && *s == ' ') s++;
    const char *f = s;
    while (s < end && *s != ' ') s++;
    *field = f;
    *p = s;
    return (size_t)(s - f);
}

/* Decimal (base 10) or hex (base 16) field; -1 when not a number. */
static long parse_num(const char *s, size_t len, int base)
{
    if (len == 0 || len > 9) return -1;
    long v = 0;
    for (size_t i = 0; i < len; i++) {
        int d;
        char c = s[i];
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else
            return -1;
        v = v * base + d;
    }
    return v;
}

/*
 * A WordNet lemma a token can equal: lower-case ASCII letters with inner
 * apostrophes ("o'clock"). Multi-word ("armed_forces"), hyphenated
 * ("well-known") and dotted ("a.d.") lemmas are left out: the tokenizer
 * splits them, so a single-token lookup never meets them.
 */
static int single_word(const char *s, size_t len)
{
    if (len == 0 || len > LEX_WORD_MAX || s[0] < 'a' || s[0] > 'z') return 0;
    for (size_t i = 1; i < len; i++) {
        char c = s[i];
        if (c >= 'a' && c <= 'z') continue;
        if (c == '\'' && i + 1 < len && s[i + 1] >= 'a' && s[i + 1] <= 'z') continue;
        return 0;
    }
    return 1;
}

static int push_sense(builder *b, uint32_t entry, uint32_t synset, unsigned pos, unsigned rank)
{
    if (b->n_senses == b->senses_cap) {
        size_t cap = b->senses_cap ? b->senses_cap * 2 : 65536;
        sense_rec *p = realloc(b->senses, cap * sizeof *p);
        if (!p) return -1;
        b->senses = p;
        b->senses_cap = cap;
    }
    b->senses[b->n_senses++] = (sense_rec){
        entry, synset, (uint8_t)pos, (uint8_t)(rank < LEX_MAX_SENSES ? rank : LEX_MAX_SENSES)};
    return 0;
}

/*
 * Iterate the lines of [*cursor, end): *line..*eol is the next line without
 * its '\n'; returns 0 when none is left.
 */
static int next_line(const char **cursor, const char *end, const char **line, const char **eol)
{
    if (*cursor >= end) return 0;
    const char *nl = memchr(*cursor, '\n', (size_t)(end - *cursor));
    *line = *cursor;
    *eol = nl ? nl : end;
    *cursor = nl ? nl + 1 : end;
    return 1;
}

/*
 * index.POS: "lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt
 * tagsense_cnt synset_offset..." with offsets in sense order (most frequent
 * first). Lines starting with a space are the licence.
 */
static concord_status parse_index(builder *b, const char *text, size_t len, unsigned pos)
{
    concord_lexicon *lex = b->lex;
    const char *end = text + len;
    for (const char *cursor = text, *p, *eol; next_line(&cursor, end, &p, &eol);) {
        if (p == eol || *p == ' ') continue;
        const char *f, *lemma;
        size_t lemma_len = next_field(&p, eol, &lemma);
        size_t n;
        long count = -1, pcnt = -1;
        if (next_field(&p, eol, &f) == 1) {
            n = next_field(&p, eol, &f);
            count = parse_num(f, n, 10);
            n = next_field(&p, eol, &f);
            pcnt = parse_num(f, n, 10);
        }
        if (count <= 0 || pcnt < 0) {
            lex->stats.corrupt_lines++;
            continue;
        }
        for (long i = 0; i < pcnt + 2; i++) /* pointers, counts */
            if (next_field(&p, eol, &f) == 0) break;
        uint32_t offsets[LEX_MAX_SENSES];
        long got = 0;
        for (; got < count; got++) {
            n = next_field(&p, eol, &f);
            long off = parse_num(f, n, 10);
            if (n != 8 || off < 0 || off >= (1L << 24)) break;
            if (got < LEX_MAX_SENSES) offsets[got] = (uint32_t)off;
        }
        if (got != count) {
            lex->stats.corrupt_lines++;
            continue;
        }
        if (!single_word(lemma, lemma_len)) {
            lex->stats.skipped_lemmas++;
            continue;
        }
        uint32_t e = lexicon_table_insert(lex, lemma, lemma_len);
        if (e == UINT32_MAX) return CONCORD_ERR_NOMEM;
        if (!(lex->entries[e].flags & LEX_LEMMA)) lex->stats.lemmas++;
        lex->entries[e].flags |= (uint8_t)(LEX_LEMMA | 1u << (LEX_POS_SHIFT + pos));
        long kept = count < LEX_MAX_SENSES ? count : LEX_MAX_SENSES;
        for (long i = 0; i < kept; i++)
            if (push_sense(b, e, (uint32_t)pos << 24 | offsets[i], pos, (unsigned)i) != 0)
                return CONCORD_ERR_NOMEM;
    }
    return CONCORD_OK;
}

/*
 * data.POS: "offset lex_filenum ss_type w_cnt(hex) word lex_id ..." - only
 * the words are read, to learn which lemmas are written in lower case
 * somewhere (common words) and which only capitalised (names).
 */
static void parse_data(builder *b, const char *text, size_t len)
{
    concord_lexicon *lex = b->lex;
    const char *end = text + len;
    for (const char *cursor = text, *p, *eol; next_line(&cursor, end, &p, &eol);) {
        if (p == eol || *p == ' ') continue;
        const char *f;
        size_t n = next_field(&p, eol, &f);
        if (parse_num(f, n, 10) < 0) goto corrupt;
        next_field(&p, eol, &f);
        next_field(&p, eol, &f);
        n = next_field(&p, eol, &f);
        long words = parse_num(f, n, 16);
        if (words <= 0) goto corrupt;
        for (long i = 0; i < words; i++) {
            const char *w, *id;
            size_t wl = next_field(&p, eol, &w);
            if (next_field(&p, eol, &id) == 0) goto corrupt;
            const char *paren = memchr(w, '(', wl); /* adjective markers: "big(a)" */
            if (paren) wl = (size_t)(paren - w);
            if (wl == 0 || wl > LEX_WORD_MAX || w[0] < 'a' || w[0] > 'z') continue;
            const lex_entry *e = table_find(lex, w, wl);
            if (e) lex->entries[e - lex->entries].flags |= LEX_LOWER;
        }
        continue;
    corrupt:
        lex->stats.corrupt_lines++;
    }
}

/* POS.exc: "inflected base [base...]" ("went go", "children child"). */
static concord_status parse_exc(builder *b, const char *text, size_t len)
{
    concord_lexicon *lex = b->lex;
    const char *end = text + len;
    for (const char *cursor = text, *p, *eol; next_line(&cursor, end, &p, &eol);) {
        if (p == eol) continue;
        const char *form, *base;
        size_t form_len = next_field(&p, eol, &form);
        size_t base_len = next_field(&p, eol, &base);
        if (form_len == 0 || base_len == 0) {
            lex->stats.corrupt_lines++;
            continue;
        }
        if (!single_word(form, form_len)) continue;
        for (; base_len; base_len = next_field(&p, eol, &base)) {
            const lex_entry *be =
                single_word(base, base_len) ? table_find(lex, base, base_len) : NULL;
            if (!be || !(be->flags & LEX_LEMMA)) continue;
            uint32_t base_idx = (uint32_t)(be - lex->entries);
            uint32_t fe = lexicon_table_insert(lex, form, form_len);
            if (fe == UINT32_MAX) return CONCORD_ERR_NOMEM;
            if (!(lex->entries[fe].flags & LEX_EXC)) lex->stats.exceptions++;
            lex->entries[fe].flags |= LEX_EXC;
            if (b->n_excs == b->excs_cap) {
                size_t cap = b->excs_cap ? b->excs_cap * 2 : 8192;
                exc_rec *q = realloc(b->excs, cap * sizeof *q);
                if (!q) return CONCORD_ERR_NOMEM;
                b->excs = q;
                b->excs_cap = cap;
            }
            b->excs[b->n_excs++] = (exc_rec){fe, base_idx};
        }
    }
    return CONCORD_OK;
}

static uint32_t dense_synset(const builder *b, uint32_t key)
{
    size_t lo = 0, hi = b->n_keys;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->synset_keys[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    assert(lo < b->n_keys && b->synset_keys[lo] == key);
    return (uint32_t)lo;
}

/* Replace synset keys by dense ids 0..n_keys-1. */
static concord_status densify(builder *b)
{
    uint32_t *keys = malloc((b->n_senses + 1) * sizeof *keys);
    uint32_t *tmp = malloc((b->n_senses + 1) * sizeof *tmp);
    if (!keys || !tmp) {
        free(keys);
        free(tmp);
        return CONCORD_ERR_NOMEM;
    }
    for (size_t i = 0; i < b->n_senses; i++) keys[i] = b->senses[i].synset;
    b->n_keys = sort_unique_u32(keys, tmp, b->n_senses);
    free(tmp);
    b->synset_keys = keys;
    for (size_t i = 0; i < b->n_senses; i++)
        b->senses[i].synset = dense_synset(b, b->senses[i].synset);
    b->lex->stats.synsets = b->n_keys;
    return CONCORD_OK;
}

/*
 * The synonymy lists: each lemma's synsets, and for an inflection its
 * bases' synsets too ("went" gets the synsets of "go"), sorted and unique.
 */
static concord_status build_synset_lists(builder *b)
{
    concord_lexicon *lex = b->lex;
    /* own senses as CSR first, to expand inflections */
    size_t n_entries = lex->n_entries;
    b->own_off = calloc(n_entries + 1, sizeof *b->own_off);
    b->own = malloc((b->n_senses + 1) * sizeof *b->own);
    if (!b->own_off || !b->own) return CONCORD_ERR_NOMEM;
    for (size_t i = 0; i < b->n_senses; i++) b->own_off[b->senses[i].entry + 1]++;
    for (size_t i = 0; i < n_entries; i++) b->own_off[i + 1] += b->own_off[i];
    {
        uint32_t *fill = malloc((n_entries + 1) * sizeof *fill);
        if (!fill) return CONCORD_ERR_NOMEM;
        memcpy(fill, b->own_off, (n_entries + 1) * sizeof *fill);
        for (size_t i = 0; i < b->n_senses; i++)
            b->own[fill[b->senses[i].entry]++] = b->senses[i].synset;
        free(fill);
    }
    size_t total = b->n_senses;
    for (size_t i = 0; i < b->n_excs; i++)
        total += b->own_off[b->excs[i].base + 1] - b->own_off[b->excs[i].base];
    uint64_t *pairs = malloc((total + 1) * sizeof *pairs);
    uint64_t *tmp = malloc((total + 1) * sizeof *tmp);
    if (!pairs || !tmp) {
        free(pairs);
        free(tmp);
        return CONCORD_ERR_NOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < b->n_senses; i++)
        pairs[n++] = (uint64_t)b->senses[i].entry << 32 | b->senses[i].synset;
    for (size_t i = 0; i < b->n_excs; i++) {
        uint32_t base = b->excs[i].base;
        for (uint32_t j = b->own_off[base]; j < b->own_off[base + 1]; j++)
            pairs[n++] = (uint64_t)b->excs[i].form << 32 | b->own[j];
    }
    assert(n == total);
    n = sort_unique_u64(pairs, tmp, n);
    free(tmp);
    lex->synsets = malloc((n + 1) * sizeof *lex->synsets);
    if (!lex->synsets) {
        free(pairs);
        return CONCORD_ERR_NOMEM;
    }
    lex->n_synsets = n;
    for (size_t i = 0; i < n;) {
        uint32_t entry = (uint32_t)(pairs[i] >> 32);
        size_t j = i;
        while (j < n && (uint32_t)(pairs[j] >> 32) == entry) {
            lex->synsets[j] = (uint32_t)pairs[j];
            j++;
        }
        lex->entries[entry].syn_off = (uint32_t)i;
        lex->entries[entry].syn_n = (uint16_t)(j - i < UINT16_MAX ? j - i : UINT16_MAX);
        i = j;
    }
    free(pairs);
    return CONCORD_OK;
}

/* ---- canonical classes (docs/lexicon.md explains the choice) ---- */

/*
 * FIRST_SENSE: the first synset of the word's dominant part of speech (the
 * one with the most senses; ties by noun, verb, adjective, adverb).
 */
static concord_status classes_first_sense(builder *b)
{
    concord_lexicon *lex = b->lex;
    uint16_t *best_n = calloc(lex->n_entries + 1, sizeof *best_n);
    if (!best_n) return CONCORD_ERR_NOMEM;
    for (size_t i = 0; i < b->n_senses;) {
        size_t j = i;
        while (j < b->n_senses && b->senses[j].entry == b->senses[i].entry &&
               b->senses[j].pos == b->senses[i].pos)
            j++;
        uint32_t e = b->senses[i].entry;
        if (j - i > best_n[e]) {
            best_n[e] = (uint16_t)(j - i);
            lex->entries[e].cls = b->senses[i].synset; /* rank 0 of this POS */
        }
        i = j;
    }
    free(best_n);
    return CONCORD_OK;
}

/* Union-find with sizes, for the capped rule. */
static uint32_t uf_root(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/*
 * CAPPED: words that share a synset are joined, strongest links first,
 * never making a class larger than max_class lemmas. Each synset links its
 * members to its strongest member (lowest sense rank); a link weighs
 * (the weaker end's rank, the stronger end's rank), so links between
 * words' first senses come first. Only senses of rank < `senses` take
 * part. Greedy and deterministic: ties go by synset, then entry order.
 * O(S log S) for S senses (two radix sorts).
 */
static concord_status classes_capped(builder *b, unsigned senses, unsigned max_class)
{
    concord_lexicon *lex = b->lex;
    size_t ns = b->n_senses;
    uint64_t *keys = malloc((ns + 1) * sizeof *keys);
    uint64_t *tmp = malloc((ns + 1) * sizeof *tmp);
    uint32_t *ea = malloc((ns + 1) * sizeof *ea);
    uint32_t *eb = malloc((ns + 1) * sizeof *eb);
    uint32_t *parent = malloc((lex->n_entries + 1) * sizeof *parent);
    uint32_t *size = malloc((lex->n_entries + 1) * sizeof *size);
    concord_status rc = CONCORD_ERR_NOMEM;
    if (!keys || !tmp || !ea || !eb || !parent || !size) goto done;
    /* senses by (synset, rank, entry); dense synset ids < 2^24 */
    size_t n = 0;
    for (size_t i = 0; i < ns; i++)
        if (b->senses[i].rank < senses)
            keys[n++] = (uint64_t)b->senses[i].synset << 40 | (uint64_t)b->senses[i].rank << 32 |
                        b->senses[i].entry;
    radix_sort_u64(keys, tmp, n);
    /* links, then sorted by (weight, creation order) */
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        uint64_t synset = keys[i] >> 40;
        size_t j = i + 1;
        while (j < n && keys[j] >> 40 == synset) j++;
        uint32_t head = (uint32_t)keys[i], head_rank = (uint32_t)(keys[i] >> 32) & 0xff;
        for (size_t k = i + 1; k < j; k++) {
            uint32_t rank = (uint32_t)(keys[k] >> 32) & 0xff;
            ea[m] = head;
            eb[m] = (uint32_t)keys[k];
            tmp[m] = (uint64_t)(rank << 8 | head_rank) << 48 | m;
            m++;
        }
        i = j;
    }
    radix_sort_u64(tmp, keys, m);
    for (size_t i = 0; i < lex->n_entries; i++) {
        parent[i] = (uint32_t)i;
        size[i] = 1;
    }
    for (size_t i = 0; i < m; i++) {
        size_t e = (size_t)(tmp[i] & ((UINT64_C(1) << 48) - 1));
        uint32_t x = uf_root(parent, ea[e]), y = uf_root(parent, eb[e]);
        if (x == y || size[x] + size[y] > max_class) continue;
        if (size[x] < size[y]) {
            uint32_t t = x;
            x = y;
            y = t;
        }
        parent[y] = x;
        size[x] += size[y];
    }
    for (size_t i = 0; i < lex->n_entries; i++)
        if (lex->entries[i].flags & LEX_LEMMA) lex->entries[i].cls = uf_root(parent, (uint32_t)i);
    rc = CONCORD_OK;
done:
    free(keys);
    free(tmp);
    free(ea);
    free(eb);
    free(parent);
    free(size);
    return rc;
}

/*
 * HUB: the class of a word is the most polysemous lemma (most senses over
 * all parts of speech, a proxy for frequency) among the members of its
 * first `senses` senses of each part of speech, itself included; ties go
 * to the earlier entry.
 */
static concord_status classes_hub(builder *b, unsigned senses)
{
    concord_lexicon *lex = b->lex;
    size_t ns = b->n_keys;
    uint32_t *moff = calloc(ns + 1, sizeof *moff);
    uint32_t *mem = malloc((b->n_senses + 1) * sizeof *mem);
    uint32_t *poly = calloc(lex->n_entries + 1, sizeof *poly);
    if (!moff || !mem || !poly) {
        free(moff);
        free(mem);
        free(poly);
        return CONCORD_ERR_NOMEM;
    }
    for (size_t i = 0; i < b->n_senses; i++) {
        moff[b->senses[i].synset + 1]++;
        poly[b->senses[i].entry]++;
    }
    for (size_t i = 0; i < ns; i++) moff[i + 1] += moff[i];
    uint32_t *fill = malloc((ns + 1) * sizeof *fill);
    if (!fill) {
        free(moff);
        free(mem);
        free(poly);
        return CONCORD_ERR_NOMEM;
    }
    memcpy(fill, moff, (ns + 1) * sizeof *fill);
    for (size_t i = 0; i < b->n_senses; i++) mem[fill[b->senses[i].synset]++] = b->senses[i].entry;
    free(fill);
    for (size_t i = 0; i < b->n_senses; i++) {
        const sense_rec *s = &b->senses[i];
        lex_entry *e = &lex->entries[s->entry];
        if (e->cls == NO_CLASS) e->cls = s->entry;
        if (s->rank >= senses) continue;
        for (uint32_t j = moff[s->synset]; j < moff[s->synset + 1]; j++) {
            uint32_t c = mem[j], h = e->cls;
            if (poly[c] > poly[h] || (poly[c] == poly[h] && c < h)) e->cls = c;
        }
    }
    free(moff);
    free(mem);
    free(poly);
    return CONCORD_OK;
}

/*
 * An irregular inflection that is not a lemma itself takes its first
 * base's class ("went" -> "go", "children" -> "child"). One that is a
 * lemma too ("running", "found", "left", "saw") keeps its own class: a
 * thesaurus-driven spinner looks the surface word up and swaps "found"
 * for "established", not "discovered". Sending such forms to their base
 * cost 2.5 points of spin recall (docs/lexicon.md); synonyms() still
 * relates them to their base, since their synset lists include it.
 */
static void classes_of_inflections(builder *b)
{
    concord_lexicon *lex = b->lex;
    for (size_t i = 0; i < b->n_excs; i++) {
        lex_entry *f = &lex->entries[b->excs[i].form];
        const lex_entry *base = &lex->entries[b->excs[i].base];
        if (!(f->flags & LEX_LEMMA) && f->cls == NO_CLASS) f->cls = base->cls;
        f->flags |= base->flags & LEX_LOWER;
    }
}

static void class_stats(concord_lexicon *lex)
{
    uint32_t *ids = malloc((lex->n_entries + 1) * sizeof *ids);
    uint32_t *tmp = malloc((lex->n_entries + 1) * sizeof *tmp);
    if (!ids || !tmp) {
        free(ids);
        free(tmp);
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < lex->n_entries; i++)
        if ((lex->entries[i].flags & LEX_LEMMA) && lex->entries[i].cls != NO_CLASS)
            ids[n++] = lex->entries[i].cls;
    radix_sort_u32(ids, tmp, n);
    size_t classes = 0, largest = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && ids[j] == ids[i]) j++;
        classes++;
        if (j - i > largest) largest = j - i;
        i = j;
    }
    lex->stats.classes = classes;
    lex->stats.largest_class = largest;
    free(ids);
    free(tmp);
}

static void builder_free(builder *b)
{
    free(b->senses);
    free(b->excs);
    free(b->synset_keys);
    free(b->own_off);
    free(b->own);
}

/*
 * Room for Debian's WordNet 3.0 up front (77,557 single-word lemmas, 4,740
 * more inflections, 212,000 senses), so loading does not regrow and
 * rehash; larger data still works, by growing.
 */
static concord_status reserve(concord_lexicon *lex, builder *b)
{
    enum { SLOTS = 1u << 18, ENTRIES = 90000, NAMES = 1u << 20, SENSES = 240000 };
    if (lex->entries_cap < ENTRIES) {
        lex_entry *entries = realloc(lex->entries, ENTRIES * sizeof *entries);
        if (!entries) return CONCORD_ERR_NOMEM;
        lex->entries = entries;
        lex->entries_cap = ENTRIES;
    }
    if (lex->names_cap < NAMES) {
        char *names = realloc(lex->names, NAMES);
        if (!names) return CONCORD_ERR_NOMEM;
        lex->names = names;
        lex->names_cap = NAMES;
    }
    b->senses = malloc(SENSES * sizeof *b->senses);
    if (!b->senses) return CONCORD_ERR_NOMEM;
    b->senses_cap = SENSES;
    if (lex->slot_mask + 1 < SLOTS && lexicon_table_resize(lex, SLOTS) != 0)
        return CONCORD_ERR_NOMEM;
    return CONCORD_OK;
}

static void set_message(char *message, size_t cap, const char *what, const char *path)
{
    if (message && cap)
        snprintf(message, cap, "%s '%s'%s", what, path,
                 " (install WordNet: apt-get install wordnet-base, or set "
                 "CONCORD_WORDNET_DIR)");
}

concord_status lexicon_load_wordnet(concord_lexicon *lex, const char *dir,
                                    const lexicon_build_options *opt, char *message, size_t cap)
{
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        set_message(message, cap, "WordNet directory not found:", dir);
        return CONCORD_ERR_IO;
    }
    builder b = {.lex = lex};
    concord_status rc = reserve(lex, &b);
    if (rc != CONCORD_OK) {
        builder_free(&b);
        return rc;
    }
    char path[4096];
    for (unsigned pos = 0; pos < POS_COUNT && rc == CONCORD_OK; pos++) {
        snprintf(path, sizeof path, "%s/index.%s", dir, pos_names[pos]);
        size_t len = 0;
        const char *text = map_file(path, &len);
        if (!text) {
            set_message(message, cap, "cannot read WordNet file", path);
            builder_free(&b);
            return CONCORD_ERR_IO;
        }
        rc = parse_index(&b, text, len, pos);
        unmap_file(text, len);
    }
    /* data.* (common vs name) and *.exc (irregular forms) are optional */
    for (unsigned pos = 0; pos < POS_COUNT && rc == CONCORD_OK; pos++) {
        size_t len = 0;
        snprintf(path, sizeof path, "%s/data.%s", dir, pos_names[pos]);
        const char *text = map_file(path, &len);
        if (text) parse_data(&b, text, len);
        unmap_file(text, len);
        snprintf(path, sizeof path, "%s/%s.exc", dir, pos_names[pos]);
        text = map_file(path, &len);
        if (text) rc = parse_exc(&b, text, len);
        unmap_file(text, len);
    }
    if (rc == CONCORD_OK) rc = densify(&b);
    if (rc == CONCORD_OK) rc = build_synset_lists(&b);
    if (rc == CONCORD_OK) {
        switch (opt->rule) {
        case LEXICON_RULE_STEM:
            break;
        case LEXICON_RULE_FIRST_SENSE:
            rc = classes_first_sense(&b);
            break;
        case LEXICON_RULE_CAPPED:
            rc = classes_capped(&b, opt->senses, opt->max_class);
            break;
        case LEXICON_RULE_HUB:
            rc = classes_hub(&b, opt->senses);
            break;
        }
    }
    if (rc == CONCORD_OK) {
        classes_of_inflections(&b);
        class_stats(lex);
    }
    builder_free(&b);
    return rc;
}
