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
    char *byline;   /* the author(s) as the page names them */
    /* How each field was found, as a compact JSON object naming a rule per
     * field, e.g. {"title":"og:title","date":"json-ld:datePublished",
     * "body":"html-content"}: so that a wrong field can be traced to the
     * rule that produced it (docs/EXTRACTION.md lists the rules). */
    char *extraction;
    /* Entities the input supplied (JSON Lines "entities"), every string
     * owned; ENTITIES_GIVEN is set when the input had them at all (even
     * none), and then the extractor is not run. */
    khabar_entity_t *entities;
    size_t n_entities;
    int entities_given;
} article_t;

/* Appends an entity of KIND named NAME (copied) to A's supplied
 * entities; places are salient.  Returns -1 when memory ran out. */
int article_add_entity(article_t *a, khabar_entity_kind_t kind,
                       const char *name);

/* The rules that found an article's fields, for article_set_extraction():
 * NULL where a field was not found. */
typedef struct {
    const char *title, *date, *byline, *body, *url, *source, *lang;
} extraction_t;

/* Sets A's extraction to the compact JSON object of the rules in E, in
 * the order title, date, byline, body, url, source, lang, leaving out the
 * fields without one.  Returns -1 when memory ran out. */
int article_set_extraction(article_t *a, const extraction_t *e);

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
