/* page_html.h - articles from saved HTML pages, parsed with libxml2. */
#ifndef KHABAR_PAGE_HTML_H
#define KHABAR_PAGE_HTML_H

#include "article.h"
#include <stddef.h>

/* Fills OUT's title, date, byline, url, source, lang and body from the
 * HTML page HTML[0..N), and OUT's extraction with the rule that found each
 * (html_meta.h for the metadata, html_body.h for the body; a date missing
 * from the metadata may come from a dateline in the body's first lines).
 * The body is the page's main text without navigation, share buttons,
 * related articles, captions, footers and cookie notices, each paragraph
 * once.  Returns 0, or -1 with a sentence in ERR when the page holds no
 * article. */
int page_html_extract(const char *html, size_t n, article_t *out, char *err,
                      size_t errlen);

/* The publisher named by URL's host, without "www.", lowercased:
 * "https://www.tolonews.com/x" -> "tolonews.com".  NULL when URL has no
 * host name (or memory ran out). */
char *page_html_source_of(const char *url);

#endif
