/* access.c - read access to a concord_stories: stories, articles, stats. */
#include <assert.h>
#include <string.h>

#include "story/story_internal.h"

size_t concord_stories_count(const concord_stories *s) { return s ? s->alive_list_len : 0; }

concord_status concord_stories_get(const concord_stories *s, size_t i, concord_story *out)
{
    if (!s || !out || i >= s->alive_list_len) return CONCORD_ERR_INVALID;
    uint32_t si = s->alive_list[i];
    const story *st = &s->stories[si];
    memset(out, 0, sizeof *out);
    out->id = (uint64_t)si + 1;
    if (st->title_art != NO_INDEX)
        out->title = stories_string(s, s->articles[st->title_art].title_span, &out->title_len);
    out->first_seen = out->last_seen = "";
    if (st->first_art != NO_INDEX) {
        out->first_seen =
            stories_string(s, s->articles[st->first_art].date_span, &out->first_seen_len);
        out->last_seen = stories_string(s, s->articles[st->last_art].date_span, &out->last_seen_len);
    }
    out->members = st->members;
    out->member_count = st->member_count;
    out->source_count = st->source_count;
    return CONCORD_OK;
}

const char *concord_stories_source(const concord_stories *s, size_t i, size_t j, size_t *len)
{
    if (!s || i >= s->alive_list_len) return NULL;
    const story *st = &s->stories[s->alive_list[i]];
    if (j >= st->source_count) return NULL;
    size_t l;
    const char *p = strmap_key(&s->sources, st->sources[j], &l);
    if (len) *len = l;
    return p;
}

size_t concord_stories_article_count(const concord_stories *s) { return s ? s->article_count : 0; }

const char *concord_stories_article_id(const concord_stories *s, size_t n, size_t *len)
{
    if (!s || n >= s->article_count) return NULL;
    size_t l;
    const char *p = stories_string(s, s->articles[n].id_span, &l);
    if (len) *len = l;
    return p;
}

uint64_t concord_stories_article_story(const concord_stories *s, size_t n)
{
    if (!s || n >= s->article_count) return 0;
    return (uint64_t)stories_resolve(s, s->articles[n].story) + 1;
}

void concord_stories_stats_get(const concord_stories *s, concord_stories_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!s) return;
    out->articles = s->article_count;
    out->stories = s->alive;
    for (size_t i = 0; i < s->story_count; i++) out->active += s->hot[i].active;
    out->merges = s->merges;
    out->terms = s->terms.len;
    out->candidates = s->candidates;
    out->scored = s->scored;
    out->active_sum = s->active_sum;
}

size_t stories_alive_position(const concord_stories *s, uint32_t si)
{
    size_t lo = 0, hi = s->alive_list_len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->alive_list[mid] < si) lo = mid + 1;
        else hi = mid;
    }
    assert(lo < s->alive_list_len && s->alive_list[lo] == si);
    return lo;
}

concord_status concord_stories_find(const concord_stories *s, uint64_t id, size_t *index)
{
    if (!s || !index) return CONCORD_ERR_INVALID;
    if (id == 0 || id > s->story_count) return CONCORD_END;
    /* A resolved story is alive. */
    *index = stories_alive_position(s, stories_resolve(s, (uint32_t)(id - 1)));
    return CONCORD_OK;
}
