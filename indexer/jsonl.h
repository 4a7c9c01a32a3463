/* jsonl.h - articles from JSON Lines, one JSON object a line. */
#ifndef KHABAR_JSONL_H
#define KHABAR_JSONL_H

#include "article.h"
#include <stddef.h>

/* Whether LINE[0..N) holds nothing but white space (skipped, not an
 * error). */
int jsonl_is_blank(const char *line, size_t n);

/* Reads one line: an object whose string members id, url, title, date,
 * source, lang and body become OUT's fields (others are ignored); it needs
 * a title or a body.  Returns 0, or -1 with a sentence in ERR saying what
 * is wrong (with the column for a JSON syntax error). */
int jsonl_parse_line(const char *line, size_t n, article_t *out, char *err,
                     size_t errlen);

#endif
