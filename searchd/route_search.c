/* route_search.c - GET /search?q=...&page=...&size=...: one page of ranked
 * hits for a query, with the total and the revision they were read from. */
#include <string.h>

#include <jansson.h>

#include "khabar.h"
#include "log.h"
#include "reader.h"
#include "respond.h"
#include "routes.h"

#define PAGE_MAX 100000
#define SIZE_MAX_HITS 100
#define SIZE_DEFAULT 10
/* Longer queries are refused before they reach Xapian: no real search
 * needs more, and each word costs a posting-list walk. */
#define QUERY_MAX_BYTES 1024
#define STRINGIFY(x) #x
#define TO_STRING(x) STRINGIFY(x)

/* One hit as JSON; RANK is 1-based over all pages.  NULL when out of
 * memory, when a string is not UTF-8 or when the score is not finite. */
static json_t *
hit_json(const khabar_hit_t *hit, unsigned long rank)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:f,s:s}",
                     "rank", (json_int_t)rank, "id", hit->id,
                     "title", hit->title, "url", hit->url,
                     "date", hit->date, "source", hit->source,
                     "lang", hit->lang, "score", hit->score,
                     "snippet", hit->snippet);
}

/* The array of hits in RESULTS, ranked from OFFSET + 1; NULL on failure. */
static json_t *
hits_json(const khabar_results_t *results, unsigned long offset)
{
    json_t *hits = json_array();
    size_t i, n = khabar_results_size(results);

    if (hits == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        const khabar_hit_t *hit = khabar_results_hit(results, i);

        if (hit == NULL ||
            json_array_append_new(hits, hit_json(hit, offset + i + 1)) != 0) {
            json_decref(hits);
            return NULL;
        }
    }
    return hits;
}

/* The whole answer; takes QUERY (the q argument as a JSON string). */
static json_t *
answer_json(json_t *query, const khabar_results_t *results,
            unsigned long page, unsigned long size)
{
    return json_pack("{s:o,s:I,s:I,s:I,s:I,s:o}", "query", query,
                     "revision", (json_int_t)khabar_results_revision(results),
                     "total", (json_int_t)khabar_results_total(results),
                     "page", (json_int_t)page, "size", (json_int_t)size,
                     "hits", hits_json(results, (page - 1) * size));
}

/* Runs the search and answers; takes QUERY. */
static enum MHD_Result
run_search(struct MHD_Connection *connection, const char *q, json_t *query,
           unsigned long page, unsigned long size)
{
    khabar_index_t *index;
    khabar_results_t *results = NULL;
    khabar_status_t status;
    unsigned offset = (unsigned)((page - 1) * size);
    unsigned long revision;
    json_t *body;

    if (reader_acquire(&index) != KHABAR_STATUS_SUCCESS) {
        json_decref(query);
        return respond_internal(connection);
    }
    /* A client that has this answer already is told so before the
     * search runs: the revision is all the ETag needs. */
    if (khabar_index_revision(index, &revision) == KHABAR_STATUS_SUCCESS &&
        respond_fresh(connection, revision)) {
        json_decref(query);
        return respond_not_modified(connection, revision);
    }
    status = khabar_search(index, q, offset, (unsigned)size, &results);
    if (reader_should_retry(index, status))
        status = khabar_search(index, q, offset, (unsigned)size, &results);
    if (status == KHABAR_STATUS_QUERY_SYNTAX) {
        const char *message = khabar_index_message(index);

        json_decref(query);
        return respond_error(connection, MHD_HTTP_BAD_REQUEST, "query_syntax",
                             message != NULL && *message != '\0' ? message :
                             "the query could not be parsed");
    }
    if (status != KHABAR_STATUS_SUCCESS) {
        reader_fail(index, status, "search");
        json_decref(query);
        return respond_internal(connection);
    }
    revision = khabar_results_revision(results);
    body = answer_json(query, results, page, size);
    khabar_results_free(results);
    return respond_json(connection, MHD_HTTP_OK, body, &revision);
}

enum MHD_Result
route_search(struct MHD_Connection *connection)
{
    const char *q;
    unsigned long page, size;
    json_t *query;

    switch (route_arg(connection, "q", &q)) {
    case 0:
        break;
    case -1:
        return route_missing(connection, "q");
    default:
        return route_bad_arg(connection, "q", "must not contain NUL");
    }
    if (strlen(q) > QUERY_MAX_BYTES)
        return route_bad_arg(connection, "q", "must be at most "
                             TO_STRING(QUERY_MAX_BYTES) " bytes");
    if (route_uint_arg(connection, "page", 1, PAGE_MAX, 1, &page) != 0)
        return route_bad_uint(connection, "page", 1, PAGE_MAX);
    if (route_uint_arg(connection, "size", 1, SIZE_MAX_HITS, SIZE_DEFAULT,
                       &size) != 0)
        return route_bad_uint(connection, "size", 1, SIZE_MAX_HITS);
    /* The query goes back in the answer, so it must be valid UTF-8; jansson
     * checks that here, before the search is run. */
    query = json_string(q);
    if (query == NULL)
        return route_bad_arg(connection, "q", "must be UTF-8 text");
    return run_search(connection, q, query, page, size);
}
