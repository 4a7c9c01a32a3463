/* The gazetteer's insides, shared by the files of the entity extractor
 * only: what entities.h keeps opaque. */
#ifndef KHABAR_ENTITY_GAZETTEER_H
#define KHABAR_ENTITY_GAZETTEER_H

#include <stdint.h>

#include "entities.h"
#include "entity_map.h"

enum {
    PLACE_COUNTRY,      /* a country's name, alias or adjective */
    PLACE_CITY,
    PLACE_SUBDIVISION
};

typedef struct {
    uint16_t country;   /* index into countries, or NO_COUNTRY */
    uint8_t kind;       /* PLACE_* */
    uint8_t adjective;  /* "Japanese": names the country, is not its name */
    uint32_t population;
    const char *name;   /* display name; countries use the country's */
} gaz_place_t;

#define NO_COUNTRY UINT16_MAX

struct entity_gazetteer {
    entity_map_t *words;     /* lowercase word -> LEX_* bits */
    entity_map_t *phrases;   /* lowercase place name -> index into places */
    entity_map_t *regions;   /* lowercase region abbreviation, no dots ("nj",
                              * "calif") -> index into places */
    gaz_place_t *places;
    size_t nplaces, capplaces;
    char **countries;        /* display names, by country index */
    char (*alpha2)[3];
    size_t ncountries, capcountries;
    char **strings;          /* every name we own, to free */
    size_t nstrings, capstrings;
    unsigned sources;
    unsigned max_words;      /* longest place name, in words */
};

/* The LEX_* bits of a lowercase word, 0 when unknown. */
unsigned gazetteer_word(const entity_gazetteer_t *gaz, const char *lower, size_t len);

/* The place named by a lowercase phrase (words joined by one space), or
 * NULL. */
const gaz_place_t *gazetteer_place(const entity_gazetteer_t *gaz, const char *lower, size_t len);

/* The region (US state, Canadian province) that a lowercase abbreviation
 * without dots names after a city ("calif", "nj"), or NULL. */
const gaz_place_t *gazetteer_region(const entity_gazetteer_t *gaz, const char *lower, size_t len);

/* The display name of a place's country, or NULL. */
const char *gazetteer_country(const entity_gazetteer_t *gaz, const gaz_place_t *place);

/* Adds a place under name (any case), keeping an earlier entry that ranks
 * higher (country over city over subdivision, then population).  Used by
 * the loaders.  Returns 0 or -1 when out of memory. */
int gazetteer_add_place(entity_gazetteer_t *gaz, const char *name, uint16_t country,
                        int kind, int adjective, uint32_t population);

/* The index of the country with this ISO alpha-2 code, or NO_COUNTRY. */
uint16_t gazetteer_find_country(const entity_gazetteer_t *gaz, const char *alpha2);

/* Reads the cities of libgeonames0 (dlopened) into gaz.  Returns 0, 1 when
 * the library is absent, -1 when out of memory. */
int gazetteer_load_geonames(entity_gazetteer_t *gaz);

#endif
