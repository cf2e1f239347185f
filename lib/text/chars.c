/* chars.c - see chars.h. */
#include "text/chars.h"

#include <utf8proc.h>

/* Generated: see the CH_* bits in chars.h. */
const uint8_t chars_ascii[256] = {
    0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x80, 0x00,
    0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d,
    0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x0d, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x40, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09,
    0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x09, 0x00, 0x00, 0x00, 0x00, 0x10,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
};

static utf8proc_category_t category(int32_t cp)
{
    if (cp < 0 || cp > 0x10FFFF) return UTF8PROC_CATEGORY_CN;
    return utf8proc_category(cp);
}

bool cp_is_alnum(int32_t cp)
{
    if (cp >= 0 && cp < 0x80) return chars_ascii[cp] & CH_WORD;
    utf8proc_category_t c = category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

bool cp_is_letter(int32_t cp)
{
    if (cp >= 0 && cp < 0x80) return chars_ascii[cp] & CH_ALPHA;
    utf8proc_category_t c = category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool cp_is_digit(int32_t cp)
{
    if (cp >= 0 && cp < 0x80) return chars_ascii[cp] & CH_DIGIT;
    return category(cp) == UTF8PROC_CATEGORY_ND;
}

bool cp_is_mark(int32_t cp)
{
    if (cp < 0x300) return false;
    utf8proc_category_t c = category(cp);
    return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}

bool cp_is_upper(int32_t cp)
{
    if (cp >= 0 && cp < 0x80) return chars_ascii[cp] & CH_UPPER;
    utf8proc_category_t c = category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool cp_is_caseless_letter(int32_t cp)
{
    return cp >= 0xAA && category(cp) == UTF8PROC_CATEGORY_LO;
}

bool cp_is_nonstarter(int32_t cp)
{
    if (cp < 0x300 || cp > 0x10FFFF) return false;
    return utf8proc_get_property(cp)->combining_class != 0;
}

bool cp_is_ideograph(int32_t cp)
{
    return (cp >= 0x3005 && cp <= 0x3007) || /* 々 〆 〇 */
           (cp >= 0x3021 && cp <= 0x3029) || /* Hangzhou numerals */
           (cp >= 0x3038 && cp <= 0x303B) ||
           (cp >= 0x3040 && cp <= 0x30FF) ||   /* Hiragana, Katakana */
           (cp >= 0x31F0 && cp <= 0x31FF) ||   /* Katakana extensions */
           (cp >= 0x3400 && cp <= 0x4DBF) ||   /* Han extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* Han */
           (cp >= 0xAC00 && cp <= 0xD7A3) ||   /* Hangul syllables */
           (cp >= 0xF900 && cp <= 0xFAFF) ||   /* Han compatibility */
           (cp >= 0xFF66 && cp <= 0xFF9D) ||   /* halfwidth Katakana */
           (cp >= 0x1B000 && cp <= 0x1B16F) || /* Kana supplement, extended */
           (cp >= 0x20000 && cp <= 0x3FFFF);   /* Han extensions B.. */
}

bool cp_is_apostrophe(int32_t cp)
{
    switch (cp) {
    /* clang-format off */
    case '\'': case '`': case 0x00B4: case 0x02BC: case 0x2018: case 0x2019: case 0x201A:
    case 0x201B: case 0x2032: case 0x2035: case 0xFF07:
        /* clang-format on */
        return true;
    default:
        return false;
    }
}

bool cp_is_joiner(int32_t cp)
{
    return cp == 0x00AD || cp == 0x200C || cp == 0x200D || cp == 0x2060;
}

bool cp_is_open_punct(int32_t cp)
{
    if (cp >= 0 && cp < 0x80) return cp == '(' || cp == '[' || cp == '{';
    utf8proc_category_t c = category(cp);
    return c == UTF8PROC_CATEGORY_PS || c == UTF8PROC_CATEGORY_PI;
}

bool cp_is_close_punct(int32_t cp)
{
    if (cp >= 0 && cp < 0x80) return cp == ')' || cp == ']' || cp == '}';
    utf8proc_category_t c = category(cp);
    return c == UTF8PROC_CATEGORY_PE || c == UTF8PROC_CATEGORY_PF;
}

bool cp_is_space(int32_t cp)
{
    /* Cc, and the Zs/Zl/Zp code points of Unicode 15 spelled out (this is
     * on hot paths: no table lookup). */
    if (cp <= 0x20) return cp >= 0;
    if (cp < 0x7F) return false;
    if (cp <= 0xA0) return true; /* DEL, C1 controls, NBSP */
    if (cp < 0x1680) return false;
    return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Hangul jamo: leading ones start compositions, vowels and trailing ones end them. */
static bool is_jamo(int32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) ||
           (cp >= 0xD7B0 && cp <= 0xD7FF);
}

static bool is_jamo_vt(int32_t cp)
{
    return (cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF);
}

bool cp_is_safe_cut(int32_t cp)
{
    if (cp < 0x300) return true;
    if (is_jamo_vt(cp)) return false;
    return !cp_is_nonstarter(cp) && !cp_is_mark(cp);
}

/*
 * A precomposed Latin or Cyrillic letter that NFKC leaves alone (é, ñ, й):
 * canonical decomposition, recomposed by NFC. Limited to these blocks,
 * where no singleton or compatibility part hides inside (a unit test
 * checks every code point against utf8proc).
 */
static bool recomposes(int32_t cp, const utf8proc_property_t *p)
{
    bool latin_cyrillic = (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x400 && cp <= 0x4FF) ||
                          (cp >= 0x1E00 && cp <= 0x1EFF);
    return latin_cyrillic && p->decomp_type == 0 && !p->comp_exclusion;
}

cp_info cp_classify(int32_t cp)
{
    cp_info c;
    if (cp >= 0 && cp < 0x80) {
        c.alnum = chars_ascii[cp] & CH_WORD;
        c.mark = c.nonstarter = false;
        c.safe_cut = c.simple = true;
        return c;
    }
    if (cp < 0 || cp > 0x10FFFF) cp = 0xFFFD;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    utf8proc_propval_t cat = p->category;
    c.alnum = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
              (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
    c.mark = cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
    c.nonstarter = p->combining_class != 0;
    c.safe_cut = !c.nonstarter && !c.mark && !is_jamo_vt(cp);
    /* Second elements of canonical compositions are all marks or jamo;
     * no decomposition and no case folding leave a starter unchanged. */
    c.simple = !c.nonstarter && !c.mark && !is_jamo(cp) && !p->ignorable &&
               p->casefold_seqindex == UINT16_MAX &&
               (p->decomp_seqindex == UINT16_MAX || recomposes(cp, p));
    return c;
}
