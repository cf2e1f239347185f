/*
 * text.c - the public concord_text handle: tokens, sentences and whole-text
 * normalisation of one document at a time (see concord.h).
 *
 * The handle owns every buffer and keeps them across documents, so a
 * stream of documents stops allocating once the buffers have grown.
 */
#include <stdlib.h>

#include "concord.h"
#include "text/normalise.h"
#include "text/sentences.h"
#include "text/text.h"
#include "text/tokens.h"
#include "util/buf.h"

struct concord_text {
    token_list tokens;
    sentence_list sentences;
    norm_scratch scratch; /* utf8proc code points */
    buf chunk;            /* concord_text_normalise: piece being normalised */
    buf out;              /* concord_text_normalise: result */
};

concord_status concord_text_create(concord_text **out)
{
    if (!out) return CONCORD_ERR_INVALID;
    concord_text *t = malloc(sizeof *t);
    *out = t;
    if (!t) return CONCORD_ERR_NOMEM;
    token_list_init(&t->tokens);
    sentence_list_init(&t->sentences);
    norm_scratch_init(&t->scratch);
    buf_init(&t->chunk, 0);
    buf_init(&t->out, 0);
    return CONCORD_OK;
}

void concord_text_free(concord_text *text)
{
    if (!text) return;
    token_list_free(&text->tokens);
    sentence_list_free(&text->sentences);
    norm_scratch_free(&text->scratch);
    buf_free(&text->chunk);
    buf_free(&text->out);
    free(text);
}

concord_status concord_text_analyse(concord_text *text, const char *utf8, size_t len,
                                    unsigned options)
{
    if (!text) return CONCORD_ERR_INVALID;
    text->tokens.len = 0;
    text->tokens.repairs = 0;
    text->sentences.len = 0;
    if ((!utf8 && len) || (options & ~(unsigned)CONCORD_TEXT_SENTENCES)) return CONCORD_ERR_INVALID;
    if (!len) return CONCORD_OK;
    concord_status st = tokens_run(&text->tokens, &text->scratch, utf8, len);
    if (!st && (options & CONCORD_TEXT_SENTENCES))
        st = sentences_run(&text->sentences, utf8, len, text->tokens.items, text->tokens.len);
    if (st) {
        text->tokens.len = 0;
        text->sentences.len = 0;
    }
    return st;
}

size_t concord_text_token_count(const concord_text *text)
{
    return text ? text->tokens.len : 0;
}

const concord_token *text_tokens(const concord_text *text, size_t *count)
{
    *count = text->tokens.len;
    return text->tokens.items;
}

const concord_token *concord_text_token(const concord_text *text, size_t i)
{
    return text && i < text->tokens.len ? &text->tokens.items[i] : NULL;
}

size_t concord_text_sentence_count(const concord_text *text)
{
    return text ? text->sentences.len : 0;
}

const concord_sentence *concord_text_sentence(const concord_text *text, size_t i)
{
    return text && i < text->sentences.len ? &text->sentences.items[i] : NULL;
}

size_t concord_text_repairs(const concord_text *text)
{
    return text ? text->tokens.repairs : 0;
}

concord_status concord_text_normalise(concord_text *text, const char *utf8, size_t len,
                                      const char **out, size_t *out_len)
{
    if (!text || !out || !out_len || (!utf8 && len)) return CONCORD_ERR_INVALID;
    concord_status st = norm_text(&text->scratch, &text->chunk, &text->out, utf8, len);
    if (st) text->out.len = 0;
    /* Never hand out NULL, even for an empty result. */
    *out = text->out.data ? text->out.data : "";
    *out_len = text->out.len;
    return st;
}
