/*
 * concord.h - the one public header of the concord library.
 *
 * concord finds which news articles tell the same story and who copied whom.
 * Everything a program may use is declared here; anything else in the source
 * tree is internal and may change without notice.
 *
 * Conventions (they hold for every function below):
 *  - Every name starts with concord_ / CONCORD_.
 *  - Handles are opaque; each has a create/free pair and free(NULL) is a no-op.
 *  - Functions that can fail return concord_status (0 = CONCORD_OK); a
 *    message for any status comes from concord_strerror(). Handles keep a
 *    more detailed message for their last failure (see *_error()).
 *  - Strings travel as pointer + length; no function relies on a NUL
 *    terminator of its input. Text is UTF-8; invalid bytes are repaired
 *    (U+FFFD) and counted, never fatal.
 *  - The library never prints and never exits.
 *  - Pointers returned by a handle stay valid until the next call that
 *    mutates that handle, unless stated otherwise.
 */
#ifndef CONCORD_H
#define CONCORD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CONCORD_VERSION_MAJOR 0
#define CONCORD_VERSION_MINOR 1
#define CONCORD_VERSION_PATCH 0
#define CONCORD_VERSION_STRING "0.1.0"

/* Version of the library actually linked (may differ from the header's). */
const char *concord_version(void);

/* ------------------------------------------------------------------------ */
/* Status codes                                                              */
/* ------------------------------------------------------------------------ */

typedef enum concord_status {
    CONCORD_OK = 0,
    CONCORD_END,             /* iteration finished: not an error */
    CONCORD_ERR_NOMEM,       /* allocation failed */
    CONCORD_ERR_INVALID,     /* invalid argument or option value */
    CONCORD_ERR_IO,          /* a file could not be opened or read */
    CONCORD_ERR_PARSE,       /* malformed input record (e.g. bad JSON line) */
    CONCORD_ERR_EMPTY,       /* the record has no text */
    CONCORD_ERR_TOO_LARGE,   /* a record exceeds the configured size cap */
    CONCORD_ERR_UNSUPPORTED, /* format or feature not supported */
    CONCORD_STATUS_COUNT_    /* number of codes; not a status */
} concord_status;

/* A static, human-readable description of a status; never NULL. */
const char *concord_strerror(concord_status status);

/* ------------------------------------------------------------------------ */
/* Text analysis: normalisation, word tokens, sentences (lib/text)           */
/* ------------------------------------------------------------------------ */

/*
 * A concord_text analyses one document at a time and can be reused for the
 * next (reuse keeps its memory, so analysing a stream of documents does not
 * allocate once the buffers have grown). Normalisation:
 *   UTF-8 validated and repaired (each invalid sequence becomes U+FFFD),
 *   Unicode NFKC, full case folding, curly quotes/apostrophes unified to
 *   ASCII ' and ", dashes to '-', all Unicode spaces to ' '.
 * Tokens are words (letters, digits and combining marks, with inner
 * apostrophes as in "don't" and inner separators of numbers as in
 * "100,000" or "3.5"); ideographic scripts give one token per character.
 * Each token carries its normalised form and the byte span of the
 * ORIGINAL input it came from.
 */
typedef struct concord_text concord_text;

typedef struct concord_token {
    const char *norm;   /* normalised form (UTF-8), not NUL-terminated */
    size_t norm_len;
    size_t start, end;  /* byte span [start, end) in the original input */
    uint32_t flags;     /* CONCORD_TOKEN_* bits */
} concord_token;

enum {
    CONCORD_TOKEN_NUMBER = 1u << 0,  /* starts with a digit */
    CONCORD_TOKEN_UPPER = 1u << 1,   /* original starts with an uppercase letter */
    CONCORD_TOKEN_NONASCII = 1u << 2 /* original contains non-ASCII bytes */
};

typedef struct concord_sentence {
    size_t start, end;       /* byte span [start, end) in the original input */
    size_t first_token;      /* index of its first token */
    size_t token_count;      /* number of tokens in it (may be 0) */
} concord_sentence;

/* Option bits for concord_text_analyse(). */
enum {
    CONCORD_TEXT_SENTENCES = 1u << 0 /* also segment sentences (costs a little) */
};

concord_status concord_text_create(concord_text **out);
void concord_text_free(concord_text *text);

/*
 * Analyse utf8[0..len). The input is not modified and need not outlive the
 * call: tokens point into the handle's own storage. Complexity O(len).
 * Returns CONCORD_OK (also for empty input: zero tokens) or
 * CONCORD_ERR_NOMEM / CONCORD_ERR_INVALID.
 */
concord_status concord_text_analyse(concord_text *text, const char *utf8, size_t len,
                                    unsigned options);

size_t concord_text_token_count(const concord_text *text);
/* Token i (0 <= i < count); the pointer is valid until the next analyse. */
const concord_token *concord_text_token(const concord_text *text, size_t i);
size_t concord_text_sentence_count(const concord_text *text);
const concord_sentence *concord_text_sentence(const concord_text *text, size_t i);
/* Number of invalid UTF-8 sequences repaired in the last analysed input. */
size_t concord_text_repairs(const concord_text *text);

/*
 * Normalise a whole string (same rules as tokens, but keeping everything:
 * spaces and punctuation included) into a buffer owned by the handle.
 * *out stays valid until the next call on the handle.
 */
concord_status concord_text_normalise(concord_text *text, const char *utf8, size_t len,
                                      const char **out, size_t *out_len);

/* ------------------------------------------------------------------------ */
/* Reading articles (lib/io)                                                 */
/* ------------------------------------------------------------------------ */

/*
 * A reader yields articles from one input argument:
 *   "-"                      standard input: JSON Lines when the first
 *                            non-blank byte is '{', else one text article;
 *   a directory              every *.txt (also .txt.gz/.txt.zst) below it,
 *                            recursively, in sorted order, symlink loops
 *                            detected and reported;
 *   *.jsonl, *.ndjson, *.json  JSON Lines (one object a line);
 *   any other file           one text article;
 *   ... each optionally compressed: .gz (zlib) or .zst (zstd), detected by
 *   magic bytes, not by name.
 * Text files may start with a header: either "Title:", "Date:", "URL:",
 * "Source:" (any case) lines ended by a blank line, or the three-line form
 * title / YYYYMMDD date / URL. Dates are turned into ISO 8601
 * (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS) when recognisable, else kept as given.
 * Article ids: the id field as written (a string, or an integer's digits);
 * for text files in a directory, their path relative to the directory
 * argument (compression suffix kept); for a text file argument, the path as
 * given ("-" for standard input); for JSON Lines without an id, "FILE:LINE".
 * Invalid UTF-8 inside JSON strings is passed through (the text layer
 * repairs it), so no record is lost to an encoding slip.
 */
typedef struct concord_reader concord_reader;

typedef struct concord_reader_options {
    const char *id_field;     /* JSON field names; NULL = default */
    const char *text_field;   /* default "text" */
    const char *title_field;  /* default "title" */
    const char *date_field;   /* default "date" */
    const char *url_field;    /* default "url" */
    const char *source_field; /* default "source" */
    size_t max_record_bytes;  /* cap for one line / file, 0 = default 64 MiB */
} concord_reader_options;

void concord_reader_options_init(concord_reader_options *options);

typedef struct concord_article {
    const char *id;      size_t id_len;
    const char *text;    size_t text_len;
    const char *title;   size_t title_len;   /* NULL, 0 when absent */
    const char *date;    size_t date_len;    /* ISO 8601 when recognised */
    const char *url;     size_t url_len;
    const char *source;  size_t source_len;
    const char *file;    /* the file it came from (NUL-terminated) */
    size_t line;         /* 1-based line for JSON Lines, 0 for text files */
    size_t bytes;        /* raw bytes consumed for this record */
} concord_article;

/*
 * Open path (see above) for reading. On failure *out is NULL and, when
 * message is not NULL, a description naming the path is written to
 * message[0..message_cap) (NUL-terminated, truncated to fit).
 */
concord_status concord_reader_open(concord_reader **out, const char *path,
                                   const concord_reader_options *options,
                                   char *message, size_t message_cap);

/*
 * Next article. Returns:
 *   CONCORD_OK      *article filled; its pointers stay valid until the next
 *                   call on this reader;
 *   CONCORD_END     no more input;
 *   any error       one record or file was skipped (malformed JSON, empty
 *                   text, too large, unreadable file, symlink loop ...):
 *                   concord_reader_error() says what, naming file and line.
 *                   Call again to go on with the rest of the input.
 */
concord_status concord_reader_next(concord_reader *reader, concord_article *article);

/* "FILE:LINE: what went wrong" for the last error of the reader. */
const char *concord_reader_error(const concord_reader *reader);
/* Raw input bytes consumed so far (compressed inputs: decompressed bytes). */
size_t concord_reader_bytes_read(const concord_reader *reader);
void concord_reader_close(concord_reader *reader);

/*
 * Reading pairs of articles: JSON Lines with one pair a line,
 *   {"id":ID,"a":{"text":T,"date":D,"title":H,"url":U,"source":S},"b":{...}}
 * where a and b may also be plain strings (the text). path is a file (.gz
 * and .zst read directly) or "-" for standard input. Errors follow
 * concord_reader: a malformed line, a side without text, or a line longer
 * than max_record_bytes (0 = 64 MiB) makes next() return an error with a
 * "FILE:LINE: why" message, and the following call goes on with the next
 * line. The id is the id field as written (string or integer), else
 * "FILE:LINE"; dates are ISO 8601 when recognised.
 */
typedef struct concord_pair_reader concord_pair_reader;

typedef struct concord_article_pair {
    const char *id; size_t id_len;
    concord_article a, b;  /* text, title, date, url, source; file and line */
    size_t line;           /* 1-based line of the pair */
} concord_article_pair;

concord_status concord_pair_reader_open(concord_pair_reader **out, const char *path,
                                        size_t max_record_bytes, char *message,
                                        size_t message_cap);
/* CONCORD_OK (*pair valid until the next call), CONCORD_END, or an error
   for one skipped line (see concord_pair_reader_error()). */
concord_status concord_pair_reader_next(concord_pair_reader *reader, concord_article_pair *pair);
const char *concord_pair_reader_error(const concord_pair_reader *reader);
void concord_pair_reader_close(concord_pair_reader *reader);

/*
 * Turn a date in a common news format into ISO 8601 in out[0..cap).
 * Recognised: ISO 8601 itself, YYYYMMDD, "26-FEB-1987 15:01:01.79",
 * RFC 2822 ("Wed, 02 Feb 2022 10:00:00 GMT"), "February 2, 2022",
 * "2 February 2022", "Feb. 2, 2022", YYYY/MM/DD. Returns the length
 * written, or 0 when the date is not recognised (out untouched then).
 */
size_t concord_date_iso(const char *date, size_t len, char *out, size_t cap);

/* ------------------------------------------------------------------------ */
/* Sketches and LSH (lib/sketch, lib/index)                                  */
/* ------------------------------------------------------------------------ */

/*
 * Choose LSH banding for a Jaccard threshold: the (bands, rows) with
 * bands * rows <= perms that minimise
 *   fp_weight * P(candidate | J < threshold) + fn_weight * P(miss | J >= threshold)
 * where P(candidate | J=s) = 1 - (1 - s^rows)^bands, both integrated over s
 * (the method of datasketch's _optimal_param). Weights must be >= 0 and not
 * both 0. Returns CONCORD_ERR_INVALID for threshold outside (0,1) or perms 0.
 */
concord_status concord_lsh_params(double threshold, unsigned perms, double fp_weight,
                                  double fn_weight, unsigned *bands, unsigned *rows);

/* Probability that two sets of Jaccard s become candidates. */
double concord_lsh_probability(double s, unsigned bands, unsigned rows);

/* ------------------------------------------------------------------------ */
/* Exact and near duplicates (lib/match/dedup)                               */
/* ------------------------------------------------------------------------ */

typedef enum concord_relation {
    CONCORD_REL_EXACT = 0,  /* identical normalised token sequences */
    CONCORD_REL_NEAR,       /* shingle Jaccard >= threshold */
    CONCORD_REL_CONTAINED   /* one is (mostly) an excerpt of the other */
} concord_relation;

/* "exact", "near" or "contained". */
const char *concord_relation_name(concord_relation relation);

typedef struct concord_dedup_options {
    double threshold;      /* Jaccard for "near"; default 0.8 */
    double containment;    /* share of the shorter found in the longer for
                              "contained"; default 0.9 */
    double min_ratio;      /* excerpt must be >= this share of the longer
                              article (in shingles) to be "contained";
                              default 0.5 */
    unsigned perms;        /* MinHash permutations; default 128 */
    unsigned shingle;      /* words per shingle; default 5 */
    double fp_weight;      /* LSH parameter weights, default 0.5 / 0.5 */
    double fn_weight;
    uint64_t seed;         /* hash seed; default 1 */
} concord_dedup_options;

void concord_dedup_options_init(concord_dedup_options *options);

typedef struct concord_dedup concord_dedup;

typedef struct concord_pair {
    size_t a, b;               /* document indexes, a < b (add order) */
    concord_relation relation;
    double jaccard;            /* exact Jaccard of the shingle sets */
    double a_in_b, b_in_a;     /* |A&B|/|A| and |A&B|/|B| */
} concord_pair;

typedef struct concord_dedup_stats {
    size_t documents;          /* documents added */
    size_t empty;              /* documents without any token */
    size_t repaired;           /* invalid UTF-8 sequences repaired (U+FFFD) */
    size_t shingles;           /* distinct shingles over all documents */
    size_t candidates;         /* distinct candidate pairs from LSH + exact */
    size_t pairs;              /* pairs reported */
    size_t groups;             /* groups of two or more */
    unsigned bands, rows;      /* LSH banding in use */
    double candidate_threshold;/* the Jaccard the banding was chosen for */
} concord_dedup_stats;

concord_status concord_dedup_create(concord_dedup **out, const concord_dedup_options *options);
void concord_dedup_free(concord_dedup *dedup);

/*
 * Add one document: it is normalised, shingled and sketched at once and the
 * text is not kept (only its sketch and its shingle set). id is copied.
 * Returns CONCORD_ERR_INVALID after concord_dedup_run().
 */
concord_status concord_dedup_add(concord_dedup *dedup, const char *id, size_t id_len,
                                 const char *text, size_t text_len);

/*
 * Find all related pairs and groups. Candidates come from the LSH index
 * (and exact hashes); every candidate is verified against the exact
 * shingle sets, so reported figures are exact, not estimates.
 * Complexity: O(total shingles * log) + O(candidates * shingles per doc).
 */
concord_status concord_dedup_run(concord_dedup *dedup);

size_t concord_dedup_pair_count(const concord_dedup *dedup);
/* Pairs sorted by (a, b). */
const concord_pair *concord_dedup_pair(const concord_dedup *dedup, size_t i);
size_t concord_dedup_group_count(const concord_dedup *dedup);
/* Members of group g, sorted, in add order indexes; *count >= 2. */
const size_t *concord_dedup_group(const concord_dedup *dedup, size_t g, size_t *count);
/* The id of document i as it was added. */
const char *concord_dedup_id(const concord_dedup *dedup, size_t i, size_t *len);
void concord_dedup_stats_get(const concord_dedup *dedup, concord_dedup_stats *stats);

/* ------------------------------------------------------------------------ */
/* Lexical resources for rewrite-aware matching (lib/text/lexicon)          */
/* ------------------------------------------------------------------------ */

/*
 * A concord_lexicon holds what spinners leave alone or swap predictably:
 * English function words, a Snowball stemmer (libstemmer) and WordNet
 * synonymy (Debian's wordnet-base data files). Immutable once created, so
 * one lexicon may be shared by many threads and handles.
 */
typedef struct concord_lexicon concord_lexicon;

/*
 * Load the lexicon. wordnet_dir is the WordNet "dict" directory (data.noun,
 * index.noun, ...); NULL means $CONCORD_WORDNET_DIR, else the directory
 * compiled in (Debian: /usr/share/wordnet). Without WordNet data the call
 * fails with CONCORD_ERR_IO and a message naming the directory, unless
 * wordnet_dir is "" (empty: no synonyms, stems only). On failure *out is
 * NULL and message[0..cap) says why (message may be NULL). The WordNet
 * tables are built here, at first use (~100 ms, ~5 MB); malformed lines
 * are skipped. Thread-safe: the queries below may run concurrently on one
 * lexicon, allocate nothing and cost ~20 ns for a WordNet word (~140 ns
 * for a word that has to be stemmed).
 */
concord_status concord_lexicon_create(concord_lexicon **out, const char *wordnet_dir, char *message,
                                      size_t message_cap);
void concord_lexicon_free(concord_lexicon *lexicon);

/* 1 if the normalised token is an English function word ("the", "of",
   "said", "would", ...), else 0. */
int concord_lexicon_is_function_word(const concord_lexicon *lexicon, const char *norm, size_t len);

/*
 * Canonical class of a normalised token, for spin-robust hashing and
 * matching. Never 0. Numbers: their characters without thousands
 * separators ("100,000" = "100000"). Function words: themselves, never
 * equal to another word's class. Other words, after a possessive "'s" is
 * dropped and the inflection undone (WordNet's *.exc lists and morphy
 * suffix rules: "went" -> "go", "documents" -> "document"): the class of
 * the WordNet lemma, shared with some of its synonyms (classes of at most
 * 16 lemmas, grown from the most frequent senses; the rule and its
 * measured spin recall are in docs/lexicon.md); words unknown to WordNet:
 * their Snowball stem.
 */
uint64_t concord_lexicon_canon(const concord_lexicon *lexicon, const char *norm, size_t len);

/*
 * 1 if two normalised words are synonyms: identical, or sharing a WordNet
 * synset after morphology (an irregular form counts its base's synsets:
 * "found" ~ "establish" and "found" ~ "discover"), or of one canonical
 * class (for words unknown to WordNet: one stem). Broader than canon
 * equality. Two different function words are never synonyms.
 */
int concord_lexicon_synonyms(const concord_lexicon *lexicon, const char *a, size_t a_len,
                             const char *b, size_t b_len);

/* ------------------------------------------------------------------------ */
/* Passage alignment (lib/match/align)                                      */
/* ------------------------------------------------------------------------ */

typedef enum concord_passage_kind {
    CONCORD_PASSAGE_VERBATIM = 0, /* the same words, give or take punctuation/case:
                                     >= 98% of the longer side's words identical */
    CONCORD_PASSAGE_EDITED,       /* mostly the same words: small insertions/deletions/changes */
    CONCORD_PASSAGE_SPUN          /* the same structure, words swapped one for one: at
                                     least 3 and twice the words inserted or deleted, and
                                     >= 4% of the words (>= 2% when 3 or more are synonyms
                                     for the lexicon) */
} concord_passage_kind;

/* "verbatim", "edited" or "spun". */
const char *concord_passage_kind_name(concord_passage_kind kind);

typedef struct concord_passage {
    size_t a_start, a_end;     /* byte span in text a (original UTF-8), from the start of
                                  the passage's first word to the end of its last word */
    size_t b_start, b_end;     /* byte span in text b, likewise */
    concord_passage_kind kind;
    double score;              /* 0..1: share of the passage's words that match (same
                                  norm, same lexicon class, or lexicon synonyms):
                                  2 * matches / (words in a + words in b) */
} concord_passage;

typedef struct concord_align_options {
    unsigned min_words;        /* shortest passage reported, in matching words (default 8;
                                  0 is taken as 1) */
    double min_score;          /* lowest passage score reported, 0..1 (default 0.5) */
} concord_align_options;

void concord_align_options_init(concord_align_options *options);

typedef struct concord_aligner concord_aligner;

/* lexicon may be NULL (then only identical normalised words match). It
   must outlive the aligner. An aligner keeps its buffers from call to call
   and serves one thread at a time (make one per thread; they may share the
   lexicon). CONCORD_ERR_INVALID for min_score outside [0, 1]. */
concord_status concord_aligner_create(concord_aligner **out, const concord_lexicon *lexicon,
                                      const concord_align_options *options);
void concord_aligner_free(concord_aligner *aligner);

/*
 * Align a[0..a_len) with b[0..b_len): the shared passages, robust to
 * reordered sentences, insertions, deletions and substitutions. Passages
 * do not overlap in a nor in b; sorted by a_start. A block of sentences
 * moved elsewhere is a passage of its own; a run of 8 or more unmatched
 * words splits a passage. Seeded local alignment (k-gram seeds and rare
 * word anchors, chaining, banded extension; docs/align.md): O((n + m)
 * log(n + m)) for typical articles, never quadratic in their length (a
 * repeated phrase is paired by rank, not all-against-all). Results stay
 * valid until the next call on the aligner. Returns CONCORD_OK (also when
 * nothing is shared), CONCORD_ERR_INVALID (NULL text with a length),
 * CONCORD_ERR_NOMEM or CONCORD_ERR_TOO_LARGE (2^32 words or more).
 */
concord_status concord_align(concord_aligner *aligner, const char *a, size_t a_len, const char *b,
                             size_t b_len);
size_t concord_align_count(const concord_aligner *aligner);
const concord_passage *concord_align_passage(const concord_aligner *aligner, size_t i);
/* Share of a's and of b's word bytes covered by passages (0..1); either
   pointer may be NULL. */
void concord_align_coverage(const concord_aligner *aligner, double *a_coverage,
                            double *b_coverage);

/* ------------------------------------------------------------------------ */
/* Quotations (lib/text/quotes, lib/match/quote_groups)                     */
/* ------------------------------------------------------------------------ */

typedef struct concord_quote {
    size_t start, end;                 /* the quoted words, marks excluded (bytes) */
    size_t speaker_start, speaker_end; /* the speaker's name, or both 0 */
    uint32_t flags;                    /* CONCORD_QUOTE_* */
} concord_quote;

enum {
    CONCORD_QUOTE_PARTIAL = 1u << 0,   /* a fragment inside a sentence ("called it "a farce"") */
    CONCORD_QUOTE_UNBALANCED = 1u << 1 /* no closing mark before the paragraph ended */
};

typedef struct concord_quotes concord_quotes;

concord_status concord_quotes_create(concord_quotes **out);
void concord_quotes_free(concord_quotes *quotes);

/*
 * Find the quotations of text[0..len) and their speakers when stated
 * ("X said", "said X", "X told ...", "according to X"; also a speaker
 * stated in the sentence before or after a quote standing alone).
 * Results are valid until the next call. O(len).
 */
concord_status concord_quotes_extract(concord_quotes *quotes, const char *text, size_t len);
size_t concord_quotes_count(const concord_quotes *quotes);
const concord_quote *concord_quotes_get(const concord_quotes *quotes, size_t i);

/*
 * Grouping the same quotation across articles, fuzzily: punctuation and
 * case ignored, partial quotes matched by containment, small wording
 * changes (a translated variant: "We didn't make anything public" / "We
 * didn't publish anything") matched by word overlap, helped by the same
 * speaker. Candidates come from an index of the quotes' words, never all
 * pairs.
 */
typedef struct concord_quote_groups concord_quote_groups;

concord_status concord_quote_groups_create(concord_quote_groups **out);
void concord_quote_groups_free(concord_quote_groups *groups);
/* Score a pair must reach to be joined (default 0.65; see docs/quotes.md:
   0.5 * containment + 0.25 * bigram containment + 0.25 * Dice of the word
   sets, + 0.2 * containment for the same speaker, - 0.2 for different
   ones). Copies (the same words) are joined whatever the threshold.
   Before run(); CONCORD_ERR_INVALID outside (0, 2]. */
concord_status concord_quote_groups_set_threshold(concord_quote_groups *groups, double threshold);
/* Add one quote (text and speaker are copied; speaker may be NULL). The
   quote's number is its add order. CONCORD_ERR_INVALID after run(). */
concord_status concord_quote_groups_add(concord_quote_groups *groups, const char *text, size_t len,
                                        const char *speaker, size_t speaker_len);
concord_status concord_quote_groups_run(concord_quote_groups *groups);
size_t concord_quote_groups_count(const concord_quote_groups *groups);
/* Members (quote numbers, ascending) of group g; groups have >= 2 members. */
const size_t *concord_quote_groups_members(const concord_quote_groups *groups, size_t g,
                                           size_t *count);

/* ------------------------------------------------------------------------ */
/* Relation of two articles (lib/match/compare)                              */
/* ------------------------------------------------------------------------ */

typedef enum concord_reuse {
    CONCORD_REUSE_VERBATIM = 0, /* the same text, give or take headline, boilerplate,
                                   small edits or trimming */
    CONCORD_REUSE_PARTIAL,      /* one contains a substantial excerpt of the other */
    CONCORD_REUSE_SPUN,         /* the same text, many words replaced by synonyms,
                                   order largely kept */
    CONCORD_REUSE_PARAPHRASE,   /* rewritten from the same text: same facts in largely
                                   the same order, reworded, maybe condensed */
    CONCORD_REUSE_SAME_STORY,   /* independent reports of the same event */
    CONCORD_REUSE_UNRELATED
} concord_reuse;

/* "verbatim", "partial", "spun", "paraphrase", "same_story", "unrelated". */
const char *concord_reuse_name(concord_reuse reuse);

typedef enum concord_direction {
    CONCORD_DIRECTION_UNKNOWN = 0,
    CONCORD_DIRECTION_A_TO_B, /* b derives from a (a is the earlier source) */
    CONCORD_DIRECTION_B_TO_A  /* a derives from b */
} concord_direction;

/* "a->b", "b->a" or "unknown". */
const char *concord_direction_name(concord_direction direction);

/* What is known of an article besides its text; any field may be NULL/0. */
typedef struct concord_doc_meta {
    const char *date;  size_t date_len;  /* ISO 8601 (concord_date_iso) */
    const char *title; size_t title_len;
    const char *source; size_t source_len;
} concord_doc_meta;

enum { CONCORD_FEATURE_MAX = 32 };

typedef struct concord_comparison {
    concord_reuse relation;
    double score;                  /* graded similarity 0..1, meaningful alone (also
                                      for single sentences) */
    concord_direction direction;
    double confidence;             /* 0..1: how sure the direction is */
    size_t feature_count;          /* features[0..feature_count) */
    double features[CONCORD_FEATURE_MAX];
} concord_comparison;

/* Name of feature i (stable across versions within a major version);
   NULL for i >= the number of features. docs/compare.md lists them. */
const char *concord_feature_name(size_t i);

typedef struct concord_comparer concord_comparer;

/* lexicon may be NULL (no synonyms: words match when identical or, for the
   word-overlap features, of one Snowball stem; spins are still found as
   word-for-word swaps, light ones may be taken for edits). It must outlive
   the comparer. */
concord_status concord_comparer_create(concord_comparer **out, const concord_lexicon *lexicon);
void concord_comparer_free(concord_comparer *comparer);

/*
 * Compare article a with article b (either meta may be NULL). Fills *out.
 * Cost: linear-ish in the texts' lengths (alignment included); reuse one
 * comparer for many pairs so no allocation happens once warmed up. A
 * comparer serves one thread at a time. The relation comes from fixed
 * rules on the features, the score from a fixed formula (neither fitted to
 * a corpus; docs/compare.md). Direction: only for reuse (not for
 * same_story / unrelated, which get unknown and confidence 0); from the
 * dates when both are given and differ (the earlier is the source), else
 * from a credit line ("Reporting by", "(AFP)", "syndicated feed", ...)
 * found in one text only (that one derives), else from containment (an
 * excerpt derives from the longer text; a verbatim copy with extra
 * boilerplate derives from the shorter), else unknown. Texts without any
 * word: unrelated, score 0. Returns CONCORD_OK, CONCORD_ERR_INVALID (NULL
 * comparer or out, NULL text with a length), CONCORD_ERR_NOMEM or
 * CONCORD_ERR_TOO_LARGE.
 */
concord_status concord_compare(concord_comparer *comparer, const char *a, size_t a_len,
                               const concord_doc_meta *a_meta, const char *b, size_t b_len,
                               const concord_doc_meta *b_meta, concord_comparison *out);

/* ------------------------------------------------------------------------ */
/* Embedded article store (lib/store)                                        */
/* ------------------------------------------------------------------------ */

/*
 * A concord_store is a SQLite database file holding articles with what
 * incremental work needs: each article's MinHash signature, its LSH band
 * keys in an indexed table (a candidate lookup is one index probe per
 * band, whatever the store's size), and room for the story engine's state.
 * Adding articles is incremental: nothing is rebuilt. docs/store.md gives
 * the schema and the guarantees.
 *
 * Writes go in batched transactions in WAL mode: an article is durable
 * once the batch holding it is committed (synchronous=FULL by default:
 * durable against kill -9 and power loss). Killing a writer at any moment
 * loses at most the uncommitted batch and leaves a consistent database.
 *
 * Versions: an article is keyed by its id. Ingesting an id again with the
 * content of any of its stored versions (the hash of its normalised word
 * sequence, as for dedup's "exact") changes nothing, so replaying a feed
 * or re-running an interrupted ingest is harmless; with a new content it
 * becomes a new version (latest + 1) and the old one is kept, marked
 * superseded, and leaves the candidate index.
 *
 * A file that is not a concord store (random bytes, another application's
 * SQLite database, a newer schema) is refused without being written to.
 */
typedef struct concord_store concord_store;

enum {
    CONCORD_STORE_READONLY = 1u << 0, /* open read-only: never writes (query) */
    CONCORD_STORE_CREATE = 1u << 1    /* create the store when path does not exist */
};

typedef struct concord_store_options {
    unsigned flags;             /* CONCORD_STORE_* */
    size_t batch_size;          /* articles per transaction; default 1000 */
    int synchronous_full;       /* 1 (default): fsync the WAL at every commit
                                   (durable against power loss); 0: NORMAL
                                   (durable against a killed process only) */
    uint64_t max_bytes;         /* refuse to grow the database file past this
                                   (0 = no limit): SQLite's max_page_count */
    size_t cache_bytes;         /* page cache; default 64 MiB */
    size_t merge_rows;          /* band-index rows collected in the small
                                   recent level before a commit merges them
                                   into the main index; default 2^20
                                   (docs/store.md: write cost) */
    concord_dedup_options dedup;/* sketch and near-duplicate parameters, used
                                   when the store is created; an existing
                                   store keeps the ones it was created with */
} concord_store_options;

void concord_store_options_init(concord_store_options *options);

/*
 * Open (or create, with CONCORD_STORE_CREATE) the store at path. On
 * failure *out is NULL and message[0..message_cap) says why, naming the
 * path (message may be NULL). Returns CONCORD_ERR_IO (cannot open, read or
 * write; read-only file or directory; not a database), CONCORD_ERR_UNSUPPORTED
 * (a SQLite database of another application, or of a newer concord
 * schema), CONCORD_ERR_INVALID or CONCORD_ERR_NOMEM. A handle serves one
 * thread at a time.
 */
concord_status concord_store_open(concord_store **out, const char *path,
                                  const concord_store_options *options, char *message,
                                  size_t message_cap);

/* Close the store. A batch not yet committed is rolled back (not stored):
   call concord_store_commit() first to keep it. */
void concord_store_free(concord_store *store);

/* The message for the last failure on this handle ("" when none). */
const char *concord_store_error(const concord_store *store);

/* What ingesting an article did. */
typedef enum concord_store_outcome {
    CONCORD_STORE_NEW = 0,         /* an id not seen before: version 1 */
    CONCORD_STORE_UNCHANGED,       /* same id, content of a stored version: nothing
                                      written (doc, version: that version) */
    CONCORD_STORE_NEW_VERSION      /* same id, different content */
} concord_store_outcome;

/* "new", "unchanged" or "new_version". */
const char *concord_store_outcome_name(concord_store_outcome outcome);

/* A stored article related to the one ingested or queried. */
typedef struct concord_store_match {
    const char *id; size_t id_len;
    int64_t doc;                   /* the stored row (stable) */
    unsigned version;
    concord_relation relation;     /* as dedup: exact, near or contained */
    double jaccard;                /* exact Jaccard of the shingle sets (verified) */
    double estimate;               /* MinHash estimate from the stored signature */
    double a_in_b, b_in_a;         /* |A&B|/|A|, |A&B|/|B|; A = the new article */
} concord_store_match;

typedef struct concord_store_result {
    concord_store_outcome outcome; /* query: what ingesting would do */
    int64_t doc;                   /* ingest: the row of the article (new or
                                      existing); query: the stored row of the
                                      same id, or -1 */
    unsigned version;              /* its version (query: the stored one, or 0) */
    int64_t story;                 /* the story it joins/would join; -1 = none
                                      known (story engine not wired yet) */
    size_t committed;              /* ingest: articles made durable by this
                                      call (a full batch was committed), else 0 */
    size_t match_count;            /* near duplicates in the store, most similar first */
    const concord_store_match *matches;  /* valid until the next call on the store */
} concord_store_result;

/*
 * Add one article (id, text, title, date, url and source are copied;
 * file and line are ignored). Starts a transaction when none is open and
 * commits it once batch_size articles are in it. The near duplicates
 * reported are those already in the store (earlier batches and this one),
 * found through the LSH index and verified exactly. An article without
 * any word is stored but never matched. On an error the open batch is
 * rolled back (its articles are not stored; the database is unchanged
 * since the last commit) and concord_store_error() says what happened.
 */
concord_status concord_store_ingest(concord_store *store, const concord_article *article,
                                    concord_store_result *out);

/* Commit the open batch, if any; *committed (may be NULL) = its articles. */
concord_status concord_store_commit(concord_store *store, size_t *committed);

/*
 * What the store knows of an article without storing it: its near
 * duplicates, what ingesting it would do (by id), and its story. Works on
 * a read-only store and writes nothing. id may be NULL.
 */
concord_status concord_store_query(concord_store *store, const char *id, size_t id_len,
                                   const char *text, size_t text_len, concord_store_result *out);

typedef struct concord_store_stats {
    size_t articles;       /* current articles (latest versions) */
    size_t versions;       /* all rows, superseded versions included */
    unsigned perms, shingle, bands, rows;
    double threshold, containment, min_ratio;
} concord_store_stats;

concord_status concord_store_stats_get(concord_store *store, concord_store_stats *stats);

/*
 * Iterating over the current articles (latest versions) in the order they
 * were stored, as concord_article values (file = the store's path, line =
 * 0; pointers valid until the next call). For the commands' --db input.
 */
typedef struct concord_store_iter concord_store_iter;

concord_status concord_store_iter_open(concord_store *store, concord_store_iter **out);
/* CONCORD_OK, CONCORD_END, or an error (see concord_store_error()). */
concord_status concord_store_iter_next(concord_store_iter *iter, concord_article *article);
void concord_store_iter_free(concord_store_iter *iter);

#ifdef __cplusplus
}
#endif

#endif /* CONCORD_H */
