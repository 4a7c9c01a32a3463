/* route_stats.c - GET /stats: what the index holds: articles, sources
 * (how many, and those with most articles), the span of dates, the
 * revision, the generation and the shards. */
#include <stdio.h>

#include <jansson.h>

#include "khabar.h"
#include "reader.h"
#include "respond.h"
#include "routes.h"
#include "shards_json.h"

#define TOP_SOURCES 10

/* DATE ("YYYYMMDD" or "") as "YYYY-MM-DD", or JSON null; NULL on
 * failure. */
static json_t *
date_json(const char *date)
{
    char iso[16];

    if (date[0] == '\0')
        return json_null();
    snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2s", date, date + 4, date + 6);
    return json_string(iso);
}

/* The top sources as JSON; NULL on failure. */
static json_t *
sources_json(const khabar_counts_t *top)
{
    json_t *list = json_array();
    size_t i;

    for (i = 0; list != NULL && i < khabar_counts_size(top); i++)
        if (json_array_append_new(list, json_pack(
                "{s:s,s:I}", "source", khabar_counts_name(top, i),
                "articles", (json_int_t)khabar_counts_value(top, i))) != 0) {
            json_decref(list);
            return NULL;
        }
    return list;
}

static json_t *
stats_json(const khabar_stats_t *s, const khabar_counts_t *top,
           json_t *shards)
{
    return json_pack("{s:I,s:I,s:I,s:{s:I,s:o},s:{s:o,s:o},s:o*}",
                     "revision", (json_int_t)s->revision,
                     "generation", (json_int_t)s->generation,
                     "articles", (json_int_t)s->articles,
                     "sources", "count", (json_int_t)s->sources,
                     "top", sources_json(top),
                     "dates", "first", date_json(s->first_date),
                     "last", date_json(s->last_date),
                     "shards", shards);
}

/* The statistics and the top sources, both from one revision. */
static khabar_status_t
read_stats(khabar_index_t *index, khabar_stats_t *stats,
           khabar_counts_t **top, json_t **shards)
{
    khabar_status_t status = khabar_index_stats(index, stats);

    if (status == KHABAR_STATUS_SUCCESS)
        status = khabar_index_top_sources(index, TOP_SOURCES, top);
    if (status == KHABAR_STATUS_SUCCESS) {
        json_decref(*shards);
        *shards = shards_json(index, &status);
    }
    return status;
}

enum MHD_Result
route_stats(struct MHD_Connection *connection)
{
    khabar_index_t *index;
    khabar_counts_t *top = NULL;
    khabar_stats_t stats;
    khabar_status_t status;
    unsigned long revision;
    json_t *body, *shards = NULL;

    if (reader_acquire(&index) != KHABAR_STATUS_SUCCESS)
        return respond_internal(connection);
    if (khabar_index_revision(index, &revision) == KHABAR_STATUS_SUCCESS &&
        respond_fresh(connection, revision))
        return respond_not_modified(connection, revision);
    status = read_stats(index, &stats, &top, &shards);
    while (reader_should_retry(index, status)) {
        khabar_counts_free(top);
        top = NULL;
        status = read_stats(index, &stats, &top, &shards);
    }
    if (status != KHABAR_STATUS_SUCCESS) {
        khabar_counts_free(top);
        json_decref(shards);
        reader_fail(index, status, "stats");
        return respond_internal(connection);
    }
    body = stats_json(&stats, top, shards);
    khabar_counts_free(top);
    revision = stats.revision;
    return respond_json(connection, MHD_HTTP_OK, body, &revision);
}
