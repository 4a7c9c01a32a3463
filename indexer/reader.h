/* reader.h - reading one input file into the sink, in whatever format. */
#ifndef KHABAR_READER_H
#define KHABAR_READER_H

#include "format.h"
#include "input.h"
#include "sink.h"

/* The default of --max-article-bytes: far above any real article (the
 * longest in our corpora is under 1 MB), low enough that one bad record
 * cannot exhaust memory. */
#define DEFAULT_MAX_ARTICLE_BYTES (10ul * 1024 * 1024)

typedef struct {
    input_format_t format;      /* FORMAT_AUTO sniffs each file */
    const char *default_source; /* for articles that name none; may be NULL */
    size_t max_article_bytes;   /* the largest record (line, page, WARC
                                   record, <REUTERS> element) read */
} reader_options_t;

/* Reads FILE ("-" for standard input) and puts each article it holds into
 * SINK.  A file that cannot be read is reported and counted as rejected.
 * Returns 0, or -1 when the sink failed and reading must stop. */
int reader_read_file(const char *file, const reader_options_t *options,
                     sink_t *sink);

/* What the readers of one file share. */
typedef struct {
    const char *file;
    char *origin;       /* the absolute path of FILE; NULL for stdin */
    input_t *in;
    const reader_options_t *options;
    sink_t *sink;
} source_t;

/* Hands the article A, read at AT, to the sink: fills in the default
 * source and the origin, normalises every field to NFC, and rejects an
 * article with no text.  Clears A.  0, or -1 when the sink failed. */
int reader_finish(source_t *src, article_t *a, const where_t *at);

/* Extracts the article of the HTML page HTML[0..N) into A, refusing a page
 * that declares a charset libxml2 cannot decode.  0, or -1 with ERR. */
int reader_html(const char *html, size_t n, article_t *a, char *err,
                size_t errlen);

#endif
