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

enum { CONCORD_FEATURE_MAX = 64 };

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
/* Consolidated view of one story (lib/view)                                 */
/* ------------------------------------------------------------------------ */

/*
 * A concord_view takes the articles of ONE story (from concord stories, the
 * store, or any set the caller knows to be one story) and consolidates them:
 *  - independent sources: articles that reuse one another (verbatim,
 *    partial, spun, paraphrase, by concord_compare on candidate pairs that
 *    share rare canonical shingles) form a family that counts once; its
 *    origin is the earliest dated member (else the first added);
 *  - claims: sentences of different families that state the same fact,
 *    grouped; support = number of families among them;
 *  - quotes with speakers and variants (concord_quote_groups);
 *  - conflicts: one quantity ("troops", "dollars", "%") given different
 *    values by different families in sentences about the same thing;
 *  - timeline: the articles in date order (undated last, in add order);
 *  - summary: the best-supported, most central claims.
 * docs/view.md gives the rules and thresholds. Reusable: reset() keeps the
 * memory for the next story. One thread at a time.
 */
typedef struct concord_view concord_view;

typedef struct concord_view_options {
    double claim_threshold;    /* weighted cosine for two clauses to state one
                                  fact (default 0.30) */
    size_t summary_sentences;  /* claims in the summary (default 5) */
    size_t max_articles;       /* cap on articles per story (default 100000);
                                  add() fails with CONCORD_ERR_TOO_LARGE beyond */
} concord_view_options;

void concord_view_options_init(concord_view_options *options);

/* lexicon may be NULL (stems only, no synonyms); it must outlive the view.
   options NULL: defaults. */
concord_status concord_view_create(concord_view **out, const concord_lexicon *lexicon,
                                   const concord_view_options *options);
void concord_view_free(concord_view *view);
/* Forget the articles and results; keep the memory. */
void concord_view_reset(concord_view *view);

/* Add one article of the story (all strings are copied; meta may be NULL).
   Its number is the add order. CONCORD_ERR_INVALID after run(). */
concord_status concord_view_add(concord_view *view, const char *id, size_t id_len,
                                const char *text, size_t text_len, const concord_doc_meta *meta);
/* Consolidate. Cost: O(total text) plus compare() on candidate pairs and
   O(s log s) on the s sentences' candidate links (an inverted index of rare
   terms, never all pairs). */
concord_status concord_view_run(concord_view *view);

typedef struct concord_view_article {
    const char *id; size_t id_len;
    const char *date; size_t date_len;     /* ISO 8601 or empty */
    const char *source; size_t source_len; /* may be empty */
    size_t family;                         /* family number, 0..family_count-1 */
    size_t origin;                         /* article number of the family's origin */
    concord_reuse relation;                /* to the origin (CONCORD_REUSE_UNRELATED for
                                              the origin itself) */
} concord_view_article;

size_t concord_view_article_count(const concord_view *view);
const concord_view_article *concord_view_article_get(const concord_view *view, size_t i);
/* Number of independent sources (families). */
size_t concord_view_family_count(const concord_view *view);
/* Article text as added (pointer valid until reset/free). */
const char *concord_view_text(const concord_view *view, size_t article, size_t *len);

typedef struct concord_view_span {
    size_t article;     /* article number */
    size_t start, end;  /* byte span in that article's text */
} concord_view_span;

/* A sentence stating a claim, and the clause of it that does. */
typedef struct concord_claim_sentence {
    size_t article;                    /* article number */
    size_t start, end;                 /* the sentence (bytes) */
    size_t clause_start, clause_end;   /* the clause inside it that matched */
} concord_claim_sentence;

typedef struct concord_claim {
    size_t support;                        /* independent sources (families) stating it */
    double centrality;                     /* cosine with the story centroid, 0..1 */
    size_t sentence_count;
    const concord_claim_sentence *sentences; /* in article order; sentences[representative]
                                              best represents the claim */
    size_t representative;
} concord_claim;

/* Claims, most supported first (ties: more central first, then earlier).
   Every clause of every article belongs to exactly one claim, so claims of
   support 1 (facts one source alone states) come last. A sentence of two
   clauses may appear in two claims. docs/view.md gives the rules. */
size_t concord_view_claim_count(const concord_view *view);
const concord_claim *concord_view_claim(const concord_view *view, size_t i);

typedef struct concord_view_quote {
    concord_view_span quote;   /* the quoted words */
    concord_view_span speaker; /* start == end when unknown */
} concord_view_quote;

/* Groups of one quotation across articles (>= 2 members each), largest
   first; support counts families. */
size_t concord_view_quote_group_count(const concord_view *view);
const concord_view_quote *concord_view_quote_group(const concord_view *view, size_t g,
                                                   size_t *count, size_t *support);

typedef struct concord_conflict {
    const char *unit; size_t unit_len;  /* normalised unit ("troops", "%", "usd") */
    concord_view_span a, b;             /* the two numbers as written */
    double a_value, b_value;            /* their values (scale words applied) */
} concord_conflict;

size_t concord_view_conflict_count(const concord_view *view);
const concord_conflict *concord_view_conflict(const concord_view *view, size_t i);

/* Article numbers in timeline order (date, then add order; undated last). */
const size_t *concord_view_timeline(const concord_view *view, size_t *count);
/* Claim numbers of the summary, in the order a reader should see them
   (first appearance in the timeline). */
const size_t *concord_view_summary(const concord_view *view, size_t *count);
/* Every related pair of a corpus (lib/match/relate)                         */
/* ------------------------------------------------------------------------ */

/*
 * concord_relate finds every related pair of a batch of articles without
 * comparing all pairs: three indexes propose candidates and each candidate
 * is verified with concord_compare() (docs/relate.md):
 *   copy    MinHash + LSH over exact word 5-shingles (verbatim copies,
 *           excerpts, edited copies);
 *   spin    MinHash + LSH over spin-robust signatures: SpotSigs and
 *           canonical (synonym-class) 3-shingles of the content words
 *           (spins, paraphrases);
 *   anchor  an inverted index of rare anchors: names, numbers and
 *           quotation fingerprints. Anchors found in more than
 *           max_anchor_df articles are not indexed; a pair is a candidate
 *           when it shares >= min_anchors indexed anchors whose IDF
 *           weights sum to >= min_anchor_weight (independent reports).
 * Cost: O(corpus * (perms + anchors * max_anchor_df)) to index, plus one
 * concord_compare() per candidate.
 */
typedef struct concord_relate concord_relate;

/* Which index proposed a pair (bits of concord_related.sources). */
enum {
    CONCORD_RELATE_COPY = 1u << 0,
    CONCORD_RELATE_SPIN = 1u << 1,
    CONCORD_RELATE_ANCHOR = 1u << 2
};

/* The bit of a relation in concord_relate_options.relations. */
#define CONCORD_RELATE_MASK(reuse) (1u << (unsigned)(reuse))

typedef struct concord_relate_options {
    unsigned relations;       /* CONCORD_RELATE_MASK bits of the relations to keep;
                                 default every relation but unrelated */
    double min_score;         /* keep pairs whose score is >= this (default 0) */
    unsigned perms;           /* MinHash permutations per LSH index (default 128) */
    double copy_threshold;    /* shingle Jaccard the copy index is tuned for (default 0.3) */
    double spin_threshold;    /* signature Jaccard of the spin index (default 0.15) */
    unsigned min_anchors;     /* shared anchors for an anchor candidate (default 3) */
    double min_anchor_weight; /* their summed weight, each ln((N+1)/df) / ln((N+1)/2)
                                 in (0, 1] for N articles (default 2.0) */
    size_t max_anchor_df;     /* anchors in more articles are not indexed (default 50) */
    uint64_t seed;            /* hash seed (default 1) */
} concord_relate_options;

void concord_relate_options_init(concord_relate_options *options);

typedef struct concord_related {
    size_t a, b;                    /* article indexes (add order), a < b */
    unsigned sources;               /* CONCORD_RELATE_* indexes that proposed it */
    concord_comparison comparison;  /* concord_compare(a, b) with their meta */
} concord_related;

typedef struct concord_relate_stats {
    size_t documents;          /* articles added */
    size_t empty;              /* articles without any word */
    size_t candidates_copy;    /* distinct pairs proposed by each index */
    size_t candidates_spin;
    size_t candidates_anchor;
    size_t candidates;         /* distinct pairs verified with concord_compare() */
    size_t anchors;            /* distinct anchors in the corpus */
    size_t anchors_indexed;    /* of which shared by 2..max_anchor_df articles */
    size_t anchors_too_common; /* of which in more than max_anchor_df articles */
    size_t pairs;              /* pairs kept */
    size_t by_relation[CONCORD_REUSE_UNRELATED + 1]; /* verified candidates by relation */
    unsigned copy_bands, copy_rows, spin_bands, spin_rows; /* LSH banding in use */
} concord_relate_stats;

/* lexicon may be NULL (stems only: spins are found less well); it must
   outlive the handle. CONCORD_ERR_INVALID for options out of range
   (thresholds outside (0, 1), perms 0 or > 4096, min_anchors 0,
   max_anchor_df < 2, min_score outside [0, 1]). */
concord_status concord_relate_create(concord_relate **out, const concord_lexicon *lexicon,
                                     const concord_relate_options *options);
void concord_relate_free(concord_relate *relate);

/* Add one article (id, text and meta are copied; meta may be NULL). Its
   index is its add order. CONCORD_ERR_INVALID after run(). */
concord_status concord_relate_add(concord_relate *relate, const char *id, size_t id_len,
                                  const char *text, size_t text_len, const concord_doc_meta *meta);

/* Find the candidates, verify each, keep the related pairs. Once only.
   Deterministic: the same articles in the same order give the same pairs. */
concord_status concord_relate_run(concord_relate *relate);

size_t concord_relate_count(const concord_relate *relate);
/* Pair i (0 <= i < count), sorted by (a, b); NULL out of range. */
const concord_related *concord_relate_pair(const concord_relate *relate, size_t i);
/* The id / text of article i as added; NULL (and *len 0) out of range. */
const char *concord_relate_id(const concord_relate *relate, size_t i, size_t *len);
const char *concord_relate_text(const concord_relate *relate, size_t i, size_t *len);
void concord_relate_stats_get(const concord_relate *relate, concord_relate_stats *stats);
/* Names: people, places, organisations (lib/text/names)                    */
/* ------------------------------------------------------------------------ */

/*
 * Names found in an analysed text by capitalisation and cue words (rules
 * and their limits: docs/stories.md, "Names"):
 *  - a name is a run of capitalised words, joined across spaces, a single
 *    line break, "&", an initial's full stop ("Ilya K. Varenko") and the
 *    connectors of, de, van, von, ... between capitalised words ("Bank of
 *    Estmark"); function words never start or end a name;
 *  - a sentence's first word is kept only on evidence: the same word
 *    written capitalised in the middle of a sentence (of this text or of an
 *    earlier call with CONCORD_NAMES_KEEP_EVIDENCE) and never in lower
 *    case, or a capitalised word following it;
 *  - in ALL-CAPS sentences (headlines) capitals say nothing, so only words
 *    with that evidence count;
 *  - honorifics and titles (Mr, Dr, President, Minister ...) are left out
 *    of the name and make it a person; a trailing possessive 's is dropped;
 *  - type: organisation when a word of the name is Inc, Corp, Bank,
 *    Ministry, Party, ... ; person after a title; place after in/at/from/
 *    near or with Port, Mount, City, River, ... ; a type found for one
 *    occurrence is given to every occurrence in the text, and a single
 *    word that ends a person's name is that person. Otherwise "other".
 */
typedef enum concord_name_type {
    CONCORD_NAME_OTHER = 0,
    CONCORD_NAME_PERSON,
    CONCORD_NAME_PLACE,
    CONCORD_NAME_ORGANISATION
} concord_name_type;

/* "other", "person", "place" or "organisation". */
const char *concord_name_type_name(concord_name_type type);

typedef struct concord_name {
    const char *norm; size_t norm_len; /* normalised words joined by one space
                                          ("ilya varenko"), valid until the
                                          next call on the handle */
    size_t start, end;                 /* byte span in the original text */
    size_t first_token, token_count;   /* its tokens in the concord_text */
    concord_name_type type;
} concord_name;

typedef struct concord_names concord_names;

/* Option bits for concord_names_find(). */
enum {
    CONCORD_NAMES_KEEP_EVIDENCE = 1u << 0 /* use and extend the evidence of the previous
                                             calls (find names in a body, then in its
                                             ALL-CAPS headline); without it the evidence
                                             is cleared first */
};

concord_status concord_names_create(concord_names **out);
void concord_names_free(concord_names *names);

/*
 * Find the names of utf8[0..len), which text must have just analysed with
 * CONCORD_TEXT_SENTENCES (without sentences the whole text is taken as one
 * sentence). O(len); no allocation once warmed up. Results, in text order,
 * stay valid until the next call. CONCORD_ERR_INVALID for NULL arguments
 * or unknown option bits, CONCORD_ERR_NOMEM.
 */
concord_status concord_names_find(concord_names *names, const concord_text *text,
                                  const char *utf8, size_t len, unsigned options);
size_t concord_names_count(const concord_names *names);
const concord_name *concord_names_get(const concord_names *names, size_t i);

/* ------------------------------------------------------------------------ */
/* Stories: online clustering of articles into events (lib/story)           */
/* ------------------------------------------------------------------------ */

/*
 * A concord_stories assigns each article, in the order they are added, to
 * a story (one real-world event and its follow-ups) or starts a new one.
 * docs/stories.md gives the algorithm; in short:
 *  - each article becomes three TF-IDF vectors (document frequencies
 *    updated online as articles arrive): body words, title words (Snowball
 *    stems of the words that are not function words or numbers) and names
 *    (concord_names over body and title);
 *  - a story keeps a centroid per field (the sum of its members' unit
 *    vectors, cut to its heaviest centroid_terms terms);
 *  - score(article, story) = (w_body cos_body + w_title cos_title +
 *    w_names cos_names) / (sum of the weights of the fields present on both
 *    sides) * exp(-gap^2 / (2 sigma^2)), gap = days between the article and
 *    the story's nearest dated member (0 when either is undated);
 *  - candidates come from an inverted index term -> active stories, so the
 *    cost grows with the stories that share terms, not with all stories;
 *    the best candidates by shared weight get the exact score; the article
 *    joins the best story when its score >= threshold (ties: the older
 *    story), else starts a new one;
 *  - a story leaves the index window_days after its last dated member
 *    (stories without any dated member never leave), and an article dated
 *    more than window_days after a story's last member never joins it;
 *  - merge: after a join, the story's centroid is scored against the
 *    active stories sharing its terms, the same way; a pair scoring >=
 *    merge_threshold becomes one story that keeps the OLDER story's id
 *    (the younger id is retired and its articles are reported under the
 *    older one).
 * The result depends only on the sequence of calls: deterministic.
 */
typedef struct concord_stories_options {
    double threshold;        /* join score, (0, 1]; default 0.25 */
    double merge_threshold;  /* story-story merge score, (0, 1]; default 0.50 */
    double sigma_days;       /* time decay, > 0; default 15 (Miranda et al. use 3;
                                on Reuters' multi-week stories 15 scores far
                                better: EVALUATION.md, "Stories") */
    double window_days;      /* time a story stays active after its last member,
                                > 0; default 30 */
    double w_body, w_title, w_names; /* field weights, >= 0, not all 0;
                                        defaults 0.5, 0.2, 0.3 */
    unsigned centroid_terms; /* terms kept per centroid field, >= 8; default 64 */
    unsigned candidates;     /* stories scored exactly per article, >= 1; default 16 */
    int learned;             /* 0 (default): join on the weighted formula above;
                                1: the join score is a learned model's probability
                                that the article belongs to the story (logistic
                                regression over the field cosines, the time gap and
                                the story size, fitted on the Reuters dev set's
                                tuning half: docs/stories.md); threshold then
                                applies to that probability (0.2 scored best on the
                                tuning half; it does not beat the formula). Merges
                                always use the formula. */
} concord_stories_options;

void concord_stories_options_init(concord_stories_options *options);

typedef struct concord_stories concord_stories;

/* options may be NULL (defaults). CONCORD_ERR_INVALID for a value out of
   range. */
concord_status concord_stories_create(concord_stories **out, const concord_stories_options *options);
void concord_stories_free(concord_stories *stories);

/*
 * Add one article: id[0..id_len) (copied; need not be unique), its text,
 * and meta (NULL or any field NULL/0): the date (ISO 8601 or any format
 * concord_date_iso knows), the title and the source. *story_id (may be
 * NULL) receives the story the article joined or started (ids count from
 * 1 in creation order). An article without a recognised date joins on
 * similarity alone. Cost: O(article length + postings of its query terms +
 * candidates x centroid size). Returns CONCORD_OK, CONCORD_ERR_INVALID
 * (NULL handle, NULL pointer with a length), CONCORD_ERR_NOMEM or
 * CONCORD_ERR_TOO_LARGE (2^32 - 1 articles or stories).
 */
concord_status concord_stories_add(concord_stories *stories, const char *id, size_t id_len,
                                   const char *text, size_t len, const concord_doc_meta *meta,
                                   uint64_t *story_id);

/*
 * The story an article WOULD join, without adding it or changing any
 * result: *story_id = 0 when it would start a new story; *score (may be
 * NULL) = its best score (0 without any candidate). Same errors as add.
 */
concord_status concord_stories_peek(concord_stories *stories, const char *text, size_t len,
                                    const concord_doc_meta *meta, uint64_t *story_id,
                                    double *score);

typedef struct concord_story {
    uint64_t id;
    const char *title; size_t title_len;           /* the first member's title with one */
    const char *first_seen; size_t first_seen_len; /* ISO dates of the earliest and */
    const char *last_seen; size_t last_seen_len;   /* latest dated member; "" if none */
    const uint32_t *members; size_t member_count;  /* article numbers (add order), ascending */
    size_t source_count;                           /* distinct sources of its members */
} concord_story;

/* Stories alive (not merged into another), and the i-th of them by
   ascending id. Pointers are valid until the next add/load/free. */
size_t concord_stories_count(const concord_stories *stories);
concord_status concord_stories_get(const concord_stories *stories, size_t i, concord_story *out);
/* Source j (0 <= j < source_count) of the i-th story, in order of first
   appearance; NULL when out of range. */
const char *concord_stories_source(const concord_stories *stories, size_t i, size_t j,
                                   size_t *len);
/* Articles added; article n's id; the story it belongs to now (after merges). */
size_t concord_stories_article_count(const concord_stories *stories);
const char *concord_stories_article_id(const concord_stories *stories, size_t n, size_t *len);
uint64_t concord_stories_article_story(const concord_stories *stories, size_t n);
/* *index = the position (for concord_stories_get) of story id, following
   merges (a retired id finds the story it was merged into). CONCORD_END
   when no story ever had that id. */
concord_status concord_stories_find(const concord_stories *stories, uint64_t id, size_t *index);

typedef struct concord_stories_stats {
    size_t articles, stories;  /* added; alive */
    size_t active;             /* stories in the index now */
    size_t merges;             /* stories merged into older ones */
    size_t terms;              /* distinct terms (stems and names) */
    size_t candidates;         /* candidate stories met in postings, summed */
    size_t scored;             /* exact scores computed, summed */
    size_t active_sum;         /* active stories when each article came, summed:
                                  what a scan of all active stories would score */
} concord_stories_stats;

void concord_stories_stats_get(const concord_stories *stories, concord_stories_stats *stats);

/*
 * The whole state (options, vocabulary and document frequencies, stories,
 * centroids, articles) as bytes, so that adding articles later continues
 * where it stopped. *data is allocated with malloc (release it with free()).
 * load() checks the format tag, the version and a checksum, and every
 * index inside; a state made by a different version or damaged gives
 * CONCORD_ERR_PARSE (or CONCORD_ERR_UNSUPPORTED for a newer version).
 * A loaded engine continues exactly as the saved one would have.
 */
concord_status concord_stories_save(const concord_stories *stories, unsigned char **data,
                                    size_t *len);
concord_status concord_stories_load(concord_stories **out, const void *data, size_t len);
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
                                   into the main index; default 2^21
                                   (docs/store.md: write cost) */
    concord_dedup_options dedup;/* sketch and near-duplicate parameters, used
                                   when the store is created; an existing
                                   store keeps the ones it was created with */
    concord_stories_options stories; /* story engine options, used while the
                                   store has no saved story state; then the
                                   saved state's options hold */
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
    int64_t story;                 /* ingest: the story it joined; query: the
                                      story it belongs to (unchanged) or would
                                      join; -1 = it would start a new story */
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
 * duplicates, what ingesting it would do (by id; article->id may be NULL),
 * and its story (the one it would join, by its text, title, date and
 * source: concord_stories_peek). Works on a read-only store and writes
 * nothing.
 */
concord_status concord_store_query(concord_store *store, const concord_article *article,
                                   concord_store_result *out);

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

/* One stored row (any version) as a concord_article (pointers valid until
   the next call on the store); *current (may be NULL) = 1 when it is its
   article's latest version. article may be NULL: then only *current is
   read (cheap: the text is not). CONCORD_END when no such row. */
concord_status concord_store_get(concord_store *store, int64_t doc, concord_article *article,
                                 int *current);

/*
 * Stories in the store. Ingest feeds every stored row (each version of
 * each article, in storage order) to one story engine, so a store's
 * stories are those of an online pass in arrival order (concord stories
 * orders a corpus by date first). The engine's state is checkpointed in
 * the store (docs/store.md, "Stories"); loading it costs reading the
 * checkpoint (~0.35 KB per article) plus re-feeding the rows stored after
 * it.
 *
 * concord_store_stories(): the store's engine, caught up with every stored
 * row, for reading with the concord_stories_* accessors (its article n is
 * stored row concord_store_stories_doc(store, n)). Each call (and each
 * ingest batch and query) first catches the engine up with rows other
 * connections committed since. *out (do not free it) stays valid until
 * the next ingest, commit or checkpoint on the store (a failed one drops
 * the engine) or its free; what the accessors return, until the next call
 * on the store.
 */
concord_status concord_store_stories(concord_store *store, const concord_stories **out);
/* The stored row of the engine's article n; -1 when out of range. */
int64_t concord_store_stories_doc(const concord_store *store, size_t n);
/* Commit the open batch, then save the story engine's state when rows were
   fed since it was saved, so that the next open replays nothing (cost:
   proportional to the state). concord ingest calls it at its end. */
concord_status concord_store_checkpoint(concord_store *store);

#ifdef __cplusplus
}
#endif

#endif /* CONCORD_H */
