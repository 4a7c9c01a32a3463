/* html_body.h - the main text of an HTML page: a Readability-style
 * detector that scores the page's containers by the paragraphs in them and
 * takes the text blocks of the best one. */
#ifndef KHABAR_HTML_BODY_H
#define KHABAR_HTML_BODY_H

#include "paragraphs.h"

#include <libxml/tree.h>

/* Adds the article text of the page under ROOT to BODY, block by block
 * (paragraphs, subheadings, list items, quotes), leaving out navigation,
 * share buttons, related-article lists, captions, bylines, footers and
 * cookie notices.  Sets *RULE to a static name of the way the text was
 * found: "html-content" (the best-scoring container), "html-content-relaxed"
 * (the same, trusting tags but not class names, when the first try found
 * under 500 characters), "html-article-paragraphs" or "html-paragraphs"
 * (every paragraph inside <article>, or of the page, when no container
 * stood out).  Uses the
 * nodes' _private pointers while it runs.  Returns -1 when memory ran
 * out. */
int html_body_extract(xmlNode *root, paragraphs_t *body, const char **rule);

#endif
