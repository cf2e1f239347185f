/*
 * Unit tests for lib/text/quotes: quotation marks (straight, curly, single,
 * guillemets), apostrophes, paragraphs, unbalanced and partial quotations,
 * speakers (each pattern, pronouns, neighbouring sentences), byte offsets
 * on multi-byte text, adversarial inputs and reuse of the handle.
 * Expectations are derived by hand from the rules in docs/quotes.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "concord.h"
#include "text/quotes.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static int setup(void **state)
{
    concord_quotes *q;
    if (concord_quotes_create(&q)) return -1;
    *state = q;
    return 0;
}

static int teardown(void **state)
{
    concord_quotes_free(*state);
    return 0;
}

/*
 * Extract from text and compare with the expected quotations, written as
 * "TEXT|SPEAKER|FLAGS" joined by '#', where FLAGS is "" or a combination of
 * P (partial) and U (unbalanced) and SPEAKER is "" when none.
 */
static void check(concord_quotes *q, const char *text, size_t len, const char *want)
{
    assert_int_equal(concord_quotes_extract(q, text, len), CONCORD_OK);
    char got[8192];
    size_t n = 0;
    for (size_t i = 0; i < concord_quotes_count(q); i++) {
        const concord_quote *x = concord_quotes_get(q, i);
        assert_true(x->start < x->end && x->end <= len);
        if (i) assert_true(concord_quotes_get(q, i - 1)->end <= x->start);
        assert_true(x->speaker_start <= x->speaker_end && x->speaker_end <= len);
        int w = snprintf(got + n, sizeof got - n, "%s%.*s|%.*s|%s%s", i ? "#" : "",
                         (int)(x->end - x->start), text + x->start,
                         (int)(x->speaker_end - x->speaker_start), text + x->speaker_start,
                         x->flags & CONCORD_QUOTE_PARTIAL ? "P" : "",
                         x->flags & CONCORD_QUOTE_UNBALANCED ? "U" : "");
        assert_true(w > 0 && (size_t)w < sizeof got - n);
        n += (size_t)w;
    }
    got[n] = '\0';
    if (strcmp(got, want) != 0) fail_msg("quotes of \"%s\":\n got %s\nwant %s", text, got, want);
}

#define CHECK(q, lit, want) check((q), S(lit), (want))

static void speaker_patterns(void **state)
{
    concord_quotes *q = *state;
    /* "...," X said */
    CHECK(q, "\"We are ready,\" Tolan said.", "We are ready|Tolan|");
    CHECK(q, "\"We are ready,\" Foreign Ministry spokesman Ilya Varenko said on Tuesday.",
          "We are ready|Ilya Varenko|");
    /* "...," said X */
    CHECK(q, "\"We are ready,\" said Foreign Ministry spokesman Ilya Varenko.", "We are ready|Ilya Varenko|");
    /* X said: "..." */
    CHECK(q, "Later that evening Tolan said: \"I expect the strait to reopen before spring.\"",
          "I expect the strait to reopen before spring.|Tolan|");
    /* X told reporters / the agency */
    CHECK(q, "Varenko told reporters: \"We are ready.\"", "We are ready.|Varenko|");
    CHECK(q, "Varenko told the agency \"we are ready\" on Monday.", "we are ready|Varenko|P");
    /* according to X */
    CHECK(q, "According to Compact Secretary-General Maren Holt, \"The Compact speaks with one voice.\"",
          "The Compact speaks with one voice.|Maren Holt|");
    CHECK(q, "\"The Compact speaks with one voice,\" according to Maren Holt.",
          "The Compact speaks with one voice|Maren Holt|");
    /* X, ..., said (appositive on either side) */
    CHECK(q, "\"We are ready,\" Oskar Lind, deputy envoy to the Compact, told Radio Aldwyn.",
          "We are ready|Oskar Lind|");
    CHECK(q, "Oskar Lind, deputy envoy to the Compact, said: \"We are ready.\"",
          "We are ready.|Oskar Lind|");
    /* a role phrase without a name */
    CHECK(q, "In a statement, a Compact official said: \"We never discuss draft treaties.\"",
          "We never discuss draft treaties.|Compact official|");
    /* title stripped, "of" inside the phrase, dotted acronym */
    CHECK(q, "N.R. Secretary of State Corin Ashby urged \"immediate\" talks.",
          "immediate|Corin Ashby|P");
    CHECK(q, "The N.R. said \"it is willing\" to talk.", "it is willing|N.R.|P");
    /* the subject of the sentence when the verb has none: "..., saying:" */
    CHECK(q, "A Compact official would not discuss the draft, saying: \"We never discuss drafts.\"",
          "We never discuss drafts.|Compact official|");
    /* a named subject earlier in the sentence beats the pronoun */
    CHECK(q, "Darrow said he told Ashby that \"the offer still stands.\"", "the offer still stands.|Darrow|P");
    /* passive: no speaker */
    CHECK(q, "Estmark is urged to join \"a customs pact instead of a blockade\" soon.",
          "a customs pact instead of a blockade||P");
    /* no speaker stated */
    CHECK(q, "\"The Compact is a trading league,\" the charter begins.", "The Compact is a trading league||");
    CHECK(q, "The report said nothing new. \"We are ready.\"", "We are ready.||");
}

static void pronouns_and_neighbours(void **state)
{
    concord_quotes *q = *state;
    /* he -> the subject of the previous sentence */
    CHECK(q,
          "Foreign Ministry Spokesman Ilya Varenko would not be drawn on the draft.\n\n"
          "\"We didn't sign anything secret,\" he said. \"I do not intend to discuss that.\"",
          "We didn't sign anything secret|Ilya Varenko|#I do not intend to discuss that.|Ilya Varenko|");
    /* he -> the named speaker of the previous sentence */
    CHECK(q, "\"We are ready,\" Tolan said. \"We will rebuild,\" he added.",
          "We are ready|Tolan|#We will rebuild|Tolan|");
    /* he -> the most recent named speaker when the sentence before has none */
    CHECK(q, "\"We are ready,\" Tolan said. The weather was cold. \"We will rebuild,\" he said.",
          "We are ready|Tolan|#We will rebuild|Tolan|");
    /* she with no named speaker anywhere: none */
    CHECK(q, "\"We are ready,\" she said.", "We are ready||");
    /* standalone quote: speaker stated in the sentence before (ending with ':') */
    CHECK(q, "Varenko told reporters on Tuesday:\n\n\"We are ready.\"", "We are ready.|Varenko|");
    /* ... or in the sentence after */
    CHECK(q, "\"We are ready.\" Varenko said so on Tuesday.", "We are ready.|Varenko|");
    /* they */
    CHECK(q, "The Compact allies met on Monday. \"We stand together,\" they said.", "We stand together|Compact|");
}

static void marks(void **state)
{
    concord_quotes *q = *state;
    /* curly double, with byte offsets after a 3-byte mark */
    CHECK(q, "\xe2\x80\x9cWe are ready,\xe2\x80\x9d Tolan said.", "We are ready|Tolan|");
    assert_int_equal(concord_quotes_get(q, 0)->start, 3);
    assert_int_equal(concord_quotes_get(q, 0)->end, 15);
    assert_int_equal(concord_quotes_get(q, 0)->speaker_start, 20);
    assert_int_equal(concord_quotes_get(q, 0)->speaker_end, 25);
    /* mixed straight opener, curly closer */
    CHECK(q, "He noted it was \"perhaps the worst storm in years.\xe2\x80\x9d Then he left.",
          "perhaps the worst storm in years.||P");
    /* German low-high, French guillemets with spaces inside */
    CHECK(q, "Er sagte: \xe2\x80\x9eWir sind bereit.\xe2\x80\x9c Dann ging er.", "Wir sind bereit.||");
    CHECK(q, "Tolan: \"We are ready.\"", "We are ready.|Tolan|");
    CHECK(q, "Le ministre a dit : \xc2\xab Nous sommes pr\xc3\xaats \xc2\xbb, selon l\xe2\x80\x99" "AFP.",
          "Nous sommes pr\xc3\xaats||");
    /* single-quote quotations, curly and straight */
    CHECK(q, "\xe2\x80\x98We are ready,\xe2\x80\x99 Tolan said.", "We are ready|Tolan|");
    CHECK(q, "'We are ready,' Tolan said.", "We are ready|Tolan|");
    /* apostrophes are not quotation marks */
    CHECK(q,
          "Estmark\xe2\x80\x99s fleet didn\xe2\x80\x99t move. The students\xe2\x80\x99 union met in "
          "the \xe2\x80\x99" "90s. Don't. It's 'tis the season, rock 'n' roll.",
          "");
    /* a single quotation inside a double one is part of it */
    CHECK(q, "\"He told me 'go away' twice,\" she said.", "He told me 'go away' twice||");
    /* a quotation spanning sentences */
    CHECK(q, "\"We are ready. We will rebuild,\" Tolan said.", "We are ready. We will rebuild|Tolan|");
    /* CJK corner brackets */
    CHECK(q, "\xe5\xbd\xbc\xe8\xaf\xb4\xef\xbc\x9a\xe3\x80\x8c\xe6\x88\x91\xe4\xbb\xac\xe5\x87\x86\xe5\xa4\x87"
             "\xe5\xa5\xbd\xe4\xba\x86\xe3\x80\x8d",
          "\xe6\x88\x91\xe4\xbb\xac\xe5\x87\x86\xe5\xa4\x87\xe5\xa5\xbd\xe4\xba\x86||");
    /* empty and word-less quotations are dropped */
    CHECK(q, "He said \"\" and \"...\" and \" \".", "");
}

static void paragraphs_and_unbalanced(void **state)
{
    concord_quotes *q = *state;
    /* newspaper convention: an opening mark at each new paragraph */
    CHECK(q, "Tolan said: \"First we talk.\n\n\"Then we decide,\" he added.",
          "First we talk.\n\n\"Then we decide|Tolan|");
    /* no closing mark before the paragraph ends: unbalanced, ends there */
    CHECK(q, "Tolan said: \"We are ready.\n\nThe talks resume on Monday.", "We are ready.|Tolan|U");
    CHECK(q, "Tolan said: \"We are ready.   ", "We are ready.|Tolan|U");
    /* an opener while one is open: the first is unbalanced */
    CHECK(q, "\xe2\x80\x9cWe are ready. \xe2\x80\x9cWe will rebuild,\xe2\x80\x9d Tolan said.",
          "We are ready.||U#We will rebuild|Tolan|");
    /* Reuters style: indented paragraphs, hard-wrapped lines */
    CHECK(q, "    Smith said \"the harvest is\nlate this year.\"\n    He left.",
          "the harvest is\nlate this year.|Smith|P");
    /* a stray closing mark opens nothing */
    CHECK(q, "Why should the harbour wait?\" the Aldwyn Herald asked.", "");
}

static void partial_quotes(void **state)
{
    concord_quotes *q = *state;
    CHECK(q, "Estmark was accused of \xe2\x80\x9creckless manoeuvres\xe2\x80\x9d near the strait.",
          "reckless manoeuvres||P");
    CHECK(q, "A senior official called it \"hollow.\"", "hollow.||P");
    CHECK(q, "\"Harriers\" - light patrol boats - can be moored there.", "Harriers||P");
    /* after "said:" but lowercase, or followed by more words: a fragment; a
       pronoun with no named speaker anywhere gives no speaker */
    CHECK(q, "He said: \"we are ready\" and left.", "we are ready||P");
    CHECK(q, "He said: \"We are ready\" and left.", "We are ready||P");
}

static void multibyte_offsets(void **state)
{
    concord_quotes *q = *state;
    static const char t[] = "\xc3\x89milie Dupr\xc3\xa9 a d\xc3\xa9" "clar\xc3\xa9 : \xc2\xab\xc2\xa0"
                            "\xc3\x87" "a suffit\xc2\xa0\xc2\xbb.";
    assert_int_equal(concord_quotes_extract(q, t, sizeof t - 1), CONCORD_OK);
    assert_int_equal(concord_quotes_count(q), 1);
    const concord_quote *x = concord_quotes_get(q, 0);
    /* « at 29..31, NBSP 31..33, "Ça suffit" 33..43 */
    assert_int_equal(x->start, 33);
    assert_int_equal(x->end, 43);
    assert_memory_equal(t + x->start, "\xc3\x87" "a suffit", 10);
}

static void adversarial(void **state)
{
    concord_quotes *q = *state;
    /* 100,000 identical sentences with a quote each */
    static const char unit[] = "He said \"yes\". ";
    size_t n = 100000, ul = sizeof unit - 1;
    char *big = malloc(n * ul);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++) memcpy(big + i * ul, unit, ul);
    clock_t t0 = clock();
    assert_int_equal(concord_quotes_extract(q, big, n * ul), CONCORD_OK);
    assert_int_equal(concord_quotes_count(q), n);
    assert_int_equal(concord_quotes_get(q, n - 1)->start, (n - 1) * ul + 9);
    double s1 = (double)(clock() - t0) / CLOCKS_PER_SEC;
    free(big);

    /* a 10 MB article: paragraphs of quotes with speakers, unbalanced ones,
       apostrophes; the time must stay linear (compared per byte with the
       first run, generously, so that sanitizers and slow machines pass) */
    static const char para[] = "Foreign Ministry spokesman Ilya Varenko said: \"We didn't sign "
                               "anything secret.\" Estmark's \xe2\x80\x9creckless manoeuvres\xe2\x80\x9d went on, "
                               "he added: \"Talks will go on.\n\n";
    size_t pl = sizeof para - 1, m = 10000000 / pl;
    big = malloc(m * pl);
    assert_non_null(big);
    for (size_t i = 0; i < m; i++) memcpy(big + i * pl, para, pl);
    t0 = clock();
    assert_int_equal(concord_quotes_extract(q, big, m * pl), CONCORD_OK);
    double s2 = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_int_equal(concord_quotes_count(q), 3 * m);
    const concord_quote *x = concord_quotes_get(q, 3 * m - 1);
    assert_true(x->flags & CONCORD_QUOTE_UNBALANCED);
    assert_true(x->speaker_end > x->speaker_start);
    assert_memory_equal(big + x->speaker_start, "Ilya Varenko", 12);
    assert_true(s2 / (double)(m * pl) < 20.0 * (s1 + 0.01) / (double)(n * ul));

    /* text without spaces, only marks, only opening marks, unbalanced
       straight marks: no crash, bounded output */
    memset(big, 'a', 5000000);
    assert_int_equal(concord_quotes_extract(q, big, 5000000), CONCORD_OK);
    assert_int_equal(concord_quotes_count(q), 0);
    memset(big, '"', 1000000);
    assert_int_equal(concord_quotes_extract(q, big, 1000000), CONCORD_OK);
    assert_int_equal(concord_quotes_count(q), 0);
    for (size_t i = 0; i + 3 <= 3000000; i += 3) memcpy(big + i, "\xe2\x80\x9c", 3);
    assert_int_equal(concord_quotes_extract(q, big, 3000000), CONCORD_OK);
    assert_int_equal(concord_quotes_count(q), 0);
    for (size_t i = 0; i + 4 <= 4000000; i += 4) memcpy(big + i, "\xe2\x80\x9c" "a", 4);
    assert_int_equal(concord_quotes_extract(q, big, 4000000), CONCORD_OK);
    assert_int_equal(concord_quotes_count(q), 1000000);
    assert_true(concord_quotes_get(q, 0)->flags & CONCORD_QUOTE_UNBALANCED);
    for (size_t i = 0; i + 2 <= 2000000; i += 2) memcpy(big + i, "\"a", 2);
    assert_int_equal(concord_quotes_extract(q, big, 2000000), CONCORD_OK);
    for (size_t i = 0; i + 2 <= 2000000; i += 2) memcpy(big + i, "'a", 2);
    assert_int_equal(concord_quotes_extract(q, big, 2000000), CONCORD_OK);
    free(big);
}

static void reuse_and_determinism(void **state)
{
    concord_quotes *q = *state;
    static const char a[] = "\"We are ready,\" Tolan said. \"We will rebuild,\" he added. Varenko said: "
                            "\"No comment.\"";
    assert_int_equal(concord_quotes_extract(q, S(a)), CONCORD_OK);
    size_t n = concord_quotes_count(q);
    concord_quote first[8];
    assert_true(n == 3);
    memcpy(first, concord_quotes_get(q, 0), sizeof first[0]);
    for (size_t i = 0; i < n; i++) first[i] = *concord_quotes_get(q, i);
    CHECK(q, "\"Short,\" he said.", "Short||");
    assert_int_equal(concord_quotes_extract(q, S(a)), CONCORD_OK);
    assert_int_equal(concord_quotes_count(q), n);
    for (size_t i = 0; i < n; i++) assert_memory_equal(concord_quotes_get(q, i), &first[i], sizeof first[i]);
    /* empty input, NULL handling */
    assert_int_equal(concord_quotes_extract(q, NULL, 0), CONCORD_OK);
    assert_int_equal(concord_quotes_count(q), 0);
    assert_null(concord_quotes_get(q, 0));
    assert_int_equal(concord_quotes_extract(q, NULL, 5), CONCORD_ERR_INVALID);
    assert_int_equal(concord_quotes_extract(NULL, "x", 1), CONCORD_ERR_INVALID);
    concord_quotes_free(NULL);
}

static void word_classes(void **state)
{
    (void)state;
    assert_true(quotes_word_class(S("said")) & QW_VERB);
    assert_true(quotes_word_class(S("according")) & QW_VERB);
    assert_true(quotes_word_class(S("spokesman")) & QW_ROLE);
    assert_true(quotes_word_class(S("he")) & QW_PRONOUN);
    assert_true(quotes_word_class(S("is")) & QW_BE);
    assert_int_equal(quotes_word_class(S("varenko")), 0);
    assert_int_equal(quotes_word_class(S("")), 0);
    assert_int_equal(quotes_word_class(S("averyveryverylongwordindeed")), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(speaker_patterns, setup, teardown),
        cmocka_unit_test_setup_teardown(pronouns_and_neighbours, setup, teardown),
        cmocka_unit_test_setup_teardown(marks, setup, teardown),
        cmocka_unit_test_setup_teardown(paragraphs_and_unbalanced, setup, teardown),
        cmocka_unit_test_setup_teardown(partial_quotes, setup, teardown),
        cmocka_unit_test_setup_teardown(multibyte_offsets, setup, teardown),
        cmocka_unit_test_setup_teardown(adversarial, setup, teardown),
        cmocka_unit_test_setup_teardown(reuse_and_determinism, setup, teardown),
        cmocka_unit_test(word_classes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
