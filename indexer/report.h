/* report.h - how khabar-index speaks to its user: "khabar-index: FILE:LINE:
 * what went wrong" on standard error. */
#ifndef KHABAR_REPORT_H
#define KHABAR_REPORT_H

/* FILE may be NULL and LINE 0 when they do not apply. */
void report_error(const char *file, unsigned long line, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
