/*
 * names_internal.h - between the files of name finding (names.c, the
 * public concord_names; names_words.c, its cue words). The rules are in
 * docs/stories.md ("Names").
 */
#ifndef CONCORD_TEXT_NAMES_INTERNAL_H
#define CONCORD_TEXT_NAMES_INTERNAL_H

#include <stddef.h>

/* 1 when the normalised word s[0..len) is in the list, else 0. */
int names_is_title(const char *s, size_t len);      /* Mr, President, Minister ... */
int names_is_org_word(const char *s, size_t len);   /* Inc, Bank, Ministry, Party ... */
int names_is_place_word(const char *s, size_t len); /* Port, Mount, City, River ... */
int names_is_place_prep(const char *s, size_t len); /* in, at, from, near ... */
int names_is_connector(const char *s, size_t len);  /* of, de, van, von ... */

#endif
