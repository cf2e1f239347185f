/*
 * function_words.c - the compiled-in English function words (see
 * lexicon_internal.h): determiners, pronouns, prepositions, conjunctions,
 * auxiliaries and modals with their contractions, common adverbs ("also",
 * "not", "still") and the reporting frame of news ("said", "says", "told",
 * "according"). Words a spinner swaps for synonyms are deliberately left
 * out (e.g. "get", "went", "really"), since a function word is a word the
 * matcher expects to survive a rewrite unchanged.
 *
 * Kept in byte order (LC_ALL=C sort; unit-tested) for binary search. Lower
 * case with ASCII apostrophes, as the text layer normalises tokens.
 */
#include "text/lexicon_internal.h"
#include "text/text.h"

const char *const lexicon_function_words[] = {
    "a",          "about",        "above",       "according",  "across",
    "after",      "afterwards",   "again",       "against",    "ago",
    "albeit",     "all",          "almost",      "along",      "alongside",
    "already",    "also",         "although",    "always",     "am",
    "amid",       "amidst",       "among",       "amongst",    "an",
    "and",        "another",      "any",         "anybody",    "anyone",
    "anything",   "anyway",       "anywhere",    "are",        "aren't",
    "around",     "as",           "at",          "atop",       "be",
    "became",     "because",      "become",      "becomes",    "becoming",
    "been",       "before",       "beforehand",  "behind",     "being",
    "below",      "beneath",      "beside",      "besides",    "between",
    "beyond",     "both",         "but",         "by",         "can",
    "can't",      "cannot",       "could",       "couldn't",   "despite",
    "did",        "didn't",       "do",          "does",       "doesn't",
    "doing",      "don't",        "done",        "down",       "during",
    "each",       "either",       "else",        "elsewhere",  "enough",
    "even",       "ever",         "every",       "everybody",  "everyone",
    "everything", "everywhere",   "except",      "few",        "for",
    "from",       "further",      "furthermore", "had",        "hadn't",
    "has",        "hasn't",       "have",        "haven't",    "having",
    "he",         "he'd",         "he'll",       "he's",       "hence",
    "her",        "here",         "hers",        "herself",    "him",
    "himself",    "his",          "how",         "however",    "i",
    "i'd",        "i'll",         "i'm",         "i've",       "if",
    "in",         "including",    "indeed",      "inside",     "instead",
    "into",       "is",           "isn't",       "it",         "it'd",
    "it'll",      "it's",         "its",         "itself",     "just",
    "least",      "less",         "lest",        "let's",      "many",
    "may",        "me",           "meanwhile",   "might",      "mine",
    "more",       "moreover",     "most",        "much",       "must",
    "mustn't",    "my",           "myself",      "near",       "neither",
    "never",      "nevertheless", "no",          "nobody",     "none",
    "nor",        "not",          "nothing",     "now",        "nowhere",
    "of",         "off",          "often",       "on",         "once",
    "onto",       "or",           "other",       "others",     "otherwise",
    "ought",      "our",          "ours",        "ourselves",  "out",
    "outside",    "over",         "own",         "per",        "perhaps",
    "quite",      "rather",       "said",        "same",       "say",
    "saying",     "says",         "several",     "shall",      "she",
    "she'd",      "she'll",       "she's",       "should",     "shouldn't",
    "since",      "so",           "some",        "somebody",   "someone",
    "something",  "sometimes",    "somewhere",   "soon",       "still",
    "such",       "tell",         "telling",     "tells",      "than",
    "that",       "that's",       "the",         "their",      "theirs",
    "them",       "themselves",   "then",        "there",      "there's",
    "thereby",    "therefore",    "these",       "they",       "they'd",
    "they'll",    "they're",      "they've",     "this",       "those",
    "though",     "through",      "throughout",  "thus",       "till",
    "to",         "together",     "told",        "too",        "toward",
    "towards",    "under",        "underneath",  "unless",     "unlike",
    "until",      "unto",         "up",          "upon",       "us",
    "very",       "via",          "was",         "wasn't",     "we",
    "we'd",       "we'll",        "we're",       "we've",      "were",
    "weren't",    "what",         "what's",      "whatever",   "when",
    "whenever",   "where",        "whereas",     "whereby",    "wherever",
    "whether",    "which",        "whichever",   "while",      "whilst",
    "who",        "who's",        "whoever",     "whom",       "whomever",
    "whose",      "why",          "will",        "with",       "within",
    "without",    "won't",        "would",       "wouldn't",   "yet",
    "you",        "you'd",        "you'll",      "you're",     "you've",
    "your",       "yours",        "yourself",    "yourselves",

};

const size_t lexicon_function_word_count =
    sizeof lexicon_function_words / sizeof lexicon_function_words[0];

long lexicon_function_word_find(const char *s, size_t len)
{
    return text_word_list_find(lexicon_function_words, lexicon_function_word_count, s, len);
}
