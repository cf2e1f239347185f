/* report_html.c - writing HTML safely: escaping any bytes, and the page's
   skeleton with its inline style sheet. */
#include <string.h>

#include "report.h"

void html_text(FILE *f, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0; /* bytes [i-run, i) are written as they are */
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        const char *rep = NULL;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            if (c >= 0x80) {
                size_t n = utf8_valid_len(p + i, len - i);
                if (n) {
                    run += n;
                    i += n;
                    continue;
                }
                rep = "\xEF\xBF\xBD";
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                rep = "\xEF\xBF\xBD";
            }
        }
        if (!rep) {
            run++;
            i++;
            continue;
        }
        fwrite(p + i - run, 1, run, f);
        run = 0;
        fputs(rep, f);
        i++;
    }
    fwrite(p + len - run, 1, run, f);
}

size_t utf8_floor(const char *p, size_t len, size_t pos)
{
    if (pos >= len) return len;
    /* At most 3 continuation bytes precede a lead byte. */
    for (size_t back = 0; back < 4 && pos >= back; back++)
        if (((unsigned char)p[pos - back] & 0xC0) != 0x80) return pos - back;
    return pos; /* not UTF-8 here: any cut is as good */
}

int html_text_capped(FILE *f, const char *p, size_t len, size_t cap)
{
    if (len <= cap) {
        html_text(f, p, len);
        return 0;
    }
    html_text(f, p, utf8_floor(p, len, cap));
    fputs("\xE2\x80\xA6", f); /* … */
    return 1;
}

/* No script, no network, no frames, no forms: only inline style. */
static const char page_head[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'\">\n"
    "<meta name=\"referrer\" content=\"no-referrer\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";

static const char page_style[] =
    "<style>\n"
    "body{font:15px/1.45 sans-serif;margin:0 auto;max-width:80rem;padding:1rem 2rem;"
    "color:#1a1a1a;background:#fff}\n"
    "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;margin:0 0 .3rem}"
    "h3{font-size:1.05rem;margin:.8rem 0 .3rem}\n"
    "table{border-collapse:collapse;width:100%;margin:.3rem 0}"
    "th,td{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left;"
    "vertical-align:top}th{background:#f3f3f3}\n"
    "td.n,th.n{text-align:right;white-space:nowrap}td.date{white-space:nowrap}\n"
    ".meta,.note{color:#555}.note{font-size:.9rem}\n"
    "section.story{border-top:3px solid #446;margin-top:2rem;padding-top:.6rem}\n"
    "details{margin:.4rem 0}summary{cursor:pointer;font-weight:bold}\n"
    ".pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem;margin:.5rem 0 1.2rem}\n"
    ".side{border:1px solid #ccc;padding:.5rem;overflow-wrap:anywhere}\n"
    ".text{white-space:pre-wrap;font-family:serif;font-size:1rem}\n"
    "mark{background:#ffe27a}mark.edited{background:#ffc27a}mark.spun{background:#c9b8ff}\n"
    "sup.pn{font-size:.7rem;color:#333;font-family:sans-serif}\n"
    "code,.id{font-family:monospace;overflow-wrap:anywhere}\n"
    "q{font-style:italic}\n"
    "</style>\n";

void html_begin(FILE *f, const char *title)
{
    fputs(page_head, f);
    fputs("<title>", f);
    html_text(f, title, strlen(title));
    fputs("</title>\n", f);
    fputs(page_style, f);
    fputs("</head>\n<body>\n", f);
}

void html_end(FILE *f)
{
    fputs("</body>\n</html>\n", f);
}
