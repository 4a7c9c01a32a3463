/* access_log.h - one line per request, for the operator.
 *
 *   2025-01-31T09:15:02Z GET /search?q=Doha+talks 200 731 3ms
 *
 * Fields are separated by single spaces: the UTC time the request ended,
 * the method, the request target, the status, the bytes of body queued and
 * the milliseconds from the request line to the end of the answer.  A field
 * that is not known is "-".  The method and the target are what the client
 * sent, so they are sanitised before they reach the log: every byte that is
 * not printable ASCII, and every space, '"' and '\', is written as \xHH,
 * and a target longer than ACCESS_LOG_TARGET_MAX bytes is cut there and
 * ends with "...".  A line can therefore never be split, forged or turned
 * into terminal escapes by a request.
 *
 * Lines start with a digit, error lines (log.h) with "khabar-searchd: ", so
 * both can share standard error and still be told apart. */
#ifndef KHABAR_SEARCHD_ACCESS_LOG_H
#define KHABAR_SEARCHD_ACCESS_LOG_H

#include <stddef.h>

/* The most bytes of request target a line keeps, before escaping. */
#define ACCESS_LOG_TARGET_MAX 256
/* Room for a sanitised target: four bytes per byte kept, "..." and NUL. */
#define ACCESS_LOG_TARGET_SIZE (ACCESS_LOG_TARGET_MAX * 4 + 4)

/* Writes the LEN bytes at TEXT into BUF (SIZE bytes, at least 8) as
 * sanitised text, as described above: at most MAX input bytes are kept,
 * "..." marks a cut, and BUF always ends with a NUL.  Returns BUF. */
char *access_log_sanitise(const char *text, size_t len, size_t max,
                          char *buf, size_t size);

/* Sends the lines to PATH, opened for appending (created 0640 if need be),
 * or to standard error when PATH is NULL.  Call once, before any worker
 * starts; 0, or -1 after logging why. */
int access_log_open(const char *path);

/* Reopens the file given to access_log_open(), so that a log rotated away
 * (renamed) is followed by a new one; a no-op for standard error.  Safe
 * while workers write: they see either the old file or the new one.  0, or
 * -1 after logging why (the old file then stays in use). */
int access_log_reopen(void);

/* Closes the file, if any; after every worker has stopped. */
void access_log_close(void);

/* Writes one line.  METHOD and TARGET are sanitised already (NULL for "-");
 * STATUS 0 and BYTES (size_t)-1 mean "not known".  The line goes out in one
 * write(), so concurrent lines never interleave. */
void access_log_write(const char *method, const char *target,
                      unsigned status, size_t bytes, long millis);

#endif /* KHABAR_SEARCHD_ACCESS_LOG_H */
