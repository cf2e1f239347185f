/*
 * names.c - the public concord_names: people, places and organisations
 * found by capitalisation and cue words (rules in concord.h and
 * docs/stories.md, "Names").
 *
 * Three passes over the tokens of one analysed text, all O(tokens):
 *  1. evidence: which words are written capitalised in the middle of a
 *     sentence of mixed case, and which in lower case (two hash sets of
 *     word hashes, kept across calls on request);
 *  2. candidates: capitalised words that are not function words, sentence
 *     starts and ALL-CAPS words only on evidence; runs of candidates joined
 *     across joinable gaps become names; titles and possessives trimmed;
 *  3. types: cue strength per occurrence, then the strongest type of each
 *     name (by its normalised form) given to all its occurrences.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "concord.h"
#include "text/lexicon_internal.h"
#include "text/names_internal.h"
#include "text/text.h"
#include "util/buf.h"

/* Per-token facts (tok_info.bits). */
enum {
    T_LETTER = 1u << 0,  /* starts with a letter (not a number) */
    T_CAP = 1u << 1,     /* original starts with an uppercase letter */
    T_ALLCAPS = 1u << 2, /* original has >= 2 letters, all uppercase ASCII */
    T_FUNC = 1u << 3,    /* a function word (set for T_CAP or T_SHOUT tokens only) */
    T_TITLE = 1u << 4,   /* an honorific or title word (likewise) */
    T_START = 1u << 5,   /* first token of its sentence */
    T_SHOUT = 1u << 6,   /* its sentence is mostly ALL CAPS */
    T_CAND = 1u << 7     /* may be part of a name */
};

typedef struct tok_info {
    uint32_t sentence; /* index of its sentence */
    uint32_t word_len; /* norm length without a possessive 's */
    uint64_t hash;     /* hash of norm[0..word_len), never 0 */
    uint8_t bits;
} tok_info;

/* An open-addressing set of non-zero 64-bit hashes. */
typedef struct hset {
    uint64_t *slots;
    size_t mask, len; /* capacity = mask + 1 (a power of two), or 0 slots */
} hset;

/* Per-name type evidence: the strongest cue seen for a normalised form. */
typedef struct type_slot {
    uint64_t hash;
    uint8_t strength, type;
} type_slot;

struct concord_names {
    concord_name *items;
    size_t len, cap;
    buf norms;           /* every name's norm, back to back */
    size_t *norm_off;    /* items[i].norm = norms.data + norm_off[i] (fixed up at the end) */
    size_t norm_off_cap;
    uint8_t *strength;   /* cue strength of items[i]'s own type */
    size_t strength_cap;
    tok_info *info;
    size_t info_cap;
    hset capitalised, lower; /* evidence */
    type_slot *types;        /* per-call map: name hash -> strongest type */
    size_t types_mask;
};

const char *concord_name_type_name(concord_name_type type)
{
    switch (type) {
    case CONCORD_NAME_PERSON: return "person";
    case CONCORD_NAME_PLACE: return "place";
    case CONCORD_NAME_ORGANISATION: return "organisation";
    default: return "other";
    }
}

static uint64_t word_hash(const char *s, size_t len)
{
    uint64_t h = UINT64_C(1469598103934665603); /* FNV-1a, then avalanched */
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    return h ? h : 1;
}

static int hset_has(const hset *s, uint64_t h)
{
    if (!s->slots) return 0;
    for (size_t i = h & s->mask;; i = (i + 1) & s->mask) {
        if (s->slots[i] == h) return 1;
        if (!s->slots[i]) return 0;
    }
}

static concord_status hset_add(hset *s, uint64_t h)
{
    if (!s->slots || (s->len + 1) * 2 > s->mask + 1) {
        size_t cap = s->slots ? (s->mask + 1) * 2 : 256;
        uint64_t *slots = calloc(cap, sizeof *slots);
        if (!slots) return CONCORD_ERR_NOMEM;
        for (size_t i = 0; s->slots && i <= s->mask; i++) {
            uint64_t v = s->slots[i];
            if (!v) continue;
            size_t j = v & (cap - 1);
            while (slots[j]) j = (j + 1) & (cap - 1);
            slots[j] = v;
        }
        free(s->slots);
        s->slots = slots;
        s->mask = cap - 1;
    }
    size_t i = h & s->mask;
    while (s->slots[i] && s->slots[i] != h) i = (i + 1) & s->mask;
    if (!s->slots[i]) {
        s->slots[i] = h;
        s->len++;
    }
    return CONCORD_OK;
}

static void hset_clear(hset *s)
{
    if (s->slots) memset(s->slots, 0, (s->mask + 1) * sizeof *s->slots);
    s->len = 0;
}

concord_status concord_names_create(concord_names **out)
{
    if (!out) return CONCORD_ERR_INVALID;
    *out = calloc(1, sizeof **out);
    if (!*out) return CONCORD_ERR_NOMEM;
    buf_init(&(*out)->norms, 0);
    return CONCORD_OK;
}

void concord_names_free(concord_names *n)
{
    if (!n) return;
    free(n->items);
    buf_free(&n->norms);
    free(n->norm_off);
    free(n->strength);
    free(n->info);
    free(n->capitalised.slots);
    free(n->lower.slots);
    free(n->types);
    free(n);
}

size_t concord_names_count(const concord_names *n) { return n ? n->len : 0; }

const concord_name *concord_names_get(const concord_names *n, size_t i)
{
    return n && i < n->len ? &n->items[i] : NULL;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/*
 * May tokens a and b (consecutive, a < b) belong to one name? The bytes
 * between them must be spaces with at most one line break, or " & ", or
 * the full stop after an initial ("K. Varenko", "U.S").
 */
static int gap_joinable(const char *s, const concord_token *ta, const concord_token *tb)
{
    size_t i = ta->end, end = tb->start, newlines = 0;
    if (ta->norm_len == 1 && i < end && s[i] == '.') i++; /* an initial */
    else if (i < end && !is_space(s[i]) && s[i] != '\n') {
        return 0;
    }
    int amp = 0;
    for (; i < end; i++) {
        if (s[i] == '\n') {
            if (++newlines > 1) return 0;
        } else if (s[i] == '&' && !amp) {
            amp = 1;
        } else if (!is_space(s[i])) {
            return 0;
        }
    }
    return 1;
}

/* Facts of each token; sentences from the text, or one for the whole. */
static concord_status token_facts(concord_names *n, const concord_text *text, const char *s,
                                  const concord_token *tok, size_t ntok)
{
    if (ntok > n->info_cap) {
        tok_info *p = realloc(n->info, ntok * sizeof *p);
        if (!p) return CONCORD_ERR_NOMEM;
        n->info = p;
        n->info_cap = ntok;
    }
    for (size_t i = 0; i < ntok; i++) {
        const concord_token *t = &tok[i];
        tok_info *f = &n->info[i];
        size_t wl = t->norm_len;
        if (wl > 2 && t->norm[wl - 2] == '\'' && t->norm[wl - 1] == 's') wl -= 2;
        f->word_len = (uint32_t)wl;
        f->hash = word_hash(t->norm, wl);
        f->sentence = 0;
        f->bits = 0;
        if (t->flags & CONCORD_TOKEN_NUMBER) continue;
        f->bits |= T_LETTER;
        if (t->flags & CONCORD_TOKEN_UPPER) f->bits |= T_CAP;
        size_t letters = 0, upper = 0;
        for (size_t k = t->start; k < t->end; k++) {
            unsigned char c = (unsigned char)s[k];
            if (c >= 'A' && c <= 'Z') letters++, upper++;
            else if (c >= 'a' && c <= 'z') letters++;
        }
        if (letters >= 2 && upper == letters) f->bits |= T_ALLCAPS;
    }
    size_t nsent = concord_text_sentence_count(text);
    for (size_t k = 0; k < (nsent ? nsent : 1); k++) {
        size_t first = 0, count = ntok;
        if (nsent) {
            const concord_sentence *se = concord_text_sentence(text, k);
            first = se->first_token;
            count = se->token_count;
        }
        if (!count) continue;
        size_t words = 0, caps = 0;
        for (size_t i = first; i < first + count; i++) {
            n->info[i].sentence = (uint32_t)k;
            if (!(n->info[i].bits & T_LETTER)) continue;
            words++;
            caps += (n->info[i].bits & T_ALLCAPS) != 0;
        }
        n->info[first].bits |= T_START;
        /* Mostly capitals: at least two words and 60% of them ALL CAPS. */
        if (caps >= 2 && caps * 5 >= words * 3)
            for (size_t i = first; i < first + count; i++) n->info[i].bits |= T_SHOUT;
    }
    /* Word lists only for the tokens that can be part of a name: most
       tokens are lower case and skip the lookups. */
    for (size_t i = 0; i < ntok; i++) {
        tok_info *f = &n->info[i];
        if (!(f->bits & T_LETTER) || !(f->bits & (T_CAP | T_SHOUT))) continue;
        if (lexicon_function_word_find(tok[i].norm, f->word_len) >= 0) f->bits |= T_FUNC;
        if (names_is_title(tok[i].norm, f->word_len)) f->bits |= T_TITLE;
    }
    return CONCORD_OK;
}

/* Pass 1: words capitalised mid-sentence, and words seen in lower case. */
static concord_status gather_evidence(concord_names *n, size_t ntok)
{
    for (size_t i = 0; i < ntok; i++) {
        const tok_info *f = &n->info[i];
        if ((f->bits & (T_LETTER | T_SHOUT)) != T_LETTER) continue;
        concord_status st = CONCORD_OK;
        if (!(f->bits & T_CAP)) st = hset_add(&n->lower, f->hash);
        else if (!(f->bits & (T_START | T_FUNC))) st = hset_add(&n->capitalised, f->hash);
        if (st) return st;
    }
    return CONCORD_OK;
}

static int has_evidence(const concord_names *n, const tok_info *f)
{
    return hset_has(&n->capitalised, f->hash) && !hset_has(&n->lower, f->hash);
}

/* Pass 2a: which tokens may be part of a name. */
static void mark_candidates(concord_names *n, const char *s, const concord_token *tok, size_t ntok)
{
    for (size_t i = 0; i < ntok; i++) {
        tok_info *f = &n->info[i];
        if (!(f->bits & T_LETTER) || (f->bits & T_FUNC)) continue;
        int cand;
        if (f->bits & T_SHOUT) {
            cand = has_evidence(n, f);
        } else if (!(f->bits & T_CAP)) {
            cand = 0;
        } else if (!(f->bits & T_START)) {
            cand = 1;
        } else {
            /* A sentence start: evidence, or a capitalised word right after. */
            const tok_info *g = i + 1 < ntok ? &n->info[i + 1] : NULL;
            cand = has_evidence(n, f) ||
                   (g && g->sentence == f->sentence && (g->bits & T_CAP) &&
                    (g->bits & (T_FUNC | T_LETTER)) == T_LETTER &&
                    gap_joinable(s, &tok[i], &tok[i + 1]) && !hset_has(&n->lower, f->hash));
        }
        if (cand) f->bits |= T_CAND;
    }
}

enum { CUE_NONE = 0, CUE_PREP = 1, CUE_PLACE_WORD = 2, CUE_STRONG = 3 };

static concord_status push_name(concord_names *n, const concord_token *tok, size_t a, size_t b,
                                int titled)
{
    const tok_info *info = n->info;
    int org = 0, place_word = 0;
    for (size_t i = a; i < b; i++) {
        org |= names_is_org_word(tok[i].norm, info[i].word_len);
        place_word |= names_is_place_word(tok[i].norm, info[i].word_len);
    }
    /* A title word or a lower-case place preposition just before the name. */
    int prep = 0;
    if (a > 0 && info[a - 1].sentence == info[a].sentence) {
        const tok_info *p = &info[a - 1];
        if ((p->bits & T_TITLE) || names_is_title(tok[a - 1].norm, p->word_len)) titled = 1;
        else if (!(p->bits & T_CAP) && names_is_place_prep(tok[a - 1].norm, p->word_len) &&
                 !(b - a == 1 && text_is_calendar_word(tok[a].norm, info[a].word_len)))
            prep = 1;
    }
    concord_name nm = {0};
    nm.start = tok[a].start;
    nm.end = tok[b - 1].end;
    if (info[b - 1].word_len < tok[b - 1].norm_len) nm.end -= 2; /* possessive 's */
    nm.first_token = a;
    nm.token_count = b - a;
    uint8_t strength = CUE_NONE;
    if (org) nm.type = CONCORD_NAME_ORGANISATION, strength = CUE_STRONG;
    else if (titled) nm.type = CONCORD_NAME_PERSON, strength = CUE_STRONG;
    else if (place_word) nm.type = CONCORD_NAME_PLACE, strength = CUE_PLACE_WORD;
    else if (prep) nm.type = CONCORD_NAME_PLACE, strength = CUE_PREP;

    size_t off = n->norms.len;
    for (size_t i = a; i < b; i++) {
        if ((i > a && buf_push(&n->norms, ' ')) ||
            buf_append(&n->norms, tok[i].norm, info[i].word_len))
            return CONCORD_ERR_NOMEM;
    }
    nm.norm_len = n->norms.len - off;
    if (VEC_PUSH(n->items, n->len, n->cap, nm)) return CONCORD_ERR_NOMEM;
    size_t dummy = n->len - 1;
    if (VEC_PUSH(n->norm_off, dummy, n->norm_off_cap, off)) return CONCORD_ERR_NOMEM;
    dummy = n->len - 1;
    if (VEC_PUSH(n->strength, dummy, n->strength_cap, strength)) return CONCORD_ERR_NOMEM;
    return CONCORD_OK;
}

/* Pass 2b: runs of candidates, trimmed of titles, become names. */
static concord_status group_runs(concord_names *n, const char *s, const concord_token *tok,
                                 size_t ntok)
{
    const tok_info *info = n->info;
    size_t i = 0;
    while (i < ntok) {
        if (!(info[i].bits & T_CAND)) {
            i++;
            continue;
        }
        size_t a = i, b = i + 1;
        while (b < ntok && info[b - 1].word_len == tok[b - 1].norm_len) { /* no possessive yet */
            if ((info[b].bits & T_CAND) && info[b].sentence == info[a].sentence &&
                gap_joinable(s, &tok[b - 1], &tok[b])) {
                b++;
            } else if (b + 1 < ntok && !(info[b].bits & T_CAP) &&
                       names_is_connector(tok[b].norm, info[b].word_len) &&
                       (info[b + 1].bits & T_CAND) && info[b + 1].sentence == info[a].sentence &&
                       gap_joinable(s, &tok[b - 1], &tok[b]) &&
                       gap_joinable(s, &tok[b], &tok[b + 1])) {
                b += 2;
            } else {
                break;
            }
        }
        i = b;
        int org = 0;
        for (size_t k = a; k < b; k++) org |= names_is_org_word(tok[k].norm, info[k].word_len);
        int titled = 0;
        if (!org) {
            /* Cut after the last title word that precedes a non-title word
               ("Finance Minister Ilya Varenko" -> "Ilya Varenko"), and drop
               trailing titles. */
            for (size_t k = b - 1; k > a; k--) {
                if ((info[k - 1].bits & T_TITLE) && !(info[k].bits & T_TITLE)) {
                    a = k;
                    titled = 1;
                    break;
                }
            }
            while (b > a && (info[b - 1].bits & T_TITLE)) b--;
            if (a == b) continue;
        }
        concord_status st = push_name(n, tok, a, b, titled);
        if (st) return st;
    }
    return CONCORD_OK;
}

static type_slot *type_find(concord_names *n, uint64_t h)
{
    size_t i = h & n->types_mask;
    while (n->types[i].hash && n->types[i].hash != h) i = (i + 1) & n->types_mask;
    return &n->types[i];
}

/* Pass 3: the strongest cue of each name for all its occurrences; a
   single word ending a person's name is that person. */
static concord_status settle_types(concord_names *n)
{
    size_t cap = 16;
    while (cap < n->len * 4) cap *= 2; /* names + last words, load <= 1/2 */
    if (cap - 1 > n->types_mask || !n->types) {
        free(n->types);
        n->types = malloc(cap * sizeof *n->types);
        if (!n->types) return CONCORD_ERR_NOMEM;
        n->types_mask = cap - 1;
    }
    memset(n->types, 0, (n->types_mask + 1) * sizeof *n->types);
    for (size_t i = 0; i < n->len; i++) {
        const char *norm = n->norms.data + n->norm_off[i];
        concord_name *nm = &n->items[i];
        type_slot *t = type_find(n, word_hash(norm, nm->norm_len));
        t->hash = word_hash(norm, nm->norm_len);
        if (n->strength[i] > t->strength) t->strength = n->strength[i], t->type = (uint8_t)nm->type;
    }
    /* Last words of persons, under a distinct hash (salted). */
    for (size_t i = 0; i < n->len; i++) {
        concord_name *nm = &n->items[i];
        const char *norm = n->norms.data + n->norm_off[i];
        type_slot *t = type_find(n, word_hash(norm, nm->norm_len));
        if (t->type != CONCORD_NAME_PERSON || nm->token_count < 2) continue;
        size_t off = nm->norm_len;
        while (off > 0 && norm[off - 1] != ' ') off--;
        uint64_t h = word_hash(norm + off, nm->norm_len - off) ^ UINT64_C(0x9e3779b97f4a7c15);
        type_slot *l = type_find(n, h ? h : 1);
        l->hash = h ? h : 1;
        l->type = CONCORD_NAME_PERSON;
    }
    for (size_t i = 0; i < n->len; i++) {
        concord_name *nm = &n->items[i];
        const char *norm = n->norms.data + n->norm_off[i];
        const type_slot *t = type_find(n, word_hash(norm, nm->norm_len));
        nm->type = (concord_name_type)t->type;
        if (t->strength < CUE_STRONG && nm->token_count == 1) {
            uint64_t h = word_hash(norm, nm->norm_len) ^ UINT64_C(0x9e3779b97f4a7c15);
            const type_slot *l = type_find(n, h ? h : 1);
            if (l->hash) nm->type = CONCORD_NAME_PERSON;
        }
        nm->norm = norm;
    }
    return CONCORD_OK;
}

concord_status concord_names_find(concord_names *n, const concord_text *text, const char *utf8,
                                  size_t len, unsigned options)
{
    if (!n || !text || (!utf8 && len) || (options & ~(unsigned)CONCORD_NAMES_KEEP_EVIDENCE))
        return CONCORD_ERR_INVALID;
    n->len = 0;
    buf_clear(&n->norms);
    if (!(options & CONCORD_NAMES_KEEP_EVIDENCE)) {
        hset_clear(&n->capitalised);
        hset_clear(&n->lower);
    }
    size_t ntok;
    const concord_token *tok = text_tokens(text, &ntok);
    if (!ntok) return CONCORD_OK;
    if (tok[ntok - 1].end > len) return CONCORD_ERR_INVALID; /* not this text's tokens */
    concord_status st = token_facts(n, text, utf8, tok, ntok);
    if (!st) st = gather_evidence(n, ntok);
    if (!st) {
        mark_candidates(n, utf8, tok, ntok);
        st = group_runs(n, utf8, tok, ntok);
    }
    if (!st) st = settle_types(n);
    if (st) n->len = 0;
    return st;
}
