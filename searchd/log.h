/* log.h - searchd's error messages on stderr.
 *
 * Every line starts with "khabar-searchd: " so that an operator reading a
 * shared log knows which program spoke.  Worker threads log concurrently;
 * each line is written under the stderr lock so lines never interleave. */
#ifndef KHABAR_SEARCHD_LOG_H
#define KHABAR_SEARCHD_LOG_H

#include <stdarg.h>

/* Prints "khabar-searchd: " FMT... and a newline on stderr. */
void log_error(const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* The same with a va_list; adds a newline only when FMT lacks one, since
 * libmicrohttpd's messages (sent here) already end with one. */
void log_verror(const char *fmt, va_list ap);

#endif /* KHABAR_SEARCHD_LOG_H */
