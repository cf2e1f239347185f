/*
 * lexicon_internal.h - library-internal parts of the lexicon (the public
 * API is the "Lexical resources" section of concord.h; the rule and the
 * figures are in docs/lexicon.md).
 */
#ifndef CONCORD_TEXT_LEXICON_INTERNAL_H
#define CONCORD_TEXT_LEXICON_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"

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

#endif
