/*
 * normalise.h - NFKC + full case folding (utf8proc) followed by the
 * unification of quotes, dashes and spaces.
 *
 * The pipeline for a piece of valid UTF-8 is:
 *   1. norm_unify() on each code point (so that e.g. U+2033 DOUBLE PRIME
 *      becomes '"' instead of two primes under NFKC);
 *   2. utf8proc: NFKC (COMPAT|COMPOSE|STABLE), full case folding (CASEFOLD)
 *      and removal of default-ignorable code points (IGNORE);
 *   3. norm_unify() again on the result (NFKC can produce e.g. U+2014).
 */
#ifndef CONCORD_TEXT_NORMALISE_H
#define CONCORD_TEXT_NORMALISE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "concord.h"
#include "util/buf.h"

/*
 * Scratch memory for utf8proc (one int32 per code point of the largest
 * piece seen). Reused across calls; grows, never shrinks until freed.
 */
typedef struct norm_scratch {
    int32_t *cps;
    size_t cap;
} norm_scratch;

void norm_scratch_init(norm_scratch *ns);
void norm_scratch_free(norm_scratch *ns);

/*
 * Quote, dash and space unification of one code point:
 *   apostrophes (cp_is_apostrophe), U+2039, U+203A -> '\''
 *   U+201C..201F, U+00AB, U+00BB, U+2033, U+2036, U+301D..301F, U+FF02 -> '"'
 *   U+2010..2015, U+2212, U+2E3A, U+2E3B, U+FE31, U+FE32, U+FE58, U+FE63,
 *   U+FF0D -> '-'
 *   whitespace and controls (cp_is_space) -> ' '
 * anything else is returned unchanged.
 */
int32_t norm_unify(int32_t cp);

/*
 * Spaces in norm_append's output:
 *   NORM_SPACE_DROP     drop them (token norms never contain a space);
 *   NORM_SPACE_COLLAPSE each run becomes one ' ' written only when more
 *                       text follows and out is not empty: *pending carries
 *                       the state between calls.
 */
typedef enum norm_space { NORM_SPACE_DROP, NORM_SPACE_COLLAPSE } norm_space;

/*
 * Append the normalisation of the valid UTF-8 text s[0..len) to out. The
 * caller chooses pieces that are closed under normalisation (cut before
 * cp_is_safe_cut code points) so that pieces normalise independently.
 * Cost O(len + m^2) where m is the longest run of non-starters (utf8proc
 * sorts combining marks by insertion), so callers bound such runs.
 * Returns CONCORD_OK or CONCORD_ERR_NOMEM.
 */
concord_status norm_append(norm_scratch *ns, buf *out, const char *s, size_t len, norm_space space,
                           bool *pending);

/*
 * Normalise a whole text (any bytes: ill-formed UTF-8 becomes U+FFFD) into
 * out, which is cleared first. Whitespace runs collapse to one ' ', and
 * leading and trailing whitespace is dropped. chunk is scratch memory.
 * O(len) time; memory O(len) for out plus O(1) scratch.
 */
concord_status norm_text(norm_scratch *ns, buf *chunk, buf *out, const char *s, size_t len);

#endif
