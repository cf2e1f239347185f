/*
 * sketch.c - one text -> content hash, shingle set, MinHash signature and
 * LSH band keys, with the hashes and seeds of concord_dedup, so a store
 * and a dedup run with the same options see the same shingles.
 */
#include <stdlib.h>
#include <string.h>

#include "index/lsh.h"
#include "match/dedup_core.h"
#include "sketch/hash.h"
#include "sketch/shingle.h"
#include "store/store.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/radix.h"


concord_status sketcher_init(store_sketcher *sk, const concord_dedup_options *opt, unsigned bands,
                             unsigned rows)
{
    memset(sk, 0, sizeof *sk);
    sk->opt = *opt;
    sk->bands = bands;
    sk->rows = rows;
    concord_status st = minhash_init(&sk->mh, opt->perms, opt->seed);
    if (st) return st;
    sk->out.sig = malloc(opt->perms * sizeof *sk->out.sig);
    sk->out.keys = malloc((bands ? bands : 1) * sizeof *sk->out.keys);
    if (!sk->out.sig || !sk->out.keys) return CONCORD_ERR_NOMEM;
    return concord_text_create(&sk->text);
}

void sketcher_free(store_sketcher *sk)
{
    concord_text_free(sk->text);
    minhash_free(&sk->mh);
    free(sk->tok);
    free(sk->tmp);
    free(sk->out.set);
    free(sk->out.sig);
    free(sk->out.keys);
    memset(sk, 0, sizeof *sk);
}

concord_status sketcher_set(store_sketcher *sk, const char *text, size_t len)
{
    concord_status st = concord_text_analyse(sk->text, text, len, 0);
    if (st) return st;
    size_t ntok;
    const concord_token *toks = text_tokens(sk->text, &ntok);
    if ((st = vec_grow((void **)&sk->tok, &sk->tok_cap, 0, ntok, sizeof *sk->tok))) return st;
    uint64_t content = ntok;
    for (size_t i = 0; i < ntok; i++) {
        sk->tok[i] = hash_token(toks[i].norm, toks[i].norm_len, DEDUP_SEED_TOKEN);
        content = hash_combine(content, sk->tok[i]);
    }
    sk->out.content = ntok ? hash_mix64(content) | 1 : 0;
    size_t nsh = shingle_count(ntok, sk->opt.shingle);
    if (nsh > UINT32_MAX) return CONCORD_ERR_TOO_LARGE;
    if ((st = vec_grow((void **)&sk->out.set, &sk->set_cap, 0, nsh, sizeof *sk->out.set)) ||
        (st = vec_grow((void **)&sk->tmp, &sk->tmp_cap, 0, nsh, sizeof *sk->tmp)))
        return st;
    shingles_hash(sk->tok, ntok, sk->opt.shingle, sk->out.set);
    sk->out.set_len = sort_unique_u32(sk->out.set, sk->tmp, nsh);
    return CONCORD_OK;
}

concord_status sketcher_run(store_sketcher *sk, const char *text, size_t len)
{
    concord_status st = sketcher_set(sk, text, len);
    if (st) return st;
    store_sketch *o = &sk->out;
    if (o->set_len) {
        minhash_sign(&sk->mh, o->set, o->set_len, o->sig);
        lsh_band_keys(o->sig, sk->bands, sk->rows, o->keys);
    } else {
        memset(o->sig, 0xff, sk->opt.perms * sizeof *o->sig);
        memset(o->keys, 0, sk->bands * sizeof *o->keys); /* never indexed */
    }
    return CONCORD_OK;
}

void sig_to_blob(const uint32_t *sig, unsigned perms, unsigned char *blob)
{
    for (unsigned i = 0; i < perms; i++) {
        uint32_t v = sig[i];
        blob[4 * i] = (unsigned char)v;
        blob[4 * i + 1] = (unsigned char)(v >> 8);
        blob[4 * i + 2] = (unsigned char)(v >> 16);
        blob[4 * i + 3] = (unsigned char)(v >> 24);
    }
}

void sig_from_blob(const unsigned char *blob, unsigned perms, uint32_t *sig)
{
    for (unsigned i = 0; i < perms; i++)
        sig[i] = (uint32_t)blob[4 * i] | (uint32_t)blob[4 * i + 1] << 8 |
                 (uint32_t)blob[4 * i + 2] << 16 | (uint32_t)blob[4 * i + 3] << 24;
}
