/* word_list.c - membership in the text layer's compiled-in word lists
   (function words, name cues, calendar words): bisection over a list in
   byte order (LC_ALL=C sort). */
#include <string.h>

#include "text/text.h"

long text_word_list_find(const char *const *list, size_t n, const char *s, size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *w = list[mid];
        /* Most probes differ at the first byte: decide there without
           measuring the word. A word never holds a NUL, so w[0] == 0 only
           for "" (sorted first). */
        int c = len ? (unsigned char)s[0] - (unsigned char)w[0] : -(w[0] != 0);
        if (!c && len) {
            size_t wl = strlen(w);
            c = memcmp(s, w, len < wl ? len : wl);
            if (!c) c = len < wl ? -1 : len > wl;
        }
        if (!c) return (long)mid;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return -1;
}
