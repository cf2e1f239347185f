/*
 * stories_fit.c - fit the coefficients of the stories engine's learned
 * join decision (lib/story/model.c) on labelled stories.
 *
 *   stories_fit CORPUS.jsonl LABELS [--part a|b|all] [--rounds N] [--l2 F]
 *               [--dump FILE]
 *
 * The corpus is clustered the way `concord stories` does it (articles in
 * date order, undated ones after their predecessor in the input; the
 * engine's default options). For every LABELLED article of the chosen part
 * (stories_eval's halves: a hash of the label) and every story the engine
 * scores exactly for it, a row is recorded: the pair's features (FEAT_*)
 * and whether the story already holds an article of the same label
 * (1: it holds one and no more of any other label; 0: it holds none;
 * stories with a mix of labels where ours is not the majority are left
 * out). Rows are the engine's own decisions' consequences, so the fit is
 * iterated: round 1 clusters with the weighted formula (the default),
 * every later round with the model fitted so far, and each fit uses the
 * rows of all rounds (so the model learns the situations its own choices
 * lead to). The fit is an L2-regularised logistic regression (bias not
 * penalised) solved by Newton's method. Prints the coefficients as the C
 * initialiser of story_model[] and, per round, the rows and the training
 * log-loss. Deterministic. --dump FILE writes the last round's rows for
 * error analysis: article id, date, story, labelled members of the same
 * and of other labels, y, the features.
 *
 * Reads the labels only of the chosen part: fit on part a, report part b
 * (eval/stories.sh) as the held-out check.
 * Exit status: 0 success, 2 usage or input error.
 */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concord.h"
#include "story/story_internal.h"

typedef struct doc {
    char *id, *title, *date, *text;
    size_t title_len, date_len, text_len;
    char key[32];
    size_t input;
    int label; /* index into labels, -1 when unlabelled or not in the part */
} doc;

typedef struct row {
    double f[FEAT_COUNT];
    int y;
} row;

typedef struct fit {
    doc *docs; /* in add order */
    size_t n;
    row *rows;
    size_t rows_len, rows_cap;
    size_t positives, no_positive; /* articles whose candidates hold no positive */
    size_t cur_has_pos;
    FILE *dump; /* --dump: one line per row of the last round, or NULL */
} fit;

static void die(const char *msg)
{
    fprintf(stderr, "stories_fit: %s\n", msg);
    exit(2);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) die("out of memory");
    return p;
}

static char *xdup(const char *s, size_t n)
{
    char *p = xrealloc(NULL, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static uint32_t fnv(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* ---- labels: id -> label number ---- */

typedef struct label_row {
    char *id;
    int label;
} label_row;

static int by_id(const void *a, const void *b)
{
    return strcmp(((const label_row *)a)->id, ((const label_row *)b)->id);
}

static label_row *read_labels(const char *path, char part, size_t *count)
{
    FILE *f = fopen(path, "r");
    if (!f) die("cannot open the labels");
    label_row *v = NULL;
    size_t n = 0, cap = 0;
    char **names = NULL;
    size_t names_n = 0;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        line[strcspn(line, "\r\n")] = 0;
        char *tab = strchr(line, '\t');
        if (!tab) die("bad label line");
        *tab = 0;
        if (part && (fnv(line) & 1) != (unsigned)(part == 'b')) continue;
        int label = -1;
        for (size_t i = 0; i < names_n; i++)
            if (!strcmp(names[i], line)) label = (int)i;
        if (label < 0) {
            names = xrealloc(names, (names_n + 1) * sizeof *names);
            names[names_n] = xdup(line, strlen(line));
            label = (int)names_n++;
        }
        if (n == cap) v = xrealloc(v, (cap = cap ? 2 * cap : 256) * sizeof *v);
        v[n++] = (label_row){xdup(tab + 1, strlen(tab + 1)), label};
    }
    fclose(f);
    for (size_t i = 0; i < names_n; i++) free(names[i]);
    free(names);
    qsort(v, n, sizeof *v, by_id);
    *count = n;
    return v;
}

/* ---- corpus in the order of `concord stories` ---- */

static const char *str_field(json_t *o, const char *k, size_t *len)
{
    json_t *v = json_object_get(o, k);
    if (!json_is_string(v)) {
        *len = 0;
        return "";
    }
    *len = json_string_length(v);
    return json_string_value(v);
}

static int by_key(const void *pa, const void *pb)
{
    const doc *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->input > b->input) - (a->input < b->input);
}

static doc *read_corpus(const char *path, const label_row *labels, size_t label_n, size_t *count)
{
    FILE *f = fopen(path, "r");
    if (!f) die("cannot open the corpus");
    doc *d = NULL;
    size_t n = 0, cap = 0, line_cap = 0;
    char *line = NULL, last_key[32] = "";
    ssize_t got;
    while ((got = getline(&line, &line_cap, f)) > 0) {
        json_error_t err;
        json_t *o = json_loadb(line, (size_t)got, 0, &err);
        if (!o) continue;
        size_t id_len, tl, dl, xl;
        const char *id = str_field(o, "id", &id_len);
        const char *title = str_field(o, "title", &tl);
        const char *date = str_field(o, "date", &dl);
        const char *text = str_field(o, "text", &xl);
        if (n == cap) d = xrealloc(d, (cap = cap ? 2 * cap : 1024) * sizeof *d);
        doc *x = &d[n];
        x->id = xdup(id, id_len);
        x->title = xdup(title, tl);
        x->title_len = tl;
        x->date = xdup(date, dl);
        x->date_len = dl;
        x->text = xdup(text, xl);
        x->text_len = xl;
        x->input = n;
        char iso[32];
        size_t k = dl ? concord_date_iso(date, dl, iso, sizeof iso - 1) : 0;
        if (k) {
            iso[k] = 0;
            memcpy(last_key, iso, k + 1);
        }
        memcpy(x->key, last_key, sizeof x->key);
        label_row probe = {x->id, 0};
        const label_row *l = bsearch(&probe, labels, label_n, sizeof *labels, by_id);
        x->label = l ? l->label : -1;
        n++;
        json_decref(o);
    }
    free(line);
    fclose(f);
    qsort(d, n, sizeof *d, by_key);
    *count = n;
    return d;
}

/* ---- rows ---- */

static void on_score(void *ctx, const concord_stories *s, uint32_t si, const double *f)
{
    fit *ft = ctx;
    const doc *a = &ft->docs[s->article_count]; /* the article being added */
    if (a->label < 0) return;
    const story *st = &s->stories[si];
    size_t same = 0, other = 0;
    for (uint32_t i = 0; i < st->member_count; i++) {
        int l = ft->docs[st->members[i]].label;
        if (l == a->label) same++;
        else if (l >= 0) other++;
    }
    if (same && same < other) return; /* a mixed story: no clear answer */
    if (ft->rows_len == ft->rows_cap)
        ft->rows = xrealloc(ft->rows, (ft->rows_cap = ft->rows_cap ? 2 * ft->rows_cap : 4096) *
                                          sizeof *ft->rows);
    row *r = &ft->rows[ft->rows_len++];
    memcpy(r->f, f, sizeof r->f);
    r->y = same > 0;
    if (ft->dump) {
        fprintf(ft->dump, "%s\t%s\t%u\t%zu\t%zu\t%d", a->id, a->key, si + 1, same, other, r->y);
        for (int k = 0; k < FEAT_COUNT; k++) fprintf(ft->dump, "\t%.4f", f[k]);
        fputc('\n', ft->dump);
    }
    ft->positives += r->y;
    ft->cur_has_pos |= r->y;
}

static void cluster(fit *ft, const double *model)
{
    concord_stories_options o;
    concord_stories_options_init(&o);
    o.learned = model != NULL;
    concord_stories *s;
    if (concord_stories_create(&s, &o)) die("cannot create the engine");
    if (model) memcpy(s->model, model, sizeof s->model);
    s->trace = on_score;
    s->trace_ctx = ft;
    for (size_t i = 0; i < ft->n; i++) {
        doc *d = &ft->docs[i];
        concord_doc_meta meta = {d->date, d->date_len, d->title, d->title_len, NULL, 0};
        ft->cur_has_pos = 0;
        if (concord_stories_add(s, d->id, strlen(d->id), d->text, d->text_len, &meta, NULL))
            die("add failed");
        if (d->label >= 0 && !ft->cur_has_pos) ft->no_positive++;
    }
    concord_stories_free(s);
}

/* ---- logistic regression by Newton's method ---- */

/* Solve a x = b (n x n, row-major) by Gaussian elimination with partial
   pivoting; a and b are destroyed. */
static int solve(double *a, double *b, double *x, int n)
{
    for (int c = 0; c < n; c++) {
        int p = c;
        for (int r = c + 1; r < n; r++)
            if (fabs(a[r * n + c]) > fabs(a[p * n + c])) p = r;
        if (fabs(a[p * n + c]) < 1e-12) return -1;
        if (p != c) {
            for (int k = 0; k < n; k++) {
                double t = a[c * n + k];
                a[c * n + k] = a[p * n + k];
                a[p * n + k] = t;
            }
            double t = b[c];
            b[c] = b[p];
            b[p] = t;
        }
        for (int r = c + 1; r < n; r++) {
            double m = a[r * n + c] / a[c * n + c];
            for (int k = c; k < n; k++) a[r * n + k] -= m * a[c * n + k];
            b[r] -= m * b[c];
        }
    }
    for (int r = n - 1; r >= 0; r--) {
        double v = b[r];
        for (int k = r + 1; k < n; k++) v -= a[r * n + k] * x[k];
        x[r] = v / a[r * n + r];
    }
    return 0;
}

/* Minimise sum log-loss + l2/2 |w without bias|^2; returns the mean log-loss. */
static double logistic_fit(const row *rows, size_t n, double l2, double *w)
{
    enum { K = FEAT_COUNT };
    for (int it = 0; it < 50; it++) {
        double h[K * K] = {0}, g[K] = {0}, step[K];
        for (size_t i = 0; i < n; i++) {
            double p = story_model_probability(w, rows[i].f);
            double q = p * (1 - p);
            for (int a = 0; a < K; a++) {
                g[a] += (p - rows[i].y) * rows[i].f[a];
                for (int b = 0; b < K; b++) h[a * K + b] += q * rows[i].f[a] * rows[i].f[b];
            }
        }
        for (int a = 1; a < K; a++) {
            g[a] += l2 * w[a];
            h[a * K + a] += l2;
        }
        h[0] += 1e-9;
        if (solve(h, g, step, K)) die("singular Hessian");
        double change = 0;
        for (int a = 0; a < K; a++) {
            w[a] -= step[a];
            change += fabs(step[a]);
        }
        if (change < 1e-9) break;
    }
    double loss = 0;
    for (size_t i = 0; i < n; i++) {
        double p = story_model_probability(w, rows[i].f);
        p = p < 1e-12 ? 1e-12 : p > 1 - 1e-12 ? 1 - 1e-12 : p;
        loss -= rows[i].y ? log(p) : log(1 - p);
    }
    return n ? loss / (double)n : 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: stories_fit CORPUS.jsonl LABELS [--part a|b|all] [--rounds N] [--l2 F]\n",
              stderr);
        return 2;
    }
    char part = 'a';
    int rounds = 3;
    double l2 = 1.0;
    const char *dump_path = NULL;
    for (int i = 3; i < argc; i++) {
        if (!strcmp(argv[i], "--part") && i + 1 < argc) {
            const char *p = argv[++i];
            part = !strcmp(p, "a") ? 'a' : !strcmp(p, "b") ? 'b' : 0;
        } else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
            rounds = (int)strtol(argv[++i], NULL, 10);
        } else if (!strcmp(argv[i], "--l2") && i + 1 < argc) {
            l2 = strtod(argv[++i], NULL);
        } else if (!strcmp(argv[i], "--dump") && i + 1 < argc) {
            dump_path = argv[++i];
        } else {
            die("bad option");
        }
    }
    if (rounds < 1) die("--rounds must be at least 1");
    size_t label_n;
    label_row *labels = read_labels(argv[2], part, &label_n);
    fit ft = {0};
    ft.docs = read_corpus(argv[1], labels, label_n, &ft.n);
    double w[FEAT_COUNT] = {0};
    for (int r = 0; r < rounds; r++) {
        size_t before = ft.rows_len, pos = ft.positives;
        ft.no_positive = 0;
        if (r == rounds - 1 && dump_path && !(ft.dump = fopen(dump_path, "w")))
            die("cannot write the dump");
        cluster(&ft, r ? w : NULL);
        double loss = logistic_fit(ft.rows, ft.rows_len, l2, w);
        printf("# round %d (%s): %zu rows (%zu positive), %zu labelled articles without a "
               "positive candidate; fit on %zu rows: log-loss %.4f\n",
               r + 1, r ? "model" : "linear formula", ft.rows_len - before,
               ft.positives - pos, ft.no_positive, ft.rows_len, loss);
    }
    if (ft.dump) fclose(ft.dump);
    printf("const double story_model[FEAT_COUNT] = {\n");
    for (int k = 0; k < FEAT_COUNT; k++) printf("    %.4f, /* %s */\n", w[k], story_feature_names[k]);
    printf("};\n");
    for (size_t i = 0; i < ft.n; i++) {
        free(ft.docs[i].id);
        free(ft.docs[i].title);
        free(ft.docs[i].date);
        free(ft.docs[i].text);
    }
    free(ft.docs);
    free(ft.rows);
    for (size_t i = 0; i < label_n; i++) free(labels[i].id);
    free(labels);
    return 0;
}
