/* reader.c - dispatching an input to the reader of its format, and what
 * every reader does with an article before the sink gets it. */
/* realpath() is X/Open. */
#define _XOPEN_SOURCE 700
#include "reader.h"
#include "charset.h"
#include "jsonl.h"
#include "page_html.h"
#include "page_text.h"
#include "reuters21578.h"
#include "warc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ERRLEN = 512, SNIFF_BYTES = 4096 };

/* The absolute path of FILE, what --delete-missing later compares with
 * the disk; NULL for standard input. */
static char *origin_of(const char *file)
{
    return strcmp(file, "-") == 0 ? NULL : realpath(file, NULL);
}

static int blank(const char *s)
{
    for (; s && *s; s++)
        if (!strchr(" \t\r\n", *s))
            return 0;
    return 1;
}

/* Every text field in NFC, so that a word typed in either form finds it. */
static int normalise(article_t *a)
{
    char **fields[] = {&a->id,   &a->url,  &a->title,  &a->date,
                       &a->source, &a->lang, &a->byline, &a->body};

    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (*fields[i] && charset_nfc(fields[i]) < 0)
            return -1;
    return 0;
}

int reader_finish(source_t *src, article_t *a, const where_t *at)
{
    int rc = 0;

    if (blank(a->title) && blank(a->body)) {
        sink_reject_at(src->sink, at, "article has no text: its title and "
                                      "body are empty");
        goto done;
    }
    if (!a->source && src->options->default_source)
        a->source = strdup(src->options->default_source);
    if (src->origin)
        a->origin = strdup(src->origin);
    if (normalise(a) < 0) {
        sink_reject_at(src->sink, at, "out of memory");
        goto done;
    }
    rc = sink_put(src->sink, a, at);
    if (src->sink->progress)
        progress_tick(src->sink->progress, input_raw_offset(src->in));
done:
    article_clear(a);
    return rc;
}

int reader_html(const char *html, size_t n, article_t *a, char *err,
                size_t errlen)
{
    char charset[64];

    /* libxml2 would warn and read such a page as Latin-1, garbling it. */
    if (charset_html_declared(html, n < SNIFF_BYTES ? n : SNIFF_BYTES,
                              charset, sizeof charset) &&
        !charset_known(charset)) {
        snprintf(err, errlen, "unknown character encoding '%s' declared "
                 "by the page", charset);
        return -1;
    }
    return page_html_extract(html, n, a, err, errlen);
}

static void reject_line(source_t *src, unsigned long lineno,
                        const char *line, size_t n, const char *why)
{
    where_t at = {src->file, lineno, -1, line, n, 0};
    sink_reject_at(src->sink, &at, why);
}

static int read_jsonl(source_t *src)
{
    char err[ERRLEN];
    article_t a = {0};
    const char *line;
    size_t n;
    unsigned long lineno = 0;
    int got;

    while ((got = input_getline(src->in, &line, &n, err, sizeof err)) != 0) {
        lineno++;
        if (got == -1) {
            where_t at = {src->file, 0, (long long)input_offset(src->in),
                          NULL, 0, 0};
            sink_reject_at(src->sink, &at, err);
            break;
        }
        if (got == -2) {
            where_t at = {src->file, lineno, -1, NULL, 0, n};
            sink_reject_at(src->sink, &at, err);
        } else if (jsonl_is_blank(line, n)) {
            continue;
        } else if (jsonl_parse_line(line, n, &a, err, sizeof err) < 0) {
            article_clear(&a);
            reject_line(src, lineno, line, n, err);
        } else {
            where_t at = {src->file, lineno, -1, line, n, 0};
            if (reader_finish(src, &a, &at) < 0)
                return -1;
        }
    }
    return 0;
}

/* A page's article into A.  0, or -1 with ERR. */
static int extract_page(const char *data, size_t n, input_format_t format,
                        article_t *a, char *err, size_t errlen)
{
    char *text;
    int rc;

    if (format_not_text(data, n < SNIFF_BYTES ? n : SNIFF_BYTES, err, errlen))
        return -1;
    if (format == FORMAT_HTML)
        return reader_html(data, n, a, err, errlen);
    /* Scraped pages declare no charset: see charset.h. */
    if (!(text = charset_text_to_utf8(data, n))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    rc = page_text_extract(text, strlen(text), a, err, errlen);
    free(text);
    return rc;
}

static int read_page(source_t *src, input_format_t format)
{
    char err[ERRLEN];
    article_t a = {0};
    const char *data;
    size_t n;
    int got = input_slurp(src->in, &data, &n, err, sizeof err);
    where_t at = {src->file, 0, -1, data, n, 0};

    if (got == -2) {
        at.record = NULL;
        at.bytes = n;
    }
    if (got == 0 && extract_page(data, n, format, &a, err, sizeof err) == 0)
        return reader_finish(src, &a, &at);
    article_clear(&a);
    sink_reject_at(src->sink, &at, err);
    return 0;
}

static int read_format(source_t *src, input_format_t format)
{
    switch (format) {
    case FORMAT_JSONL:
        return read_jsonl(src);
    case FORMAT_WARC:
        return warc_read(src);
    case FORMAT_REUTERS:
        return reuters21578_read(src);
    default:
        return read_page(src, format);
    }
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
    input_set_limit(in, options->max_article_bytes);
    head = input_peek(in, &n);
    if (n == 0 && input_peek_n(in, 1, &head, &n, err, sizeof err) == 0) {
        sink_reject(sink, file, 0, "empty file: no article in it");
        input_close(in);
        return 0;
    }
    if (format == FORMAT_AUTO)
        format = format_sniff(head, n);
    source_t src = {file, origin_of(file), in, options, sink};
    rc = read_format(&src, format);
    free(src.origin);
    input_close(in);
    return rc;
}
