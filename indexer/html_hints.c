/* html_hints.c - tags, classes and ids that mark article text or page
 * furniture.  The word lists follow Readability's (Mozilla's port of Arc90's
 * readability.js) and boilerpipe's experience of what news sites call their
 * parts; they name kinds of furniture, never particular sites. */
#include "html_hints.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Elements that never hold article text. */
static const char *const furniture_tags[] = {
    "script", "style", "noscript", "nav", "footer", "aside", "button",
    "template", "iframe", "svg", "figure", "figcaption", "select", "option",
    "textarea", "input", "label", "object", "embed", "video", "audio",
    "canvas", "picture", "img", "head", "title", "header", "menu",
    "dialog", "math", NULL,
};

/* ARIA roles of page furniture. */
static const char *const furniture_roles[] = {
    "navigation", "complementary", "banner", "contentinfo", "menu",
    "menubar", "dialog", "alertdialog", "search", "toolbar", "tablist",
    "figure", "note", NULL,
};

/* Class or id words that mark furniture, as substrings. */
static const char *const unlikely[] = {
    "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment",
    "community", "cover-wrap", "disqus", "footer", "gdpr",
    "header", "legends", "related", "remark", "replies", "rss",
    "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
    "supplemental", "ad-break", "agegate", "pagination", "popup",
    "share", "sharing", "newsletter", "cookie", "consent", "promo",
    "subscribe", "signup", "sign-up", "byline", "dateline", "timestamp",
    "caption", "credit", "recirc", "trending", "most-popular", "mostpopular",
    "outbrain", "taboola", "advert", "toolbar", "breaking-news",
    "author-bio", "authorbio", "read-more", "readmore", "more-stories",
    "see-also", "print-only", "visually-hidden",
    "visuallyhidden", "sr-only", "screen-reader", "skip-link", "modal",
    "tooltip", "playlist", "video-player", "inline-video",
    "lightbox", "slideshow", "gallery", "nocontent", NULL,
};

/* Class or id words that keep an element despite an unlikely word. */
static const char *const maybe[] = {
    "and", "article", "body", "column", "content", "main", "shadow", NULL,
};

static const char *const positive[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main",
    "page", "post", "text", "blog", "story", NULL,
};

static const char *const negative[] = {
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
    "foot", "footnote", "gdpr", "masthead", "media", "meta", "outbrain",
    "promo", "related", "scroll", "share", "shoutbox", "sidebar",
    "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
    "byline", "author", "caption", "newsletter", "subscribe", "recirc",
    NULL,
};

/* Whole words (between -, _ and spaces) that mark furniture: too short to
 * match as substrings ("ad" is in "header" and "read"). */
static const char *const unlikely_words[] = {
    "ad", "ads", "adv", "share", "social", "nav", "related", "promo",
    "sponsored", "tags", "byline", "author", "date", "time", "caption",
    "credit", "published", "pager", "extra", "menu", "rss", "topics",
    "modal", "overlay", "teaser", "print", NULL,
};

int html_is(const xmlNode *node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE &&
           strcasecmp((const char *)node->name, name) == 0;
}

static int in_list(const xmlNode *node, const char *const *list)
{
    for (; *list; list++)
        if (html_is(node, *list))
            return 1;
    return 0;
}

/* NODE's class and id, lowercased, into BUF; 0 when it has neither. */
static size_t hint_text(const xmlNode *node, char *buf, size_t cap)
{
    static const char *const attrs[] = {"class", "id", NULL};
    size_t len = 0;

    for (const char *const *a = attrs; *a; a++) {
        xmlChar *v = xmlGetProp((xmlNode *)node, (const xmlChar *)*a);
        for (const xmlChar *p = v; p && *p && len + 2 < cap; p++)
            buf[len++] = (char)tolower(*p);
        if (v && len + 2 < cap)
            buf[len++] = ' ';
        xmlFree(v);
    }
    buf[len] = '\0';
    return len;
}

static int has_substring(const char *hint, const char *const *list)
{
    for (; *list; list++)
        if (strstr(hint, *list))
            return 1;
    return 0;
}

static int has_word(const char *hint, const char *const *list)
{
    for (const char *p = hint; *p;) {
        size_t n = strcspn(p, " -_");
        for (const char *const *w = list; n && *w; w++)
            if (strlen(*w) == n && strncmp(p, *w, n) == 0)
                return 1;
        p += n + (p[n] != '\0');
    }
    return 0;
}

static int attr_is(const xmlNode *node, const char *name, const char *value)
{
    xmlChar *v = xmlGetProp((xmlNode *)node, (const xmlChar *)name);
    int yes = v && strcasecmp((const char *)v, value) == 0;
    xmlFree(v);
    return yes;
}

/* Hidden by an attribute or an inline style: the page never shows it. */
static int is_hidden(const xmlNode *node)
{
    xmlChar *style;
    int hidden;

    if (xmlHasProp((xmlNode *)node, (const xmlChar *)"hidden") ||
        attr_is(node, "aria-hidden", "true"))
        return 1;
    style = xmlGetProp((xmlNode *)node, (const xmlChar *)"style");
    if (!style)
        return 0;
    for (xmlChar *p = style; *p; p++)
        *p = *p == ' ' ? ';' : (xmlChar)tolower(*p);
    hidden = strstr((char *)style, "display:none") ||
             strstr((char *)style, "visibility:hidden");
    xmlFree(style);
    return hidden;
}

static int has_furniture_role(const xmlNode *node)
{
    xmlChar *role = xmlGetProp((xmlNode *)node, (const xmlChar *)"role");
    int yes = 0;

    for (const char *const *r = furniture_roles; role && *r; r++)
        if (strcasecmp((const char *)role, *r) == 0)
            yes = 1;
    xmlFree(role);
    return yes;
}

int html_is_furniture(const xmlNode *node)
{
    return node->type == XML_ELEMENT_NODE &&
           (in_list(node, furniture_tags) || has_furniture_role(node) ||
            is_hidden(node));
}

int html_is_unlikely(const xmlNode *node)
{
    char hint[512];

    /* The page's outer elements carry site-wide classes ("sidebar-open"). */
    if (html_is(node, "html") || html_is(node, "body") ||
        html_is(node, "article") || html_is(node, "main") ||
        attr_is(node, "itemprop", "articleBody"))
        return 0;
    if (!hint_text(node, hint, sizeof hint))
        return 0;
    if (has_word(hint, unlikely_words))
        return 1;
    return has_substring(hint, unlikely) && !has_substring(hint, maybe);
}

int html_class_weight(const xmlNode *node)
{
    char hint[512];
    int weight = 0;

    if (attr_is(node, "itemprop", "articleBody"))
        weight += 25;
    if (!hint_text(node, hint, sizeof hint))
        return weight;
    if (has_substring(hint, negative))
        weight -= 25;
    if (has_substring(hint, positive))
        weight += 25;
    return weight;
}

int html_is_block(const xmlNode *node)
{
    static const char *const blocks[] = {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4",
        "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
        "table", "tr", "td", "th", "br", "hr", "center", "address", "body",
        "form", "fieldset", "details", "summary", "tbody", "thead", NULL,
    };
    return in_list(node, blocks);
}

int html_is_heading(const xmlNode *node)
{
    static const char *const headings[] = {"h1", "h2", "h3", "h4", "h5",
                                           "h6", NULL};
    return in_list(node, headings);
}
