/* page_html.c - saved HTML pages: metadata (html_meta.h) and the main
 * text (html_body.h), each field with the rule that found it. */
#include "page_html.h"
#include "dates.h"
#include "html_body.h"
#include "html_meta.h"
#include "paragraphs.h"
#include "text.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* How far into the body a dateline may be: the first lines. */
enum { DATELINE_BYTES = 300 };

/* Moves field F's value into *OUT and names its rule in *RULE. */
static void take(meta_field_t *f, char **out, const char **rule)
{
    if (!f->value)
        return;
    *out = f->value;
    *rule = f->rule;
    f->value = NULL;
}

/* The publisher, from the host of URL: "https://www.tolonews.com/x" ->
 * "tolonews.com".  NULL when URL has no host (or memory ran out). */
char *page_html_source_of(const char *url)
{
    const char *host = url ? strstr(url, "://") : NULL;
    size_t n;

    if (!host)
        return NULL;
    host += 3;
    n = strcspn(host, "/?#:");
    if (n > 4 && strncasecmp(host, "www.", 4) == 0)
        host += 4, n -= 4;
    if (n == 0 || !memchr(host, '.', n))
        return NULL;
    char *source = strndup(host, n);
    for (char *p = source; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return source;
}

/* The article without a date in its metadata may carry one in its first
 * lines: "KABUL, March 5, 2021 -". */
static void dateline(article_t *out, extraction_t *e)
{
    char day[11];

    if (out->date || !out->body ||
        date_find(out->body, DATELINE_BYTES, day) < 0)
        return;
    if ((out->date = strdup(day)))
        e->date = "text-dateline";
}

static int fill_fields(html_meta_t *m, article_t *out, extraction_t *e)
{
    take(&m->title, &out->title, &e->title);
    take(&m->date, &out->date, &e->date);
    take(&m->byline, &out->byline, &e->byline);
    take(&m->url, &out->url, &e->url);
    take(&m->lang, &out->lang, &e->lang);
    if (out->url && (out->source = page_html_source_of(out->url)))
        e->source = "url-host";
    return 0;
}

/* Replaces each field of OUT with its utf8_repair(): libxml2 (2.9.14)
 * can hand back text that is not UTF-8, e.g. "&" and then half of the
 * character a stray byte was decoded to, or a stray byte itself when the
 * page declares UTF-8 (found by tests/fuzz/fuzz_page_html).  -1 when
 * memory ran out. */
static int repair_fields(article_t *out)
{
    char **fields[] = {&out->title, &out->date,   &out->byline, &out->url,
                       &out->source, &out->lang, &out->body};

    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        char *repaired;
        if (!*fields[i])
            continue;
        if (!(repaired = utf8_repair(*fields[i], strlen(*fields[i]))))
            return -1;
        free(*fields[i]);
        *fields[i] = repaired;
    }
    return 0;
}

static int extract(htmlDocPtr doc, article_t *out, char *err, size_t errlen)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    html_meta_t meta = {0};
    paragraphs_t body = {0};
    extraction_t e = {0};
    int rc = -1;

    if (html_meta_read(root, &meta) < 0 || fill_fields(&meta, out, &e) < 0 ||
        html_body_extract(root, &body, &e.body) < 0)
        goto oom;
    paragraphs_trim_tail(&body);
    if (!(out->body = paragraphs_join(&body)))
        goto oom;
    if (repair_fields(out) < 0)
        goto oom;
    dateline(out, &e);
    if (!*out->body)
        e.body = NULL;
    if (article_set_extraction(out, &e) < 0)
        goto oom;
    if (!*out->body && !out->title)
        snprintf(err, errlen, "no title and no paragraphs found in the page");
    else
        rc = 0;
    goto done;
oom:
    snprintf(err, errlen, "out of memory");
done:
    paragraphs_free(&body);
    html_meta_free(&meta);
    return rc;
}

int page_html_extract(const char *html, size_t n, article_t *out, char *err,
                      size_t errlen)
{
    htmlDocPtr doc;
    int rc;

    doc = htmlReadMemory(html, (int)n, NULL, NULL,
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!doc) {
        snprintf(err, errlen, "not parseable as HTML");
        return -1;
    }
    rc = extract(doc, out, err, errlen);
    xmlFreeDoc(doc);
    return rc;
}
