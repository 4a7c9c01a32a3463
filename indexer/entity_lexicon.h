/* The extractor's word knowledge that no Debian data file holds: English
 * function words, calendar words, roles and titles, organisation words,
 * speech verbs, and the everyday names of countries (aliases, adjectives)
 * that iso-codes does not list.  General English only: nothing here may be
 * tuned to one news source. */
#ifndef KHABAR_ENTITY_LEXICON_H
#define KHABAR_ENTITY_LEXICON_H

/* Word classes, as bits: a word may be in several. */
enum {
    LEX_STOP      = 1 << 0,  /* function word: never starts or ends a name */
    LEX_CALENDAR  = 1 << 1,  /* weekday or month */
    LEX_ROLE      = 1 << 2,  /* a person's role: "minister", "envoy" */
    LEX_HONORIFIC = 1 << 3,  /* "Mr", "Dr": a person's name follows */
    LEX_ORG       = 1 << 4,  /* makes a phrase an organisation: "Ministry" */
    LEX_SPEECH    = 1 << 5,  /* "said": a person (or body) speaks */
    LEX_CONNECT   = 1 << 6,  /* may join capitalised words: "of", "for" */
    LEX_COMMON    = 1 << 7,  /* an ordinary lowercase word (dictionary) */
    LEX_PROPER    = 1 << 8,  /* the dictionary also has it capitalised */
    LEX_ROLE_MOD  = 1 << 9,  /* qualifies a role: "Foreign", "Deputy" */
    LEX_ORG_HEAD  = 1 << 10, /* an organisation word that ends a name: "Inc" */
    LEX_NOT_ACRO  = 1 << 11, /* all capitals but not an organisation: "TV" */
    LEX_PLACE_START = 1 << 12 /* the first word of a place's name: set by the
                               * gazetteer, so most words need no place look-up */
};

typedef struct {
    const char *word;   /* lowercase */
    unsigned flags;
} lexicon_word_t;

typedef struct {
    const char *name;   /* as written in news, any case */
    const char *alpha2; /* ISO 3166 code the name stands for */
} lexicon_country_t;

typedef struct {
    const char *abbrev; /* as written, dots left out */
    const char *code;   /* ISO 3166-2 code of the region */
} lexicon_region_t;

/* The built-in words, ending with a NULL word. */
extern const lexicon_word_t lexicon_words[];

/* Country aliases and adjectives ("U.S.", "Britain", "Japanese"), ending
 * with a NULL name. */
extern const lexicon_country_t lexicon_countries[];

/* Everyday short names for ISO entries whose name is formal ("Russia"). */
extern const lexicon_country_t lexicon_short_names[];

/* The abbreviations of US states and Canadian provinces that datelines
 * and addresses use after a city ("PHOENIX, Ariz.", "Newark, N.J."),
 * AP style, ending with a NULL abbrev.  The two-letter postal codes come
 * from iso-codes. */
extern const lexicon_region_t lexicon_region_abbrevs[];

#endif
