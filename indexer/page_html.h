/* page_html.h - articles from saved HTML pages, parsed with libxml2. */
#ifndef KHABAR_PAGE_HTML_H
#define KHABAR_PAGE_HTML_H

#include "article.h"
#include <stddef.h>

/* Fills OUT's title, date, url, lang and body from the HTML page
 * HTML[0..N).  The body is the text of the paragraphs inside <article> when
 * the page has one (else of every paragraph), leaving out navigation,
 * headers, footers, asides, figures and forms, each paragraph once.
 * Returns 0, or -1 with a sentence in ERR when the page holds no article. */
int page_html_extract(const char *html, size_t n, article_t *out, char *err,
                      size_t errlen);

#endif
