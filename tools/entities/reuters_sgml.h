/* Reading Reuters-21578 SGML files for the entity evaluation: one article
 * at a time, text converted from Latin-1 to UTF-8, entities decoded. */
#ifndef KHABAR_REUTERS_SGML_H
#define KHABAR_REUTERS_SGML_H

#include <stddef.h>

enum { REUTERS_PLACES, REUTERS_PEOPLE, REUTERS_ORGS, REUTERS_TYPES };

typedef struct {
    char *title;              /* UTF-8, or NULL */
    char *body;               /* dateline + body, paragraphs split by blank lines */
    char **tags[REUTERS_TYPES];
    size_t ntags[REUTERS_TYPES];
} reuters_article_t;

/* Reads a whole (gzipped) file into memory, NUL-terminated; NULL on error. */
char *reuters_read_file(const char *path, size_t *len);

/* Parses the next <REUTERS> element at or after *pos in data; returns 1
 * with *art filled, 0 at the end, -1 when out of memory. */
int reuters_next(const char *data, size_t *pos, reuters_article_t *art);

void reuters_article_clear(reuters_article_t *art);

#endif
