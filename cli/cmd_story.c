/* cmd_story.c - `concord story`: the consolidated view of one story. */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CMD "concord story"

static const char story_usage[] =
    "Usage: concord story [OPTIONS] INPUT...\n"
    "\n"
    "Consolidate the articles of INPUT... as ONE story: which articles are\n"
    "independent sources and which reuse another (copies, excerpts, spins and\n"
    "paraphrases collapse onto their origin), the claims the sources share\n"
    "with how many independent sources support each, the quotations and their\n"
    "variants, numbers the sources disagree on, the timeline, and an\n"
    "extractive summary. Writes one JSON object a line to stdout:\n"
    "  {\"type\":\"source\",\"id\":ID,\"date\":D|null,\"source\":S|null,\"family\":F,\n"
    "   \"origin\":ID,\"relation\":R|null}   each article, in timeline order (R: how\n"
    "                                     it reuses its origin; null for origins)\n"
    "  {\"type\":\"claim\",\"support\":N,\"centrality\":C,\"text\":\"...\",\n"
    "   \"sentences\":[{\"id\":ID,\"start\":S,\"end\":E,\"clause\":[S,E]},...]}\n"
    "                                     claims of support >= --min-support\n"
    "  {\"type\":\"quote\",\"support\":N,\"text\":\"...\",\"variants\":[{\"id\":ID,\n"
    "   \"start\":S,\"end\":E,\"text\":\"...\",\"speaker\":\"...\"|null},...]}\n"
    "  {\"type\":\"conflict\",\"unit\":U,\"a\":{\"id\":ID,\"start\":S,\"end\":E,\n"
    "   \"text\":\"...\",\"value\":V},\"b\":{...}}\n"
    "  {\"type\":\"summary\",\"sentences\":[\"...\",...]}\n"
    "  {\"type\":\"story_view\",\"articles\":N,\"sources\":F,\"claims\":C,\n"
    "   \"quotes\":Q,\"conflicts\":K}      last\n"
    "\n"
    "start/end are byte offsets into the article text. Claims are matched\n"
    "clause by clause: \"clause\" is the part of the sentence that states the\n"
    "claim. A claim's text is its most representative sentence; support counts\n"
    "independent sources.\n"
    "See docs/view.md for the rules.\n"
    "\n"
    "Options:\n"
    "  -t, --threshold F     weighted cosine for two clauses to state one claim\n"
    "                        (default 0.30, in (0, 1])\n"
    "      --min-support N   claims and quotes printed: supported by N sources\n"
    "                        or more (default 2; 1 prints every clause)\n"
    "      --summary-sentences N  claims in the summary (default 5)\n"
    "      --wordnet DIR     WordNet dict directory (default: $CONCORD_WORDNET_DIR,\n"
    "                        else the system's)\n"
    "      --no-synonyms     no WordNet lexicon (stems only)\n"
    INPUT_OPTIONS_HELP
    "      --strict          exit 1 if any record or file was skipped\n"
    "  -q, --quiet           no closing summary on stderr\n"
    "  -h, --help            this text\n"
    "\n"
    "Exit status: 0 success, 1 --strict and something was skipped,\n"
    "2 usage error or no input readable.\n";

typedef struct story_ctx {
    concord_view *view;
    concord_status failed;
} story_ctx;

static int add_article(void *p, const concord_article *a)
{
    story_ctx *c = p;
    concord_doc_meta m = {a->date, a->date_len, a->title, a->title_len, a->source, a->source_len};
    concord_status st = concord_view_add(c->view, a->id, a->id_len, a->text, a->text_len, &m);
    if (st != CONCORD_OK) {
        c->failed = st;
        return 1;
    }
    return 0;
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
        fputs("{\"type\":\"source\",\"id\":", stdout);
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
        printf("{\"type\":\"claim\",\"support\":%zu,\"centrality\":%.4f,\"text\":", cl->support,
               cl->centrality);
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
        printf("{\"type\":\"quote\",\"support\":%zu,\"text\":", support);
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
        fputs("{\"type\":\"conflict\",\"unit\":", stdout);
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
    fputs("{\"type\":\"summary\",\"sentences\":[", stdout);
    for (size_t i = 0; i < n; i++) {
        const concord_claim *cl = concord_view_claim(v, s[i]);
        if (i) fputc(',', stdout);
        write_sentence_text(v, &cl->sentences[cl->representative]);
    }
    fputs("]}\n", stdout);
}

int cmd_story(int argc, char **argv)
{
    enum { O_MIN_SUPPORT = 0x2000, O_SUMMARY, O_WORDNET, O_NO_SYNONYMS };
    static const struct option longopts[] = {
        {"threshold", required_argument, NULL, 't'},
        {"min-support", required_argument, NULL, O_MIN_SUPPORT},
        {"summary-sentences", required_argument, NULL, O_SUMMARY},
        {"wordnet", required_argument, NULL, O_WORDNET},
        {"no-synonyms", no_argument, NULL, O_NO_SYNONYMS},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        INPUT_LONG_OPTIONS,
        {NULL, 0, NULL, 0}};
    concord_view_options vo;
    concord_view_options_init(&vo);
    concord_reader_options ropt;
    concord_reader_options_init(&ropt);
    unsigned long min_support = 2, summary = vo.summary_sentences;
    const char *wordnet = NULL;
    int synonyms = 1, strict = 0, quiet = 0, c, r;
    while ((c = getopt_long(argc, argv, "t:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 't':
            if (!parse_double("story", "threshold", optarg, 1e-9, 1, &vo.claim_threshold))
                return EXIT_USAGE;
            break;
        case O_MIN_SUPPORT:
            if (!parse_unsigned("story", "min-support", optarg, 1, 1000000, &min_support))
                return EXIT_USAGE;
            break;
        case O_SUMMARY:
            if (!parse_unsigned("story", "summary-sentences", optarg, 0, 1000, &summary))
                return EXIT_USAGE;
            break;
        case O_WORDNET: wordnet = optarg; break;
        case O_NO_SYNONYMS: synonyms = 0; break;
        case OPT_STRICT: strict = 1; break;
        case 'q': quiet = 1; break;
        case 'h': fputs(story_usage, stdout); return EXIT_OK;
        default:
            if ((r = input_option("story", c, optarg, &ropt)) == 1) break;
            if (r == 0) fputs(CMD ": try 'concord story --help'\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (!have_inputs("story", argc - optind)) return EXIT_USAGE;
    vo.summary_sentences = summary;

    int rc = EXIT_USAGE;
    concord_lexicon *lex = NULL;
    story_ctx ctx = {0};
    concord_status st;
    if (synonyms) {
        char msg[512];
        if (concord_lexicon_create(&lex, wordnet, msg, sizeof msg)) {
            fprintf(stderr, CMD ": %s\n", msg);
            if (wordnet) goto done;
            fputs(CMD ": warning: no synonyms\n", stderr);
        }
    }
    if ((st = concord_view_create(&ctx.view, lex, &vo))) {
        fprintf(stderr, CMD ": %s\n", concord_strerror(st));
        goto done;
    }
    input_stats in;
    read_inputs("story", argv + optind, argc - optind, &ropt, 0, add_article, &ctx, &in);
    if (ctx.failed) {
        fprintf(stderr, CMD ": %s\n", concord_strerror(ctx.failed));
        goto done;
    }
    if (in.articles == 0) {
        fputs(CMD ": no article could be read\n", stderr);
        goto done;
    }
    double t0 = now_seconds();
    if ((st = concord_view_run(ctx.view))) {
        fprintf(stderr, CMD ": %s\n", concord_strerror(st));
        goto done;
    }
    write_sources(ctx.view);
    size_t claims = write_claims(ctx.view, min_support);
    size_t quotes = write_quotes(ctx.view, min_support);
    write_conflicts(ctx.view);
    write_summary(ctx.view);
    printf("{\"type\":\"story_view\",\"articles\":%zu,\"sources\":%zu,\"claims\":%zu,"
           "\"quotes\":%zu,\"conflicts\":%zu}\n",
           concord_view_article_count(ctx.view), concord_view_family_count(ctx.view), claims,
           quotes, concord_view_conflict_count(ctx.view));
    if (fflush(stdout) || ferror(stdout)) {
        fputs(CMD ": error writing the output\n", stderr);
        goto done;
    }
    if (!quiet)
        fprintf(stderr,
                CMD ": %zu articles (%zu skipped), %zu independent sources, %zu claims of "
                "support >= %lu, %zu quotes, %zu conflicts, %.2f s\n",
                in.articles, in.skipped, concord_view_family_count(ctx.view), claims, min_support,
                quotes, concord_view_conflict_count(ctx.view),
                in.seconds + now_seconds() - t0);
    rc = strict && (in.skipped || in.inputs_failed) ? EXIT_SKIPPED : EXIT_OK;
done:
    concord_view_free(ctx.view);
    concord_lexicon_free(lex);
    return rc;
}
