/*
 * align_eval.c - grade concord_align() on pairs with a known alignment.
 *
 *   align_eval [OPTIONS] PAIRS.jsonl
 *
 * PAIRS.jsonl comes from gen_rewrites (one pair a line: "type", "a", "b",
 * "truth": [[a_start, a_end, b_start, b_end], ...]). Each pair is aligned
 * with the library (one aligner, the WordNet lexicon unless
 * --no-synonyms) and graded at the character level, on word characters
 * only (ASCII letters and digits, and every non-ASCII code point; spaces
 * and punctuation do not count, so a passage that stops before a sentence's
 * full stop is not penalised):
 *
 *   truth      characters of a or b inside a truth segment;
 *   predicted  characters of a or b inside a passage;
 *   correct    predicted characters that are also in a truth segment whose
 *              counterpart range (in the other text) overlaps the passage's
 *              counterpart range: the character is aligned, and to the
 *              right place;
 *   precision = correct / predicted, recall = correct / truth, F1 their
 *   harmonic mean; a and b are pooled.
 *
 * Figures are summed per rewrite type, and pooled over all types. The
 * "unrelated" pairs have no truth: every passage found there is a false
 * positive, which lowers the pooled precision. Also reported: the passage
 * kinds found per type, their mean score, the spin rate reached (spin
 * types), and the time of concord_align() per pair.
 *
 * Options: --wordnet DIR, --no-synonyms, --min-words N, --min-score F
 * (aligner settings); --min-f1 F: exit 1 when the pooled F1 is lower;
 * --details FILE: one line per pair (type, id, P, R, passages).
 * Exit status: 0 success, 1 the gate failed, 2 usage or input error.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EVAL_PROG "align_eval"
#include "eval_common.h"

#include "concord.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum { MAX_TYPES = 16 };

typedef struct tally {
    char name[32];
    size_t pairs, pairs_with_passages;
    size_t truth, pred, correct;
    size_t kinds[3];
    double seconds, spin_rate, score_sum;
} tally;

static tally types[MAX_TYPES];
static size_t n_types;

static tally *tally_for(const char *name)
{
    for (size_t k = 0; k < n_types; k++)
        if (!strcmp(types[k].name, name)) return &types[k];
    if (n_types == MAX_TYPES) die("too many rewrite types");
    tally *t = &types[n_types++];
    snprintf(t->name, sizeof t->name, "%s", name);
    return t;
}

/* A word character starts here: ASCII letter or digit, or a UTF-8 lead byte. */
static int word_char(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0xC0;
}

static int overlap(size_t s1, size_t e1, size_t s2, size_t e2) { return s1 < e2 && s2 < e1; }

typedef struct seg {
    size_t a0, a1, b0, b1;
} seg;

static int32_t *mark_a, *mark_t;
static size_t mark_cap;

/*
 * Grade one side (a when side == 0). Returns truth, pred, correct counts
 * added to *t.
 */
static void grade_side(int side, const char *text, size_t len, const seg *truth, size_t nt,
                       const concord_aligner *al, size_t *truth_n, size_t *pred_n, size_t *correct_n)
{
    if (len + 1 > mark_cap) {
        mark_cap = 2 * (len + 1);
        mark_a = realloc(mark_a, mark_cap * sizeof *mark_a);
        mark_t = realloc(mark_t, mark_cap * sizeof *mark_t);
        if (!mark_a || !mark_t) die("out of memory");
    }
    for (size_t x = 0; x < len; x++) mark_a[x] = mark_t[x] = -1;
    for (size_t k = 0; k < nt; k++) {
        size_t s = side ? truth[k].b0 : truth[k].a0, e = side ? truth[k].b1 : truth[k].a1;
        for (size_t x = s; x < e && x < len; x++) mark_t[x] = (int32_t)k;
    }
    size_t np = concord_align_count(al);
    for (size_t k = 0; k < np; k++) {
        const concord_passage *p = concord_align_passage(al, k);
        size_t s = side ? p->b_start : p->a_start, e = side ? p->b_end : p->a_end;
        for (size_t x = s; x < e && x < len; x++) mark_a[x] = (int32_t)k;
    }
    for (size_t x = 0; x < len; x++) {
        if (!word_char((unsigned char)text[x])) continue;
        int32_t t = mark_t[x], p = mark_a[x];
        *truth_n += t >= 0;
        *pred_n += p >= 0;
        if (t < 0 || p < 0) continue;
        const concord_passage *ps = concord_align_passage(al, (size_t)p);
        const seg *ts = &truth[t];
        int ok = side ? overlap(ps->a_start, ps->a_end, ts->a0, ts->a1)
                      : overlap(ps->b_start, ps->b_end, ts->b0, ts->b1);
        *correct_n += (size_t)ok;
    }
}

static void prf(size_t truth, size_t pred, size_t correct, double *p, double *r, double *f)
{
    *p = pred ? (double)correct / (double)pred : (truth ? 0.0 : 1.0);
    *r = truth ? (double)correct / (double)truth : 1.0;
    *f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"wordnet", required_argument, NULL, 'w'},
        {"no-synonyms", no_argument, NULL, 'n'},
        {"min-words", required_argument, NULL, 'm'},
        {"min-score", required_argument, NULL, 's'},
        {"min-f1", required_argument, NULL, 'g'},
        {"details", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *wordnet = NULL, *details = NULL;
    int synonyms = 1, c;
    double min_f1 = 0.0;
    concord_align_options opt;
    concord_align_options_init(&opt);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        char *end;
        errno = 0;
        switch (c) {
        case 'w': wordnet = optarg; break;
        case 'n': synonyms = 0; break;
        case 'm':
            opt.min_words = (unsigned)strtoul(optarg, &end, 10);
            if (*end || errno) die("bad --min-words '%s'", optarg);
            break;
        case 's':
            opt.min_score = strtod(optarg, &end);
            if (*end || errno) die("bad --min-score '%s'", optarg);
            break;
        case 'g':
            min_f1 = strtod(optarg, &end);
            if (*end || errno) die("bad --min-f1 '%s'", optarg);
            break;
        case 'd': details = optarg; break;
        case 'h':
            puts("usage: align_eval [--wordnet DIR] [--no-synonyms] [--min-words N] "
                 "[--min-score F] [--min-f1 F] [--details FILE] PAIRS.jsonl");
            return 0;
        default: return 2;
        }
    }
    if (argc - optind != 1) die("one PAIRS.jsonl expected (try --help)");
    FILE *in = fopen(argv[optind], "r");
    if (!in) die("%s: %s", argv[optind], strerror(errno));
    FILE *det = NULL;
    if (details && !(det = fopen(details, "w"))) die("%s: %s", details, strerror(errno));

    concord_lexicon *lex = NULL;
    char msg[512];
    double t_lex = now();
    if (synonyms && concord_lexicon_create(&lex, wordnet, msg, sizeof msg)) die("%s", msg);
    t_lex = now() - t_lex;
    concord_aligner *al;
    if (concord_aligner_create(&al, lex, &opt)) die("cannot create the aligner");

    char *line = NULL;
    size_t cap = 0, lineno = 0;
    seg *truth = NULL;
    size_t truth_cap = 0;
    while (getline(&line, &cap, in) >= 0) {
        lineno++;
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        if (!o) die("%s:%zu: %s", argv[optind], lineno, err.text);
        json_t *type = json_object_get(o, "type"), *ja = json_object_get(o, "a"),
               *jb = json_object_get(o, "b"), *jt = json_object_get(o, "truth"),
               *id = json_object_get(o, "id"), *rate = json_object_get(o, "spin_rate");
        if (!json_is_string(type) || !json_is_string(ja) || !json_is_string(jb) || !json_is_array(jt))
            die("%s:%zu: not a pair", argv[optind], lineno);
        size_t nt = json_array_size(jt);
        if (nt > truth_cap) {
            truth_cap = 2 * nt;
            truth = realloc(truth, truth_cap * sizeof *truth);
            if (!truth) die("out of memory");
        }
        for (size_t k = 0; k < nt; k++) {
            json_int_t v[4];
            if (json_unpack(json_array_get(jt, k), "[IIII]", &v[0], &v[1], &v[2], &v[3]))
                die("%s:%zu: bad truth segment", argv[optind], lineno);
            truth[k] = (seg){(size_t)v[0], (size_t)v[1], (size_t)v[2], (size_t)v[3]};
        }
        const char *a = json_string_value(ja), *b = json_string_value(jb);
        size_t la = json_string_length(ja), lb = json_string_length(jb);
        double t0 = now();
        concord_status st = concord_align(al, a, la, b, lb);
        double dt = now() - t0;
        if (st) die("%s:%zu: concord_align: %s", argv[optind], lineno, concord_strerror(st));

        tally *t = tally_for(json_string_value(type));
        size_t tr = 0, pr = 0, co = 0;
        grade_side(0, a, la, truth, nt, al, &tr, &pr, &co);
        grade_side(1, b, lb, truth, nt, al, &tr, &pr, &co);
        t->pairs++;
        t->truth += tr;
        t->pred += pr;
        t->correct += co;
        t->seconds += dt;
        if (json_is_number(rate)) t->spin_rate += json_number_value(rate);
        size_t np = concord_align_count(al);
        t->pairs_with_passages += np > 0;
        for (size_t k = 0; k < np; k++) {
            t->kinds[concord_align_passage(al, k)->kind]++;
            t->score_sum += concord_align_passage(al, k)->score;
        }
        if (det) {
            double p, r, f;
            prf(tr, pr, co, &p, &r, &f);
            fprintf(det, "%s\t%s\tP=%.3f\tR=%.3f\tpassages=%zu", json_string_value(type),
                    json_is_string(id) ? json_string_value(id) : "?", p, r, np);
            for (size_t k = 0; k < np; k++) {
                const concord_passage *ps = concord_align_passage(al, k);
                fprintf(det, "\t[%zu,%zu]->[%zu,%zu]:%s:%.2f", ps->a_start, ps->a_end, ps->b_start,
                        ps->b_end, concord_passage_kind_name(ps->kind), ps->score);
            }
            fputc('\n', det);
        }
        json_decref(o);
    }
    free(line);
    fclose(in);
    if (det) fclose(det);

    printf("concord_align on %s (%s)\n\n", argv[optind],
           lex ? "WordNet lexicon" : "no lexicon: identical words only");
    printf("| rewrite | pairs | char P | char R | char F1 | passages: verbatim / edited / spun | "
           "mean score | ms/pair |\n|---|---|---|---|---|---|---|---|\n");
    tally all = {.name = "all"}, gen = {.name = "all but unrelated"};
    for (size_t k = 0; k <= n_types; k++) {
        tally *t = k < n_types ? &types[k] : &all;
        double p, r, f;
        prf(t->truth, t->pred, t->correct, &p, &r, &f);
        char extra[64] = "";
        if (t->spin_rate > 0)
            snprintf(extra, sizeof extra, " (%.0f%% replaced)", 100.0 * t->spin_rate / (double)t->pairs);
        size_t np = t->kinds[0] + t->kinds[1] + t->kinds[2];
        double ms = 1e3 * t->seconds / (double)(t->pairs ? t->pairs : 1);
        double mean = np ? t->score_sum / (double)np : 0.0;
        if (!strcmp(t->name, "unrelated"))
            printf("| unrelated | %zu | %.4f | - | - | %zu / %zu / %zu (%zu pairs with any) | %.3f | "
                   "%.3f |\n",
                   t->pairs, p, t->kinds[0], t->kinds[1], t->kinds[2], t->pairs_with_passages, mean,
                   ms);
        else
            printf("| %s%s | %zu | %.4f | %.4f | %.4f | %zu / %zu / %zu | %.3f | %.3f |\n", t->name,
                   extra, t->pairs, p, r, f, t->kinds[0], t->kinds[1], t->kinds[2], mean, ms);
        if (k < n_types) {
            tally *dst[2] = {&all, strcmp(t->name, "unrelated") ? &gen : NULL};
            for (int d = 0; d < 2; d++) {
                if (!dst[d]) continue;
                dst[d]->pairs += t->pairs;
                dst[d]->truth += t->truth;
                dst[d]->pred += t->pred;
                dst[d]->correct += t->correct;
                dst[d]->seconds += t->seconds;
                dst[d]->score_sum += t->score_sum;
                for (int q = 0; q < 3; q++) dst[d]->kinds[q] += t->kinds[q];
            }
        }
    }
    double p, r, f, gp, gr, gf;
    prf(all.truth, all.pred, all.correct, &p, &r, &f);
    prf(gen.truth, gen.pred, gen.correct, &gp, &gr, &gf);
    double worst = 1.0;
    const char *worst_name = "";
    for (size_t k = 0; k < n_types; k++) {
        double tp, tr, tf;
        if (!strcmp(types[k].name, "unrelated")) continue;
        prf(types[k].truth, types[k].pred, types[k].correct, &tp, &tr, &tf);
        if (tf < worst) worst = tf, worst_name = types[k].name;
    }
    printf("\npooled (all types, unrelated included): P %.4f R %.4f F1 %.4f\n"
           "pooled (rewrites only, unrelated left out): P %.4f R %.4f F1 %.4f\n"
           "lowest type F1 %.4f (%s)\n",
           p, r, f, gp, gr, gf, worst, worst_name);
    printf("time: %.1f pairs/s (concord_align only, one thread); lexicon load %.0f ms\n",
           all.seconds > 0 ? (double)all.pairs / all.seconds : 0.0, 1e3 * t_lex);
    printf("{\"type\":\"align_eval\",\"pairs\":%zu,\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f,"
           "\"lowest_type_f1\":%.4f,\"pairs_per_second\":%.1f}\n",
           all.pairs, p, r, f, worst, all.seconds > 0 ? (double)all.pairs / all.seconds : 0.0);
    concord_aligner_free(al);
    concord_lexicon_free(lex);
    free(truth);
    free(mark_a);
    free(mark_t);
    if (f < min_f1) {
        fprintf(stderr, "align_eval: pooled F1 %.4f below the gate %.4f\n", f, min_f1);
        return 1;
    }
    return 0;
}
