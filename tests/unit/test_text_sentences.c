/*
 * Unit tests for lib/text/sentences: sentence segmentation on the hard
 * cases of news text (abbreviations, initials, acronyms, decimals,
 * quotations, ellipses, blank lines vs hard-wrapped lines).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "concord.h"

#include "text_fixture.h"



/*
 * Segment text and compare with the expected sentences, given as one
 * string with the sentences separated by '|'. Also checks that spans are
 * trimmed, ordered, and that each sentence holds exactly its tokens.
 */
static void check(concord_text *t, const char *text, size_t len, const char *want)
{
    assert_int_equal(concord_text_analyse(t, text, len, CONCORD_TEXT_SENTENCES), CONCORD_OK);
    char got[4096];
    size_t n = 0, prev_end = 0, next_token = 0;
    for (size_t i = 0; i < concord_text_sentence_count(t); i++) {
        const concord_sentence *s = concord_text_sentence(t, i);
        assert_true(s->start >= prev_end && s->start < s->end && s->end <= len);
        assert_true(text[s->start] != ' ' && text[s->end - 1] != ' ' && text[s->end - 1] != '\n');
        prev_end = s->end;
        assert_int_equal(s->first_token, next_token);
        for (size_t k = 0; k < s->token_count; k++) {
            const concord_token *tok = concord_text_token(t, s->first_token + k);
            assert_true(tok->start >= s->start && tok->end <= s->end);
        }
        next_token += s->token_count;
        assert_true(n + (s->end - s->start) + 2 < sizeof got);
        if (i) got[n++] = '|';
        memcpy(got + n, text + s->start, s->end - s->start);
        n += s->end - s->start;
    }
    got[n] = '\0';
    assert_int_equal(next_token, concord_text_token_count(t));
    if (strcmp(got, want) != 0) fail_msg("sentences of \"%s\":\n got %s\nwant %s", text, got, want);
}

#define CHECK(t, lit, want) check((t), S(lit), (want))

static void abbreviations_and_initials(void **state)
{
    concord_text *t = *state;
    CHECK(t, "Mr. Smith went to Washington. He arrived on Feb. 5 at 3.5 p.m. local time.",
          "Mr. Smith went to Washington.|He arrived on Feb. 5 at 3.5 p.m. local time.");
    CHECK(t, "Troops left the U.S. The move surprised Gen. Smith. U.S. officials agreed.",
          "Troops left the U.S.|The move surprised Gen. Smith.|U.S. officials agreed.");
    CHECK(t, "The U.N. Security Council met. It voted.",
          "The U.N. Security Council met.|It voted.");
    CHECK(t, "J. K. Rowling wrote it. Plan B. It failed.",
          "J. K. Rowling wrote it.|Plan B.|It failed.");
    CHECK(t,
          "He works at Acme Inc. The firm grew. Smith & Co. said no. Sales rose in Jan. "
          "Profits did not.",
          "He works at Acme Inc.|The firm grew.|Smith & Co. said no. Sales rose in Jan. "
          "Profits did not.");
    CHECK(t, "Dr. Jones and Prof. Lee met Sen. Warren and Lt. Col. Brown in St. Louis.",
          "Dr. Jones and Prof. Lee met Sen. Warren and Lt. Col. Brown in St. Louis.");
    CHECK(t, "Some cities, e.g. Paris, grew. Others, i.e. London, did not. Smith vs. Jones.",
          "Some cities, e.g. Paris, grew.|Others, i.e. London, did not.|Smith vs. Jones.");
    CHECK(t, "No. 10 Downing St. was busy. MR. SMITH left.",
          "No. 10 Downing St. was busy.|MR. SMITH left.");
}

static void numbers(void **state)
{
    concord_text *t = *state;
    CHECK(t, "Growth was 3.5 percent. Inflation hit 2.1. 10 analysts agreed.",
          "Growth was 3.5 percent.|Inflation hit 2.1.|10 analysts agreed.");
    CHECK(t, "It rose 5 pct. Officials said 1,000,000.00 dlrs was paid in 1987. The end",
          "It rose 5 pct.|Officials said 1,000,000.00 dlrs was paid in 1987.|The end");
}

static void quotations(void **state)
{
    concord_text *t = *state;
    CHECK(t,
          "\"We never comment,\" he said. He said: \"Stop. Now.\" Then he left. "
          "\"Is it?\" she asked.",
          "\"We never comment,\" he said.|He said: \"Stop. Now.\"|Then he left.|"
          "\"Is it?\" she asked.");
    /* A multi-sentence quotation stays with its attribution. */
    CHECK(t, "\"We are ready. We will win,\" he said. Then he left.",
          "\"We are ready. We will win,\" he said.|Then he left.");
    /* Curly quotes behave the same. */
    CHECK(t, "He said: \xE2\x80\x9CStop. Now.\xE2\x80\x9D Then he left.",
          "He said: \xE2\x80\x9CStop. Now.\xE2\x80\x9D|Then he left.");
    /* A quotation left open in the paragraph does not suppress splits. */
    CHECK(t, "He said \"this is odd. It never closes. Really.",
          "He said \"this is odd.|It never closes.|Really.");
    /* Brackets after the terminator go with the sentence. */
    CHECK(t, "He left (finally). Then she came. (He left.) Then she came.",
          "He left (finally).|Then she came.|(He left.)|Then she came.");
    CHECK(t, "He shouted \"No!\" and ran. She asked 'why?' Nobody knew.",
          "He shouted \"No!\" and ran.|She asked 'why?'|Nobody knew.");
}

static void ellipses_and_marks(void **state)
{
    concord_text *t = *state;
    CHECK(t, "He paused... Then he spoke. Wait\xE2\x80\xA6 what? Yes! Really?! OK.",
          "He paused...|Then he spoke.|Wait\xE2\x80\xA6 what?|Yes!|Really?!|OK.");
    CHECK(t, "Yahoo!Inc grew. Is it 3.5?Yes.", "Yahoo!Inc grew.|Is it 3.5?Yes.");
}

static void lines_and_paragraphs(void **state)
{
    concord_text *t = *state;
    /* Hard-wrapped wire copy: single newlines do not end sentences. */
    CHECK(t,
          "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating\n"
          "the drought.\n    The dry period means the crop will be late.",
          "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating\n"
          "the drought.|The dry period means the crop will be late.");
    /* Blank lines always do, with or without punctuation, CRLF too. */
    CHECK(t, "Headline without stop\n\nBody starts here\r\n\r\nThird para.\n \t\nFourth",
          "Headline without stop|Body starts here|Third para.|Fourth");
    CHECK(t, "Line one\r\nline two.\r\nNext line", "Line one\r\nline two.|Next line");
    CHECK(t, "First\xE2\x80\xA9Second", "First|Second"); /* U+2029 */
    CHECK(t, "  Padded sentence.  \n\n\n\n  Another one  ", "Padded sentence.|Another one");
    CHECK(t, "no punctuation here", "no punctuation here");
}

static void other_scripts(void **state)
{
    concord_text *t = *state;
    /* 東京は大きい。大阪も大きい。 */
    CHECK(t,
          "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAF\xE5\xA4\xA7\xE3\x81\x8D\xE3\x81\x84\xE3\x80\x82"
          "\xE5\xA4\xA7\xE9\x98\xAA\xE3\x82\x82\xE5\xA4\xA7\xE3\x81\x8D\xE3\x81\x84\xE3\x80\x82",
          "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAF\xE5\xA4\xA7\xE3\x81\x8D\xE3\x81\x84\xE3\x80\x82|"
          "\xE5\xA4\xA7\xE9\x98\xAA\xE3\x82\x82\xE5\xA4\xA7\xE3\x81\x8D\xE3\x81\x84\xE3\x80\x82");
    /* Caseless scripts start sentences: Привет, мир! مرحبا. */
    CHECK(t,
          "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80! "
          "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7.",
          "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80!|"
          "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7.");
}

static void degenerate(void **state)
{
    concord_text *t = *state;
    CHECK(t, "", "");
    CHECK(t, "   \n\n \t ", "");
    CHECK(t, "...", "...");
    CHECK(t, "!!! ???", "!!! ???");
    CHECK(t, ".", ".");
    CHECK(t, "a", "a");
    CHECK(t, "\xFF\xFE. A \xC0.", "\xFF\xFE.|A \xC0."); /* U+FFFD is text, not space */
    CHECK(t, "End. \xC0 next.", "End. \xC0 next.");     /* ... and starts no sentence */
    static const char nul[] = "One.\0Two. Three";
    assert_int_equal(concord_text_analyse(t, nul, sizeof nul - 1, CONCORD_TEXT_SENTENCES),
                     CONCORD_OK);
    assert_int_equal(concord_text_sentence_count(t), 3);
    assert_int_equal(concord_text_sentence(t, 1)->start, 5);
    assert_int_equal(concord_text_sentence(t, 2)->first_token, 2);
}

static void many_sentences(void **state)
{
    concord_text *t = *state;
    /* 100,000 identical sentences: linear, each with its three tokens. */
    static const char one[] = "The cat sat. ";
    size_t n = 100000, len = n * (sizeof one - 1);
    char *s = malloc(len);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++) memcpy(s + i * (sizeof one - 1), one, sizeof one - 1);
    assert_int_equal(concord_text_analyse(t, s, len, CONCORD_TEXT_SENTENCES), CONCORD_OK);
    assert_int_equal(concord_text_token_count(t), 3 * n);
    assert_int_equal(concord_text_sentence_count(t), n);
    const concord_sentence *last = concord_text_sentence(t, n - 1);
    assert_int_equal(last->start, len - (sizeof one - 1));
    assert_int_equal(last->end, len - 1);
    assert_int_equal(last->first_token, 3 * (n - 1));
    assert_int_equal(last->token_count, 3);
    /* The same with an unbalanced quote in one paragraph of 100,000 sentences. */
    s[0] = '"';
    assert_int_equal(concord_text_analyse(t, s, len, CONCORD_TEXT_SENTENCES), CONCORD_OK);
    assert_int_equal(concord_text_sentence_count(t), n);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(abbreviations_and_initials, setup, teardown),
        cmocka_unit_test_setup_teardown(numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(quotations, setup, teardown),
        cmocka_unit_test_setup_teardown(ellipses_and_marks, setup, teardown),
        cmocka_unit_test_setup_teardown(lines_and_paragraphs, setup, teardown),
        cmocka_unit_test_setup_teardown(other_scripts, setup, teardown),
        cmocka_unit_test_setup_teardown(degenerate, setup, teardown),
        cmocka_unit_test_setup_teardown(many_sentences, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
