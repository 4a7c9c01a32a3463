/* entities_json.h - an article's entities and a search's facets as JSON
 * (docs/API.md), for /search and /article. */
#ifndef KHABAR_ENTITIES_JSON_H
#define KHABAR_ENTITIES_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "khabar.h"

/* {"person": [...], "place": [...], "country": [...], "org": [...],
 * "place_salient": [...]}: the display names, each once, in the
 * article's order.  "place" holds every place named; "place_salient"
 * those the article is about (what place: filters and the place facet
 * count); "country" the countries of the salient places and any country
 * given as such (what country: matches).  NULL when out of memory or a
 * name is not UTF-8. */
json_t *entities_json(const khabar_entity_t *entities, size_t n);

/* The same object written into OUT (json_out.h), for /search's hits. */
struct json_out;
void entities_write(struct json_out *out, const khabar_entity_t *entities,
                    size_t n);

/* The "facets" object of a /search answer; NULL on failure. */
json_t *facets_json(const khabar_results_t *results);

#endif
