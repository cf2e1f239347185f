/*
 * query.c - near duplicates of one sketched text among the stored
 * articles, and concord_store_query().
 *
 * Candidates come from the band index (levels.c): a hash lookup per band
 * in the recent level, a B-tree probe in the merged level only for the
 * keys its Bloom filter lets through, so the cost does not grow with the
 * store (only with the bucket sizes). Verification is exact: a candidate's shingle set
 * is rebuilt from its stored text (one tokenisation, ~10-30 us for a news
 * article) and intersected with the new one, so the reported Jaccard and
 * containment are exact, like dedup's. Storing the shingle sets instead
 * would add ~4 bytes per shingle per article for no gain in accuracy.
 * Exact copies (same content hash) need no tokenisation: Jaccard 1.
 */
#include <stdlib.h>
#include <string.h>

#include "match/dedup_core.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/radix.h"

/* Distinct candidate rows for the band keys of st->sketcher.out into
   st->cand; returns their number in *n. */
static concord_status candidates(concord_store *st, size_t *n)
{
    size_t len = 0;
    concord_status s = levels_candidates(st, st->sketcher.out.keys, &len);
    if (s) return s;
    /* Rows are positive: sort as unsigned and drop repeats. */
    uint64_t *tmp = malloc((len ? len : 1) * sizeof *tmp);
    if (!tmp) return CONCORD_ERR_NOMEM;
    *n = sort_unique_u64((uint64_t *)st->cand, tmp, len);
    free(tmp);
    return CONCORD_OK;
}

/* Keep a copy of the match's id; ids are rebased once all are in. */
static concord_status push_match(concord_store *st, concord_store_match m, const void *id, size_t id_len)
{
    concord_status s = vec_grow((void **)&st->match_ids, &st->match_ids_cap, st->match_ids_len, id_len + 1, 1);
    if (s) return s;
    if (id_len) memcpy(st->match_ids + st->match_ids_len, id, id_len);
    m.id = (const char *)(uintptr_t)st->match_ids_len; /* an offset until rebased */
    m.id_len = id_len;
    st->match_ids_len += id_len;
    st->match_ids[st->match_ids_len++] = '\0';
    return VEC_PUSH(st->matches, st->match_count, st->match_cap, m);
}

/* Verify candidate row doc; push it when related. */
static concord_status verify(concord_store *st, int64_t doc)
{
    const store_sketch *a = &st->sketcher.out;
    sqlite3_stmt *q = st->stmt[Q_GET_ARTICLE];
    sqlite3_bind_int64(q, 1, doc);
    int rc = sqlite3_step(q);
    if (rc != SQLITE_ROW) {
        concord_status s = rc == SQLITE_DONE ? CONCORD_OK : store_fail(st, 0, "cannot read a candidate");
        store_reset(q);
        return s; /* DONE: a band row without its article cannot happen; skip */
    }
    if (sqlite3_column_int64(q, 5)) { /* superseded by another connection since the last sync */
        store_reset(q);
        return CONCORD_OK;
    }
    concord_store_match m = {.doc = doc, .version = (unsigned)sqlite3_column_int64(q, 1)};
    uint64_t content = (uint64_t)sqlite3_column_int64(q, 2);
    const unsigned char *blob = sqlite3_column_blob(q, 3);
    unsigned perms = st->opt.perms;
    concord_status s = CONCORD_OK;
    if (blob && (size_t)sqlite3_column_bytes(q, 3) == (size_t)perms * 4) {
        sig_from_blob(blob, perms, st->cand_sig);
        m.estimate = minhash_estimate(a->sig, st->cand_sig, perms);
    }
    int related = 0;
    if (content == a->content) {
        m.relation = CONCORD_REL_EXACT;
        m.jaccard = m.a_in_b = m.b_in_a = 1.0;
        related = 1;
    } else {
        const char *text = (const char *)sqlite3_column_text(q, 4);
        size_t text_len = (size_t)sqlite3_column_bytes(q, 4);
        if ((s = sketcher_set(&st->verifier, text, text_len))) goto done;
        const store_sketch *b = &st->verifier.out;
        size_t na = a->set_len, nb = b->set_len;
        if (!na || !nb) goto done;
        concord_pair p = {0};
        related = dedup_classify(&st->opt, na, nb, dedup_intersect_count(a->set, na, b->set, nb), &p);
        m.relation = p.relation;
        m.jaccard = p.jaccard;
        m.a_in_b = p.a_in_b;
        m.b_in_a = p.b_in_a;
    }
    if (related) {
        const void *id = sqlite3_column_text(q, 0);
        s = push_match(st, m, id, (size_t)sqlite3_column_bytes(q, 0));
    }
done:
    store_reset(q);
    return s;
}

static int by_similarity(const void *x, const void *y)
{
    const concord_store_match *p = x, *q = y;
    if (p->jaccard != q->jaccard) return p->jaccard > q->jaccard ? -1 : 1;
    return p->doc < q->doc ? -1 : p->doc > q->doc;
}

concord_status store_find_matches(concord_store *st, int64_t self)
{
    st->match_count = 0;
    st->match_ids_len = 0;
    if (!st->sketcher.out.set_len) return CONCORD_OK; /* no word: never matched */
    size_t n = 0;
    concord_status s = candidates(st, &n);
    for (size_t i = 0; i < n && !s; i++)
        if (st->cand[i] != self) s = verify(st, st->cand[i]);
    if (s) return s;
    for (size_t i = 0; i < st->match_count; i++)
        st->matches[i].id = st->match_ids + (uintptr_t)st->matches[i].id;
    if (st->match_count > 1) qsort(st->matches, st->match_count, sizeof *st->matches, by_similarity);
    return CONCORD_OK;
}

concord_status store_find_id(concord_store *st, const char *id, size_t id_len, uint64_t content,
                             store_id_state *out)
{
    sqlite3_stmt *q = st->stmt[Q_FIND_ID];
    out->current = out->same = -1;
    out->current_version = out->same_version = 0;
    sqlite3_bind_text(q, 1, id ? id : "", (int)id_len, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t doc = sqlite3_column_int64(q, 0);
        unsigned version = (unsigned)sqlite3_column_int64(q, 1);
        if (out->current < 0) out->current = doc, out->current_version = version;
        if ((uint64_t)sqlite3_column_int64(q, 2) == content) {
            out->same = doc;
            out->same_version = version;
            break;
        }
    }
    store_reset(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? CONCORD_OK : store_fail(st, 0, "cannot look up an id");
}

static concord_status store_query_locked(concord_store *st, const concord_article *a,
                                         concord_store_result *out);

concord_status concord_store_query(concord_store *st, const concord_article *a, concord_store_result *out)
{
    if (!st || !a || !out || (!a->text && a->text_len) || (!a->id && a->id_len) || a->id_len > INT32_MAX)
        return CONCORD_ERR_INVALID;
    memset(out, 0, sizeof *out);
    out->doc = -1;
    out->story = -1;
    st->error[0] = '\0';
    concord_status s = sketcher_run(&st->sketcher, a->text, a->text_len);
    if (s) return s;
    /* Outside a batch: one read transaction, so the band index's memory
       copies and the tables are read at the same snapshot. */
    int own_txn = !st->in_batch;
    if (own_txn && (s = levels_read_begin(st))) return s;
    s = store_query_locked(st, a, out);
    if (own_txn) levels_read_end(st);
    return s;
}

static concord_status store_query_locked(concord_store *st, const concord_article *a,
                                         concord_store_result *out)
{
    concord_status s = st->in_batch ? CONCORD_OK : levels_sync(st);
    if (s) return s;
    store_id_state ids = {.current = -1, .same = -1};
    if (a->id && (s = store_find_id(st, a->id, a->id_len, st->sketcher.out.content, &ids))) return s;
    out->outcome = ids.same >= 0      ? CONCORD_STORE_UNCHANGED
                   : ids.current >= 0 ? CONCORD_STORE_NEW_VERSION
                                      : CONCORD_STORE_NEW;
    out->doc = ids.same >= 0 ? ids.same : ids.current;
    out->version = ids.same >= 0 ? ids.same_version : ids.current_version;
    /* An unchanged article is in the store: do not report it as its own copy. */
    s = store_find_matches(st, out->outcome == CONCORD_STORE_UNCHANGED ? out->doc : -1);
    if (!s) s = out->outcome == CONCORD_STORE_UNCHANGED ? store_story_of(st, out->doc, &out->story)
                                                        : store_story_peek(st, a, &out->story);
    if (s) return s;
    out->match_count = st->match_count;
    out->matches = st->matches;
    return CONCORD_OK;
}
