/*
 * lexicon_fixture.h - the WordNet lexicon shared by a test program's tests:
 * loaded once by lexicon_setup() (NULL when WordNet is not installed, so the
 * tests then run on stems only) and freed by lexicon_teardown(). Pass both
 * to cmocka_run_group_tests(). Header-only; include after <cmocka.h>.
 */
#ifndef CONCORD_TESTS_LEXICON_FIXTURE_H
#define CONCORD_TESTS_LEXICON_FIXTURE_H

#include "concord.h"

static concord_lexicon *lexicon; /* NULL without WordNet */

static int lexicon_setup(void **state)
{
    (void)state;
    char msg[256];
    if (concord_lexicon_create(&lexicon, NULL, msg, sizeof msg)) lexicon = NULL;
    return 0;
}

static int lexicon_teardown(void **state)
{
    (void)state;
    concord_lexicon_free(lexicon);
    return 0;
}

#endif
