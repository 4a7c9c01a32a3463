/* extract_out.c - articles as JSON Lines, for checking what the readers
 * make of an input before it goes into an index. */
#include "extract_out.h"

#include <jansson.h>

void extract_out_init(sink_t *sink, FILE *out)
{
    sink->put = extract_out_put;
    sink->out = out;
}

static int set_string(json_t *j, const char *name, const char *value)
{
    return value ? json_object_set_new(j, name, json_string(value)) : 0;
}

/* The readers' provenance is a JSON object already: kept as one, so that
 * jq can read it; as a string if it ever is not. */
static int set_extraction(json_t *j, const char *text)
{
    json_t *value;

    if (!text)
        return 0;
    value = json_loads(text, 0, NULL);
    if (!value)
        value = json_string(text);
    return json_object_set_new(j, "extraction", value);
}

static json_t *article_json(const article_t *a)
{
    json_t *j = json_object();

    if (!j || set_string(j, "id", a->id) || set_string(j, "url", a->url) ||
        set_string(j, "title", a->title) || set_string(j, "date", a->date) ||
        set_string(j, "source", a->source) || set_string(j, "lang", a->lang) ||
        set_string(j, "byline", a->byline) || set_string(j, "body", a->body) ||
        set_string(j, "origin", a->origin) ||
        set_extraction(j, a->extraction)) {
        json_decref(j);
        return NULL;
    }
    return j;
}

int extract_out_put(sink_t *sink, article_t *a, const where_t *at)
{
    json_t *j = article_json(a);
    int rc = -1;

    if (!j)
        report_error_at(at, "out of memory");
    else if (json_dumpf(j, sink->out, JSON_COMPACT) != 0 ||
             fputc('\n', sink->out) == EOF)
        report_error(NULL, 0, "cannot write the extracted articles");
    else
        rc = 0;
    json_decref(j);
    if (rc == 0)
        sink->extracted++;
    else
        sink->fatal = KHABAR_STATUS_IO_ERROR;
    return rc;
}
