/* jsonld.h - what a page's schema.org JSON-LD says about its article. */
#ifndef KHABAR_JSONLD_H
#define KHABAR_JSONLD_H

#include <stddef.h>

typedef struct {
    char *headline;
    char *date_published;
    char *author;       /* the authors' names, joined by ", " */
    char *body;         /* articleBody, which some pages give whole */
} jsonld_t;

/* Reads one <script type="application/ld+json"> TEXT[0..N) into the
 * fields of OUT not yet set: from the first object whose @type is an
 * article (Article, NewsArticle, BlogPosting, ...), looking inside arrays
 * and @graph; else from the first object with a datePublished.  Text that
 * is not JSON is ignored (pages get it wrong).  Returns -1 when memory ran
 * out. */
int jsonld_read(const char *text, size_t n, jsonld_t *out);

void jsonld_free(jsonld_t *j);

#endif
