/* story_run.c - what `concord stories` and `concord report` share: the
   engine options, reading the whole corpus, and the one pass in date order. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int parse_weights(const char *cmd, const char *arg, concord_stories_options *o)
{
    double w[3];
    char *end;
    const char *p = arg;
    for (int i = 0; i < 3; i++) {
        w[i] = strtod(p, &end);
        if (end == p || w[i] < 0 || w[i] > 1000 || (i < 2 && *end != ',') || (i == 2 && *end))
            goto bad;
        p = end + 1;
    }
    if (w[0] + w[1] + w[2] <= 0) goto bad;
    o->w_body = w[0];
    o->w_title = w[1];
    o->w_names = w[2];
    return 1;
bad:
    fprintf(stderr, "concord %s: invalid value for --weights: '%s' (expected three numbers >= 0 "
                    "such as 0.5,0.2,0.3, not all 0)\n", cmd, arg);
    return 0;
}

int stories_option(const char *cmd, int opt, const char *arg, concord_stories_options *o)
{
    unsigned long u;
    switch (opt) {
    case 't': return parse_double(cmd, "--threshold", arg, 0.001, 1.0, &o->threshold);
    case OPT_STORY_MERGE:
        return parse_double(cmd, "--merge-threshold", arg, 0.001, 1.0, &o->merge_threshold);
    case OPT_STORY_SIGMA: return parse_double(cmd, "--sigma", arg, 0.001, 36500, &o->sigma_days);
    case OPT_STORY_WINDOW: return parse_double(cmd, "--window", arg, 0.001, 36500, &o->window_days);
    case OPT_STORY_WEIGHTS: return parse_weights(cmd, arg, o);
    case OPT_STORY_CENTROID:
        if (!parse_unsigned(cmd, "--centroid-terms", arg, 8, 1u << 20, &u)) return 0;
        o->centroid_terms = (unsigned)u;
        return 1;
    case OPT_STORY_CANDIDATES:
        if (!parse_unsigned(cmd, "--candidates", arg, 1, 1u << 16, &u)) return 0;
        o->candidates = (unsigned)u;
        return 1;
    case OPT_STORY_LEARNED: o->learned = 1; return 1;
    default: return -1;
    }
}

static int pool_add(story_corpus *r, const char *p, size_t len, size_t *off)
{
    if (r->pool_len + len > r->pool_cap) {
        size_t cap = r->pool_cap ? r->pool_cap : 1 << 20;
        while (cap < r->pool_len + len) cap *= 2;
        char *q = realloc(r->pool, cap);
        if (!q) return 0;
        r->pool = q;
        r->pool_cap = cap;
    }
    if (len) memcpy(r->pool + r->pool_len, p, len);
    *off = r->pool_len;
    r->pool_len += len;
    return 1;
}

/* article_fn of read_corpus(): keep an owned copy and its ordering key. */
static int keep_article(void *p, const concord_article *a)
{
    story_corpus *r = p;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 1024;
        story_doc *d = realloc(r->docs, cap * sizeof *d);
        if (!d) goto nomem;
        r->docs = d;
        r->cap = cap;
    }
    story_doc *d = &r->docs[r->n];
    memset(d, 0, sizeof *d);
    d->input = r->n;
    d->id_len = a->id_len;
    d->text_len = a->text_len;
    d->title_len = a->title_len;
    d->date_len = a->date_len;
    d->source_len = a->source_len;
    if (!pool_add(r, a->id, a->id_len, &d->id) || !pool_add(r, a->text, a->text_len, &d->text) ||
        !pool_add(r, a->title, a->title_len, &d->title) ||
        !pool_add(r, a->date, a->date_len, &d->date) ||
        !pool_add(r, a->source, a->source_len, &d->source))
        goto nomem;
    char iso[sizeof d->key];
    size_t n = a->date_len ? concord_date_iso(a->date, a->date_len, iso, sizeof iso - 1) : 0;
    if (n) {
        iso[n] = 0;
        memcpy(r->last_key, iso, n + 1);
    }
    memcpy(d->key, r->last_key, sizeof d->key);
    r->n++;
    return 0;
nomem:
    fprintf(stderr, "concord %s: %s\n", r->cmd, concord_strerror(CONCORD_ERR_NOMEM));
    r->failed = 1;
    return 1;
}

int story_corpus_read(const char *cmd, char **paths, int npaths, const corpus_options *co,
                      story_corpus *r, input_stats *in)
{
    memset(r, 0, sizeof *r);
    r->cmd = cmd;
    read_corpus(cmd, paths, npaths, co, keep_article, r, in);
    if (r->failed) return 0;
    if (in->inputs_failed == corpus_input_count(npaths, co)) {
        fprintf(stderr, "concord %s: no input could be read\n", cmd);
        return 0;
    }
    return 1;
}

/* Date order; equal keys (and undated articles after their predecessor)
   keep input order. */
static int by_key(const void *pa, const void *pb)
{
    const story_doc *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    if (c) return c;
    return (a->input > b->input) - (a->input < b->input);
}

static int by_input(const void *pa, const void *pb)
{
    const story_doc *a = pa, *b = pb;
    return (a->input > b->input) - (a->input < b->input);
}

int story_corpus_cluster(story_corpus *r, concord_stories *s)
{
    free(r->added);
    r->added = malloc((r->n ? r->n : 1) * sizeof *r->added);
    if (!r->added) {
        fprintf(stderr, "concord %s: %s\n", r->cmd, concord_strerror(CONCORD_ERR_NOMEM));
        return 1;
    }
    qsort(r->docs, r->n, sizeof *r->docs, by_key);
    for (size_t i = 0; i < r->n; i++) {
        story_doc *d = &r->docs[i];
        concord_doc_meta meta = {r->pool + d->date, d->date_len, r->pool + d->title, d->title_len,
                                 r->pool + d->source, d->source_len};
        concord_status st = concord_stories_add(s, r->pool + d->id, d->id_len, r->pool + d->text,
                                                d->text_len, &meta, NULL);
        if (st) {
            fprintf(stderr, "concord %s: %.*s: %s\n", r->cmd, (int)d->id_len, r->pool + d->id,
                    concord_strerror(st));
            return 1;
        }
    }
    /* The engine numbers articles in add order (= date order here). */
    for (size_t i = 0; i < r->n; i++) {
        r->docs[i].story = concord_stories_article_story(s, i);
        r->added[i] = r->docs[i].input;
    }
    qsort(r->docs, r->n, sizeof *r->docs, by_input);
    return 0;
}

void story_corpus_free(story_corpus *r)
{
    free(r->docs);
    free(r->pool);
    free(r->added);
    memset(r, 0, sizeof *r);
}
