/*
 * view_quotes.c - the story's quotations, grouped across articles with
 * their speakers and variants (docs/view.md, "Quotes"; the grouping rules
 * are concord_quote_groups', docs/quotes.md). A group's support is the
 * number of independent sources (families) quoting it.
 */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "view/view_internal.h"

typedef struct group_order {
    size_t group, size, first;
} group_order;

static int group_order_cmp(const void *x, const void *y)
{
    const group_order *a = x, *b = y;
    if (a->size != b->size) return a->size > b->size ? -1 : 1;
    return (a->first > b->first) - (a->first < b->first);
}

concord_status view_quotes(concord_view *v)
{
    concord_quote_groups *groups = NULL;
    concord_status st = concord_quote_groups_create(&groups);
    concord_view_quote *all = NULL;
    size_t n = 0, cap = 0;
    for (size_t a = 0; a < v->article_count && st == CONCORD_OK; a++) {
        const char *text = v->texts[a];
        st = concord_quotes_extract(v->quotes, text, v->text_lens[a]);
        for (size_t i = 0; i < concord_quotes_count(v->quotes) && st == CONCORD_OK; i++) {
            const concord_quote *q = concord_quotes_get(v->quotes, i);
            concord_view_quote item = {{a, q->start, q->end}, {a, q->speaker_start, q->speaker_end}};
            st = concord_quote_groups_add(groups, text + q->start, q->end - q->start,
                                          q->speaker_end > q->speaker_start ? text + q->speaker_start
                                                                            : NULL,
                                          q->speaker_end - q->speaker_start);
            if (st == CONCORD_OK && VEC_PUSH(all, n, cap, item)) st = CONCORD_ERR_NOMEM;
        }
    }
    if (st == CONCORD_OK) st = concord_quote_groups_run(groups);
    size_t G = st == CONCORD_OK ? concord_quote_groups_count(groups) : 0;
    group_order *order = malloc((G ? G : 1) * sizeof *order);
    size_t total = 0;
    if (st == CONCORD_OK && !order) st = CONCORD_ERR_NOMEM;
    for (size_t g = 0; g < G && st == CONCORD_OK; g++) {
        size_t count;
        const size_t *m = concord_quote_groups_members(groups, g, &count);
        order[g] = (group_order){g, count, m[0]};
        total += count;
    }
    if (st == CONCORD_OK) {
        qsort(order, G, sizeof *order, group_order_cmp);
        v->quote_group_start = arena_alloc(&v->mem, (G + 1) * sizeof *v->quote_group_start);
        v->quote_group_support = arena_alloc(&v->mem, (G ? G : 1) * sizeof *v->quote_group_support);
        if (total > v->quote_item_cap) {
            concord_view_quote *items = realloc(v->quote_items, total * sizeof *items);
            if (items) {
                v->quote_items = items;
                v->quote_item_cap = total;
            }
        }
        if (!v->quote_group_start || !v->quote_group_support || total > v->quote_item_cap)
            st = CONCORD_ERR_NOMEM;
    }
    size_t at = 0;
    for (size_t k = 0; k < G && st == CONCORD_OK; k++) {
        size_t count;
        const size_t *m = concord_quote_groups_members(groups, order[k].group, &count);
        v->quote_group_start[k] = at;
        size_t support = 0;
        for (size_t i = 0; i < count; i++) {
            v->quote_items[at + i] = all[m[i]];
            size_t f = v->articles[all[m[i]].quote.article].family, seen = 0;
            for (size_t j = 0; j < i && !seen; j++)
                seen = v->articles[all[m[j]].quote.article].family == f;
            support += !seen;
        }
        v->quote_group_support[k] = support;
        at += count;
    }
    if (st == CONCORD_OK) {
        v->quote_group_start[G] = at;
        v->quote_group_count = G;
        v->quote_item_count = at;
    }
    free(order);
    free(all);
    concord_quote_groups_free(groups);
    return st;
}
