/* respond.c - the one place where searchd builds HTTP responses; see
 * respond.h for the rules every response follows. */
#include "respond.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

/* What a 500 says whatever went wrong.  It is a constant so that it can be
 * sent when there is no memory left to build anything. */
static const char internal_body[] =
    "{\"error\":{\"code\":\"internal\",\"message\":\"internal error\"}}\n";

json_t *
respond_error_body(const char *code, const char *message)
{
    return json_pack("{s:{s:s,s:s}}", "error", "code", code,
                     "message", message);
}

/* The \u escape for C when an HTML parser would see markup in it, or NULL.
 * Inside JSON these characters occur only in strings, where the escape
 * means the same thing, so rewriting them cannot change the data. */
static const char *
html_escape(char c)
{
    switch (c) {
    case '<': return "\\u003c";
    case '>': return "\\u003e";
    case '&': return "\\u0026";
    default: return NULL;
    }
}

char *
respond_encode(const json_t *body, size_t *len)
{
    char *text, *out = NULL;
    size_t n, i, j = 0, extra = 0;

    text = json_dumps(body, JSON_COMPACT);
    if (text == NULL)
        return NULL;
    n = strlen(text);
    for (i = 0; i < n; i++)
        if (html_escape(text[i]) != NULL)
            extra++;
    /* Each escape turns one byte into six; then a newline and a NUL. */
    if (extra > (SIZE_MAX - n - 2) / 5)
        goto fail;
    out = malloc(n + extra * 5 + 2);
    if (out == NULL)
        goto fail;
    for (i = 0; i < n; i++) {
        const char *esc = html_escape(text[i]);

        if (esc == NULL) {
            out[j++] = text[i];
            continue;
        }
        memcpy(out + j, esc, 6);
        j += 6;
    }
    out[j++] = '\n';
    out[j] = '\0';
    *len = j;
fail:
    free(text);
    return out;
}

/* Adds the headers every response carries; 0 on success, -1 if one
 * could not be added. */
static int
add_headers(struct MHD_Response *response, const unsigned long *revision,
            const char *allow)
{
    char buf[32];
    int n;

    if (MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE,
                                "application/json; charset=utf-8") != MHD_YES ||
        MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL,
                                "no-store") != MHD_YES ||
        MHD_add_response_header(response, "X-Content-Type-Options",
                                "nosniff") != MHD_YES)
        return -1;
    if (allow != NULL &&
        MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW,
                                allow) != MHD_YES)
        return -1;
    if (revision == NULL)
        return 0;
    n = snprintf(buf, sizeof(buf), "%lu", *revision);
    if (n < 0 || (size_t)n >= sizeof(buf))
        return -1;
    if (MHD_add_response_header(response, "X-Khabar-Revision",
                                buf) != MHD_YES)
        return -1;
    return 0;
}

/* Creates, queues and destroys one response around TEXT.  With
 * MHD_RESPMEM_MUST_FREE, TEXT is freed whatever happens. */
static enum MHD_Result
send_text(struct MHD_Connection *connection, unsigned int status, char *text,
          size_t len, enum MHD_ResponseMemoryMode mode,
          const unsigned long *revision, const char *allow)
{
    struct MHD_Response *response;
    enum MHD_Result ret;

    response = MHD_create_response_from_buffer(len, text, mode);
    if (response == NULL) {
        if (mode == MHD_RESPMEM_MUST_FREE)
            free(text);
        log_error("cannot create a response");
        return MHD_NO;
    }
    if (add_headers(response, revision, allow) != 0) {
        log_error("cannot add the response headers");
        MHD_destroy_response(response);
        return MHD_NO;
    }
    ret = MHD_queue_response(connection, status, response);
    MHD_destroy_response(response);
    return ret;
}

enum MHD_Result
respond_internal(struct MHD_Connection *connection)
{
    return send_text(connection, MHD_HTTP_INTERNAL_SERVER_ERROR,
                     (char *)internal_body, sizeof(internal_body) - 1,
                     MHD_RESPMEM_PERSISTENT, NULL, NULL);
}

/* Encodes and releases BODY, then sends it with STATUS. */
static enum MHD_Result
send_json(struct MHD_Connection *connection, unsigned int status,
          json_t *body, const unsigned long *revision, const char *allow)
{
    char *text;
    size_t len;

    if (body == NULL) {
        log_error("cannot build a JSON body (out of memory, or not UTF-8)");
        return respond_internal(connection);
    }
    text = respond_encode(body, &len);
    json_decref(body);
    if (text == NULL) {
        log_error("cannot encode a JSON body: out of memory");
        return respond_internal(connection);
    }
    return send_text(connection, status, text, len, MHD_RESPMEM_MUST_FREE,
                     revision, allow);
}

enum MHD_Result
respond_json(struct MHD_Connection *connection, unsigned int status,
             json_t *body, const unsigned long *revision)
{
    return send_json(connection, status, body, revision, NULL);
}

enum MHD_Result
respond_error(struct MHD_Connection *connection, unsigned int status,
              const char *code, const char *message)
{
    return send_json(connection, status, respond_error_body(code, message),
                     NULL, NULL);
}

enum MHD_Result
respond_no_such_resource(struct MHD_Connection *connection)
{
    return respond_error(connection, MHD_HTTP_NOT_FOUND, "not_found",
                         "no such resource");
}

enum MHD_Result
respond_method_not_allowed(struct MHD_Connection *connection)
{
    return send_json(connection, MHD_HTTP_METHOD_NOT_ALLOWED,
                     respond_error_body("method_not_allowed",
                                        "only GET and HEAD are allowed"),
                     NULL, "GET, HEAD");
}
