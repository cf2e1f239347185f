/*
 * lexicon.c - the public concord_lexicon (concord.h, "Lexical resources"):
 * function words, Snowball stems, and canonical classes of content words
 * built from WordNet at create time. The rule, the figures behind it and
 * the costs are in docs/lexicon.md.
 *
 * Layout after create (immutable, shared by any number of threads):
 *   one open-addressing hash table of words (function words, single-word
 *   WordNet lemmas, irregular inflections from *.exc), each entry giving
 *   its canonical class, its parts of speech and a span of the sorted
 *   synset ids it belongs to (the synonymy relation of
 *   concord_lexicon_synonyms). Every query is a few table probes; only
 *   words unknown to WordNet go through the stemmer.
 */
#include "text/lexicon_internal.h"

#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libstemmer.h>

#include "sketch/hash.h"

#ifndef CONCORD_WORDNET_DIR
#define CONCORD_WORDNET_DIR "/usr/share/wordnet"
#endif

/* Hash seeds keep the kinds of canonical value apart. */
#define SEED_FUNCTION UINT64_C(0x66756e6374696f6e)
#define SEED_NUMBER   UINT64_C(0x6e756d6265727321)
#define SEED_STEM     UINT64_C(0x7374656d73737373)
#define SEED_CLASS    UINT64_C(0x636c617373657321)

/* ------------------------------------------------------------------------ */
/* Create / free                                                             */
/* ------------------------------------------------------------------------ */

void lexicon_build_options_init(lexicon_build_options *options)
{
    options->rule = LEXICON_RULE_CAPPED;
    options->max_class = 16;
    options->senses = 255; /* all */
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static size_t heap_bytes(const concord_lexicon *lex)
{
    return sizeof *lex + lex->names_cap + lex->entries_cap * sizeof(lex_entry) +
           (lex->slot_mask + 1) * sizeof(uint64_t) + (lex->n_synsets + 1) * sizeof(uint32_t) +
           LEX_STEMMERS * (sizeof(stem_slot) + 2048 /* libstemmer's own state, approx. */);
}

concord_status lexicon_create_with(concord_lexicon **out, const char *wordnet_dir,
                                   const lexicon_build_options *options, char *message,
                                   size_t message_cap)
{
    double t0 = now_ms();
    *out = NULL;
    if (message && message_cap) message[0] = '\0';
    lexicon_build_options defaults;
    if (!options) {
        lexicon_build_options_init(&defaults);
        options = &defaults;
    }
    if (!wordnet_dir) wordnet_dir = getenv("CONCORD_WORDNET_DIR");
    if (!wordnet_dir) wordnet_dir = CONCORD_WORDNET_DIR;
    concord_lexicon *lex = calloc(1, sizeof *lex);
    if (!lex) return CONCORD_ERR_NOMEM;
    lex->slot_mask = 1023;
    lex->slots = calloc(lex->slot_mask + 1, sizeof *lex->slots);
    lex->stemmers = calloc(LEX_STEMMERS, sizeof *lex->stemmers);
    if (!lex->slots || !lex->stemmers) goto nomem;
    for (int i = 0; i < LEX_STEMMERS; i++) atomic_flag_clear(&lex->stemmers[i].busy);
    char warm[LEX_WORD_MAX + 16];
    memset(warm, 'a', sizeof warm);
    for (int i = 0; i < LEX_STEMMERS; i++) {
        lex->stemmers[i].stemmer = sb_stemmer_new("english", NULL);
        if (!lex->stemmers[i].stemmer ||
            !sb_stemmer_stem(lex->stemmers[i].stemmer, (const sb_symbol *)warm, (int)sizeof warm))
            goto nomem;
    }
    for (size_t i = 0; i < lexicon_function_word_count; i++) {
        const char *w = lexicon_function_words[i];
        uint32_t e = lexicon_table_insert(lex, w, strlen(w));
        if (e == UINT32_MAX) goto nomem;
        lex->entries[e].flags |= LEX_FUNCTION;
    }
    if (wordnet_dir[0]) {
        concord_status rc = lexicon_load_wordnet(lex, wordnet_dir, options, message, message_cap);
        if (rc != CONCORD_OK) {
            concord_lexicon_free(lex);
            return rc;
        }
    }
    lex->stats.entries = lex->n_entries;
    lex->stats.bytes = heap_bytes(lex);
    lex->stats.load_ms = now_ms() - t0;
    *out = lex;
    return CONCORD_OK;
nomem:
    concord_lexicon_free(lex);
    return CONCORD_ERR_NOMEM;
}

concord_status concord_lexicon_create(concord_lexicon **out, const char *wordnet_dir, char *message,
                                      size_t message_cap)
{
    return lexicon_create_with(out, wordnet_dir, NULL, message, message_cap);
}

void concord_lexicon_free(concord_lexicon *lexicon)
{
    if (!lexicon) return;
    if (lexicon->stemmers)
        for (int i = 0; i < LEX_STEMMERS; i++)
            if (lexicon->stemmers[i].stemmer) sb_stemmer_delete(lexicon->stemmers[i].stemmer);
    free(lexicon->stemmers);
    free(lexicon->names);
    free(lexicon->entries);
    free(lexicon->slots);
    free(lexicon->synsets);
    free(lexicon);
}

void lexicon_stats_get(const concord_lexicon *lexicon, lexicon_stats *stats)
{
    *stats = lexicon->stats;
}

/* ------------------------------------------------------------------------ */
/* Queries: thread-safe, no allocation                                       */
/* ------------------------------------------------------------------------ */

int concord_lexicon_is_function_word(const concord_lexicon *lexicon, const char *norm, size_t len)
{
    assert(lexicon);
    const lex_entry *e = table_find(lexicon, norm, len);
    return e && (e->flags & LEX_FUNCTION);
}

/*
 * WordNet's morphy detachment rules (morph.c), tried in this order after
 * the word itself and its *.exc entry: the first candidate that is a lemma
 * of the rule's part of speech wins. Then a doubled final consonant is
 * undone ("stopping" -> "stopp" -> "stop") for -ing, -ed, -er, -est.
 */
static const struct {
    const char *suffix, *ending;
    unsigned char suffix_len, ending_len, pos;
} morph_rules[] = {
    {"s", "", 1, 0, POS_NOUN},      {"ses", "s", 3, 1, POS_NOUN},   {"xes", "x", 3, 1, POS_NOUN},
    {"zes", "z", 3, 1, POS_NOUN},   {"ches", "ch", 4, 2, POS_NOUN}, {"shes", "sh", 4, 2, POS_NOUN},
    {"men", "man", 3, 3, POS_NOUN}, {"ies", "y", 3, 1, POS_NOUN},   {"s", "", 1, 0, POS_VERB},
    {"ies", "y", 3, 1, POS_VERB},   {"es", "e", 2, 1, POS_VERB},    {"es", "", 2, 0, POS_VERB},
    {"ed", "e", 2, 1, POS_VERB},    {"ed", "", 2, 0, POS_VERB},     {"ing", "e", 3, 1, POS_VERB},
    {"ing", "", 3, 0, POS_VERB},    {"er", "", 2, 0, POS_ADJ},      {"est", "", 3, 0, POS_ADJ},
    {"er", "e", 2, 1, POS_ADJ},     {"est", "e", 3, 1, POS_ADJ},
};

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static const lex_entry *resolve_rules(const concord_lexicon *lex, const char *s, size_t len);

/* The table entry a content word resolves to after morphology, or NULL. */
static const lex_entry *resolve(const concord_lexicon *lex, const char *s, size_t len)
{
    const lex_entry *e = table_find(lex, s, len);
    if (e && (e->flags & (LEX_LEMMA | LEX_EXC))) return e;
    return resolve_rules(lex, s, len);
}

/* The morphy rules alone (the word itself is not a lemma or inflection). */
static const lex_entry *resolve_rules(const concord_lexicon *lex, const char *s, size_t len)
{
    const lex_entry *e;
    if (len < 3 || len > LEX_WORD_MAX) return NULL;
    char buf[LEX_WORD_MAX + 4];
    for (size_t r = 0; r < sizeof morph_rules / sizeof morph_rules[0]; r++) {
        size_t sl = morph_rules[r].suffix_len;
        if (len <= sl + 1 || memcmp(s + len - sl, morph_rules[r].suffix, sl) != 0) continue;
        size_t n = len - sl;
        memcpy(buf, s, n);
        memcpy(buf + n, morph_rules[r].ending, morph_rules[r].ending_len);
        n += morph_rules[r].ending_len;
        e = table_find(lex, buf, n);
        if (e && (e->flags & 1u << (LEX_POS_SHIFT + morph_rules[r].pos))) return e;
    }
    static const char *const doubling[] = {"ing", "ed", "er", "est"};
    for (size_t r = 0; r < 4; r++) {
        size_t sl = strlen(doubling[r]);
        if (len < sl + 3 || memcmp(s + len - sl, doubling[r], sl) != 0) continue;
        size_t n = len - sl;
        char c = s[n - 1];
        if (c != s[n - 2] || is_vowel(c)) continue;
        e = table_find(lex, s, n - 1);
        if (e && (e->flags & LEX_LEMMA)) return e;
    }
    return NULL;
}

/*
 * Stem s[0..len) into out (capacity LEX_WORD_MAX); returns the stem's
 * length, 0 when s is too long to stem or the stemmer failed.
 */
static size_t stem_word(const concord_lexicon *lex, const char *s, size_t len, char *out)
{
    if (len == 0 || len > LEX_WORD_MAX) return 0;
    stem_slot *slots = lex->stemmers;
    unsigned i = (unsigned)(len * 31 + (unsigned char)s[0]) % LEX_STEMMERS;
    for (;;) {
        for (unsigned tries = 0; tries < LEX_STEMMERS; tries++, i = (i + 1) % LEX_STEMMERS) {
            if (atomic_flag_test_and_set_explicit(&slots[i].busy, memory_order_acquire)) continue;
            const sb_symbol *st = sb_stemmer_stem(slots[i].stemmer, (const sb_symbol *)s, (int)len);
            size_t n = 0;
            if (st) {
                n = (size_t)sb_stemmer_length(slots[i].stemmer);
                if (n > LEX_WORD_MAX) n = LEX_WORD_MAX;
                memcpy(out, st, n);
            }
            atomic_flag_clear_explicit(&slots[i].busy, memory_order_release);
            return n;
        }
        sched_yield();
    }
}

/* A number: its bytes without the thousands separators ("100,000" = "100000"). */
static uint64_t canon_number(const char *s, size_t len)
{
    char buf[64];
    if (len > sizeof buf) return hash_bytes(s, len, SEED_NUMBER);
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] != ',') buf[n++] = s[i];
    return hash_bytes(buf, n, SEED_NUMBER);
}

static inline uint64_t nonzero(uint64_t h)
{
    return h ? h : 1;
}
static inline int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Drop a possessive "'s" ("kremlin's" -> "kremlin"). */
static inline size_t strip_possessive(const char *s, size_t len)
{
    return len > 2 && s[len - 2] == '\'' && s[len - 1] == 's' ? len - 2 : len;
}

/* The canonical value of a content word, its entry after morphology (or NULL) known. */
static uint64_t canon_content(const concord_lexicon *lex, const lex_entry *e, const char *s,
                              size_t len)
{
    if (e && e->cls != NO_CLASS) return nonzero(hash_mix64(e->cls ^ SEED_CLASS));
    char stem[LEX_WORD_MAX];
    size_t n = stem_word(lex, s, len, stem);
    return nonzero(n ? hash_bytes(stem, n, SEED_STEM) : hash_bytes(s, len, SEED_STEM));
}

lexicon_kind lexicon_classify(const concord_lexicon *lexicon, const char *norm, size_t len,
                              uint64_t *canon)
{
    assert(lexicon);
    if (len > 0 && is_digit(norm[0])) {
        if (canon) *canon = nonzero(canon_number(norm, len));
        return LEXICON_NUMBER;
    }
    const lex_entry *e = table_find(lexicon, norm, len);
    if (e && (e->flags & LEX_FUNCTION)) {
        if (canon) *canon = nonzero(hash_bytes(norm, len, SEED_FUNCTION));
        return LEXICON_FUNCTION;
    }
    size_t stripped = strip_possessive(norm, len);
    if (stripped != len)
        e = resolve(lexicon, norm, stripped);
    else if (!e || !(e->flags & (LEX_LEMMA | LEX_EXC)))
        e = resolve_rules(lexicon, norm, len);
    len = stripped;
    if (canon) *canon = canon_content(lexicon, e, norm, len);
    return e && (e->flags & LEX_LOWER) ? LEXICON_COMMON : LEXICON_OTHER;
}

uint64_t concord_lexicon_canon(const concord_lexicon *lexicon, const char *norm, size_t len)
{
    uint64_t canon;
    lexicon_classify(lexicon, norm, len, &canon);
    return canon;
}

static int sorted_intersect(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) return 1;
        if (a[i] < b[j])
            i++;
        else
            j++;
    }
    return 0;
}

int concord_lexicon_synonyms(const concord_lexicon *lexicon, const char *a, size_t a_len,
                             const char *b, size_t b_len)
{
    assert(lexicon);
    if (a_len == b_len && (a_len == 0 || memcmp(a, b, a_len) == 0)) return 1;
    int fa = concord_lexicon_is_function_word(lexicon, a, a_len);
    int fb = concord_lexicon_is_function_word(lexicon, b, b_len);
    if (fa || fb) return 0; /* distinct function words are never synonyms */
    if (a_len && b_len && !is_digit(a[0]) && !is_digit(b[0])) {
        const lex_entry *ea = resolve(lexicon, a, strip_possessive(a, a_len));
        const lex_entry *eb = resolve(lexicon, b, strip_possessive(b, b_len));
        if (ea && eb && ea->syn_n && eb->syn_n &&
            sorted_intersect(lexicon->synsets + ea->syn_off, ea->syn_n,
                             lexicon->synsets + eb->syn_off, eb->syn_n))
            return 1;
    }
    return concord_lexicon_canon(lexicon, a, a_len) == concord_lexicon_canon(lexicon, b, b_len);
}

int lexicon_is_common_word(const concord_lexicon *lexicon, const char *norm, size_t len)
{
    return lexicon_classify(lexicon, norm, len, NULL) == LEXICON_COMMON;
}
