/*
 * view_internal.h - the concord_view handle and its steps (docs/view.md).
 *
 * run() goes: families (view_families.c) -> sentences and their weighted
 * term vectors, candidate links, claims, centrality, summary
 * (view_claims.c) -> quantities and conflicts (view_numbers.c) -> quote
 * groups (view_quotes.c). Each step reads what the previous ones filled.
 */
#ifndef CONCORD_VIEW_INTERNAL_H
#define CONCORD_VIEW_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "concord.h"
#include "util/arena.h"

/* One distinct sentence (copies of it across articles share one node). */
typedef struct view_node {
    size_t first_occ;    /* its occurrences: occ[first_occ .. first_occ + occ_count) */
    size_t occ_count;
    size_t term_start;   /* terms[term_start .. +term_count): sorted, unique */
    size_t term_count;
    size_t token_count;  /* words in the sentence */
    size_t unit_start, unit_end; /* the clause's bytes in the first occurrence */
    double norm;         /* Euclidean norm of its weighted vector */
    double centrality;   /* cosine with the story centroid */
    size_t claim;        /* claim number */
} view_node;

/* A candidate link between two nodes whose weighted cosine is >= the
   lowest threshold any step uses (VIEW_LINK_MIN). */
typedef struct view_link {
    uint32_t a, b; /* node numbers, a < b */
    double sim;
} view_link;

enum { VIEW_LINK_MIN_PERCENT = 20 }; /* links kept from cosine 0.20 */

/* Terms of anchors (numbers, names) carry this bit; their weight is
   multiplied by VIEW_ANCHOR_BOOST (view_sentences.c). */
#define VIEW_ANCHOR_BIT (UINT64_C(1) << 63)
#define VIEW_ANCHOR_BOOST 2.0

struct concord_view {
    concord_view_options options;
    const concord_lexicon *lexicon;
    concord_lexicon *own_lexicon; /* stems-only lexicon when none was given */
    concord_text *text;
    concord_comparer *comparer;
    concord_quotes *quotes;
    int ran;

    arena mem; /* everything below that points into memory: reset per story */

    concord_view_article *articles;
    size_t article_count, article_cap;
    const char **texts;
    size_t *text_lens;
    size_t family_count;

    /* sentences: occurrences (spans) grouped into nodes */
    concord_view_span *occ;
    size_t occ_count, occ_cap;
    size_t *occ_unit;   /* occurrence i: its clause is [occ_unit[2i], occ_unit[2i+1]) */
    uint32_t *occ_node; /* occurrence -> node */
    view_node *nodes;
    size_t node_count, node_cap;
    uint64_t *terms; /* canonical classes of content words, per node */
    double *weights; /* idf per entry of terms */
    size_t term_count, term_cap;
    view_link *links;
    size_t link_count, link_cap;

    concord_claim *claims;
    size_t claim_count;
    concord_claim_sentence *claim_spans; /* claims[i].sentences point in here */
    size_t *claim_node;             /* claim -> the node of its representative */

    concord_conflict *conflicts;
    size_t conflict_count, conflict_cap;

    concord_view_quote *quote_items; /* grouped quotes, group after group */
    size_t quote_item_count, quote_item_cap;
    size_t *quote_group_start; /* group g: quote_items[start[g] .. start[g+1]) */
    size_t *quote_group_support;
    size_t quote_group_count;

    size_t *timeline;
    size_t *summary;
    size_t summary_count;
};

/* Step 1: articles[].family/origin/relation and family_count. */
concord_status view_families(concord_view *view);
/* Step 1b: quote groups (view_quotes.c). Needs families. */
/* Step 2a: occurrences, nodes, terms, weights, centrality (view_sentences.c). */
concord_status view_sentences(concord_view *view);
/* Step 2b: links, claims, summary. Needs families and nodes. */
concord_status view_claims(concord_view *view);
/* Step 3: conflicts. Needs nodes and links. */
concord_status view_numbers(concord_view *view);
concord_status view_quotes(concord_view *view);

/* Clause cuts of the sentence tok[first .. first + n) of text: writes to
   cuts[] the token positions (relative to first, ascending, in 1..n-1)
   where a new clause starts and returns how many; content[i] is 1 when
   token first + i is a content word. cuts must hold n values
   (view_units.c). */
size_t view_units(const char *text, const concord_token *tok, size_t first, size_t n,
                  const unsigned char *content, size_t *cuts);

/* Weighted cosine of nodes a and b (terms and weights filled). */
double view_node_cosine(const concord_view *view, size_t a, size_t b);

#endif
