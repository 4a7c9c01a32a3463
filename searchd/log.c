/* log.c - searchd's error messages on stderr; see log.h. */
#include "log.h"

#include <stdio.h>
#include <string.h>

void
log_verror(const char *fmt, va_list ap)
{
    size_t len = strlen(fmt);

    flockfile(stderr);
    fputs("khabar-searchd: ", stderr);
    vfprintf(stderr, fmt, ap);
    if (len == 0 || fmt[len - 1] != '\n')
        fputc('\n', stderr);
    funlockfile(stderr);
}

void
log_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_verror(fmt, ap);
    va_end(ap);
}
