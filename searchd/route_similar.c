/* route_similar.c - GET /similar/{id}?size=...: the articles most like
 * article ID ("more like this"), best first. */
#include <jansson.h>

#include "khabar.h"
#include "reader.h"
#include "respond.h"
#include "routes.h"

#define SIMILAR_SIZE_MAX 50
#define SIMILAR_SIZE_DEFAULT 10

/* One similar article as JSON; NULL on failure. */
static json_t *
hit_json(const khabar_hit_t *hit, size_t rank)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:f}",
                     "rank", (json_int_t)rank, "id", hit->id,
                     "title", hit->title, "url", hit->url, "date", hit->date,
                     "source", hit->source, "lang", hit->lang,
                     "score", hit->score);
}

/* The hits of SIMILAR; NULL on failure. */
static json_t *
hits_json(const khabar_similar_t *similar)
{
    json_t *hits = json_array();
    size_t i;

    for (i = 0; hits != NULL && i < khabar_similar_size(similar); i++)
        if (json_array_append_new(hits, hit_json(khabar_similar_hit(similar, i),
                                                 i + 1)) != 0) {
            json_decref(hits);
            return NULL;
        }
    return hits;
}

/* The terms the similarity query was made of; NULL on failure. */
static json_t *
terms_json(const khabar_similar_t *similar)
{
    json_t *terms = json_array();
    size_t i;

    for (i = 0; terms != NULL && i < khabar_similar_terms(similar); i++)
        if (json_array_append_new(terms, json_string(
                khabar_similar_term(similar, i))) != 0) {
            json_decref(terms);
            return NULL;
        }
    return terms;
}

/* Finds and sends up to SIZE articles like ID. */
static enum MHD_Result
send_similar(struct MHD_Connection *connection, const char *id,
             unsigned long size)
{
    khabar_index_t *index;
    khabar_similar_t *similar = NULL;
    khabar_status_t status;
    unsigned long revision;
    json_t *body;

    if (reader_acquire(&index) != KHABAR_STATUS_SUCCESS)
        return respond_internal(connection);
    if (khabar_index_revision(index, &revision) == KHABAR_STATUS_SUCCESS &&
        respond_fresh(connection, revision))
        return respond_not_modified(connection, revision);
    status = khabar_similar(index, id, (unsigned)size, &similar);
    while (reader_should_retry(index, status))
        status = khabar_similar(index, id, (unsigned)size, &similar);
    if (status == KHABAR_STATUS_NOT_FOUND)
        return respond_error(connection, MHD_HTTP_NOT_FOUND, "not_found",
                             "no article has that id");
    if (status != KHABAR_STATUS_SUCCESS) {
        reader_fail(index, status, "similar");
        return respond_internal(connection);
    }
    revision = khabar_similar_revision(similar);
    body = json_pack("{s:s,s:I,s:o,s:o}", "id", id,
                     "revision", (json_int_t)revision,
                     "terms", terms_json(similar), "hits", hits_json(similar));
    khabar_similar_free(similar);
    return respond_json(connection, MHD_HTTP_OK, body, &revision);
}

enum MHD_Result
route_similar(struct MHD_Connection *connection, const char *id)
{
    unsigned long size;
    json_t *text;

    if (*id == '\0')
        return route_bad_arg(connection, "id", "must not be empty");
    /* The id goes back in the answer: it must be UTF-8. */
    text = json_string(id);
    if (text == NULL)
        return route_bad_arg(connection, "id", "must be UTF-8 text");
    json_decref(text);
    if (route_uint_arg(connection, "size", 1, SIMILAR_SIZE_MAX,
                       SIMILAR_SIZE_DEFAULT, &size) != 0)
        return route_bad_uint(connection, "size", 1, SIMILAR_SIZE_MAX);
    return send_similar(connection, id, size);
}
