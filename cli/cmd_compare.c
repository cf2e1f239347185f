/* cmd_compare.c - `concord compare`: the relation of two articles, or of
   every pair of a JSON Lines file. */
#include <getopt.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char compare_usage[] =
    "Usage: concord compare [OPTIONS] A B\n"
    "       concord compare [OPTIONS] --pairs FILE\n"
    "\n"
    "Say how two articles are related: one copied from the other (verbatim,\n"
    "as an excerpt, spun with synonyms, paraphrased), independent reports of\n"
    "the same story, or unrelated; with a graded similarity score and, when\n"
    "it can be told, which one derives from which.\n"
    "A and B are each a text file, a JSON Lines file or - (standard input, for\n"
    "one of them); only the FIRST article of each is used, with its date and\n"
    "title when the input gives them (the output's id is then 1). With\n"
    "--pairs, FILE (or - for standard input) holds one pair a line:\n"
    "  {\"id\":ID,\"a\":{\"text\":T,\"date\":D,\"title\":H},\"b\":{...}}\n"
    "where a and b may also be plain strings (the text); ids default to\n"
    "FILE:LINE. A malformed line is reported on stderr (FILE:LINE: why) and\n"
    "skipped. Writes one JSON object a line to stdout:\n"
    "  {\"type\":\"compare\",\"id\":ID,\"relation\":R,\"score\":F,\n"
    "   \"direction\":\"a->b|b->a|unknown\",\"confidence\":F,\"features\":{...}}\n"
    "R is one of\n"
    "  verbatim    the same text, give or take headline, boilerplate, small\n"
    "              edits or trimming\n"
    "  partial     one contains a substantial excerpt of the other\n"
    "  spun        the same text with many words replaced by synonyms\n"
    "  paraphrase  rewritten from the same text: same facts, largely the same\n"
    "              order, reworded or condensed\n"
    "  same_story  independent reports of the same event (shared names,\n"
    "              numbers, quotes)\n"
    "  unrelated\n"
    "score is a similarity in [0, 1]; direction a->b means b derives from a\n"
    "(from the dates; else credit lines such as \"Reporting by\"; else from\n"
    "which one contains the other), confidence in [0, 1]. See docs/compare.md.\n"
    "\n"
    "Options:\n"
    "      --pairs FILE      compare the pairs of a JSON Lines file\n"
    "      --no-synonyms     no WordNet lexicon (spins look like paraphrases)\n"
    "      --wordnet DIR     WordNet dict directory (default $CONCORD_WORDNET_DIR,\n"
    "                        else the system's; without it: a warning, and no\n"
    "                        synonyms)\n"
    "  -f, --format FMT      jsonl (default) or tsv: 'ID RELATION SCORE DIRECTION\n"
    "                        CONFIDENCE' rows\n"
    "      --strict          exit 1 if any pair was skipped\n"
    "  -q, --quiet           no closing summary on stderr\n"
    INPUT_OPTIONS_HELP
    "  -h, --help            this text\n"
    "\n"
    "Exit status: 0 success, 1 pairs skipped under --strict, 2 usage error or\n"
    "unreadable input.\n";

#define CMD "concord compare"

typedef struct doc {
    char *text; size_t len;
    char *date; size_t date_len;
    char *title; size_t title_len;
} doc; /* read_first: owned (doc_free); --pairs: into the line */

static void doc_free(doc *d)
{
    free(d->text);
    free(d->date);
    free(d->title);
    memset(d, 0, sizeof *d);
}

static char *dup_bytes(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (!s) return NULL;
    if (n) memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

/* The first article of path, with its date and title. */
static int read_first(const char *path, const concord_reader_options *ropt, doc *d)
{
    concord_reader *r;
    char msg[512];
    if (concord_reader_open(&r, path, ropt, msg, sizeof msg)) {
        fprintf(stderr, CMD ": %s\n", msg);
        return 0;
    }
    concord_article a;
    concord_status st = CONCORD_OK;
    int found = 0;
    while (!found && (st = concord_reader_next(r, &a)) != CONCORD_END) {
        if (st) {
            fprintf(stderr, CMD ": %s\n", concord_reader_error(r));
            continue;
        }
        d->text = dup_bytes(a.text, a.text_len);
        d->len = a.text_len;
        if (a.date) d->date = dup_bytes(a.date, a.date_len), d->date_len = a.date_len;
        if (a.title) d->title = dup_bytes(a.title, a.title_len), d->title_len = a.title_len;
        if (!d->text || (a.date && !d->date) || (a.title && !d->title)) {
            fputs(CMD ": out of memory\n", stderr);
            break;
        }
        found = 1;
    }
    if (found && concord_reader_next(r, &a) == CONCORD_OK)
        fprintf(stderr, CMD ": %s: only the first article is used\n", path);
    if (!found && st == CONCORD_END) fprintf(stderr, CMD ": %s: no article\n", path);
    concord_reader_close(r);
    return found;
}

/*
 * A small JSON reader for one pairs line (the CLI uses only concord.h, so
 * not the library's internal scanner): objects, arrays, strings (escapes
 * and \u surrogate pairs decoded to UTF-8), numbers, true/false/null.
 * Strings are decoded into the line buffer itself (a decoded string is
 * never longer than its literal), so nothing is allocated.
 */
typedef struct jp {
    char *p, *end;
    const char *why;
} jp;

static void jp_ws(jp *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r' || *j->p == '\n')) j->p++;
}

static int jp_fail(jp *j, const char *why)
{
    if (!j->why) j->why = why;
    return 0;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char ch = p[i];
        v <<= 4;
        if (ch >= '0' && ch <= '9') v |= (unsigned)(ch - '0');
        else if (ch >= 'a' && ch <= 'f') v |= (unsigned)(ch - 'a' + 10);
        else if (ch >= 'A' && ch <= 'F') v |= (unsigned)(ch - 'A' + 10);
        else return 0;
    }
    *out = v;
    return 1;
}

/* A string at j->p (after skipping blanks): decoded in place to
   [*s, *s + *len). */
static int jp_string(jp *j, char **s, size_t *len)
{
    jp_ws(j);
    if (j->p >= j->end || *j->p != '"') return jp_fail(j, "string expected");
    char *r = ++j->p, *w = r;
    *s = w;
    while (r < j->end && *r != '"') {
        if ((unsigned char)*r < 0x20) return jp_fail(j, "control character in string");
        if (*r != '\\') {
            *w++ = *r++;
            continue;
        }
        if (++r >= j->end) break;
        char e = *r++;
        switch (e) {
        case '"': case '\\': case '/': *w++ = e; break;
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case 't': *w++ = '\t'; break;
        case 'u': {
            unsigned u, lo;
            if (j->end - r < 4 || !hex4(r, &u)) return jp_fail(j, "bad \\u escape");
            r += 4;
            if (u >= 0xD800 && u < 0xDC00 && j->end - r >= 6 && r[0] == '\\' && r[1] == 'u' &&
                hex4(r + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                r += 6;
            } else if (u >= 0xD800 && u < 0xE000) u = 0xFFFD; /* lone surrogate */
            if (u < 0x80) *w++ = (char)u;
            else if (u < 0x800) *w++ = (char)(0xC0 | u >> 6), *w++ = (char)(0x80 | (u & 0x3F));
            else if (u < 0x10000)
                *w++ = (char)(0xE0 | u >> 12), *w++ = (char)(0x80 | ((u >> 6) & 0x3F)),
                *w++ = (char)(0x80 | (u & 0x3F));
            else
                *w++ = (char)(0xF0 | u >> 18), *w++ = (char)(0x80 | ((u >> 12) & 0x3F)),
                *w++ = (char)(0x80 | ((u >> 6) & 0x3F)), *w++ = (char)(0x80 | (u & 0x3F));
            break;
        }
        default: return jp_fail(j, "bad escape in string");
        }
    }
    if (r >= j->end) return jp_fail(j, "unterminated string");
    *len = (size_t)(w - *s);
    j->p = r + 1;
    return 1;
}

/* Skip any value; a number or an integer's digits are returned in
   [*s, *s + *len) when s is not NULL. Nesting is bounded. */
static int jp_skip(jp *j, int depth, char **s, size_t *len)
{
    jp_ws(j);
    if (j->p >= j->end) return jp_fail(j, "value expected");
    if (depth > 64) return jp_fail(j, "nested too deeply");
    char ch = *j->p;
    if (ch == '"') {
        char *t;
        size_t n;
        return jp_string(j, &t, &n);
    }
    if (ch == '{' || ch == '[') {
        char close = ch == '{' ? '}' : ']';
        j->p++;
        jp_ws(j);
        if (j->p < j->end && *j->p == close) return j->p++, 1;
        for (;;) {
            if (ch == '{') {
                char *k;
                size_t kl;
                if (!jp_string(j, &k, &kl)) return 0;
                jp_ws(j);
                if (j->p >= j->end || *j->p != ':') return jp_fail(j, "':' expected");
                j->p++;
            }
            if (!jp_skip(j, depth + 1, NULL, NULL)) return 0;
            jp_ws(j);
            if (j->p < j->end && *j->p == ',') { j->p++; continue; }
            if (j->p < j->end && *j->p == close) return j->p++, 1;
            return jp_fail(j, ch == '{' ? "',' or '}' expected" : "',' or ']' expected");
        }
    }
    char *start = j->p;
    while (j->p < j->end && (isalnum((unsigned char)*j->p) || *j->p == '-' || *j->p == '+' || *j->p == '.'))
        j->p++;
    size_t n = (size_t)(j->p - start);
    if (n == 0) return jp_fail(j, "invalid value");
    if (!((n == 4 && !memcmp(start, "true", 4)) || (n == 5 && !memcmp(start, "false", 5)) ||
          (n == 4 && !memcmp(start, "null", 4)))) {
        char *e;
        strtod(start, &e);
        if (e != j->p) return jp_fail(j, "invalid value");
        if (s) *s = start, *len = n;
    }
    return 1;
}

/* An object: calls field(ctx, key, keylen, j) for each member, which must
   consume the value. */
typedef int (*jp_field_fn)(void *ctx, const char *key, size_t keylen, jp *j);

static int jp_object(jp *j, jp_field_fn field, void *ctx)
{
    jp_ws(j);
    if (j->p >= j->end || *j->p != '{') return jp_fail(j, "not a JSON object");
    j->p++;
    jp_ws(j);
    if (j->p < j->end && *j->p == '}') return j->p++, 1;
    for (;;) {
        char *k;
        size_t kl;
        if (!jp_string(j, &k, &kl)) return 0;
        jp_ws(j);
        if (j->p >= j->end || *j->p != ':') return jp_fail(j, "':' expected");
        j->p++;
        if (!field(ctx, k, kl, j)) return 0;
        jp_ws(j);
        if (j->p < j->end && *j->p == ',') { j->p++; continue; }
        if (j->p < j->end && *j->p == '}') return j->p++, 1;
        return jp_fail(j, "',' or '}' expected");
    }
}

/* One side: text, date, title point into the line (not NUL-terminated). */
typedef struct jside {
    char *text, *date, *title;
    size_t text_len, date_len, title_len;
    int has_text;
} jside;

static int key_is(const char *k, size_t kl, const char *name)
{
    return kl == strlen(name) && !memcmp(k, name, kl);
}

static int side_field(void *ctx, const char *k, size_t kl, jp *j)
{
    jside *d = ctx;
    jp_ws(j);
    int str = j->p < j->end && *j->p == '"';
    if (str && key_is(k, kl, "text")) return d->has_text = jp_string(j, &d->text, &d->text_len);
    if (str && key_is(k, kl, "date")) return jp_string(j, &d->date, &d->date_len);
    if (str && key_is(k, kl, "title")) return jp_string(j, &d->title, &d->title_len);
    return jp_skip(j, 1, NULL, NULL);
}

/* A side of a pair: a string (the text) or an object. */
static int jp_side(jp *j, jside *d)
{
    jp_ws(j);
    if (j->p < j->end && *j->p == '"') return d->has_text = jp_string(j, &d->text, &d->text_len);
    if (j->p < j->end && *j->p == '{') {
        if (!jp_object(j, side_field, d)) return 0;
        return d->has_text ? 1 : jp_fail(j, "no string \"text\"");
    }
    return jp_fail(j, "a or b: not a string or an object");
}

typedef struct jpair {
    jside a, b;
    char *id;
    size_t id_len;
    int has_a, has_b;
} jpair;

static int pair_field(void *ctx, const char *k, size_t kl, jp *j)
{
    jpair *q = ctx;
    if (key_is(k, kl, "a")) return q->has_a = jp_side(j, &q->a);
    if (key_is(k, kl, "b")) return q->has_b = jp_side(j, &q->b);
    if (key_is(k, kl, "id")) {
        jp_ws(j);
        if (j->p < j->end && *j->p == '"') return jp_string(j, &q->id, &q->id_len);
        return jp_skip(j, 1, &q->id, &q->id_len);
    }
    return jp_skip(j, 1, NULL, NULL);
}

/* A side's date as ISO 8601 when recognised (into iso), else as given. */
static void side_doc(const jside *s, doc *d, char *iso, size_t iso_cap)
{
    d->text = s->text, d->len = s->text_len;
    d->title = s->title, d->title_len = s->title_len;
    d->date = s->date, d->date_len = s->date_len;
    size_t n = s->date ? concord_date_iso(s->date, s->date_len, iso, iso_cap) : 0;
    if (n) d->date = iso, d->date_len = n;
}

typedef struct run_state {
    concord_comparer *comparer;
    int tsv;
    size_t pairs, skipped;
    size_t per[CONCORD_REUSE_UNRELATED + 1];
} run_state;

static void meta_of(const doc *d, concord_doc_meta *m)
{
    memset(m, 0, sizeof *m);
    m->date = d->date, m->date_len = d->date_len;
    m->title = d->title, m->title_len = d->title_len;
}

/* Compare one pair and write its line; 0 on a library error. */
static int emit(run_state *rs, const char *id, size_t id_len, const doc *a, const doc *b)
{
    concord_doc_meta am, bm;
    meta_of(a, &am);
    meta_of(b, &bm);
    concord_comparison c;
    concord_status st = concord_compare(rs->comparer, a->text, a->len, &am, b->text, b->len, &bm, &c);
    if (st) {
        fprintf(stderr, CMD ": %.*s: %s\n", (int)id_len, id, concord_strerror(st));
        return 0;
    }
    rs->pairs++;
    rs->per[c.relation]++;
    if (rs->tsv) {
        tsv_write_field(stdout, id, id_len);
        printf("\t%s\t%.4f\t%s\t%.2f\n", concord_reuse_name(c.relation), c.score,
               concord_direction_name(c.direction), c.confidence);
        return 1;
    }
    fputs("{\"type\":\"compare\",\"id\":", stdout);
    json_write_string(stdout, id, id_len);
    printf(",\"relation\":\"%s\",\"score\":%.4f,\"direction\":\"%s\",\"confidence\":%.2f,\"features\":{",
           concord_reuse_name(c.relation), c.score, concord_direction_name(c.direction), c.confidence);
    for (size_t i = 0; i < c.feature_count; i++)
        printf("%s\"%s\":%.4g", i ? "," : "", concord_feature_name(i), c.features[i]);
    fputs("}}\n", stdout);
    return 1;
}

/* --pairs: one pair a line. Returns 0 when the file cannot be read. */
static int run_pairs(run_state *rs, const char *path)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!f) {
        fprintf(stderr, CMD ": %s: ", path);
        perror(NULL);
        return 0;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    char idbuf[64], iso_a[64], iso_b[64];
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        jp j = {line, line + n, NULL};
        jp_ws(&j);
        if (j.p == j.end) continue; /* blank line */
        jpair q;
        memset(&q, 0, sizeof q);
        if (jp_object(&j, pair_field, &q)) {
            jp_ws(&j);
            if (j.p != j.end) jp_fail(&j, "text after the object");
            else if (!q.has_a || !q.has_b) jp_fail(&j, "no \"a\" or no \"b\"");
        }
        if (j.why) {
            fprintf(stderr, CMD ": %s:%zu: %s; skipped\n", path, lineno, j.why);
            rs->skipped++;
            continue;
        }
        if (!q.id) {
            int k = snprintf(idbuf, sizeof idbuf, "%s:%zu", path, lineno);
            q.id = idbuf;
            q.id_len = k < 0 ? 0 : (size_t)k < sizeof idbuf ? (size_t)k : sizeof idbuf - 1;
        }
        doc a, b;
        side_doc(&q.a, &a, iso_a, sizeof iso_a);
        side_doc(&q.b, &b, iso_b, sizeof iso_b);
        if (!emit(rs, q.id, q.id_len, &a, &b)) rs->skipped++;
    }
    int ok = !ferror(f);
    if (!ok) fprintf(stderr, CMD ": %s: read error\n", path);
    free(line);
    if (f != stdin) fclose(f);
    return ok;
}

int cmd_compare(int argc, char **argv)
{
    enum { OPT_PAIRS = 256, OPT_NO_SYNONYMS, OPT_WORDNET };
    static const struct option longopts[] = {
        {"pairs", required_argument, NULL, OPT_PAIRS},
        {"no-synonyms", no_argument, NULL, OPT_NO_SYNONYMS},
        {"wordnet", required_argument, NULL, OPT_WORDNET},
        {"format", required_argument, NULL, 'f'},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"quiet", no_argument, NULL, 'q'},
        INPUT_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    concord_reader_options ropt;
    concord_reader_options_init(&ropt);
    int tsv = 0, synonyms = 1, strict = 0, quiet = 0, c;
    const char *wordnet = NULL, *pairs = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_PAIRS: pairs = optarg; break;
        case OPT_NO_SYNONYMS: synonyms = 0; break;
        case OPT_WORDNET: wordnet = optarg; break;
        case OPT_STRICT: strict = 1; break;
        case 'q': quiet = 1; break;
        case 'f':
            if (!parse_choice("compare", "--format", optarg, "jsonl", "tsv", &tsv)) return EXIT_USAGE;
            break;
        case 'h': fputs(compare_usage, stdout); return EXIT_OK;
        default:
            if (input_option("compare", c, optarg, &ropt) < 0) return EXIT_USAGE;
        }
    }
    int nargs = argc - optind;
    if (pairs ? nargs != 0 : nargs != 2) {
        if (pairs) fprintf(stderr, CMD ": --pairs takes no other inputs, got %d\n", nargs);
        else fprintf(stderr, CMD ": expected two inputs A B (or --pairs FILE), got %d\n", nargs);
        fputs("Try 'concord compare --help'.\n", stderr);
        return EXIT_USAGE;
    }
    if (!pairs && !strcmp(argv[optind], "-") && !strcmp(argv[optind + 1], "-")) {
        fputs(CMD ": only one of A and B can be - (standard input)\n", stderr);
        return EXIT_USAGE;
    }

    int rc = EXIT_USAGE;
    doc a = {0}, b = {0};
    concord_lexicon *lex = NULL;
    run_state rs;
    memset(&rs, 0, sizeof rs);
    rs.tsv = tsv;
    concord_status st;
    if (!pairs && (!read_first(argv[optind], &ropt, &a) || !read_first(argv[optind + 1], &ropt, &b)))
        goto done;
    if (synonyms) {
        char msg[512];
        if (concord_lexicon_create(&lex, wordnet, msg, sizeof msg)) {
            fprintf(stderr, CMD ": %s\n", msg);
            if (wordnet) goto done;
            fputs(CMD ": warning: no synonyms\n", stderr);
        }
    }
    if ((st = concord_comparer_create(&rs.comparer, lex))) {
        fprintf(stderr, CMD ": %s\n", concord_strerror(st));
        goto done;
    }
    double t0 = now_seconds();
    if (pairs) {
        if (!run_pairs(&rs, pairs)) goto done;
    } else {
        char id[16] = "1";
        if (!emit(&rs, id, 1, &a, &b)) goto done;
    }
    double secs = now_seconds() - t0;
    rc = strict && rs.skipped ? EXIT_SKIPPED : EXIT_OK;
    if (fflush(stdout)) {
        perror(CMD ": writing output");
        rc = EXIT_USAGE;
    }
    if (!quiet && pairs) {
        fprintf(stderr, CMD ": %zu pairs", rs.pairs);
        for (int r = 0; r <= CONCORD_REUSE_UNRELATED; r++)
            fprintf(stderr, ", %zu %s", rs.per[r], concord_reuse_name((concord_reuse)r));
        fprintf(stderr, "; %zu skipped; %.0f pairs/s\n", rs.skipped,
                secs > 0 ? (double)rs.pairs / secs : 0.0);
    }
done:
    concord_comparer_free(rs.comparer);
    concord_lexicon_free(lex);
    doc_free(&a);
    doc_free(&b);
    return rc;
}
