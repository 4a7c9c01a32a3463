/* route_page.c - GET / and GET /static/{name}: the web page (docs/WEB.md)
 * and its stylesheet and script, from the table tools/embed/embed.c
 * compiles into searchd (page_assets.h).
 *
 * A name is looked up by exact comparison with the table's names, so no
 * path a client sends ever reaches the file system: "../x", "%2e%2e/x" or
 * "app.js/" are simply names the table does not have, and get 404. */
#include <string.h>

#include "page_assets.h"
#include "respond.h"
#include "routes.h"

/* The asset the page itself is. */
#define PAGE_NAME "index.html"

/* The asset called NAME, or NULL. */
static const struct page_asset *
find_asset(const char *name)
{
    size_t i;

    for (i = 0; i < page_assets_count; i++)
        if (strcmp(page_assets[i].name, name) == 0)
            return &page_assets[i];
    return NULL;
}

static enum MHD_Result
serve(struct MHD_Connection *connection, const struct page_asset *asset)
{
    if (asset == NULL)
        return respond_no_such_resource(connection);
    return respond_page(connection, asset->content_type, asset->data,
                        asset->size);
}

enum MHD_Result
route_page(struct MHD_Connection *connection)
{
    return serve(connection, find_asset(PAGE_NAME));
}

enum MHD_Result
route_static(struct MHD_Connection *connection, const char *name)
{
    /* The page is served at "/" only: one address per document. */
    if (strcmp(name, PAGE_NAME) == 0)
        return respond_no_such_resource(connection);
    return serve(connection, find_asset(name));
}
