/*
 * Unit tests for lib/text/names: multi-word names, sentence starts on
 * evidence, titles and honorifics, possessives, ALL-CAPS headlines with
 * evidence kept from the body, connectors, initials, types from cues and
 * their propagation, byte spans, and reuse of the handle. All texts are
 * invented; expectations are derived by hand from the rules in concord.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "concord.h"

#define S(lit) (lit), (sizeof(lit) - 1)

typedef struct fx {
    concord_text *text;
    concord_names *names;
} fx;

static int setup(void **state)
{
    static fx f;
    if (concord_text_create(&f.text) || concord_names_create(&f.names)) return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    concord_names_free(f->names);
    concord_text_free(f->text);
    return 0;
}

/* Names of s as "norm/type|norm/type|..." into out. */
static const char *find(fx *f, const char *s, size_t len, unsigned options)
{
    static char out[1024];
    assert_int_equal(concord_text_analyse(f->text, s, len, CONCORD_TEXT_SENTENCES), CONCORD_OK);
    assert_int_equal(concord_names_find(f->names, f->text, s, len, options), CONCORD_OK);
    size_t o = 0;
    out[0] = 0;
    for (size_t i = 0; i < concord_names_count(f->names); i++) {
        const concord_name *n = concord_names_get(f->names, i);
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s/%s", i ? "|" : "", (int)n->norm_len,
                              n->norm, concord_name_type_name(n->type));
    }
    return out;
}

#define NAMES(f, lit) find((f), S(lit), 0)

static void multi_word_and_titles(void **state)
{
    fx *f = *state;
    assert_string_equal(NAMES(f, "The ferry to Port Aldwyn was cancelled, Finance Minister "
                                 "Ilya Varenko said on Tuesday."),
                        "port aldwyn/place|ilya varenko/person|tuesday/other");
    /* Honorific dropped; the bare surname later is the same person. */
    assert_string_equal(NAMES(f, "Talks went on. Mr Varenko left early, and later Varenko "
                                 "returned."),
                        "varenko/person|varenko/person");
    /* A lower-case title before the name still makes a person. */
    assert_string_equal(NAMES(f, "The talks were led by minister Orla Venn of the trade office."),
                        "orla venn/person");
}

static void sentence_starts_need_evidence(void **state)
{
    fx *f = *state;
    /* "Officials" starts a sentence and is never capitalised elsewhere. */
    assert_string_equal(NAMES(f, "Officials met in Brelle. Later the officials left."),
                        "brelle/place");
    /* "Brelle" starts a sentence but appears capitalised mid-sentence. */
    assert_string_equal(NAMES(f, "Brelle is quiet. Rain fell on Brelle."), "brelle/other|brelle/other");
    /* A sentence start followed by a capitalised word is kept. */
    assert_string_equal(NAMES(f, "Tomas Reyk arrived. He said little."), "tomas reyk/other");
    /* Function words never start a name. */
    assert_string_equal(NAMES(f, "The Compact was signed. Yet the Compact held."),
                        "compact/other|compact/other");
}

static void organisations_and_connectors(void **state)
{
    fx *f = *state;
    assert_string_equal(NAMES(f, "Shares of Aldwyn Shipping Corp rose after the Bank of Estmark "
                                 "cut rates."),
                        "aldwyn shipping corp/organisation|bank of estmark/organisation");
    /* "General" is a title, but "Motors" makes it an organisation. */
    /* After "in", a month is not a place. */
    assert_string_equal(NAMES(f, "He joined Estmark General Motors in June."),
                        "estmark general motors/organisation|june/other");
    assert_string_equal(NAMES(f, "A deal with Harrow & Lyle was near."),
                        "harrow lyle/other");
}

static void possessives_and_initials(void **state)
{
    fx *f = *state;
    const char *s = "It was Ilya K. Varenko's plan, backed by Estmark's Compact.";
    assert_string_equal(find(f, s, strlen(s), 0), "ilya k varenko/other|estmark/other|compact/other");
    const concord_name *n = concord_names_get(f->names, 0);
    /* The span covers "Ilya K. Varenko" without the possessive. */
    assert_int_equal(n->start, 7);
    assert_int_equal(n->end, 7 + strlen("Ilya K. Varenko"));
    assert_int_equal(n->first_token, 2);
    assert_int_equal(n->token_count, 3);
}

static void all_caps_headline_uses_body_evidence(void **state)
{
    fx *f = *state;
    const char *body = "The port of Port Aldwyn reopened, Varenko said. The Compact holds.";
    find(f, body, strlen(body), 0);
    /* Alone, an ALL-CAPS headline has no evidence. */
    assert_string_equal(NAMES(f, "VARENKO SAYS COMPACT HOLDS AS PORT ALDWYN REOPENS"), "");
    find(f, body, strlen(body), 0);
    const char *title = "VARENKO SAYS COMPACT HOLDS AS PORT ALDWYN REOPENS";
    /* With the body's evidence: PORT is also seen in lower case and
       REOPENS, SAYS, HOLDS never capitalised, so only three words count. */
    assert_string_equal(find(f, title, strlen(title), CONCORD_NAMES_KEEP_EVIDENCE),
                        "varenko/other|compact/other|aldwyn/other");
    /* Acronyms in mixed-case text are names. */
    assert_string_equal(NAMES(f, "The EMU board met in Brelle."), "emu/other|brelle/place");
}

static void line_breaks_and_punctuation(void **state)
{
    fx *f = *state;
    /* One line break joins (wire copy wraps lines); a comma or a blank
       line does not. */
    assert_string_equal(NAMES(f, "a visit by Ilya\nVarenko, Orla Venn and others"),
                        "ilya varenko/other|orla venn/other");
    assert_string_equal(NAMES(f, "seen in Brelle\n\nVarenko Hall opened."),
                        "brelle/place|varenko hall/other");
    assert_string_equal(NAMES(f, ""), "");
    assert_string_equal(NAMES(f, "12 300 4.5"), "");
}

static void invalid_arguments(void **state)
{
    fx *f = *state;
    assert_int_equal(concord_names_find(NULL, f->text, S("x"), 0), CONCORD_ERR_INVALID);
    assert_int_equal(concord_names_find(f->names, NULL, "x", 1, 0), CONCORD_ERR_INVALID);
    assert_int_equal(concord_names_find(f->names, f->text, NULL, 1, 0), CONCORD_ERR_INVALID);
    assert_int_equal(concord_names_find(f->names, f->text, "x", 1, 1u << 5), CONCORD_ERR_INVALID);
    assert_null(concord_names_get(f->names, 1000));
    assert_int_equal(concord_names_count(NULL), 0);
    concord_names_free(NULL);
    assert_string_equal(concord_name_type_name((concord_name_type)99), "other");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(multi_word_and_titles),
        cmocka_unit_test(sentence_starts_need_evidence),
        cmocka_unit_test(organisations_and_connectors),
        cmocka_unit_test(possessives_and_initials),
        cmocka_unit_test(all_caps_headline_uses_body_evidence),
        cmocka_unit_test(line_breaks_and_punctuation),
        cmocka_unit_test(invalid_arguments),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
