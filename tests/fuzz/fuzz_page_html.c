/* fuzz_page_html.c - a saved HTML page: page_html_extract() (libxml2's
 * parser, then html_meta.c, jsonld.c, html_body.c, paragraphs.c, dates.c)
 * and the publisher of the URL it found. */
#include "fuzz_common.h"
#include "page_html.h"

#include <libxml/parser.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libxml2 prints parse errors to stderr by default: silenced, as the
 * indexer does not rely on them either. */
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, quiet);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *html = fuzz_copy(data, size);
    article_t a = {0};
    char err[256];

    if (page_html_extract(html, size, &a, err, sizeof err) == 0) {
        fuzz_check_article(&a);
        if (a.url)
            free(page_html_source_of(a.url));
    }
    article_clear(&a);
    return 0;
}
