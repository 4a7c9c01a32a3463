/* input.c - a buffered reader over zlib's gzFile. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

enum { PEEK_SIZE = 4096, READ_CHUNK = 256 * 1024 };

struct input {
    gzFile gz;
    char *buf;
    size_t start;   /* first unconsumed byte */
    size_t len;     /* bytes in buf */
    size_t cap;
    size_t limit;   /* the longest record */
    unsigned long long base;    /* input offset of buf[0] */
    int eof;
    char *error;    /* set once reading failed: every later read fails */
};

input_t *input_open(const char *path, char *err, size_t errlen)
{
    input_t *in = calloc(1, sizeof *in);
    int fd;

    if (!in) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO) : open(path, O_RDONLY);
    if (fd < 0 || !(in->gz = gzdopen(fd, "rb"))) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        free(in);
        return NULL;
    }
    gzbuffer(in->gz, READ_CHUNK);
    in->limit = INPUT_MAX_RECORD;
    return in;
}

void input_set_limit(input_t *in, size_t max)
{
    in->limit = max;
}

unsigned long long input_offset(const input_t *in)
{
    return in->base + in->start;
}

/* Records why reading stopped, so that it is said once and every later
 * read fails the same way. */
static int fail(input_t *in, const char *why, char *err, size_t errlen)
{
    if (!in->error)
        in->error = strdup(why);
    in->eof = 1;
    snprintf(err, errlen, "%s", in->error ? in->error : why);
    return -1;
}

/* zlib returns 0, as at a clean end, when a gzip stream stops short; only
 * gzerror() tells the two apart. */
static int check_end(input_t *in, char *err, size_t errlen)
{
    char why[160];
    int zerr;
    const char *msg = gzerror(in->gz, &zerr);

    if (zerr == Z_OK)
        return 0;
    snprintf(why, sizeof why, "%s after byte %llu of the decompressed input",
             zerr == Z_BUF_ERROR ? "truncated gzip data (unexpected end of file)"
                                 : msg,
             in->base + in->len);
    return fail(in, why, err, errlen);
}

/* Makes room for WANT more bytes after the last one. */
static int reserve(input_t *in, size_t want, char *err, size_t errlen)
{
    size_t cap;
    char *buf;

    if (in->len + want + 1 <= in->cap)
        return 0;
    cap = in->cap ? in->cap : READ_CHUNK;
    while (cap < in->len + want + 1)
        cap *= 2;
    if (!(buf = realloc(in->buf, cap)))
        return fail(in, "out of memory", err, errlen);
    in->buf = buf;
    in->cap = cap;
    return 0;
}

/* Reads up to WANT more bytes into the buffer.  0, or -1 with ERR. */
static int fill(input_t *in, size_t want, char *err, size_t errlen)
{
    int got, zerr;

    if (in->error)
        return fail(in, in->error, err, errlen);
    if (in->start > 0 && in->start == in->len) {
        in->base += in->len;
        in->start = in->len = 0;
    }
    if (reserve(in, want, err, errlen) < 0)
        return -1;
    got = gzread(in->gz, in->buf + in->len, (unsigned)want);
    if (got < 0) {
        const char *msg = gzerror(in->gz, &zerr);
        char why[160];
        snprintf(why, sizeof why, "read error: %s",
                 zerr == Z_ERRNO ? strerror(errno) : msg);
        return fail(in, why, err, errlen);
    }
    in->len += (size_t)got;
    in->buf[in->len] = '\0';
    if (got == 0) {
        in->eof = 1;
        return check_end(in, err, errlen);
    }
    return 0;
}

const char *input_peek(input_t *in, size_t *n)
{
    char err[160];

    while (!in->eof && in->len - in->start < PEEK_SIZE &&
           fill(in, PEEK_SIZE, err, sizeof err) == 0)
        ;
    *n = in->len - in->start;
    return in->buf ? in->buf + in->start : "";
}

/* Moves the unconsumed bytes to the front, so the buffer does not grow
 * with the file but only with the longest record. */
static void compact(input_t *in)
{
    if (in->start == 0)
        return;
    memmove(in->buf, in->buf + in->start, in->len - in->start);
    in->base += in->start;
    in->len -= in->start;
    in->start = 0;
}

/* Skips the rest of a line that is too long, counting it into *N. */
static int skip_long_line(input_t *in, size_t *n, char *err, size_t errlen)
{
    for (;;) {
        char *begin = in->buf + in->start;
        size_t avail = in->len - in->start;
        char *nl = memchr(begin, '\n', avail);
        if (nl) {
            *n += (size_t)(nl - begin);
            in->start += (size_t)(nl - begin) + 1;
            break;
        }
        *n += avail;
        in->start = in->len;
        if (in->eof)
            break;
        if (fill(in, READ_CHUNK, err, errlen) < 0)
            return -1;
    }
    snprintf(err, errlen, "line of %zu bytes is longer than the limit of "
             "%zu (--max-article-bytes)", *n, in->limit);
    return -2;
}

int input_getline(input_t *in, const char **line, size_t *n, char *err,
                  size_t errlen)
{
    size_t scanned = 0;

    for (;;) {
        char *begin = in->buf ? in->buf + in->start : NULL;
        size_t avail = in->len - in->start;
        char *nl = begin ? memchr(begin + scanned, '\n', avail - scanned) : NULL;
        if ((nl ? (size_t)(nl - begin) : avail) > in->limit) {
            *line = NULL;
            *n = 0;
            return skip_long_line(in, n, err, errlen);
        }
        if (nl || (in->eof && avail > 0 && !in->error)) {
            *line = begin;
            *n = nl ? (size_t)(nl - begin) : avail;
            in->start += *n + (nl != NULL);
            return 1;
        }
        if (in->eof)
            return in->error ? fail(in, in->error, err, errlen) : 0;
        scanned = avail;
        compact(in);
        if (fill(in, READ_CHUNK, err, errlen) < 0 && !in->eof)
            return -1;
    }
}

int input_peek_n(input_t *in, size_t want, const char **data, size_t *have,
                 char *err, size_t errlen)
{
    int rc = 0;

    if (in->len - in->start < want)
        compact(in);
    while (rc == 0 && !in->eof && in->len - in->start < want)
        rc = fill(in, want - (in->len - in->start) < READ_CHUNK
                          ? READ_CHUNK
                          : want - (in->len - in->start),
                  err, errlen);
    *have = in->len - in->start < want ? in->len - in->start : want;
    *data = in->buf ? in->buf + in->start : "";
    return rc;
}

void input_skip(input_t *in, size_t n)
{
    size_t avail = in->len - in->start;
    in->start += n < avail ? n : avail;
}

long long input_discard(input_t *in, size_t n, char *err, size_t errlen)
{
    size_t done = 0;

    while (done < n) {
        size_t avail = in->len - in->start, take = n - done;
        if (avail == 0) {
            if (in->eof)
                break;
            if (fill(in, READ_CHUNK, err, errlen) < 0)
                return -1;
            continue;
        }
        if (take > avail)
            take = avail;
        in->start += take;
        done += take;
    }
    return (long long)done;
}

int input_slurp(input_t *in, const char **data, size_t *n, char *err,
                size_t errlen)
{
    int rc = 0;

    while (!in->eof && rc == 0) {
        if (in->len - in->start > in->limit)
            break;
        rc = fill(in, READ_CHUNK, err, errlen);
    }
    *data = in->buf ? in->buf + in->start : "";
    *n = in->len - in->start;
    if (rc == 0 && *n > in->limit) {
        snprintf(err, errlen, "page larger than the limit of %zu bytes "
                 "(--max-article-bytes)", in->limit);
        rc = -2;
    }
    in->start = in->len;
    return rc;
}

unsigned long long input_raw_offset(input_t *in)
{
    long offset = gzoffset(in->gz);
    return offset > 0 ? (unsigned long long)offset : 0;
}

void input_close(input_t *in)
{
    if (!in)
        return;
    gzclose(in->gz);
    free(in->buf);
    free(in->error);
    free(in);
}
