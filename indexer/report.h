/* report.h - how khabar-index speaks to its user: "khabar-index: FILE:LINE:
 * what went wrong" on standard error. */
#ifndef KHABAR_REPORT_H
#define KHABAR_REPORT_H

#include <stddef.h>

/* Where in the input a record (or a problem) is: a line for line-based
 * formats, a byte offset in the decompressed input for WARC and for
 * reading errors, neither for a whole page. */
typedef struct {
    const char *file;
    unsigned long line;         /* from 1; 0: none */
    long long offset;           /* from 0; -1: none (used when LINE is 0) */
    /* The record's bytes, for --rejects, when the reader has them (a JSON
     * line, a WARC record, a page); else NULL, and BYTES its size when
     * known (a record too large to keep), else 0. */
    const char *record;
    size_t record_len;
    unsigned long long bytes;
} where_t;

/* FILE may be NULL and LINE 0 when they do not apply. */
void report_error(const char *file, unsigned long line, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* "khabar-index: FILE:LINE: ..." or "khabar-index: FILE: offset N: ...". */
void report_error_at(const where_t *at, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
