/*
 * prefetch.c - leaf read-ahead for probes of the merged band level
 * (prefetch.h). Reads SQLite's documented file format: an interior index
 * page (type 2) holds cells "left child (4 bytes), payload size (varint),
 * record"; a record is "header size, serial types (varints), values"; a
 * leaf index page is type 10. Page 1 starts after the 100-byte file
 * header.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/prefetch.h"

enum { PAGE_INTERIOR_INDEX = 2, PAGE_LEAF_INDEX = 10, MAX_DEPTH = 12 };

static void turn_off(store_prefetch *p)
{
    if (p->on) close(p->fd);
    p->on = 0;
}

void prefetch_open(store_prefetch *p, const char *path, unsigned page_size, uint32_t root)
{
    memset(p, 0, sizeof *p);
    if (page_size < 512 || page_size > 65536 || root < 2) return;
    p->fd = open(path, O_RDONLY | O_CLOEXEC);
    p->on = p->fd >= 0;
    p->page_size = page_size;
    p->root = root;
}

void prefetch_forget(store_prefetch *p)
{
    for (size_t i = 0; i < p->count; i++) free(p->bufs[i]);
    p->count = 0;
    p->depth = 0;
}

void prefetch_free(store_prefetch *p)
{
    prefetch_forget(p);
    turn_off(p);
}

static int read_page(const store_prefetch *p, uint32_t page, unsigned char *buf)
{
    off_t at = (off_t)(page - 1) * p->page_size;
    return pread(p->fd, buf, p->page_size, at) == (ssize_t)p->page_size;
}

/* Interior page `page`, from memory or read and kept; NULL when it cannot
   be read or kept, or is not an interior index page. */
static const unsigned char *interior(store_prefetch *p, uint32_t page)
{
    for (size_t i = 0; i < p->count; i++)
        if (p->pages[i] == page) return p->bufs[i];
    if (p->count == PREFETCH_MAX_INTERIOR) return NULL;
    unsigned char *buf = malloc(p->page_size);
    if (!buf || !read_page(p, page, buf) || buf[0] != PAGE_INTERIOR_INDEX) {
        free(buf);
        return NULL;
    }
    p->pages[p->count] = page;
    p->bufs[p->count++] = buf;
    return buf;
}

static uint32_t be32(const unsigned char *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* SQLite varint at b (at most end - b bytes); 0 bytes read when malformed. */
static size_t varint(const unsigned char *b, const unsigned char *end, uint64_t *v)
{
    *v = 0;
    for (size_t i = 0; i < 9 && b + i < end; i++) {
        if (i == 8) {
            *v = *v << 8 | b[i];
            return 9;
        }
        *v = *v << 7 | (b[i] & 0x7f);
        if (!(b[i] & 0x80)) return i + 1;
    }
    return 0;
}

/* The first column (an integer) of the record in cell i of an interior
   index page, and the cell's left child; 0 when the cell is not as
   expected. */
static int cell_key(const store_prefetch *p, const unsigned char *page, unsigned i, int64_t *key,
                    uint32_t *child)
{
    const unsigned char *end = page + p->page_size;
    unsigned at = (unsigned)page[12 + 2 * i] << 8 | page[13 + 2 * i];
    if (at + 5 > p->page_size) return 0;
    const unsigned char *c = page + at;
    *child = be32(c);
    uint64_t payload, header, type;
    size_t n = varint(c + 4, end, &payload);
    if (!n) return 0;
    const unsigned char *rec = c + 4 + n;
    size_t h = varint(rec, end, &header);
    if (!h || !varint(rec + h, end, &type)) return 0;
    static const unsigned bytes[] = {0, 1, 2, 3, 4, 6, 8};
    if (type == 8 || type == 9) {
        *key = (int64_t)type - 8;
        return 1;
    }
    if (type < 1 || type > 6 || rec + header + bytes[type] > end) return 0;
    const unsigned char *v = rec + header;
    uint64_t u = v[0] & 0x80 ? ~UINT64_C(0) : 0; /* sign extension */
    for (unsigned k = 0; k < bytes[type]; k++) u = u << 8 | v[k];
    *key = (int64_t)u;
    return 1;
}

/* The child of interior page `page` where a search for key goes: the left
   child of the first cell whose key is >= key, else the right-most. */
static uint32_t child_for(const store_prefetch *p, const unsigned char *page, int64_t key)
{
    unsigned cells = (unsigned)page[3] << 8 | page[4];
    if (12 + 2 * (size_t)cells > p->page_size) return 0;
    unsigned lo = 0, hi = cells;
    uint32_t child = be32(page + 8), left;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        int64_t k;
        if (!cell_key(p, page, mid, &k, &left)) return 0;
        if (k >= key) {
            child = left;
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return child;
}

/* Levels from the root down to the leaves (1: the root is a leaf), from
   the left-most path; 0 when the tree is not as expected. */
static unsigned find_depth(store_prefetch *p)
{
    unsigned char *buf = malloc(p->page_size);
    uint32_t page = p->root;
    unsigned depth = 0;
    for (unsigned level = 1; buf && level <= MAX_DEPTH; level++) {
        if (!read_page(p, page, buf)) break;
        if (buf[0] == PAGE_LEAF_INDEX) {
            depth = level;
            break;
        }
        if (buf[0] != PAGE_INTERIOR_INDEX) break;
        unsigned cells = (unsigned)buf[3] << 8 | buf[4], first = (unsigned)buf[12] << 8 | buf[13];
        if (cells && first + 4 > p->page_size) break;
        page = be32(buf + (cells ? first : 8));
        if (page < 2) break;
    }
    free(buf);
    return depth;
}

/* 1 when the tree's depth is known (found now if need be). */
static int ready(store_prefetch *p)
{
    if (!p->on) return 0;
    if (!p->depth && !(p->depth = find_depth(p))) turn_off(p);
    return p->on;
}

void prefetch_warm(store_prefetch *p)
{
    if (!ready(p) || p->depth < 3) return;
    const unsigned char *root = interior(p, p->root);
    if (!root) return;
    unsigned cells = (unsigned)root[3] << 8 | root[4];
    for (unsigned i = 0; i <= cells; i++) {
        uint32_t child;
        if (i < cells) {
            unsigned at = (unsigned)root[12 + 2 * i] << 8 | root[13 + 2 * i];
            if (12 + 2 * (size_t)cells > p->page_size || at + 4 > p->page_size) return;
            child = be32(root + at);
        } else {
            child = be32(root + 8);
        }
        posix_fadvise(p->fd, (off_t)(child - 1) * p->page_size, p->page_size, POSIX_FADV_WILLNEED);
    }
}

uint32_t prefetch_leaf(store_prefetch *p, int64_t key)
{
    if (!ready(p)) return 0;
    uint32_t page = p->root;
    for (unsigned level = 1; level < p->depth; level++) {
        const unsigned char *buf = interior(p, page);
        if (!buf) return 0; /* the cache is full, or the page changed: no hint */
        if (!(page = child_for(p, buf, key))) return 0;
    }
    return page;
}

void prefetch_key(store_prefetch *p, int64_t key)
{
    uint32_t page = prefetch_leaf(p, key);
    if (page) posix_fadvise(p->fd, (off_t)(page - 1) * p->page_size, p->page_size, POSIX_FADV_WILLNEED);
}
