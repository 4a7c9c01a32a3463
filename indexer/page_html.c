/* page_html.c - saved HTML pages: metadata from <head>, body from <p>. */
#include "page_html.h"
#include "paragraphs.h"
#include "text.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Elements whose paragraphs are page furniture, not the article. */
static const char *const furniture[] = {
    "nav", "header", "footer", "aside", "form", "figure", "figcaption",
    "script", "style", "noscript", "button", "template", NULL,
};

static int is_element(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE &&
           strcasecmp((const char *)node->name, name) == 0;
}

static int in_furniture(const xmlNode *node)
{
    for (; node; node = node->parent)
        for (const char *const *f = furniture; *f; f++)
            if (is_element(node, *f))
                return 1;
    return 0;
}

static int in_element(const xmlNode *node, const char *name)
{
    for (; node; node = node->parent)
        if (is_element(node, name))
            return 1;
    return 0;
}

/* What the walk over the tree gathers. */
typedef struct {
    char *og_title, *title_tag, *h1, *published, *time_datetime, *canonical,
        *lang;
    int has_article;
} page_meta_t;

static char *attr(const xmlNode *node, const char *name)
{
    return (char *)xmlGetProp((xmlNode *)node, (const xmlChar *)name);
}

static char *content_of(const xmlNode *node)
{
    return (char *)xmlNodeGetContent((xmlNode *)node);
}

/* Keeps VALUE in *SLOT unless *SLOT is already set: the first wins. */
static void keep_first(char **slot, char *value)
{
    if (!*slot && value && *value)
        *slot = value;
    else
        xmlFree(value);
}

static void read_meta(const xmlNode *node, page_meta_t *m)
{
    char *key = attr(node, "property");
    char *value;

    if (!key)
        key = attr(node, "name");
    if (!key)
        return;
    value = attr(node, "content");
    if (strcasecmp(key, "og:title") == 0)
        keep_first(&m->og_title, value);
    else if (strcasecmp(key, "article:published_time") == 0 ||
             strcasecmp(key, "date") == 0 ||
             strcasecmp(key, "pubdate") == 0)
        keep_first(&m->published, value);
    else
        xmlFree(value);
    xmlFree(key);
}

static void read_link(const xmlNode *node, page_meta_t *m)
{
    char *rel = attr(node, "rel");

    if (rel && strcasecmp(rel, "canonical") == 0)
        keep_first(&m->canonical, attr(node, "href"));
    xmlFree(rel);
}

static void gather_meta(const xmlNode *node, page_meta_t *m)
{
    for (; node; node = node->next) {
        if (is_element(node, "meta"))
            read_meta(node, m);
        else if (is_element(node, "link"))
            read_link(node, m);
        else if (is_element(node, "title"))
            keep_first(&m->title_tag, content_of(node));
        else if (is_element(node, "h1") && !in_furniture(node))
            keep_first(&m->h1, content_of(node));
        else if (is_element(node, "time"))
            keep_first(&m->time_datetime, attr(node, "datetime"));
        else if (is_element(node, "html"))
            keep_first(&m->lang, attr(node, "lang"));
        if (is_element(node, "article"))
            m->has_article = 1;
        gather_meta(node->children, m);
    }
}

static int gather_paragraphs(const xmlNode *node, int only_article,
                             paragraphs_t *body)
{
    for (; node; node = node->next) {
        if (is_element(node, "p") && !in_furniture(node) &&
            (!only_article || in_element(node, "article"))) {
            char *text = content_of(node);
            int failed = text && paragraphs_add(body, text, strlen(text)) < 0;
            xmlFree(text);
            if (failed)
                return -1;
            continue;
        }
        if (gather_paragraphs(node->children, only_article, body) < 0)
            return -1;
    }
    return 0;
}

/* The paragraphs inside <article>, or of the whole page when it has no
 * <article> or that element holds no paragraph. */
static int gather_body(const xmlNode *root, int has_article,
                       paragraphs_t *body)
{
    if (has_article && gather_paragraphs(root, 1, body) < 0)
        return -1;
    if (body->count > 0)
        return 0;
    return gather_paragraphs(root, 0, body);
}

/* "Headline | Site name" -> "Headline": the part before the last
 * separator, when it is the longer part. */
static char *title_without_site(const char *title)
{
    static const char *const separators[] = {" | ", " - ", " \xe2\x80\x93 ",
                                             " \xe2\x80\x94 ", NULL};
    const char *cut = NULL;
    size_t cut_len = 0;

    for (const char *const *s = separators; *s; s++) {
        const char *at = NULL, *p = title;
        while ((p = strstr(p, *s)))
            at = p++;
        if (at && (!cut || at > cut)) {
            cut = at;
            cut_len = strlen(*s);
        }
    }
    if (cut && (size_t)(cut - title) > strlen(cut + cut_len))
        return text_squeeze(title, (size_t)(cut - title));
    return text_squeeze(title, strlen(title));
}

/* The date part (YYYY-MM-DD) of a page's date, or NULL when it has none:
 * pages write times in every style, and the day is what a reader cites. */
static char *date_part(const char *value)
{
    if (!value || strlen(value) < 10)
        return NULL;
    for (int i = 0; i < 10; i++) {
        int dash = i == 4 || i == 7;
        if (dash ? value[i] != '-' : (value[i] < '0' || value[i] > '9'))
            return NULL;
    }
    return strndup(value, 10);
}

static void meta_free(page_meta_t *m)
{
    xmlFree(m->og_title);
    xmlFree(m->title_tag);
    xmlFree(m->h1);
    xmlFree(m->published);
    xmlFree(m->time_datetime);
    xmlFree(m->canonical);
    xmlFree(m->lang);
}

static int fill_fields(const page_meta_t *m, article_t *out)
{
    const char *title = m->og_title ? m->og_title : m->title_tag;

    if (title)
        out->title = m->og_title ? text_squeeze(title, strlen(title))
                                 : title_without_site(title);
    else if (m->h1)
        out->title = text_squeeze(m->h1, strlen(m->h1));
    out->date = date_part(m->published ? m->published : m->time_datetime);
    if (m->canonical)
        out->url = strdup(m->canonical);
    if (m->lang)
        out->lang = strndup(m->lang, 2);
    return (title || m->h1) && !out->title ? -1 : 0;
}

int page_html_extract(const char *html, size_t n, article_t *out, char *err,
                      size_t errlen)
{
    page_meta_t meta = {0};
    paragraphs_t body = {0};
    htmlDocPtr doc;
    int rc = -1;

    doc = htmlReadMemory(html, (int)n, NULL, NULL,
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!doc) {
        snprintf(err, errlen, "not parseable as HTML");
        return -1;
    }
    gather_meta(xmlDocGetRootElement(doc), &meta);
    if (fill_fields(&meta, out) < 0 ||
        gather_body(xmlDocGetRootElement(doc), meta.has_article, &body) < 0) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    paragraphs_trim_tail(&body);
    out->body = paragraphs_join(&body);
    if (!out->body)
        snprintf(err, errlen, "out of memory");
    else if (!*out->body && !out->title)
        snprintf(err, errlen, "no title and no paragraphs found in the page");
    else
        rc = 0;
done:
    paragraphs_free(&body);
    meta_free(&meta);
    xmlFreeDoc(doc);
    return rc;
}
