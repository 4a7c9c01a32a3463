/* html_hints.h - what an element's tag, class, id and role say about
 * whether it holds an article's text, for the main-content detector. */
#ifndef KHABAR_HTML_HINTS_H
#define KHABAR_HTML_HINTS_H

#include <libxml/tree.h>

/* Whether NODE is an element named NAME (without regard to case). */
int html_is(const xmlNode *node, const char *name);

/* Whether NODE's text is never article text by its tag, role or
 * visibility: scripts, navigation, forms' controls, media, captions, page
 * headers and footers, hidden elements. */
int html_is_furniture(const xmlNode *node);

/* Whether NODE's class or id names site furniture (share buttons, related
 * stories, comments, cookie notices, newsletters, ads, bylines) without
 * also naming the article.  Only likely: sites name their page wrappers
 * oddly ("PageBuilder-pageRow", "ad-margins"). */
int html_is_unlikely(const xmlNode *node);

/* +25 when NODE's class or id names article text ("article", "content",
 * "story", "body"...), -25 when it names furniture, 0 otherwise. */
int html_class_weight(const xmlNode *node);

/* Whether NODE starts a new block of text (p, div, li, h2, br...). */
int html_is_block(const xmlNode *node);

/* Whether NODE is a heading, h1 to h6. */
int html_is_heading(const xmlNode *node);

#endif
