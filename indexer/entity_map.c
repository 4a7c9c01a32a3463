/* String-keyed open-addressing hash table (see entity_map.h). */
#include "entity_map.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t hash;   /* 0 marks an empty slot */
    char *key;
    uint32_t len;
    uint32_t value;
} slot_t;

/* Keys live in large chunks rather than one malloc each: the gazetteer
 * holds tens of thousands of short names and loads on every run. */
typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    char data[];
} chunk_t;

struct entity_map {
    slot_t *slots;
    size_t cap, count;
    chunk_t *chunks;
};

enum { CHUNK_SIZE = 64 * 1024 };

static uint64_t hash_bytes(const char *key, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

entity_map_t *entity_map_new(void)
{
    entity_map_t *map = calloc(1, sizeof *map);
    if (!map)
        return NULL;
    map->cap = 64;
    map->slots = calloc(map->cap, sizeof *map->slots);
    if (!map->slots) {
        free(map);
        return NULL;
    }
    return map;
}

void entity_map_free(entity_map_t *map)
{
    if (!map)
        return;
    for (chunk_t *c = map->chunks, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(map->slots);
    free(map);
}

static char *copy_key(entity_map_t *map, const char *key, size_t len)
{
    chunk_t *c = map->chunks;
    if (!c || c->size - c->used < len + 1) {
        size_t size = len + 1 > CHUNK_SIZE ? len + 1 : CHUNK_SIZE;
        c = malloc(sizeof *c + size);
        if (!c)
            return NULL;
        c->next = map->chunks;
        c->used = 0;
        c->size = size;
        map->chunks = c;
    }
    char *out = c->data + c->used;
    memcpy(out, key, len);
    out[len] = '\0';
    c->used += len + 1;
    return out;
}

static slot_t *find_slot(slot_t *slots, size_t cap, uint64_t h, const char *key, size_t len)
{
    size_t i = (size_t)h & (cap - 1);
    while (slots[i].hash) {
        if (slots[i].hash == h && slots[i].len == len && memcmp(slots[i].key, key, len) == 0)
            return &slots[i];
        i = (i + 1) & (cap - 1);
    }
    return &slots[i];
}

static int grow(entity_map_t *map)
{
    size_t cap = map->cap * 2;
    slot_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < map->cap; i++) {
        slot_t *s = &map->slots[i];
        if (s->hash)
            *find_slot(slots, cap, s->hash, s->key, s->len) = *s;
    }
    free(map->slots);
    map->slots = slots;
    map->cap = cap;
    return 0;
}

int entity_map_put(entity_map_t *map, const char *key, size_t len, uint32_t value)
{
    if (len > UINT32_MAX)
        return -1;
    /* Keep the load under a half so probes stay short. */
    if ((map->count + 1) * 2 > map->cap && grow(map) != 0)
        return -1;
    uint64_t h = hash_bytes(key, len);
    slot_t *s = find_slot(map->slots, map->cap, h, key, len);
    if (!s->hash) {
        char *copy = copy_key(map, key, len);
        if (!copy)
            return -1;
        s->hash = h;
        s->key = copy;
        s->len = (uint32_t)len;
        map->count++;
    }
    s->value = value;
    return 0;
}

int entity_map_get(const entity_map_t *map, const char *key, size_t len, uint32_t *value)
{
    const slot_t *s = find_slot(map->slots, map->cap, hash_bytes(key, len), key, len);
    if (!s->hash)
        return 0;
    *value = s->value;
    return 1;
}

size_t entity_map_count(const entity_map_t *map)
{
    return map->count;
}
