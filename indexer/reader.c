/* reader.c - dispatching an input to the JSON Lines or page readers. */
/* realpath() is X/Open. */
#define _XOPEN_SOURCE 700
#include "reader.h"
#include "input.h"
#include "jsonl.h"
#include "page_html.h"
#include "page_text.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

enum { ERRLEN = 512 };

/* The absolute path of FILE, what --delete-missing later compares with
 * the disk; NULL for standard input. */
static char *origin_of(const char *file)
{
    return strcmp(file, "-") == 0 ? NULL : realpath(file, NULL);
}

/* What one file's readers share. */
typedef struct {
    const char *file;
    char *origin;       /* origin_of(file) */
    input_t *in;
    const reader_options_t *options;
    sink_t *sink;
} source_t;

static int finish_article(source_t *src, article_t *a, unsigned long line)
{
    int rc;

    if (!a->source && src->options->default_source)
        a->source = strdup(src->options->default_source);
    if (src->origin)
        a->origin = strdup(src->origin);
    rc = sink_put(src->sink, a, src->file, line);
    article_clear(a);
    if (src->sink->progress)
        progress_tick(src->sink->progress, input_raw_offset(src->in));
    return rc;
}

static int read_jsonl(source_t *src)
{
    input_t *in = src->in;
    const char *file = src->file;
    sink_t *sink = src->sink;
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
        } else if (finish_article(src, &a, lineno) < 0) {
            return -1;
        }
    }
    if (got < 0)
        sink_reject(sink, file, lineno + 1, err);
    return 0;
}

static int read_page(source_t *src, input_format_t format)
{
    input_t *in = src->in;
    const char *file = src->file;
    sink_t *sink = src->sink;
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
    return finish_article(src, &a, 0);
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
    source_t src = {file, origin_of(file), in, options, sink};
    if (format == FORMAT_JSONL)
        rc = read_jsonl(&src);
    else
        rc = read_page(&src, format);
    free(src.origin);
    input_close(in);
    return rc;
}
