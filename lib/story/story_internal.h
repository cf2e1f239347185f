/*
 * story_internal.h - the state of a concord_stories, shared by its files:
 *   stories.c   the handle, add/peek, candidates, joins, merges, expiry;
 *   terms.c     article -> three TF-IDF vectors (body, title, names);
 *   centroid.c  sparse vector arithmetic (dot products, bounded sums);
 *   access.c    read access to stories and articles;
 *   save.c      serialisation of the whole state.
 * The algorithm is described in concord.h and docs/stories.md.
 */
#ifndef CONCORD_STORY_STORY_INTERNAL_H
#define CONCORD_STORY_STORY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"
#include "story/strmap.h"

enum { FIELD_BODY = 0, FIELD_TITLE, FIELD_NAMES, FIELD_COUNT };

#define NO_INDEX UINT32_MAX

/* One weighted term of a sparse vector; vectors are sorted by term. */
typedef struct wterm {
    uint32_t term;
    float weight;
} wterm;

/* A growable sparse vector. */
typedef struct svec {
    wterm *v;
    uint32_t len, cap;
    double norm; /* L2 norm of v (centroids) */
} svec;

typedef struct story {
    svec centroid[FIELD_COUNT];
    uint32_t *members;      /* article numbers, ascending */
    uint32_t member_count, member_cap;
    uint32_t *sources;      /* source numbers (strmap values), first appearance order */
    uint32_t source_count, source_cap;
    uint32_t merged_into;   /* story index it was merged into, or NO_INDEX */
    uint32_t title_art;     /* member whose title names the story, or NO_INDEX */
    uint32_t first_art, last_art; /* earliest / latest dated member, or NO_INDEX */
    double first_t, last_t; /* their times in days (valid when first_art != NO_INDEX) */
} story;

/* What the walk over postings touches per story, apart from the rest so
   that walking thousands of postings stays in cache (story_hot[i] goes
   with stories[i]). */
typedef struct story_hot {
    uint32_t stamp; /* query stamp (candidate dedup) */
    float acc;      /* shared weight with the current query */
    uint32_t active; /* 1 while in the inverted index */
} story_hot;

typedef struct article {
    uint64_t id_span;       /* strings pool: off << 24 | len (stories_string) */
    uint64_t date_span;     /* ISO date; len 0 when undated */
    uint64_t title_span;
    double t;               /* days since 1970-01-01 (valid when date_span has a length) */
    uint32_t story;         /* story index at assignment (follow merged_into) */
    uint32_t source;        /* source number, or NO_INDEX */
} article;

/* Expiry queue entry: a story and its last_t when pushed. */
typedef struct expiry {
    double t;
    uint32_t story;
} expiry;

/* Posting list of one term: the active stories indexed under it. */
typedef struct postings {
    uint32_t *v;
    size_t len, cap;
} postings;

/* The three vectors of one article, built in scratch memory. */
typedef struct doc_vectors {
    svec field[FIELD_COUNT];
    int dated;
    double t;
} doc_vectors;

/* Features of an (article, story) pair for the learned join decision
   (model.c): the per-field cosines, whether a field is missing on either
   side, the time gap and the story's size. */
enum {
    FEAT_BIAS = 0,
    FEAT_BODY,     /* body cosine */
    FEAT_TITLE,    /* title cosine (0 when missing) */
    FEAT_NAMES,    /* names cosine (0 when missing) */
    FEAT_NO_TITLE, /* 1 when the article or the story has no title terms */
    FEAT_NO_NAMES, /* 1 when the article or the story has no names */
    FEAT_GAP,      /* days between the article and the story's range / 10 */
    FEAT_GAP2,     /* its square: a Gaussian decay is linear in it */
    FEAT_SIZE,     /* ln(story members) */
    FEAT_COUNT
};

/* Called (when set) for every story scored exactly for an article, with
   its features; the fitting tool (eval/stories_fit.c) records them. */
typedef void (*stories_trace_fn)(void *ctx, const concord_stories *s, uint32_t story,
                                 const double *features);

struct concord_text;
struct concord_names;
struct sb_stemmer;

struct concord_stories {
    concord_stories_options opt;
    /* vocabulary */
    strmap words;     /* normalised word -> term (cache of the stemmer) */
    strmap terms;     /* stem, or "\1" name -> term; key i is term i */
    uint32_t *df;     /* document frequency per term */
    size_t df_cap;
    strmap sources;   /* source string -> source number */
    /* stories and articles */
    story *stories;
    story_hot *hot;
    size_t story_count, story_cap, hot_cap, alive, merges;
    article *articles;
    size_t article_count, article_cap;
    char *strings;    /* ids, dates, titles of articles */
    size_t strings_len, strings_cap;
    /* index */
    postings *index;  /* per term */
    size_t index_cap;
    expiry *heap;     /* min-heap on t */
    size_t heap_len, heap_cap;
    double now;       /* latest article time seen; valid when have_now */
    int have_now;
    uint32_t stamp;
    /* counters */
    size_t candidates, scored, active_sum;
    size_t active_now; /* stories with hot.active set */
    /* scratch */
    struct concord_text *text;
    struct concord_names *names;
    struct sb_stemmer *stemmer;
    doc_vectors doc;
    uint32_t *term_slot;   /* per term: position in the vector being built + 1 */
    float *dense[FIELD_COUNT]; /* per term: the query's weight while scoring, else 0 */
    size_t term_slot_cap;
    uint32_t *cands;       /* candidate story indexes of one query */
    size_t cands_cap;
    svec tmp;              /* centroid sums */
    uint32_t *marked;      /* terms marked in term_slot before a centroid update */
    size_t marked_len, marked_cap;
    uint32_t *alive_list;  /* indexes of the stories alive, ascending */
    size_t alive_list_len, alive_list_cap;
    /* learned join decision: coefficients (story_model by default; the
       fitting tool may set others) and the optional trace */
    double model[FEAT_COUNT];
    stories_trace_fn trace;
    void *trace_ctx;
};

/* terms.c */
concord_status terms_init(concord_stories *s);
void terms_free(concord_stories *s);
/* Build s->doc from an article (df not changed). */
concord_status terms_build(concord_stories *s, const char *text, size_t len,
                           const concord_doc_meta *meta);
/* Count s->doc's terms in the document frequencies (one article more). */
concord_status terms_count(concord_stories *s);
/* Make room for per-term arrays up to n terms. */
concord_status terms_reserve(concord_stories *s, size_t n);
/* Days since 1970-01-01 of an ISO 8601 date, or -1 when not recognised. */
int terms_parse_date(const char *date, size_t len, char *iso, size_t iso_cap, size_t *iso_len,
                     double *days);

/* centroid.c */
concord_status svec_reserve(svec *v, size_t n);
void svec_free(svec *v);
/* acc += scale * add, then keep the max_terms heaviest terms (ties: lower
   term); acc->norm recomputed. tmp is scratch. */
concord_status svec_add_bounded(svec *acc, const svec *add, double scale, unsigned max_terms,
                                svec *tmp);
/* Normalise v to unit length (no-op when empty). */
void svec_normalise(svec *v);

/* model.c */
extern const double story_model[FEAT_COUNT];
extern const char *const story_feature_names[FEAT_COUNT];
/* P(the article belongs to the story) = 1 / (1 + exp(-model . f)). */
double story_model_probability(const double *model, const double *f);

/* stories.c */
concord_status stories_index_story(concord_stories *s, uint32_t si);
concord_status stories_push_expiry(concord_stories *s, uint32_t si);
uint32_t stories_resolve(const concord_stories *s, uint32_t si);
/* access.c: position of alive story si in s->alive_list. */
size_t stories_alive_position(const concord_stories *s, uint32_t si);
concord_status stories_append_string(concord_stories *s, const char *p, size_t len,
                                     uint64_t *span);
static inline const char *stories_string(const concord_stories *s, uint64_t span, size_t *len)
{
    *len = (size_t)(span & 0xffffff);
    return s->strings + (span >> 24);
}

#endif
