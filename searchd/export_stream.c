/* export_stream.c - the streamed body of GET /export; see
 * export_stream.h.  Follows zlib's zpipe.c: deflateInit2() with 15 + 16
 * window bits for gzip, and deflateEnd() on every way out. */
#include "export_stream.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>
#include <zlib.h>

#include "export_format.h"
#include "log.h"

/* Rows are turned into bytes until this many are waiting, then handed
 * out as MHD asks. */
#define FILL_BYTES (16 * 1024)

struct export_stream {
    khabar_export_t *e;
    export_format_t format;
    int gzip;
    z_stream zs;
    char *pending;          /* bytes ready for MHD, from OFF to LEN */
    size_t off, len, cap;
    int header_done;        /* the CSV header row is out */
    int finished;           /* the last byte is in PENDING */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned open_streams;

/* Takes a place among the EXPORT_STREAMS_MAX; 0, or -1 when full. */
static int
take_place(void)
{
    int ok;

    pthread_mutex_lock(&lock);
    ok = open_streams < EXPORT_STREAMS_MAX;
    if (ok)
        open_streams++;
    pthread_mutex_unlock(&lock);
    return ok ? 0 : -1;
}

static void
give_place(void)
{
    pthread_mutex_lock(&lock);
    open_streams--;
    pthread_mutex_unlock(&lock);
}

struct export_stream *
export_stream_new(khabar_export_t *e, export_format_t format, int gzip,
                  int *busy)
{
    struct export_stream *s;

    *busy = take_place() != 0;
    if (*busy) {
        khabar_export_free(e);
        return NULL;
    }
    s = calloc(1, sizeof(*s));
    if (s != NULL && gzip &&
        deflateInit2(&s->zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        free(s);
        s = NULL;
    }
    if (s == NULL) {
        khabar_export_free(e);
        give_place();
        return NULL;
    }
    s->e = e;
    s->format = format;
    s->gzip = gzip;
    return s;
}

void
export_stream_free(void *cls)
{
    struct export_stream *s = cls;

    if (s == NULL)
        return;
    if (s->gzip)
        deflateEnd(&s->zs);
    khabar_export_free(s->e);
    free(s->pending);
    free(s);
    give_place();
}

/* Makes room for NEED more bytes in PENDING; 0 or -1. */
static int
reserve(struct export_stream *s, size_t need)
{
    size_t cap = s->cap > 0 ? s->cap : 2 * FILL_BYTES;
    char *p;

    while (cap - s->len < need)
        cap *= 2;
    if (cap == s->cap)
        return 0;
    p = realloc(s->pending, cap);
    if (p == NULL)
        return -1;
    s->pending = p;
    s->cap = cap;
    return 0;
}

/* Appends LEN bytes of body to PENDING, through deflate when gzipping
 * (FLUSH Z_FINISH for the end); 0 or -1. */
static int
emit(struct export_stream *s, const char *data, size_t len, int flush)
{
    if (!s->gzip) {
        if (reserve(s, len) != 0)
            return -1;
        memcpy(s->pending + s->len, data, len);
        s->len += len;
        return 0;
    }
    s->zs.next_in = (Bytef *)(uintptr_t)data;
    s->zs.avail_in = (uInt)len;
    do {
        int rc;

        if (reserve(s, FILL_BYTES) != 0)
            return -1;
        s->zs.next_out = (Bytef *)(s->pending + s->len);
        s->zs.avail_out = (uInt)(s->cap - s->len);
        rc = deflate(&s->zs, flush);
        if (rc == Z_STREAM_ERROR)
            return -1;
        s->len = s->cap - s->zs.avail_out;
    } while (s->zs.avail_out == 0 || s->zs.avail_in > 0);
    return 0;
}

/* Appends the row of HIT; 0 or -1. */
static int
emit_row(struct export_stream *s, const khabar_hit_t *hit)
{
    size_t len;
    char *row = s->format == EXPORT_CSV ? export_csv_row(hit, &len) :
                                          export_jsonl_row(hit, &len);
    int rc;

    if (row == NULL) {
        log_error("export: cannot format a row (out of memory, or not "
                  "UTF-8)");
        return -1;
    }
    rc = emit(s, row, len, Z_NO_FLUSH);
    free(row);
    return rc;
}

/* Puts rows into PENDING until FILL_BYTES are there or the export ends;
 * 0, or -1 when the export failed (logged). */
static int
fill(struct export_stream *s)
{
    s->off = s->len = 0;
    if (!s->header_done && s->format == EXPORT_CSV &&
        emit(s, EXPORT_CSV_HEADER, strlen(EXPORT_CSV_HEADER), Z_NO_FLUSH) != 0)
        return -1;
    s->header_done = 1;
    while (s->len < FILL_BYTES) {
        const khabar_hit_t *hit;
        khabar_status_t status = khabar_export_next(s->e, &hit);

        if (status != KHABAR_STATUS_SUCCESS) {
            log_error("export stopped: %s", *khabar_export_message(s->e) ?
                      khabar_export_message(s->e) :
                      khabar_status_to_string(status));
            return -1;
        }
        if (hit == NULL) {
            s->finished = 1;
            return s->gzip ? emit(s, "", 0, Z_FINISH) : 0;
        }
        if (emit_row(s, hit) != 0)
            return -1;
    }
    return 0;
}

ssize_t
export_stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct export_stream *s = cls;
    size_t n;

    (void)pos;
    while (s->off == s->len) {
        if (s->finished)
            return MHD_CONTENT_READER_END_OF_STREAM;
        if (fill(s) != 0)
            return MHD_CONTENT_READER_END_WITH_ERROR;
    }
    n = s->len - s->off < max ? s->len - s->off : max;
    memcpy(buf, s->pending + s->off, n);
    s->off += n;
    return (ssize_t)n;
}
