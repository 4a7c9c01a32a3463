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
    int eof;
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
    return in;
}

/* Reads up to WANT more bytes into the buffer.  0, or -1 with ERR. */
static int fill(input_t *in, size_t want, char *err, size_t errlen)
{
    int got, zerr;

    if (in->start > 0 && in->start == in->len)
        in->start = in->len = 0;
    if (in->len + want + 1 > in->cap) {
        size_t cap = in->cap ? in->cap : READ_CHUNK;
        while (cap < in->len + want + 1)
            cap *= 2;
        char *buf = realloc(in->buf, cap);
        if (!buf) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        in->buf = buf;
        in->cap = cap;
    }
    got = gzread(in->gz, in->buf + in->len, (unsigned)want);
    if (got < 0) {
        const char *msg = gzerror(in->gz, &zerr);
        snprintf(err, errlen, "read error: %s",
                 zerr == Z_ERRNO ? strerror(errno) : msg);
        return -1;
    }
    if (got == 0)
        in->eof = 1;
    in->len += (size_t)got;
    in->buf[in->len] = '\0';
    return 0;
}

const char *input_peek(input_t *in, size_t *n)
{
    char err[128];

    while (!in->eof && in->len - in->start < PEEK_SIZE &&
           fill(in, PEEK_SIZE, err, sizeof err) == 0)
        ;
    *n = in->len - in->start;
    return in->buf ? in->buf + in->start : "";
}

/* Moves the unconsumed bytes to the front, so the buffer does not grow
 * with the file but only with the longest line. */
static void compact(input_t *in)
{
    if (in->start == 0)
        return;
    memmove(in->buf, in->buf + in->start, in->len - in->start);
    in->len -= in->start;
    in->start = 0;
}

int input_getline(input_t *in, const char **line, size_t *n, char *err,
                  size_t errlen)
{
    size_t scanned = 0;

    for (;;) {
        char *begin = in->buf ? in->buf + in->start : NULL;
        size_t avail = in->len - in->start;
        char *nl = begin ? memchr(begin + scanned, '\n', avail - scanned) : NULL;
        if (nl || (in->eof && avail > 0)) {
            *line = begin;
            *n = nl ? (size_t)(nl - begin) : avail;
            in->start += *n + (nl != NULL);
            return 1;
        }
        if (in->eof)
            return 0;
        if (avail > INPUT_MAX_RECORD) {
            snprintf(err, errlen, "line longer than %u bytes",
                     INPUT_MAX_RECORD);
            return -1;
        }
        scanned = avail;
        compact(in);
        if (fill(in, READ_CHUNK, err, errlen) < 0)
            return -1;
    }
}

int input_slurp(input_t *in, const char **data, size_t *n, char *err,
                size_t errlen)
{
    while (!in->eof) {
        if (in->len - in->start > INPUT_MAX_RECORD) {
            snprintf(err, errlen, "page larger than %u bytes",
                     INPUT_MAX_RECORD);
            return -1;
        }
        if (fill(in, READ_CHUNK, err, errlen) < 0)
            return -1;
    }
    *data = in->buf ? in->buf + in->start : "";
    *n = in->len - in->start;
    in->start = in->len;
    return 0;
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
    free(in);
}
