/* article.c - owned articles and their stable ids. */
#include "article.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void article_clear(article_t *a)
{
    free(a->id);
    free(a->url);
    free(a->title);
    free(a->date);
    free(a->source);
    free(a->lang);
    free(a->body);
    free(a->origin);
    free(a->byline);
    free(a->extraction);
    for (size_t i = 0; i < a->n_entities; i++)
        free((char *)a->entities[i].name);
    free(a->entities);
    memset(a, 0, sizeof *a);
}

int article_add_entity(article_t *a, khabar_entity_kind_t kind,
                       const char *name)
{
    khabar_entity_t *grown;
    char *copy;

    /* Grown one at a time: an article supplies a handful. */
    grown = realloc(a->entities, (a->n_entities + 1) * sizeof *grown);
    if (!grown)
        return -1;
    a->entities = grown;
    if (!(copy = strdup(name)))
        return -1;
    grown[a->n_entities].kind = kind;
    grown[a->n_entities].name = copy;
    grown[a->n_entities].country = NULL;
    grown[a->n_entities].salient = 1;
    a->n_entities++;
    return 0;
}

khabar_article_t article_view(const article_t *a)
{
    khabar_article_t view = {a->id,     a->url,  a->title, a->date,
                             a->source, a->lang, a->body, a->origin,
                             a->byline, a->extraction, a->entities,
                             a->n_entities};
    return view;
}

/* 64-bit FNV-1a, continued from HASH: small, fast and stable across
 * machines, which is all an id needs. */
static uint64_t fnv1a(uint64_t hash, const char *s)
{
    for (; s && *s; s++) {
        hash ^= (unsigned char)*s;
        hash *= UINT64_C(1099511628211);
    }
    return hash;
}

int article_ensure_id(article_t *a)
{
    char hex[24];
    uint64_t hash;

    if (a->id && *a->id)
        return 0;
    free(a->id);
    if (a->url && *a->url && strlen(a->url) <= KHABAR_MAX_ID_BYTES) {
        a->id = strdup(a->url);
        return a->id ? 0 : -1;
    }
    if (a->url && *a->url) {
        /* Too long to be an id itself: its hash is as stable. */
        hash = fnv1a(UINT64_C(14695981039346656037), a->url);
        snprintf(hex, sizeof hex, "url-%016llx", (unsigned long long)hash);
    } else {
        /* The separator keeps "ab"+"c" and "a"+"bc" apart. */
        hash = fnv1a(UINT64_C(14695981039346656037), a->title);
        hash = fnv1a(hash, "\x1f");
        hash = fnv1a(hash, a->body);
        snprintf(hex, sizeof hex, "sha-%016llx", (unsigned long long)hash);
    }
    a->id = strdup(hex);
    return a->id ? 0 : -1;
}

int article_set_extraction(article_t *a, const extraction_t *e)
{
    const struct {
        const char *key, *rule;
    } fields[] = {
        {"title", e->title}, {"date", e->date},     {"byline", e->byline},
        {"body", e->body},   {"url", e->url},       {"source", e->source},
        {"lang", e->lang},
    };
    json_t *o = json_object();
    int rc = o ? 0 : -1;

    for (size_t i = 0; rc == 0 && i < sizeof fields / sizeof *fields; i++)
        if (fields[i].rule)
            rc = json_object_set_new(o, fields[i].key,
                                     json_string(fields[i].rule));
    free(a->extraction);
    a->extraction = rc == 0 ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER)
                            : NULL;
    json_decref(o);
    return a->extraction ? 0 : -1;
}
