/* warc.h - articles from WARC 1.0/1.1 web archives (ISO 28500), plain or
 * gzipped record by record. */
#ifndef KHABAR_WARC_H
#define KHABAR_WARC_H

#include "reader.h"

/* Reads every record of SRC: each "response" record whose HTTP payload is
 * an HTML page becomes an article (URL: WARC-Target-URI; date: the page's
 * own, else WARC-Date); other records and non-HTML or non-2xx responses
 * are counted as skipped.  A record that cannot be read (a Content-Length
 * that does not end the record, a broken HTTP payload) is rejected at its
 * byte offset and reading resumes at the next "WARC/1." line.  0, or -1
 * when the sink failed. */
int warc_read(source_t *src);

#endif
