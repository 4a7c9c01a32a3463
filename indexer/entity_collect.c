/* Gathering, merging and publishing an article's entities
 * (see entity_collect.h). */
#include "entity_collect.h"

#include "entity_salience.h"

#include <stdlib.h>
#include <string.h>

static void clear_candidate(candidate_t *c)
{
    free(c->name);
    free(c->key);
    free(c->abbrev);
}

void collect_reset(entity_list_t *list)
{
    for (size_t i = 0; i < list->ncand; i++)
        clear_candidate(&list->cand[i]);
    list->ncand = 0;
    list->nout = 0;
    list->oom = 0;
    memset(&list->at, 0, sizeof list->at);
}

static candidate_t *find(entity_list_t *list, int kind, const char *key)
{
    for (size_t i = 0; i < list->ncand; i++)
        if (list->cand[i].kind == kind && strcmp(list->cand[i].key, key) == 0)
            return &list->cand[i];
    return NULL;
}

static unsigned count_words(const char *s)
{
    unsigned n = 1;
    for (; *s; s++)
        n += *s == ' ';
    return n;
}

/* The comparison key: folded, without dots ("U.N." is "un"). */
static char *make_key(const char *name, size_t len)
{
    char *key = malloc(len * 2 + 1);
    if (!key)
        return NULL;
    size_t n = entity_fold(name, len, key, len * 2 + 1), o = 0;
    for (size_t i = 0; i < n; i++)
        if (key[i] != '.')
            key[o++] = key[i];
    key[o] = '\0';
    return key;
}

static void count_mention(const entity_list_t *list, candidate_t *c)
{
    const mention_t *m = &list->at;
    c->mentions++;
    if (m->in_org)
        c->in_org++;
    else
        c->where |= m->where;
}

candidate_t *collect_add(entity_list_t *list, int kind, const char *name, size_t len,
                         const char *country)
{
    char *key = make_key(name, len);
    if (!key) {
        list->oom = 1;
        return NULL;
    }
    candidate_t *c = find(list, kind, key);
    if (c) {
        free(key);
        count_mention(list, c);
        return c;
    }
    if (list->ncand == list->capcand) {
        size_t cap = list->capcand ? list->capcand * 2 : 32;
        candidate_t *p = realloc(list->cand, cap * sizeof *p);
        if (!p) {
            free(key);
            list->oom = 1;
            return NULL;
        }
        list->cand = p;
        list->capcand = cap;
    }
    c = &list->cand[list->ncand];
    memset(c, 0, sizeof *c);
    c->name = strndup(name, len);
    if (!c->name) {
        free(key);
        list->oom = 1;
        return NULL;
    }
    c->key = key;
    c->kind = kind;
    c->country = country;
    c->words = count_words(key);
    count_mention(list, c);
    list->ncand++;
    return c;
}

/* The last word of a folded name: a person's surname. */
static const char *last_word(const char *key)
{
    const char *sp = strrchr(key, ' ');
    return sp ? sp + 1 : key;
}

/* The one live multi-word person whose surname is key, or NULL when there
 * is none or more than one (then "Baker" stays ambiguous). */
static candidate_t *person_by_surname(entity_list_t *list, const char *key)
{
    candidate_t *found = NULL;
    for (size_t i = 0; i < list->ncand; i++) {
        candidate_t *p = &list->cand[i];
        if (p->dead || p->kind != ENTITY_PERSON || p->words < 2 ||
            strcmp(last_word(p->key), key) != 0)
            continue;
        if (found && strcmp(found->key, p->key) != 0)
            return NULL;
        found = p;
    }
    return found;
}

/* A named entity of another kind this word stands for: "Taliban" after
 * "the Taliban", "MOFA" after "Ministry of Foreign Affairs (MoFA)". */
static candidate_t *same_name(entity_list_t *list, const candidate_t *c)
{
    for (size_t i = 0; i < list->ncand; i++) {
        candidate_t *o = &list->cand[i];
        if (o == c || o->dead || o->kind == ENTITY_UNKNOWN)
            continue;
        if (strcmp(o->key, c->key) == 0 && (o->kind != c->kind || o->words > 1))
            return o;
        if (o->abbrev && o->kind == ENTITY_ORG) {
            char *ak = make_key(o->abbrev, strlen(o->abbrev));
            int same = ak && strcmp(ak, c->key) == 0;
            free(ak);
            if (same)
                return o;
        }
    }
    return NULL;
}

static void merge_short_forms(entity_list_t *list)
{
    for (size_t i = 0; i < list->ncand; i++) {
        candidate_t *c = &list->cand[i];
        if (c->words != 1 || c->dead)
            continue;
        candidate_t *into = NULL;
        if (c->kind == ENTITY_PERSON || c->kind == ENTITY_UNKNOWN)
            into = person_by_surname(list, c->key);
        if (!into && c->kind != ENTITY_PLACE)
            into = same_name(list, c);
        /* A person absorbs nothing but its own short forms. */
        if (into && into->kind == ENTITY_PERSON && c->kind == ENTITY_ORG)
            into = NULL;
        if (into && into != c) {
            into->mentions += c->mentions;
            into->where |= c->where;
            into->in_org += c->in_org;
            c->dead = 1;
        }
    }
}

static int publish(entity_list_t *list)
{
    if (list->capout < list->ncand) {
        entity_t *p = realloc(list->out, list->ncand * sizeof *p);
        if (!p)
            return -1;
        list->out = p;
        list->capout = list->ncand;
    }
    for (size_t i = 0; i < list->ncand; i++) {
        candidate_t *c = &list->cand[i];
        if (c->dead || c->kind == ENTITY_UNKNOWN)
            continue;
        entity_t *e = &list->out[list->nout++];
        e->kind = (entity_kind_t)c->kind;
        e->name = c->name;
        e->abbrev = c->abbrev;
        e->country = c->country;
        e->mentions = c->mentions;
        e->where = c->where;
        e->score = c->score;
        e->salient = c->salient;
    }
    return 0;
}

int collect_finish(entity_list_t *list)
{
    if (list->oom)
        return -1;
    merge_short_forms(list);
    salience_rank(list);
    if (list->oom)
        return -1;
    return publish(list);
}

entity_list_t *entity_list_new(void)
{
    return calloc(1, sizeof(entity_list_t));
}

void entity_list_free(entity_list_t *list)
{
    if (!list)
        return;
    collect_reset(list);
    free(list->cand);
    free(list->out);
    free(list->toks.tok);
    free(list->text);
    free(list->lex);
    free(list);
}

size_t entity_list_count(const entity_list_t *list)
{
    return list->nout;
}

const entity_t *entity_list_get(const entity_list_t *list, size_t i)
{
    return i < list->nout ? &list->out[i] : NULL;
}
