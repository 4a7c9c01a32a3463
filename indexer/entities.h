/* Entity extraction: the people, places and organisations an article
 * names, for articles that do not supply their own (docs/ENTITIES.md).
 *
 * Load one gazetteer per run (it is read-only afterwards, so threads may
 * share it), keep one entity list per thread, and call entities_extract()
 * for each article: the list is refilled every time, reusing its memory. */
#ifndef KHABAR_ENTITIES_H
#define KHABAR_ENTITIES_H

#include <stddef.h>

typedef enum {
    ENTITY_PERSON,
    ENTITY_PLACE,
    ENTITY_ORG,
    ENTITY_KIND_LAST
} entity_kind_t;

typedef struct {
    entity_kind_t kind;
    const char *name;      /* normalised full name: "Sergey Lavrov" */
    const char *abbrev;    /* organisations: "MoFA" when written so; else NULL */
    const char *country;   /* places: the country it is in (a country names
                            * itself); NULL when the gazetteer does not know */
    unsigned mentions;     /* times named in title and body, short forms
                            * included; 0 for an implied country */
    unsigned where;        /* ENTITY_IN_* bits: the prominent spots it was
                            * named in (outside organisations' names) */
    unsigned score;        /* salience: how central it is to the article;
                            * comparable within one article only */
    int salient;           /* 1 when the article is about it, 0 when it is
                            * only mentioned.  Meant for places: facet the
                            * salient ones; people and organisations named
                            * at all are worth keeping (docs/ENTITIES.md) */
} entity_t;

/* Where an entity was named, as bits of entity_t.where. */
enum {
    ENTITY_IN_TITLE    = 1 << 0,  /* the headline */
    ENTITY_IN_DATELINE = 1 << 1,  /* "TOKYO, March 3 -" opening the body */
    ENTITY_IN_LEAD     = 1 << 2,  /* the first paragraph of the body */
    ENTITY_IMPLIED     = 1 << 3   /* not named: the country of a salient place */
};

typedef struct entity_gazetteer entity_gazetteer_t;
typedef struct entity_list entity_list_t;

/* Where the gazetteer's data came from, as bits of
 * entity_gazetteer_sources(): iso-codes is required, the others add
 * cities and word knowledge when their Debian packages are installed. */
enum {
    ENTITY_SOURCE_ISO_CODES = 1 << 0,  /* iso-codes: countries, subdivisions */
    ENTITY_SOURCE_GEONAMES  = 1 << 1,  /* libgeonames0: cities, their countries */
    ENTITY_SOURCE_WORDS     = 1 << 2   /* wamerican: common English words */
};

/* Returns "person", "place" or "organisation". */
const char *entity_kind_to_string(entity_kind_t kind);

/* Loads the gazetteer from the Debian data files (iso_dir, or
 * /usr/share/iso-codes/json when NULL).  Returns NULL with a message in
 * err when iso-codes cannot be read or memory runs out; a missing
 * libgeonames0 or word list only leaves its source bit unset.  Free with
 * entity_gazetteer_free(). */
entity_gazetteer_t *entity_gazetteer_load(const char *iso_dir, char *err, size_t errlen);

/* Frees the gazetteer; NULL is a no-op. */
void entity_gazetteer_free(entity_gazetteer_t *gaz);

/* The ENTITY_SOURCE_* bits of the data that was loaded. */
unsigned entity_gazetteer_sources(const entity_gazetteer_t *gaz);

/* A new empty list, or NULL when out of memory.  Free with
 * entity_list_free(). */
entity_list_t *entity_list_new(void);

/* Frees the list and every string of its entities; NULL is a no-op. */
void entity_list_free(entity_list_t *list);

/* How many entities the list holds, and the i-th (i < count), in order of
 * first mention.  Entries stay valid until the next extraction into the
 * list or its freeing. */
size_t entity_list_count(const entity_list_t *list);
const entity_t *entity_list_get(const entity_list_t *list, size_t i);

/* Replaces the contents of out with the entities named in title and body
 * (UTF-8; either may be NULL; body paragraphs separated by blank lines).
 * Returns 0, or -1 when out of memory (out is then empty). */
int entities_extract(const entity_gazetteer_t *gaz, const char *title,
                     const char *body, entity_list_t *out);

#endif
