/* report_pairs.c - side-by-side views: two articles of a story with the
   passages they share (concord_align) highlighted as <mark>s. */
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* Without reuse in a story, the best-aligned pair is sought among this many
   first articles of the timeline (at most 15 alignments). */
enum { BEST_PAIR_WINDOW = 6 };

typedef struct mark_span {
    size_t start, end;
    size_t number; /* passage number, from 1, in the order of the left text */
    concord_passage_kind kind;
} mark_span;

static int by_start(const void *pa, const void *pb)
{
    const mark_span *a = pa, *b = pb;
    return (a->start > b->start) - (a->start < b->start);
}

/* The article's text cut at text_cap bytes (on a character boundary). */
static const char *capped_text(const report_ctx *c, size_t article, size_t *len, int *cut)
{
    size_t n;
    const char *t = concord_view_text(c->view, article, &n);
    *len = utf8_floor(t, n, n < c->opt->text_cap ? n : c->opt->text_cap);
    *cut = *len < n;
    return t;
}

static concord_status align_pair(report_ctx *c, size_t a, size_t b, double *coverage)
{
    size_t la, lb;
    int cut;
    const char *ta = capped_text(c, a, &la, &cut), *tb = capped_text(c, b, &lb, &cut);
    concord_status st = concord_align(c->aligner, ta, la, tb, lb);
    if (st) return st;
    double ca, cb;
    concord_align_coverage(c->aligner, &ca, &cb);
    *coverage = ca + cb;
    return CONCORD_OK;
}

/* text[0..len) with the spans (sorted, not overlapping) as <mark>s. */
static void write_marked(FILE *f, const char *text, size_t len, const mark_span *m, size_t n)
{
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        size_t s = m[i].start < len ? m[i].start : len, e = m[i].end < len ? m[i].end : len;
        if (s < pos || e <= s) continue; /* defensive: spans are sorted and disjoint */
        html_text(f, text + pos, s - pos);
        const char *kind = concord_passage_kind_name(m[i].kind);
        fprintf(f, "<mark class=\"%s\" title=\"passage %zu: %s\"><sup class=\"pn\">%zu</sup>",
                kind, m[i].number, kind, m[i].number);
        html_text(f, text + s, e - s);
        fputs("</mark>", f);
        pos = e;
    }
    html_text(f, text + pos, len - pos);
}

static void write_side(FILE *f, const report_ctx *c, size_t anchor, size_t article,
                       const mark_span *m, size_t n, double coverage)
{
    const concord_view_article *a = concord_view_article_get(c->view, article);
    size_t len;
    int cut;
    const char *t = capped_text(c, article, &len, &cut);
    fprintf(f, "<div class=\"side\">\n<h3><a class=\"id\" href=\"#s%zu-a%zu\">", anchor, article);
    html_text_capped(f, a->id, a->id_len, c->opt->snippet_cap);
    fputs("</a></h3>\n<p class=\"meta\">", f);
    if (a->source_len) html_text_capped(f, a->source, a->source_len, c->opt->snippet_cap);
    else fputs("(no source)", f);
    if (a->date_len) {
        fputs(" &middot; ", f);
        html_text_capped(f, a->date, a->date_len, c->opt->snippet_cap);
    }
    if (a->origin == article) fputs(" &middot; origin", f);
    else fprintf(f, " &middot; %s", concord_reuse_name(a->relation));
    fprintf(f, " &middot; %.0f%% of its words in shared passages", 100.0 * coverage);
    if (cut) fprintf(f, " &middot; first %zu bytes shown", len);
    fputs("</p>\n<div class=\"text\">", f);
    write_marked(f, t, len, m, n);
    fputs("</div>\n</div>\n", f);
}

/* Align a with b again and write them side by side. */
static concord_status write_pair(FILE *f, report_ctx *c, size_t anchor, size_t a, size_t b)
{
    double cov;
    concord_status st = align_pair(c, a, b, &cov);
    if (st) return st;
    size_t n = concord_align_count(c->aligner);
    mark_span *ma = malloc((2 * n + 1) * sizeof *ma), *mb = ma + n;
    if (!ma) return CONCORD_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const concord_passage *p = concord_align_passage(c->aligner, i); /* by a_start */
        ma[i] = (mark_span){p->a_start, p->a_end, i + 1, p->kind};
        mb[i] = (mark_span){p->b_start, p->b_end, i + 1, p->kind};
    }
    qsort(mb, n, sizeof *mb, by_start);
    double ca, cb;
    concord_align_coverage(c->aligner, &ca, &cb);
    fprintf(f, "<p>%zu shared passage%s.</p>\n<div class=\"pair\">\n", n, n == 1 ? "" : "s");
    write_side(f, c, anchor, a, ma, n, ca);
    write_side(f, c, anchor, b, mb, n, cb);
    fputs("</div>\n", f);
    free(ma);
    return CONCORD_OK;
}

concord_status report_pairs_write(FILE *f, report_ctx *c, size_t anchor)
{
    size_t n;
    const size_t *order = concord_view_timeline(c->view, &n);
    size_t reuses = 0;
    for (size_t t = 0; t < n; t++)
        reuses += concord_view_article_get(c->view, order[t])->origin != order[t];
    fputs("<details open><summary>Side by side</summary>\n<p class=\"note\">Shared passages "
          "are marked and numbered alike on both sides: <mark>verbatim</mark>, "
          "<mark class=\"edited\">edited</mark>, <mark class=\"spun\">spun</mark>.", f);
    fprintf(f, " Each text is cut at %zu bytes.", c->opt->text_cap);
    concord_status st = CONCORD_OK;
    if (reuses) {
        size_t shown = reuses < c->opt->max_pairs ? reuses : c->opt->max_pairs;
        fprintf(f, " Each article that reuses another is shown next to its origin (%zu of %zu "
                   "shown).</p>\n", shown, reuses);
        for (size_t t = 0, done = 0; t < n && done < shown && !st; t++) {
            const concord_view_article *a = concord_view_article_get(c->view, order[t]);
            if (a->origin == order[t]) continue;
            st = write_pair(f, c, anchor, a->origin, order[t]);
            done++;
        }
    } else {
        /* No reuse: the pair of the first articles that shares the most. */
        size_t w = n < BEST_PAIR_WINDOW ? n : BEST_PAIR_WINDOW, best_a = 0, best_b = 0;
        double best = 0;
        for (size_t i = 0; i < w && !st; i++)
            for (size_t j = i + 1; j < w && !st; j++) {
                double cov = 0;
                st = align_pair(c, order[i], order[j], &cov);
                if (!st && concord_align_count(c->aligner) && cov > best) {
                    best = cov;
                    best_a = order[i], best_b = order[j];
                }
            }
        fprintf(f, " No article reuses another; the best-aligned pair of the first %zu "
                   "articles of the timeline is shown.</p>\n", w);
        if (!st && best > 0) st = write_pair(f, c, anchor, best_a, best_b);
        else if (!st) fputs("<p class=\"note\">They share no passage.</p>\n", f);
    }
    fputs("</details>\n", f);
    return st;
}
