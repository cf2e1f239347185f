/* view_output.c - the consolidated view of one story as JSON lines
   (concord story, concord stories --consolidate). */
#include <stdint.h>
#include <stdio.h>

#include "cli.h"

/* The story the lines being written belong to; < 0: none (no field). */
static long long line_story = -1;

/* Start a line: {"type":TYPE and, inside a story listing, "story":N. */
static void open_line(const char *type)
{
    printf("{\"type\":\"%s\"", type);
    if (line_story >= 0) printf(",\"story\":%lld", line_story);
}

static void write_id(const concord_view *v, size_t article)
{
    const concord_view_article *a = concord_view_article_get(v, article);
    json_write_string(stdout, a->id, a->id_len);
}

static void write_or_null(const char *s, size_t len)
{
    if (len) json_write_string(stdout, s, len);
    else fputs("null", stdout);
}

static void write_text(const concord_view *v, size_t article, size_t start, size_t end)
{
    size_t len;
    const char *text = concord_view_text(v, article, &len);
    json_write_string(stdout, text + start, end - start);
}

static void write_span_text(const concord_view *v, const concord_view_span *s)
{
    write_text(v, s->article, s->start, s->end);
}

static void write_sentence_text(const concord_view *v, const concord_claim_sentence *s)
{
    write_text(v, s->article, s->start, s->end);
}

static void write_sources(const concord_view *v)
{
    size_t n;
    const size_t *order = concord_view_timeline(v, &n);
    for (size_t t = 0; t < n; t++) {
        const concord_view_article *a = concord_view_article_get(v, order[t]);
        open_line("source");
        fputs(",\"id\":", stdout);
        json_write_string(stdout, a->id, a->id_len);
        fputs(",\"date\":", stdout);
        write_or_null(a->date, a->date_len);
        fputs(",\"source\":", stdout);
        write_or_null(a->source, a->source_len);
        printf(",\"family\":%zu,\"origin\":", a->family);
        write_id(v, a->origin);
        fputs(",\"relation\":", stdout);
        if (a->origin == order[t]) fputs("null", stdout);
        else printf("\"%s\"", concord_reuse_name(a->relation));
        fputs("}\n", stdout);
    }
}

static size_t write_claims(const concord_view *v, size_t min_support)
{
    size_t printed = 0;
    for (size_t c = 0; c < concord_view_claim_count(v); c++) {
        const concord_claim *cl = concord_view_claim(v, c);
        if (cl->support < min_support) break; /* sorted by support */
        open_line("claim");
        printf(",\"support\":%zu,\"centrality\":%.4f,\"text\":", cl->support, cl->centrality);
        write_sentence_text(v, &cl->sentences[cl->representative]);
        fputs(",\"sentences\":[", stdout);
        for (size_t i = 0; i < cl->sentence_count; i++) {
            const concord_claim_sentence *s = &cl->sentences[i];
            fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
            write_id(v, s->article);
            printf(",\"start\":%zu,\"end\":%zu,\"clause\":[%zu,%zu]}", s->start, s->end,
                   s->clause_start, s->clause_end);
        }
        fputs("]}\n", stdout);
        printed++;
    }
    return printed;
}

static size_t write_quotes(const concord_view *v, size_t min_support)
{
    size_t printed = 0;
    for (size_t g = 0; g < concord_view_quote_group_count(v); g++) {
        size_t n, support, longest = 0;
        const concord_view_quote *q = concord_view_quote_group(v, g, &n, &support);
        if (support < min_support) continue;
        printed++;
        for (size_t i = 1; i < n; i++)
            if (q[i].quote.end - q[i].quote.start > q[longest].quote.end - q[longest].quote.start)
                longest = i;
        open_line("quote");
        printf(",\"support\":%zu,\"text\":", support);
        write_span_text(v, &q[longest].quote);
        fputs(",\"variants\":[", stdout);
        for (size_t i = 0; i < n; i++) {
            fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
            write_id(v, q[i].quote.article);
            printf(",\"start\":%zu,\"end\":%zu,\"text\":", q[i].quote.start, q[i].quote.end);
            write_span_text(v, &q[i].quote);
            fputs(",\"speaker\":", stdout);
            if (q[i].speaker.end > q[i].speaker.start) write_span_text(v, &q[i].speaker);
            else fputs("null", stdout);
            fputs("}", stdout);
        }
        fputs("]}\n", stdout);
    }
    return printed;
}

static void write_number(const concord_view *v, const concord_view_span *s, double value)
{
    fputs("{\"id\":", stdout);
    write_id(v, s->article);
    printf(",\"start\":%zu,\"end\":%zu,\"text\":", s->start, s->end);
    write_span_text(v, s);
    printf(",\"value\":%.17g}", value);
}

static void write_conflicts(const concord_view *v)
{
    for (size_t i = 0; i < concord_view_conflict_count(v); i++) {
        const concord_conflict *c = concord_view_conflict(v, i);
        open_line("conflict");
        fputs(",\"unit\":", stdout);
        json_write_string(stdout, c->unit, c->unit_len);
        fputs(",\"a\":", stdout);
        write_number(v, &c->a, c->a_value);
        fputs(",\"b\":", stdout);
        write_number(v, &c->b, c->b_value);
        fputs("}\n", stdout);
    }
}

static void write_summary(const concord_view *v)
{
    size_t n;
    const size_t *s = concord_view_summary(v, &n);
    open_line("summary");
    fputs(",\"sentences\":[", stdout);
    for (size_t i = 0; i < n; i++) {
        const concord_claim *cl = concord_view_claim(v, s[i]);
        if (i) fputc(',', stdout);
        write_sentence_text(v, &cl->sentences[cl->representative]);
    }
    fputs("]}\n", stdout);
}

void view_write(const concord_view *v, size_t min_support, long long story, view_counts *counts)
{
    line_story = story;
    write_sources(v);
    counts->claims = write_claims(v, min_support);
    counts->quotes = write_quotes(v, min_support);
    write_conflicts(v);
    write_summary(v);
    open_line("story_view");
    printf(",\"articles\":%zu,\"sources\":%zu,\"claims\":%zu,\"quotes\":%zu,\"conflicts\":%zu}\n",
           concord_view_article_count(v), concord_view_family_count(v), counts->claims,
           counts->quotes, concord_view_conflict_count(v));
    line_story = -1;
}

int view_open(const char *cmd, const char *wordnet, int synonyms, const concord_view_options *options,
              concord_lexicon **lex, concord_view **view)
{
    *lex = NULL;
    *view = NULL;
    if (synonyms) {
        char msg[512];
        if (concord_lexicon_create(lex, wordnet, msg, sizeof msg)) {
            fprintf(stderr, "concord %s: %s\n", cmd, msg);
            if (wordnet) return 1;
            fprintf(stderr, "concord %s: warning: no synonyms\n", cmd);
        }
    }
    concord_status st = concord_view_create(view, *lex, options);
    if (st) {
        fprintf(stderr, "concord %s: %s\n", cmd, concord_strerror(st));
        concord_lexicon_free(*lex);
        *lex = NULL;
        return 1;
    }
    return 0;
}
