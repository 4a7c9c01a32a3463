/* rejects.h - the --rejects file: every rejected record, verbatim, with
 * where it was and why, so that nothing is dropped silently. */
#ifndef KHABAR_REJECTS_H
#define KHABAR_REJECTS_H

#include "report.h"

#include <stddef.h>
#include <stdio.h>

/* Appends one JSON line to TO:
 * {"file":...,"line":N | "offset":N,"reason":...,"record":...}.  The record
 * (AT->record) is "record" when it is valid UTF-8, else "record_base64";
 * without one (a record too large to keep) there is neither, and
 * AT->bytes, when not 0, is given as "bytes".  The line goes out in one
 * write(2), past TO's buffer, so that processes appending to one file
 * opened for appending (--shards N) never mix their records.  0, or -1
 * when the write failed. */
int rejects_write(FILE *to, const where_t *at, const char *why);

#endif
