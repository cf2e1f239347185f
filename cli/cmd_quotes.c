/* cmd_quotes.c - `concord quotes`: quotations, their speakers, and the same
   quotation across articles. */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char quotes_usage[] =
    "Usage: concord quotes [OPTIONS] INPUT...\n"
    "\n"
    "List every quotation of every article with its speaker when the text\n"
    "states one, then group the same quotation across articles (punctuation,\n"
    "case, partial quotes and small wording changes allowed).\n"
    "Writes one JSON object a line to stdout:\n"
    "  {\"type\":\"quote\",\"article\":ID,\"start\":S,\"end\":E,\"text\":\"...\",\n"
    "   \"speaker\":\"...\"|null,\"partial\":BOOL}            each quotation\n"
    "  {\"type\":\"quote_group\",\"id\":G,\"members\":[{\"article\":ID,\"start\":S},...],\n"
    "   \"text\":\"...\",\"speakers\":[...]}    each group spanning 2+ articles\n"
    "\n"
    "start/end delimit the quoted words (marks excluded) in the article text;\n"
    "partial is true for a fragment inside a sentence (scare quotes too).\n"
    "A group's text is its longest member; speakers are its members' distinct\n"
    "stated speakers. See docs/quotes.md for the rules.\n"
    "\n"
    "Options:\n"
    "  -t, --threshold F     score needed to join two quotes (default 0.65): 0.5 x\n"
    "                        containment + 0.25 x bigram containment + 0.25 x Dice\n"
    "                        of their word sets, + 0.2 x containment when the\n"
    "                        speakers' surnames match, - 0.2 when they differ;\n"
    "                        copies are grouped whatever F\n"
    "      --min-words N     quotes of fewer words are listed but not grouped\n"
    "                        (default 3)\n"
    "      --no-groups       list quotations only\n"
    "      --offsets UNIT    bytes (default) or chars (Unicode code points)\n"
    "  -f, --format FMT      jsonl (default) or tsv: 'quote ID START END PARTIAL\n"
    "                        SPEAKER TEXT' and 'quote_group G N TEXT SPEAKERS\n"
    "                        ID START ...' rows (SPEAKERS joined by '; ')\n"
    CORPUS_OPTIONS_HELP
    "  -h, --help            this text\n"
    "\n"
    "Exit status: 0 success, 1 --strict and something was skipped,\n"
    "2 usage error or no input readable.\n";

/* A quotation kept for the groups' output. */
typedef struct kept_quote {
    size_t article;          /* index into the article ids */
    size_t start;            /* as printed (bytes or code points) */
    size_t text_off, text_len;     /* in texts */
    size_t speaker_off, speaker_len; /* in texts; speaker_len 0 = none */
    int has_speaker;
} kept_quote;

typedef struct quotes_ctx {
    concord_quotes *quotes;
    concord_quote_groups *groups;
    concord_text *words; /* counts a quote's words for --min-words */
    int tsv, chars, no_groups, failed;
    unsigned long min_words;
    /* article ids, concatenated */
    char *ids;
    size_t ids_len, ids_cap;
    size_t *id_off; /* article i: ids[id_off[i] .. id_off[i+1]) */
    size_t articles, id_off_cap;
    /* texts of grouped quotes and speakers */
    char *texts;
    size_t texts_len, texts_cap;
    kept_quote *kept;
    size_t nkept, kept_cap;
    char *fix; /* scratch for write_text */
    size_t fix_cap;
    /* totals */
    size_t nquotes, with_speaker, partial, unbalanced;
} quotes_ctx;

static int grow(void **p, size_t *cap, size_t need, size_t item)
{
    if (need <= *cap) return 1;
    size_t c = *cap ? *cap : 64;
    while (c < need) c *= 2;
    void *q = realloc(*p, c * item);
    if (!q) return 0;
    *p = q;
    *cap = c;
    return 1;
}

static int append_text(quotes_ctx *ctx, const char *s, size_t len, size_t *off)
{
    if (!grow((void **)&ctx->texts, &ctx->texts_cap, ctx->texts_len + len + 1, 1)) return 0;
    *off = ctx->texts_len;
    if (len) memcpy(ctx->texts + ctx->texts_len, s, len);
    ctx->texts_len += len;
    return 1;
}

/* Text as a JSON string or TSV field; ill-formed UTF-8 is written as
   U+FFFD so that the output is always valid UTF-8. */
static void write_text(quotes_ctx *ctx, const char *s, size_t len, int tsv)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, n;
    while (i < len && (n = utf8_valid_len(u + i, len - i))) i += n;
    if (i < len) { /* rare: repair into a scratch copy */
        size_t need = len * 3 + 1, k = 0;
        if (grow((void **)&ctx->fix, &ctx->fix_cap, need, 1)) {
            for (i = 0; i < len;) {
                if ((n = utf8_valid_len(u + i, len - i))) {
                    memcpy(ctx->fix + k, s + i, n);
                    k += n, i += n;
                } else {
                    memcpy(ctx->fix + k, "\xEF\xBF\xBD", 3);
                    k += 3, i++;
                }
            }
            s = ctx->fix, len = k;
        }
    }
    if (tsv) tsv_write_field(stdout, s, len);
    else json_write_string(stdout, s, len);
}

/* Code points in s[from..to): bytes that do not continue a sequence. */
static size_t count_chars(const char *s, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static void write_id(const quotes_ctx *ctx, size_t article, int tsv)
{
    const char *id = ctx->ids + ctx->id_off[article];
    size_t len = ctx->id_off[article + 1] - ctx->id_off[article];
    if (tsv) tsv_write_field(stdout, id, len);
    else json_write_string(stdout, id, len);
}

/* Words of a quote, for --min-words. */
static size_t word_count(quotes_ctx *ctx, const char *s, size_t len)
{
    if (concord_text_analyse(ctx->words, s, len, 0)) return 0;
    return concord_text_token_count(ctx->words);
}

static int add_article(void *p, const concord_article *a)
{
    quotes_ctx *ctx = p;
    concord_status st = concord_quotes_extract(ctx->quotes, a->text, a->text_len);
    if (st) {
        fprintf(stderr, "concord quotes: %s: %s (article skipped)\n", a->file, concord_strerror(st));
        if (st == CONCORD_ERR_NOMEM) {
            ctx->failed = 1;
            return 1;
        }
        return 0;
    }
    size_t article = ctx->articles;
    if (!grow((void **)&ctx->ids, &ctx->ids_cap, ctx->ids_len + a->id_len, 1) ||
        !grow((void **)&ctx->id_off, &ctx->id_off_cap, article + 2, sizeof *ctx->id_off)) {
        fputs("concord quotes: out of memory\n", stderr);
        ctx->failed = 1;
        return 1;
    }
    if (article == 0) ctx->id_off[0] = 0;
    if (a->id_len) memcpy(ctx->ids + ctx->ids_len, a->id, a->id_len);
    ctx->ids_len += a->id_len;
    ctx->id_off[article + 1] = ctx->ids_len;
    ctx->articles++;

    size_t n = concord_quotes_count(ctx->quotes), pos = 0, cpos = 0;
    for (size_t i = 0; i < n; i++) {
        const concord_quote *q = concord_quotes_get(ctx->quotes, i);
        size_t start = q->start, end = q->end;
        if (ctx->chars) { /* quotes are sorted: one forward pass */
            cpos += count_chars(a->text, pos, q->start);
            start = cpos;
            end = cpos + count_chars(a->text, q->start, q->end);
            cpos = end, pos = q->end;
        }
        int partial = !!(q->flags & CONCORD_QUOTE_PARTIAL);
        int has_spk = q->speaker_end > q->speaker_start;
        const char *spk = a->text + q->speaker_start;
        size_t spk_len = q->speaker_end - q->speaker_start;
        ctx->nquotes++;
        ctx->with_speaker += has_spk;
        ctx->partial += partial;
        ctx->unbalanced += !!(q->flags & CONCORD_QUOTE_UNBALANCED);
        if (ctx->tsv) {
            fputs("quote\t", stdout);
            write_id(ctx, article, 1);
            printf("\t%zu\t%zu\t%d\t", start, end, partial);
            if (has_spk) write_text(ctx, spk, spk_len, 1);
            putchar('\t');
            write_text(ctx, a->text + q->start, q->end - q->start, 1);
            putchar('\n');
        } else {
            fputs("{\"type\":\"quote\",\"article\":", stdout);
            write_id(ctx, article, 0);
            printf(",\"start\":%zu,\"end\":%zu,\"text\":", start, end);
            write_text(ctx, a->text + q->start, q->end - q->start, 0);
            fputs(",\"speaker\":", stdout);
            if (has_spk) write_text(ctx, spk, spk_len, 0);
            else fputs("null", stdout);
            printf(",\"partial\":%s}\n", partial ? "true" : "false");
        }
        if (ctx->no_groups || word_count(ctx, a->text + q->start, q->end - q->start) < ctx->min_words)
            continue;
        kept_quote k = {.article = article, .start = start, .has_speaker = has_spk};
        st = concord_quote_groups_add(ctx->groups, a->text + q->start, q->end - q->start,
                                      has_spk ? spk : NULL, has_spk ? spk_len : 0);
        if (st || !grow((void **)&ctx->kept, &ctx->kept_cap, ctx->nkept + 1, sizeof *ctx->kept) ||
            !append_text(ctx, a->text + q->start, q->end - q->start, &k.text_off) ||
            !append_text(ctx, spk, has_spk ? spk_len : 0, &k.speaker_off)) {
            fprintf(stderr, "concord quotes: %s\n", concord_strerror(st ? st : CONCORD_ERR_NOMEM));
            ctx->failed = 1;
            return 1;
        }
        k.text_len = q->end - q->start;
        k.speaker_len = has_spk ? spk_len : 0;
        ctx->kept[ctx->nkept++] = k;
    }
    return 0;
}

/* Groups spanning two or more articles; returns how many were written. */
static size_t write_groups(quotes_ctx *ctx, size_t *grouped)
{
    size_t written = 0;
    *grouped = 0;
    for (size_t g = 0; g < concord_quote_groups_count(ctx->groups); g++) {
        size_t n;
        const size_t *m = concord_quote_groups_members(ctx->groups, g, &n);
        size_t longest = m[0];
        int several = 0;
        for (size_t i = 0; i < n; i++) {
            const kept_quote *k = &ctx->kept[m[i]];
            if (k->article != ctx->kept[m[0]].article) several = 1;
            if (k->text_len > ctx->kept[longest].text_len) longest = m[i];
        }
        if (!several) continue;
        written++;
        *grouped += n;
        const kept_quote *lk = &ctx->kept[longest];
        if (ctx->tsv) {
            printf("quote_group\t%zu\t%zu\t", written, n);
            write_text(ctx, ctx->texts + lk->text_off, lk->text_len, 1);
            putchar('\t');
        } else {
            printf("{\"type\":\"quote_group\",\"id\":%zu,\"members\":[", written);
            for (size_t i = 0; i < n; i++) {
                const kept_quote *k = &ctx->kept[m[i]];
                fputs(i ? ",{\"article\":" : "{\"article\":", stdout);
                write_id(ctx, k->article, 0);
                printf(",\"start\":%zu}", k->start);
            }
            fputs("],\"text\":", stdout);
            write_text(ctx, ctx->texts + lk->text_off, lk->text_len, 0);
            fputs(",\"speakers\":[", stdout);
        }
        /* Distinct speakers in member order (groups are small: quadratic is fine,
           but bounded anyway by looking back at most 64 members). */
        size_t shown = 0;
        for (size_t i = 0; i < n; i++) {
            const kept_quote *k = &ctx->kept[m[i]];
            if (!k->has_speaker) continue;
            int seen = 0;
            for (size_t j = i > 64 ? i - 64 : 0; j < i && !seen; j++) {
                const kept_quote *o = &ctx->kept[m[j]];
                seen = o->has_speaker && o->speaker_len == k->speaker_len &&
                       !memcmp(ctx->texts + o->speaker_off, ctx->texts + k->speaker_off, k->speaker_len);
            }
            if (seen) continue;
            if (shown++) fputs(ctx->tsv ? "; " : ",", stdout);
            write_text(ctx, ctx->texts + k->speaker_off, k->speaker_len, ctx->tsv);
        }
        if (ctx->tsv) {
            for (size_t i = 0; i < n; i++) {
                putchar('\t');
                write_id(ctx, ctx->kept[m[i]].article, 1);
                printf("\t%zu", ctx->kept[m[i]].start);
            }
            putchar('\n');
        } else {
            fputs("]}\n", stdout);
        }
    }
    return written;
}

static void free_ctx(quotes_ctx *ctx)
{
    concord_quotes_free(ctx->quotes);
    concord_quote_groups_free(ctx->groups);
    concord_text_free(ctx->words);
    free(ctx->ids);
    free(ctx->id_off);
    free(ctx->texts);
    free(ctx->kept);
    free(ctx->fix);
}

int cmd_quotes(int argc, char **argv)
{
    enum { OPT_MIN_WORDS = 256, OPT_NO_GROUPS, OPT_OFFSETS };
    static const struct option longopts[] = {
        {"threshold", required_argument, NULL, 't'},
        {"min-words", required_argument, NULL, OPT_MIN_WORDS},
        {"no-groups", no_argument, NULL, OPT_NO_GROUPS},
        {"offsets", required_argument, NULL, OPT_OFFSETS},
        CORPUS_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    corpus_options co;
    corpus_options_init(&co);
    quotes_ctx ctx = {.min_words = 3};
    double threshold = -1.0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 't':
            if (!parse_double("quotes", "--threshold", optarg, 0.01, 2.0, &threshold)) return EXIT_USAGE;
            break;
        case OPT_MIN_WORDS:
            if (!parse_unsigned("quotes", "--min-words", optarg, 1, 1000000, &ctx.min_words)) return EXIT_USAGE;
            break;
        case OPT_NO_GROUPS: ctx.no_groups = 1; break;
        case OPT_OFFSETS:
            if (!parse_choice("quotes", "--offsets", optarg, "bytes", "chars", &ctx.chars)) return EXIT_USAGE;
            break;
        case 'h': fputs(quotes_usage, stdout); return EXIT_OK;
        default:
            if (corpus_option("quotes", c, optarg, &co) < 0) return EXIT_USAGE;
        }
    }
    if (!have_corpus("quotes", argc - optind, &co)) return EXIT_USAGE;
    ctx.tsv = co.tsv;

    double t0 = now_seconds();
    concord_status st = concord_quotes_create(&ctx.quotes);
    if (!st) st = concord_quote_groups_create(&ctx.groups);
    if (!st) st = concord_text_create(&ctx.words);
    if (!st && threshold > 0) st = concord_quote_groups_set_threshold(ctx.groups, threshold);
    if (st) {
        fprintf(stderr, "concord quotes: %s\n", concord_strerror(st));
        free_ctx(&ctx);
        return EXIT_USAGE;
    }
    static char outbuf[1 << 20];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

    input_stats in;
    read_corpus("quotes", argv + optind, argc - optind, &co, add_article, &ctx, &in);
    int rc = EXIT_OK;
    size_t ngroups = 0, grouped = 0;
    if (ctx.failed) {
        rc = EXIT_USAGE;
    } else if (in.inputs_failed == corpus_input_count(argc - optind, &co)) {
        fputs("concord quotes: no input could be read\n", stderr);
        rc = EXIT_USAGE;
    } else {
        if (!ctx.no_groups) {
            if ((st = concord_quote_groups_run(ctx.groups))) {
                fprintf(stderr, "concord quotes: %s\n", concord_strerror(st));
                rc = EXIT_USAGE;
            } else {
                ngroups = write_groups(&ctx, &grouped);
            }
        }
        if (fflush(stdout)) {
            perror("concord quotes: writing output");
            rc = EXIT_USAGE;
        }
        if (!co.quiet && rc == EXIT_OK) {
            double s = now_seconds() - t0, mb = (double)in.bytes / 1e6;
            fprintf(stderr,
                    "concord quotes: %zu articles read, %zu skipped%s; %zu quotes (%zu with a "
                    "speaker, %zu partial, %zu unbalanced)",
                    in.articles, in.skipped + in.inputs_failed, in.inputs_failed ? " (incl. inputs)" : "",
                    ctx.nquotes, ctx.with_speaker, ctx.partial, ctx.unbalanced);
            if (!ctx.no_groups)
                fprintf(stderr, "; %zu groups across articles (%zu quotes)", ngroups, grouped);
            fprintf(stderr, "; %.1f MB in %.2f s\n", mb, s);
        }
        if (rc == EXIT_OK && co.strict && (in.skipped || in.inputs_failed)) rc = EXIT_SKIPPED;
    }
    free_ctx(&ctx);
    return rc;
}
