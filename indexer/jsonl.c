/* jsonl.c - JSON Lines articles, parsed with jansson. */
#include "jsonl.h"
#include "text.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int jsonl_is_blank(const char *line, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!line[i] || !strchr(" \t\r\n", line[i]))
            return 0;
    return 1;
}

/* Copies member NAME of OBJECT into *FIELD.  Absent or null is fine; any
 * other type than a string is an error. */
static int take_string(json_t *object, const char *name, char **field,
                       char *err, size_t errlen)
{
    json_t *value = json_object_get(object, name);

    if (!value || json_is_null(value))
        return 0;
    if (!json_is_string(value)) {
        snprintf(err, errlen, "field '%s' must be a string", name);
        return -1;
    }
    /* jansson has checked the UTF-8; the repair drops NUL bytes, which
     * JSON may escape but C strings cannot hold. */
    *field = utf8_repair(json_string_value(value), json_string_length(value));
    if (!*field) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

/* Every field of a JSON Lines article was given as it is: "jsonl". */
static int note_extraction(article_t *out, char *err, size_t errlen)
{
#define GIVEN(f) (out->f && *out->f ? "jsonl" : NULL)
    extraction_t e = {GIVEN(title), GIVEN(date),   NULL,       GIVEN(body),
                      GIVEN(url),   GIVEN(source), GIVEN(lang)};
#undef GIVEN

    if (article_set_extraction(out, &e) < 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

/* Reads the optional "entities" member: an object whose members
 * person, place, org and country are arrays of strings.  Present (even
 * empty), it replaces the extractor for this article. */
static int take_entities(json_t *object, article_t *out, char *err,
                         size_t errlen)
{
    static const struct {
        const char *name;
        khabar_entity_kind_t kind;
    } kinds[] = {
        {"person", KHABAR_ENTITY_PERSON}, {"place", KHABAR_ENTITY_PLACE},
        {"org", KHABAR_ENTITY_ORG},       {"country", KHABAR_ENTITY_COUNTRY},
    };
    json_t *entities = json_object_get(object, "entities"), *list, *name;
    size_t i, j;

    if (!entities || json_is_null(entities))
        return 0;
    if (!json_is_object(entities)) {
        snprintf(err, errlen, "field 'entities' must be an object of arrays "
                 "(person, place, org, country)");
        return -1;
    }
    out->entities_given = 1;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        list = json_object_get(entities, kinds[i].name);
        if (!list || json_is_null(list))
            continue;
        if (!json_is_array(list)) {
            snprintf(err, errlen, "field 'entities.%s' must be an array of "
                     "strings", kinds[i].name);
            return -1;
        }
        json_array_foreach(list, j, name) {
            char *text;
            if (!json_is_string(name)) {
                snprintf(err, errlen, "field 'entities.%s' must be an array "
                         "of strings", kinds[i].name);
                return -1;
            }
            text = utf8_repair(json_string_value(name), json_string_length(name));
            if (!text || (*text && article_add_entity(out, kinds[i].kind,
                                                      text) < 0)) {
                free(text);
                snprintf(err, errlen, "out of memory");
                return -1;
            }
            free(text);
        }
    }
    return 0;
}

static int take_fields(json_t *object, article_t *out, char *err,
                       size_t errlen)
{
    struct {
        const char *name;
        char **field;
    } const fields[] = {
        {"id", &out->id},         {"url", &out->url},   {"title", &out->title},
        {"date", &out->date},     {"source", &out->source},
        {"lang", &out->lang},     {"body", &out->body},
    };

    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (take_string(object, fields[i].name, fields[i].field, err,
                        errlen) < 0)
            return -1;
    if ((!out->title || !*out->title) && (!out->body || !*out->body)) {
        snprintf(err, errlen, "article has neither 'title' nor 'body'");
        return -1;
    }
    if (take_entities(object, out, err, errlen) < 0)
        return -1;
    return note_extraction(out, err, errlen);
}

int jsonl_parse_line(const char *line, size_t n, article_t *out, char *err,
                     size_t errlen)
{
    json_error_t error;
    json_t *object;
    int rc;

    object = json_loadb(line, n,
                        JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL,
                        &error);
    if (!object) {
        snprintf(err, errlen, "column %d: invalid JSON: %s", error.column,
                 error.text);
        return -1;
    }
    if (!json_is_object(object)) {
        snprintf(err, errlen, "expected a JSON object, one article a line");
        json_decref(object);
        return -1;
    }
    rc = take_fields(object, out, err, errlen);
    json_decref(object);
    return rc;
}
