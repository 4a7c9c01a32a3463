/* rejects.c - rejected records as JSON Lines, written with jansson. */
#include "rejects.h"
#include "charset.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* S[0..N) in base64 (RFC 4648), for records that are not text. */
static char *base64(const unsigned char *s, size_t n)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *out = malloc(4 * ((n + 2) / 3) + 1), *o = out;

    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i += 3) {
        unsigned long v = (unsigned long)s[i] << 16;
        if (i + 1 < n)
            v |= (unsigned long)s[i + 1] << 8;
        if (i + 2 < n)
            v |= s[i + 2];
        *o++ = digits[(v >> 18) & 63];
        *o++ = digits[(v >> 12) & 63];
        *o++ = i + 1 < n ? digits[(v >> 6) & 63] : '=';
        *o++ = i + 2 < n ? digits[v & 63] : '=';
    }
    *o = '\0';
    return out;
}

static int add_record(json_t *j, const char *record, size_t n)
{
    char *b64;
    int rc;

    if (charset_is_utf8(record, n))
        return json_object_set_new(j, "record", json_stringn(record, n));
    if (!(b64 = base64((const unsigned char *)record, n)))
        return -1;
    rc = json_object_set_new(j, "record_base64", json_string(b64));
    free(b64);
    return rc;
}

/* Writes J and a newline to TO in one write(2): the processes of
 * --shards N append to the same file (opened O_APPEND), and a record
 * split over two writes, as stdio's buffer splits long ones, could have
 * another's land in its middle.  0, or -1. */
static int append_line(FILE *to, const json_t *j)
{
    char *text = json_dumps(j, JSON_COMPACT);
    size_t n, done = 0;
    int fd = fileno(to);

    if (!text || fd < 0 || fflush(to) != 0) {
        free(text);
        return -1;
    }
    n = strlen(text);
    text[n++] = '\n';          /* in place of the terminating NUL */
    while (done < n) {
        ssize_t w = write(fd, text + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    free(text);
    return done == n ? 0 : -1;
}

int rejects_write(FILE *to, const where_t *at, const char *why)
{
    json_t *j = json_object();
    int rc = -1;

    if (!j)
        return -1;
    if (json_object_set_new(j, "file", json_string(at->file ? at->file : "-")))
        goto fail;
    if (at->line && json_object_set_new(j, "line", json_integer((json_int_t)at->line)))
        goto fail;
    if (!at->line && at->offset >= 0 &&
        json_object_set_new(j, "offset", json_integer(at->offset)))
        goto fail;
    /* The reason may quote input bytes; jansson wants valid UTF-8. */
    if (json_object_set_new(j, "reason", charset_is_utf8(why, strlen(why))
                                             ? json_string(why)
                                             : json_string("(unprintable)")))
        goto fail;
    if (at->record && add_record(j, at->record, at->record_len) < 0)
        goto fail;
    if (!at->record && at->bytes &&
        json_object_set_new(j, "bytes", json_integer((json_int_t)at->bytes)))
        goto fail;
    rc = append_line(to, j);
fail:
    json_decref(j);
    return rc;
}
