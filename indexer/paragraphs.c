/* paragraphs.c - gathering an article body without chrome or repeats. */
#include "paragraphs.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Lines that news sites put around an article.  Matched whole and without
 * regard to case: a sentence that merely contains "share" is kept. */
static const char *const chrome_lines[] = {
    "skip to main content", "skip to content", "skip to navigation",
    "latest news", "latest", "breaking news", "thumbnail", "image",
    "photo", "video", "advertisement", "ad", "sponsored", "share",
    "share this", "share this post", "share this article", "share on facebook",
    "share on twitter", "tweet", "email", "print", "copy link", "facebook",
    "twitter", "whatsapp", "telegram", "linkedin", "read more", "read more:",
    "related", "related articles", "related news", "related stories",
    "more news", "most read", "most popular", "comments", "leave a comment",
    "leave a reply", "subscribe", "sign up", "log in", "login", "menu",
    "search", "home", "back to top", "accept", "accept cookies",
    "accept all cookies", "cookie settings", NULL,
};

int paragraphs_is_chrome(const char *line)
{
    for (const char *const *c = chrome_lines; *c; c++)
        if (strcasecmp(line, *c) == 0)
            return 1;
    return 0;
}

static int is_repeat(const paragraphs_t *p, const char *text)
{
    for (size_t i = 0; i < p->count; i++)
        if (strcasecmp(p->items[i], text) == 0)
            return 1;
    return 0;
}

int paragraphs_add(paragraphs_t *p, const char *text, size_t n)
{
    char *squeezed = text_squeeze(text, n);

    if (!squeezed)
        return -1;
    if (!*squeezed || paragraphs_is_chrome(squeezed) || is_repeat(p, squeezed)) {
        free(squeezed);
        return 0;
    }
    if (p->count == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 16;
        char **items = realloc(p->items, cap * sizeof *items);
        if (!items) {
            free(squeezed);
            return -1;
        }
        p->items = items;
        p->cap = cap;
    }
    p->items[p->count++] = squeezed;
    return 0;
}

static int is_tail_furniture(const char *line)
{
    enum { FURNITURE_MAX_WORDS = 6 };
    return !text_ends_sentence(line) &&
           text_word_count(line) <= FURNITURE_MAX_WORDS;
}

void paragraphs_trim_tail(paragraphs_t *p)
{
    /* More short lines than that are a list the article ends with ("Qualified
     * teams", then one line a team), not a "Tags: ... Share" trailer. */
    enum { FURNITURE_MAX_LINES = 5 };
    size_t n = 0;

    while (n < p->count && is_tail_furniture(p->items[p->count - 1 - n]))
        n++;
    if (n > FURNITURE_MAX_LINES)
        return;
    while (n-- > 0)
        free(p->items[--p->count]);
}

char *paragraphs_join(const paragraphs_t *p)
{
    strbuf_t out = {0};

    for (size_t i = 0; i < p->count; i++) {
        if ((i > 0 && strbuf_append_str(&out, "\n\n") < 0) ||
            strbuf_append_str(&out, p->items[i]) < 0) {
            strbuf_free(&out);
            return NULL;
        }
    }
    return strbuf_take(&out);
}

void paragraphs_free(paragraphs_t *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->items[i]);
    free(p->items);
    memset(p, 0, sizeof *p);
}
