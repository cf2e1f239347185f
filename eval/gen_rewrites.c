/*
 * gen_rewrites.c - rewrites of real articles with a known alignment, for
 * grading passage alignment (`concord align`, concord_align()).
 *
 *   gen_rewrites [OPTIONS] CORPUS.jsonl > pairs.jsonl
 *
 * Independent of concord's code (nothing from lib/ or concord.h is used):
 * its own sentence splitter, words, function-word list and thesaurus.
 *
 * From N articles of CORPUS (JSON Lines with "id", "text" and, optionally,
 * "category"; BBC News in EVALUATION.md) with at least 6 sentences, chosen
 * deterministically by --seed, it writes one pair (a = the original,
 * b = a rewrite) per article and rewrite type:
 *
 *   verbatim    the article between a made-up header (byline, date) and
 *               footer (copyright, "follow us") that are not from a;
 *   excerpt     the first 40-70% of its sentences;
 *   shuffle     all sentences in a random order (one per line);
 *   spin20, spin40, spin60
 *               20/40/60% of the content words replaced by a synonym from
 *               a thesaurus other than concord's: Debian's mythes-en-us
 *               (--thesaurus, default /usr/share/mythes/th_en_US_v2.dat),
 *               single words from the first two senses. Never replaced:
 *               function words, numbers, capitalised words (names, and
 *               sentence starts), words inside quotation marks, words of
 *               fewer than 3 letters. Words without a thesaurus entry are
 *               not replaced, so the rate reached can be lower than the
 *               target: it is written as "spin_rate";
 *   paraphrase  condensed: ~30% of the sentences dropped, ~25% moved
 *               elsewhere, and ~30% of adjacent pairs merged into one
 *               sentence ("A. The B." -> "A, and the B.");
 *   unrelated   a different article of the same category (no truth): a
 *               negative. Pairs sharing more than 30% of their word types
 *               are skipped (the corpus has duplicates).
 *
 * Each line: {"id", "type", "a_id", "b_id", "a", "b", "truth":
 * [[a_start, a_end, b_start, b_end], ...], "spin_rate"?}. A truth segment
 * says that b[b_start, b_end) was made from a[a_start, a_end) (copied, or
 * copied with words replaced or a letter's case changed); byte offsets into
 * the UTF-8 texts. Segments do not overlap in a nor in b. Text in b outside
 * every segment (header, footer, ", and") is new; text of a outside every
 * segment was dropped.
 *
 * Options: --articles N (default 200), --seed S (default 1),
 * --thesaurus PATH. Exit status: 0 success, 2 usage error or unreadable
 * input, 77 when the corpus or the thesaurus is absent and --skip-code 77
 * is given (default 0: print "corpora not found at PATH; skipping").
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EVAL_PROG "gen_rewrites"
#include "eval_common.h"

/* ---- Random numbers (splitmix64) ---------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static size_t rnd_below(size_t n) { return n ? (size_t)(rnd() % n) : 0; }
static double rnd_unit(void) { return (double)(rnd() >> 11) / 9007199254740992.0; }

/* ---- Growable string with truth ------------------------------------------- */

typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_str(sbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

typedef struct segment {
    size_t a0, a1, b0, b1;
} segment;

typedef struct truth {
    segment *seg;
    size_t n, cap;
} truth;

static void truth_add(truth *t, size_t a0, size_t a1, size_t b0, size_t b1)
{
    if (a1 <= a0 || b1 <= b0) return;
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->seg = xrealloc(t->seg, t->cap * sizeof *t->seg);
    }
    t->seg[t->n++] = (segment){a0, a1, b0, b1};
}

/* ---- Sentences ------------------------------------------------------------ */

typedef struct span {
    size_t s, e;
} span;

/*
 * Sentences of text: a sentence ends after '.', '!' or '?' (and any closing
 * quotes or brackets) followed by white space and then an uppercase letter,
 * a digit or an opening quote; or at a line break. Spans exclude the white
 * space around. Errors only make the rewrites coarser: the truth stays exact.
 */
static span *split_sentences(const char *t, size_t len, size_t *count)
{
    span *v = NULL;
    size_t n = 0, cap = 0, i = 0;
    while (i < len) {
        while (i < len && isspace((unsigned char)t[i])) i++;
        if (i >= len) break;
        size_t s = i, e = len;
        for (; i < len; i++) {
            if (t[i] == '\n') {
                e = i;
                break;
            }
            if (t[i] == '.' || t[i] == '!' || t[i] == '?') {
                size_t j = i + 1;
                while (j < len && (t[j] == '"' || t[j] == '\'' || t[j] == ')')) j++;
                if (j < len && (t[j] == ' ' || t[j] == '\n')) {
                    size_t k = j;
                    while (k < len && isspace((unsigned char)t[k])) k++;
                    if (k >= len || isupper((unsigned char)t[k]) || isdigit((unsigned char)t[k]) ||
                        t[k] == '"' || t[k] == '\'' || t[k] == '\n' || t[j] == '\n') {
                        e = j;
                        i = j;
                        break;
                    }
                } else if (j >= len) {
                    e = j;
                    i = j;
                    break;
                }
            }
        }
        if (i >= len && e == len) i = len;
        while (e > s && isspace((unsigned char)t[e - 1])) e--;
        if (e > s) {
            if (n == cap) {
                cap = cap ? 2 * cap : 32;
                v = xrealloc(v, cap * sizeof *v);
            }
            v[n++] = (span){s, e};
        }
    }
    *count = n;
    return v;
}

/* ---- Function words and the thesaurus ---------------------------------------- */

static const char *const function_words[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "around", "as", "at", "be", "because", "been", "before", "being", "below", "between",
    "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each",
    "either", "even", "ever", "every", "few", "for", "from", "further", "had", "has", "have",
    "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however",
    "i", "if", "in", "into", "is", "it", "its", "itself", "just", "last", "less", "many", "may",
    "me", "might", "more", "most", "much", "must", "my", "myself", "neither", "next", "no",
    "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "others",
    "our", "ours", "out", "over", "own", "per", "same", "said", "say", "says", "shall", "she",
    "should", "since", "so", "some", "still", "such", "than", "that", "the", "their", "theirs",
    "them", "then", "there", "these", "they", "this", "those", "though", "through", "thus",
    "to", "too", "under", "until", "up", "upon", "us", "very", "was", "we", "were", "what",
    "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with",
    "within", "without", "would", "yet", "you", "your", "yours", "two", "three", "four", "five",
    "first", "second", "new", "year", "years", "mr", "mrs", "ms", "told", "get", "got", "make",
    "made", "well", "back", "like", "among", "across", "along", "already", "although", "another",
    "anything", "away", "become", "became", "cannot", "different", "else", "enough", "far",
    "least", "let", "lot", "never", "nothing", "often", "quite", "rather", "really", "several",
    "something", "sometimes", "soon", "take", "took", "towards", "whatever", "whole", "yes",
};

static int is_function_word(const char *w, size_t n)
{
    for (size_t k = 0; k < sizeof function_words / sizeof *function_words; k++)
        if (strlen(function_words[k]) == n && !memcmp(function_words[k], w, n)) return 1;
    return 0;
}

/* Open-addressing table: headword -> synonyms (single lowercase words). */
typedef struct entry {
    char *word;
    char **syn;
    size_t n_syn;
} entry;

static entry *thes;
static size_t thes_cap; /* power of two */

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
    return h;
}

static entry *thes_find(const char *w, size_t n, int insert)
{
    for (size_t k = fnv(w, n) & (thes_cap - 1);; k = (k + 1) & (thes_cap - 1)) {
        if (!thes[k].word) {
            if (!insert) return NULL;
            thes[k].word = xstrndup(w, n);
            return &thes[k];
        }
        if (strlen(thes[k].word) == n && !memcmp(thes[k].word, w, n)) return &thes[k];
    }
}

static int plain_word(const char *s, size_t n)
{
    if (n < 3) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z') return 0;
    return 1;
}

/*
 * mythes .dat: "ENCODING" line, then per headword "word|senses" followed by
 * that many lines "(pos)|syn|syn|...". Annotated synonyms ("(generic term)",
 * "(antonym)", ...) and multi-word ones are left out; the first two senses
 * are used.
 */
static int load_thesaurus(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    thes_cap = 1u << 19;
    thes = calloc(thes_cap, sizeof *thes);
    if (!thes) die("out of memory");
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    entry *cur = NULL;
    long senses_left = 0, sense_no = 0;
    if (getline(&line, &cap, f) < 0) die("%s: empty", path);
    while ((got = getline(&line, &cap, f)) >= 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = '\0';
        if (senses_left > 0) {
            senses_left--;
            sense_no++;
            if (!cur || sense_no > 2) continue;
            char *p = strchr(line, '|');
            while (p) {
                char *s = p + 1;
                p = strchr(s, '|');
                size_t n = p ? (size_t)(p - s) : strlen(s);
                if (!plain_word(s, n) || !strncmp(s, cur->word, n)) continue;
                int dup = 0;
                for (size_t k = 0; k < cur->n_syn; k++)
                    dup |= strlen(cur->syn[k]) == n && !memcmp(cur->syn[k], s, n);
                if (dup) continue;
                cur->syn = xrealloc(cur->syn, (cur->n_syn + 1) * sizeof *cur->syn);
                cur->syn[cur->n_syn++] = xstrndup(s, n);
            }
            continue;
        }
        char *bar = strrchr(line, '|');
        if (!bar) continue;
        char *end;
        errno = 0;
        senses_left = strtol(bar + 1, &end, 10);
        if (errno || *end || senses_left < 0) senses_left = 0;
        sense_no = 0;
        size_t n = (size_t)(bar - line);
        cur = plain_word(line, n) ? thes_find(line, n, 1) : NULL;
    }
    free(line);
    fclose(f);
    return 1;
}

/* ---- Articles ------------------------------------------------------------- */

typedef struct article {
    char *id, *category, *text;
    size_t len;
} article;

static article *arts;
static size_t n_arts;

static void load_corpus(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) die("%s: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0, lineno = 0, acap = 0;
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        if (!o) {
            fprintf(stderr, "gen_rewrites: %s:%zu: %s (skipped)\n", path, lineno, err.text);
            continue;
        }
        json_t *id = json_object_get(o, "id"), *text = json_object_get(o, "text"),
               *cat = json_object_get(o, "category");
        if (json_is_string(id) && json_is_string(text)) {
            if (n_arts == acap) {
                acap = acap ? 2 * acap : 1024;
                arts = xrealloc(arts, acap * sizeof *arts);
            }
            article *a = &arts[n_arts++];
            a->id = xstrndup(json_string_value(id), json_string_length(id));
            a->len = json_string_length(text);
            a->text = xstrndup(json_string_value(text), a->len);
            a->category = xstrndup(json_is_string(cat) ? json_string_value(cat) : "",
                                   json_is_string(cat) ? json_string_length(cat) : 0);
        }
        json_decref(o);
    }
    free(line);
    fclose(f);
}

/* ---- Output ----------------------------------------------------------------- */

static void emit(const article *a, const char *type, const char *b_id, const char *b, size_t b_len,
                 const truth *t, double spin_rate)
{
    json_t *o = json_object();
    char id[512];
    snprintf(id, sizeof id, "%s/%s", a->id, type);
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "type", json_string(type));
    json_object_set_new(o, "a_id", json_string(a->id));
    json_object_set_new(o, "b_id", json_string(b_id));
    json_object_set_new(o, "a", json_stringn(a->text, a->len));
    json_object_set_new(o, "b", json_stringn(b, b_len));
    json_t *arr = json_array();
    for (size_t k = 0; t && k < t->n; k++) {
        const segment *s = &t->seg[k];
        if (s->a1 > a->len || s->b1 > b_len) die("internal: segment out of range");
        json_array_append_new(arr, json_pack("[IIII]", (json_int_t)s->a0, (json_int_t)s->a1,
                                             (json_int_t)s->b0, (json_int_t)s->b1));
    }
    json_object_set_new(o, "truth", arr);
    if (spin_rate >= 0) json_object_set_new(o, "spin_rate", json_real(spin_rate));
    if (json_dumpf(o, stdout, JSON_COMPACT) || putchar('\n') == EOF) die("writing output failed");
    json_decref(o);
}

/* ---- Rewrites ----------------------------------------------------------------- */

static const char *const headers[] = {
    "By our staff reporter\nPublished 14:02 GMT, Tuesday\n\n",
    "NEWS DESK | Updated 3 hours ago\nShare this story on social media\n\n",
    "From the newswire archive\nFiled under: Top stories\n\n",
};
static const char *const footers[] = {
    "\n\nCopyright 2005 Example News Ltd. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed.",
    "\n\nFollow us on Twitter and Facebook for the latest updates. Sign up for our daily "
    "newsletter to get the top stories in your inbox.",
    "\n\nRead more: related coverage and analysis from our correspondents. Comments are closed "
    "on this article.",
};

static void rewrite_verbatim(const article *a)
{
    sbuf b = {0};
    truth t = {0};
    sb_str(&b, headers[rnd_below(3)]);
    size_t at = b.len;
    sb_add(&b, a->text, a->len);
    truth_add(&t, 0, a->len, at, b.len);
    sb_str(&b, footers[rnd_below(3)]);
    emit(a, "verbatim", a->id, b.s, b.len, &t, -1);
    free(b.s);
    free(t.seg);
}

static void rewrite_excerpt(const article *a, const span *s, size_t ns)
{
    size_t keep = (size_t)((0.4 + 0.3 * rnd_unit()) * (double)ns + 0.5);
    if (keep < 1) keep = 1;
    if (keep >= ns) keep = ns - 1;
    size_t end = s[keep - 1].e;
    truth t = {0};
    truth_add(&t, 0, end, 0, end);
    emit(a, "excerpt", a->id, a->text, end, &t, -1);
    free(t.seg);
}

static void permute(size_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) p[i] = i;
    for (size_t i = n; i > 1; i--) {
        size_t j = rnd_below(i), x = p[i - 1];
        p[i - 1] = p[j];
        p[j] = x;
    }
}

static void rewrite_shuffle(const article *a, const span *s, size_t ns)
{
    size_t *p = xmalloc(ns * sizeof *p);
    do permute(p, ns);
    while (ns > 1 && p[0] == 0 && p[1] == 1); /* not (nearly) the original order */
    sbuf b = {0};
    truth t = {0};
    for (size_t k = 0; k < ns; k++) {
        if (k) sb_str(&b, "\n");
        size_t at = b.len;
        sb_add(&b, a->text + s[p[k]].s, s[p[k]].e - s[p[k]].s);
        truth_add(&t, s[p[k]].s, s[p[k]].e, at, b.len);
    }
    emit(a, "shuffle", a->id, b.s, b.len, &t, -1);
    free(b.s);
    free(t.seg);
    free(p);
}

static int word_byte(unsigned char c) { return isalnum(c) || c == '\'' || c >= 0x80; }

static void rewrite_spin(const article *a, const span *s, size_t ns, int percent)
{
    /* Words of the whole text: [start, end) runs of word bytes. */
    typedef struct word {
        size_t s, e;
        int replaceable, content;
    } word;
    word *w = NULL;
    size_t nw = 0, cap = 0, content = 0;
    int in_quote = 0;
    for (size_t i = 0; i < a->len;) {
        unsigned char c = (unsigned char)a->text[i];
        /* ASCII '"' toggles; U+201C opens, U+201D closes. */
        if (c == '"') in_quote = !in_quote;
        if (c == 0xE2 && i + 2 < a->len && (unsigned char)a->text[i + 1] == 0x80) {
            if ((unsigned char)a->text[i + 2] == 0x9C) in_quote = 1;
            if ((unsigned char)a->text[i + 2] == 0x9D) in_quote = 0;
        }
        if (!word_byte(c) || c == '\'') {
            i++;
            continue;
        }
        size_t st = i;
        while (i < a->len && word_byte((unsigned char)a->text[i])) i++;
        size_t n = i - st;
        const char *p = a->text + st;
        int lower = plain_word(p, n);
        int cw = lower && !is_function_word(p, n) && !in_quote;
        if (nw == cap) {
            cap = cap ? 2 * cap : 256;
            w = xrealloc(w, cap * sizeof *w);
        }
        entry *e = cw ? thes_find(p, n, 0) : NULL;
        w[nw++] = (word){st, i, e && e->n_syn > 0, cw};
        content += (size_t)cw;
    }
    size_t target = (size_t)((double)content * percent / 100.0 + 0.5), n_rep = 0;
    size_t *cand = xmalloc((nw + 1) * sizeof *cand), nc = 0;
    for (size_t k = 0; k < nw; k++)
        if (w[k].replaceable) cand[nc++] = k;
    /* A random subset of the replaceable words, of the target size. */
    for (size_t k = 0; k < nc; k++) {
        size_t j = k + rnd_below(nc - k), x = cand[k];
        cand[k] = cand[j];
        cand[j] = x;
    }
    size_t take = target < nc ? target : nc;
    char *chosen = calloc(nw + 1, 1);
    if (!chosen) die("out of memory");
    for (size_t k = 0; k < take; k++) chosen[cand[k]] = 1;

    sbuf b = {0};
    truth t = {0};
    size_t pos = 0, wk = 0;
    for (size_t si = 0; si < ns; si++) {
        sb_add(&b, a->text + pos, s[si].s - pos); /* text between sentences */
        size_t at = b.len;
        pos = s[si].s;
        for (; wk < nw && w[wk].s < s[si].e; wk++) {
            if (w[wk].s < pos) continue;
            sb_add(&b, a->text + pos, w[wk].s - pos);
            if (chosen[wk]) {
                entry *e = thes_find(a->text + w[wk].s, w[wk].e - w[wk].s, 0);
                sb_str(&b, e->syn[rnd_below(e->n_syn)]);
                n_rep++;
            } else {
                sb_add(&b, a->text + w[wk].s, w[wk].e - w[wk].s);
            }
            pos = w[wk].e;
        }
        sb_add(&b, a->text + pos, s[si].e - pos);
        pos = s[si].e;
        truth_add(&t, s[si].s, s[si].e, at, b.len);
    }
    sb_add(&b, a->text + pos, a->len - pos);
    char type[16];
    snprintf(type, sizeof type, "spin%d", percent);
    emit(a, type, a->id, b.s, b.len, &t, content ? (double)n_rep / (double)content : 0.0);
    free(b.s);
    free(t.seg);
    free(w);
    free(cand);
    free(chosen);
}

static void rewrite_paraphrase(const article *a, const span *s, size_t ns)
{
    size_t *keep = xmalloc(ns * sizeof *keep), nk = 0;
    for (size_t k = 0; k < ns; k++)
        if (rnd_unit() >= 0.3) keep[nk++] = k;
    while (nk < 2) { /* at least two sentences: re-add from the start */
        nk = 0;
        for (size_t k = 0; k < ns && nk < 2; k++) keep[nk++] = k;
    }
    /* Move ~25% of the kept sentences elsewhere. */
    size_t moves = (nk + 2) / 4;
    for (size_t m = 0; m < moves; m++) {
        size_t from = rnd_below(nk), to = rnd_below(nk), x = keep[from];
        if (from < to) memmove(keep + from, keep + from + 1, (to - from) * sizeof *keep);
        else memmove(keep + to + 1, keep + to, (from - to) * sizeof *keep);
        keep[to] = x;
    }
    sbuf b = {0};
    truth t = {0};
    int merged = 0; /* this sentence continues the previous one */
    for (size_t k = 0; k < nk; k++) {
        const span *sp = &s[keep[k]];
        size_t s0 = sp->s, s1 = sp->e;
        int merge_next = k + 1 < nk && rnd_unit() < 0.3 && s1 > s0 + 1 && a->text[s1 - 1] == '.';
        if (merge_next) s1--; /* drop the full stop */
        size_t at = b.len;
        if (merged) {
            /* merged into the previous sentence: lower-case a function word start */
            size_t n = 0;
            while (s0 + n < s1 && isalpha((unsigned char)a->text[s0 + n])) n++;
            char first[32];
            if (n > 0 && n < sizeof first) {
                for (size_t q = 0; q < n; q++) first[q] = (char)tolower((unsigned char)a->text[s0 + q]);
                if (is_function_word(first, n)) {
                    sb_add(&b, first, 1);
                    sb_add(&b, a->text + s0 + 1, s1 - s0 - 1);
                } else {
                    sb_add(&b, a->text + s0, s1 - s0);
                }
            } else {
                sb_add(&b, a->text + s0, s1 - s0);
            }
        } else {
            sb_add(&b, a->text + s0, s1 - s0);
        }
        truth_add(&t, s0, s1, at, b.len);
        merged = merge_next;
        if (merge_next) sb_str(&b, ", and ");
        else if (k + 1 < nk) sb_str(&b, rnd_unit() < 0.3 ? "\n\n" : " ");
    }
    emit(a, "paraphrase", a->id, b.s, b.len, &t, -1);
    free(b.s);
    free(t.seg);
    free(keep);
}

/* Share of a's distinct lowercase words (hashed) that b also has. */
static double word_overlap(const article *x, const article *y)
{
    enum { BITS = 1 << 16 };
    static uint8_t seen[BITS / 8];
    memset(seen, 0, sizeof seen);
    size_t nx = 0, both = 0;
    for (int pass = 0; pass < 2; pass++) {
        const article *a = pass ? y : x;
        for (size_t i = 0; i < a->len;) {
            if (!isalnum((unsigned char)a->text[i])) {
                i++;
                continue;
            }
            uint64_t h = UINT64_C(14695981039346656037);
            while (i < a->len && isalnum((unsigned char)a->text[i]))
                h = (h ^ (unsigned char)tolower((unsigned char)a->text[i++])) * UINT64_C(1099511628211);
            size_t bit = (size_t)(h >> 48) % BITS;
            if (!pass) {
                if (!(seen[bit / 8] & (1u << (bit % 8)))) nx++;
                seen[bit / 8] |= (uint8_t)(1u << (bit % 8));
            } else if (seen[bit / 8] & (1u << (bit % 8))) {
                both++;
                seen[bit / 8] &= (uint8_t)~(1u << (bit % 8));
            }
        }
    }
    return nx ? (double)both / (double)nx : 0.0;
}

static void rewrite_unrelated(size_t ai)
{
    const article *a = &arts[ai];
    for (size_t tries = 0; tries < 50; tries++) {
        size_t bi = rnd_below(n_arts);
        const article *b = &arts[bi];
        if (bi == ai || strcmp(a->category, b->category) || word_overlap(a, b) > 0.3) continue;
        emit(a, "unrelated", b->id, b->text, b->len, NULL, -1);
        return;
    }
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"articles", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},
        {"thesaurus", required_argument, NULL, 't'},
        {"skip-code", required_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    size_t want = 200;
    uint64_t seed = 1;
    int skip_code = 0, c;
    const char *thesaurus = "/usr/share/mythes/th_en_US_v2.dat";
    while ((c = getopt_long(argc, argv, "n:s:t:h", longopts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'n':
            want = strtoul(optarg, &end, 10);
            if (*end || !want) die("bad --articles '%s'", optarg);
            break;
        case 's':
            seed = strtoull(optarg, &end, 10);
            if (*end) die("bad --seed '%s'", optarg);
            break;
        case 't': thesaurus = optarg; break;
        case 'k':
            skip_code = (int)strtol(optarg, &end, 10);
            if (*end) die("bad --skip-code '%s'", optarg);
            break;
        case 'h':
            puts("usage: gen_rewrites [--articles N] [--seed S] [--thesaurus PATH] "
                 "[--skip-code N] CORPUS.jsonl > pairs.jsonl");
            return 0;
        default: return 2;
        }
    }
    if (argc - optind != 1) die("one CORPUS.jsonl expected (try --help)");
    const char *corpus = argv[optind];
    if (access(corpus, R_OK)) {
        printf("corpora not found at %s; skipping\n", corpus);
        return skip_code;
    }
    if (!load_thesaurus(thesaurus)) {
        printf("thesaurus not found at %s (Debian package mythes-en-us); skipping\n", thesaurus);
        return skip_code;
    }
    load_corpus(corpus);
    if (!n_arts) die("%s: no articles", corpus);

    /* Articles with >= 6 sentences, in a seeded random order. */
    rng_state = seed;
    size_t *order = xmalloc(n_arts * sizeof *order);
    permute(order, n_arts);
    size_t done = 0;
    for (size_t r = 0; r < n_arts && done < want; r++) {
        const article *a = &arts[order[r]];
        size_t ns;
        span *s = split_sentences(a->text, a->len, &ns);
        if (ns >= 6) {
            rewrite_verbatim(a);
            rewrite_excerpt(a, s, ns);
            rewrite_shuffle(a, s, ns);
            rewrite_spin(a, s, ns, 20);
            rewrite_spin(a, s, ns, 40);
            rewrite_spin(a, s, ns, 60);
            rewrite_paraphrase(a, s, ns);
            rewrite_unrelated(order[r]);
            done++;
        }
        free(s);
    }
    if (fflush(stdout)) die("writing output failed");
    fprintf(stderr, "gen_rewrites: %zu articles, 8 rewrites each\n", done);
    free(order);
    for (size_t k = 0; k < n_arts; k++) {
        free(arts[k].id);
        free(arts[k].category);
        free(arts[k].text);
    }
    free(arts);
    for (size_t k = 0; k < thes_cap; k++) {
        for (size_t q = 0; q < thes[k].n_syn; q++) free(thes[k].syn[q]);
        free(thes[k].syn);
        free(thes[k].word);
    }
    free(thes);
    return 0;
}
