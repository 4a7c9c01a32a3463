/* article.h - an article as the readers build it: every field owned. */
#ifndef KHABAR_ARTICLE_H
#define KHABAR_ARTICLE_H

#include "khabar.h"

typedef struct {
    char *id;
    char *url;
    char *title;
    char *date;
    char *source;
    char *lang;
    char *body;
    char *origin;   /* the absolute path of the file it came from */
} article_t;

/* Frees every field and leaves A empty, ready to be filled again. */
void article_clear(article_t *a);

/* A view of A for khabar_index_upsert(); it borrows A's strings. */
khabar_article_t article_view(const article_t *a);

/* Gives A an id when it has none: its URL (or "url-" and a hash of a URL
 * longer than KHABAR_MAX_ID_BYTES), else "sha-" and a hash of its title and
 * body, so that the same article gets the same id on every run.
 * Returns -1 when memory ran out. */
int article_ensure_id(article_t *a);

#endif
