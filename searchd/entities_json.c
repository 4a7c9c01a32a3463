/* entities_json.c - entities and facets as JSON; see entities_json.h. */
#include "entities_json.h"

#include "json_out.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const interval_names[] = { "day", "week", "month", "year" };

/* Whether ARRAY already holds NAME (compared without ASCII case, as the
 * index folds case): an article lists each value once. */
static int
has_name(json_t *array, const char *name)
{
    size_t i;
    json_t *v;

    json_array_foreach(array, i, v)
        if (strcasecmp(json_string_value(v), name) == 0)
            return 1;
    return 0;
}

/* Appends NAME to member KEY of OUT unless it is there; -1 on failure. */
static int
add_name(json_t *out, const char *key, const char *name)
{
    json_t *array = json_object_get(out, key);

    if (name == NULL || *name == '\0' || has_name(array, name))
        return 0;
    return json_array_append_new(array, json_string(name));
}

/* The members of entities_write()'s object, in their order. */
enum member { M_PERSON, M_PLACE, M_COUNTRY, M_ORG, M_PLACE_SALIENT, M_LAST };
static const char *const member_keys[M_LAST] = {
    "person", "place", "country", "org", "place_salient"
};

/* The name entity E gives member M of entities_write()'s object, or NULL:
 * the rules of entities_json(), one member at a time.  Compares kinds,
 * not strings: it runs for every entity of every hit, five times. */
static const char *
name_for(const khabar_entity_t *e, enum member m)
{
    const char *name = NULL;

    switch (khabar_entity_kind_name(e->kind) == NULL ? -1 : (int)e->kind) {
    case KHABAR_ENTITY_PERSON:
        name = m == M_PERSON ? e->name : NULL;
        break;
    case KHABAR_ENTITY_COUNTRY:
        name = m == M_COUNTRY ? e->name : NULL;
        break;
    case KHABAR_ENTITY_ORG:
        name = m == M_ORG ? e->name : NULL;
        break;
    case KHABAR_ENTITY_PLACE:
        if (m == M_PLACE || (e->salient && m == M_PLACE_SALIENT))
            name = e->name;
        else if (e->salient && m == M_COUNTRY)
            name = e->country;
        break;
    default:
        break;
    }
    return name != NULL && *name != '\0' ? name : NULL;
}

void
entities_write(struct json_out *out, const khabar_entity_t *entities,
               size_t n)
{
    /* The names already in the member being written, so that each goes
     * in once: comparing with those alone, rather than with the name of
     * every entity before, keeps a hit with many entities from costing
     * their square (a tenth of a request's instructions, with scores
     * of entities a hit). */
    const char *on_stack[64], **written = on_stack;
    size_t i, j, k;
    int m;

    if (n > sizeof(on_stack) / sizeof(on_stack[0]) &&
        (written = malloc(n * sizeof(*written))) == NULL) {
        json_out_fail(out);
        return;
    }
    json_out_open(out, '{');
    for (m = 0; m < M_LAST; m++) {
        json_out_key(out, member_keys[m]);
        json_out_open(out, '[');
        for (i = k = 0; i < n; i++) {
            const char *name = name_for(&entities[i], (enum member)m);

            /* Each name once, whatever its case: the first spelling. */
            for (j = 0; name != NULL && j < k; j++)
                if (strcasecmp(written[j], name) == 0)
                    name = NULL;
            if (name != NULL) {
                written[k++] = name;
                json_out_string(out, name);
            }
        }
        json_out_close(out, ']');
    }
    json_out_close(out, '}');
    if (written != on_stack)
        free(written);
}

json_t *
entities_json(const khabar_entity_t *entities, size_t n)
{
    json_t *out = json_pack("{s:[],s:[],s:[],s:[],s:[]}", "person", "place",
                            "country", "org", "place_salient");
    size_t i;
    int rc = out ? 0 : -1;

    for (i = 0; rc == 0 && i < n; i++) {
        const khabar_entity_t *e = &entities[i];
        const char *kind = khabar_entity_kind_name(e->kind);

        if (kind == NULL)
            continue;
        if (e->kind == KHABAR_ENTITY_PLACE) {
            rc = add_name(out, "place", e->name);
            if (rc == 0 && e->salient)
                rc = add_name(out, "place_salient", e->name);
            if (rc == 0 && e->salient)
                rc = add_name(out, "country", e->country);
        } else {
            rc = add_name(out, kind, e->name);
        }
    }
    if (rc != 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* The values of FACET: [{"value", "count", "filter"}...]. */
static json_t *
facet_values_json(const khabar_results_t *results, khabar_facet_t facet)
{
    json_t *array = json_array();
    size_t i, n = khabar_results_facet_size(results, facet);

    for (i = 0; array != NULL && i < n; i++) {
        json_t *v = json_pack(
            "{s:s,s:I,s:s}", "value",
            khabar_results_facet_value(results, facet, i), "count",
            (json_int_t)khabar_results_facet_count(results, facet, i),
            "filter", khabar_results_facet_filter(results, facet, i));
        if (json_array_append_new(array, v) != 0) {
            json_decref(array);
            return NULL;
        }
    }
    return array;
}

/* The date histogram: {"interval", "undated", "buckets": [...]}. */
static json_t *
date_json(const khabar_results_t *results)
{
    json_t *buckets = json_array();
    size_t i, n = khabar_results_date_size(results);
    khabar_interval_t interval = khabar_results_date_interval(results);

    for (i = 0; buckets != NULL && i < n; i++) {
        const khabar_bucket_t *b = khabar_results_date_bucket(results, i);
        json_t *v = json_pack("{s:s,s:s,s:s,s:I}", "key", b->key, "from",
                              b->start, "to", b->end, "count",
                              (json_int_t)b->count);
        if (json_array_append_new(buckets, v) != 0) {
            json_decref(buckets);
            return NULL;
        }
    }
    return json_pack("{s:s,s:I,s:o}", "interval",
                     interval_names[(int)interval & 3], "undated",
                     (json_int_t)khabar_results_date_undated(results),
                     "buckets", buckets);
}

json_t *
facets_json(const khabar_results_t *results)
{
    json_t *out = json_object();
    int f;

    for (f = 0; out != NULL && f < KHABAR_FACET_LAST; f++)
        if (json_object_set_new(out, khabar_facet_name((khabar_facet_t)f),
                                facet_values_json(results,
                                                  (khabar_facet_t)f)) != 0) {
            json_decref(out);
            return NULL;
        }
    if (out != NULL && json_object_set_new(out, "date", date_json(results)) != 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}
