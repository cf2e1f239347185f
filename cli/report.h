/*
 * report.h - the pieces of `concord report` (one self-contained HTML page):
 * the HTML writer (report_html.c), getting the stories (report_stories.c),
 * one story's detail (report_story.c), the side-by-side view
 * (report_pairs.c) and the all-or-nothing output file (atomic_file.c).
 */
#ifndef CONCORD_REPORT_H
#define CONCORD_REPORT_H

#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

#include "cli.h"

/* ---- HTML writer ---- */

/* Text or attribute value: & < > " ' escaped; invalid UTF-8 and control
   characters other than tab, newline and carriage return become U+FFFD, so
   any bytes give well-formed, inert HTML. */
void html_text(FILE *f, const char *p, size_t len);
/* html_text() of at most cap bytes (cut back to a character boundary) and
   "…" when cut. Returns 1 when cut. */
int html_text_capped(FILE *f, const char *p, size_t len, size_t cap);
/* The largest character boundary <= pos in p[0..len) (pos <= len). */
size_t utf8_floor(const char *p, size_t len, size_t pos);
/* Doctype, CSP meta (no scripts, no network), title and inline CSS; the
   page's <body> is open on return. */
void html_begin(FILE *f, const char *title);
void html_end(FILE *f);

/* ---- Stories ---- */

/* One story as the report shows it. */
typedef struct report_story {
    uint64_t id;
    const char *title; size_t title_len;           /* may be empty */
    const char *first_seen; size_t first_seen_len; /* ISO dates, may be empty */
    const char *last_seen; size_t last_seen_len;
    const size_t *members; size_t member_count;    /* corpus docs (input indexes), date order */
    size_t outlets;                                /* distinct sources */
    size_t families;                               /* independent sources (families) */
    size_t detail;                                 /* anchor number of its detail, 0 = none */
} report_story;

typedef struct report_stories {
    report_story *v; /* largest first, then by id */
    size_t n;
    size_t *member_pool;
    concord_stories *engine;        /* owns the strings (a run over the corpus) */
    concord_store *store;           /* or the store that owns them (--db) */
    const concord_stories *stories; /* engine, or the store's */
} report_stories;

/*
 * The step that gets the stories of the corpus: the story engine's one
 * pass in date order over every article (story_corpus_cluster). Returns 0,
 * or 1 after a message on stderr.
 */
int report_get_stories(const char *cmd, story_corpus *corpus, const concord_stories_options *o,
                       report_stories *out);
/* The stories a store keeps (concord ingest assigned them), members mapped
   by id onto corpus, which holds the store's current articles. */
int report_store_stories(const char *cmd, const char *db, const story_corpus *corpus,
                         report_stories *out);
void report_stories_free(report_stories *s);

/* ---- One story's detail ---- */

typedef struct report_options {
    size_t min_articles;  /* stories shown in detail: at least this many articles */
    size_t max_stories;   /* ... and only the largest this many */
    size_t min_support;   /* claims listed: support >= this */
    size_t max_claims, max_quotes, max_conflicts; /* rows per story */
    size_t max_pairs;     /* side-by-side views per story */
    size_t text_cap;      /* bytes of each article in a side-by-side view */
    size_t snippet_cap;   /* bytes of a sentence, quote or title */
} report_options;

typedef struct report_ctx {
    const story_corpus *corpus;
    const report_options *opt;
    concord_view *view;       /* reset per story */
    concord_aligner *aligner;
} report_ctx;

/* Consolidate story s in c->view (its members added in date order) and set
   s->families. Returns CONCORD_OK or the view's error. */
concord_status report_story_consolidate(report_ctx *c, report_story *s);
/* Write the <section> of story s, just consolidated. */
concord_status report_story_write(FILE *f, report_ctx *c, const report_story *s);

/* The side-by-side views of the story in c->view (after run): each article
   that reuses another next to its origin, else the best-aligned pair of
   the first articles of the timeline. anchor: the story's anchor number. */
concord_status report_pairs_write(FILE *f, report_ctx *c, size_t anchor);

/* ---- All-or-nothing output ---- */

/* A temporary file next to path, renamed onto path by commit(); nothing is
   left behind on abort() or failure. */
typedef struct atomic_file {
    FILE *f;
    char *path, *tmp;
} atomic_file;

/* 1 on success; else a message "concord CMD: PATH: why" and 0. */
int atomic_file_open(const char *cmd, const char *path, atomic_file *af);
/* Flush, sync and rename. 1 on success; else a message, the temporary file
   removed, and 0. */
int atomic_file_commit(const char *cmd, atomic_file *af);
void atomic_file_abort(atomic_file *af);

#endif
