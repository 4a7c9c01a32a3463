/* http_payload.h - the page inside an HTTP response as a WARC archive
 * keeps it: status line, headers, then the body as sent on the wire
 * (possibly chunked, possibly gzipped). */
#ifndef KHABAR_HTTP_PAYLOAD_H
#define KHABAR_HTTP_PAYLOAD_H

#include <stddef.h>

typedef struct {
    int status;                 /* 200, 301, ... */
    char content_type[128];     /* lowercased media type without
                                   parameters; "" when absent */
    char *body;                 /* decoded: unchunked, decompressed; NULL
                                   when the status is not 2xx or the
                                   Content-Type names no HTML */
    size_t body_len;
} http_payload_t;

/* Parses the HTTP response MSG[0..N) into OUT and, for a 2xx response
 * that may be HTML, its body: undoes chunked transfer
 * coding and gzip, x-gzip or deflate content coding, keeping at most MAX
 * bytes of body.  0; or -1 with a sentence in ERR (not an HTTP response,
 * broken chunking or compression, an unsupported coding, a body past
 * MAX).  Free OUT with http_payload_free() either way. */
int http_payload_parse(const char *msg, size_t n, size_t max,
                       http_payload_t *out, char *err, size_t errlen);

/* Whether OUT holds an HTML page: its Content-Type says so, or it has
 * none and the body starts with markup. */
int http_payload_is_html(const http_payload_t *p);

void http_payload_free(http_payload_t *p);

#endif
