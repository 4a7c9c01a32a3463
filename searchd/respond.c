/* respond.c - the one place where searchd builds HTTP responses; see
 * respond.h for the rules every response follows. */
#include "respond.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "etag.h"
#include "gzip.h"
#include "log.h"
#include "reader.h"

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

static const char *cors_origin;

void
respond_set_cors(const char *origin)
{
    cors_origin = origin;
}

int
respond_valid_origin(const char *origin)
{
    const char *host = strstr(origin, "://"), *p;

    if (strcmp(origin, "*") == 0)
        return 1;
    if (host == NULL || host == origin || host[3] == '\0')
        return 0;
    for (p = origin; p < host; p++)
        if (!isalnum((unsigned char)*p) && *p != '+' && *p != '-' &&
            *p != '.')
            return 0;
    for (p = host + 3; *p != '\0'; p++)
        if (!isalnum((unsigned char)*p) && strchr(".-:[]", *p) == NULL)
            return 0;
    return 1;
}

/* What the headers of one answer depend on. */
struct answer {
    const unsigned long *revision;      /* NULL for errors */
    const char *etag;                   /* NULL when there is none */
    const char *const *extra;           /* NULL, or { name, value }: the
                                         * Allow of a 405, the
                                         * WWW-Authenticate of a 401 */
    int gzipped;
    const char *content_type;           /* NULL for JSON */
    int page;                           /* the web page: CSP and friends */
};

static int
add(struct MHD_Response *response, const char *name, const char *value)
{
    return MHD_add_response_header(response, name, value) == MHD_YES ? 0 : -1;
}

/* Adds the headers every response carries; 0, or -1 if one could not be
 * added.  A successful answer may be stored but must be revalidated (its
 * ETag makes that cheap); an error is never stored. */
static int
add_common_headers(struct MHD_Response *response, const struct answer *a)
{
    if (add(response, MHD_HTTP_HEADER_CONTENT_TYPE,
            a->content_type != NULL ? a->content_type :
            "application/json; charset=utf-8") != 0 ||
        add(response, MHD_HTTP_HEADER_CACHE_CONTROL,
            a->revision != NULL || a->page ? "no-cache" : "no-store") != 0 ||
        add(response, "X-Content-Type-Options", "nosniff") != 0 ||
        add(response, MHD_HTTP_HEADER_VARY,
            MHD_HTTP_HEADER_ACCEPT_ENCODING) != 0)
        return -1;
    if (cors_origin != NULL &&
        (add(response, "Access-Control-Allow-Origin", cors_origin) != 0 ||
         add(response, "Access-Control-Expose-Headers",
             "ETag, X-Khabar-Revision") != 0))
        return -1;
    return 0;
}

/* What the web page may load: only its own files and answers, nothing
 * inline, so that a string from the index that slipped into the document
 * as markup still could not run (docs/WEB.md). */
static const char page_csp[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

/* The headers of the web page and its files; 0 or -1. */
static int
add_page_headers(struct MHD_Response *response)
{
    if (add(response, "Content-Security-Policy", page_csp) != 0 ||
        add(response, "X-Frame-Options", "DENY") != 0 ||
        add(response, "Referrer-Policy", "no-referrer") != 0)
        return -1;
    return 0;
}

/* Adds the headers that depend on the answer; 0 or -1. */
static int
add_answer_headers(struct MHD_Response *response, const struct answer *a)
{
    char buf[32];
    int n;

    if (add_common_headers(response, a) != 0)
        return -1;
    if ((a->extra != NULL && add(response, a->extra[0], a->extra[1]) != 0) ||
        (a->gzipped &&
         add(response, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip") != 0) ||
        (a->etag != NULL && add(response, MHD_HTTP_HEADER_ETAG, a->etag) != 0))
        return -1;
    if (a->page && add_page_headers(response) != 0)
        return -1;
    if (a->revision == NULL)
        return 0;
    n = snprintf(buf, sizeof(buf), "%lu", *a->revision);
    if (n < 0 || (size_t)n >= sizeof(buf))
        return -1;
    return add(response, "X-Khabar-Revision", buf);
}

/* Replaces *TEXT (*LEN bytes, held as *MODE says) by its gzip form when
 * the body is worth compressing and the client accepts gzip; 1 if it did,
 * 0 if the body stays as it is. */
static int
maybe_gzip(struct MHD_Connection *connection, char **text, size_t *len,
           enum MHD_ResponseMemoryMode *mode)
{
    const char *accept;
    char *packed;
    size_t packed_len;

    if (*len < GZIP_MIN_BYTES)
        return 0;
    accept = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
                                         MHD_HTTP_HEADER_ACCEPT_ENCODING);
    if (!gzip_accepted(accept))
        return 0;
    packed = gzip_compress(*text, *len, &packed_len);
    if (packed == NULL)
        return 0;
    if (*mode == MHD_RESPMEM_MUST_FREE)
        free(*text);
    *text = packed;
    *len = packed_len;
    *mode = MHD_RESPMEM_MUST_FREE;
    return 1;
}

/* Creates, queues and destroys one response around TEXT.  With
 * MHD_RESPMEM_MUST_FREE, TEXT is freed whatever happens. */
static enum MHD_Result
send_text(struct MHD_Connection *connection, unsigned int status, char *text,
          size_t len, enum MHD_ResponseMemoryMode mode, struct answer *a)
{
    struct MHD_Response *response;
    enum MHD_Result ret;

    a->gzipped = maybe_gzip(connection, &text, &len, &mode);
    response = MHD_create_response_from_buffer(len, text, mode);
    if (response == NULL) {
        if (mode == MHD_RESPMEM_MUST_FREE)
            free(text);
        log_error("cannot create a response");
        return MHD_NO;
    }
    if (add_answer_headers(response, a) != 0) {
        log_error("cannot add the response headers");
        MHD_destroy_response(response);
        return MHD_NO;
    }
    ret = MHD_queue_response(connection, status, response);
    MHD_destroy_response(response);
    if (ret == MHD_YES)
        conn_note_response(connection, status, len);
    return ret;
}

/* Writes the ETag for an answer at REVISION to this request into BUF
 * (ETAG_SIZE bytes); 0, or -1 when the request has no state to hash. */
static int
make_etag(struct MHD_Connection *connection, unsigned long revision,
          char *buf)
{
    const struct conn *conn = conn_of(connection);

    if (conn == NULL)
        return -1;
    etag_format(revision, conn->target_hash, buf);
    return 0;
}

int
respond_fresh(struct MHD_Connection *connection, unsigned long revision)
{
    char etag[ETAG_SIZE];
    const char *header;

    if (make_etag(connection, revision, etag) != 0)
        return 0;
    header = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
                                         MHD_HTTP_HEADER_IF_NONE_MATCH);
    return etag_matches(header, etag);
}

enum MHD_Result
respond_not_modified(struct MHD_Connection *connection,
                     unsigned long revision)
{
    char etag[ETAG_SIZE];
    struct answer a = { &revision, NULL, NULL, 0, NULL, 0 };

    if (make_etag(connection, revision, etag) == 0)
        a.etag = etag;
    return send_text(connection, MHD_HTTP_NOT_MODIFIED, (char *)"", 0,
                     MHD_RESPMEM_PERSISTENT, &a);
}

enum MHD_Result
respond_internal(struct MHD_Connection *connection)
{
    struct answer a = { NULL, NULL, NULL, 0, NULL, 0 };
    char why[512];

    /* Not our fault but a shard's: say which, and that it may pass. */
    if (reader_take_unavailable(why, sizeof(why)))
        return respond_error(connection, MHD_HTTP_SERVICE_UNAVAILABLE,
                             "shard_unavailable", why);
    /* Nor when the request was refused a worker as searchd stops. */
    if (reader_take_stopped())
        return respond_error(connection, MHD_HTTP_SERVICE_UNAVAILABLE,
                             "stopping", "searchd is stopping");

    return send_text(connection, MHD_HTTP_INTERNAL_SERVER_ERROR,
                     (char *)internal_body, sizeof(internal_body) - 1,
                     MHD_RESPMEM_PERSISTENT, &a);
}

/* Encodes and releases BODY, then sends it with STATUS.  A successful
 * answer with a REVISION gets its ETag, or a 304 when the client has it. */
static enum MHD_Result
send_json(struct MHD_Connection *connection, unsigned int status,
          json_t *body, const unsigned long *revision,
          const char *const *extra)
{
    struct answer a = { revision, NULL, extra, 0, NULL, 0 };
    char *text, etag[ETAG_SIZE];
    size_t len;

    if (body != NULL && status == MHD_HTTP_OK && revision != NULL) {
        if (respond_fresh(connection, *revision)) {
            json_decref(body);
            return respond_not_modified(connection, *revision);
        }
        if (make_etag(connection, *revision, etag) == 0)
            a.etag = etag;
    }

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
                     &a);
}

enum MHD_Result
respond_json(struct MHD_Connection *connection, unsigned int status,
             json_t *body, const unsigned long *revision)
{
    return send_json(connection, status, body, revision, NULL);
}

enum MHD_Result
respond_json_text(struct MHD_Connection *connection, unsigned int status,
                  char *text, size_t len, const unsigned long *revision)
{
    struct answer a = { revision, NULL, NULL, 0, NULL, 0 };
    char etag[ETAG_SIZE];

    if (text == NULL)
        return respond_internal(connection);
    if (status == MHD_HTTP_OK && revision != NULL) {
        if (respond_fresh(connection, *revision)) {
            free(text);
            return respond_not_modified(connection, *revision);
        }
        if (make_etag(connection, *revision, etag) == 0)
            a.etag = etag;
    }
    return send_text(connection, status, text, len, MHD_RESPMEM_MUST_FREE,
                     &a);
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
    static const char *const allow[] = { MHD_HTTP_HEADER_ALLOW, "GET, HEAD" };

    return send_json(connection, MHD_HTTP_METHOD_NOT_ALLOWED,
                     respond_error_body("method_not_allowed",
                                        "only GET and HEAD are allowed"),
                     NULL, allow);
}

enum MHD_Result
respond_error_header(struct MHD_Connection *connection, unsigned int status,
                     const char *code, const char *message,
                     const char *name, const char *value)
{
    const char *const extra[] = { name, value };

    return send_json(connection, status, respond_error_body(code, message),
                     NULL, extra);
}

/* ---- Answers that are not one JSON body: /metrics and /export ---- */

enum MHD_Result
respond_text(struct MHD_Connection *connection, const char *content_type,
             char *text, size_t len)
{
    struct answer a = { NULL, NULL, NULL, 0, content_type, 0 };

    /* Never stored: the figures change with every request. */
    return send_text(connection, MHD_HTTP_OK, text, len,
                     MHD_RESPMEM_MUST_FREE, &a);
}

enum MHD_Result
respond_stream(struct MHD_Connection *connection,
               const struct respond_stream_info *info,
               MHD_ContentReaderCallback reader, void *cls,
               MHD_ContentReaderFreeCallback release)
{
    struct answer a = { &info->revision, NULL, NULL, info->gzipped,
                        info->content_type, 0 };
    struct MHD_Response *response;
    enum MHD_Result ret;
    char etag[ETAG_SIZE];

    if (make_etag(connection, info->revision, etag) == 0)
        a.etag = etag;
    response = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN,
                                                 RESPOND_STREAM_BLOCK, reader,
                                                 cls, release);
    if (response == NULL) {
        release(cls);
        log_error("cannot create a streamed response");
        return MHD_NO;
    }
    if (add_answer_headers(response, &a) != 0 ||
        (info->disposition != NULL &&
         add(response, MHD_HTTP_HEADER_CONTENT_DISPOSITION,
             info->disposition) != 0)) {
        log_error("cannot add the response headers");
        MHD_destroy_response(response);
        return MHD_NO;
    }
    ret = MHD_queue_response(connection, MHD_HTTP_OK, response);
    MHD_destroy_response(response);
    if (ret == MHD_YES)
        conn_note_response(connection, MHD_HTTP_OK, (size_t)-1);
    return ret;
}

/* ---- The web page (route_page.c) ---- */

enum MHD_Result
respond_page(struct MHD_Connection *connection, const char *content_type,
             const unsigned char *data, size_t len)
{
    struct answer a = { NULL, NULL, NULL, 0, content_type, 1 };

    return send_text(connection, MHD_HTTP_OK, (char *)data, len,
                     MHD_RESPMEM_PERSISTENT, &a);
}

enum MHD_Result
respond_query_failed(struct MHD_Connection *connection, khabar_index_t *index,
                     khabar_status_t status, const char *route)
{
    const char *message = khabar_index_message(index);

    if (status == KHABAR_STATUS_QUERY_SYNTAX)
        return respond_error(connection, MHD_HTTP_BAD_REQUEST, "query_syntax",
                             message && *message ? message :
                             "the query could not be parsed");
    reader_fail(index, status, route);
    return respond_internal(connection);
}
