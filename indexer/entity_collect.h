/* The per-article side of the extractor: gathers candidate mentions,
 * merges short forms into full names, and fills the entity list. */
#ifndef KHABAR_ENTITY_COLLECT_H
#define KHABAR_ENTITY_COLLECT_H

#include <stddef.h>
#include <stdint.h>

#include "entities.h"
#include "entity_tokens.h"

/* A capitalised word we could not classify alone: kept until the end of
 * the article, where it may turn out to be a known name's short form. */
#define ENTITY_UNKNOWN ENTITY_KIND_LAST

/* Where the mention being recorded stands, set by the scanner before it
 * records one. */
typedef struct {
    unsigned where;       /* ENTITY_IN_* bits */
    int in_org;           /* inside an organisation's name: "Bank of Japan" */
    const char *country;  /* the country a following region puts the run's
                           * places in ("Cambridge, Mass."), or NULL */
} mention_t;

typedef struct {
    int kind;             /* entity_kind_t or ENTITY_UNKNOWN */
    char *name;
    char *key;            /* folded name, for comparing */
    char *abbrev;
    const char *country;
    unsigned mentions, words;
    unsigned where;       /* ENTITY_IN_* bits of its mentions outside
                           * organisations' names */
    unsigned in_org;      /* mentions inside organisations' names */
    unsigned score;       /* salience (entity_salience.c) */
    int salient;
    int dead;             /* merged into another */
} candidate_t;

struct entity_list {
    candidate_t *cand;
    size_t ncand, capcand;
    entity_t *out;
    size_t nout, capout;
    /* Scratch reused from article to article, to spare the allocator. */
    entity_tokens_t toks;
    char *text;
    size_t textcap;
    unsigned *lex;
    size_t lexcap;
    mention_t at;         /* the mention being recorded */
    int oom;
};

/* Records one mention of name (len bytes) as kind; country for places.
 * Memory failures are remembered in list->oom. Returns the candidate or
 * NULL. */
candidate_t *collect_add(entity_list_t *list, int kind, const char *name, size_t len,
                         const char *country);

/* Forgets every candidate and entity, keeping the memory. */
void collect_reset(entity_list_t *list);

/* Merges short forms and acronyms into the names they stand for, drops
 * what stayed unknown, and builds the public list.  Returns 0 or -1. */
int collect_finish(entity_list_t *list);

#endif
