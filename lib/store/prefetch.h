/*
 * prefetch.h - read-ahead for the probes of the merged band level.
 *
 * A probe of bands is one B-tree descent ending in a leaf that nothing
 * else is likely to share: on a cold cache, an article that shares all
 * its 27 band keys with stored ones (an exact copy) costs 27 random reads,
 * one after the other. This module keeps the B-tree's interior pages in
 * memory (read from the database file, ~30 pages at a million articles),
 * finds the leaf each key lands on, and asks the kernel to read those
 * leaves at once (posix_fadvise WILLNEED) before SQLite probes them: the
 * reads overlap instead of queueing.
 *
 * Only a hint: the pages are read from the database file, so after a
 * merge not yet checkpointed from the WAL they may be stale and the
 * kernel reads a useless page; SQLite's own reads decide every result.
 * Anything unexpected in a page (a format this parser does not know)
 * turns the hints off.
 */
#ifndef CONCORD_STORE_PREFETCH_H
#define CONCORD_STORE_PREFETCH_H

#include <stddef.h>
#include <stdint.h>

enum { PREFETCH_MAX_INTERIOR = 512 };

typedef struct store_prefetch {
    int on;                   /* 0: hints off (also a zeroed struct) */
    int fd;                   /* the database file, when on */
    unsigned page_size;
    uint32_t root;            /* bands' root page */
    unsigned depth;           /* levels of interior pages above the leaves; 0: unknown */
    uint32_t pages[PREFETCH_MAX_INTERIOR];
    unsigned char *bufs[PREFETCH_MAX_INTERIOR];
    size_t count;             /* interior pages held */
} store_prefetch;

/* Hints for the B-tree rooted at page `root` of the database at path;
   off when the file cannot be opened. */
void prefetch_open(store_prefetch *p, const char *path, unsigned page_size, uint32_t root);
/* Forget the interior pages (the tree changed: a merge). */
void prefetch_forget(store_prefetch *p);
void prefetch_free(store_prefetch *p);
/* Start reading the interior pages below the root (at open: the first
   probes then find them in the page cache). */
void prefetch_warm(store_prefetch *p);
/* The leaf page where a search for key ends (0: no hint). */
uint32_t prefetch_leaf(store_prefetch *p, int64_t key);
/* Start reading the leaf where a probe of key begins. */
void prefetch_key(store_prefetch *p, int64_t key);

#endif
