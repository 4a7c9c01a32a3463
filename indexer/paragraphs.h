/* paragraphs.h - the body of an article, gathered paragraph by paragraph,
 * keeping each paragraph once and leaving out site chrome. */
#ifndef KHABAR_PARAGRAPHS_H
#define KHABAR_PARAGRAPHS_H

#include <stddef.h>

typedef struct {
    char **items;   /* white space squeezed */
    size_t count;
    size_t cap;
} paragraphs_t;

/* Whether LINE (white space squeezed) is site chrome: "Skip to main
 * content", "Share this post", "Advertisement" and the like. */
int paragraphs_is_chrome(const char *line);

/* Adds TEXT[0..N) as a paragraph unless it is empty, chrome, or a repeat of
 * one already added: scraped pages often carry the body twice, and the
 * article a reader sees has it once.  Returns -1 when memory ran out. */
int paragraphs_add(paragraphs_t *p, const char *text, size_t n);

/* Drops short trailing paragraphs that end no sentence ("Share", "Tags:
 * Afghanistan"): page furniture after the article. */
void paragraphs_trim_tail(paragraphs_t *p);

/* The paragraphs joined by blank lines; NULL when memory ran out. */
char *paragraphs_join(const paragraphs_t *p);

void paragraphs_free(paragraphs_t *p);

#endif
