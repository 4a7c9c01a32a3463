/* jsonld.c - schema.org JSON-LD, parsed with jansson. */
#include "jsonld.h"
#include "text.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static int is_article_type(const char *type)
{
    size_t n = type ? strlen(type) : 0;
    /* Article, NewsArticle, ReportageNewsArticle, BlogPosting, ... */
    return n && (strstr(type, "Article") || strcmp(type, "BlogPosting") == 0 ||
                 strcmp(type, "LiveBlogPosting") == 0 ||
                 strcmp(type, "Report") == 0);
}

static int has_article_type(json_t *object)
{
    json_t *type = json_object_get(object, "@type");
    size_t i;
    json_t *t;

    if (json_is_string(type))
        return is_article_type(json_string_value(type));
    json_array_foreach(type, i, t)
        if (is_article_type(json_string_value(t)))
            return 1;
    return 0;
}

/* Copies string VALUE into *SLOT unless it is set; -1 out of memory. */
static int keep(char **slot, json_t *value)
{
    if (*slot || !json_is_string(value) || !json_string_length(value))
        return 0;
    *slot = utf8_repair(json_string_value(value), json_string_length(value));
    return *slot ? 0 : -1;
}

/* "Jane Doe", {"name": "Jane Doe"} or a list of them. */
static int add_author(strbuf_t *names, json_t *author)
{
    json_t *name = json_is_object(author) ? json_object_get(author, "name")
                                          : author;
    size_t i;
    json_t *a;

    if (json_is_array(author)) {
        json_array_foreach(author, i, a)
            if (add_author(names, a) < 0)
                return -1;
        return 0;
    }
    if (!json_is_string(name) || !json_string_length(name))
        return 0;
    if (names->len && strbuf_append_str(names, ", ") < 0)
        return -1;
    return strbuf_append(names, json_string_value(name),
                         json_string_length(name));
}

static int read_article(json_t *object, jsonld_t *out)
{
    strbuf_t names = {0};

    if (keep(&out->headline, json_object_get(object, "headline")) < 0 ||
        keep(&out->date_published, json_object_get(object, "datePublished")) < 0 ||
        keep(&out->body, json_object_get(object, "articleBody")) < 0)
        return -1;
    if (!out->author) {
        if (add_author(&names, json_object_get(object, "author")) < 0) {
            strbuf_free(&names);
            return -1;
        }
        if (names.len && !(out->author = utf8_repair(names.data, names.len))) {
            strbuf_free(&names);
            return -1;
        }
        strbuf_free(&names);
    }
    return 0;
}

/* Visits VALUE and what it nests (arrays, @graph): articles first when
 * WANT_ARTICLE, else anything with a datePublished. */
static int visit(json_t *value, int want_article, jsonld_t *out)
{
    size_t i;
    json_t *item;

    if (json_is_array(value)) {
        json_array_foreach(value, i, item)
            if (visit(item, want_article, out) < 0)
                return -1;
        return 0;
    }
    if (!json_is_object(value))
        return 0;
    if (visit(json_object_get(value, "@graph"), want_article, out) < 0)
        return -1;
    if (want_article ? has_article_type(value)
                     : json_object_get(value, "datePublished") != NULL)
        return read_article(value, out);
    return 0;
}

int jsonld_read(const char *text, size_t n, jsonld_t *out)
{
    json_t *root = json_loadb(text, n, JSON_DECODE_ANY, NULL);
    int rc;

    if (!root)
        return 0;
    rc = visit(root, 1, out);
    if (rc == 0)
        rc = visit(root, 0, out);
    json_decref(root);
    return rc;
}

void jsonld_free(jsonld_t *j)
{
    free(j->headline);
    free(j->date_published);
    free(j->author);
    free(j->body);
    memset(j, 0, sizeof *j);
}
