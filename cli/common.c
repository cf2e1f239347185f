/* common.c - option parsing, output escaping, input loop; see cli.h. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int invalid(const char *cmd, const char *opt, const char *arg, const char *why)
{
    fprintf(stderr, "concord %s: invalid value for %s: '%s' (%s)\n", cmd, opt, arg, why);
    return 0;
}

int parse_double(const char *cmd, const char *opt, const char *arg, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (end == arg || *end || errno || !isfinite(v)) return invalid(cmd, opt, arg, "not a number");
    if (v < lo || v > hi) {
        char why[96];
        snprintf(why, sizeof why, "must be between %g and %g", lo, hi);
        return invalid(cmd, opt, arg, why);
    }
    *out = v;
    return 1;
}

int parse_unsigned(const char *cmd, const char *opt, const char *arg, unsigned long lo,
                   unsigned long hi, unsigned long *out)
{
    char *end;
    errno = 0;
    if (!*arg || *arg == '-' || *arg == '+') return invalid(cmd, opt, arg, "not a whole number");
    unsigned long v = strtoul(arg, &end, 10);
    if (*end || errno) return invalid(cmd, opt, arg, "not a whole number");
    if (v < lo || v > hi) {
        char why[96];
        snprintf(why, sizeof why, "must be between %lu and %lu", lo, hi);
        return invalid(cmd, opt, arg, why);
    }
    *out = v;
    return 1;
}

int parse_size(const char *cmd, const char *opt, const char *arg, size_t *out)
{
    char *end;
    errno = 0;
    if (!*arg || *arg == '-' || *arg == '+') return invalid(cmd, opt, arg, "not a size");
    unsigned long long v = strtoull(arg, &end, 10);
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k') shift = 10;
    else if (*end == 'M' || *end == 'm') shift = 20;
    else if (*end == 'G' || *end == 'g') shift = 30;
    if (shift) end++;
    if (end == arg || *end || errno || v == 0 || v > (SIZE_MAX >> shift))
        return invalid(cmd, opt, arg, "expected a positive size such as 64M");
    *out = (size_t)v << shift;
    return 1;
}

int input_option(const char *cmd, int opt, const char *arg, concord_reader_options *o)
{
    switch (opt) {
    case OPT_ID_FIELD: o->id_field = arg; return 1;
    case OPT_TEXT_FIELD: o->text_field = arg; return 1;
    case OPT_TITLE_FIELD: o->title_field = arg; return 1;
    case OPT_DATE_FIELD: o->date_field = arg; return 1;
    case OPT_URL_FIELD: o->url_field = arg; return 1;
    case OPT_SOURCE_FIELD: o->source_field = arg; return 1;
    case OPT_MAX_RECORD_BYTES:
        return parse_size(cmd, "--max-record-bytes", arg, &o->max_record_bytes) ? 1 : -1;
    default: /* getopt_long already named the unknown option */
        fprintf(stderr, "Try 'concord %s --help'.\n", cmd);
        return -1;
    }
}

int dedup_option(const char *cmd, int opt, const char *arg, concord_dedup_options *o)
{
    unsigned long u;
    switch (opt) {
    case 't': return parse_double(cmd, "--threshold", arg, 0.01, 1.0, &o->threshold);
    case OPT_CONTAINMENT: return parse_double(cmd, "--containment", arg, 0.01, 1.0, &o->containment);
    case OPT_MIN_RATIO: return parse_double(cmd, "--min-ratio", arg, 0.01, 1.0, &o->min_ratio);
    case 'k':
        if (!parse_unsigned(cmd, "--shingle", arg, 1, 64, &u)) return 0;
        o->shingle = (unsigned)u;
        return 1;
    case 'p':
        if (!parse_unsigned(cmd, "--perms", arg, 1, 4096, &u)) return 0;
        o->perms = (unsigned)u;
        return 1;
    case OPT_SEED:
        if (!parse_unsigned(cmd, "--seed", arg, 0, (unsigned long)-1, &u)) return 0;
        o->seed = u;
        return 1;
    default: return -1;
    }
}

void corpus_options_init(corpus_options *o)
{
    concord_reader_options_init(&o->reader);
    o->db = NULL;
    o->tsv = o->strict = o->quiet = 0;
    o->progress = 1;
}

int corpus_option(const char *cmd, int opt, const char *arg, corpus_options *o)
{
    switch (opt) {
    case 'f': return parse_choice(cmd, "--format", arg, "jsonl", "tsv", &o->tsv) ? 1 : -1;
    case OPT_STRICT: o->strict = 1; return 1;
    case OPT_NO_PROGRESS: o->progress = 0; return 1;
    case OPT_DB: o->db = arg; return 1;
    case 'q': o->quiet = 1; return 1;
    default: return input_option(cmd, opt, arg, &o->reader);
    }
}

int have_inputs(const char *cmd, int count)
{
    if (count > 0) return 1;
    fprintf(stderr, "concord %s: no INPUT given (use - for standard input)\n", cmd);
    fprintf(stderr, "Try 'concord %s --help'.\n", cmd);
    return 0;
}

int have_corpus(const char *cmd, int count, const corpus_options *co)
{
    return co->db || have_inputs(cmd, count);
}

int have_store_and_inputs(const char *cmd, int count, const corpus_options *co)
{
    if (!co->db) {
        fprintf(stderr, "concord %s: --db FILE is required\nTry 'concord %s --help'.\n", cmd, cmd);
        return 0;
    }
    if (co->tsv) {
        fprintf(stderr, "concord %s: --format tsv is not supported (JSON Lines only)\n", cmd);
        return 0;
    }
    return have_inputs(cmd, count);
}

int parse_choice(const char *cmd, const char *opt, const char *arg, const char *first,
                 const char *second, int *out)
{
    if (!strcmp(arg, first) || !strcmp(arg, second)) {
        *out = !strcmp(arg, second);
        return 1;
    }
    fprintf(stderr, "concord %s: invalid value for %s: '%s' (%s or %s)\n", cmd, opt, arg, first,
            second);
    return 0;
}

void cli_doc_free(cli_doc *d)
{
    free((void *)d->text);
    free((void *)d->date);
    free((void *)d->title);
    memset(d, 0, sizeof *d);
}

/* A NUL-terminated copy of p[0..n), or NULL when out of memory. */
static char *dup_bytes(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (!s) return NULL;
    if (n) memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

int read_first_article(const char *cmd, const char *path, const concord_reader_options *ropt,
                       cli_doc *d)
{
    concord_reader *r;
    char msg[512];
    memset(d, 0, sizeof *d);
    if (concord_reader_open(&r, path, ropt, msg, sizeof msg)) {
        fprintf(stderr, "concord %s: %s\n", cmd, msg);
        return 0;
    }
    concord_article a;
    concord_status st = CONCORD_OK;
    int found = 0;
    while (!found && (st = concord_reader_next(r, &a)) != CONCORD_END) {
        if (st) {
            fprintf(stderr, "concord %s: %s\n", cmd, concord_reader_error(r));
            continue;
        }
        d->text = dup_bytes(a.text, a.text_len);
        d->len = a.text_len;
        if (a.date) d->date = dup_bytes(a.date, a.date_len), d->date_len = a.date_len;
        if (a.title) d->title = dup_bytes(a.title, a.title_len), d->title_len = a.title_len;
        if (!d->text || (a.date && !d->date) || (a.title && !d->title)) {
            fprintf(stderr, "concord %s: out of memory\n", cmd);
            cli_doc_free(d);
            break;
        }
        found = 1;
    }
    if (found && concord_reader_next(r, &a) == CONCORD_OK)
        fprintf(stderr, "concord %s: %s: only the first article is used\n", cmd, path);
    if (!found && st == CONCORD_END) fprintf(stderr, "concord %s: %s: no article\n", cmd, path);
    concord_reader_close(r);
    return found;
}

size_t utf8_valid_len(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else return 0;
    if (len < n || s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF) return 0;
    return n;
}

void json_write_string(FILE *f, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    putc('"', f);
    size_t run = 0; /* bytes [i-run, i) need no escaping */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            run++;
            continue;
        }
        fwrite(s + i - run, 1, run, f);
        run = 0;
        putc('\\', f);
        switch (c) {
        case '"': putc('"', f); break;
        case '\\': putc('\\', f); break;
        case '\n': putc('n', f); break;
        case '\r': putc('r', f); break;
        case '\t': putc('t', f); break;
        default:
            fputs("u00", f);
            putc(hex[c >> 4], f);
            putc(hex[c & 15], f);
        }
    }
    fwrite(s + len - run, 1, run, f);
    putc('"', f);
}

void tsv_write_field(FILE *f, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        switch (c) {
        case '\t': fputs("\\t", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\\': fputs("\\\\", f); break;
        default: putc(c, f);
        }
    }
}

/* Progress line on stderr: a bar when the total size is known. */
typedef struct progress {
    int on;
    double start, last;
    size_t total; /* 0 = unknown */
} progress;

static void progress_draw(progress *p, const input_stats *s, int final)
{
    double t = now_seconds();
    if (!p->on || (!final && t - p->last < 0.1)) return;
    p->last = t;
    double mb = (double)s->bytes / 1e6, rate = mb / (t - p->start > 1e-9 ? t - p->start : 1e-9);
    if (final) {
        fputs("\r\033[K", stderr);
        return;
    }
    if (p->total) {
        enum { WIDTH = 30 };
        double frac = (double)s->bytes / (double)p->total;
        if (frac > 1.0) frac = 1.0;
        int filled = (int)(frac * WIDTH);
        char bar[WIDTH + 1];
        for (int i = 0; i < WIDTH; i++) bar[i] = i < filled ? '#' : '.';
        bar[WIDTH] = '\0';
        fprintf(stderr, "\r[%s] %3.0f%%  %zu articles  %.1f MB  %.0f MB/s\033[K", bar, frac * 100,
                s->articles, mb, rate);
    } else {
        fprintf(stderr, "\r%zu articles  %.1f MB  %.0f MB/s\033[K", s->articles, mb, rate);
    }
    fflush(stderr);
}

/* Sum of the sizes of plain-file arguments; 0 when any is not a plain
   uncompressed file (then the bar shows counts only). */
static size_t known_total(char **paths, int npaths)
{
    size_t total = 0;
    for (int i = 0; i < npaths; i++) {
        struct stat st;
        size_t n = strlen(paths[i]);
        if (!strcmp(paths[i], "-") || stat(paths[i], &st) || !S_ISREG(st.st_mode)) return 0;
        if ((n > 3 && !strcmp(paths[i] + n - 3, ".gz")) || (n > 4 && !strcmp(paths[i] + n - 4, ".zst")))
            return 0;
        total += (size_t)st.st_size;
    }
    return total;
}

int read_inputs(const char *cmd, char **paths, int npaths, const concord_reader_options *ropt,
                int want_progress, article_fn fn, void *ctx, input_stats *s)
{
    memset(s, 0, sizeof *s);
    progress p = {.on = want_progress && isatty(STDERR_FILENO), .start = now_seconds()};
    if (p.on) p.total = known_total(paths, npaths);
    int rc = 0;
    for (int i = 0; i < npaths && !rc; i++) {
        concord_reader *r;
        char msg[512];
        concord_status st = concord_reader_open(&r, paths[i], ropt, msg, sizeof msg);
        if (st) {
            progress_draw(&p, s, 1);
            fprintf(stderr, "concord %s: %s\n", cmd, msg);
            s->inputs_failed++;
            continue;
        }
        size_t before = s->bytes;
        concord_article a;
        while (!rc && (st = concord_reader_next(r, &a)) != CONCORD_END) {
            s->bytes = before + concord_reader_bytes_read(r);
            if (st) {
                progress_draw(&p, s, 1);
                fprintf(stderr, "concord %s: %s\n", cmd, concord_reader_error(r));
                s->skipped++;
                continue;
            }
            s->articles++;
            rc = fn(ctx, &a);
            progress_draw(&p, s, 0);
        }
        s->bytes = before + concord_reader_bytes_read(r);
        concord_reader_close(r);
    }
    progress_draw(&p, s, 1);
    s->seconds = now_seconds() - p.start;
    return rc;
}

size_t corpus_input_count(int npaths, const corpus_options *co)
{
    return (size_t)npaths + (co->db != NULL);
}

/* The current articles of the store at path, read-only. */
static int read_store(const char *cmd, const char *path, article_fn fn, void *ctx, input_stats *s)
{
    concord_store_options o;
    concord_store_options_init(&o);
    o.flags = CONCORD_STORE_READONLY;
    concord_store *st;
    char msg[512];
    if (concord_store_open(&st, path, &o, msg, sizeof msg)) {
        fprintf(stderr, "concord %s: %s\n", cmd, msg);
        s->inputs_failed++;
        return 0;
    }
    concord_store_iter *it = NULL;
    concord_status status = concord_store_iter_open(st, &it);
    concord_article a;
    int rc = 0;
    while (!status && !rc && (status = concord_store_iter_next(it, &a)) == CONCORD_OK) {
        s->articles++;
        s->bytes += a.text_len;
        rc = fn(ctx, &a);
    }
    if (status && status != CONCORD_END) {
        fprintf(stderr, "concord %s: %s\n", cmd, concord_store_error(st));
        s->inputs_failed++;
    }
    concord_store_iter_free(it);
    concord_store_free(st);
    return rc;
}

int read_corpus(const char *cmd, char **paths, int npaths, const corpus_options *co, article_fn fn,
                void *ctx, input_stats *s)
{
    input_stats db = {0};
    double t0 = now_seconds();
    int rc = co->db ? read_store(cmd, co->db, fn, ctx, &db) : 0;
    if (!rc) rc = read_inputs(cmd, paths, npaths, &co->reader, co->progress, fn, ctx, s);
    else memset(s, 0, sizeof *s);
    s->articles += db.articles;
    s->bytes += db.bytes;
    s->inputs_failed += db.inputs_failed;
    s->seconds = now_seconds() - t0;
    return rc;
}
