/*
 * quotes.c - quotations and their speakers (the public concord_quotes).
 *
 * One pass over the bytes finds quotation marks and pairs them, paragraph
 * by paragraph; the concord_text tokens and sentences of the same text then
 * give each quotation its words, whether it is partial, and its speaker,
 * from the words around it. Every step is linear in the text, and each
 * quotation looks at a bounded number of tokens (QUOTES_SCAN_TOKENS), so
 * the whole is O(len). The rules, with examples, are in docs/quotes.md.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/chars.h"
#include "text/quotes.h"
#include "text/text.h"
#include "text/utf8.h"
#include "util/buf.h"

enum { NONE = UINT32_MAX };

/* ------------------------------------------------------------------------ */
/* Word classes                                                             */
/* ------------------------------------------------------------------------ */

typedef struct word_entry {
    const char *word;
    unsigned classes;
} word_entry;

/* Sorted by strcmp (bsearch); generated from the lists in docs/quotes.md. */
static const word_entry WORDS[] = {
    {"a", QW_DET | QW_NONNAME},
    {"about", QW_NONNAME},
    {"according", QW_NONNAME | QW_VERB},
    {"acknowledged", QW_VERB},
    {"acknowledges", QW_VERB},
    {"add", QW_VERB},
    {"added", QW_VERB},
    {"adding", QW_VERB},
    {"additionally", QW_ADV},
    {"adds", QW_VERB},
    {"adm", QW_ROLE},
    {"administration", QW_ROLE},
    {"admits", QW_VERB},
    {"admitted", QW_VERB},
    {"adviser", QW_ROLE},
    {"advisor", QW_ROLE},
    {"after", QW_NONNAME},
    {"again", QW_ADV | QW_NONNAME},
    {"against", QW_NONNAME},
    {"ahead", QW_NONNAME},
    {"aide", QW_ROLE},
    {"all", QW_NONNAME},
    {"also", QW_ADV | QW_NONNAME},
    {"although", QW_NONNAME},
    {"ambassador", QW_ROLE},
    {"amid", QW_NONNAME},
    {"among", QW_NONNAME},
    {"an", QW_DET | QW_NONNAME},
    {"analyst", QW_ROLE},
    {"analysts", QW_ROLE},
    {"and", QW_NONNAME},
    {"announce", QW_VERB},
    {"announced", QW_VERB},
    {"announces", QW_VERB},
    {"announcing", QW_VERB},
    {"another", QW_NONNAME},
    {"answered", QW_VERB},
    {"are", QW_ADV | QW_BE},
    {"argue", QW_VERB},
    {"argued", QW_VERB},
    {"argues", QW_VERB},
    {"arguing", QW_VERB},
    {"as", QW_NONNAME},
    {"asked", QW_NONNAME | QW_VERB},
    {"asking", QW_VERB},
    {"assured", QW_VERB},
    {"assures", QW_VERB},
    {"at", QW_NONNAME},
    {"attorney", QW_ROLE},
    {"be", QW_ADV | QW_BE},
    {"because", QW_NONNAME},
    {"been", QW_ADV | QW_BE},
    {"before", QW_NONNAME},
    {"being", QW_ADV | QW_BE},
    {"between", QW_NONNAME},
    {"bluntly", QW_ADV},
    {"boasted", QW_VERB},
    {"both", QW_NONNAME},
    {"but", QW_NONNAME},
    {"by", QW_NONNAME},
    {"called", QW_VERB},
    {"calling", QW_VERB},
    {"can", QW_ADV},
    {"capt", QW_ROLE},
    {"captain", QW_ROLE},
    {"cautioned", QW_VERB},
    {"ceo", QW_ROLE},
    {"chair", QW_ROLE},
    {"chairman", QW_ROLE},
    {"chairwoman", QW_ROLE},
    {"chancellor", QW_ROLE},
    {"chief", QW_ROLE},
    {"claimed", QW_VERB},
    {"claiming", QW_VERB},
    {"col", QW_ROLE},
    {"colonel", QW_ROLE},
    {"commander", QW_ROLE},
    {"commented", QW_VERB},
    {"commissioner", QW_ROLE},
    {"complained", QW_VERB},
    {"complains", QW_VERB},
    {"conceded", QW_VERB},
    {"concedes", QW_VERB},
    {"concluded", QW_VERB},
    {"confirmed", QW_VERB},
    {"confirms", QW_VERB},
    {"continued", QW_VERB},
    {"continues", QW_VERB},
    {"could", QW_ADV},
    {"counsel", QW_ROLE},
    {"countered", QW_VERB},
    {"cried", QW_VERB},
    {"dame", QW_ROLE},
    {"declare", QW_VERB},
    {"declared", QW_VERB},
    {"declares", QW_VERB},
    {"declaring", QW_VERB},
    {"defence", QW_ROLE},
    {"defense", QW_ROLE},
    {"department", QW_ROLE},
    {"deputy", QW_ROLE},
    {"described", QW_VERB},
    {"describes", QW_VERB},
    {"describing", QW_VERB},
    {"despite", QW_NONNAME},
    {"did", QW_ADV},
    {"diplomat", QW_ROLE},
    {"diplomats", QW_ROLE},
    {"director", QW_ROLE},
    {"disclosed", QW_VERB},
    {"do", QW_ADV},
    {"does", QW_ADV},
    {"dr", QW_ROLE},
    {"during", QW_NONNAME},
    {"each", QW_NONNAME},
    {"earlier", QW_ADV | QW_NONNAME},
    {"economist", QW_ROLE},
    {"emphasise", QW_VERB},
    {"emphasised", QW_VERB},
    {"emphasises", QW_VERB},
    {"emphasising", QW_VERB},
    {"emphasize", QW_VERB},
    {"emphasized", QW_VERB},
    {"emphasizes", QW_VERB},
    {"emphasizing", QW_VERB},
    {"envoy", QW_ROLE},
    {"even", QW_ADV | QW_NONNAME},
    {"every", QW_NONNAME},
    {"executive", QW_ROLE},
    {"expert", QW_ROLE},
    {"experts", QW_ROLE},
    {"explain", QW_VERB},
    {"explained", QW_VERB},
    {"explaining", QW_VERB},
    {"explains", QW_VERB},
    {"father", QW_ROLE},
    {"finance", QW_ROLE},
    {"flatly", QW_ADV},
    {"following", QW_NONNAME},
    {"for", QW_NONNAME},
    {"foreign", QW_ROLE},
    {"former", QW_ROLE},
    {"founder", QW_ROLE},
    {"from", QW_NONNAME},
    {"further", QW_ADV},
    {"gen", QW_ROLE},
    {"general", QW_ROLE},
    {"gov", QW_ROLE},
    {"government", QW_ROLE},
    {"governor", QW_ROLE},
    {"had", QW_ADV},
    {"has", QW_ADV},
    {"have", QW_ADV},
    {"having", QW_ADV},
    {"he", QW_NONNAME | QW_PRONOUN},
    {"head", QW_ROLE},
    {"her", QW_NONNAME},
    {"here", QW_NONNAME},
    {"his", QW_NONNAME},
    {"how", QW_NONNAME},
    {"however", QW_ADV | QW_NONNAME},
    {"i", QW_NONNAME},
    {"if", QW_NONNAME},
    {"in", QW_NONNAME},
    {"insist", QW_VERB},
    {"insisted", QW_VERB},
    {"insisting", QW_VERB},
    {"insists", QW_VERB},
    {"instead", QW_NONNAME},
    {"interior", QW_ROLE},
    {"into", QW_NONNAME},
    {"is", QW_ADV | QW_BE},
    {"it", QW_NONNAME},
    {"its", QW_NONNAME},
    {"joked", QW_VERB},
    {"judge", QW_ROLE},
    {"just", QW_ADV | QW_NONNAME},
    {"justice", QW_ROLE},
    {"king", QW_ROLE},
    {"lady", QW_ROLE},
    {"lamented", QW_VERB},
    {"last", QW_NONNAME},
    {"later", QW_ADV | QW_NONNAME},
    {"lawmaker", QW_ROLE},
    {"lawyer", QW_ROLE},
    {"leader", QW_ROLE},
    {"legislator", QW_ROLE},
    {"like", QW_NONNAME},
    {"lord", QW_ROLE},
    {"lt", QW_ROLE},
    {"maintained", QW_VERB},
    {"maj", QW_ROLE},
    {"manager", QW_ROLE},
    {"many", QW_NONNAME},
    {"may", QW_ADV},
    {"mayor", QW_ROLE},
    {"meanwhile", QW_NONNAME},
    {"might", QW_ADV},
    {"military", QW_ROLE},
    {"minister", QW_ROLE},
    {"ministers", QW_ROLE},
    {"ministry", QW_ROLE},
    {"miss", QW_ROLE},
    {"most", QW_NONNAME},
    {"mr", QW_ROLE},
    {"mrs", QW_ROLE},
    {"ms", QW_ROLE},
    {"mused", QW_VERB},
    {"must", QW_ADV},
    {"my", QW_NONNAME},
    {"negotiator", QW_ROLE},
    {"never", QW_ADV},
    {"no", QW_NONNAME},
    {"nor", QW_NONNAME},
    {"not", QW_ADV | QW_NONNAME},
    {"noted", QW_VERB},
    {"noting", QW_VERB},
    {"now", QW_NONNAME},
    {"observed", QW_VERB},
    {"of", QW_NONNAME},
    {"office", QW_ROLE},
    {"officer", QW_ROLE},
    {"official", QW_ROLE},
    {"officials", QW_ROLE},
    {"often", QW_ADV},
    {"on", QW_NONNAME},
    {"once", QW_ADV | QW_NONNAME},
    {"one", QW_NONNAME},
    {"only", QW_ADV | QW_NONNAME},
    {"or", QW_NONNAME},
    {"our", QW_NONNAME},
    {"over", QW_NONNAME},
    {"per", QW_NONNAME},
    {"permanent", QW_ROLE},
    {"pledged", QW_VERB},
    {"pope", QW_ROLE},
    {"predicted", QW_VERB},
    {"premier", QW_ROLE},
    {"president", QW_ROLE},
    {"press", QW_ROLE},
    {"previously", QW_ADV},
    {"prime", QW_ROLE},
    {"prince", QW_ROLE},
    {"princess", QW_ROLE},
    {"prof", QW_ROLE},
    {"professor", QW_ROLE},
    {"promised", QW_VERB},
    {"prosecutor", QW_ROLE},
    {"queen", QW_ROLE},
    {"quipped", QW_VERB},
    {"recalled", QW_VERB},
    {"recalls", QW_VERB},
    {"recently", QW_ADV},
    {"reiterated", QW_VERB},
    {"reiterates", QW_VERB},
    {"remarked", QW_VERB},
    {"rep", QW_ROLE},
    {"repeated", QW_VERB},
    {"repeatedly", QW_ADV},
    {"replied", QW_VERB},
    {"reported", QW_VERB},
    {"reportedly", QW_ADV},
    {"representative", QW_ROLE},
    {"researcher", QW_ROLE},
    {"responded", QW_VERB},
    {"responds", QW_VERB},
    {"retorted", QW_VERB},
    {"rev", QW_ROLE},
    {"revealed", QW_VERB},
    {"said", QW_VERB},
    {"say", QW_VERB},
    {"saying", QW_VERB},
    {"says", QW_VERB},
    {"scientist", QW_ROLE},
    {"secretary", QW_ROLE},
    {"sen", QW_ROLE},
    {"senator", QW_ROLE},
    {"senior", QW_ROLE},
    {"separately", QW_ADV | QW_NONNAME},
    {"sergeant", QW_ROLE},
    {"sgt", QW_ROLE},
    {"she", QW_NONNAME | QW_PRONOUN},
    {"should", QW_ADV},
    {"shouted", QW_VERB},
    {"simply", QW_ADV},
    {"since", QW_NONNAME},
    {"sir", QW_ROLE},
    {"sister", QW_ROLE},
    {"so", QW_NONNAME},
    {"some", QW_NONNAME},
    {"source", QW_ROLE},
    {"sources", QW_ROLE},
    {"speaker", QW_ROLE},
    {"speaking", QW_NONNAME},
    {"spokesman", QW_ROLE},
    {"spokesmen", QW_ROLE},
    {"spokespeople", QW_ROLE},
    {"spokesperson", QW_ROLE},
    {"spokeswoman", QW_ROLE},
    {"spokeswomen", QW_ROLE},
    {"state", QW_ROLE},
    {"stated", QW_VERB},
    {"still", QW_ADV | QW_NONNAME},
    {"stressed", QW_VERB},
    {"stresses", QW_VERB},
    {"stressing", QW_VERB},
    {"subsequently", QW_ADV},
    {"such", QW_NONNAME},
    {"suggested", QW_VERB},
    {"tell", QW_VERB},
    {"telling", QW_VERB},
    {"tells", QW_VERB},
    {"testified", QW_VERB},
    {"that", QW_NONNAME},
    {"the", QW_DET | QW_NONNAME},
    {"their", QW_NONNAME},
    {"then", QW_ADV | QW_NONNAME},
    {"there", QW_NONNAME},
    {"these", QW_NONNAME},
    {"they", QW_NONNAME | QW_PRONOUN},
    {"this", QW_NONNAME},
    {"those", QW_NONNAME},
    {"though", QW_NONNAME},
    {"three", QW_NONNAME},
    {"through", QW_NONNAME},
    {"thus", QW_NONNAME},
    {"to", QW_NONNAME},
    {"today", QW_NONNAME},
    {"told", QW_VERB},
    {"top", QW_ROLE},
    {"tweeted", QW_VERB},
    {"two", QW_NONNAME},
    {"under", QW_NONNAME},
    {"unlike", QW_NONNAME},
    {"upon", QW_NONNAME},
    {"urge", QW_VERB},
    {"urged", QW_VERB},
    {"urges", QW_VERB},
    {"urging", QW_VERB},
    {"via", QW_NONNAME},
    {"vice", QW_ROLE},
    {"vowed", QW_VERB},
    {"warn", QW_VERB},
    {"warned", QW_VERB},
    {"warning", QW_VERB},
    {"warns", QW_VERB},
    {"was", QW_ADV | QW_BE},
    {"we", QW_NONNAME},
    {"were", QW_ADV | QW_BE},
    {"what", QW_NONNAME},
    {"when", QW_NONNAME},
    {"where", QW_NONNAME},
    {"whether", QW_NONNAME},
    {"while", QW_NONNAME},
    {"whip", QW_ROLE},
    {"who", QW_NONNAME},
    {"why", QW_NONNAME},
    {"will", QW_ADV},
    {"with", QW_NONNAME},
    {"without", QW_NONNAME},
    {"would", QW_ADV},
    {"write", QW_VERB},
    {"writes", QW_VERB},
    {"writing", QW_VERB},
    {"wrote", QW_VERB},
    {"yesterday", QW_NONNAME},
    {"yet", QW_NONNAME},
    {"you", QW_NONNAME},
    {"your", QW_NONNAME},
};

static int word_cmp(const void *key, const void *elem)
{
    const word_entry *k = key, *e = elem;
    return strcmp(k->word, e->word);
}

unsigned quotes_word_class(const char *norm, size_t len)
{
    char w[24];
    if (len == 0 || len >= sizeof w) return 0;
    memcpy(w, norm, len);
    w[len] = '\0';
    word_entry key = {w, 0};
    const word_entry *e = bsearch(&key, WORDS, sizeof WORDS / sizeof *WORDS, sizeof *WORDS, word_cmp);
    return e ? e->classes : 0;
}

/* ------------------------------------------------------------------------ */
/* The handle                                                               */
/* ------------------------------------------------------------------------ */

typedef struct qitem {
    concord_quote q;     /* what the caller sees (must stay the first member) */
    size_t open;         /* byte offset of the opening mark */
    size_t close_end;    /* byte just after the closing mark (q.end if none) */
    size_t raw_end;      /* end of the content before trimming */
    uint32_t first_tok;  /* first token inside q.start..q.end */
    uint32_t ntok;       /* tokens inside */
    uint32_t s_open;     /* sentence of the opening mark */
    uint32_t s_close;    /* sentence of the closing mark (or of the end) */
    uint8_t continued;   /* went on over a paragraph break (newspaper style) */
} qitem;

typedef struct sent_speaker {
    size_t start, end; /* the last named speaker of a quote in this sentence */
    int has;
} sent_speaker;

struct concord_quotes {
    concord_text *text;
    qitem *items;
    size_t n, cap;
    uint32_t *tok_quote; /* per token: index of the quote holding it, or NONE */
    size_t tok_cap;
    sent_speaker *sents;
    size_t sent_cap;
};

concord_status concord_quotes_create(concord_quotes **out)
{
    if (!out) return CONCORD_ERR_INVALID;
    *out = NULL;
    concord_quotes *q = calloc(1, sizeof *q);
    if (!q) return CONCORD_ERR_NOMEM;
    concord_status st = concord_text_create(&q->text);
    if (st) {
        free(q);
        return st;
    }
    *out = q;
    return CONCORD_OK;
}

void concord_quotes_free(concord_quotes *quotes)
{
    if (!quotes) return;
    concord_text_free(quotes->text);
    free(quotes->items);
    free(quotes->tok_quote);
    free(quotes->sents);
    free(quotes);
}

size_t concord_quotes_count(const concord_quotes *quotes) { return quotes ? quotes->n : 0; }

const concord_quote *concord_quotes_get(const concord_quotes *quotes, size_t i)
{
    return quotes && i < quotes->n ? &quotes->items[i].q : NULL;
}

/* ------------------------------------------------------------------------ */
/* Marks and paragraphs                                                     */
/* ------------------------------------------------------------------------ */

enum { M_NONE = 0, M_DOUBLE, M_SINGLE };
enum { R_EITHER = 0, R_OPEN, R_CLOSE };

typedef struct mark {
    uint8_t kind, role, len;
    uint8_t low; /* „ : closed by “ as well as ” */
    uint8_t cjk; /* 「 」: never reinterpreted by context */
} mark;

/* The quotation mark starting at s[i], if any. */
static mark mark_at(const unsigned char *s, size_t i, size_t len)
{
    mark m = {0, 0, 0, 0, 0};
    unsigned char c = s[i];
    if (c == '"') return (mark){M_DOUBLE, R_EITHER, 1, 0, 0};
    if (c == '\'') return (mark){M_SINGLE, R_EITHER, 1, 0, 0};
    if (c == 0xC2 && i + 1 < len) {
        if (s[i + 1] == 0xAB) return (mark){M_DOUBLE, R_OPEN, 2, 0, 0};  /* « */
        if (s[i + 1] == 0xBB) return (mark){M_DOUBLE, R_CLOSE, 2, 0, 0}; /* » */
        return m;
    }
    if (i + 2 >= len) return m;
    if (c == 0xE2 && s[i + 1] == 0x80) {
        switch (s[i + 2]) {
        case 0x98: return (mark){M_SINGLE, R_EITHER, 3, 0, 0}; /* ‘ (also misused as apostrophe) */
        case 0x99: return (mark){M_SINGLE, R_EITHER, 3, 0, 0}; /* ’ (usually an apostrophe) */
        case 0x9A: return (mark){M_SINGLE, R_OPEN, 3, 0, 0};   /* ‚ */
        case 0x9B: return (mark){M_SINGLE, R_OPEN, 3, 0, 0};   /* ‛ */
        case 0x9C: return (mark){M_DOUBLE, R_OPEN, 3, 0, 0};   /* “ */
        case 0x9D: return (mark){M_DOUBLE, R_CLOSE, 3, 0, 0};  /* ” */
        case 0x9E: return (mark){M_DOUBLE, R_OPEN, 3, 1, 0};   /* „ */
        case 0x9F: return (mark){M_DOUBLE, R_OPEN, 3, 0, 0};   /* ‟ */
        case 0xB9: return (mark){M_SINGLE, R_OPEN, 3, 0, 0};   /* ‹ */
        case 0xBA: return (mark){M_SINGLE, R_CLOSE, 3, 0, 0};  /* › */
        default: return m;
        }
    }
    if (c == 0xE3 && s[i + 1] == 0x80) {
        switch (s[i + 2]) {
        case 0x8C: return (mark){M_DOUBLE, R_OPEN, 3, 0, 1};  /* 「 */
        case 0x8D: return (mark){M_DOUBLE, R_CLOSE, 3, 0, 1}; /* 」 */
        case 0x9D: return (mark){M_DOUBLE, R_OPEN, 3, 0, 0};  /* 〝 */
        case 0x9E: return (mark){M_DOUBLE, R_CLOSE, 3, 0, 0}; /* 〞 */
        case 0x9F: return (mark){M_DOUBLE, R_CLOSE, 3, 0, 0}; /* 〟 */
        default: return m;
        }
    }
    if (c == 0xEF && s[i + 1] == 0xBC && s[i + 2] == 0x82) return (mark){M_DOUBLE, R_EITHER, 3, 0, 0};
    return m;
}

/* Bytes that may start a mark or a line break: the scan skips the rest. */
static int interesting(unsigned char c)
{
    return c == '"' || c == '\'' || c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2 || c == 0xE3 ||
           c == 0xEF;
}

/* Length of the line break at s[i] (\n, \r\n, \r, U+0085, U+2028, U+2029),
   else 0; *para is set for U+2029 (always a paragraph break). */
static size_t linebreak_len(const unsigned char *s, size_t i, size_t len, int *para)
{
    *para = 0;
    if (s[i] == '\n') return 1;
    if (s[i] == '\r') return i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
    if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0x85) return 2;
    if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
        *para = s[i + 2] == 0xA9;
        return 3;
    }
    return 0;
}

/*
 * Paragraphs: a blank line, a line that starts indented (Reuters style) or
 * U+2029 ends one. A text with neither blank nor indented lines whose lines
 * are long (one paragraph a line, as seeds/002 and 003) has a paragraph per
 * line; one with short lines only is hard-wrapped and is one paragraph.
 */
static int detect_line_mode(const unsigned char *s, size_t len)
{
    size_t line_start = 0, longest = 0, breaks = 0;
    for (size_t i = 0; i < len; i++) {
        int para;
        size_t bl = linebreak_len(s, i, len, &para);
        if (!bl) continue;
        if (para) return 0;
        breaks++;
        if (i - line_start > longest) longest = i - line_start;
        size_t j = i + bl;
        if (j < len && (s[j] == ' ' || s[j] == '\t')) return 0; /* indented */
        for (size_t k = j; k < len; k++) {
            int p2;
            if (s[k] == ' ' || s[k] == '\t') continue;
            if (linebreak_len(s, k, len, &p2)) return 0; /* blank line */
            break;
        }
        i = j - 1;
        line_start = j;
    }
    if (len - line_start > longest) longest = len - line_start;
    return breaks > 0 && longest > 100;
}

/* Whether the line break s[i..i+bl) ends a paragraph; *next is where the
   next paragraph's text starts (after blank lines and indentation). */
static int paragraph_break(const unsigned char *s, size_t i, size_t bl, int bl_para, size_t len,
                           int line_mode, size_t *next)
{
    size_t j = i + bl, k = j;
    int blank = 0;
    while (k < len) {
        int p2;
        size_t b;
        if (s[k] == ' ' || s[k] == '\t') k++;
        else if ((b = linebreak_len(s, k, len, &p2))) {
            blank = 1;
            k += b;
        } else break;
    }
    *next = k;
    return bl_para || blank || line_mode || (j < len && (s[j] == ' ' || s[j] == '\t'));
}

enum { CL_SPACE = 0, CL_ALNUM, CL_PUNCT };

static int cp_class(int32_t cp)
{
    if (cp < 0x80) {
        uint8_t f = chars_ascii[cp];
        return (f & CH_SPACE) ? CL_SPACE : (f & CH_WORD) ? CL_ALNUM : CL_PUNCT;
    }
    if (cp_is_space(cp)) return CL_SPACE;
    if (cp_is_alnum(cp) || cp_is_mark(cp)) return CL_ALNUM;
    return CL_PUNCT;
}

static int class_before(const unsigned char *s, size_t i)
{
    if (i == 0) return CL_SPACE;
    int32_t cp;
    utf8_prev(s, 0, i, &cp);
    return cp_class(cp);
}

static int class_after(const unsigned char *s, size_t i, size_t len)
{
    if (i >= len) return CL_SPACE;
    int32_t cp;
    utf8_decode_repair(s + i, len - i, &cp);
    return cp_class(cp);
}

/* An apostrophe that starts a word rather than a quotation: '90s, 'tis,
   'em, rock 'n' roll. */
static int leading_apostrophe(const unsigned char *s, size_t i, size_t len)
{
    static const char *const words[] = {"tis", "twas", "em", "n", "cause", "til", "bout", "cos", "s"};
    if (i < len && s[i] >= '0' && s[i] <= '9') return 1;
    size_t n = 0;
    while (i + n < len && n < 6 && (chars_ascii[s[i + n]] & CH_ALPHA)) n++;
    if (n == 0 || n >= 6 || (i + n < len && s[i + n] >= 0x80)) return 0;
    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        if (strlen(words[w]) != n) continue;
        size_t k = 0;
        while (k < n && chars_lower(s[i + k]) == (unsigned char)words[w][k]) k++;
        if (k == n) return 1;
    }
    return 0;
}

static int is_trim_space(const unsigned char *s, size_t i, size_t len, size_t *n)
{
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') return (int)(*n = 1);
    if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0xA0) return (int)(*n = 2); /* NBSP */
    if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0xAF) return (int)(*n = 3);
    return 0;
}

/* Append a quotation with content s[start..end) (trimmed here). */
static concord_status push_quote(concord_quotes *qs, const unsigned char *s, size_t len, size_t open,
                                 size_t start, size_t end, size_t close_end, uint32_t flags,
                                 int continued)
{
    size_t n;
    size_t raw_end = end;
    while (start < end && is_trim_space(s, start, len, &n)) start += n;
    for (;;) {
        while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\n' ||
                               s[end - 1] == '\r'))
            end--;
        if (end > start + 1 && s[end - 2] == 0xC2 && s[end - 1] == 0xA0) {
            end -= 2;
            continue;
        }
        if (end > start && (s[end - 1] == ',' || s[end - 1] == ';')) {
            end--;
            continue;
        }
        break;
    }
    if (end <= start) return CONCORD_OK;
    qitem it = {.q = {start, end, 0, 0, flags},
                .open = open,
                .close_end = close_end,
                .raw_end = raw_end,
                .continued = (uint8_t)continued};
    assert(qs->n == 0 || qs->items[qs->n - 1].q.end <= start);
    return VEC_PUSH(qs->items, qs->n, qs->cap, it);
}

/*
 * Pair the marks. Double marks: an opening-type mark (“ „ « ...) opens
 * unless it sits where only a closer can (after a word, before a space);
 * a closing-type mark closes, or opens where only an opener can (Swedish
 * ”...”, Danish »...«); a straight " opens when left-flanking and closes
 * otherwise. An opener while a quotation is open closes it when in
 * closing position (or „...“), else the open one is unbalanced and a new
 * one starts. Single marks count only outside double quotations and only
 * when strictly flanking (so don't, Russia’s, students’ are no marks);
 * an unclosed single quotation is dropped, not reported.
 */
static concord_status scan_marks(concord_quotes *qs, const unsigned char *s, size_t len)
{
    int line_mode = detect_line_mode(s, len);
    int dopen = 0, dcont = 0, sopen = 0;
    uint8_t dlow = 0, dcjk = 0;
    size_t dopen_at = 0, sopen_at = 0, sstart = 0, dstart = 0;
    concord_status st = CONCORD_OK;
    size_t i = 0;
    while (i < len && !st) {
        unsigned char c = s[i];
        if (!interesting(c)) {
            i++;
            continue;
        }
        int bl_para;
        size_t bl = linebreak_len(s, i, len, &bl_para);
        if (bl) {
            size_t next;
            if (!paragraph_break(s, i, bl, bl_para, len, line_mode, &next)) {
                i += bl;
                continue;
            }
            sopen = 0;
            if (dopen) {
                mark m = next < len ? mark_at(s, next, len) : (mark){0, 0, 0, 0, 0};
                if (m.kind == M_DOUBLE && m.role != R_CLOSE && !m.cjk) {
                    dcont = 1; /* the quotation goes on in the next paragraph */
                    i = next + m.len;
                    continue;
                }
                st = push_quote(qs, s, len, dopen_at, dstart, i, i, CONCORD_QUOTE_UNBALANCED, dcont);
                dopen = 0;
            }
            i = next;
            continue;
        }
        mark m = mark_at(s, i, len);
        if (m.kind == M_NONE) {
            i++;
            continue;
        }
        int prev = class_before(s, i), next = class_after(s, i + m.len, len);
        int lf = next != CL_SPACE && (next == CL_ALNUM || prev != CL_ALNUM);
        int rf = prev != CL_SPACE && (prev == CL_ALNUM || next != CL_ALNUM);
        if (m.kind == M_DOUBLE) {
            if (m.cjk) {
                if (!dopen && m.role == R_OPEN) {
                    dopen = 1, dcont = 0, dlow = 0, dcjk = 1, dopen_at = i, dstart = i + m.len;
                    sopen = 0;
                } else if (dopen && dcjk && m.role == R_CLOSE) {
                    st = push_quote(qs, s, len, dopen_at, dstart, i, i + m.len, 0, dcont);
                    dopen = 0;
                }
            } else if (!dopen) {
                int opens = m.role == R_OPEN ? !(rf && !lf) : m.role == R_CLOSE ? (lf && !rf) : lf;
                if (opens) {
                    dopen = 1, dcont = 0, dlow = m.low, dcjk = 0, dopen_at = i, dstart = i + m.len;
                    sopen = 0; /* a single quotation never contains a double one */
                }
            } else if (!dcjk) {
                int closes = m.role != R_OPEN || (rf && !lf) || (dlow && !m.low);
                if (closes) {
                    st = push_quote(qs, s, len, dopen_at, dstart, i, i + m.len, 0, dcont);
                    dopen = 0;
                } else {
                    st = push_quote(qs, s, len, dopen_at, dstart, i, i, CONCORD_QUOTE_UNBALANCED, dcont);
                    dcont = 0, dlow = m.low, dopen_at = i, dstart = i + m.len;
                }
            }
        } else if (!dopen) {
            if (!sopen) {
                int opens = m.role == R_OPEN ||
                            (m.role == R_EITHER && lf && !rf && !leading_apostrophe(s, i + m.len, len));
                if (opens) sopen = 1, sopen_at = i, sstart = i + m.len;
            } else if (m.role != R_OPEN && rf && !lf) {
                st = push_quote(qs, s, len, sopen_at, sstart, i, i + m.len, 0, 0);
                sopen = 0;
            }
        }
        i += m.len;
    }
    if (!st && dopen) st = push_quote(qs, s, len, dopen_at, dstart, len, len, CONCORD_QUOTE_UNBALANCED, dcont);
    return st;
}

/* ------------------------------------------------------------------------ */
/* Speakers                                                                 */
/* ------------------------------------------------------------------------ */

typedef struct ctx {
    concord_quotes *qs;
    const unsigned char *s;
    size_t len;
    const concord_token *tk;
    size_t nt;
    const uint32_t *tq;
    size_t ns;
    size_t last_start, last_end; /* the most recent named speaker */
    int has_last;
} ctx;

enum { SPK_NONE = 0, SPK_NAME, SPK_PRONOUN };

typedef struct spk {
    int kind;
    size_t start, end; /* bytes of the name (SPK_NAME) */
} spk;

static unsigned wclass(const ctx *c, size_t t)
{
    return quotes_word_class(c->tk[t].norm, c->tk[t].norm_len);
}

static int norm_is(const ctx *c, size_t t, const char *w)
{
    size_t n = strlen(w);
    return c->tk[t].norm_len == n && !memcmp(c->tk[t].norm, w, n);
}

static int outside(const ctx *c, size_t t) { return c->tq[t] == NONE; }

/* A token that may be part of a name phrase: capitalised or a role word,
   not a number, not a pronoun, outside quotations. */
static int name_tok(const ctx *c, size_t t)
{
    if (!outside(c, t) || (c->tk[t].flags & CONCORD_TOKEN_NUMBER)) return 0;
    unsigned w = wclass(c, t);
    if (w & QW_PRONOUN) return 0;
    return (c->tk[t].flags & CONCORD_TOKEN_UPPER) || (w & QW_ROLE);
}

static int is_of(const ctx *c, size_t t) { return norm_is(c, t, "of"); }

/* Tokens p and p+1 are in one name: only spaces, a hyphen, or the period
   of a short abbreviation ("J.", "Mr.", "U.S.") between them. */
static int gap_ok(const ctx *c, size_t p, size_t k)
{
    size_t a = c->tk[p].end, b = c->tk[k].start;
    if (b < a || b - a > 4) return 0;
    for (size_t i = a; i < b; i++) {
        unsigned char x = c->s[i];
        if (x == ' ' || x == '\t' || x == '\n' || x == '\r' || x == '-') continue;
        if (x == '.' && c->tk[p].end - c->tk[p].start <= 4) continue;
        if (x == 0xC2 && i + 1 < b && c->s[i + 1] == 0xA0) {
            i++;
            continue;
        }
        return 0;
    }
    return 1;
}

static int gap_has_comma(const ctx *c, size_t p, size_t k)
{
    size_t a = c->tk[p].end, b = c->tk[k].start;
    for (size_t i = a; i < b && i < a + 8; i++)
        if (c->s[i] == ',') return 1;
    return 0;
}

static int is_verb(const ctx *c, size_t t)
{
    return outside(c, t) && (wclass(c, t) & QW_VERB) && !norm_is(c, t, "according");
}

static int is_according(const ctx *c, size_t t, size_t hi)
{
    return t + 1 < hi && outside(c, t) && outside(c, t + 1) && norm_is(c, t, "according") &&
           norm_is(c, t + 1, "to");
}

static int is_pronoun(const ctx *c, size_t t) { return outside(c, t) && (wclass(c, t) & QW_PRONOUN); }

/* Adverbs and auxiliaries between a subject and its verb: also, has,
   would, reportedly ... *passive is set by a form of "be". */
static int is_adv(const ctx *c, size_t t, int *passive)
{
    if (!outside(c, t) || (c->tk[t].flags & CONCORD_TOKEN_UPPER)) return 0;
    unsigned w = wclass(c, t);
    if (w & QW_BE) *passive = 1;
    if (w & QW_ADV) return 1;
    size_t n = c->tk[t].norm_len;
    return n >= 4 && c->tk[t].norm[n - 2] == 'l' && c->tk[t].norm[n - 1] == 'y';
}

/*
 * The name phrase ending at token j (not before lo): capitalised tokens and
 * role words, "of" between two of them; leading function words dropped
 * ("But Putin" -> "Putin"). Returns 1 and *first when not empty.
 */
static int run_back(const ctx *c, size_t j, size_t lo, size_t *first)
{
    if (!name_tok(c, j)) return 0;
    size_t k = j, n = 1;
    while (k > lo && n < QUOTES_RUN_MAX) {
        size_t p = k - 1;
        if (name_tok(c, p) && gap_ok(c, p, k)) {
            k = p, n++;
            continue;
        }
        if (is_of(c, p) && outside(c, p) && p > lo && name_tok(c, p - 1) && gap_ok(c, p, k) &&
            gap_ok(c, p - 1, p)) {
            k = p - 1, n += 2;
            continue;
        }
        break;
    }
    while (k <= j && ((wclass(c, k) & QW_NONNAME) || is_of(c, k))) k++;
    if (k > j) return 0;
    *first = k;
    return 1;
}

/* The name phrase starting at token i (before hi), after one optional
   determiner. Returns 1 and [*first, *last] when not empty. */
static int run_fwd(const ctx *c, size_t i, size_t hi, size_t *first, size_t *last)
{
    if (i < hi && outside(c, i) && (wclass(c, i) & QW_DET) && i + 1 < hi && gap_ok(c, i, i + 1)) i++;
    if (i >= hi || !name_tok(c, i)) return 0;
    size_t k = i, n = 1;
    while (k + 1 < hi && n < QUOTES_RUN_MAX) {
        size_t x = k + 1;
        if (name_tok(c, x) && gap_ok(c, k, x)) {
            k = x, n++;
            continue;
        }
        if (is_of(c, x) && outside(c, x) && x + 1 < hi && name_tok(c, x + 1) && gap_ok(c, k, x) &&
            gap_ok(c, x, x + 1)) {
            k = x + 1, n += 2;
            continue;
        }
        break;
    }
    while (i <= k && ((wclass(c, i) & QW_NONNAME) || is_of(c, i))) i++;
    if (i > k) return 0;
    *first = i, *last = k;
    return 1;
}

/*
 * The speaker's name within the phrase [first, last]: what follows the last
 * title or role word ("Kremlin spokesman Dmitry Peskov" -> "Dmitry
 * Peskov"), or the whole phrase when it ends with one ("NATO official").
 * It must hold a capitalised word that is not a role word.
 */
static int name_of(const ctx *c, size_t first, size_t last, spk *out)
{
    size_t r = SIZE_MAX;
    for (size_t t = first; t <= last; t++)
        if (wclass(c, t) & QW_ROLE) r = t;
    size_t a = first;
    if (r != SIZE_MAX && r < last) a = r + 1;
    while (a <= last && is_of(c, a)) a++;
    int named = 0;
    for (size_t t = a; t <= last; t++)
        if ((c->tk[t].flags & CONCORD_TOKEN_UPPER) && !(wclass(c, t) & QW_ROLE)) named = 1;
    if (!named) return 0;
    out->kind = SPK_NAME;
    out->start = c->tk[a].start;
    out->end = c->tk[last].end;
    /* the final period of a dotted acronym belongs to it: "U.S." */
    const concord_token *z = &c->tk[last];
    if (z->end < c->len && c->s[z->end] == '.' && z->end - z->start <= 2 && z->start > 0 &&
        c->s[z->start - 1] == '.')
        out->end++;
    return 1;
}

/* The speaker in the words right after a closing mark (tokens t0..hi). */
static int scan_fwd(const ctx *c, size_t t0, size_t hi, spk *out)
{
    size_t f, l, m;
    int passive = 0;
    if (t0 >= hi || !outside(c, t0)) return 0;
    if (is_verb(c, t0)) { /* "...," said Kremlin spokesman Dmitry Peskov */
        if (t0 + 1 < hi && is_pronoun(c, t0 + 1)) return out->kind = SPK_PRONOUN;
        return run_fwd(c, t0 + 1, hi, &f, &l) && name_of(c, f, l, out);
    }
    if (is_according(c, t0, hi)) return run_fwd(c, t0 + 2, hi, &f, &l) && name_of(c, f, l, out);
    if (is_pronoun(c, t0)) { /* "...," he said */
        for (m = t0 + 1; m < hi && m < t0 + 4 && is_adv(c, m, &passive);) m++;
        return m < hi && is_verb(c, m) && !passive ? (out->kind = SPK_PRONOUN) : 0;
    }
    if (!run_fwd(c, t0, hi, &f, &l)) return 0;
    for (m = l + 1; m < hi && m < l + 4 && is_adv(c, m, &passive);) m++;
    if (m < hi && is_verb(c, m) && !passive) return name_of(c, f, l, out); /* "...," Putin said */
    if (l + 1 < hi && gap_has_comma(c, l, l + 1)) /* "...," X, deputy ambassador, told */
        for (m = l + 1; m < hi && m <= l + QUOTES_APPOSITIVE && outside(c, m); m++)
            if (is_verb(c, m)) return name_of(c, f, l, out);
    return 0;
}

/*
 * The speaker in the words before an opening mark: tokens [lo, hi) of its
 * sentence, nearest first, jumping over other quotations. The subject of
 * the nearest speech verb ("X said:", "X told reporters", "X, ..., said"),
 * "according to X", or a pronoun (when no named subject comes before it in
 * the sentence: "Lavrov said he told ..." gives Lavrov). When a speech
 * verb was seen but had no subject ("..., saying:"), and subject_ok, the
 * name phrase opening the sentence; subject_ok 2 also takes a name phrase
 * that is all there is before a ':' ("Putin: ..."), 0 neither.
 */
static int scan_back(const ctx *c, size_t lo, size_t hi, int subject_ok, spk *out)
{
    int pronoun = 0, verbs = 0;
    size_t steps = 0, f, l;
    for (size_t k = hi; k > lo && steps < QUOTES_SCAN_TOKENS; steps++) {
        size_t t = k - 1;
        if (!outside(c, t)) {
            k = c->qs->items[c->tq[t]].first_tok;
            continue;
        }
        k = t;
        if (is_according(c, t, hi)) {
            verbs++;
            if (!pronoun && run_fwd(c, t + 2, hi, &f, &l) && name_of(c, f, l, out)) return 1;
            continue;
        }
        if (!is_verb(c, t)) continue;
        int passive = 0;
        size_t m = t, skipped = 0;
        while (m > lo && skipped < 3 && is_adv(c, m - 1, &passive)) m--, skipped++;
        if (passive) continue; /* "Moscow is urged to ...": no speaker */
        verbs++;
        if (m == lo) continue;
        m--; /* the subject's last token */
        if (!outside(c, m)) continue;
        if (is_pronoun(c, m)) {
            pronoun = 1;
            continue;
        }
        if (gap_has_comma(c, m, m + 1)) { /* X, deputy ambassador to the UN, said */
            for (size_t a = m; a > lo && a + QUOTES_APPOSITIVE > m;) {
                a--;
                if (!outside(c, a)) break;
                if (gap_has_comma(c, a, a + 1)) {
                    if (run_back(c, a, lo, &f) && name_of(c, f, a, out)) return 1;
                    break;
                }
            }
        }
        if (run_back(c, m, lo, &f) && name_of(c, f, m, out)) return 1;
    }
    if (pronoun) return out->kind = SPK_PRONOUN;
    if ((verbs && subject_ok) || subject_ok == 2) {
        if (lo < hi && run_fwd(c, lo, hi, &f, &l) && (verbs || l + 1 == hi) && name_of(c, f, l, out))
            return 1;
    }
    return 0;
}

static const concord_sentence *sent(const ctx *c, size_t i) { return concord_text_sentence(c->qs->text, i); }
static size_t sent_end_tok(const ctx *c, size_t i)
{
    const concord_sentence *se = sent(c, i);
    return se->first_token + se->token_count;
}

/* The last non-space byte before the opening mark is ':' (or ','). */
static int intro_before(const ctx *c, const qitem *it, size_t bound, char want)
{
    size_t i = it->open;
    while (i > bound) {
        unsigned char x = c->s[i - 1];
        if (x == ' ' || x == '\t' || x == '\n' || x == '\r') i--;
        else return x == (unsigned char)want;
    }
    return 0;
}

/* Subject of sentence si: the name phrase opening it. */
static int sentence_subject(const ctx *c, size_t si, spk *out)
{
    const concord_sentence *se = sent(c, si);
    size_t f, l, lo = se->first_token, hi = lo + se->token_count;
    if (hi > lo + QUOTES_SCAN_TOKENS) hi = lo + QUOTES_SCAN_TOKENS;
    return lo < hi && outside(c, lo) && run_fwd(c, lo, hi, &f, &l) && name_of(c, f, l, out);
}

/*
 * A pronoun speaker in sentence si: the named speaker of a quote in the
 * sentence before, else that sentence's subject when it opens with a name
 * ("Kremlin Spokesman Dmitry Peskov also declined to comment." / "..., he
 * said"), else the most recent named speaker of the article.
 */
static int resolve_pronoun(const ctx *c, size_t si, spk *out)
{
    if (si > 0) {
        const sent_speaker *p = &c->qs->sents[si - 1];
        if (p->has) {
            *out = (spk){SPK_NAME, p->start, p->end};
            return 1;
        }
        if (sentence_subject(c, si - 1, out)) return 1;
    }
    if (c->has_last) {
        *out = (spk){SPK_NAME, c->last_start, c->last_end};
        return 1;
    }
    return 0;
}

static void find_speaker(ctx *c, size_t qi)
{
    qitem *it = &c->qs->items[qi];
    spk sp = {SPK_NONE, 0, 0};
    size_t so = it->s_open, sc = it->s_close, si = sc;
    const concord_sentence *seo = sent(c, so);
    size_t t_after = (size_t)it->first_tok + it->ntok, end_close = sent_end_tok(c, sc);
    int before = it->first_tok > seo->first_token;
    int after = t_after < end_close;
    int found = 0;
    if (after && !(it->q.flags & CONCORD_QUOTE_UNBALANCED) &&
        c->tk[t_after].start <= it->close_end + 12) {
        size_t hi = end_close < t_after + QUOTES_SCAN_TOKENS ? end_close : t_after + QUOTES_SCAN_TOKENS;
        found = scan_fwd(c, t_after, hi, &sp);
    }
    if (!found && before) {
        found = scan_back(c, seo->first_token, it->first_tok, intro_before(c, it, seo->start, ':') ? 2 : 1,
                          &sp);
        si = so;
    }
    if (!found && !before && !after) { /* a quotation standing alone */
        if (so > 0 && c->qs->sents[so - 1].has) {
            sp = (spk){SPK_NAME, c->qs->sents[so - 1].start, c->qs->sents[so - 1].end};
            found = 1;
        } else if (so > 0) {
            const concord_sentence *pr = sent(c, so - 1);
            size_t lo = pr->first_token, hi = lo + pr->token_count;
            if (hi > lo + QUOTES_SCAN_TOKENS) lo = hi - QUOTES_SCAN_TOKENS;
            int colon = pr->end > pr->start && c->s[pr->end - 1] == ':';
            found = scan_back(c, lo, hi, colon ? 2 : 0, &sp);
            si = so - 1;
        }
        if (!found && sc + 1 < c->ns) { /* "...". Peskov said so on Tuesday. */
            size_t t0 = sent(c, sc + 1)->first_token, e = sent_end_tok(c, sc + 1);
            if (e > t0 + QUOTES_SCAN_TOKENS) e = t0 + QUOTES_SCAN_TOKENS;
            found = scan_fwd(c, t0, e, &sp);
            si = sc + 1;
        }
    }
    if (found && sp.kind == SPK_PRONOUN) found = resolve_pronoun(c, si, &sp);
    if (!found || sp.kind != SPK_NAME) return;
    it->q.speaker_start = sp.start;
    it->q.speaker_end = sp.end;
    c->last_start = sp.start, c->last_end = sp.end, c->has_last = 1;
    c->qs->sents[so] = (sent_speaker){sp.start, sp.end, 1};
    c->qs->sents[sc] = (sent_speaker){sp.start, sp.end, 1};
}

/* ------------------------------------------------------------------------ */
/* Partial quotations                                                       */
/* ------------------------------------------------------------------------ */

static int lowercase_at(const unsigned char *s, size_t i, size_t len)
{
    int32_t cp;
    utf8_decode_repair(s + i, len - i, &cp);
    return cp_is_letter(cp) && !cp_is_upper(cp) && !cp_is_caseless_letter(cp);
}

/* A quotation is whole when it opens its sentence or follows ':' or ',',
   starts with no lowercase letter, and ends its sentence or ends with
   punctuation ("...," he said). Otherwise it is a fragment. */
static int is_partial(const ctx *c, const qitem *it, size_t prev_end)
{
    if (it->continued) return 0;
    const concord_sentence *seo = sent(c, it->s_open);
    size_t bound = seo->start > prev_end ? seo->start : prev_end;
    size_t i = it->open;
    while (i > bound) {
        unsigned char x = c->s[i - 1];
        if (x == ' ' || x == '\t' || x == '\n' || x == '\r' || x == '(' || x == '[' || x == '-') i--;
        else break;
    }
    int start_ok = i <= bound || c->s[i - 1] == ':' || c->s[i - 1] == ',' ||
                   (i >= bound + 3 && ((c->s[i - 3] == 0xEF && c->s[i - 2] == 0xBC &&
                                        (c->s[i - 1] == 0x9A || c->s[i - 1] == 0x8C)) || /* ： ， */
                                       (c->s[i - 3] == 0xE3 && c->s[i - 2] == 0x80 && c->s[i - 1] == 0x81)));
    if (!start_ok || lowercase_at(c->s, it->q.start, c->len)) return 1;
    if (it->q.flags & CONCORD_QUOTE_UNBALANCED) return 0;
    size_t t_after = (size_t)it->first_tok + it->ntok;
    if (t_after >= sent_end_tok(c, it->s_close)) return 0;
    if (it->close_end < c->len && strchr(".,!?;:", c->s[it->close_end]) && c->s[it->close_end])
        return 0; /* "...", he said (punctuation outside the marks) */
    size_t e = it->raw_end;
    while (e > it->q.start && (c->s[e - 1] == ' ' || c->s[e - 1] == '\t' || c->s[e - 1] == '\n'))
        e--;
    unsigned char x = c->s[e - 1];
    if (strchr(".,!?;:-", x) && x) return 0;
    if (e >= 3 && c->s[e - 3] == 0xE2 && c->s[e - 2] == 0x80 &&
        (c->s[e - 1] == 0xA6 || c->s[e - 1] == 0x94 || c->s[e - 1] == 0x93))
        return 0; /* … — – */
    return 1;
}

/* ------------------------------------------------------------------------ */
/* Extraction                                                               */
/* ------------------------------------------------------------------------ */

concord_status concord_quotes_extract(concord_quotes *qs, const char *text, size_t len)
{
    if (!qs || (!text && len)) return CONCORD_ERR_INVALID;
    qs->n = 0;
    if (len == 0) return CONCORD_OK;
    const unsigned char *s = (const unsigned char *)text;
    concord_status st = concord_text_analyse(qs->text, text, len, CONCORD_TEXT_SENTENCES);
    if (!st) st = scan_marks(qs, s, len);
    if (st) {
        qs->n = 0;
        return st;
    }
    size_t nt, ns = concord_text_sentence_count(qs->text);
    const concord_token *tk = text_tokens(qs->text, &nt);
    if (nt >= NONE || qs->n >= NONE) {
        qs->n = 0;
        return CONCORD_ERR_TOO_LARGE;
    }
    if (nt > qs->tok_cap) {
        uint32_t *p = realloc(qs->tok_quote, nt * sizeof *p);
        if (!p) return qs->n = 0, CONCORD_ERR_NOMEM;
        qs->tok_quote = p, qs->tok_cap = nt;
    }
    for (size_t t = 0; t < nt; t++) qs->tok_quote[t] = NONE;

    /* Tokens of each quotation (one merge); quotations without words go. */
    size_t kept = 0, t = 0;
    for (size_t i = 0; i < qs->n; i++) {
        qitem it = qs->items[i];
        while (t < nt && tk[t].start < it.q.start) t++;
        size_t first = t;
        while (t < nt && tk[t].end <= it.q.end) t++;
        if (t == first) continue;
        it.first_tok = (uint32_t)first, it.ntok = (uint32_t)(t - first);
        for (size_t k = first; k < t; k++) qs->tok_quote[k] = (uint32_t)kept;
        qs->items[kept++] = it;
    }
    qs->n = kept;
    if (kept == 0) return CONCORD_OK;
    assert(ns > 0); /* there are tokens, hence sentences */

    if (ns > qs->sent_cap) {
        sent_speaker *p = realloc(qs->sents, ns * sizeof *p);
        if (!p) return qs->n = 0, CONCORD_ERR_NOMEM;
        qs->sents = p, qs->sent_cap = ns;
    }
    memset(qs->sents, 0, ns * sizeof *qs->sents);

    /* Sentences of the marks: two monotone pointers. */
    size_t so = 0, sc = 0;
    for (size_t i = 0; i < kept; i++) {
        qitem *it = &qs->items[i];
        size_t close_at = it->close_end > it->q.end ? it->close_end - 1 : it->q.end - 1;
        while (so + 1 < ns && concord_text_sentence(qs->text, so)->end <= it->open) so++;
        if (sc < so) sc = so;
        while (sc + 1 < ns && concord_text_sentence(qs->text, sc)->end <= close_at) sc++;
        it->s_open = (uint32_t)so, it->s_close = (uint32_t)sc;
    }

    ctx c = {.qs = qs, .s = s, .len = len, .tk = tk, .nt = nt, .tq = qs->tok_quote, .ns = ns};
    for (size_t i = 0; i < kept; i++) {
        qitem *it = &qs->items[i];
        if (is_partial(&c, it, i ? qs->items[i - 1].close_end : 0)) it->q.flags |= CONCORD_QUOTE_PARTIAL;
        find_speaker(&c, i);
    }
    return CONCORD_OK;
}
