/*
 * Unit tests for lib/text/tokens and the concord_text handle: word rules,
 * offsets and flags, scripts, robustness, handle reuse, and agreement of
 * the 16-byte fast path with the scalar code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "concord.h"
#include "text/tokens.h"

/*
 * The same tokenizer compiled without its SIMD fast path, under other
 * names, as a reference for the differential test below.
 */
void scalar_token_list_init(token_list *tl);
void scalar_token_list_free(token_list *tl);
concord_status scalar_tokens_run(token_list *tl, norm_scratch *ns, const char *s, size_t len);
#define CONCORD_NO_SIMD 1
#define tokens_run      scalar_tokens_run
#define token_list_init scalar_token_list_init
#define token_list_free scalar_token_list_free
#include "text/tokens.c"
#undef tokens_run
#undef token_list_init
#undef token_list_free

#include "text_fixture.h"





/* The ORIGINAL slices of the tokens of text joined with '|'. */
static const char *slices(concord_text *t, const char *text, size_t len)
{
    static char joined[2048];
    size_t n = 0;
    assert_int_equal(concord_text_analyse(t, text, len, 0), CONCORD_OK);
    for (size_t i = 0; i < concord_text_token_count(t); i++) {
        const concord_token *k = concord_text_token(t, i);
        assert_true(k->start < k->end && k->end <= len);
        assert_true(n + (k->end - k->start) + 2 < sizeof joined);
        if (i) joined[n++] = '|';
        memcpy(joined + n, text + k->start, k->end - k->start);
        n += k->end - k->start;
    }
    joined[n] = '\0';
    return joined;
}

#define SLICES(t, lit) slices((t), S(lit))

static void word_rules(void **state)
{
    concord_text *t = *state;
    assert_string_equal(NORMS(t, "Hello, World!"), "hello|world");
    assert_string_equal(NORMS(t, "Don't stop, O'Brien! rock'n'roll"),
                        "don't|stop|o'brien|rock'n'roll");
    /* Apostrophes not followed by a letter are not part of the word. */
    assert_string_equal(NORMS(t, "the students' books 'tis 1990's x'"),
                        "the|students|books|tis|1990's|x");
    assert_string_equal(NORMS(t, "don`t"), "don't");
    /* Number separators only between digits. */
    assert_string_equal(NORMS(t, "It costs $3.5m or 100,000 units, 3. 5 a.b x,y 5,a 1.2.3"),
                        "it|costs|3.5m|or|100,000|units|3|5|a|b|x|y|5|a|1.2.3");
    /* Hyphens, slashes, underscores, @ and emoji separate words. */
    assert_string_equal(NORMS(t, "well-known and/or snake_case a@b.c"),
                        "well|known|and|or|snake|case|a|b|c");
    assert_string_equal(NORMS(t, "hello\xF0\x9F\x98\x80world \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBDok "
                                 "\xE2\x9D\xA4\xEF\xB8\x8Fyes \xE2\x82\xAC"
                                 "5"),
                        "hello|world|ok|yes|5");
    /* Curly apostrophes are unified; curly quotes around words are not kept. */
    assert_string_equal(NORMS(t,
                              "\xE2\x80\x9C"
                              "Don\xE2\x80\x99t,\xE2\x80\x9D she said \xE2\x80\x98no\xE2\x80\x99"),
                        "don't|she|said|no");
    /* Whitespace of every kind separates, NBSP and CRLF included. */
    assert_string_equal(NORMS(t, "a\xC2\xA0"
                                 "b\r\nc\td\xE3\x80\x80"
                                 "e\xE2\x80\xA8"
                                 "f"),
                        "a|b|c|d|e|f");
    /* Soft hyphen inside a word joins; dashes split. */
    assert_string_equal(NORMS(t, "co\xC2\xAD"
                                 "operate well\xE2\x80\x94"
                                 "known"),
                        "cooperate|well|known");
}

static void offsets_and_flags(void **state)
{
    concord_text *t = *state;
    static const char text[] = "Apple 42 \xC3\xA9lan \xC3\x89mile \xE2\x80\x9C"
                               "Don\xE2\x80\x99t\xE2\x80\x9D "
                               "x\xCC\x81y 3.5 \xC7\x85"
                               "emal";
    static const struct {
        const char *orig, *norm;
        uint32_t flags;
    } want[] = {
        {"Apple", "apple", CONCORD_TOKEN_UPPER},
        {"42", "42", CONCORD_TOKEN_NUMBER},
        {"\xC3\xA9lan", "\xC3\xA9lan", CONCORD_TOKEN_NONASCII},
        {"\xC3\x89mile", "\xC3\xA9mile", CONCORD_TOKEN_UPPER | CONCORD_TOKEN_NONASCII},
        {"Don\xE2\x80\x99t", "don't", CONCORD_TOKEN_UPPER | CONCORD_TOKEN_NONASCII},
        {"x\xCC\x81y", "x\xCC\x81y", CONCORD_TOKEN_NONASCII},
        {"3.5", "3.5", CONCORD_TOKEN_NUMBER},
        {"\xC7\x85"
         "emal",
         "d\xC5\xBE"
         "emal",
         CONCORD_TOKEN_UPPER | CONCORD_TOKEN_NONASCII},
    };
    size_t n = sizeof want / sizeof *want;
    assert_int_equal(concord_text_analyse(t, text, sizeof text - 1, 0), CONCORD_OK);
    assert_int_equal(concord_text_token_count(t), n);
    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        const concord_token *k = concord_text_token(t, i);
        size_t olen = strlen(want[i].orig);
        assert_true(k->start >= prev_end);
        prev_end = k->end;
        assert_int_equal(k->end - k->start, olen);
        assert_memory_equal(text + k->start, want[i].orig, olen);
        assert_int_equal(k->norm_len, strlen(want[i].norm));
        assert_memory_equal(k->norm, want[i].norm, k->norm_len);
        assert_int_equal(k->flags, want[i].flags);
    }
    assert_null(concord_text_token(t, n));
    /* Exact offsets for a mixed line. */
    assert_int_equal(concord_text_analyse(t, S("\xC3\xA9t\xC3\xA9 = summer"), 0), CONCORD_OK);
    assert_int_equal(concord_text_token(t, 0)->start, 0);
    assert_int_equal(concord_text_token(t, 0)->end, 5);
    assert_int_equal(concord_text_token(t, 1)->start, 8);
    assert_int_equal(concord_text_token(t, 1)->end, 14);
}

static void ideographic_scripts(void **state)
{
    concord_text *t = *state;
    /* 東京は日本の首都です。 one token per character; 。 separates. */
    assert_string_equal(
        SLICES(t, "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAF\xE6\x97\xA5\xE6\x9C\xAC\xE3\x81\xAE"
                  "\xE9\xA6\x96\xE9\x83\xBD\xE3\x81\xA7\xE3\x81\x99\xE3\x80\x82"),
        "\xE6\x9D\xB1|\xE4\xBA\xAC|\xE3\x81\xAF|\xE6\x97\xA5|\xE6\x9C\xAC|\xE3\x81\xAE|"
        "\xE9\xA6\x96|\xE9\x83\xBD|\xE3\x81\xA7|\xE3\x81\x99");
    /* Katakana タワー, Hangul 한국, next to Latin letters and digits. */
    assert_string_equal(
        NORMS(t, "Tokyo\xE3\x82\xBF\xE3\x83\xAF\xE3\x83\xBC"
                 "2024\xED\x95\x9C\xEA\xB5\xAD"
                 "abc"),
        "tokyo|\xE3\x82\xBF|\xE3\x83\xAF|\xE3\x83\xBC|2024|\xED\x95\x9C|\xEA\xB5\xAD|abc");
    /* A kana with a combining voicing mark stays one token (composed);
     * halfwidth ka + halfwidth voicing mark also. */
    assert_string_equal(NORMS(t, "\xE3\x81\x8B\xE3\x82\x99 \xEF\xBD\xB6\xEF\xBE\x9E"),
                        "\xE3\x81\x8C|\xE3\x82\xAC");
    /* Full-width Latin is NFKC'd into ordinary words, not split. */
    assert_string_equal(NORMS(t, "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3 \xEF\xBC\x91\xEF\xBC\x92"),
                        "abc|12");
    assert_int_equal(concord_text_token(t, 1)->flags,
                     CONCORD_TOKEN_NUMBER | CONCORD_TOKEN_NONASCII);
}

static void degenerate_inputs(void **state)
{
    concord_text *t = *state;
    assert_int_equal(concord_text_analyse(t, "", 0, CONCORD_TEXT_SENTENCES), CONCORD_OK);
    assert_int_equal(concord_text_token_count(t), 0);
    assert_int_equal(concord_text_sentence_count(t), 0);
    assert_int_equal(concord_text_analyse(t, NULL, 0, 0), CONCORD_OK);
    assert_int_equal(concord_text_token_count(t), 0);
    assert_string_equal(NORMS(t, " \t\r\n \n\n "), "");
    assert_string_equal(NORMS(t, "!?.,;:-- ... ***"), "");
    /* NUL and other controls are whitespace. */
    static const char nul[] = "a\0b\0\0c\x01"
                              "d";
    assert_string_equal(norms(t, nul, sizeof nul - 1), "a|b|c|d");
    assert_int_equal(concord_text_token(t, 2)->start, 5);
    /* Marks without a base do not start a token. */
    assert_string_equal(NORMS(t, "\xCC\x81\xCC\x81 a"), "a");
    /* Invalid arguments. */
    assert_int_equal(concord_text_analyse(t, NULL, 3, 0), CONCORD_ERR_INVALID);
    assert_int_equal(concord_text_token_count(t), 0);
    assert_int_equal(concord_text_analyse(NULL, "a", 1, 0), CONCORD_ERR_INVALID);
    assert_int_equal(concord_text_analyse(t, "a", 1, 0x80), CONCORD_ERR_INVALID);
    assert_int_equal(concord_text_create(NULL), CONCORD_ERR_INVALID);
    assert_int_equal(concord_text_token_count(NULL), 0);
    assert_null(concord_text_token(NULL, 0));
    assert_null(concord_text_sentence(t, 0));
    concord_text_free(NULL);
}

static void long_runs_are_cut(void **state)
{
    concord_text *t = *state;
    /* 10 MB of letters without a space: cut every TOKENS_MAX_CPS code points. */
    size_t n = 10u << 20;
    char *s = malloc(n);
    assert_non_null(s);
    memset(s, 'A', n);
    assert_int_equal(concord_text_analyse(t, s, n, CONCORD_TEXT_SENTENCES), CONCORD_OK);
    assert_int_equal(concord_text_token_count(t), n / TOKENS_MAX_CPS);
    const concord_token *last = concord_text_token(t, n / TOKENS_MAX_CPS - 1);
    assert_int_equal(last->start, n - TOKENS_MAX_CPS);
    assert_int_equal(last->norm_len, TOKENS_MAX_CPS);
    assert_int_equal(last->norm[0], 'a');
    assert_int_equal(concord_text_token(t, 1)->flags, CONCORD_TOKEN_UPPER);
    assert_int_equal(concord_text_sentence_count(t), 1);
    assert_int_equal(concord_text_sentence(t, 0)->token_count, n / TOKENS_MAX_CPS);
    /* The same in Cyrillic: pieces of 256 code points, 512 bytes. */
    for (size_t i = 0; i < n; i += 2) memcpy(s + i, "\xD0\x96", 2);
    assert_int_equal(concord_text_analyse(t, s, n, 0), CONCORD_OK);
    assert_int_equal(concord_text_token_count(t), n / 2 / TOKENS_MAX_CPS);
    assert_int_equal(concord_text_token(t, 1)->start, 2 * TOKENS_MAX_CPS);
    /* 300 ASCII letters then a non-ASCII letter: cut at 256 either way. */
    memset(s, 'b', 300);
    memcpy(s + 300, "\xC3\xA9 z", 4);
    assert_int_equal(concord_text_analyse(t, s, 304, 0), CONCORD_OK);
    assert_int_equal(concord_text_token_count(t), 3);
    assert_int_equal(concord_text_token(t, 0)->end, 256);
    assert_int_equal(concord_text_token(t, 1)->end, 302);
    assert_int_equal(concord_text_token(t, 1)->norm_len, 46);
    free(s);
}

/* Token lists of the library and of the scalar reference must agree. */
static void assert_same_tokens(const token_list *a, const token_list *b)
{
    assert_int_equal(a->len, b->len);
    assert_int_equal(a->repairs, b->repairs);
    for (size_t i = 0; i < a->len; i++) {
        const concord_token *x = &a->items[i], *y = &b->items[i];
        assert_int_equal(x->start, y->start);
        assert_int_equal(x->end, y->end);
        assert_int_equal(x->flags, y->flags);
        assert_int_equal(x->norm_len, y->norm_len);
        assert_memory_equal(x->norm, y->norm, x->norm_len);
    }
}

/*
 * Random texts built from pieces that exercise every branch: the 16-byte
 * fast path must agree with the scalar code, and the utf8proc-free path for
 * simple tokens with utf8proc.
 */
static void fast_path_matches_scalar(void **state)
{
    concord_text *t = *state;
    static const char *const pieces[] = {"the",
                                         "The",
                                         "WORD",
                                         "a",
                                         "x9",
                                         "2024",
                                         "3.5",
                                         "100,000",
                                         "1.",
                                         ",",
                                         ".",
                                         "'",
                                         "`",
                                         "don't",
                                         "it's",
                                         "students'",
                                         "O'",
                                         " ",
                                         " ",
                                         " ",
                                         "  ",
                                         "\n",
                                         "\r\n",
                                         "\t",
                                         "-",
                                         "--",
                                         "(",
                                         ")",
                                         "\"",
                                         "!",
                                         "?",
                                         "\xC3\xA9",
                                         "caf\xC3\xA9",
                                         "\xE2\x80\x99",
                                         "\xE2\x80\x9C",
                                         "\xE2\x80\x94",
                                         "\xC2\xA0",
                                         "\xE6\x9D\xB1",
                                         "\xCC\x81",
                                         "\xFF",
                                         "\xE2\x82",
                                         "\xC2\xAD",
                                         "\xF0\x9F\x98\x80",
                                         "\xD9\xA5",
                                         "abcdefghijklmnopqrstu",
                                         "0123456789012345678",
                                         "\xC3\x89",
                                         "\xD0\xB9",
                                         "\xD0\x99",
                                         "\xC3\x9F",
                                         "\xE1\xBA\x9B",
                                         "\xEF\xA4\x80",
                                         "\xEA\xB0\x80",
                                         "\xE1\x86\xA8",
                                         "\xEF\xB9\xB2",
                                         "\xE3\x81\x8B\xE3\x82\x99",
                                         "\0"};
    size_t npieces = sizeof pieces / sizeof *pieces;
    char text[4096];
    uint64_t rng = 0x9E3779B97F4A7C15u;
    token_list a, b;
    norm_scratch ns;
    token_list_init(&a);
    scalar_token_list_init(&b);
    norm_scratch_init(&ns);
    for (int round = 0; round < 3000; round++) {
        size_t len = 0;
        size_t want = (size_t)(round % 97) * 8 + 1;
        while (len < want) {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            size_t p = (size_t)(rng % npieces);
            size_t plen = pieces[p][0] ? strlen(pieces[p]) : 1;
            if (len + plen > sizeof text) break;
            memcpy(text + len, pieces[p], plen);
            len += plen;
        }
        for (size_t off = 0; off < 3 && off <= len; off++) {
            assert_int_equal(tokens_run(&a, &ns, text + off, len - off), CONCORD_OK);
            assert_int_equal(scalar_tokens_run(&b, &ns, text + off, len - off), CONCORD_OK);
            assert_same_tokens(&a, &b);
        }
        /* Each token's norm is what normalising its original bytes gives
         * (without spaces, which NFKC can produce and tokens drop). */
        assert_int_equal(tokens_run(&a, &ns, text, len), CONCORD_OK);
        for (size_t i = 0; i < a.len; i++) {
            const concord_token *k = &a.items[i];
            const char *out;
            size_t out_len, n = 0;
            char kept[4096];
            assert_int_equal(
                concord_text_normalise(t, text + k->start, k->end - k->start, &out, &out_len),
                CONCORD_OK);
            for (size_t j = 0; j < out_len; j++)
                if (out[j] != ' ') kept[n++] = out[j];
            assert_int_equal(n, k->norm_len);
            assert_memory_equal(kept, k->norm, n);
        }
    }
    token_list_free(&a);
    scalar_token_list_free(&b);
    norm_scratch_free(&ns);
}

/* A compact fingerprint of everything analyse produced. */
static uint64_t fingerprint(const concord_text *t)
{
    uint64_t h = 1469598103934665603u;
#define MIX(v) (h = (h ^ (uint64_t)(v)) * 1099511628211u)
    MIX(concord_text_token_count(t));
    MIX(concord_text_repairs(t));
    for (size_t i = 0; i < concord_text_token_count(t); i++) {
        const concord_token *k = concord_text_token(t, i);
        MIX(k->start);
        MIX(k->end);
        MIX(k->flags);
        for (size_t j = 0; j < k->norm_len; j++) MIX((unsigned char)k->norm[j]);
    }
    MIX(concord_text_sentence_count(t));
    for (size_t i = 0; i < concord_text_sentence_count(t); i++) {
        const concord_sentence *s = concord_text_sentence(t, i);
        MIX(s->start);
        MIX(s->end);
        MIX(s->first_token);
        MIX(s->token_count);
    }
#undef MIX
    return h;
}

static void reuse_equals_fresh(void **state)
{
    concord_text *reused = *state;
    static const char *const docs[] = {
        "Mr. Smith went to Washington. He said: \"Stop. Now.\" Then he left.",
        "",
        "caf\xC3\xA9 \xFFna\xC3\xAFve \xED\xA0\x80r\xC3\xA9sum\xC3\xA9",
        "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAF\xE5\xA4\xA7\xE3\x81\x8D\xE3\x81\x84\xE3\x80\x82 "
        "Tokyo.",
        "Short.",
        ("The U.S. economy grew 3.5 pct in 1987, officials said.\n\nA second paragraph... "
         "With \xE2\x80\x9Cquotes\xE2\x80\x9D and don\xE2\x80\x99t."),
        "x",
    };
    size_t ndocs = sizeof docs / sizeof *docs;
    uint64_t fresh[sizeof docs / sizeof *docs];
    for (size_t d = 0; d < ndocs; d++) {
        concord_text *t;
        assert_int_equal(concord_text_create(&t), CONCORD_OK);
        assert_int_equal(concord_text_analyse(t, docs[d], strlen(docs[d]), CONCORD_TEXT_SENTENCES),
                         CONCORD_OK);
        fresh[d] = fingerprint(t);
        concord_text_free(t);
    }
    /* A large document first grows the buffers; afterwards they stay put. */
    char big[20000];
    for (size_t i = 0; i + 10 <= sizeof big; i += 10) memcpy(big + i, "Big word. ", 10);
    assert_int_equal(concord_text_analyse(reused, big, sizeof big, CONCORD_TEXT_SENTENCES),
                     CONCORD_OK);
    const concord_token *first = concord_text_token(reused, 0);
    const concord_sentence *first_sentence = concord_text_sentence(reused, 0);
    for (int round = 0; round < 50; round++) {
        for (size_t d = 0; d < ndocs; d++) {
            size_t i = (d * 7 + (size_t)round) % ndocs;
            assert_int_equal(
                concord_text_analyse(reused, docs[i], strlen(docs[i]), CONCORD_TEXT_SENTENCES),
                CONCORD_OK);
            assert_true(fingerprint(reused) == fresh[i]);
            if (concord_text_token_count(reused))
                assert_ptr_equal(concord_text_token(reused, 0), first);
            if (concord_text_sentence_count(reused))
                assert_ptr_equal(concord_text_sentence(reused, 0), first_sentence);
        }
    }
    /* Without CONCORD_TEXT_SENTENCES there are no sentences. */
    assert_int_equal(concord_text_analyse(reused, S("One. Two."), 0), CONCORD_OK);
    assert_int_equal(concord_text_sentence_count(reused), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(word_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(offsets_and_flags, setup, teardown),
        cmocka_unit_test_setup_teardown(ideographic_scripts, setup, teardown),
        cmocka_unit_test_setup_teardown(degenerate_inputs, setup, teardown),
        cmocka_unit_test_setup_teardown(long_runs_are_cut, setup, teardown),
        cmocka_unit_test_setup_teardown(fast_path_matches_scalar, setup, teardown),
        cmocka_unit_test_setup_teardown(reuse_equals_fresh, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
