/* report.c - error lines on standard error. */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>

static void prefix(const where_t *at)
{
    fputs("khabar-index: ", stderr);
    if (at->file && at->line)
        fprintf(stderr, "%s:%lu: ", at->file, at->line);
    else if (at->file && at->offset >= 0)
        fprintf(stderr, "%s: offset %lld: ", at->file, at->offset);
    else if (at->file)
        fprintf(stderr, "%s: ", at->file);
}

void report_error(const char *file, unsigned long line, const char *fmt, ...)
{
    where_t at = {file, line, -1, NULL, 0, 0};
    va_list ap;

    prefix(&at);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void report_error_at(const where_t *at, const char *fmt, ...)
{
    va_list ap;

    prefix(at);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
