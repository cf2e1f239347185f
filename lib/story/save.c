/*
 * save.c - the whole state of a concord_stories as bytes and back.
 *
 * Layout (little-endian, no padding): "CNCDSTRY", u32 version, the
 * options, the terms (key and df), the sources, the strings pool, the
 * articles, the stories (members, sources, centroids), the postings and
 * the expiry heap verbatim (so a loaded engine meets candidates in the
 * same order and continues exactly as the saved one), the clock and
 * counters, then an XXH3 checksum of everything before it. The words
 * cache (spelling -> term) is not saved: it is rebuilt as words reappear.
 * load() checks the tag, version, checksum, every length against the
 * bytes left and every index against its table.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sketch/hash.h"
#include "story/story_internal.h"
#include "util/buf.h"

static const char magic[8] = {'C', 'N', 'C', 'D', 'S', 'T', 'R', 'Y'};
/* Version 2 added options.learned (a byte after candidates); version 1
   states still load, with learned = 0 (what they were made with). */
enum { STATE_VERSION = 2 };

/* ---- writing ---- */

typedef struct writer {
    buf b;
    concord_status st;
} writer;

static void put(writer *w, const void *p, size_t n)
{
    if (!w->st) w->st = buf_append(&w->b, p, n);
}

static void put_u8(writer *w, uint8_t v) { put(w, &v, 1); }

static void put_u32(writer *w, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    put(w, b, 4);
}

static void put_u64(writer *w, uint64_t v)
{
    put_u32(w, (uint32_t)v);
    put_u32(w, (uint32_t)(v >> 32));
}

static void put_f64(writer *w, double d)
{
    uint64_t v;
    memcpy(&v, &d, 8);
    put_u64(w, v);
}

static void put_u32s(writer *w, const uint32_t *v, size_t n)
{
    put_u64(w, n);
    for (size_t i = 0; i < n; i++) put_u32(w, v[i]);
}

static void put_svec(writer *w, const svec *v)
{
    put_u32(w, v->len);
    for (uint32_t i = 0; i < v->len; i++) {
        uint32_t bits;
        memcpy(&bits, &v->v[i].weight, 4);
        put_u32(w, v->v[i].term);
        put_u32(w, bits);
    }
    put_f64(w, v->norm);
}

static void put_map(writer *w, const strmap *m)
{
    put_u64(w, m->len);
    for (size_t i = 0; i < m->len; i++) {
        size_t len;
        const char *k = strmap_key(m, i, &len);
        put_u32(w, (uint32_t)len);
        put(w, k, len);
    }
}

concord_status concord_stories_save(const concord_stories *s, unsigned char **data, size_t *len)
{
    if (!s || !data || !len) return CONCORD_ERR_INVALID;
    *data = NULL;
    *len = 0;
    writer w = {.st = CONCORD_OK};
    buf_init(&w.b, 0);
    put(&w, magic, sizeof magic);
    put_u32(&w, STATE_VERSION);
    const concord_stories_options *o = &s->opt;
    put_f64(&w, o->threshold);
    put_f64(&w, o->merge_threshold);
    put_f64(&w, o->sigma_days);
    put_f64(&w, o->window_days);
    put_f64(&w, o->w_body);
    put_f64(&w, o->w_title);
    put_f64(&w, o->w_names);
    put_u32(&w, o->centroid_terms);
    put_u32(&w, o->candidates);
    put_u8(&w, (uint8_t)o->learned);
    put_map(&w, &s->terms);
    for (size_t t = 0; t < s->terms.len; t++) put_u32(&w, s->df[t]);
    put_map(&w, &s->sources);
    put_u64(&w, s->strings_len);
    put(&w, s->strings, s->strings_len);
    put_u64(&w, s->article_count);
    for (size_t i = 0; i < s->article_count; i++) {
        const article *a = &s->articles[i];
        put_u64(&w, a->id_span);
        put_u64(&w, a->date_span);
        put_u64(&w, a->title_span);
        put_f64(&w, a->t);
        put_u32(&w, a->story);
        put_u32(&w, a->source);
    }
    put_u64(&w, s->story_count);
    for (size_t i = 0; i < s->story_count; i++) {
        const story *st = &s->stories[i];
        put_u32(&w, st->merged_into);
        put_u32(&w, st->title_art);
        put_u32(&w, st->first_art);
        put_u32(&w, st->last_art);
        put_f64(&w, st->first_t);
        put_f64(&w, st->last_t);
        put_u8(&w, (uint8_t)s->hot[i].active);
        put_u32s(&w, st->members, st->member_count);
        put_u32s(&w, st->sources, st->source_count);
        for (int f = 0; f < FIELD_COUNT; f++) put_svec(&w, &st->centroid[f]);
    }
    for (size_t t = 0; t < s->terms.len; t++) put_u32s(&w, s->index[t].v, s->index[t].len);
    put_u64(&w, s->heap_len);
    for (size_t i = 0; i < s->heap_len; i++) {
        put_f64(&w, s->heap[i].t);
        put_u32(&w, s->heap[i].story);
    }
    put_f64(&w, s->now);
    put_u8(&w, (uint8_t)s->have_now);
    put_u64(&w, s->merges);
    put_u64(&w, s->candidates);
    put_u64(&w, s->scored);
    put_u64(&w, s->active_sum);
    if (!w.st) put_u64(&w, hash_bytes(w.b.data, w.b.len, 0));
    if (w.st) {
        buf_free(&w.b);
        return w.st;
    }
    *data = (unsigned char *)w.b.data;
    *len = w.b.len;
    return CONCORD_OK;
}

/* ---- reading ---- */

typedef struct reader {
    const unsigned char *p;
    size_t left;
    int bad;
} reader;

static const unsigned char *take(reader *r, size_t n)
{
    if (r->bad || n > r->left) {
        r->bad = 1;
        return NULL;
    }
    const unsigned char *p = r->p;
    r->p += n;
    r->left -= n;
    return p;
}

static uint32_t get_u32(reader *r)
{
    const unsigned char *b = take(r, 4);
    return b ? (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24 : 0;
}

static uint64_t get_u64(reader *r)
{
    uint64_t lo = get_u32(r);
    return lo | (uint64_t)get_u32(r) << 32;
}

static double get_f64(reader *r)
{
    uint64_t v = get_u64(r);
    double d;
    memcpy(&d, &v, 8);
    return d;
}

static uint8_t get_u8(reader *r)
{
    const unsigned char *b = take(r, 1);
    return b ? b[0] : 0;
}

/* A count of items of at least `size` bytes each: must fit what is left. */
static size_t get_count(reader *r, size_t size)
{
    uint64_t n = get_u64(r);
    if (n > r->left / size) r->bad = 1;
    return r->bad ? 0 : (size_t)n;
}

/* n u32 values, each < limit, into a malloc'd array (NULL when n == 0). */
static uint32_t *get_u32s(reader *r, size_t *n, uint32_t limit)
{
    *n = get_count(r, 4);
    if (!*n) return NULL;
    uint32_t *v = malloc(*n * sizeof *v);
    if (!v) {
        r->bad = 2;
        return NULL;
    }
    for (size_t i = 0; i < *n; i++) {
        v[i] = get_u32(r);
        if (v[i] >= limit) r->bad = 1;
    }
    return v;
}

static int get_map(reader *r, strmap *m)
{
    size_t n = get_count(r, 4);
    for (size_t i = 0; i < n && !r->bad; i++) {
        uint32_t len = get_u32(r);
        if (len > 0xffff) r->bad = 1;
        const unsigned char *k = take(r, len);
        if (!k) break;
        if (strmap_get(m, (const char *)k, len) != UINT32_MAX) r->bad = 1; /* duplicate */
        else if (strmap_put(m, (const char *)k, len, (uint32_t)i)) r->bad = 2;
    }
    return !r->bad;
}

static int span_ok(const concord_stories *s, uint64_t span)
{
    return (span >> 24) + (span & 0xffffff) <= s->strings_len;
}

static void get_svec(reader *r, svec *v, size_t nterms, unsigned max_terms)
{
    uint32_t n = get_u32(r);
    if (n > max_terms || n > r->left / 8) {
        r->bad = 1;
        return;
    }
    if (svec_reserve(v, n)) {
        r->bad = 2;
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t bits;
        v->v[i].term = get_u32(r);
        bits = get_u32(r);
        memcpy(&v->v[i].weight, &bits, 4);
        if (v->v[i].term >= nterms || (i && v->v[i].term <= v->v[i - 1].term) ||
            !isfinite(v->v[i].weight))
            r->bad = 1;
    }
    v->len = n;
    v->norm = get_f64(r);
    if (!isfinite(v->norm) || v->norm < 0) r->bad = 1;
}

static void get_stories(reader *r, concord_stories *s)
{
    size_t n = get_count(r, 16);
    if (r->bad) return;
    if (n) {
        s->stories = calloc(n, sizeof *s->stories);
        s->hot = calloc(n, sizeof *s->hot);
        if (!s->stories || !s->hot) {
            r->bad = 2;
            return;
        }
    }
    s->story_cap = s->hot_cap = n;
    uint32_t narts = (uint32_t)s->article_count;
    for (size_t i = 0; i < n && !r->bad; i++) {
        story *st = &s->stories[i];
        s->story_count = i + 1;
        st->merged_into = get_u32(r);
        st->title_art = get_u32(r);
        st->first_art = get_u32(r);
        st->last_art = get_u32(r);
        st->first_t = get_f64(r);
        st->last_t = get_f64(r);
        s->hot[i].active = get_u8(r);
        size_t m;
        st->members = get_u32s(r, &m, narts);
        st->member_count = st->member_cap = (uint32_t)m;
        st->sources = get_u32s(r, &m, (uint32_t)s->sources.len);
        st->source_count = st->source_cap = (uint32_t)m;
        for (int f = 0; f < FIELD_COUNT; f++)
            get_svec(r, &st->centroid[f], s->terms.len, s->opt.centroid_terms);
        /* Merges point to older stories; dated members are real members. */
        if ((st->merged_into != NO_INDEX && (st->merged_into >= i || s->hot[i].active)) ||
            (st->title_art != NO_INDEX && st->title_art >= narts) ||
            (st->first_art != NO_INDEX && st->first_art >= narts) ||
            (st->last_art != NO_INDEX && st->last_art >= narts) || s->hot[i].active > 1 ||
            (st->first_art == NO_INDEX) != (st->last_art == NO_INDEX))
            r->bad = 1;
        for (uint32_t k = 1; k < st->member_count; k++)
            if (st->members[k] <= st->members[k - 1]) r->bad = 1;
        if (st->merged_into == NO_INDEX) {
            s->alive++;
            if (VEC_PUSH(s->alive_list, s->alive_list_len, s->alive_list_cap, (uint32_t)i))
                r->bad = 2;
        }
    }
}

static void load_body(reader *r, concord_stories *s)
{
    if (!get_map(r, &s->terms) || terms_reserve(s, s->terms.len + 1)) {
        if (!r->bad) r->bad = 2;
        return;
    }
    for (size_t t = 0; t < s->terms.len; t++) s->df[t] = get_u32(r);
    if (!get_map(r, &s->sources)) return;
    s->strings_len = get_count(r, 1);
    const unsigned char *str = take(r, s->strings_len);
    if (r->bad) return;
    if (s->strings_len) {
        s->strings = malloc(s->strings_len);
        if (!s->strings) {
            r->bad = 2;
            return;
        }
        memcpy(s->strings, str, s->strings_len);
    }
    s->strings_cap = s->strings_len;
    size_t na = get_count(r, 40);
    if (r->bad) return;
    if (na) {
        s->articles = malloc(na * sizeof *s->articles);
        if (!s->articles) {
            r->bad = 2;
            return;
        }
    }
    s->article_cap = s->article_count = na;
    for (size_t i = 0; i < na && !r->bad; i++) {
        article *a = &s->articles[i];
        a->id_span = get_u64(r);
        a->date_span = get_u64(r);
        a->title_span = get_u64(r);
        a->t = get_f64(r);
        a->story = get_u32(r);
        a->source = get_u32(r);
        if (!span_ok(s, a->id_span) || !span_ok(s, a->date_span) || !span_ok(s, a->title_span) ||
            (a->source != NO_INDEX && a->source >= s->sources.len))
            r->bad = 1;
    }
    get_stories(r, s);
    for (size_t i = 0; i < na && !r->bad; i++)
        if (s->articles[i].story >= s->story_count) r->bad = 1;
    for (size_t t = 0; t < s->terms.len && !r->bad; t++) {
        size_t n;
        s->index[t].v = get_u32s(r, &n, (uint32_t)s->story_count);
        s->index[t].len = s->index[t].cap = n;
    }
    size_t nh = get_count(r, 12);
    if (r->bad) return;
    if (nh) {
        s->heap = malloc(nh * sizeof *s->heap);
        if (!s->heap) {
            r->bad = 2;
            return;
        }
    }
    s->heap_cap = s->heap_len = nh;
    for (size_t i = 0; i < nh; i++) {
        s->heap[i].t = get_f64(r);
        s->heap[i].story = get_u32(r);
        if (s->heap[i].story >= s->story_count) r->bad = 1;
    }
    s->now = get_f64(r);
    s->have_now = get_u8(r);
    s->merges = get_u64(r);
    s->candidates = get_u64(r);
    s->scored = get_u64(r);
    s->active_sum = get_u64(r);
    for (size_t i = 0; i < s->story_count; i++) s->active_now += s->hot[i].active;
    if (s->have_now > 1) r->bad = 1;
}

concord_status concord_stories_load(concord_stories **out, const void *data, size_t len)
{
    if (!out || (!data && len)) return CONCORD_ERR_INVALID;
    *out = NULL;
    if (len < sizeof magic + 4 + 8 || memcmp(data, magic, sizeof magic)) return CONCORD_ERR_PARSE;
    reader r = {(const unsigned char *)data + sizeof magic, len - sizeof magic - 8, 0};
    uint32_t version = get_u32(&r);
    if (version > STATE_VERSION) return CONCORD_ERR_UNSUPPORTED;
    if (version < 1) return CONCORD_ERR_PARSE;
    uint64_t sum = 0;
    const unsigned char *tail = (const unsigned char *)data + len - 8;
    for (int i = 7; i >= 0; i--) sum = sum << 8 | tail[i];
    if (sum != hash_bytes(data, len - 8, 0)) return CONCORD_ERR_PARSE;
    concord_stories_options o;
    o.threshold = get_f64(&r);
    o.merge_threshold = get_f64(&r);
    o.sigma_days = get_f64(&r);
    o.window_days = get_f64(&r);
    o.w_body = get_f64(&r);
    o.w_title = get_f64(&r);
    o.w_names = get_f64(&r);
    o.centroid_terms = get_u32(&r);
    o.candidates = get_u32(&r);
    o.learned = version >= 2 ? get_u8(&r) : 0;
    concord_stories *s;
    concord_status st = r.bad ? CONCORD_ERR_PARSE : concord_stories_create(&s, &o);
    if (st) return st == CONCORD_ERR_INVALID ? CONCORD_ERR_PARSE : st;
    load_body(&r, s);
    if (!r.bad && r.left) r.bad = 1; /* trailing bytes */
    if (r.bad) {
        concord_stories_free(s);
        return r.bad == 2 ? CONCORD_ERR_NOMEM : CONCORD_ERR_PARSE;
    }
    *out = s;
    return CONCORD_OK;
}
