/*
 * lexicon_internal.h - library-internal parts of the lexicon (the public
 * API is the "Lexical resources" section of concord.h; the rule and the
 * figures are in docs/lexicon.md).
 */
#ifndef CONCORD_TEXT_LEXICON_INTERNAL_H
#define CONCORD_TEXT_LEXICON_INTERNAL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "concord.h"
#include "sketch/hash.h"

/* The compiled-in function words, sorted in byte order (function_words.c). */
extern const char *const lexicon_function_words[];
extern const size_t lexicon_function_word_count;

/* Index of s[0..len) in lexicon_function_words, or -1. O(log n), no allocation. */
long lexicon_function_word_find(const char *s, size_t len);

/*
 * How content words are grouped into canonical classes. CAPPED is the
 * rule in use; the others are the alternatives it was measured against
 * (docs/lexicon.md), kept so the measurement can be repeated.
 */
typedef enum lexicon_rule {
    LEXICON_RULE_STEM = 0,    /* no WordNet classes: every word is its stem */
    LEXICON_RULE_FIRST_SENSE, /* the first synset of the word's dominant part of speech */
    LEXICON_RULE_CAPPED,      /* capped greedy union over frequent senses (the default) */
    LEXICON_RULE_HUB          /* the most polysemous lemma among the top senses' synonyms */
} lexicon_rule;

typedef struct lexicon_build_options {
    lexicon_rule rule;  /* default LEXICON_RULE_CAPPED */
    unsigned max_class; /* CAPPED: largest class, in lemmas; default 16 */
    unsigned senses;    /* CAPPED, HUB: senses of rank < senses per part of speech
                           take part; default 255 (all: ranks are capped at 255) */
} lexicon_build_options;

void lexicon_build_options_init(lexicon_build_options *options);

/* concord_lexicon_create() with explicit options (for measurements and tests). */
concord_status lexicon_create_with(concord_lexicon **out, const char *wordnet_dir,
                                   const lexicon_build_options *options, char *message,
                                   size_t message_cap);

typedef struct lexicon_stats {
    size_t entries;        /* words in the table (function words, lemmas, inflections) */
    size_t lemmas;         /* single-word WordNet lemmas kept */
    size_t skipped_lemmas; /* multi-word or hyphenated lemmas left out */
    size_t exceptions;     /* irregular inflections (*.exc) kept */
    size_t synsets;        /* distinct synsets referred to by kept lemmas */
    size_t classes;        /* distinct canonical classes of lemmas */
    size_t largest_class;  /* lemmas in the largest class */
    size_t corrupt_lines;  /* malformed lines skipped while loading */
    size_t bytes;          /* heap memory held by the lexicon */
    double load_ms;        /* wall time of the create call */
} lexicon_stats;

void lexicon_stats_get(const concord_lexicon *lexicon, lexicon_stats *stats);

/*
 * 1 if the word (after morphology) is a WordNet lemma used in lower case,
 * i.e. a common word rather than only a name ("Kremlin", "Putin" -> 0;
 * "officials" -> 1). Function words -> 0. Thread-safe, no allocation.
 */
int lexicon_is_common_word(const concord_lexicon *lexicon, const char *norm, size_t len);

typedef enum lexicon_kind {
    LEXICON_FUNCTION = 0, /* a function word */
    LEXICON_NUMBER,       /* starts with a digit */
    LEXICON_COMMON,       /* a WordNet word used in lower case (lexicon_is_common_word) */
    LEXICON_OTHER         /* anything else: names, rare or foreign words */
} lexicon_kind;

/*
 * Kind of a normalised token with one table walk, and, when canon is not
 * NULL, its canonical value (= concord_lexicon_canon). Thread-safe, no
 * allocation.
 */
lexicon_kind lexicon_classify(const concord_lexicon *lexicon, const char *norm, size_t len,
                              uint64_t *canon);

/* ------------------------------------------------------------------------ */
/* Between the lexicon's own files only (lexicon.c: create, free, queries;  */
/* lexicon_table.c: the word table; lexicon_wordnet.c: loading WordNet).    */
/* ------------------------------------------------------------------------ */

enum {
    LEX_STEMMERS = 8,  /* stemmer instances shared by concurrent callers */
    LEX_WORD_MAX = 64, /* longer words are neither looked up nor stemmed */
    LEX_MAX_SENSES = 255
};

enum { POS_NOUN, POS_VERB, POS_ADJ, POS_ADV, POS_COUNT };

/* lex_entry.flags */
enum {
    LEX_FUNCTION = 1u << 0, /* a compiled-in function word */
    LEX_LEMMA = 1u << 1,    /* a WordNet lemma (has senses) */
    LEX_EXC = 1u << 2,      /* an irregular inflection (*.exc) */
    LEX_LOWER = 1u << 3,    /* written in lower case in some synset: a common word */
    LEX_POS_SHIFT = 4       /* bits 4..7: parts of speech (1 << (4 + POS_x)) */
};

#define NO_CLASS UINT32_MAX

typedef struct lex_entry {
    uint32_t key_off; /* the word: names[key_off .. key_off + key_len) */
    uint32_t syn_off; /* its synsets: synsets[syn_off .. syn_off + syn_n), sorted */
    uint32_t cls;     /* canonical class, NO_CLASS for function words / none */
    uint16_t syn_n;
    uint8_t key_len;
    uint8_t flags; /* LEX_* */
} lex_entry;

/*
 * libstemmer's stemmers are not thread-safe, so the immutable lexicon keeps
 * a small pool, each instance claimed by an atomic flag for the few hundred
 * nanoseconds one stem takes; a caller finding all busy yields and retries.
 * Each instance's buffer is grown at create time (a word longer than
 * LEX_WORD_MAX), so stemming never allocates afterwards.
 */
typedef struct stem_slot {
    atomic_flag busy;
    struct sb_stemmer *stemmer;
    char pad[64 - sizeof(atomic_flag) - sizeof(struct sb_stemmer *)]; /* own cache line */
} stem_slot;

struct concord_lexicon {
    char *names; /* every key, back to back */
    size_t names_len, names_cap;
    lex_entry *entries;
    size_t n_entries, entries_cap;
    uint64_t *slots; /* 0 = empty, else (hash >> 32) << 32 | (entry index + 1) */
    size_t slot_mask;
    uint32_t *synsets; /* per-entry synset lists, concatenated */
    size_t n_synsets;
    stem_slot *stemmers; /* LEX_STEMMERS of them */
    lexicon_stats stats;
};

/* The word table: open addressing over lexicon.slots, keys in lexicon.names.
   Lookup is here (inline: every query probes it); insertion and resizing
   are in lexicon_table.c. */

/* Hash seed of the table (lexicon.c keeps the seeds of canonical values). */
#define SEED_TABLE UINT64_C(0x7461626c65736565)

static inline uint64_t table_hash(const char *s, size_t len)
{
    return hash_bytes(s, len, SEED_TABLE);
}

static inline const lex_entry *table_find(const concord_lexicon *lex, const char *s, size_t len)
{
    if (len == 0 || len > LEX_WORD_MAX) return NULL;
    uint64_t h = table_hash(s, len);
    uint64_t tag = h >> 32 << 32;
    for (size_t i = (size_t)h & lex->slot_mask;; i = (i + 1) & lex->slot_mask) {
        uint64_t v = lex->slots[i];
        if (v == 0) return NULL;
        if ((v & ~UINT64_C(0xffffffff)) != tag) continue;
        const lex_entry *e = &lex->entries[(uint32_t)v - 1];
        if (e->key_len == len && memcmp(lex->names + e->key_off, s, len) == 0) return e;
    }
}

/* Rehash into cap slots (a power of two, > n_entries). 0, or -1 when out
   of memory. */
int lexicon_table_resize(concord_lexicon *lex, size_t cap);

/* The entry of s (inserted empty when new); UINT32_MAX when out of memory. */
uint32_t lexicon_table_insert(concord_lexicon *lex, const char *s, size_t len);

/*
 * Load the WordNet dict directory dir into lex (lemmas, senses, irregular
 * forms, canonical classes by opt->rule; lexicon_wordnet.c). On failure,
 * an explanation in message[0..cap) and CONCORD_ERR_IO or _NOMEM.
 */
concord_status lexicon_load_wordnet(concord_lexicon *lex, const char *dir,
                                    const lexicon_build_options *opt, char *message, size_t cap);

#endif
