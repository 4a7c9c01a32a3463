/* page_assets.h - the web page's files (searchd/assets/), compiled into
 * khabar-searchd by tools/embed/embed.c (the Makefile writes them into
 * $(BUILD)/assets.c), and served by route_page.c.  Nothing is read from
 * disk at run time. */
#ifndef KHABAR_SEARCHD_PAGE_ASSETS_H
#define KHABAR_SEARCHD_PAGE_ASSETS_H

#include <stddef.h>

struct page_asset {
    const char *name;           /* the base name, e.g. "app.js" */
    const char *content_type;   /* from the extension */
    const unsigned char *data;
    size_t size;
};

extern const struct page_asset page_assets[];
extern const size_t page_assets_count;

#endif /* KHABAR_SEARCHD_PAGE_ASSETS_H */
