/*
 * names_words.c - the cue words of name finding (names.c): honorifics and
 * titles that announce a person, words that make a name an organisation or
 * a place, prepositions that introduce a place, and the lower-case
 * connectors allowed inside a name ("Bank of Estmark", "Ruud van Aldwyn").
 * Each list is sorted in byte order and searched by bisection.
 */
#include "text/names_internal.h"
#include "text/text.h"

static const char *const titles[] = {
    "ambassador", "bishop", "cardinal", "chairman", "chairwoman", "chancellor", "commissioner",
    "congressman", "congresswoman", "dame", "dr", "emir", "gen", "general", "gov", "governor",
    "judge", "justice", "king", "lady", "lord", "mayor", "minister", "miss", "mr", "mrs", "ms",
    "pope", "premier", "president", "prime", "prince", "princess", "prof", "professor", "queen",
    "rep", "representative", "secretary", "sen", "senator", "sheikh", "sir", "spokesman",
    "spokeswoman",
};

static const char *const org_words[] = {
    "agency", "airline", "airlines", "airways", "assembly", "association", "authority", "bancorp",
    "bank", "bhd", "board", "bureau", "church", "co", "commission", "committee", "company",
    "congress", "corp", "corporation", "council", "court", "department", "exchange",
    "federation", "foundation", "fund", "group", "guild", "holdings", "inc", "industries",
    "institute", "league", "limited", "llc", "ltd", "ministry", "motors", "nv", "office",
    "organisation", "organization", "parliament", "party", "plc", "reserve", "sa", "securities",
    "senate", "society", "trust", "union", "university",
};

static const char *const place_words[] = {
    "bay", "cape", "city", "county", "fort", "island", "islands", "lake", "mount", "port",
    "province", "republic", "river", "saint", "st", "strait", "valley",
};

static const char *const place_preps[] = {"across", "at", "from", "in", "into", "near", "outside"};

/* Months and weekdays: "in June" does not make a place. */
static const char *const time_words[] = {
    "april", "august", "december", "february", "friday", "january", "july", "june", "march",
    "may", "monday", "november", "october", "saturday", "september", "sunday", "thursday",
    "tuesday", "wednesday",
};

static const char *const connectors[] = {"al", "bin", "da", "de", "del", "der", "di", "du",
                                         "la", "le", "of", "van", "von"};

#define IN(list, s, len) (text_word_list_find(list, sizeof list / sizeof *list, s, len) >= 0)

int names_is_title(const char *s, size_t len) { return IN(titles, s, len); }
int names_is_org_word(const char *s, size_t len) { return IN(org_words, s, len); }
int names_is_place_word(const char *s, size_t len) { return IN(place_words, s, len); }
int names_is_place_prep(const char *s, size_t len) { return IN(place_preps, s, len); }
int names_is_connector(const char *s, size_t len) { return IN(connectors, s, len); }
int text_is_calendar_word(const char *s, size_t len) { return IN(time_words, s, len); }
