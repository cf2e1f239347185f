/* report_story.c - one story's detail: consolidate its articles with
   concord_view and write the summary, timeline, sources, claims, quotes and
   numeric conflicts (the side-by-side views are report_pairs.c's). */
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* The corpus doc of view article i (articles are added in member order). */
static const story_doc *doc_of(const report_ctx *c, const report_story *s, size_t i)
{
    return &c->corpus->docs[s->members[i]];
}

static void text_of(FILE *f, const report_ctx *c, const char *p, size_t len)
{
    html_text_capped(f, p, len, c->opt->snippet_cap);
}

/* A link to the article's timeline row, named by its id. */
static void article_link(FILE *f, const report_ctx *c, size_t anchor, size_t article)
{
    const concord_view_article *a = concord_view_article_get(c->view, article);
    fprintf(f, "<a class=\"id\" href=\"#s%zu-a%zu\">", anchor, article);
    text_of(f, c, a->id, a->id_len);
    fputs("</a>", f);
}

static void source_name(FILE *f, const report_ctx *c, size_t article)
{
    const concord_view_article *a = concord_view_article_get(c->view, article);
    if (a->source_len) text_of(f, c, a->source, a->source_len);
    else fputs("<span class=\"note\">(no source)</span>", f);
}

static void span_text(FILE *f, const report_ctx *c, const concord_view_span *sp)
{
    size_t len;
    const char *t = concord_view_text(c->view, sp->article, &len);
    text_of(f, c, t + sp->start, sp->end - sp->start);
}

static void claim_text(FILE *f, const report_ctx *c, const concord_claim_sentence *cs)
{
    concord_view_span sp = {cs->article, cs->start, cs->end};
    span_text(f, c, &sp);
}

static void write_summary(FILE *f, const report_ctx *c)
{
    size_t n;
    const size_t *sum = concord_view_summary(c->view, &n);
    fputs("<details open><summary>Summary</summary>\n", f);
    if (!n) fputs("<p class=\"note\">No summary (no claim).</p>\n", f);
    else fputs("<ol class=\"summary\">\n", f);
    for (size_t i = 0; i < n; i++) {
        const concord_claim *cl = concord_view_claim(c->view, sum[i]);
        fputs("<li>", f);
        claim_text(f, c, &cl->sentences[cl->representative]);
        fprintf(f, " <span class=\"note\">(%zu source%s)</span></li>\n", cl->support,
                cl->support == 1 ? "" : "s");
    }
    if (n) fputs("</ol>\n", f);
    fputs("</details>\n", f);
}

static void write_timeline(FILE *f, const report_ctx *c, const report_story *s)
{
    size_t n;
    const size_t *order = concord_view_timeline(c->view, &n);
    fprintf(f, "<details open><summary>Timeline (%zu article%s)</summary>\n<table class=\"timeline\">\n"
               "<tr><th>Date</th><th>Source</th><th>Article</th><th>Family</th><th>Relation</th></tr>\n",
            n, n == 1 ? "" : "s");
    for (size_t t = 0; t < n; t++) {
        size_t i = order[t];
        const concord_view_article *a = concord_view_article_get(c->view, i);
        const story_doc *d = doc_of(c, s, i);
        fprintf(f, "<tr id=\"s%zu-a%zu\"><td class=\"date\">", s->detail, i);
        text_of(f, c, a->date, a->date_len);
        fputs("</td><td>", f);
        source_name(f, c, i);
        fputs("</td><td><span class=\"id\">", f);
        text_of(f, c, a->id, a->id_len);
        fputs("</span> ", f);
        text_of(f, c, c->corpus->pool + d->title, d->title_len);
        fprintf(f, "</td><td class=\"n\">F%zu</td><td>", a->family + 1);
        if (a->origin == i) {
            fputs("origin", f);
        } else {
            fprintf(f, "%s of ", concord_reuse_name(a->relation));
            article_link(f, c, s->detail, a->origin);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n</details>\n", f);
}

/* Families: each origin and the articles that reuse it, in timeline order. */
static void write_sources(FILE *f, const report_ctx *c, const report_story *s)
{
    size_t n, fams = concord_view_family_count(c->view);
    const size_t *order = concord_view_timeline(c->view, &n);
    fprintf(f, "<details open><summary>Sources: %zu independent of %zu article%s</summary>\n"
               "<p class=\"note\">A family is an origin and the articles that copy, excerpt, "
               "spin or paraphrase it; it counts once as a source.</p>\n<ul class=\"families\">\n",
            fams, n, n == 1 ? "" : "s");
    for (size_t t = 0; t < n; t++) {
        size_t i = order[t];
        const concord_view_article *a = concord_view_article_get(c->view, i);
        if (a->origin != i) continue;
        fprintf(f, "<li><b>F%zu</b> ", a->family + 1);
        source_name(f, c, i);
        fputs(": origin ", f);
        article_link(f, c, s->detail, i);
        size_t reused = 0;
        for (size_t u = 0; u < n; u++) {
            const concord_view_article *b = concord_view_article_get(c->view, order[u]);
            if (b->origin != i || order[u] == i) continue;
            fputs(reused++ ? ", " : "; reused by ", f);
            article_link(f, c, s->detail, order[u]);
            fprintf(f, " (%s, ", concord_reuse_name(b->relation));
            source_name(f, c, order[u]);
            fputs(")", f);
        }
        fputs("</li>\n", f);
    }
    fputs("</ul>\n</details>\n", f);
}

/* The claims of support >= min_support, most supported first. */
static void write_claims(FILE *f, const report_ctx *c, const report_story *s)
{
    size_t total = 0, count = concord_view_claim_count(c->view);
    while (total < count && concord_view_claim(c->view, total)->support >= c->opt->min_support)
        total++; /* sorted by support */
    size_t shown = total < c->opt->max_claims ? total : c->opt->max_claims;
    fprintf(f, "<details open><summary>Claims: %zu stated by %zu or more sources</summary>\n",
            total, c->opt->min_support);
    if (shown < total)
        fprintf(f, "<p class=\"note\">The %zu best supported are shown.</p>\n", shown);
    if (!shown) {
        fputs("<p class=\"note\">None.</p>\n</details>\n", f);
        return;
    }
    fputs("<table class=\"claims\">\n<tr><th class=\"n\">Support</th><th>Claim</th>"
          "<th>Stated by</th></tr>\n", f);
    for (size_t k = 0; k < shown; k++) {
        const concord_claim *cl = concord_view_claim(c->view, k);
        fprintf(f, "<tr><td class=\"n support\" title=\"independent sources\">%zu</td><td>",
                cl->support);
        claim_text(f, c, &cl->sentences[cl->representative]);
        fputs("</td><td>", f);
        /* Sentences are in article order: one entry per article. */
        size_t listed = 0, last = (size_t)-1;
        for (size_t i = 0; i < cl->sentence_count; i++) {
            size_t art = cl->sentences[i].article;
            if (art == last) continue;
            last = art;
            if (listed == 12) {
                fputs(", &hellip;", f);
                break;
            }
            if (listed++) fputs(", ", f);
            source_name(f, c, art);
            fputs(" (", f);
            article_link(f, c, s->detail, art);
            fputs(")", f);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n</details>\n", f);
}

static void speaker_of(FILE *f, const report_ctx *c, const concord_view_quote *q)
{
    if (q->speaker.end > q->speaker.start) span_text(f, c, &q->speaker);
    else fputs("<span class=\"note\">unknown</span>", f);
}

static void write_quotes(FILE *f, const report_ctx *c, const report_story *s)
{
    size_t groups = concord_view_quote_group_count(c->view);
    size_t shown = groups < c->opt->max_quotes ? groups : c->opt->max_quotes;
    fprintf(f, "<details open><summary>Quotes: %zu quoted by more than one article</summary>\n",
            groups);
    if (shown < groups)
        fprintf(f, "<p class=\"note\">The %zu largest groups are shown.</p>\n", shown);
    if (!shown) {
        fputs("<p class=\"note\">None.</p>\n</details>\n", f);
        return;
    }
    fputs("<table class=\"quotes\">\n<tr><th class=\"n\">Support</th><th>Quote</th>"
          "<th>Speaker</th><th>Variants</th></tr>\n", f);
    for (size_t g = 0; g < shown; g++) {
        size_t n, support, longest = 0, named;
        const concord_view_quote *q = concord_view_quote_group(c->view, g, &n, &support);
        for (size_t i = 1; i < n; i++)
            if (q[i].quote.end - q[i].quote.start > q[longest].quote.end - q[longest].quote.start)
                longest = i;
        named = longest;
        for (size_t i = 0; i < n && q[named].speaker.end == q[named].speaker.start; i++)
            named = i; /* prefer a variant whose speaker is known */
        fprintf(f, "<tr><td class=\"n support\" title=\"independent sources\">%zu</td><td><q>",
                support);
        span_text(f, c, &q[longest].quote);
        fputs("</q></td><td>", f);
        speaker_of(f, c, &q[named]);
        fputs("</td><td><ul>", f);
        for (size_t i = 0; i < n; i++) {
            fputs("<li>", f);
            article_link(f, c, s->detail, q[i].quote.article);
            fputs(": <q>", f);
            span_text(f, c, &q[i].quote);
            fputs("</q> &mdash; ", f);
            speaker_of(f, c, &q[i]);
            fputs("</li>", f);
        }
        fputs("</ul></td></tr>\n", f);
    }
    fputs("</table>\n</details>\n", f);
}

static void write_number(FILE *f, const report_ctx *c, const report_story *s,
                         const concord_view_span *sp, double value)
{
    fputs("<td>", f);
    span_text(f, c, sp);
    fprintf(f, " <span class=\"note\">(= %.6g)</span></td><td>", value);
    article_link(f, c, s->detail, sp->article);
    fputs(", ", f);
    source_name(f, c, sp->article);
    fputs("</td>", f);
}

static void write_conflicts(FILE *f, const report_ctx *c, const report_story *s)
{
    size_t n = concord_view_conflict_count(c->view);
    size_t shown = n < c->opt->max_conflicts ? n : c->opt->max_conflicts;
    fprintf(f, "<details open><summary>Numeric conflicts: %zu</summary>\n", n);
    if (shown < n) fprintf(f, "<p class=\"note\">The first %zu are shown.</p>\n", shown);
    if (!shown) {
        fputs("<p class=\"note\">None: the sources give no different numbers for the same "
              "quantity.</p>\n</details>\n", f);
        return;
    }
    fputs("<table class=\"conflicts\">\n<tr><th>Unit</th><th>One source says</th><th>In</th>"
          "<th>Another says</th><th>In</th></tr>\n", f);
    for (size_t i = 0; i < shown; i++) {
        const concord_conflict *k = concord_view_conflict(c->view, i);
        fputs("<tr><td>", f);
        text_of(f, c, k->unit, k->unit_len);
        fputs("</td>", f);
        write_number(f, c, s, &k->a, k->a_value);
        write_number(f, c, s, &k->b, k->b_value);
        fputs("</tr>\n", f);
    }
    fputs("</table>\n</details>\n", f);
}

static void write_heading(FILE *f, const report_ctx *c, const report_story *s)
{
    fprintf(f, "<section class=\"story\" id=\"s%zu\">\n<h2>Story %llu: ", s->detail,
            (unsigned long long)s->id);
    if (s->title_len) text_of(f, c, s->title, s->title_len);
    else fputs("(untitled)", f);
    fputs("</h2>\n<p class=\"meta\">", f);
    if (s->first_seen_len) {
        text_of(f, c, s->first_seen, s->first_seen_len);
        fputs(" &ndash; ", f);
        text_of(f, c, s->last_seen, s->last_seen_len);
        fputs(" &middot; ", f);
    }
    fprintf(f, "%zu articles &middot; %zu independent source%s &middot; %zu outlet%s &middot; "
               "<a href=\"#stories\">back to the list</a></p>\n",
            s->member_count, s->families, s->families == 1 ? "" : "s", s->outlets,
            s->outlets == 1 ? "" : "s");
}

concord_status report_story_consolidate(report_ctx *c, report_story *s)
{
    concord_view_reset(c->view);
    concord_status st;
    for (size_t i = 0; i < s->member_count; i++) {
        const story_doc *d = doc_of(c, s, i);
        const char *pool = c->corpus->pool;
        concord_doc_meta m = {pool + d->date, d->date_len, pool + d->title, d->title_len,
                              pool + d->source, d->source_len};
        if ((st = concord_view_add(c->view, pool + d->id, d->id_len, pool + d->text, d->text_len,
                                   &m)))
            return st;
    }
    if ((st = concord_view_run(c->view))) return st;
    s->families = concord_view_family_count(c->view);
    return CONCORD_OK;
}

concord_status report_story_write(FILE *f, report_ctx *c, const report_story *s)
{
    write_heading(f, c, s);
    write_summary(f, c);
    write_timeline(f, c, s);
    write_sources(f, c, s);
    write_claims(f, c, s);
    write_quotes(f, c, s);
    write_conflicts(f, c, s);
    concord_status st = report_pairs_write(f, c, s->detail);
    fputs("</section>\n", f);
    return st;
}
