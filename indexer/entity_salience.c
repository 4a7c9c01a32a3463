/* Scoring an article's entities by where and how often they are named
 * (see entity_salience.h).  The weights follow how news is written: the
 * headline and the dateline say what and where the story is, the lead
 * paragraph sums it up, and what the story is about keeps coming back;
 * a place named once deep in the body, or only inside an organisation's
 * name ("Bank of Japan"), is seldom what it is about. */
#include "entity_salience.h"

#include <string.h>

enum {
    WEIGHT_TITLE = 4,       /* named in the headline */
    WEIGHT_DATELINE = 4,    /* "TOKYO, March 3 -" */
    WEIGHT_LEAD = 2,        /* named in the first paragraph */
    WEIGHT_MENTION = 1,     /* each mention outside an organisation's name */
    SALIENT_SCORE = 3       /* the headline, the dateline, the lead, or three
                             * mentions in the body */
};

static unsigned own_score(const candidate_t *c)
{
    unsigned s = (c->mentions - c->in_org) * WEIGHT_MENTION;
    if (c->where & ENTITY_IN_TITLE)
        s += WEIGHT_TITLE;
    if (c->where & ENTITY_IN_DATELINE)
        s += WEIGHT_DATELINE;
    if (c->where & ENTITY_IN_LEAD)
        s += WEIGHT_LEAD;
    return s;
}

static int live(const candidate_t *c)
{
    return !c->dead && c->kind != ENTITY_UNKNOWN;
}

static int is_country(const candidate_t *c)
{
    return c->kind == ENTITY_PLACE && c->country && strcmp(c->name, c->country) == 0;
}

/* A country's score adds those of the places named in it: a story datelined
 * Tokyo that talks of Osaka is about Japan. */
static void add_places_to_countries(entity_list_t *list)
{
    for (size_t i = 0; i < list->ncand; i++) {
        candidate_t *c = &list->cand[i];
        if (!live(c) || c->kind != ENTITY_PLACE || is_country(c) || !c->country)
            continue;
        for (size_t k = 0; k < list->ncand; k++) {
            candidate_t *k_c = &list->cand[k];
            if (live(k_c) && is_country(k_c) && k_c->country == c->country) {
                k_c->score += c->score;
                break;
            }
        }
    }
}

static candidate_t *find_country(entity_list_t *list, const char *country)
{
    for (size_t i = 0; i < list->ncand; i++)
        if (live(&list->cand[i]) && is_country(&list->cand[i]) &&
            list->cand[i].country == country)
            return &list->cand[i];
    return NULL;
}

/* The country of a salient place that the article does not name itself
 * ("HOUSTON, March 3 -" is about the United States), or names only in
 * passing. */
static void add_implied_countries(entity_list_t *list)
{
    size_t n = list->ncand;
    memset(&list->at, 0, sizeof list->at);
    for (size_t i = 0; i < n; i++) {
        const candidate_t *c = &list->cand[i];
        if (!live(c) || c->kind != ENTITY_PLACE || !c->salient || is_country(c) ||
            !c->country)
            continue;
        unsigned score = c->score;
        const char *country = c->country;
        candidate_t *k = find_country(list, country);
        if (!k) {
            /* collect_add may move the candidates: c is not used after it. */
            k = collect_add(list, ENTITY_PLACE, country, strlen(country), country);
            if (!k)
                return;
            k->mentions = 0;
            k->where = ENTITY_IMPLIED;
        }
        if (k->score < score)
            k->score = score;
        k->salient = 1;
    }
}

void salience_rank(entity_list_t *list)
{
    unsigned top = 0;
    for (size_t i = 0; i < list->ncand; i++)
        list->cand[i].score = own_score(&list->cand[i]);
    add_places_to_countries(list);
    for (size_t i = 0; i < list->ncand; i++)
        if (live(&list->cand[i]) && list->cand[i].kind == ENTITY_PLACE &&
            list->cand[i].score > top)
            top = list->cand[i].score;
    /* The article's most prominent place is always one it is about. */
    for (size_t i = 0; i < list->ncand; i++) {
        candidate_t *c = &list->cand[i];
        c->salient = c->score >= SALIENT_SCORE ||
                     (c->kind == ENTITY_PLACE && c->score == top && top > 0);
    }
    add_implied_countries(list);
}
