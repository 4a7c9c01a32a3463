/* A string-keyed hash table for the entity extractor: keys are copied into
 * the table's own storage, values are 32-bit numbers chosen by the caller.
 * Open addressing with linear probing; it only grows, which is all the
 * gazetteer (built once) and the per-article accumulator need. */
#ifndef KHABAR_ENTITY_MAP_H
#define KHABAR_ENTITY_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct entity_map entity_map_t;

/* A new empty table, or NULL when out of memory. */
entity_map_t *entity_map_new(void);

/* Frees the table and every key copy; NULL is a no-op. */
void entity_map_free(entity_map_t *map);

/* Stores value under the len bytes at key, replacing any earlier value.
 * Returns 0, or -1 when out of memory (the table is then unchanged). */
int entity_map_put(entity_map_t *map, const char *key, size_t len, uint32_t value);

/* The value under key, through *value; returns 1 when found, else 0. */
int entity_map_get(const entity_map_t *map, const char *key, size_t len, uint32_t *value);

/* How many keys the table holds. */
size_t entity_map_count(const entity_map_t *map);

#endif
