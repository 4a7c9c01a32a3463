/* reader.h - reading one input file into the sink, in whatever format. */
#ifndef KHABAR_READER_H
#define KHABAR_READER_H

#include "format.h"
#include "sink.h"

typedef struct {
    input_format_t format;      /* FORMAT_AUTO sniffs each file */
    const char *default_source; /* for articles that name none; may be NULL */
} reader_options_t;

/* Reads FILE ("-" for standard input) and puts each article it holds into
 * SINK.  A file that cannot be read is reported and counted as rejected.
 * Returns 0, or -1 when the index failed and reading must stop. */
int reader_read_file(const char *file, const reader_options_t *options,
                     sink_t *sink);

#endif
