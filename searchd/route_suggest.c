/* route_suggest.c - GET /suggest?prefix=...: completions for a word being
 * typed, from the words of article titles, most frequent first. */
#include <string.h>

#include <jansson.h>

#include "khabar.h"
#include "reader.h"
#include "respond.h"
#include "routes.h"

#define SUGGEST_MAX 10
/* No title word is this long; longer prefixes cannot match. */
#define PREFIX_MAX_BYTES 64

/* The suggestions of COUNTS as JSON; NULL on failure. */
static json_t *
suggestions_json(const khabar_counts_t *counts)
{
    json_t *list = json_array();
    size_t i;

    for (i = 0; list != NULL && i < khabar_counts_size(counts); i++)
        if (json_array_append_new(list, json_pack(
                "{s:s,s:I}", "word", khabar_counts_name(counts, i),
                "articles", (json_int_t)khabar_counts_value(counts, i))) != 0) {
            json_decref(list);
            return NULL;
        }
    return list;
}

/* Looks PREFIX up and answers; takes TEXT (PREFIX as a JSON string). */
static enum MHD_Result
send_suggestions(struct MHD_Connection *connection, const char *prefix,
                 json_t *text)
{
    khabar_index_t *index;
    khabar_counts_t *counts = NULL;
    khabar_status_t status;
    unsigned long revision = 0;
    json_t *body;

    if (reader_acquire(&index) != KHABAR_STATUS_SUCCESS) {
        json_decref(text);
        return respond_internal(connection);
    }
    status = khabar_index_revision(index, &revision);
    if (status == KHABAR_STATUS_SUCCESS && respond_fresh(connection, revision)) {
        json_decref(text);
        return respond_not_modified(connection, revision);
    }
    if (status == KHABAR_STATUS_SUCCESS)
        status = khabar_suggest(index, prefix, SUGGEST_MAX, &counts);
    while (reader_should_retry(index, status))
        status = khabar_suggest(index, prefix, SUGGEST_MAX, &counts);
    if (status != KHABAR_STATUS_SUCCESS) {
        json_decref(text);
        reader_fail(index, status, "suggest");
        return respond_internal(connection);
    }
    body = json_pack("{s:o,s:I,s:o}", "prefix", text,
                     "revision", (json_int_t)revision,
                     "suggestions", suggestions_json(counts));
    khabar_counts_free(counts);
    return respond_json(connection, MHD_HTTP_OK, body, &revision);
}

/* The number of UTF-8 characters in TEXT. */
static size_t
utf8_chars(const char *text)
{
    size_t n = 0;

    for (; *text != '\0'; text++)
        n += ((unsigned char)*text & 0xc0) != 0x80;
    return n;
}

enum MHD_Result
route_suggest(struct MHD_Connection *connection)
{
    const char *prefix;
    json_t *text;

    switch (route_arg(connection, "prefix", &prefix)) {
    case 0:
        break;
    case -1:
        return route_missing(connection, "prefix");
    default:
        return route_bad_arg(connection, "prefix", "must not contain NUL");
    }
    if (strlen(prefix) > PREFIX_MAX_BYTES)
        return route_bad_arg(connection, "prefix", "must be at most 64 bytes");
    text = json_string(prefix);
    if (text == NULL)
        return route_bad_arg(connection, "prefix", "must be UTF-8 text");
    if (utf8_chars(prefix) < KHABAR_SUGGEST_MIN_CHARS) {
        json_decref(text);
        return route_bad_arg(connection, "prefix",
                             "must be at least 2 characters");
    }
    return send_suggestions(connection, prefix, text);
}
