/* reader.c - dispatching an input to the JSON Lines or page readers. */
#include "reader.h"
#include "input.h"
#include "jsonl.h"
#include "page_html.h"
#include "page_text.h"
#include "text.h"

#include <string.h>
#include <stdlib.h>

enum { ERRLEN = 512 };

static int finish_article(article_t *a, const reader_options_t *options,
                          sink_t *sink, const char *file, unsigned long line)
{
    int rc;

    if (!a->source && options->default_source)
        a->source = strdup(options->default_source);
    rc = sink_put(sink, a, file, line);
    article_clear(a);
    return rc;
}

static int read_jsonl(input_t *in, const char *file,
                      const reader_options_t *options, sink_t *sink)
{
    char err[ERRLEN];
    article_t a = {0};
    const char *line;
    size_t n;
    unsigned long lineno = 0;
    int got;

    while ((got = input_getline(in, &line, &n, err, sizeof err)) == 1) {
        lineno++;
        if (jsonl_is_blank(line, n))
            continue;
        if (jsonl_parse_line(line, n, &a, err, sizeof err) < 0) {
            article_clear(&a);
            sink_reject(sink, file, lineno, err);
        } else if (finish_article(&a, options, sink, file, lineno) < 0) {
            return -1;
        }
    }
    if (got < 0)
        sink_reject(sink, file, lineno + 1, err);
    return 0;
}

static int read_page(input_t *in, input_format_t format, const char *file,
                     const reader_options_t *options, sink_t *sink)
{
    char err[ERRLEN];
    article_t a = {0};
    const char *data;
    char *text = NULL;
    size_t n;
    int rc;

    if (input_slurp(in, &data, &n, err, sizeof err) < 0) {
        sink_reject(sink, file, 0, err);
        return 0;
    }
    if (format == FORMAT_HTML) {
        /* libxml2 decodes the page's own charset into UTF-8. */
        rc = page_html_extract(data, n, &a, err, sizeof err);
    } else if (!(text = utf8_repair(data, n))) {
        strcpy(err, "out of memory");
        rc = -1;
    } else {
        rc = page_text_extract(text, strlen(text), &a, err, sizeof err);
    }
    free(text);
    if (rc < 0) {
        article_clear(&a);
        sink_reject(sink, file, 0, err);
        return 0;
    }
    return finish_article(&a, options, sink, file, 0);
}

int reader_read_file(const char *file, const reader_options_t *options,
                     sink_t *sink)
{
    char err[ERRLEN];
    input_t *in = input_open(file, err, sizeof err);
    input_format_t format = options->format;
    const char *head;
    size_t n;
    int rc;

    if (!in) {
        sink_reject(sink, file, 0, err);
        return 0;
    }
    if (format == FORMAT_AUTO) {
        head = input_peek(in, &n);
        format = format_sniff(head, n);
    }
    if (format == FORMAT_JSONL)
        rc = read_jsonl(in, file, options, sink);
    else
        rc = read_page(in, format, file, options, sink);
    input_close(in);
    return rc;
}
