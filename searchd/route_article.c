/* route_article.c - GET /article?id=... and GET /article/{id}: one stored
 * article, with the revision it was read from. */
#include <jansson.h>

#include "entities_json.h"
#include "khabar.h"
#include "reader.h"
#include "respond.h"
#include "routes.h"

/* How each field was obtained (khabar_article_t.extraction, a JSON object
 * as text) as JSON: null when the article has no such record, or one that
 * is not an object. */
static json_t *
extraction_json(const char *text)
{
    json_t *value;

    if (text == NULL || *text == '\0')
        return json_null();
    value = json_loads(text, 0, NULL);
    if (!json_is_object(value)) {
        json_decref(value);
        return json_null();
    }
    return value;
}

/* The answer for ARTICLE read at REVISION: every field the index stores;
 * NULL when out of memory or when a stored string is not UTF-8. */
static json_t *
article_json(const khabar_article_t *article, unsigned long revision)
{
    return json_pack("{s:I,s:{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o}}",
                     "revision", (json_int_t)revision, "article",
                     "id", article->id, "url", article->url,
                     "title", article->title, "date", article->date,
                     "source", article->source, "lang", article->lang,
                     "body", article->body, "byline", article->byline,
                     "extraction", extraction_json(article->extraction),
                     "entities", entities_json(article->entities,
                                               article->n_entities));
}

/* Reads article ID and answers. */
static enum MHD_Result
send_article(struct MHD_Connection *connection, const char *id)
{
    khabar_index_t *index;
    khabar_stored_article_t *stored = NULL;
    khabar_status_t status;
    unsigned long revision = 0;
    json_t *body;

    if (reader_acquire(&index) != KHABAR_STATUS_SUCCESS)
        return respond_internal(connection);
    /* The ETag needs only the revision: a client that has the answer is
     * told so before the article is read. */
    if (khabar_index_revision(index, &revision) == KHABAR_STATUS_SUCCESS &&
        respond_fresh(connection, revision))
        return respond_not_modified(connection, revision);
    status = khabar_index_get(index, id, &stored);
    while (reader_should_retry(index, status))
        status = khabar_index_get(index, id, &stored);
    if (status == KHABAR_STATUS_NOT_FOUND)
        return respond_error(connection, MHD_HTTP_NOT_FOUND, "not_found",
                             "no article has that id");
    if (status == KHABAR_STATUS_SUCCESS)
        status = khabar_index_revision(index, &revision);
    if (status != KHABAR_STATUS_SUCCESS) {
        khabar_stored_article_free(stored);
        reader_fail(index, status, "article");
        return respond_internal(connection);
    }
    body = article_json(khabar_stored_article_fields(stored), revision);
    khabar_stored_article_free(stored);
    return respond_json(connection, MHD_HTTP_OK, body, &revision);
}

enum MHD_Result
route_article(struct MHD_Connection *connection)
{
    const char *id;

    switch (route_arg(connection, "id", &id)) {
    case 0:
        break;
    case -1:
        return route_missing(connection, "id");
    default:
        return route_bad_arg(connection, "id", "must not contain NUL");
    }
    if (*id == '\0')
        return route_bad_arg(connection, "id", "must not be empty");
    return send_article(connection, id);
}

enum MHD_Result
route_article_id(struct MHD_Connection *connection, const char *id)
{
    if (*id == '\0')
        return route_bad_arg(connection, "id", "must not be empty");
    return send_article(connection, id);
}
