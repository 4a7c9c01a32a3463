/* Loading and querying the entity gazetteer: countries and subdivisions
 * from iso-codes, cities from libgeonames0 (entity_geonames.c), common
 * words from the system word list, and the built-in lexicon. */
#include "entity_gazetteer.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity_lexicon.h"
#include "entity_tokens.h"

#define WORDS_FILE "/usr/share/dict/words"
#define ISO_DIR "/usr/share/iso-codes/json"

/* Single-word cities smaller than this are left out: small towns are
 * more often surnames or words ("Reading", "Police") than news places. */
enum { MIN_CITY_POPULATION = 50000, MIN_CITY_POPULATION_LONG = 15000 };

static char *own(entity_gazetteer_t *gaz, const char *s)
{
    if (gaz->nstrings == gaz->capstrings) {
        size_t cap = gaz->capstrings ? gaz->capstrings * 2 : 512;
        char **p = realloc(gaz->strings, cap * sizeof *p);
        if (!p)
            return NULL;
        gaz->strings = p;
        gaz->capstrings = cap;
    }
    char *copy = strdup(s);
    if (copy)
        gaz->strings[gaz->nstrings++] = copy;
    return copy;
}

unsigned gazetteer_word(const entity_gazetteer_t *gaz, const char *lower, size_t len)
{
    uint32_t v;
    return entity_map_get(gaz->words, lower, len, &v) ? v : 0;
}

const gaz_place_t *gazetteer_place(const entity_gazetteer_t *gaz, const char *lower, size_t len)
{
    uint32_t v;
    return entity_map_get(gaz->phrases, lower, len, &v) ? &gaz->places[v] : NULL;
}

const gaz_place_t *gazetteer_region(const entity_gazetteer_t *gaz, const char *lower, size_t len)
{
    uint32_t v;
    return entity_map_get(gaz->regions, lower, len, &v) ? &gaz->places[v] : NULL;
}

const char *gazetteer_country(const entity_gazetteer_t *gaz, const gaz_place_t *place)
{
    return place->country == NO_COUNTRY ? NULL : gaz->countries[place->country];
}

uint16_t gazetteer_find_country(const entity_gazetteer_t *gaz, const char *alpha2)
{
    for (size_t i = 0; alpha2 && i < gaz->ncountries; i++)
        if (strcmp(gaz->alpha2[i], alpha2) == 0)
            return (uint16_t)i;
    return NO_COUNTRY;
}

/* True for a name that is also an everyday word ("Police", "West",
 * "Reading"): such names would match ordinary text, capitalised at the
 * start of a sentence or in a heading. */
static int is_word_like(const entity_gazetteer_t *gaz, const char *name)
{
    if (strchr(name, ' '))
        return 0;
    char key[128];
    size_t len = entity_fold(name, strlen(name), key, sizeof key);
    unsigned f = gazetteer_word(gaz, key, len);
    if (f & ~(LEX_COMMON | LEX_PROPER | LEX_PLACE_START))
        return 1;
    return (f & LEX_COMMON) != 0;
}

/* Which place a shared name means: a country; else a large city; else a
 * first-level region ("Ontario", "Florida" before the towns of that name
 * elsewhere, but Hanover the city before the Jamaican parish); else the
 * largest city.  Subdivisions have no population: they count as
 * BIG_CITY. */
enum { BIG_CITY = 400000 };

static uint32_t weight(int kind, uint32_t population)
{
    return kind == PLACE_COUNTRY ? UINT32_MAX
         : kind == PLACE_SUBDIVISION ? BIG_CITY : population;
}

static int outranks(const gaz_place_t *a, int kind, uint32_t population)
{
    return weight(a->kind, a->population) >= weight(kind, population);
}

/* Counts the words of a folded phrase, for the longest lookup needed. */
static unsigned count_words(const char *s)
{
    unsigned n = 1;
    for (; *s; s++)
        n += *s == ' ';
    return n;
}

static int add_word(entity_gazetteer_t *gaz, const char *word, size_t len, unsigned flags);

/* Appends a place to gaz->places, to be found by whatever map the caller
 * puts its index in.  Returns 0 or -1 when out of memory. */
static int new_place(entity_gazetteer_t *gaz, const char *name, uint16_t country,
                     int kind, int adjective, uint32_t population)
{
    if (gaz->nplaces == gaz->capplaces) {
        size_t cap = gaz->capplaces ? gaz->capplaces * 2 : 1024;
        gaz_place_t *p = realloc(gaz->places, cap * sizeof *p);
        if (!p)
            return -1;
        gaz->places = p;
        gaz->capplaces = cap;
    }
    gaz_place_t *p = &gaz->places[gaz->nplaces];
    p->country = country;
    p->kind = (uint8_t)kind;
    p->adjective = (uint8_t)adjective;
    p->population = population;
    p->name = kind == PLACE_COUNTRY ? NULL : own(gaz, name);
    if (kind != PLACE_COUNTRY && !p->name)
        return -1;
    gaz->nplaces++;
    return 0;
}

int gazetteer_add_place(entity_gazetteer_t *gaz, const char *name, uint16_t country,
                        int kind, int adjective, uint32_t population)
{
    if (kind == PLACE_CITY &&
        (strchr(name, ' ') ? population < MIN_CITY_POPULATION_LONG
                           : population < MIN_CITY_POPULATION || is_word_like(gaz, name)))
        return 0;
    char key[256];
    size_t len = entity_fold(name, strlen(name), key, sizeof key);
    uint32_t old;
    if (entity_map_get(gaz->phrases, key, len, &old) &&
        outranks(&gaz->places[old], kind, population))
        return 0;
    if (new_place(gaz, name, country, kind, adjective, population) != 0 ||
        entity_map_put(gaz->phrases, key, len, (uint32_t)gaz->nplaces - 1) != 0)
        return -1;
    unsigned words = count_words(key);
    if (words > gaz->max_words)
        gaz->max_words = words;
    return add_word(gaz, key, strcspn(key, " "), LEX_PLACE_START);
}

static int add_word(entity_gazetteer_t *gaz, const char *word, size_t len, unsigned flags)
{
    uint32_t old = 0;
    entity_map_get(gaz->words, word, len, &old);
    return entity_map_put(gaz->words, word, len, old | flags);
}

static int load_lexicon(entity_gazetteer_t *gaz)
{
    for (const lexicon_word_t *w = lexicon_words; w->word; w++)
        if (add_word(gaz, w->word, strlen(w->word), w->flags) != 0)
            return -1;
    return 0;
}

/* The system word list tells ordinary words ("affairs") from names
 * ("Smith" is listed capitalised as well as lowercase). */
static int load_dictionary(entity_gazetteer_t *gaz)
{
    FILE *f = fopen(WORDS_FILE, "r");
    if (!f)
        return 1;
    char line[128], key[128];
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        size_t len = strcspn(line, "\n");
        if (len == 0 || memchr(line, '\'', len))
            continue;
        int proper = line[0] >= 'A' && line[0] <= 'Z';
        size_t klen = entity_fold(line, len, key, sizeof key);
        rc = add_word(gaz, key, klen, proper ? LEX_PROPER : LEX_COMMON);
    }
    fclose(f);
    return rc;
}

static json_t *load_json(const char *dir, const char *file, const char *member,
                         char *err, size_t errlen)
{
    char path[1024];
    json_error_t jerr;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root) {
        snprintf(err, errlen, "%s:%d: %s", path, jerr.line, jerr.text);
        return NULL;
    }
    json_t *list = json_object_get(root, member);
    if (!json_is_array(list)) {
        snprintf(err, errlen, "%s: no \"%s\" list", path, member);
        json_decref(root);
        return NULL;
    }
    json_incref(list);
    json_decref(root);
    return list;
}

static const char *member(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static int add_country(entity_gazetteer_t *gaz, const char *alpha2, const char *display)
{
    if (gaz->ncountries == gaz->capcountries) {
        size_t cap = gaz->capcountries ? gaz->capcountries * 2 : 512;
        char **names = realloc(gaz->countries, cap * sizeof *names);
        if (!names)
            return -1;
        gaz->countries = names;
        char (*codes)[3] = realloc(gaz->alpha2, cap * sizeof *codes);
        if (!codes)
            return -1;
        gaz->alpha2 = codes;
        gaz->capcountries = cap;
    }
    char *name = own(gaz, display);
    if (!name)
        return -1;
    gaz->countries[gaz->ncountries] = name;
    snprintf(gaz->alpha2[gaz->ncountries], 3, "%s", alpha2);
    gaz->ncountries++;
    return 0;
}

/* A country is shown by its everyday name: the built-in short name, else
 * ISO's common name, else its name when that has no "X, Republic of". */
static const char *display_name(json_t *c)
{
    const char *alpha2 = member(c, "alpha_2");
    for (const lexicon_country_t *s = lexicon_short_names; s->name; s++)
        if (strcmp(s->alpha2, alpha2) == 0)
            return s->name;
    const char *common = member(c, "common_name");
    return common ? common : member(c, "name");
}

static int load_countries(entity_gazetteer_t *gaz, json_t *list)
{
    size_t i;
    json_t *c;
    json_array_foreach(list, i, c) {
        const char *alpha2 = member(c, "alpha_2");
        if (!alpha2 || !member(c, "name") || add_country(gaz, alpha2, display_name(c)) != 0)
            continue;
        uint16_t idx = (uint16_t)(gaz->ncountries - 1);
        static const char *const keys[] = {"name", "common_name", "official_name"};
        for (size_t k = 0; k < 3; k++) {
            const char *name = member(c, keys[k]);
            if (name && !strchr(name, ',') &&
                gazetteer_add_place(gaz, name, idx, PLACE_COUNTRY, 0, 0) != 0)
                return -1;
        }
        if (gazetteer_add_place(gaz, gaz->countries[idx], idx, PLACE_COUNTRY, 0, 0) != 0)
            return -1;
    }
    return 0;
}

/* Former countries (the Soviet Union) and everyday aliases ("Britain",
 * "Japanese") from the lexicon. */
static int load_aliases(entity_gazetteer_t *gaz)
{
    for (const lexicon_country_t *s = lexicon_short_names; s->name; s++)
        if (gazetteer_find_country(gaz, s->alpha2) == NO_COUNTRY &&
            (add_country(gaz, s->alpha2, s->name) != 0 ||
             gazetteer_add_place(gaz, s->name, (uint16_t)(gaz->ncountries - 1),
                                 PLACE_COUNTRY, 0, 0) != 0))
            return -1;
    for (const lexicon_country_t *a = lexicon_countries; a->name; a++) {
        uint16_t idx = gazetteer_find_country(gaz, a->alpha2);
        if (idx != NO_COUNTRY && gazetteer_add_place(gaz, a->name, idx, PLACE_COUNTRY, 1, 0) != 0)
            return -1;
    }
    return 0;
}

static int add_region(entity_gazetteer_t *gaz, const char *abbrev, const char *name,
                      uint16_t country)
{
    char key[64];
    size_t len = entity_fold(abbrev, strlen(abbrev), key, sizeof key);
    if (new_place(gaz, name, country, PLACE_SUBDIVISION, 0, 0) != 0)
        return -1;
    return entity_map_put(gaz->regions, key, len, (uint32_t)gaz->nplaces - 1);
}

/* The abbreviations of a US state or Canadian province: its postal code
 * (the end of its ISO code) and its AP abbreviations from the lexicon. */
static int add_region_abbrevs(entity_gazetteer_t *gaz, const char *code, const char *name,
                              uint16_t country)
{
    if ((strncmp(code, "US-", 3) != 0 && strncmp(code, "CA-", 3) != 0) || strlen(code) != 5)
        return 0;
    if (add_region(gaz, code + 3, name, country) != 0)
        return -1;
    for (const lexicon_region_t *r = lexicon_region_abbrevs; r->abbrev; r++)
        if (strcmp(r->code, code) == 0 && add_region(gaz, r->abbrev, name, country) != 0)
            return -1;
    return 0;
}

static int load_subdivisions(entity_gazetteer_t *gaz, json_t *list)
{
    size_t i;
    json_t *s;
    json_array_foreach(list, i, s) {
        const char *code = member(s, "code"), *name = member(s, "name");
        if (!code || !name || strlen(code) < 3)
            continue;
        char alpha2[3] = {code[0], code[1], '\0'};
        uint16_t idx = gazetteer_find_country(gaz, alpha2);
        if (idx == NO_COUNTRY)
            continue;
        if (add_region_abbrevs(gaz, code, name, idx) != 0)
            return -1;
        if (!is_word_like(gaz, name) &&
            gazetteer_add_place(gaz, name, idx, PLACE_SUBDIVISION, 0, 0) != 0)
            return -1;
    }
    return 0;
}

static int load_iso(entity_gazetteer_t *gaz, const char *dir, char *err, size_t errlen)
{
    json_t *countries = load_json(dir, "iso_3166-1.json", "3166-1", err, errlen);
    if (!countries)
        return -1;
    int rc = load_countries(gaz, countries);
    json_decref(countries);
    if (rc == 0)
        rc = load_aliases(gaz);
    json_t *subs = rc == 0 ? load_json(dir, "iso_3166-2.json", "3166-2", err, errlen) : NULL;
    if (!subs)
        return -1;
    rc = load_subdivisions(gaz, subs);
    json_decref(subs);
    return rc;
}

entity_gazetteer_t *entity_gazetteer_load(const char *iso_dir, char *err, size_t errlen)
{
    entity_gazetteer_t *gaz = calloc(1, sizeof *gaz);
    snprintf(err, errlen, "out of memory");
    if (!gaz || !(gaz->words = entity_map_new()) || !(gaz->phrases = entity_map_new()) ||
        !(gaz->regions = entity_map_new()))
        goto fail;
    if (load_lexicon(gaz) != 0)
        goto fail;
    int rc = load_dictionary(gaz);
    if (rc < 0)
        goto fail;
    gaz->sources |= rc == 0 ? ENTITY_SOURCE_WORDS : 0;
    if (load_iso(gaz, iso_dir ? iso_dir : ISO_DIR, err, errlen) != 0)
        goto fail;
    gaz->sources |= ENTITY_SOURCE_ISO_CODES;
    rc = gazetteer_load_geonames(gaz);
    if (rc < 0)
        goto fail;
    gaz->sources |= rc == 0 ? ENTITY_SOURCE_GEONAMES : 0;
    err[0] = '\0';
    return gaz;
fail:
    entity_gazetteer_free(gaz);
    return NULL;
}

void entity_gazetteer_free(entity_gazetteer_t *gaz)
{
    if (!gaz)
        return;
    entity_map_free(gaz->words);
    entity_map_free(gaz->phrases);
    entity_map_free(gaz->regions);
    for (size_t i = 0; i < gaz->nstrings; i++)
        free(gaz->strings[i]);
    free(gaz->strings);
    free(gaz->places);
    free(gaz->countries);
    free(gaz->alpha2);
    free(gaz);
}

unsigned entity_gazetteer_sources(const entity_gazetteer_t *gaz)
{
    return gaz->sources;
}
