/* warc.c - WARC record framing: a version line, named header fields, a
 * blank line, Content-Length bytes of block, then CRLF CRLF.
 *
 * Each record's block is read whole (up to --max-article-bytes) and the
 * two CRLFs after it are checked: that is what catches a Content-Length
 * that lies, after which the next record is found by its version line. */
#include "warc.h"
#include "http_payload.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { ERRLEN = 512, RESYNC_CHUNK = 64 * 1024, HTTP_HEAD_PEEK = 8192 };

typedef struct {
    unsigned long long offset;  /* of the version line */
    long long length;           /* Content-Length; -1 when absent */
    char type[32];              /* WARC-Type, lowercased */
    char date[64];              /* WARC-Date */
    char *target_uri;           /* WARC-Target-URI */
    strbuf_t raw;               /* the header lines as read */
} warc_head_t;

static void head_free(warc_head_t *h)
{
    free(h->target_uri);
    strbuf_free(&h->raw);
}

/* VALUE of the field LINE[0..N) when it is NAME, trimmed; else NULL. */
static char *field(const char *line, size_t n, const char *name)
{
    size_t k = strlen(name);

    if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
        return NULL;
    line += k + 1;
    n -= k + 1;
    while (n > 0 && (*line == ' ' || *line == '\t'))
        line++, n--;
    while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
        n--;
    return strndup(line, n);
}

static void take_field(warc_head_t *h, const char *line, size_t n)
{
    char *v;

    if ((v = field(line, n, "Content-Length"))) {
        char *end;
        long long len = strtoll(v, &end, 10);
        h->length = *v && !*end && len >= 0 ? len : -1;
    } else if ((v = field(line, n, "WARC-Type"))) {
        for (size_t i = 0; v[i] && i + 1 < sizeof h->type; i++)
            h->type[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] + 32 : v[i]);
    } else if ((v = field(line, n, "WARC-Date"))) {
        snprintf(h->date, sizeof h->date, "%s", v);
    } else if ((v = field(line, n, "WARC-Target-URI"))) {
        /* WARC 1.0 examples put the URI in angle brackets. */
        size_t len = strlen(v);
        int bracketed = len > 1 && v[0] == '<' && v[len - 1] == '>';
        /* A repeated field: the last one counts, the first is freed.  The
         * URI becomes the article's url and id, so it is made valid UTF-8
         * like every other field. */
        free(h->target_uri);
        h->target_uri = bracketed ? utf8_repair(v + 1, len - 2)
                                  : utf8_repair(v, len);
    }
    free(v);
}

static int is_version_line(const char *line, size_t n)
{
    return n >= 7 && memcmp(line, "WARC/1.", 7) == 0;
}

/* Reads a record's version line and header fields into H.  1 when there
 * was one; 0 at the end of the input; -1 with ERR when the next line is
 * not a version line or the fields do not end (H->offset says where); -2
 * with ERR when the input itself failed (a truncated gzip stream). */
static int read_head(source_t *src, warc_head_t *h, char *err, size_t errlen)
{
    const char *line;
    size_t n;
    int got;

    do {
        h->offset = input_offset(src->in);
        got = input_getline(src->in, &line, &n, err, errlen);
    } while (got == 1 && (n == 0 || (n == 1 && line[0] == '\r')));
    if (got == 0)
        return 0;
    if (got == -1)
        return -2;
    if (got == 1 && !is_version_line(line, n)) {
        snprintf(err, errlen, "not a WARC record: expected a 'WARC/1.x' line");
        return -1;
    }
    while (got == 1) {
        if (strbuf_append(&h->raw, line, n) < 0 ||
            strbuf_append(&h->raw, "\n", 1) < 0) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        if (n == 0 || (n == 1 && line[0] == '\r'))
            return 1;
        take_field(h, line, n);
        got = input_getline(src->in, &line, &n, err, errlen);
    }
    if (got == 0)
        snprintf(err, errlen, "the WARC header fields do not end");
    return got == -1 ? -2 : -1;
}

/* Skips to the next line that starts "WARC/1.".  Overlapping chunks keep
 * a version line split between two of them findable. */
static void resync(source_t *src)
{
    char err[ERRLEN];
    const char *data, *hit;
    size_t have;

    for (;;) {
        if (input_peek_n(src->in, RESYNC_CHUNK, &data, &have, err,
                         sizeof err) < 0 && have == 0)
            return;
        if (have == 0 || (have >= 7 && memcmp(data, "WARC/1.", 7) == 0))
            return;
        for (hit = data; (hit = memchr(hit, '\n', have - (size_t)(hit - data)));
             hit++)
            if (have - (size_t)(hit + 1 - data) >= 7 &&
                memcmp(hit + 1, "WARC/1.", 7) == 0) {
                input_skip(src->in, (size_t)(hit + 1 - data));
                return;
            }
        if (have < 8) {
            input_skip(src->in, have);
            return;
        }
        input_skip(src->in, have - 7);
    }
}

/* Rejects the record H, giving the --rejects file its header and the
 * first BLOCK_LEN bytes of its block. */
static void reject(source_t *src, const warc_head_t *h, const char *block,
                   size_t block_len, const char *why)
{
    strbuf_t record = {0};
    where_t at = {src->file, 0, (long long)h->offset, NULL, 0, 0};

    if (strbuf_append(&record, h->raw.data ? h->raw.data : "", h->raw.len) == 0 &&
        strbuf_append(&record, block, block_len) == 0) {
        at.record = record.data;
        at.record_len = record.len;
    }
    sink_reject_at(src->sink, &at, why);
    strbuf_free(&record);
}

/* A response record's block BLOCK[0..N) as an article, or skipped. */
static int read_response(source_t *src, const warc_head_t *h,
                         const char *block, size_t n)
{
    char err[ERRLEN];
    http_payload_t p;
    article_t a = {0};
    where_t at = {src->file, 0, (long long)h->offset, NULL, 0, 0};
    int rc = 0;

    if (http_payload_parse(block, n, src->options->max_article_bytes, &p,
                           err, sizeof err) < 0) {
        reject(src, h, block, n, err);
    } else if (!http_payload_is_html(&p)) {
        sink_skip(src->sink);
    } else if (reader_html(p.body, p.body_len, &a, err, sizeof err) < 0) {
        article_clear(&a);
        reject(src, h, block, n, err);
    } else {
        free(a.url);
        a.url = h->target_uri ? strdup(h->target_uri) : NULL;
        if (!a.date && *h->date)
            a.date = utf8_repair(h->date, strlen(h->date));
        rc = reader_finish(src, &a, &at);
    }
    http_payload_free(&p);
    return rc;
}

/* A record larger than the limit: skipped unheard when it cannot be an
 * article, rejected when it may be one.  Its block is discarded unread. */
static int read_oversize(source_t *src, const warc_head_t *h)
{
    char err[ERRLEN], why[ERRLEN];
    const char *data;
    size_t have;
    http_payload_t p = {0};
    int article = strcmp(h->type, "response") == 0;

    /* With a limit of 0 bytes, only a response that may be HTML fails. */
    if (article && input_peek_n(src->in, HTTP_HEAD_PEEK, &data, &have, err,
                                sizeof err) == 0 &&
        http_payload_parse(data, have, 0, &p, err, sizeof err) == 0 &&
        !p.body)
        article = 0;
    http_payload_free(&p);
    if (input_discard(src->in, (size_t)h->length, err, sizeof err) < 0)
        return -1;
    if (input_peek_n(src->in, 4, &data, &have, err, sizeof err) == 0 &&
        have == 4 && memcmp(data, "\r\n\r\n", 4) == 0)
        input_skip(src->in, 4);
    if (!article) {
        sink_skip(src->sink);
        return 0;
    }
    snprintf(why, sizeof why, "WARC record of %lld bytes is larger than the "
             "limit of %zu (--max-article-bytes)", h->length,
             src->options->max_article_bytes);
    where_t at = {src->file, 0, (long long)h->offset, NULL, 0,
                  (unsigned long long)h->length};
    sink_reject_at(src->sink, &at, why);
    return 0;
}

/* Whether the block of LEN bytes at DATA (HAVE available) is followed by
 * the two CRLFs that end a record (or by the end of the input). */
static int block_ends(const char *data, size_t have, size_t len)
{
    if (have == len)
        return 1;
    return have >= len + 4 && memcmp(data + len, "\r\n\r\n", 4) == 0;
}

/* Where the first line starting "WARC/1." after the start of DATA[0..N)
 * is, or N when there is none. */
static size_t next_version_line(const char *data, size_t n)
{
    for (const char *p = data; (p = memchr(p, '\n', n - (size_t)(p - data)));
         p++)
        if (n - (size_t)(p + 1 - data) >= 7 && memcmp(p + 1, "WARC/1.", 7) == 0)
            return (size_t)(p + 1 - data);
    return n;
}

/* The record H's Content-Length is wrong: rejects it with what precedes
 * the next version line, and resumes there. */
static void reject_length(source_t *src, const warc_head_t *h,
                          const char *data, size_t have)
{
    char why[ERRLEN];
    size_t next = next_version_line(data, have);

    snprintf(why, sizeof why, "WARC Content-Length %lld does not end the "
             "record (no blank line after it); resuming at the next WARC/1. "
             "line", h->length);
    reject(src, h, data, next, why);
    input_skip(src->in, next);
    if (next == have)
        resync(src);
}

/* The block of the record H.  1 to go on, 0 to stop, -1 when the sink
 * failed. */
static int read_block(source_t *src, const warc_head_t *h)
{
    char err[ERRLEN], why[ERRLEN];
    const char *data;
    size_t have, len = (size_t)h->length;
    int rc = input_peek_n(src->in, len + 4, &data, &have, err, sizeof err);

    if (rc == 0 && have < len && next_version_line(data, have) < have) {
        reject_length(src, h, data, have);
        return 1;
    }
    if (rc < 0 || have < len) {
        if (rc < 0)
            snprintf(why, sizeof why, "WARC record cut short: %.400s", err);
        else
            snprintf(why, sizeof why, "WARC record truncated: Content-Length "
                     "says %zu bytes, the input ends after %zu", len, have);
        reject(src, h, data, have, why);
        input_skip(src->in, have);
        return 0;
    }
    if (!block_ends(data, have, len)) {
        reject_length(src, h, data, have);
        return 1;
    }
    if (strcmp(h->type, "response") == 0)
        rc = read_response(src, h, data, len);
    else
        sink_skip(src->sink);
    input_skip(src->in, have);
    return rc < 0 ? -1 : 1;
}

int warc_read(source_t *src)
{
    char err[ERRLEN];
    int rc = 1;

    while (rc == 1) {
        warc_head_t h = {0, -1, {0}, {0}, NULL, {0}};
        int got = read_head(src, &h, err, sizeof err);
        if (got == 0) {
            rc = 0;
        } else if (got == -2) {
            reject(src, &h, "", 0, err);
            rc = 0;
        } else if (got < 0 || h.length < 0) {
            reject(src, &h, "", 0, got < 0 ? err
                   : "WARC record without a valid Content-Length");
            resync(src);
        } else if ((unsigned long long)h.length >
                   src->options->max_article_bytes) {
            rc = read_oversize(src, &h) < 0 ? 0 : 1;
        } else {
            rc = read_block(src, &h);
        }
        head_free(&h);
    }
    return rc;
}
