/* respond.h - the one place where searchd builds HTTP responses.
 *
 * Every body is JSON made by jansson, so every string in it is escaped by
 * one function; on top of that '<', '>' and '&' are written as \u escapes,
 * so that even a client that wrongly renders the body as HTML sees no
 * markup.  Every response carries the same safety headers.  Error bodies
 * are {"error":{"code":...,"message":...}} and never repeat the request.
 *
 * Bodies of GZIP_MIN_BYTES or more are gzipped when the client accepts it
 * (every answer says "Vary: Accept-Encoding"); successful answers carry an
 * ETag (etag.h) and become 304 Not Modified when If-None-Match names it;
 * with respond_set_cors(), every answer names the allowed origin.  Each
 * answer's status and size are noted for the access log (conn.h). */
#ifndef KHABAR_SEARCHD_RESPOND_H
#define KHABAR_SEARCHD_RESPOND_H

#include <stddef.h>

#include <jansson.h>
#include <microhttpd.h>

#include "khabar.h"

/* Adds "Access-Control-Allow-Origin: ORIGIN" to every answer from now
 * on; NULL (the default) adds nothing.  ORIGIN must outlive the server.
 * Call before the server starts. */
void respond_set_cors(const char *origin);

/* 1 when ORIGIN can go into that header: "*", or a scheme, "://" and a host
 * (with an optional port) made of letters, digits and ".-:[]"; else 0. */
int respond_valid_origin(const char *origin);

/* 1 when the request on CONNECTION carries an If-None-Match naming the
 * ETag that a successful answer read at REVISION would carry, so that the
 * caller can answer respond_not_modified() without doing the work. */
int respond_fresh(struct MHD_Connection *connection, unsigned long revision);

/* Queues the 304 Not Modified for REVISION: no body, the same headers. */
enum MHD_Result respond_not_modified(struct MHD_Connection *connection,
                                     unsigned long revision);

/* A new {"error":{"code":CODE,"message":MESSAGE}}, or NULL when out of
 * memory or when either string is not UTF-8. */
json_t *respond_error_body(const char *code, const char *message);

/* BODY as compact JSON text followed by a newline, with '<', '>' and '&'
 * escaped; a malloc()ed string the caller frees, its length in *LEN.  NULL
 * when out of memory. */
char *respond_encode(const json_t *body, size_t *len);

/* Queues BODY with STATUS on CONNECTION and releases BODY (a NULL BODY,
 * such as a failed json_pack() yields, becomes a 500).  REVISION, when not
 * NULL, goes into the X-Khabar-Revision header and the ETag, and a request
 * whose If-None-Match names that ETag gets a 304 instead.  Returns what
 * MHD_queue_response() says, or MHD_NO when no response could be built. */
enum MHD_Result respond_json(struct MHD_Connection *connection,
                             unsigned int status, json_t *body,
                             const unsigned long *revision);

/* respond_json() for an answer already written as text (json_out.h):
 * TEXT, LEN bytes, malloc()ed, is taken and freed; NULL becomes a 500. */
enum MHD_Result respond_json_text(struct MHD_Connection *connection,
                                  unsigned int status, char *text,
                                  size_t len, const unsigned long *revision);

/* Queues an error body with STATUS, CODE and MESSAGE.  MESSAGE is for
 * clients: it may name a parameter but never quote the request. */
enum MHD_Result respond_error(struct MHD_Connection *connection,
                              unsigned int status, const char *code,
                              const char *message);

/* Queues the 500 that says only "internal error".  The caller has logged
 * the details: they are for the operator, never for the client. */
enum MHD_Result respond_internal(struct MHD_Connection *connection);

/* The answer to a query that failed on INDEX with STATUS: a 400
 * query_syntax with the shim's message, else ROUTE's failure logged
 * (reader_fail()) and a 500. */
enum MHD_Result respond_query_failed(struct MHD_Connection *connection,
                                     khabar_index_t *index,
                                     khabar_status_t status,
                                     const char *route);

/* The 404 for a path searchd does not serve. */
enum MHD_Result respond_no_such_resource(struct MHD_Connection *connection);

/* The 405 for a method other than GET and HEAD, with its Allow header. */
enum MHD_Result respond_method_not_allowed(struct MHD_Connection *connection);

/* respond_error() with one more header, NAME: VALUE (the
 * WWW-Authenticate of a 401). */
enum MHD_Result respond_error_header(struct MHD_Connection *connection,
                                     unsigned int status, const char *code,
                                     const char *message, const char *name,
                                     const char *value);

/* ---- Answers that are not one JSON body: /metrics and /export ---- */

/* Queues a 200 with TEXT (LEN bytes, malloc()ed, freed whatever happens)
 * as CONTENT_TYPE, with the common headers, Cache-Control: no-store and
 * no ETag. */
enum MHD_Result respond_text(struct MHD_Connection *connection,
                             const char *content_type, char *text,
                             size_t len);

/* The bytes MHD asks a stream's reader for at a time. */
#define RESPOND_STREAM_BLOCK (32 * 1024)

/* What the headers of a streamed answer say. */
struct respond_stream_info {
    const char *content_type;
    const char *disposition;    /* Content-Disposition, or NULL */
    unsigned long revision;     /* for X-Khabar-Revision and the ETag */
    int gzipped;                /* the reader produces gzip */
};

/* Queues a 200 whose body READER produces, chunked (length unknown), with
 * the headers INFO describes; RELEASE(CLS) runs when the answer is done,
 * or at once if it cannot be queued.  The caller has decided on gzip
 * (Accept-Encoding) and made READER produce it. */
enum MHD_Result respond_stream(struct MHD_Connection *connection,
                               const struct respond_stream_info *info,
                               MHD_ContentReaderCallback reader, void *cls,
                               MHD_ContentReaderFreeCallback release);

/* ---- The web page (route_page.c) ---- */

/* Queues a 200 with LEN bytes of DATA (static: never freed nor changed) as
 * CONTENT_TYPE, with the common headers, Cache-Control: no-cache, no ETag,
 * and the page's own: Content-Security-Policy (nothing inline, nothing
 * from elsewhere), X-Frame-Options: DENY and Referrer-Policy: no-referrer.
 * Gzipped as every answer is. */
enum MHD_Result respond_page(struct MHD_Connection *connection,
                             const char *content_type,
                             const unsigned char *data, size_t len);

#endif /* KHABAR_SEARCHD_RESPOND_H */
