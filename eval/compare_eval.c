/*
 * compare_eval.c - grade concord_compare() (EVALUATION.md, "Relation of two
 * articles (issue #3)").
 *
 *   compare_eval --seeds DIR            all pairs of the .txt files of DIR: each must be
 *                                       same_story, none verbatim (gate)
 *   compare_eval --rewrites PAIRS.jsonl gen_rewrites output: confusion matrix,
 *                                       per-relation precision/recall, pairs/s
 *   compare_eval --mrpc TRAIN.txt       MRPC train, 10-fold cross-validation:
 *                                       the score with the sentence model's
 *                                       weights refit on 9 folds and a
 *                                       threshold fit on the same 9; and
 *                                       that regression alone at p >= 0.5
 *   compare_eval --mrpc TRAIN.txt --fit-weights FILE
 *                                       fit the model on all of TRAIN and
 *                                       write lib/match/compare_weights.c
 *   compare_eval --clough DIR           Clough & Stevenson: AUC of score for
 *                                       non vs the rest, Spearman with the
 *                                       level (non < heavy < light < cut)
 * Options: --gate-spin (spin40 recall >= 0.95 at spun precision >= 0.95,
 * spin60 recall >= 0.85), --min-accuracy F, --min-auc F, --details FILE.
 * Exit status: 0 pass, 1 a gate failed, 2 usage or input error.
 */
#include <dirent.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "concord.h"
#include "match/compare_score.h"

static concord_lexicon *lex;
static concord_comparer *cmp;
static FILE *details;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    size_t k;
    while (s && (k = fread(s + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            char *t = realloc(s, cap *= 2);
            if (!t) free(s);
            s = t;
        }
    }
    fclose(f);
    if (!s) return NULL;
    s[n < cap ? n : cap - 1] = '\0';
    *len = n;
    return s;
}

static void compare(const char *a, size_t al, const char *b, size_t bl, concord_comparison *c)
{
    if (concord_compare(cmp, a, al, NULL, b, bl, NULL, c)) {
        fputs("compare_eval: concord_compare failed\n", stderr);
        exit(2);
    }
}

/* ---- seeds ---------------------------------------------------------------- */

static int by_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static int run_seeds(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        printf("seeds not found at %s; skipping\n", dir);
        return 77;
    }
    char *names[64];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        size_t l = strlen(e->d_name);
        if (l > 4 && !strcmp(e->d_name + l - 4, ".txt")) names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_str);
    char *text[64];
    size_t len[64];
    char path[4096];
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (!(text[i] = slurp(path, &len[i]))) {
            fprintf(stderr, "compare_eval: cannot read %s\n", path);
            return 2;
        }
    }
    size_t pairs = 0, story = 0, verbatim = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            concord_comparison c;
            compare(text[i], len[i], text[j], len[j], &c);
            printf("%s %s %s score=%.3f\n", names[i], names[j], concord_reuse_name(c.relation), c.score);
            pairs++;
            story += c.relation == CONCORD_REUSE_SAME_STORY;
            verbatim += c.relation == CONCORD_REUSE_VERBATIM;
        }
    printf("seeds: %zu pairs, %zu same_story, %zu verbatim\n", pairs, story, verbatim);
    for (size_t i = 0; i < n; i++) free(text[i]), free(names[i]);
    return pairs > 0 && story == pairs && verbatim == 0 ? 0 : 1;
}

/* ---- generated rewrites ---------------------------------------------------- */

static const char *const gen_types[] = {"verbatim", "excerpt", "shuffle", "spin20", "spin40",
                                        "spin60", "paraphrase", "unrelated"};
enum { NTYPES = 8, NREL = CONCORD_REUSE_UNRELATED + 1 };
/* The relation each rewrite type should get. */
static const concord_reuse expected[NTYPES] = {
    CONCORD_REUSE_VERBATIM, CONCORD_REUSE_PARTIAL, CONCORD_REUSE_VERBATIM, CONCORD_REUSE_SPUN,
    CONCORD_REUSE_SPUN, CONCORD_REUSE_SPUN, CONCORD_REUSE_PARAPHRASE, CONCORD_REUSE_UNRELATED};

static int run_rewrites(const char *path, int gate_spin)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "compare_eval: cannot read %s\n", path);
        return 2;
    }
    size_t cm[NTYPES][NREL] = {{0}};
    char *line = NULL;
    size_t cap = 0;
    double secs = 0, bytes = 0;
    size_t pairs = 0;
    while (getline(&line, &cap, f) > 0) {
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        if (!o) continue;
        const char *type = json_string_value(json_object_get(o, "type"));
        json_t *a = json_object_get(o, "a"), *b = json_object_get(o, "b");
        int t = -1;
        for (int k = 0; type && k < NTYPES; k++)
            if (!strcmp(type, gen_types[k])) t = k;
        if (t < 0 || !json_is_string(a) || !json_is_string(b)) {
            json_decref(o);
            continue;
        }
        concord_comparison c;
        double t0 = now();
        compare(json_string_value(a), json_string_length(a), json_string_value(b),
                json_string_length(b), &c);
        secs += now() - t0;
        bytes += (double)(json_string_length(a) + json_string_length(b));
        pairs++;
        cm[t][c.relation]++;
        if (details)
            fprintf(details, "%s\t%s\t%s\t%.4f\n", json_string_value(json_object_get(o, "id")), type,
                    concord_reuse_name(c.relation), c.score);
        json_decref(o);
    }
    free(line);
    fclose(f);
    printf("%-11s", "truth\\got");
    for (int r = 0; r < NREL; r++) printf(" %10s", concord_reuse_name((concord_reuse)r));
    printf("   recall\n");
    for (int t = 0; t < NTYPES; t++) {
        size_t row = 0;
        for (int r = 0; r < NREL; r++) row += cm[t][r];
        printf("%-11s", gen_types[t]);
        for (int r = 0; r < NREL; r++) printf(" %10zu", cm[t][r]);
        printf("   %.3f\n", row ? (double)cm[t][expected[t]] / (double)row : 0.0);
    }
    /* precision of each relation: predictions whose expected relation it is */
    for (int r = 0; r < NREL; r++) {
        size_t got = 0, right = 0;
        for (int t = 0; t < NTYPES; t++) {
            got += cm[t][r];
            if (expected[t] == (concord_reuse)r) right += cm[t][r];
        }
        if (got) printf("precision %-10s %.3f (%zu predicted)\n", concord_reuse_name((concord_reuse)r),
                        (double)right / (double)got, got);
    }
    double r40 = 0, r60 = 0, pspun = 0;
    size_t n40 = 0, n60 = 0, spun_got = 0, spun_right = 0;
    for (int r = 0; r < NREL; r++) n40 += cm[4][r], n60 += cm[5][r];
    r40 = n40 ? (double)cm[4][CONCORD_REUSE_SPUN] / (double)n40 : 0;
    r60 = n60 ? (double)cm[5][CONCORD_REUSE_SPUN] / (double)n60 : 0;
    for (int t = 0; t < NTYPES; t++) {
        spun_got += cm[t][CONCORD_REUSE_SPUN];
        if (expected[t] == CONCORD_REUSE_SPUN) spun_right += cm[t][CONCORD_REUSE_SPUN];
    }
    pspun = spun_got ? (double)spun_right / (double)spun_got : 0;
    printf("spin40 recall %.3f, spin60 recall %.3f, spun precision %.3f\n", r40, r60, pspun);
    printf("speed: %zu pairs in %.3f s: %.0f pairs/s (mean %.0f bytes a pair; compare only)\n", pairs,
           secs, secs > 0 ? (double)pairs / secs : 0.0, pairs ? bytes / (double)pairs : 0.0);
    if (gate_spin && !(r40 >= 0.95 && pspun >= 0.95 && r60 >= 0.85)) {
        puts("FAIL: spin gate");
        return 1;
    }
    return 0;
}

/* ---- MRPC ---------------------------------------------------------------- */

typedef struct item {
    int label;
    double score;                        /* with the weights of the item's fold */
    double f[CONCORD_FEATURE_MAX];       /* the features */
    double x[COMPARE_MODEL_INPUTS];      /* the model's inputs */
} item;

enum { NX = COMPARE_MODEL_INPUTS, FOLDS = 10 };

/* In fold k (fold = pair index mod FOLDS) for training when k != skip
   (skip -1: every item trains). */
static int trains(size_t i, int skip)
{
    return (int)(i % FOLDS) != skip;
}

/* Best accuracy threshold on the scores of the training items (grid 0.00-1.00 by 0.01). */
static double fit_threshold(const item *v, size_t n, int skip)
{
    double best_t = 0.5, best = -1;
    for (int s = 0; s <= 100; s++) {
        double t = s / 100.0;
        size_t ok = 0, m = 0;
        for (size_t i = 0; i < n; i++) {
            if (!trains(i, skip)) continue;
            m++;
            ok += (v[i].score >= t) == v[i].label;
        }
        double acc = m ? (double)ok / (double)m : 0;
        if (acc > best) best = acc, best_t = t;
    }
    return best_t;
}

/* Solve a x = b (d x d, row-major) in place by Gaussian elimination with
   partial pivoting; the solution replaces b. */
static void solve(double *a, double *b, size_t d)
{
    for (size_t i = 0; i < d; i++) {
        size_t p = i;
        for (size_t r = i + 1; r < d; r++)
            if (fabs(a[r * d + i]) > fabs(a[p * d + i])) p = r;
        if (p != i) {
            for (size_t k = 0; k < d; k++) {
                double t = a[i * d + k];
                a[i * d + k] = a[p * d + k], a[p * d + k] = t;
            }
            double t = b[i];
            b[i] = b[p], b[p] = t;
        }
        for (size_t r = i + 1; r < d; r++) {
            double q = a[r * d + i] / a[i * d + i];
            for (size_t k = i; k < d; k++) a[r * d + k] -= q * a[i * d + k];
            b[r] -= q * b[i];
        }
    }
    for (size_t i = d; i-- > 0;) {
        for (size_t k = i + 1; k < d; k++) b[i] -= a[i * d + k] * b[k];
        b[i] /= a[i * d + i];
    }
}

#define L2 3.0 /* ridge on the standardised weights (a sum over items, not a mean) */

/* Logistic regression on the training items by Newton's method (25
   steps), inputs standardised on those items, ridge L2; the weights are
   returned on the raw inputs: w[0..NX) and the bias w[NX], as
   compare_score() takes them. */
static void fit_logistic(const item *v, size_t n, int skip, double *w)
{
    enum { D = NX + 1 };
    static double h[D * D];
    double mu[NX] = {0}, sd[NX] = {0}, u[D] = {0}, g[D], z[D];
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (trains(i, skip)) {
            m++;
            for (size_t k = 0; k < NX; k++) mu[k] += v[i].x[k];
        }
    for (size_t k = 0; k < NX; k++) mu[k] /= (double)m;
    for (size_t i = 0; i < n; i++)
        if (trains(i, skip))
            for (size_t k = 0; k < NX; k++) sd[k] += (v[i].x[k] - mu[k]) * (v[i].x[k] - mu[k]);
    for (size_t k = 0; k < NX; k++) /* a constant input keeps weight 0 */
        sd[k] = sd[k] > 0 ? sqrt(sd[k] / (double)m) : 1;
    for (int step = 0; step < 25; step++) {
        for (size_t k = 0; k < D; k++) g[k] = 0;
        for (size_t k = 0; k < D * D; k++) h[k] = 0;
        for (size_t i = 0; i < n; i++) {
            if (!trains(i, skip)) continue;
            for (size_t k = 0; k < NX; k++) z[k] = (v[i].x[k] - mu[k]) / sd[k];
            z[NX] = 1;
            double t = 0;
            for (size_t k = 0; k < D; k++) t += u[k] * z[k];
            double p = 1 / (1 + exp(-t)), e = p - v[i].label, r = p * (1 - p);
            for (size_t a = 0; a < D; a++) {
                g[a] += e * z[a];
                for (size_t b = 0; b <= a; b++) h[a * D + b] += r * z[a] * z[b];
            }
        }
        for (size_t a = 0; a < D; a++)
            for (size_t b = 0; b < a; b++) h[b * D + a] = h[a * D + b];
        for (size_t k = 0; k < NX; k++) h[k * D + k] += L2, g[k] += L2 * u[k];
        solve(h, g, D);
        for (size_t k = 0; k < D; k++) u[k] -= g[k];
    }
    w[NX] = u[NX];
    for (size_t k = 0; k < NX; k++) {
        w[k] = u[k] / sd[k];
        w[NX] -= u[k] * mu[k] / sd[k];
    }
}

/* lib/match/compare_weights.c with the weights w. */
static int write_weights(const char *path, const double *w, size_t n)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return 2;
    }
    fprintf(f, "/*\n * compare_weights.c - the weights of the sentence model of concord_compare()\n"
               " * (compare_score.h; docs/compare.md, \"Score\"). Generated: a logistic\n"
               " * regression fitted on all %zu pairs of MRPC train by\n"
               " *   build/eval/compare_eval --mrpc ../shared/corpora/mrpc/msr_paraphrase_train.txt \\\n"
               " *       --fit-weights lib/match/compare_weights.c\n"
               " * Do not edit by hand.\n */\n"
               "#include \"match/compare_score.h\"\n\n"
               "const double compare_model_weights[COMPARE_MODEL_INPUTS + 1] = {\n",
            n);
    for (size_t k = 0; k <= NX; k++) {
        const char *name = k < F_COUNT  ? concord_feature_name(k)
                           : k < NX - 1 ? "log(1 + count)"
                           : k < NX     ? "article formula"
                                        : "bias";
        fprintf(f, "    %.17g, /* %zu %s */\n", w[k], k, name);
    }
    fputs("};\n", f);
    return fclose(f) ? 2 : 0;
}

static int run_mrpc(const char *path, double min_acc, const char *weights_out)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("MRPC not found at %s; skipping\n", path);
        return 77;
    }
    size_t cap = 0, n = 0, vcap = 4096;
    char *line = NULL;
    item *v = malloc(vcap * sizeof *v);
    double secs = 0;
    while (v && getline(&line, &cap, f) > 0) {
        if (line[0] != '0' && line[0] != '1') continue; /* header */
        char *fld[5];
        char *p = line;
        int k = 0;
        for (; k < 5 && p; k++) {
            fld[k] = p;
            p = strchr(p, '\t');
            if (p) *p++ = '\0';
        }
        if (k < 5) continue;
        size_t l4 = strcspn(fld[4], "\r\n");
        if (n == vcap) {
            item *t = realloc(v, (vcap *= 2) * sizeof *v);
            if (!t) free(v);
            v = t;
            if (!v) break;
        }
        concord_comparison c;
        double t0 = now();
        compare(fld[3], strlen(fld[3]), fld[4], l4, &c);
        secs += now() - t0;
        v[n].label = fld[0][0] == '1';
        memcpy(v[n].f, c.features, sizeof v[n].f);
        compare_model_inputs(v[n].f, v[n].x);
        if (details) {
            fprintf(details, "%d\t%.4f\t%s", v[n].label, c.score, concord_reuse_name(c.relation));
            for (size_t j = 0; j < c.feature_count; j++) fprintf(details, "\t%.4f", c.features[j]);
            fputc('\n', details);
        }
        n++;
    }
    free(line);
    fclose(f);
    if (!v || !n) {
        free(v);
        fputs("compare_eval: no MRPC pairs read\n", stderr);
        return 2;
    }
    double w[NX + 1];
    if (weights_out) {
        fit_logistic(v, n, -1, w);
        int r = write_weights(weights_out, w, n);
        free(v);
        if (!r) printf("wrote the weights fitted on all %zu pairs to %s\n", n, weights_out);
        return r;
    }
    /* Everything learnt is refit on the nine other folds: the model's
       weights, then the threshold on the score those weights give. */
    size_t tp[2] = {0}, fp[2] = {0}, fn[2] = {0}, ok[2] = {0}, pos = 0;
    double thr_sum = 0;
    for (int fold = 0; fold < FOLDS; fold++) {
        fit_logistic(v, n, fold, w);
        for (size_t i = 0; i < n; i++) v[i].score = compare_score(v[i].f, w);
        double t = fit_threshold(v, n, fold);
        thr_sum += t;
        for (size_t i = (size_t)fold; i < n; i += FOLDS) {
            double z = w[NX];
            for (size_t k = 0; k < NX; k++) z += w[k] * v[i].x[k];
            int pred[2] = {v[i].score >= t, z >= 0};
            for (int m = 0; m < 2; m++) {
                ok[m] += pred[m] == v[i].label;
                tp[m] += pred[m] && v[i].label;
                fp[m] += pred[m] && !v[i].label;
                fn[m] += !pred[m] && v[i].label;
            }
        }
    }
    for (size_t i = 0; i < n; i++) pos += (size_t)v[i].label;
    printf("MRPC train: %zu pairs, %.3f positive (always-paraphrase accuracy); %.0f pairs/s\n", n,
           (double)pos / (double)n, secs > 0 ? (double)n / secs : 0.0);
    const char *what[2] = {"threshold on score (weights and threshold fit on the other folds)",
                           "logistic regression alone, p >= 0.5 (fit on the other folds)"};
    double acc[2];
    for (int m = 0; m < 2; m++) {
        acc[m] = (double)ok[m] / (double)n;
        double prec = tp[m] + fp[m] ? (double)tp[m] / (double)(tp[m] + fp[m]) : 0;
        double rec = tp[m] + fn[m] ? (double)tp[m] / (double)(tp[m] + fn[m]) : 0;
        printf("10-fold CV, %s: accuracy %.4f, F1 %.4f (P %.3f R %.3f)\n", what[m], acc[m],
               prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0, prec, rec);
    }
    printf("mean threshold %.3f\n", thr_sum / FOLDS);
    free(v);
    if (min_acc > 0 && acc[0] < min_acc) {
        printf("FAIL: accuracy of the score below %.3f\n", min_acc);
        return 1;
    }
    return 0;
}

/* ---- Clough & Stevenson ---------------------------------------------------- */

typedef struct rated {
    double score;
    int level; /* 0 non, 1 heavy, 2 light, 3 cut */
} rated;

static int by_score(const void *x, const void *y)
{
    const rated *p = x, *q = y;
    return (p->score > q->score) - (p->score < q->score);
}

/* Average ranks (1-based) of v sorted by score, ties averaged. */
static void ranks(rated *v, size_t n, double *r)
{
    qsort(v, n, sizeof *v, by_score);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && v[j].score == v[i].score) j++;
        for (size_t k = i; k < j; k++) r[k] = (double)(i + j + 1) / 2.0;
        i = j;
    }
}

static int run_clough(const char *dir, double min_auc)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/file_information.csv", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("Clough & Stevenson corpus not found at %s; skipping\n", dir);
        return 77;
    }
    static const char *const levels[] = {"non", "heavy", "light", "cut"};
    char *orig[5] = {0};
    size_t olen[5];
    for (int t = 0; t < 5; t++) {
        snprintf(path, sizeof path, "%s/orig_task%c.txt", dir, 'a' + t);
        if (!(orig[t] = slurp(path, &olen[t]))) {
            fprintf(stderr, "compare_eval: cannot read %s\n", path);
            return 2;
        }
    }
    rated v[256];
    size_t n = 0, per[4][NREL] = {{0}};
    char line[512];
    while (fgets(line, sizeof line, f) && n < 256) {
        char file[256], task[8], cat[32];
        if (sscanf(line, "%255[^,],%7[^,],%31[^,\r\n]", file, task, cat) != 3) continue;
        int level = -1;
        for (int k = 0; k < 4; k++)
            if (!strcmp(cat, levels[k])) level = k;
        if (level < 0 || task[0] < 'a' || task[0] > 'e') continue;
        snprintf(path, sizeof path, "%s/%s", dir, file);
        size_t len;
        char *text = slurp(path, &len);
        if (!text) continue;
        concord_comparison c;
        int t = task[0] - 'a';
        compare(orig[t], olen[t], text, len, &c);
        free(text);
        v[n].score = c.score;
        v[n].level = level;
        per[level][c.relation]++;
        if (details) {
            fprintf(details, "%s\t%s\t%.4f\t%s", file, cat, c.score, concord_reuse_name(c.relation));
            for (size_t j = 0; j < c.feature_count; j++) fprintf(details, "\t%.4f", c.features[j]);
            fputc('\n', details);
        }
        n++;
    }
    fclose(f);
    for (int t = 0; t < 5; t++) free(orig[t]);
    double r[256];
    ranks(v, n, r);
    /* AUC non (negative) vs rest (positive): Mann-Whitney U. */
    double rank_pos = 0;
    size_t npos = 0, nneg = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].level > 0) rank_pos += r[i], npos++;
        else nneg++;
    }
    double auc = npos && nneg ? (rank_pos - (double)npos * (double)(npos + 1) / 2) / ((double)npos * (double)nneg) : 0;
    /* Spearman: Pearson of score ranks and level ranks. */
    rated lv[256];
    double rl[256];
    for (size_t i = 0; i < n; i++) lv[i].score = v[i].level, lv[i].level = (int)i;
    ranks(lv, n, rl);
    double rlev[256];
    for (size_t i = 0; i < n; i++) rlev[lv[i].level] = rl[i];
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) mx += r[i], my += rlev[i];
    mx /= (double)n, my /= (double)n;
    for (size_t i = 0; i < n; i++) {
        sxy += (r[i] - mx) * (rlev[i] - my);
        sxx += (r[i] - mx) * (r[i] - mx);
        syy += (rlev[i] - my) * (rlev[i] - my);
    }
    printf("Clough & Stevenson: %zu answers; AUC non vs rest %.4f; Spearman(score, level) %.4f\n", n,
           auc, sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : 0.0);
    for (int k = 0; k < 4; k++) {
        printf("  %-6s", levels[k]);
        for (int m = 0; m < NREL; m++)
            if (per[k][m]) printf(" %s=%zu", concord_reuse_name((concord_reuse)m), per[k][m]);
        putchar('\n');
    }
    if (min_auc > 0 && auc < min_auc) {
        printf("FAIL: AUC below %.3f\n", min_auc);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    enum { O_SEEDS = 256, O_REWRITES, O_MRPC, O_CLOUGH, O_GATE_SPIN, O_MIN_ACC, O_MIN_AUC, O_DETAILS,
           O_NO_SYN, O_FIT_WEIGHTS };
    static const struct option opts[] = {
        {"seeds", required_argument, NULL, O_SEEDS},
        {"rewrites", required_argument, NULL, O_REWRITES},
        {"mrpc", required_argument, NULL, O_MRPC},
        {"clough", required_argument, NULL, O_CLOUGH},
        {"gate-spin", no_argument, NULL, O_GATE_SPIN},
        {"min-accuracy", required_argument, NULL, O_MIN_ACC},
        {"min-auc", required_argument, NULL, O_MIN_AUC},
        {"details", required_argument, NULL, O_DETAILS},
        {"no-synonyms", no_argument, NULL, O_NO_SYN},
        {"fit-weights", required_argument, NULL, O_FIT_WEIGHTS},
        {NULL, 0, NULL, 0},
    };
    const char *seeds = NULL, *rewrites = NULL, *mrpc = NULL, *clough = NULL, *weights_out = NULL;
    int gate_spin = 0, synonyms = 1, c;
    double min_acc = 0, min_auc = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_SEEDS: seeds = optarg; break;
        case O_REWRITES: rewrites = optarg; break;
        case O_MRPC: mrpc = optarg; break;
        case O_CLOUGH: clough = optarg; break;
        case O_GATE_SPIN: gate_spin = 1; break;
        case O_MIN_ACC: min_acc = strtod(optarg, NULL); break;
        case O_MIN_AUC: min_auc = strtod(optarg, NULL); break;
        case O_NO_SYN: synonyms = 0; break;
        case O_FIT_WEIGHTS: weights_out = optarg; break;
        case O_DETAILS:
            if (!(details = fopen(optarg, "w"))) {
                perror(optarg);
                return 2;
            }
            break;
        default: return 2;
        }
    }
    if (!seeds && !rewrites && !mrpc && !clough) {
        fputs("usage: compare_eval --seeds DIR | --rewrites PAIRS | --mrpc TRAIN | --clough DIR\n", stderr);
        return 2;
    }
    char msg[512];
    if (synonyms && concord_lexicon_create(&lex, NULL, msg, sizeof msg)) {
        fprintf(stderr, "compare_eval: %s; no synonyms\n", msg);
        lex = NULL;
    }
    if (concord_comparer_create(&cmp, lex)) return 2;
    int rc = 0, r;
    if (seeds && (r = run_seeds(seeds)) > rc) rc = r;
    if (rewrites && (r = run_rewrites(rewrites, gate_spin)) > rc) rc = r;
    if (mrpc && (r = run_mrpc(mrpc, min_acc, weights_out)) > rc) rc = r;
    if (clough && (r = run_clough(clough, min_auc)) > rc) rc = r;
    concord_comparer_free(cmp);
    concord_lexicon_free(lex);
    if (details) fclose(details);
    return rc;
}
