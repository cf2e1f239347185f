/*
 * cli.h - helpers shared by the concord subcommands. The CLI uses only the
 * public header include/concord.h; everything here is presentation:
 * option parsing, output escaping, progress and the closing summary.
 */
#ifndef CONCORD_CLI_H
#define CONCORD_CLI_H

#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

#include "concord.h"

/* Exit statuses of the command-line contract. */
enum { EXIT_OK = 0, EXIT_SKIPPED = 1, EXIT_USAGE = 2 };

/* Subcommands: argv[0] is the subcommand name. Return an exit status. */
int cmd_dedup(int argc, char **argv);
int cmd_align(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_relate(int argc, char **argv);
int cmd_story(int argc, char **argv);
int cmd_stories(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* Strict number parsing: the whole string must be a number in range. On
   failure print "concord CMD: invalid value for --OPT: 'ARG'" and return 0. */
int parse_double(const char *cmd, const char *opt, const char *arg, double lo, double hi, double *out);
int parse_unsigned(const char *cmd, const char *opt, const char *arg, unsigned long lo,
                   unsigned long hi, unsigned long *out);
/* A size with an optional K/M/G suffix (powers of 1024). */
int parse_size(const char *cmd, const char *opt, const char *arg, size_t *out);

/*
 * Options of every command that reads articles. Add INPUT_LONG_OPTIONS to
 * the getopt_long table, pass each option to input_option(), and print
 * INPUT_OPTIONS_HELP in --help.
 */
enum {
    OPT_ID_FIELD = 0x1000, OPT_TEXT_FIELD, OPT_TITLE_FIELD, OPT_DATE_FIELD, OPT_URL_FIELD,
    OPT_SOURCE_FIELD, OPT_MAX_RECORD_BYTES
};
#define INPUT_LONG_OPTIONS                                                                     \
    {"id-field", required_argument, NULL, OPT_ID_FIELD},                                       \
        {"text-field", required_argument, NULL, OPT_TEXT_FIELD},                               \
        {"title-field", required_argument, NULL, OPT_TITLE_FIELD},                             \
        {"date-field", required_argument, NULL, OPT_DATE_FIELD},                               \
        {"url-field", required_argument, NULL, OPT_URL_FIELD},                                 \
        {"source-field", required_argument, NULL, OPT_SOURCE_FIELD},                           \
        {"max-record-bytes", required_argument, NULL, OPT_MAX_RECORD_BYTES}
#define INPUT_OPTIONS_HELP                                                                     \
    "      --id-field NAME, --text-field NAME, --title-field NAME,\n"                          \
    "      --date-field NAME, --url-field NAME, --source-field NAME\n"                         \
    "                        JSON Lines field names (defaults: id, text, ...)\n"               \
    "      --max-record-bytes SIZE  skip records larger than SIZE (default 64M)\n"
/* 1: opt was an input option and is applied; -1: a bad value or an
   unknown option (a message and the --help hint were printed). */
int input_option(const char *cmd, int opt, const char *arg, concord_reader_options *o);

/*
 * Options of the commands that read a corpus: the input options plus
 * -f/--format jsonl|tsv, --strict, --no-progress and -q/--quiet. Add
 * CORPUS_LONG_OPTIONS to the getopt_long table ("f:q" to the short ones),
 * pass every option the command does not handle itself to corpus_option(),
 * and print CORPUS_OPTIONS_HELP (the --format line is the command's own:
 * it names the TSV columns).
 */
enum { OPT_STRICT = 0x1100, OPT_NO_PROGRESS, OPT_DB };
typedef struct corpus_options {
    concord_reader_options reader;
    const char *db; /* --db FILE: the current articles of a concord store, read before INPUTs */
    int tsv;      /* --format tsv */
    int strict;   /* exit 1 when anything was skipped */
    int progress; /* draw the progress bar (when stderr is a tty) */
    int quiet;    /* no closing summary */
} corpus_options;
#define CORPUS_LONG_OPTIONS                                                                    \
    INPUT_LONG_OPTIONS, {"format", required_argument, NULL, 'f'},                              \
        {"strict", no_argument, NULL, OPT_STRICT},                                             \
        {"no-progress", no_argument, NULL, OPT_NO_PROGRESS}, {"quiet", no_argument, NULL, 'q'}, \
        {"db", required_argument, NULL, OPT_DB}
#define CORPUS_OPTIONS_HELP                                                                    \
    INPUT_OPTIONS_HELP                                                                         \
    "      --db FILE         also read the articles of a concord store (concord ingest);\n"     \
    "                        then INPUT may be omitted\n"                                      \
    "      --strict          exit 1 if any record or file was skipped\n"                       \
    "      --no-progress     no progress bar (drawn only when stderr is a tty)\n"              \
    "  -q, --quiet           no closing summary on stderr\n"
void corpus_options_init(corpus_options *o);
/* view_output.c: the view's lines (source, claim, quote, conflict, summary,
   story_view) on stdout; claims and quotes of support >= min_support; with
   story >= 0 every line also carries "story":story. */
typedef struct view_counts {
    size_t claims, quotes; /* printed */
} view_counts;
void view_write(const concord_view *v, size_t min_support, long long story, view_counts *counts);
/* The lexicon (WordNet at wordnet, else the default; none when !synonyms
   or, with a warning, when the default is missing) and a view; 0 on
   success, else a message and 1 with nothing to free. */
int view_open(const char *cmd, const char *wordnet, int synonyms, const concord_view_options *options,
              concord_lexicon **lex, concord_view **view);
/* As input_option(), for every option of CORPUS_LONG_OPTIONS. */
int corpus_option(const char *cmd, int opt, const char *arg, corpus_options *o);
/* 1 when there is at least one INPUT; else a message and 0. */
int have_inputs(const char *cmd, int count);
/* As have_inputs(), also satisfied by --db. */
int have_corpus(const char *cmd, int count, const corpus_options *co);
/* For the commands whose --db is the store they work on (ingest, query):
   1 when --db and at least one INPUT are given and the format is jsonl;
   else a message and 0. */
int have_store_and_inputs(const char *cmd, int count, const corpus_options *co);
/* A value that must be one of two words: *out = 0 (first) or 1 (second);
   else a message naming the option and 0. */
int parse_choice(const char *cmd, const char *opt, const char *arg, const char *first,
                 const char *second, int *out);

/*
 * The near-duplicate options of dedup and ingest: -t/--threshold,
 * --containment, --min-ratio, -k/--shingle, -p/--perms, --seed. Add
 * DEDUP_LONG_OPTIONS to the getopt_long table ("t:k:p:" to the short
 * ones), DEDUP_OPTIONS_HELP to --help, and pass options to dedup_option().
 */
enum { OPT_CONTAINMENT = 0x1200, OPT_MIN_RATIO, OPT_SEED };
#define DEDUP_LONG_OPTIONS                                                                     \
    {"threshold", required_argument, NULL, 't'},                                               \
        {"containment", required_argument, NULL, OPT_CONTAINMENT},                             \
        {"min-ratio", required_argument, NULL, OPT_MIN_RATIO},                                 \
        {"shingle", required_argument, NULL, 'k'}, {"perms", required_argument, NULL, 'p'},    \
        {"seed", required_argument, NULL, OPT_SEED}
#define DEDUP_OPTIONS_HELP                                                                     \
    "  -t, --threshold F     Jaccard threshold for near duplicates (default 0.8)\n"            \
    "      --containment F   share of the excerpt found in the longer article\n"               \
    "                        for 'contained' (default 0.9)\n"                                 \
    "      --min-ratio F     an excerpt must be at least this share of the longer\n"           \
    "                        article, in shingles (default 0.5)\n"                            \
    "  -k, --shingle N       words per shingle (default 5)\n"                                 \
    "  -p, --perms N         MinHash permutations (default 128); LSH bands x rows\n"           \
    "                        are chosen from the thresholds and N\n"                          \
    "      --seed N          hash seed (default 1)\n"
/* 1: applied; 0: a bad value (message printed); -1: not a dedup option. */
int dedup_option(const char *cmd, int opt, const char *arg, concord_dedup_options *o);

/*
 * An article's text with its date and title, for the commands that take
 * two articles (align, compare). Owned copies when filled by
 * read_first_article() (release with cli_doc_free()); borrowed views when
 * filled from a pair reader.
 */
typedef struct cli_doc {
    const char *text; size_t len;
    const char *date; size_t date_len;
    const char *title; size_t title_len;
} cli_doc;

/*
 * The first article of path into *d (owned copies). Problems are reported
 * on stderr as "concord CMD: ...", including a warning when more articles
 * follow. Returns 1 when an article was read, else 0.
 */
int read_first_article(const char *cmd, const char *path, const concord_reader_options *ropt,
                       cli_doc *d);
void cli_doc_free(cli_doc *d);

/* Length of the well-formed UTF-8 sequence at s[0..len) (RFC 3629: no
   overlong forms, no surrogates, nothing above U+10FFFF; len >= 1), 0 if
   ill-formed. */
size_t utf8_valid_len(const unsigned char *s, size_t len);
/* JSON string literal (with quotes) of bytes[0..len), escaping as needed. */
void json_write_string(FILE *f, const char *bytes, size_t len);
/* TSV field: tab, newline, carriage return and backslash escaped. */
void tsv_write_field(FILE *f, const char *bytes, size_t len);

/*
 * Reading every input argument in turn, with the contract's error handling:
 * a bad record or file is reported on stderr ("concord CMD: FILE:LINE: ...")
 * and skipped. Progress is drawn on stderr when it is a terminal.
 */
typedef struct input_stats {
    size_t articles;       /* articles delivered */
    size_t skipped;        /* records or files skipped */
    size_t inputs_failed;  /* arguments that could not be opened at all */
    size_t bytes;          /* raw bytes read */
    double seconds;        /* wall time spent, including the consumer */
} input_stats;

typedef int (*article_fn)(void *ctx, const concord_article *article);

/*
 * Call fn for each article of each path. fn returns 0 to go on, non-zero to
 * stop (that value is returned). progress: draw a progress line on stderr.
 */
int read_inputs(const char *cmd, char **paths, int npaths, const concord_reader_options *ropt,
                int progress, article_fn fn, void *ctx, input_stats *stats);

/*
 * read_inputs() for the corpus commands: first the articles of the --db
 * store when given (opened read-only; counted as one input in
 * stats->inputs_failed when it cannot be opened), then every path.
 */
int read_corpus(const char *cmd, char **paths, int npaths, const corpus_options *co, article_fn fn,
                void *ctx, input_stats *stats);
/* store_stories.c: open the store at path read-only with its stories
   (*out; message printed and NULL on failure). */
concord_store *store_stories_open(const char *cmd, const char *path, const concord_stories **out);
/* Give fn the current articles (superseded versions skipped) of story, one
   of the store's stories; their count, or -1 (message printed) when the
   store fails or fn asks to stop. */
long store_stories_each_article(const char *cmd, concord_store *st, const concord_story *story,
                                article_fn fn, void *ctx);
/* Number of inputs read_corpus() reads: the paths, plus the --db store. */
size_t corpus_input_count(int npaths, const corpus_options *co);

/* Seconds since an arbitrary fixed point (monotonic). */
double now_seconds(void);

/*
 * What `concord stories` and `concord report` share (story_run.c): the
 * story engine's options, the whole corpus read into memory, and the one
 * pass in date order.
 */
/* Add STORIES_LONG_OPTIONS to the getopt_long table ("t:" to the short
   ones), print STORIES_OPTIONS_HELP, pass options to stories_option(). */
enum {
    OPT_STORY_MERGE = 0x1300, OPT_STORY_SIGMA, OPT_STORY_WINDOW, OPT_STORY_WEIGHTS,
    OPT_STORY_CENTROID, OPT_STORY_CANDIDATES, OPT_STORY_LEARNED
};
#define STORIES_LONG_OPTIONS                                                                   \
    {"threshold", required_argument, NULL, 't'},                                               \
        {"merge-threshold", required_argument, NULL, OPT_STORY_MERGE},                         \
        {"sigma", required_argument, NULL, OPT_STORY_SIGMA},                                   \
        {"window", required_argument, NULL, OPT_STORY_WINDOW},                                 \
        {"weights", required_argument, NULL, OPT_STORY_WEIGHTS},                               \
        {"centroid-terms", required_argument, NULL, OPT_STORY_CENTROID},                       \
        {"candidates", required_argument, NULL, OPT_STORY_CANDIDATES},                         \
        {"learned", no_argument, NULL, OPT_STORY_LEARNED}
#define STORIES_OPTIONS_HELP                                                                   \
    "  -t, --threshold F     score needed to join a story (default 0.25; 0.2\n"              \
    "                        suits --learned); lower gives fewer, larger stories\n"          \
    "      --learned         join on the learned model instead of the formula\n"             \
    "                        (docs/stories.md; it does not score better)\n"                   \
    "      --merge-threshold F  score at which two stories that converge become\n"            \
    "                        one, keeping the older id (default 0.50)\n"                      \
    "      --sigma DAYS      time decay: a gap of DAYS multiplies the score by\n"             \
    "                        0.61, twice that by 0.14 (default 15; 3 suits\n"                 \
    "                        stories that last days rather than weeks)\n"                     \
    "      --window DAYS     a story stops taking articles DAYS after its latest\n"           \
    "                        dated member (default 30)\n"                                     \
    "      --weights B,T,N   weights of body, title and names (default 0.5,0.2,0.3)\n"        \
    "      --centroid-terms N  terms kept per story and field (default 64)\n"                 \
    "      --candidates N    candidate stories scored exactly per article\n"                  \
    "                        (default 16)\n"
/* 1: applied; 0: a bad value (message printed); -1: not a story option. */
int stories_option(const char *cmd, int opt, const char *arg, concord_stories_options *o);

/* One article as read, with owned copies of its fields (offsets into the
   corpus pool). */
typedef struct story_doc {
    size_t id, text, title, date, source;
    size_t id_len, text_len, title_len, date_len, source_len;
    char key[32];    /* ISO date used for ordering ("" before any dated article) */
    size_t input;    /* input order */
    uint64_t story;  /* set by story_corpus_cluster() */
} story_doc;

typedef struct story_corpus {
    story_doc *docs;   /* in input order */
    size_t n, cap;
    char *pool;
    size_t pool_len, pool_cap;
    size_t *added;     /* after clustering: added[k] = input index of the engine's
                          article k (the k-th in date order) */
    char last_key[32]; /* key of the latest dated article in input order */
    const char *cmd;
    int failed;
} story_corpus;

/* Read every article of the corpus (read_corpus()). 0 after a message
   when memory ran out or no input could be read; else 1. Free with
   story_corpus_free() in both cases. */
int story_corpus_read(const char *cmd, char **paths, int npaths, const corpus_options *co,
                      story_corpus *r, input_stats *in);
/* Add every article to s in date order (an undated article keeps its place
   after the dated one before it in the input) and set each doc's story.
   Returns 0, or 1 after a message. */
int story_corpus_cluster(story_corpus *r, concord_stories *s);
void story_corpus_free(story_corpus *r);

#endif
