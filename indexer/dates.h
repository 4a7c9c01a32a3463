/* dates.h - publication dates as pages write them, to ISO 8601 days. */
#ifndef KHABAR_DATES_H
#define KHABAR_DATES_H

#include <stddef.h>

/* Reads the date at the start of S: "2021-02-27T10:30:00Z", "2021/02/27",
 * "27 February 2021", "Feb. 27, 2021", "Saturday, February 27, 2021"...
 * On success writes "YYYY-MM-DD" into OUT and returns 0; -1 when S does
 * not start with a date that exists. */
int date_parse(const char *s, char out[11]);

/* Finds a dateline in the first LIMIT bytes of TEXT: the first place where
 * date_parse() reads a date.  0 and OUT set, or -1. */
int date_find(const char *text, size_t limit, char out[11]);

#endif
