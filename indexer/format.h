/* format.h - which reader an input needs. */
#ifndef KHABAR_FORMAT_H
#define KHABAR_FORMAT_H

#include <stddef.h>

typedef enum {
    FORMAT_AUTO,    /* sniff the content */
    FORMAT_JSONL,
    FORMAT_HTML,
    FORMAT_TEXT,
    FORMAT_WARC,
    FORMAT_REUTERS  /* Reuters-21578 SGML */
} input_format_t;

/* The format named NAME ("auto", "jsonl", "html", "text", "warc",
 * "reuters"); -1 if none. */
int format_from_name(const char *name);

/* Tells the format from the first bytes of an input: "WARC/1." means
 * WARC, "<!DOCTYPE lewis" or "<REUTERS" Reuters SGML, a JSON object JSON
 * Lines, other markup HTML, anything else a scraped text page. */
input_format_t format_sniff(const char *head, size_t n);

/* Whether the first bytes HEAD[0..N) of a page are not text: 1 with a
 * sentence in WHY (NUL bytes, a UTF-16 or UTF-32 byte order mark), else
 * 0. */
int format_not_text(const char *head, size_t n, char *why, size_t whylen);

#endif
