/* http_payload.c - HTTP/1.x response parsing for archived responses. */
#include "http_payload.h"
#include "format.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

/* The header fields we act on. */
typedef struct {
    char content_type[128];
    char transfer_encoding[64];
    char content_encoding[64];
} http_headers_t;

/* Copies the value of the header line LINE[0..N) (after "Name:") into
 * OUT, trimmed and lowercased, when its name is NAME. */
static void take_header(const char *line, size_t n, const char *name,
                        char *out, size_t outlen)
{
    size_t k = strlen(name), o = 0;

    if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
        return;
    line += k + 1;
    n -= k + 1;
    while (n > 0 && (*line == ' ' || *line == '\t'))
        line++, n--;
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\r'))
        n--;
    for (; o < n && o + 1 < outlen; o++)
        out[o] = (char)tolower((unsigned char)line[o]);
    out[o] = '\0';
}

/* The status code of the status line "HTTP/x.y NNN ..." at MSG (N bytes,
 * not NUL-terminated: sscanf() would read past it).  0, or -1. */
static int status_code(const char *msg, size_t n, int *status)
{
    size_t i = 5;

    if (n < 12 || strncmp(msg, "HTTP/", 5) != 0)
        return -1;
    while (i < n && (isdigit((unsigned char)msg[i]) || msg[i] == '.'))
        i++;
    if (i == 5 || i + 4 > n || msg[i] != ' ' ||
        !isdigit((unsigned char)msg[i + 1]) ||
        !isdigit((unsigned char)msg[i + 2]) ||
        !isdigit((unsigned char)msg[i + 3]))
        return -1;
    *status = (msg[i + 1] - '0') * 100 + (msg[i + 2] - '0') * 10 +
              (msg[i + 3] - '0');
    return 0;
}

/* Reads the status line and the headers; *BODY is where the body starts.
 * 0, or -1 with ERR. */
static int parse_head(const char *msg, size_t n, http_payload_t *p,
                      http_headers_t *h, size_t *body, char *err,
                      size_t errlen)
{
    const char *end = msg + n, *line = msg;

    if (status_code(msg, n, &p->status) < 0) {
        snprintf(err, errlen, "the response record holds no HTTP status line");
        return -1;
    }
    for (;;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t len;
        if (!nl) {
            snprintf(err, errlen, "the HTTP headers do not end");
            return -1;
        }
        len = (size_t)(nl - line);
        if (len == 0 || (len == 1 && line[0] == '\r')) {
            *body = (size_t)(nl + 1 - msg);
            return 0;
        }
        take_header(line, len, "content-type", h->content_type,
                    sizeof h->content_type);
        take_header(line, len, "transfer-encoding", h->transfer_encoding,
                    sizeof h->transfer_encoding);
        take_header(line, len, "content-encoding", h->content_encoding,
                    sizeof h->content_encoding);
        line = nl + 1;
    }
}

/* Undoes chunked transfer coding in place: S[0..*N) becomes the data.
 * 0, or -1 with ERR. */
static int unchunk(char *s, size_t *n, char *err, size_t errlen)
{
    size_t in = 0, out = 0;

    for (;;) {
        char *end;
        unsigned long size;
        const char *nl = memchr(s + in, '\n', *n - in);
        if (!nl || !isxdigit((unsigned char)s[in]))
            break;
        size = strtoul(s + in, &end, 16);
        in = (size_t)(nl - s) + 1;
        if (size == 0) {
            *n = out;
            return 0;
        }
        if (size > *n - in)
            break;
        memmove(s + out, s + in, size);
        out += size;
        in += size;
        if (in < *n && s[in] == '\r')
            in++;
        if (in < *n && s[in] == '\n')
            in++;
    }
    snprintf(err, errlen, "malformed chunked transfer encoding in the HTTP "
             "response");
    return -1;
}

/* Inflates S[0..N) (gzip or zlib: zlib tells them apart) into *OUT, at
 * most MAX bytes.  0, or -1 with ERR. */
static int inflate_body(const char *s, size_t n, size_t max, char **out,
                        size_t *outlen, char *err, size_t errlen)
{
    z_stream z = {0};
    size_t cap = n * 4 + 4096, len = 0;
    char *buf = NULL;
    int zrc = Z_OK;

    if (inflateInit2(&z, 15 + 32) != Z_OK)
        goto fail;
    z.next_in = (Bytef *)s;
    z.avail_in = (uInt)n;
    while (zrc != Z_STREAM_END) {
        char *grown;
        if (len == cap || !buf) {
            cap = buf ? cap * 2 : cap;
            if (cap > max + 1)
                cap = max + 1;
            if (len == cap || !(grown = realloc(buf, cap + 1)))
                goto fail;
            buf = grown;
        }
        z.next_out = (Bytef *)buf + len;
        z.avail_out = (uInt)(cap - len);
        zrc = inflate(&z, Z_NO_FLUSH);
        len = cap - z.avail_out;
        if (zrc != Z_OK && zrc != Z_STREAM_END)
            goto fail;
    }
    inflateEnd(&z);
    buf[len] = '\0';
    *out = buf;
    *outlen = len;
    return 0;
fail:
    snprintf(err, errlen, len > max ? "the decompressed page is larger than "
             "the limit of %zu bytes (--max-article-bytes)"
             : "the page's gzip Content-Encoding is corrupt", max);
    inflateEnd(&z);
    free(buf);
    return -1;
}

static int decode_body(const http_headers_t *h, const char *s, size_t n,
                       size_t max, http_payload_t *p, char *err,
                       size_t errlen)
{
    const char *ce = h->content_encoding;

    if (!(p->body = malloc(n + 1))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    memcpy(p->body, s, n);
    p->body[n] = '\0';
    p->body_len = n;
    if (strstr(h->transfer_encoding, "chunked") &&
        unchunk(p->body, &p->body_len, err, errlen) < 0)
        return -1;
    if (!*ce || strcmp(ce, "identity") == 0)
        return 0;
    if (strcmp(ce, "gzip") && strcmp(ce, "x-gzip") && strcmp(ce, "deflate")) {
        snprintf(err, errlen, "unsupported Content-Encoding '%.40s' in the "
                 "HTTP response", ce);
        return -1;
    }
    char *plain;
    size_t plain_len;
    if (inflate_body(p->body, p->body_len, max, &plain, &plain_len, err,
                     errlen) < 0)
        return -1;
    free(p->body);
    p->body = plain;
    p->body_len = plain_len;
    return 0;
}

static int html_type(const char *type)
{
    return strcmp(type, "text/html") == 0 ||
           strcmp(type, "application/xhtml+xml") == 0;
}

int http_payload_parse(const char *msg, size_t n, size_t max,
                       http_payload_t *out, char *err, size_t errlen)
{
    http_headers_t h = {{0}, {0}, {0}};
    size_t body;
    char *semi;

    memset(out, 0, sizeof *out);
    if (parse_head(msg, n, out, &h, &body, err, errlen) < 0)
        return -1;
    if ((semi = strchr(h.content_type, ';')))
        *semi = '\0';
    while ((semi = strrchr(h.content_type, ' ')) && !semi[1])
        *semi = '\0';
    snprintf(out->content_type, sizeof out->content_type, "%s",
             h.content_type);
    /* Redirects, errors and images are no articles: not worth decoding. */
    if (out->status < 200 || out->status > 299 ||
        (*out->content_type && !html_type(out->content_type)))
        return 0;
    return decode_body(&h, msg + body, n - body, max, out, err, errlen);
}

int http_payload_is_html(const http_payload_t *p)
{
    if (!p->body)
        return 0;
    if (*p->content_type)
        return html_type(p->content_type);
    return format_sniff(p->body, p->body_len) == FORMAT_HTML;
}

void http_payload_free(http_payload_t *p)
{
    free(p->body);
    p->body = NULL;
}
