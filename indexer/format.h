/* format.h - which reader an input needs. */
#ifndef KHABAR_FORMAT_H
#define KHABAR_FORMAT_H

#include <stddef.h>

typedef enum {
    FORMAT_AUTO,    /* sniff the content */
    FORMAT_JSONL,
    FORMAT_HTML,
    FORMAT_TEXT
} input_format_t;

/* The format named NAME ("auto", "jsonl", "html", "text"); -1 if none. */
int format_from_name(const char *name);

/* Tells the format from the first bytes of an input: a JSON object first
 * means JSON Lines, markup means HTML, anything else a scraped text page. */
input_format_t format_sniff(const char *head, size_t n);

#endif
