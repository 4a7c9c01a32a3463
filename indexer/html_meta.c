/* html_meta.c - metadata from <meta>, <link>, JSON-LD and the markup. */
#include "html_meta.h"
#include "dates.h"
#include "html_hints.h"
#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Date meta tags (name, property or itemprop) in the order they are
 * trusted; all of rank 3 but article:published_time. */
static const char *const date_names[] = {
    "article:published_time", "og:published_time", "datePublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "date",
    "dc.date.issued", "dc.date", "dcterms.created", "dcterms.date",
    "sailthru.date", "parsely-pub-date", "article.published",
    "article_date_original", "cxenseparse:recs:publishtime",
    "original-publish-date", "displaydate", "dc.date.created", NULL,
};

enum { MAX_BYLINE_WORDS = 12 };

static char *prop(const xmlNode *node, const char *name)
{
    return (char *)xmlGetProp((xmlNode *)node, (const xmlChar *)name);
}

/* Offers VALUE (taken, xmlFree'd) for field F by rule RULE of rank RANK:
 * kept when no better rule has found it yet.  -1 out of memory. */
static int offer(meta_field_t *f, int rank, const char *rule, char *value)
{
    char *squeezed;

    if (!value || (f->value && f->rank <= rank)) {
        xmlFree(value);
        return 0;
    }
    squeezed = text_squeeze(value, strlen(value));
    xmlFree(value);
    if (!squeezed)
        return -1;
    if (!*squeezed) {
        free(squeezed);
        return 0;
    }
    free(f->value);
    f->value = squeezed;
    f->rule = rule;
    f->rank = rank;
    return 0;
}

static int offer_date(meta_field_t *f, int rank, const char *rule, char *value)
{
    char day[11];
    int ok = value && date_parse(value, day) == 0;

    xmlFree(value);
    return ok ? offer(f, rank, rule, (char *)xmlStrdup((xmlChar *)day)) : 0;
}

/* "fa-IR", "en_US", "EN" -> "fa", "en", "en". */
static int offer_lang(meta_field_t *f, int rank, const char *rule, char *value)
{
    size_t n = 0;

    while (value && isalpha((unsigned char)value[n]) && n < 8) {
        value[n] = (char)tolower((unsigned char)value[n]);
        n++;
    }
    if (!value || n < 2 || n > 3) {
        xmlFree(value);
        return 0;
    }
    value[n] = '\0';
    return offer(f, rank, rule, value);
}

static int read_named_meta(const char *key, char *content, html_meta_t *m)
{
    static char rules[sizeof date_names / sizeof *date_names][40];

    if (strcasecmp(key, "og:title") == 0)
        return offer(&m->title, 1, "og:title", content);
    if (strcasecmp(key, "og:url") == 0)
        return offer(&m->url, 2, "og:url", content);
    if (strcasecmp(key, "og:locale") == 0)
        return offer_lang(&m->lang, 2, "og:locale", content);
    if (strcasecmp(key, "author") == 0 && strncmp(content, "http", 4) != 0)
        return offer(&m->byline, 1, "meta:author", content);
    for (size_t i = 0; date_names[i]; i++) {
        if (strcasecmp(key, date_names[i]) != 0)
            continue;
        if (!rules[i][0])
            snprintf(rules[i], sizeof rules[i], "meta:%s", date_names[i]);
        return offer_date(&m->date, i == 0 ? 1 : 3, rules[i], content);
    }
    xmlFree(content);
    return 0;
}

static int read_meta(const xmlNode *node, html_meta_t *m)
{
    char *key = prop(node, "property"), *content = prop(node, "content");
    int rc = 0;

    if (!key)
        key = prop(node, "name");
    if (!key)
        key = prop(node, "itemprop");
    if (!key && (key = prop(node, "http-equiv")) &&
        strcasecmp(key, "content-language") == 0) {
        rc = offer_lang(&m->lang, 3, "meta:content-language", content);
        content = NULL;
    }
    if (key && content)
        rc = read_named_meta(key, content, m);
    else
        xmlFree(content);
    xmlFree(key);
    return rc;
}

static int read_link(const xmlNode *node, html_meta_t *m)
{
    char *rel = prop(node, "rel");
    int rc = 0;

    if (rel && strcasecmp(rel, "canonical") == 0)
        rc = offer(&m->url, 1, "link:canonical", prop(node, "href"));
    xmlFree(rel);
    return rc;
}

static int read_script(const xmlNode *node, html_meta_t *m)
{
    char *type = prop(node, "type"), *text;
    int rc = 0;

    if (type && strcasecmp(type, "application/ld+json") == 0) {
        text = (char *)xmlNodeGetContent((xmlNode *)node);
        if (text)
            rc = jsonld_read(text, strlen(text), &m->jsonld);
        xmlFree(text);
    }
    xmlFree(type);
    return rc;
}

static int in_furniture(const xmlNode *node)
{
    for (; node; node = node->parent)
        if (node->type == XML_ELEMENT_NODE && html_is_furniture(node))
            return 1;
    return 0;
}

/* "By Jane Doe" -> "Jane Doe"; NULL (and VALUE freed) when it is too
 * long to be a byline. */
static char *byline_text(char *value)
{
    char *s = value, *out;

    if (!value)
        return NULL;
    while (isspace((unsigned char)*s))
        s++;
    if (strncasecmp(s, "by ", 3) == 0)
        s += 3;
    out = text_squeeze(s, strlen(s));
    xmlFree(value);
    if (out && text_word_count(out) > MAX_BYLINE_WORDS) {
        free(out);
        return NULL;
    }
    return out;
}

static int offer_byline(html_meta_t *m, int rank, const char *rule,
                        char *value)
{
    char *name = byline_text(value);
    char *copy = name ? (char *)xmlStrdup((xmlChar *)name) : NULL;

    free(name);
    return offer(&m->byline, rank, rule, copy);
}

static int has_class_word(const xmlNode *node, const char *word)
{
    char *cls = prop(node, "class");
    int yes = cls && strstr(cls, word) != NULL;
    xmlFree(cls);
    return yes;
}

/* Bylines and dates in the markup itself. */
static int read_markup(const xmlNode *node, html_meta_t *m)
{
    char *itemprop = prop(node, "itemprop"), *rel = prop(node, "rel");
    int rc = 0;

    if (itemprop && strcasecmp(itemprop, "author") == 0)
        rc = offer_byline(m, 3, "itemprop:author",
                          (char *)xmlNodeGetContent((xmlNode *)node));
    else if (itemprop && strcasecmp(itemprop, "datePublished") == 0)
        rc = offer_date(&m->date, 3, "itemprop:datePublished",
                        prop(node, "datetime"));
    else if (rel && strcasecmp(rel, "author") == 0 && !html_is(node, "link"))
        rc = offer_byline(m, 4, "rel-author",
                          (char *)xmlNodeGetContent((xmlNode *)node));
    else if (!(m->byline.value && m->byline.rank <= 5) &&
             has_class_word(node, "byline"))
        rc = offer_byline(m, 5, "class:byline",
                          (char *)xmlNodeGetContent((xmlNode *)node));
    if (rc == 0 && html_is(node, "time"))
        rc = offer_date(&m->date, 5, "time", prop(node, "datetime"));
    xmlFree(itemprop);
    xmlFree(rel);
    return rc;
}

static int read_node(const xmlNode *node, html_meta_t *m)
{
    if (html_is(node, "meta"))
        return read_meta(node, m);
    if (html_is(node, "link"))
        return read_link(node, m);
    if (html_is(node, "script"))
        return read_script(node, m);
    if (html_is(node, "title"))
        return offer(&m->title, 3, "title",
                     (char *)xmlNodeGetContent((xmlNode *)node));
    if (html_is(node, "h1") && !(m->title.value && m->title.rank <= 4) &&
        !in_furniture(node))
        return offer(&m->title, 4, "h1",
                     (char *)xmlNodeGetContent((xmlNode *)node));
    if (html_is(node, "html"))
        return offer_lang(&m->lang, 1, "html-lang", prop(node, "lang"));
    return read_markup(node, m);
}

static int walk(const xmlNode *node, html_meta_t *m)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        if (read_node(node, m) < 0 || walk(node->children, m) < 0)
            return -1;
    }
    return 0;
}

/* What JSON-LD said, ranked among the rest. */
static int take_jsonld(html_meta_t *m)
{
    jsonld_t *j = &m->jsonld;

    if (j->headline &&
        offer(&m->title, 2, "json-ld:headline", (char *)xmlStrdup((xmlChar *)j->headline)) < 0)
        return -1;
    if (j->date_published &&
        offer_date(&m->date, 2, "json-ld:datePublished",
                   (char *)xmlStrdup((xmlChar *)j->date_published)) < 0)
        return -1;
    if (j->author &&
        offer(&m->byline, 2, "json-ld:author", (char *)xmlStrdup((xmlChar *)j->author)) < 0)
        return -1;
    return 0;
}

int html_meta_read(const xmlNode *root, html_meta_t *m)
{
    char *title;

    if (walk(root, m) < 0 || take_jsonld(m) < 0)
        return -1;
    if (m->title.value) {
        if (!(title = html_title_without_site(m->title.value)))
            return -1;
        free(m->title.value);
        m->title.value = title;
    }
    return 0;
}

static void field_free(meta_field_t *f)
{
    free(f->value);
    memset(f, 0, sizeof *f);
}

void html_meta_free(html_meta_t *m)
{
    field_free(&m->title);
    field_free(&m->date);
    field_free(&m->byline);
    field_free(&m->url);
    field_free(&m->lang);
    jsonld_free(&m->jsonld);
}

char *html_title_without_site(const char *title)
{
    static const char *const separators[] = {
        " | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ",
        " \xc2\xbb ", NULL};
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
