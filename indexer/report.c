/* report.c - error lines on standard error. */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>

void report_error(const char *file, unsigned long line, const char *fmt, ...)
{
    va_list ap;

    fputs("khabar-index: ", stderr);
    if (file && line)
        fprintf(stderr, "%s:%lu: ", file, line);
    else if (file)
        fprintf(stderr, "%s: ", file);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
