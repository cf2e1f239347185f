/*
 * Unit tests for lib/text/lexicon: function words, morphology, WordNet
 * synonymy and classes, numbers, stems, error paths, a hand-made WordNet
 * with corrupt lines, and concurrent queries.
 *
 * Expected values come from the WordNet 3.0 files of Debian's wordnet-base
 * (quoted where a test depends on them), not from running the code. Tests
 * needing WordNet are skipped when /usr/share/wordnet is absent.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "concord.h"
#include "text/lexicon_internal.h"

#include "fixtures.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static concord_lexicon *wordnet; /* the real one, NULL when not installed */
static concord_lexicon *stems;   /* wordnet_dir "": stems only */

static int group_setup(void **state)
{
    (void)state;
    char msg[256];
    if (concord_lexicon_create(&stems, "", msg, sizeof msg) != CONCORD_OK) return -1;
    struct stat st;
    if (stat("/usr/share/wordnet/index.noun", &st) == 0 &&
        concord_lexicon_create(&wordnet, "/usr/share/wordnet", msg, sizeof msg) != CONCORD_OK)
        return -1;
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    concord_lexicon_free(wordnet);
    concord_lexicon_free(stems);
    return 0;
}

#define NEED_WORDNET()                                                                             \
    do {                                                                                           \
        if (!wordnet) skip();                                                                      \
    } while (0)

static uint64_t canon(const concord_lexicon *lex, const char *w)
{
    return concord_lexicon_canon(lex, w, strlen(w));
}

static int same(const concord_lexicon *lex, const char *a, const char *b)
{
    return canon(lex, a) == canon(lex, b);
}

static int syn(const concord_lexicon *lex, const char *a, const char *b)
{
    return concord_lexicon_synonyms(lex, a, strlen(a), b, strlen(b));
}

static void function_word_list_is_sorted_and_unique(void **state)
{
    (void)state;
    assert_true(lexicon_function_word_count >= 250 && lexicon_function_word_count <= 350);
    for (size_t i = 1; i < lexicon_function_word_count; i++)
        assert_true(strcmp(lexicon_function_words[i - 1], lexicon_function_words[i]) < 0);
    for (size_t i = 0; i < lexicon_function_word_count; i++) {
        const char *w = lexicon_function_words[i];
        assert_int_equal(lexicon_function_word_find(w, strlen(w)), (long)i);
    }
}

static void function_words(void **state)
{
    (void)state;
    const concord_lexicon *lexes[] = {stems, wordnet};
    for (int l = 0; l < 2; l++) {
        const concord_lexicon *lex = lexes[l];
        if (!lex) continue;
        static const char *const yes[] = {"the",       "of",   "said", "says",  "told",
                                          "would",     "also", "not",  "don't", "they're",
                                          "according", "a",    "whom", "upon"};
        static const char *const no[] = {"guarantee", "kremlin", "security", "documents", "go",
                                         "thee",      "th",      "saids",    "",          "The"};
        for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
            assert_true(concord_lexicon_is_function_word(lex, yes[i], strlen(yes[i])));
        for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
            assert_false(concord_lexicon_is_function_word(lex, no[i], strlen(no[i])));
        /* lengths travel with pointers: a prefix of a longer buffer */
        assert_true(concord_lexicon_is_function_word(lex, "there", 3)); /* "the" */
        assert_false(concord_lexicon_is_function_word(lex, "thesis", 4));
    }
}

/* Function words keep their own class: never each other's nor a content word's. */
static void function_words_are_not_merged(void **state)
{
    (void)state;
    NEED_WORDNET();
    assert_false(same(wordnet, "the", "a"));
    assert_false(same(wordnet, "said", "told"));
    /* "will" is a WordNet noun (volition) and "can" a noun (tin) */
    assert_false(same(wordnet, "will", "volition"));
    assert_false(syn(wordnet, "will", "volition"));
    assert_false(same(wordnet, "can", "tin"));
    assert_true(syn(wordnet, "the", "the"));
    assert_true(same(wordnet, "the", "the"));
    assert_int_equal(canon(wordnet, "the"), canon(stems, "the"));
}

/* verb.exc "went go", noun.exc "children child", verb.exc "running run". */
static void morphology(void **state)
{
    (void)state;
    NEED_WORDNET();
    assert_true(same(wordnet, "went", "go"));
    assert_true(syn(wordnet, "gone", "go")); /* an adjective lemma too */
    assert_true(same(wordnet, "children", "child"));
    assert_true(same(wordnet, "ran", "run"));
    /* "running" is in verb.exc and a lemma (noun, adj) too: it keeps its own
       class (a thesaurus lists the lemma's senses), but is a synonym of "run" */
    assert_true(syn(wordnet, "running", "run"));
    assert_true(syn(wordnet, "found", "find"));
    assert_true(syn(wordnet, "found", "establish"));
    assert_true(syn(wordnet, "found", "discover")); /* 00721455 v {discover, find}, via "find" */
    assert_true(same(wordnet, "documents", "document")); /* noun -s */
    assert_true(same(wordnet, "guarantees", "guarantee"));
    assert_true(same(wordnet, "guaranteed", "guarantee")); /* verb -ed -> -e */
    assert_true(same(wordnet, "boxes", "box"));            /* noun -xes */
    assert_true(same(wordnet, "parties", "party"));        /* -ies -> -y */
    assert_true(same(wordnet, "grabbed", "grab"));         /* verb.exc */
    assert_true(syn(wordnet, "stopped", "stop"));          /* verb.exc, and an adjective */
    assert_true(syn(wordnet, "bigger", "big"));            /* adj.exc, and a lemma */
    assert_true(same(wordnet, "biggest", "big"));          /* adj.exc */
    assert_true(same(wordnet, "kremlin's", "kremlin"));    /* possessive */
    assert_true(syn(wordnet, "went", "go"));
    assert_true(syn(wordnet, "children", "child"));
    assert_false(same(wordnet, "go", "child"));
}

/*
 * WordNet synsets (data.*):
 *   06470073 n {document, written_document, papers}
 *   00890608 v {guarantee, ensure, insure, assure, secure}
 *   02207224 v {buy, purchase}          (sense 1 of both)
 *   02958343 n {car, auto, automobile, machine, motorcar}
 *   01010271 a {final, last, ...}       (final sense 1, last sense 3)
 * "paperwork" has one synset, {paperwork} (00582071), "assurance" shares
 * none with "guarantee" (mythes lists it as a generic term only), and
 * "navy" none with "military" (a part of it, not a synonym).
 */
static void synonyms(void **state)
{
    (void)state;
    NEED_WORDNET();
    assert_true(syn(wordnet, "documents", "papers"));
    assert_true(syn(wordnet, "guarantees", "ensures"));
    assert_true(syn(wordnet, "guarantee", "assure"));
    assert_true(syn(wordnet, "buy", "purchase"));
    assert_true(syn(wordnet, "bought", "purchased"));
    assert_true(syn(wordnet, "car", "automobile"));
    assert_true(syn(wordnet, "last", "final"));
    assert_false(syn(wordnet, "documents", "paperwork"));
    assert_false(syn(wordnet, "guarantee", "assurance"));
    assert_false(syn(wordnet, "military", "navy"));
    assert_false(syn(wordnet, "car", "guarantee"));
    assert_false(syn(wordnet, "document", "kremlin"));
    /* symmetric */
    assert_int_equal(syn(wordnet, "final", "last"), syn(wordnet, "last", "final"));
}

/*
 * Canonical classes: words whose FIRST senses are one synset always share
 * a class (their link is among the first ones the capped union takes):
 * purchase (v, one sense) = buy sense 1; automobile (n, one sense) = car
 * sense 1; papers (n, one sense) = document sense 1.
 */
static void classes(void **state)
{
    (void)state;
    NEED_WORDNET();
    assert_true(same(wordnet, "buy", "purchase"));
    assert_true(same(wordnet, "bought", "purchases"));
    assert_true(same(wordnet, "car", "automobile"));
    assert_true(same(wordnet, "documents", "papers"));
    assert_false(same(wordnet, "car", "document"));
    assert_false(same(wordnet, "buy", "sell"));
    assert_false(same(wordnet, "military", "navy"));
    lexicon_stats st;
    lexicon_stats_get(wordnet, &st);
    /* Debian's WordNet 3.0: 77,557 distinct single-word lemmas (awk over index.*) */
    assert_int_equal(st.lemmas, 77557);
    assert_int_equal(st.corrupt_lines, 0);
    assert_true(st.classes > 30000 && st.classes < st.lemmas);
    assert_true(st.largest_class <= 32); /* capped: 16, plus redirected inflections */
    assert_true(st.bytes < 30u * 1024 * 1024);
}

static void numbers(void **state)
{
    (void)state;
    const concord_lexicon *lexes[] = {stems, wordnet};
    for (int l = 0; l < 2; l++) {
        const concord_lexicon *lex = lexes[l];
        if (!lex) continue;
        assert_true(same(lex, "100,000", "100000"));
        assert_true(same(lex, "1,000,000", "1000000"));
        assert_true(syn(lex, "100,000", "100000"));
        assert_false(same(lex, "3.5", "35"));
        assert_false(same(lex, "2022", "2023"));
        assert_false(same(lex, "30", "thirty"));
        assert_false(syn(lex, "2022", "2023"));
    }
    assert_int_equal(canon(stems, "1990"), canon(wordnet ? wordnet : stems, "1990"));
}

/* Words unknown to WordNet fall back to their Snowball stem. */
static void unknown_words_use_stems(void **state)
{
    (void)state;
    const concord_lexicon *lexes[] = {stems, wordnet};
    for (int l = 0; l < 2; l++) {
        const concord_lexicon *lex = lexes[l];
        if (!lex) continue;
        /* Porter2: blorfing, blorfed, blorfs -> blorf */
        assert_true(same(lex, "blorfing", "blorfed"));
        assert_true(same(lex, "blorfs", "blorf"));
        assert_true(syn(lex, "blorfing", "blorfed"));
        assert_true(same(lex, "zelenskyy's", "zelenskyy"));
        assert_false(same(lex, "blorf", "glorf"));
        assert_true(canon(lex, "blorf") != 0);
        assert_true(canon(lex, "") != 0);
        assert_true(concord_lexicon_canon(lex, NULL, 0) == canon(lex, ""));
        assert_true(concord_lexicon_synonyms(lex, NULL, 0, NULL, 0));
        assert_false(concord_lexicon_is_function_word(lex, NULL, 0));
    }
    /* without WordNet, only stems: inflections meet, synonyms and irregulars do not */
    assert_true(same(stems, "running", "runs"));
    assert_false(same(stems, "went", "go"));
    assert_false(same(stems, "buy", "purchase"));
    assert_false(syn(stems, "buy", "purchase"));
    /* very long words are hashed whole */
    char longw[200];
    memset(longw, 'x', sizeof longw);
    assert_true(concord_lexicon_canon(stems, longw, sizeof longw) ==
                concord_lexicon_canon(stems, longw, sizeof longw));
    assert_true(concord_lexicon_canon(stems, longw, sizeof longw) !=
                concord_lexicon_canon(stems, longw, sizeof longw - 1));
}

/* Names (only capitalised in WordNet or absent) vs common words. */
static void common_words(void **state)
{
    (void)state;
    NEED_WORDNET();
    /* data.noun: "Putin" and "Moscow" only capitalised; "officials" common */
    assert_false(lexicon_is_common_word(wordnet, S("putin")));
    assert_false(lexicon_is_common_word(wordnet, S("moscow")));
    assert_false(lexicon_is_common_word(wordnet, S("zelenskyy")));
    assert_false(lexicon_is_common_word(wordnet, S("the")));
    assert_true(lexicon_is_common_word(wordnet, S("officials")));
    assert_true(lexicon_is_common_word(wordnet, S("went")));
    assert_int_equal(lexicon_classify(wordnet, S("the"), NULL), LEXICON_FUNCTION);
    assert_int_equal(lexicon_classify(wordnet, S("100,000"), NULL), LEXICON_NUMBER);
    assert_int_equal(lexicon_classify(wordnet, S("documents"), NULL), LEXICON_COMMON);
    assert_int_equal(lexicon_classify(wordnet, S("putin"), NULL), LEXICON_OTHER);
    uint64_t c;
    lexicon_classify(wordnet, S("documents"), &c);
    assert_true(c == canon(wordnet, "documents"));
}

static void missing_directory(void **state)
{
    (void)state;
    concord_lexicon *lex = (concord_lexicon *)1;
    char msg[512];
    assert_int_equal(concord_lexicon_create(&lex, "/nonexistent/wordnet", msg, sizeof msg),
                     CONCORD_ERR_IO);
    assert_null(lex);
    assert_non_null(strstr(msg, "/nonexistent/wordnet"));
    assert_non_null(strstr(msg, "apt-get install wordnet-base"));
    /* a short message buffer is truncated, NUL-terminated */
    char small[8];
    assert_int_equal(concord_lexicon_create(&lex, "/nonexistent/wordnet", small, sizeof small),
                     CONCORD_ERR_IO);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_int_equal(concord_lexicon_create(&lex, "/nonexistent/wordnet", NULL, 0), CONCORD_ERR_IO);
    /* NULL means $CONCORD_WORDNET_DIR */
    setenv("CONCORD_WORDNET_DIR", "/nonexistent/env-wordnet", 1);
    assert_int_equal(concord_lexicon_create(&lex, NULL, msg, sizeof msg), CONCORD_ERR_IO);
    assert_non_null(strstr(msg, "/nonexistent/env-wordnet"));
    unsetenv("CONCORD_WORDNET_DIR");
    concord_lexicon_free(NULL);
}

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(fx(name), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    fclose(f);
}

/*
 * A hand-made WordNet: alpha and beta share synset 100 (their first
 * sense), gamma has its own; five corrupt lines are skipped and counted;
 * a directory without index files is an I/O error naming the file.
 */
static void small_wordnet_with_corrupt_lines(void **state)
{
    (void)state;
    assert_int_equal(fixtures_setup("lexicon"), 0);
    char msg[512];
    concord_lexicon *lex;
    assert_int_equal(concord_lexicon_create(&lex, fixture_root, msg, sizeof msg), CONCORD_ERR_IO);
    assert_null(lex);
    assert_non_null(strstr(msg, "index.noun"));
    write_file("index.noun", "  1 licence line starting with spaces\n"
                             "alpha n 1 0 1 0 00000100  \n"
                             "beta n 2 1 @ 2 0 00000100 00000200  \n"
                             "gamma n 1 0 1 0 00000300  \n"
                             "armed_forces n 1 0 1 0 00000100  \n"
                             "delta n x 0 1 0 00000400\n"   /* corrupt: count */
                             "epsilon n 2 0 2 0 00000500\n" /* corrupt: one offset missing */
                             "zeta n 1 0 1 0 123\n"         /* corrupt: short offset */
                             "\xff\xfe\x01 garbage\n"       /* corrupt */
                             "\n"
                             "eta"); /* corrupt, no newline */
    write_file("index.verb", "stop v 1 0 1 0 00000600  \n");
    write_file("index.adj", "");
    write_file("index.adv", "");
    write_file("noun.exc", "alphas alpha\nbogus\n"); /* "bogus": corrupt, no base */
    assert_int_equal(concord_lexicon_create(&lex, fixture_root, msg, sizeof msg), CONCORD_OK);
    lexicon_stats st;
    lexicon_stats_get(lex, &st);
    assert_int_equal(st.lemmas, 4);
    assert_int_equal(st.skipped_lemmas, 1);
    assert_int_equal(st.exceptions, 1);
    assert_int_equal(st.corrupt_lines, 6);
    assert_true(syn(lex, "alpha", "beta"));
    assert_true(same(lex, "alpha", "beta"));
    assert_true(same(lex, "alphas", "beta"));
    assert_false(syn(lex, "alpha", "gamma"));
    assert_false(same(lex, "alpha", "gamma"));
    assert_true(same(lex, "gammas", "gamma"));  /* morphy: noun -s */
    assert_true(same(lex, "stopping", "stop")); /* doubled consonant undone */
    assert_true(same(lex, "stopped", "stop"));
    assert_false(same(lex, "alphaing", "alpha")); /* -ing needs a verb lemma */
    assert_true(concord_lexicon_is_function_word(lex, S("the")));
    concord_lexicon_free(lex);
}

/* Queries from several threads agree with one thread (run under ASan/TSan). */
typedef struct worker {
    const concord_lexicon *lex;
    const char *const *words;
    size_t n;
    uint64_t *out;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    for (int round = 0; round < 50; round++)
        for (size_t i = 0; i < w->n; i++) {
            uint64_t c = concord_lexicon_canon(w->lex, w->words[i], strlen(w->words[i]));
            if (round == 0)
                w->out[i] = c;
            else if (w->out[i] != c)
                w->out[i] = 0; /* never a canonical value */
        }
    return NULL;
}

static void concurrent_queries(void **state)
{
    (void)state;
    static const char *const words[] = {"blorfing", "went",        "documents", "the",
                                        "100,000",  "zelenskyy's", "running",   "quixotically",
                                        "glorfed",  "paperwork",   "navy",      "snorbled"};
    enum { N = sizeof words / sizeof words[0], THREADS = 4 };
    const concord_lexicon *lex = wordnet ? wordnet : stems;
    uint64_t expect[N], got[THREADS][N];
    for (size_t i = 0; i < N; i++) expect[i] = canon(lex, words[i]);
    pthread_t th[THREADS];
    worker w[THREADS];
    for (int t = 0; t < THREADS; t++) {
        w[t] = (worker){lex, words, N, got[t]};
        assert_int_equal(pthread_create(&th[t], NULL, work, &w[t]), 0);
    }
    for (int t = 0; t < THREADS; t++) {
        pthread_join(th[t], NULL);
        for (size_t i = 0; i < N; i++) assert_true(got[t][i] == expect[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(function_word_list_is_sorted_and_unique),
        cmocka_unit_test(function_words),
        cmocka_unit_test(function_words_are_not_merged),
        cmocka_unit_test(morphology),
        cmocka_unit_test(synonyms),
        cmocka_unit_test(classes),
        cmocka_unit_test(numbers),
        cmocka_unit_test(unknown_words_use_stems),
        cmocka_unit_test(common_words),
        cmocka_unit_test(missing_directory),
        cmocka_unit_test(small_wordnet_with_corrupt_lines),
        cmocka_unit_test(concurrent_queries),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
