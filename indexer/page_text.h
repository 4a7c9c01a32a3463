/* page_text.h - articles from scraped pages saved as plain text. */
#ifndef KHABAR_PAGE_TEXT_H
#define KHABAR_PAGE_TEXT_H

#include "article.h"
#include <stddef.h>

/* Fills OUT's title and body from the scraped page TEXT[0..N) (valid
 * UTF-8): the headline is the first line that is not chrome and reads like
 * one; the body is every later paragraph, once, without chrome; the date
 * comes from a dateline in the body's first lines, when it has one.  Sets
 * OUT's extraction to {"title":"text-headline","date":"text-dateline",
 * "body":"text-lines"} (date only when found).  Returns 0,
 * or -1 with a sentence in ERR when the page holds no article. */
int page_text_extract(const char *text, size_t n, article_t *out, char *err,
                      size_t errlen);

#endif
