/*
 * quote_speakers.c - the speaker of each quotation, from the words around
 * it: a speech verb and its subject after the closing mark or before the
 * opening one ("...," Putin said / X told reporters: "..."), "according
 * to X", name phrases with their titles and roles, and pronouns resolved
 * to a named speaker nearby. Each quotation looks at a bounded number of
 * tokens (QUOTES_SCAN_TOKENS). The rules, with examples, are in
 * docs/quotes.md.
 */
#include <stdint.h>
#include <string.h>

#include "text/quotes_internal.h"

enum { SPK_NONE = 0, SPK_NAME, SPK_PRONOUN };

typedef struct spk {
    int kind;
    size_t start, end; /* bytes of the name (SPK_NAME) */
} spk;

static unsigned wclass(const ctx *c, size_t t)
{
    return quotes_word_class(c->tk[t].norm, c->tk[t].norm_len);
}

static int norm_is(const ctx *c, size_t t, const char *w)
{
    size_t n = strlen(w);
    return c->tk[t].norm_len == n && !memcmp(c->tk[t].norm, w, n);
}

static int outside(const ctx *c, size_t t) { return c->tq[t] == NONE; }

/* A token that may be part of a name phrase: capitalised or a role word,
   not a number, not a pronoun, outside quotations. */
static int name_tok(const ctx *c, size_t t)
{
    if (!outside(c, t) || (c->tk[t].flags & CONCORD_TOKEN_NUMBER)) return 0;
    unsigned w = wclass(c, t);
    if (w & QW_PRONOUN) return 0;
    return (c->tk[t].flags & CONCORD_TOKEN_UPPER) || (w & QW_ROLE);
}

static int is_of(const ctx *c, size_t t) { return norm_is(c, t, "of"); }

/* Tokens p and p+1 are in one name: only spaces, a hyphen, or the period
   of a short abbreviation ("J.", "Mr.", "U.S.") between them. */
static int gap_ok(const ctx *c, size_t p, size_t k)
{
    size_t a = c->tk[p].end, b = c->tk[k].start;
    if (b < a || b - a > 4) return 0;
    for (size_t i = a; i < b; i++) {
        unsigned char x = c->s[i];
        if (x == ' ' || x == '\t' || x == '\n' || x == '\r' || x == '-') continue;
        if (x == '.' && c->tk[p].end - c->tk[p].start <= 4) continue;
        if (x == 0xC2 && i + 1 < b && c->s[i + 1] == 0xA0) {
            i++;
            continue;
        }
        return 0;
    }
    return 1;
}

static int gap_has_comma(const ctx *c, size_t p, size_t k)
{
    size_t a = c->tk[p].end, b = c->tk[k].start;
    for (size_t i = a; i < b && i < a + 8; i++)
        if (c->s[i] == ',') return 1;
    return 0;
}

static int is_verb(const ctx *c, size_t t)
{
    return outside(c, t) && (wclass(c, t) & QW_VERB) && !norm_is(c, t, "according");
}

static int is_according(const ctx *c, size_t t, size_t hi)
{
    return t + 1 < hi && outside(c, t) && outside(c, t + 1) && norm_is(c, t, "according") &&
           norm_is(c, t + 1, "to");
}

static int is_pronoun(const ctx *c, size_t t) { return outside(c, t) && (wclass(c, t) & QW_PRONOUN); }

/* Adverbs and auxiliaries between a subject and its verb: also, has,
   would, reportedly ... *passive is set by a form of "be". */
static int is_adv(const ctx *c, size_t t, int *passive)
{
    if (!outside(c, t) || (c->tk[t].flags & CONCORD_TOKEN_UPPER)) return 0;
    unsigned w = wclass(c, t);
    if (w & QW_BE) *passive = 1;
    if (w & QW_ADV) return 1;
    size_t n = c->tk[t].norm_len;
    return n >= 4 && c->tk[t].norm[n - 2] == 'l' && c->tk[t].norm[n - 1] == 'y';
}

/*
 * The name phrase ending at token j (not before lo): capitalised tokens and
 * role words, "of" between two of them; leading function words dropped
 * ("But Putin" -> "Putin"). Returns 1 and *first when not empty.
 */
static int run_back(const ctx *c, size_t j, size_t lo, size_t *first)
{
    if (!name_tok(c, j)) return 0;
    size_t k = j, n = 1;
    while (k > lo && n < QUOTES_RUN_MAX) {
        size_t p = k - 1;
        if (name_tok(c, p) && gap_ok(c, p, k)) {
            k = p, n++;
            continue;
        }
        if (is_of(c, p) && outside(c, p) && p > lo && name_tok(c, p - 1) && gap_ok(c, p, k) &&
            gap_ok(c, p - 1, p)) {
            k = p - 1, n += 2;
            continue;
        }
        break;
    }
    while (k <= j && ((wclass(c, k) & QW_NONNAME) || is_of(c, k))) k++;
    if (k > j) return 0;
    *first = k;
    return 1;
}

/* The name phrase starting at token i (before hi), after one optional
   determiner. Returns 1 and [*first, *last] when not empty. */
static int run_fwd(const ctx *c, size_t i, size_t hi, size_t *first, size_t *last)
{
    if (i < hi && outside(c, i) && (wclass(c, i) & QW_DET) && i + 1 < hi && gap_ok(c, i, i + 1)) i++;
    if (i >= hi || !name_tok(c, i)) return 0;
    size_t k = i, n = 1;
    while (k + 1 < hi && n < QUOTES_RUN_MAX) {
        size_t x = k + 1;
        if (name_tok(c, x) && gap_ok(c, k, x)) {
            k = x, n++;
            continue;
        }
        if (is_of(c, x) && outside(c, x) && x + 1 < hi && name_tok(c, x + 1) && gap_ok(c, k, x) &&
            gap_ok(c, x, x + 1)) {
            k = x + 1, n += 2;
            continue;
        }
        break;
    }
    while (i <= k && ((wclass(c, i) & QW_NONNAME) || is_of(c, i))) i++;
    if (i > k) return 0;
    *first = i, *last = k;
    return 1;
}

/*
 * The speaker's name within the phrase [first, last]: what follows the last
 * title or role word ("Kremlin spokesman Dmitry Peskov" -> "Dmitry
 * Peskov"), or the whole phrase when it ends with one ("NATO official").
 * It must hold a capitalised word that is not a role word.
 */
static int name_of(const ctx *c, size_t first, size_t last, spk *out)
{
    size_t r = SIZE_MAX;
    for (size_t t = first; t <= last; t++)
        if (wclass(c, t) & QW_ROLE) r = t;
    size_t a = first;
    if (r != SIZE_MAX && r < last) a = r + 1;
    while (a <= last && is_of(c, a)) a++;
    int named = 0;
    for (size_t t = a; t <= last; t++)
        if ((c->tk[t].flags & CONCORD_TOKEN_UPPER) && !(wclass(c, t) & QW_ROLE)) named = 1;
    if (!named) return 0;
    out->kind = SPK_NAME;
    out->start = c->tk[a].start;
    out->end = c->tk[last].end;
    /* the final period of a dotted acronym belongs to it: "U.S." */
    const concord_token *z = &c->tk[last];
    if (z->end < c->len && c->s[z->end] == '.' && z->end - z->start <= 2 && z->start > 0 &&
        c->s[z->start - 1] == '.')
        out->end++;
    return 1;
}

/* The speaker in the words right after a closing mark (tokens t0..hi). */
static int scan_fwd(const ctx *c, size_t t0, size_t hi, spk *out)
{
    size_t f, l, m;
    int passive = 0;
    if (t0 >= hi || !outside(c, t0)) return 0;
    if (is_verb(c, t0)) { /* "...," said Kremlin spokesman Dmitry Peskov */
        if (t0 + 1 < hi && is_pronoun(c, t0 + 1)) return out->kind = SPK_PRONOUN;
        return run_fwd(c, t0 + 1, hi, &f, &l) && name_of(c, f, l, out);
    }
    if (is_according(c, t0, hi)) return run_fwd(c, t0 + 2, hi, &f, &l) && name_of(c, f, l, out);
    if (is_pronoun(c, t0)) { /* "...," he said */
        for (m = t0 + 1; m < hi && m < t0 + 4 && is_adv(c, m, &passive);) m++;
        return m < hi && is_verb(c, m) && !passive ? (out->kind = SPK_PRONOUN) : 0;
    }
    if (!run_fwd(c, t0, hi, &f, &l)) return 0;
    for (m = l + 1; m < hi && m < l + 4 && is_adv(c, m, &passive);) m++;
    if (m < hi && is_verb(c, m) && !passive) return name_of(c, f, l, out); /* "...," Putin said */
    if (l + 1 < hi && gap_has_comma(c, l, l + 1)) /* "...," X, deputy ambassador, told */
        for (m = l + 1; m < hi && m <= l + QUOTES_APPOSITIVE && outside(c, m); m++)
            if (is_verb(c, m)) return name_of(c, f, l, out);
    return 0;
}

/*
 * The speaker in the words before an opening mark: tokens [lo, hi) of its
 * sentence, nearest first, jumping over other quotations. The subject of
 * the nearest speech verb ("X said:", "X told reporters", "X, ..., said"),
 * "according to X", or a pronoun (when no named subject comes before it in
 * the sentence: "Lavrov said he told ..." gives Lavrov). When a speech
 * verb was seen but had no subject ("..., saying:"), and subject_ok, the
 * name phrase opening the sentence; subject_ok 2 also takes a name phrase
 * that is all there is before a ':' ("Putin: ..."), 0 neither.
 */
static int scan_back(const ctx *c, size_t lo, size_t hi, int subject_ok, spk *out)
{
    int pronoun = 0, verbs = 0;
    size_t steps = 0, f, l;
    for (size_t k = hi; k > lo && steps < QUOTES_SCAN_TOKENS; steps++) {
        size_t t = k - 1;
        if (!outside(c, t)) {
            k = c->qs->items[c->tq[t]].first_tok;
            continue;
        }
        k = t;
        if (is_according(c, t, hi)) {
            verbs++;
            if (!pronoun && run_fwd(c, t + 2, hi, &f, &l) && name_of(c, f, l, out)) return 1;
            continue;
        }
        if (!is_verb(c, t)) continue;
        int passive = 0;
        size_t m = t, skipped = 0;
        while (m > lo && skipped < 3 && is_adv(c, m - 1, &passive)) m--, skipped++;
        if (passive) continue; /* "Moscow is urged to ...": no speaker */
        verbs++;
        if (m == lo) continue;
        m--; /* the subject's last token */
        if (!outside(c, m)) continue;
        if (is_pronoun(c, m)) {
            pronoun = 1;
            continue;
        }
        if (gap_has_comma(c, m, m + 1)) { /* X, deputy ambassador to the UN, said */
            for (size_t a = m; a > lo && a + QUOTES_APPOSITIVE > m;) {
                a--;
                if (!outside(c, a)) break;
                if (gap_has_comma(c, a, a + 1)) {
                    if (run_back(c, a, lo, &f) && name_of(c, f, a, out)) return 1;
                    break;
                }
            }
        }
        if (run_back(c, m, lo, &f) && name_of(c, f, m, out)) return 1;
    }
    if (pronoun) return out->kind = SPK_PRONOUN;
    if ((verbs && subject_ok) || subject_ok == 2) {
        if (lo < hi && run_fwd(c, lo, hi, &f, &l) && (verbs || l + 1 == hi) && name_of(c, f, l, out))
            return 1;
    }
    return 0;
}


/* The last non-space byte before the opening mark is ':' (or ','). */
static int intro_before(const ctx *c, const qitem *it, size_t bound, char want)
{
    size_t i = it->open;
    while (i > bound) {
        unsigned char x = c->s[i - 1];
        if (x == ' ' || x == '\t' || x == '\n' || x == '\r') i--;
        else return x == (unsigned char)want;
    }
    return 0;
}

/* Subject of sentence si: the name phrase opening it. */
static int sentence_subject(const ctx *c, size_t si, spk *out)
{
    const concord_sentence *se = sent(c, si);
    size_t f, l, lo = se->first_token, hi = lo + se->token_count;
    if (hi > lo + QUOTES_SCAN_TOKENS) hi = lo + QUOTES_SCAN_TOKENS;
    return lo < hi && outside(c, lo) && run_fwd(c, lo, hi, &f, &l) && name_of(c, f, l, out);
}

/*
 * A pronoun speaker in sentence si: the named speaker of a quote in the
 * sentence before, else that sentence's subject when it opens with a name
 * ("Foreign Ministry Spokesman Ilya Varenko would not be drawn." / "...,
 * he said"), else the most recent named speaker of the article.
 */
static int resolve_pronoun(const ctx *c, size_t si, spk *out)
{
    if (si > 0) {
        const sent_speaker *p = &c->qs->sents[si - 1];
        if (p->has) {
            *out = (spk){SPK_NAME, p->start, p->end};
            return 1;
        }
        if (sentence_subject(c, si - 1, out)) return 1;
    }
    if (c->has_last) {
        *out = (spk){SPK_NAME, c->last_start, c->last_end};
        return 1;
    }
    return 0;
}

void quotes_find_speaker(ctx *c, size_t qi)
{
    qitem *it = &c->qs->items[qi];
    spk sp = {SPK_NONE, 0, 0};
    size_t so = it->s_open, sc = it->s_close, si = sc;
    const concord_sentence *seo = sent(c, so);
    size_t t_after = (size_t)it->first_tok + it->ntok, end_close = sent_end_tok(c, sc);
    int before = it->first_tok > seo->first_token;
    int after = t_after < end_close;
    int found = 0;
    if (after && !(it->q.flags & CONCORD_QUOTE_UNBALANCED) &&
        c->tk[t_after].start <= it->close_end + 12) {
        size_t hi = end_close < t_after + QUOTES_SCAN_TOKENS ? end_close : t_after + QUOTES_SCAN_TOKENS;
        found = scan_fwd(c, t_after, hi, &sp);
    }
    if (!found && before) {
        found = scan_back(c, seo->first_token, it->first_tok, intro_before(c, it, seo->start, ':') ? 2 : 1,
                          &sp);
        si = so;
    }
    if (!found && !before && !after) { /* a quotation standing alone */
        if (so > 0 && c->qs->sents[so - 1].has) {
            sp = (spk){SPK_NAME, c->qs->sents[so - 1].start, c->qs->sents[so - 1].end};
            found = 1;
        } else if (so > 0) {
            const concord_sentence *pr = sent(c, so - 1);
            size_t lo = pr->first_token, hi = lo + pr->token_count;
            if (hi > lo + QUOTES_SCAN_TOKENS) lo = hi - QUOTES_SCAN_TOKENS;
            int colon = pr->end > pr->start && c->s[pr->end - 1] == ':';
            found = scan_back(c, lo, hi, colon ? 2 : 0, &sp);
            si = so - 1;
        }
        if (!found && sc + 1 < c->ns) { /* "...". Peskov said so on Tuesday. */
            size_t t0 = sent(c, sc + 1)->first_token, e = sent_end_tok(c, sc + 1);
            if (e > t0 + QUOTES_SCAN_TOKENS) e = t0 + QUOTES_SCAN_TOKENS;
            found = scan_fwd(c, t0, e, &sp);
            si = sc + 1;
        }
    }
    if (found && sp.kind == SPK_PRONOUN) found = resolve_pronoun(c, si, &sp);
    if (!found || sp.kind != SPK_NAME) return;
    it->q.speaker_start = sp.start;
    it->q.speaker_end = sp.end;
    c->last_start = sp.start, c->last_end = sp.end, c->has_last = 1;
    c->qs->sents[so] = (sent_speaker){sp.start, sp.end, 1};
    c->qs->sents[sc] = (sent_speaker){sp.start, sp.end, 1};
}
