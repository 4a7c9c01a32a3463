/* export_stream.h - the body of GET /export, produced as libmicrohttpd
 * asks for it: rows of a khabar_export_t (export_format.h), gzipped on
 * the fly when the client accepts it.
 *
 * A stream owns its export, and with it a read-only database of its own
 * (khabar.h), so it reads one revision from first row to last while the
 * worker's handle goes on serving other requests.  At most
 * EXPORT_STREAMS_MAX streams exist at once, each holding a database and a
 * batch of articles. */
#ifndef KHABAR_SEARCHD_EXPORT_STREAM_H
#define KHABAR_SEARCHD_EXPORT_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "khabar.h"

#define EXPORT_STREAMS_MAX 4

typedef enum { EXPORT_CSV, EXPORT_JSONL } export_format_t;

struct export_stream;

/* A stream of E's rows in FORMAT (taking E, which it frees), gzipped when
 * GZIP is nonzero.  NULL when out of memory or when EXPORT_STREAMS_MAX
 * streams are open already (*BUSY is then 1); E is freed either way. */
struct export_stream *export_stream_new(khabar_export_t *e,
                                        export_format_t format, int gzip,
                                        int *busy);

/* For MHD_create_response_from_callback(): fills BUF with up to MAX
 * bytes; MHD_CONTENT_READER_END_OF_STREAM after the last row, and
 * MHD_CONTENT_READER_END_WITH_ERROR when the export fails half way (the
 * chunked body then ends without its last chunk, so the client can tell
 * it is incomplete). */
ssize_t export_stream_read(void *cls, uint64_t pos, char *buf, size_t max);

/* For MHD's free callback: frees the stream and its export. */
void export_stream_free(void *cls);

#endif /* KHABAR_SEARCHD_EXPORT_STREAM_H */
