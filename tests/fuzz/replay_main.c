/*
 * replay_main.c - main() for the fuzz targets without libFuzzer: replays a
 * seed corpus, then deterministic mutations of it. Built with every
 * compiler and run by CTest (fuzz.NAME), so the sanitizer build of the
 * suite runs the targets under ASan + UBSan.
 *
 *   NAME [-n COUNT] [-s SEED] [-w DIR] [-v] PATH...
 *
 * PATH: seed files, or directories whose regular files are seeds (sorted
 * by name). First every seed and the empty input run as they are; then
 * COUNT mutated inputs (default 2000, or $CONCORD_FUZZ_COUNT), each made
 * from a seed by 1 to 6 of: bit flip, random byte, insertion of an
 * "interesting" byte (00 22 5C C3 E2 80 0A 7B 7D 2E ...) or sequence
 * (\u escapes, UTF-8, "Title:", a date ...), deletion, truncation,
 * duplication of a range, splicing with another seed. The generator is
 * seeded by SEED (default 1), so a run is reproducible: same seeds, same
 * inputs. Inputs are capped at 64 KiB and each is passed in a buffer of
 * exactly its size, so ASan sees any over-read.
 *
 * When an input fails (assert, signal, sanitizer report), it is written to
 * ./crash-NAME (or DIR/crash-NAME with -w) and its number is printed;
 * replay it with the libFuzzer build or with `NAME crash-NAME`. -w DIR
 * also writes every generated input there (to feed a libFuzzer corpus).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

enum { REPLAY_MAX = 64 << 10, DEFAULT_COUNT = 2000 };

typedef struct input {
    uint8_t *data;
    size_t len;
    char *name;
} input;

static input *seeds;
static size_t n_seeds, cap_seeds;

/* The input being run, for the crash handlers. */
static const uint8_t *current;
static size_t current_len;
static char crash_path[4096];
static const char *current_what = "";

static void die(const char *what, const char *path)
{
    fprintf(stderr, "replay: %s %s: %s\n", what, path, strerror(errno));
    exit(2);
}

/* ------------------------------------------------------------------ */
/* Crash capture                                                       */
/* ------------------------------------------------------------------ */

static void put_err(const char *s)
{
    size_t n = strlen(s);
    while (n) {
        ssize_t w = write(STDERR_FILENO, s, n);
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

/* Async-signal-safe: open, write, close only. */
static void dump_current(void)
{
    static volatile sig_atomic_t dumped;
    if (dumped || !current) return;
    dumped = 1;
    int fd = open(crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        const uint8_t *p = current;
        size_t n = current_len;
        while (n) {
            ssize_t w = write(fd, p, n);
            if (w <= 0) break;
            p += w;
            n -= (size_t)w;
        }
        close(fd);
    }
    put_err("replay: failing input (");
    put_err(current_what);
    put_err(") written to ");
    put_err(crash_path);
    put_err("\n");
}

static void on_signal(int sig)
{
    dump_current();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Sanitizer runtimes call this before they exit; absent without them. */
extern void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

/* ------------------------------------------------------------------ */
/* Seeds                                                               */
/* ------------------------------------------------------------------ */

static void add_seed(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open", path);
    uint8_t *data = malloc(REPLAY_MAX + 1);
    if (!data) die("out of memory reading", path);
    size_t len = fread(data, 1, REPLAY_MAX, f);
    if (ferror(f)) die("cannot read", path);
    fclose(f);
    if (n_seeds == cap_seeds) {
        cap_seeds = cap_seeds ? 2 * cap_seeds : 32;
        seeds = realloc(seeds, cap_seeds * sizeof *seeds);
        if (!seeds) die("out of memory reading", path);
    }
    seeds[n_seeds].data = data;
    seeds[n_seeds].len = len;
    seeds[n_seeds].name = strdup(path);
    if (!seeds[n_seeds].name) die("out of memory reading", path);
    n_seeds++;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static void add_path(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0) die("cannot stat", path);
    if (!S_ISDIR(sb.st_mode)) {
        add_seed(path);
        return;
    }
    struct dirent **list;
    int n = scandir(path, &list, NULL, by_name);
    if (n < 0) die("cannot list", path);
    for (int i = 0; i < n; i++) {
        char file[4096];
        if (list[i]->d_name[0] != '.' &&
            (size_t)snprintf(file, sizeof file, "%s/%s", path, list[i]->d_name) < sizeof file &&
            stat(file, &sb) == 0 && S_ISREG(sb.st_mode))
            add_seed(file);
        free(list[i]);
    }
    free(list);
}

/* ------------------------------------------------------------------ */
/* Deterministic mutation                                              */
/* ------------------------------------------------------------------ */

static uint64_t rng_state;

static uint64_t next_u64(void) /* splitmix64 */
{
    uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static size_t below(size_t n) /* uniform enough in [0, n), n > 0 */
{
    return (size_t)(next_u64() % n);
}

static const uint8_t interesting_bytes[] = {0x00, 0x22, 0x5C, 0xC3, 0xE2, 0x80, '\n', '{',  '}',
                                            '.',  ' ',  ':',  ',',  '[',  ']',  0xFF, 0xED, 0xF4,
                                            0xA0, 0xBF, '\r', '\t', 'u',  '0',  '9',  '-',  'e',
                                            'T',  'Z',  '+',  0x1F, 0x8B, 0x28, 0xB5, 0x2F, 0xFD};

static const char *const interesting_strings[] = {
    "\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u00e9", "\\\"", "\\\\", "\\n",
    "\xC3\xA9", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99", "\xE2\x80\xA6", "\xE3\x80\x82",
    "\xF0\x9F\x98\x80", "\xED\xA0\x80", "\xC0\xAF", "\xCC\x81", "\xC2\xA0", "\xE2\x80\xA8",
    "\xEF\xBB\xBF", "\xE3\x85\xA4", "\xC2\xAD", "\"text\":\"", "\"id\":", "\"date\":\"",
    "\"title\":\"", "{\"text\":\"a\"}\n", "[[[[", "]]]]", "1e999", "-0.5e+3",
    "12345678901234567890123", "true", "null", "Title: ", "Date: ", "URL: ", "Source: ", "\n\n",
    "\r\n", "http://x.example/a", "19870226", "2022-02-02T10:00:00Z", "+05:30", " GMT",
    " (UTC)", "Feb. ", "26-FEB-1987 15:01:01.79", "Wed, 02 Feb 2022 ", "U.S. ", "Gen. ",
    "Mr. ", "3.5", "100,000", "don't", "\" ", ". The ", "! ", "? ", "\xE2\x80\xA9"};

static void mutate(uint8_t *buf, size_t *len)
{
    size_t n = *len;
    int ops = 1 + (int)below(6);
    for (int op = 0; op < ops; op++) {
        switch (below(10)) {
        case 0: /* flip a bit */
            if (n) buf[below(n)] ^= (uint8_t)(1u << below(8));
            break;
        case 1: /* random byte */
            if (n) buf[below(n)] = (uint8_t)next_u64();
            break;
        case 2: /* insert an interesting byte */
        case 3:
            if (n < REPLAY_MAX) {
                size_t at = below(n + 1);
                memmove(buf + at + 1, buf + at, n - at);
                buf[at] = interesting_bytes[below(sizeof interesting_bytes)];
                n++;
            }
            break;
        case 4: /* insert an interesting string */
        case 5: {
            const char *s = interesting_strings[below(sizeof interesting_strings /
                                                      sizeof interesting_strings[0])];
            size_t k = strlen(s);
            if (n + k <= REPLAY_MAX) {
                size_t at = below(n + 1);
                memmove(buf + at + k, buf + at, n - at);
                memcpy(buf + at, s, k);
                n += k;
            }
            break;
        }
        case 6: /* delete a range */
            if (n) {
                size_t at = below(n), k = 1 + below(n - at < 16 ? n - at : 16);
                memmove(buf + at, buf + at + k, n - at - k);
                n -= k;
            }
            break;
        case 7: /* truncate */
            n = below(n + 1);
            break;
        case 8: /* duplicate a range somewhere */
            if (n) {
                static uint8_t piece[REPLAY_MAX];
                size_t at = below(n), k = 1 + below(n - at);
                if (n + k > REPLAY_MAX) k = REPLAY_MAX - n;
                memcpy(piece, buf + at, k);
                size_t to = below(n + 1);
                memmove(buf + to + k, buf + to, n - to);
                memcpy(buf + to, piece, k);
                n += k;
            }
            break;
        default: { /* splice: a piece of another seed */
            const input *o = &seeds[below(n_seeds)];
            if (o->len) {
                size_t from = below(o->len), k = 1 + below(o->len - from);
                if (n + k > REPLAY_MAX) k = REPLAY_MAX - n;
                size_t at = below(n + 1);
                memmove(buf + at + k, buf + at, n - at);
                memcpy(buf + at, o->data + from, k);
                n += k;
            }
            break;
        }
        }
    }
    *len = n;
}

/* ------------------------------------------------------------------ */
/* Running                                                             */
/* ------------------------------------------------------------------ */

static const char *write_dir;
static size_t written;

static void run(const uint8_t *data, size_t len, const char *what)
{
    /* A buffer of exactly len bytes (malloc(0) may be NULL: use 1). */
    uint8_t *copy = malloc(len ? len : 1);
    if (!copy) {
        fprintf(stderr, "replay: out of memory\n");
        exit(2);
    }
    if (len) memcpy(copy, data, len);
    if (write_dir) {
        char path[4096];
        snprintf(path, sizeof path, "%s/input-%06zu", write_dir, written++);
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(copy, 1, len, f) != len || fclose(f) != 0) die("cannot write", path);
    }
    current = copy;
    current_len = len;
    current_what = what;
    LLVMFuzzerTestOneInput(copy, len);
    current = NULL;
    free(copy);
}

static void usage(const char *argv0)
{
    fprintf(stderr, "usage: %s [-n COUNT] [-s SEED] [-w DIR] [-v] PATH...\n", argv0);
    exit(2);
}

static unsigned long long number_arg(const char *s, const char *argv0)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || *s == '-') usage(argv0);
    return v;
}

int main(int argc, char **argv)
{
    const char *env = getenv("CONCORD_FUZZ_COUNT");
    unsigned long long count = env && *env ? number_arg(env, argv[0]) : DEFAULT_COUNT;
    unsigned long long seed = 1;
    int verbose = 0, opt;
    while ((opt = getopt(argc, argv, "n:s:w:v")) != -1) {
        switch (opt) {
        case 'n': count = number_arg(optarg, argv[0]); break;
        case 's': seed = number_arg(optarg, argv[0]); break;
        case 'w': write_dir = optarg; break;
        case 'v': verbose = 1; break;
        default: usage(argv[0]);
        }
    }
    if (optind >= argc) usage(argv[0]);
    for (int i = optind; i < argc; i++) add_path(argv[i]);
    if (!n_seeds) {
        fprintf(stderr, "replay: no seed files\n");
        return 2;
    }

    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    snprintf(crash_path, sizeof crash_path, "%s/crash-%s", write_dir ? write_dir : ".", base);
    signal(SIGABRT, on_signal); /* assert() */
    if (__sanitizer_set_death_callback) {
        /* ASan / UBSan report, then call this; their SEGV handler stays. */
        __sanitizer_set_death_callback(dump_current);
    } else {
        signal(SIGSEGV, on_signal);
        signal(SIGBUS, on_signal);
        signal(SIGFPE, on_signal);
        signal(SIGILL, on_signal);
    }

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t bytes = 0;
    run((const uint8_t *)"", 0, "empty input");
    for (size_t i = 0; i < n_seeds; i++) {
        if (verbose) fprintf(stderr, "seed %s\n", seeds[i].name);
        run(seeds[i].data, seeds[i].len, seeds[i].name);
        bytes += seeds[i].len;
    }

    rng_state = seed;
    uint8_t *buf = malloc(REPLAY_MAX);
    if (!buf) {
        fprintf(stderr, "replay: out of memory\n");
        return 2;
    }
    char what[64];
    for (unsigned long long i = 0; i < count; i++) {
        const input *s = &seeds[below(n_seeds)];
        size_t len = s->len;
        memcpy(buf, s->data, len);
        mutate(buf, &len);
        snprintf(what, sizeof what, "mutation %llu of seed %llu", i, seed);
        if (verbose) fprintf(stderr, "%s: %zu bytes\n", what, len);
        run(buf, len, what);
        bytes += len;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%s: %zu seeds + 1 empty + %llu mutations (seed %llu), %zu bytes, %.2f s\n", base,
           n_seeds, count, seed, bytes, secs);
    free(buf);
    for (size_t i = 0; i < n_seeds; i++) {
        free(seeds[i].data);
        free(seeds[i].name);
    }
    free(seeds);
    return 0;
}
