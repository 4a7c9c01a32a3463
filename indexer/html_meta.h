/* html_meta.h - an HTML page's metadata, each field with the rule that
 * found it. */
#ifndef KHABAR_HTML_META_H
#define KHABAR_HTML_META_H

#include "jsonld.h"

#include <libxml/tree.h>

/* One field: its value (owned) and the name of the rule that found it
 * (static), the best rule winning. */
typedef struct {
    char *value;
    const char *rule;
    int rank;           /* of the rule: lower is better */
} meta_field_t;

typedef struct {
    meta_field_t title, date, byline, url, lang;
    jsonld_t jsonld;
} html_meta_t;

/* Reads the metadata of the page under ROOT into M:
 *   title  og:title, json-ld:headline, <title> (rule "title"), first <h1>
 *          outside page furniture ("h1"), each without a " | Site name";
 *   date   meta:article:published_time, json-ld:datePublished, other date
 *          meta tags ("meta:pubdate", "meta:dc.date.issued",
 *          "itemprop:datePublished"...), <time datetime> ("time"), as
 *          YYYY-MM-DD;
 *   byline meta:author, json-ld:author, itemprop:author, rel-author,
 *          class:byline ("By " dropped);
 *   url    link:canonical, og:url;
 *   lang   html-lang, og:locale, meta:content-language, as the primary
 *          language subtag, lowercased.
 * Returns -1 when memory ran out. */
int html_meta_read(const xmlNode *root, html_meta_t *m);

void html_meta_free(html_meta_t *m);

/* "Headline | Site name" -> "Headline": the part before the last
 * separator (| - – — :: »), when it is the longer part; squeezed. */
char *html_title_without_site(const char *title);

#endif
