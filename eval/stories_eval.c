/*
 * stories_eval.c - grade `concord stories` against hand-labelled stories.
 *
 *   stories_eval LABELS OUTPUT [--min-bcubed-f1 F] [--part all|a|b]
 *
 * LABELS: "story<TAB>article_id" lines (# comments), e.g.
 * eval/stories/reuters_dev.tsv. OUTPUT: the --format tsv output of
 * `concord stories` ("article<TAB>ID<TAB>STORY" rows; other rows ignored).
 * Only labelled articles are scored, each against the others: the system's
 * clusters are cut down to the labelled articles (so unlabelled
 * distractors matter only through what they pulled in or split off).
 * Prints BCubed precision/recall/F1 (Bagga & Baldwin 1998; Amigo et al.
 * 2009) and pairwise precision/recall/F1. --part a or b keeps only the
 * stories whose label hashes to that half (a fixed split for a held-out
 * check). Exit 1 when BCubed F1 < --min-bcubed-f1, 2 on bad input.
 * Independent of concord's code: it reads the command's output only.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct item {
    char *id;
    char *label;
    long system; /* system story, -1 when the article is missing from OUTPUT */
} item;

static char *dup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) {
        fputs("stories_eval: out of memory\n", stderr);
        exit(2);
    }
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

static int by_id(const void *a, const void *b)
{
    return strcmp(((const item *)a)->id, ((const item *)b)->id);
}

static int by_label_system(const void *pa, const void *pb)
{
    const item *a = *(item *const *)pa, *b = *(item *const *)pb;
    int c = strcmp(a->label, b->label);
    if (c) return c;
    return (a->system > b->system) - (a->system < b->system);
}

static int by_system(const void *pa, const void *pb)
{
    const item *a = *(item *const *)pa, *b = *(item *const *)pb;
    return (a->system > b->system) - (a->system < b->system);
}

/* Group sizes of consecutive equal runs under cmp; sizes[i] = size of i's run. */
static void run_sizes(item **v, size_t n, int (*cmp)(const void *, const void *), double *sizes)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i + 1;
        while (j < n && !cmp(&v[i], &v[j])) j++;
        for (size_t k = i; k < j; k++) sizes[k] = (double)(j - i);
        i = j;
    }
}

int main(int argc, char **argv)
{
    double min_f1 = -1;
    char part = 0;
    const char *labels = NULL, *output = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--min-bcubed-f1") && i + 1 < argc) {
            char *end;
            min_f1 = strtod(argv[++i], &end);
            if (end == argv[i] || *end || min_f1 < 0 || min_f1 > 1) {
                fprintf(stderr, "stories_eval: bad --min-bcubed-f1 '%s'\n", argv[i]);
                return 2;
            }
        }
        else if (!strcmp(argv[i], "--part") && i + 1 < argc) {
            const char *p = argv[++i];
            part = !strcmp(p, "a") ? 'a' : !strcmp(p, "b") ? 'b' : 0;
            if (!part && strcmp(p, "all")) {
                fprintf(stderr, "stories_eval: bad --part '%s' (all, a or b)\n", p);
                return 2;
            }
        } else if (!labels) labels = argv[i];
        else if (!output) output = argv[i];
        else {
            fprintf(stderr, "stories_eval: unexpected argument '%s'\n", argv[i]);
            return 2;
        }
    }
    if (!labels || !output) {
        fputs("usage: stories_eval LABELS OUTPUT [--min-bcubed-f1 F] [--part all|a|b]\n", stderr);
        return 2;
    }
    FILE *f = fopen(labels, "r");
    if (!f) {
        perror(labels);
        return 2;
    }
    item *items = NULL;
    size_t n = 0, cap = 0;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) {
            fprintf(stderr, "stories_eval: %s: bad line '%s'\n", labels, line);
            return 2;
        }
        *tab = 0;
        if (part && (fnv(line) & 1) != (unsigned)(part == 'b')) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 512;
            items = realloc(items, cap * sizeof *items);
            if (!items) return 2;
        }
        items[n].label = dup(line, strlen(line));
        items[n].id = dup(tab + 1, strlen(tab + 1));
        items[n].system = -1;
        n++;
    }
    fclose(f);
    if (!n) {
        fputs("stories_eval: no labelled articles\n", stderr);
        return 2;
    }
    qsort(items, n, sizeof *items, by_id);
    for (size_t i = 1; i < n; i++)
        if (!strcmp(items[i].id, items[i - 1].id)) {
            fprintf(stderr, "stories_eval: %s labelled twice\n", items[i].id);
            return 2;
        }
    if (!(f = fopen(output, "r"))) {
        perror(output);
        return 2;
    }
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "article\t", 8)) continue;
        char *id = line + 8, *tab = strchr(id, '\t');
        if (!tab) continue;
        *tab = 0;
        item key = {.id = id};
        item *it = bsearch(&key, items, n, sizeof *items, by_id);
        if (it) it->system = strtol(tab + 1, NULL, 10);
    }
    fclose(f);
    size_t missing = 0;
    long next_missing = -2; /* a missing article is a story of its own */
    for (size_t i = 0; i < n; i++)
        if (items[i].system == -1) missing++, items[i].system = next_missing--;

    item **v = malloc(n * sizeof *v);
    double *both = malloc(n * sizeof *both), *sys = malloc(n * sizeof *sys),
           *lab = malloc(n * sizeof *lab);
    if (!v || !both || !sys || !lab) return 2;
    for (size_t i = 0; i < n; i++) v[i] = &items[i];
    /* Sizes per item: same label and system; same system; same label. */
    qsort(v, n, sizeof *v, by_label_system);
    run_sizes(v, n, by_label_system, both);
    double *tmp = malloc(n * sizeof *tmp);
    if (!tmp) return 2;
    /* Label runs: compare labels only. */
    size_t i = 0, labels_n = 0;
    while (i < n) {
        size_t j = i + 1;
        while (j < n && !strcmp(v[i]->label, v[j]->label)) j++;
        for (size_t k = i; k < j; k++) lab[k] = (double)(j - i);
        labels_n++;
        i = j;
    }
    /* System sizes, mapped back to the label order through a second sort. */
    item **w = malloc(n * sizeof *w);
    if (!w) return 2;
    memcpy(w, v, n * sizeof *w);
    qsort(w, n, sizeof *w, by_system);
    run_sizes(w, n, by_system, tmp);
    for (size_t k = 0; k < n; k++) {
        /* find v[k] in w by binary search on system, then scan for identity */
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (w[mid]->system < v[k]->system) lo = mid + 1;
            else hi = mid;
        }
        sys[k] = tmp[lo];
    }
    double bp = 0, br = 0, tp = 0, sys_pairs = 0, lab_pairs = 0;
    for (size_t k = 0; k < n; k++) {
        bp += both[k] / sys[k];
        br += both[k] / lab[k];
        /* each item contributes (size - 1) / 2 to the pair counts of its group */
        tp += (both[k] - 1) / 2;
        sys_pairs += (sys[k] - 1) / 2;
        lab_pairs += (lab[k] - 1) / 2;
    }
    bp /= (double)n;
    br /= (double)n;
    double bf = bp + br > 0 ? 2 * bp * br / (bp + br) : 0;
    double pp = sys_pairs > 0 ? tp / sys_pairs : 1, pr = lab_pairs > 0 ? tp / lab_pairs : 1;
    double pf = pp + pr > 0 ? 2 * pp * pr / (pp + pr) : 0;
    size_t systems = 0;
    for (size_t k = 0; k < n; k++)
        if (!k || w[k]->system != w[k - 1]->system) systems++;
    printf("labelled articles %zu in %zu stories%s; the system puts them in %zu stories; "
           "%zu missing from the output\n",
           n, labels_n, part ? (part == 'a' ? " (part a)" : " (part b)") : "", systems, missing);
    printf("BCubed   precision %.4f recall %.4f F1 %.4f\n", bp, br, bf);
    printf("pairwise precision %.4f recall %.4f F1 %.4f\n", pp, pr, pf);
    int rc = min_f1 >= 0 && bf < min_f1;
    if (rc) printf("FAIL: BCubed F1 %.4f < %.4f\n", bf, min_f1);
    for (size_t k = 0; k < n; k++) free(items[k].id), free(items[k].label);
    free(items);
    free(v);
    free(w);
    free(both);
    free(sys);
    free(lab);
    free(tmp);
    return rc;
}
