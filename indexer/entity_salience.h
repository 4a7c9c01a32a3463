/* Salience: which of an article's entities it is about, as opposed to
 * those it only mentions (docs/ENTITIES.md, "Salience"). */
#ifndef KHABAR_ENTITY_SALIENCE_H
#define KHABAR_ENTITY_SALIENCE_H

#include "entity_collect.h"

/* Scores every live candidate of the list and marks the salient ones;
 * adds the country of a salient city when the article does not name it.
 * Memory failures are remembered in list->oom. */
void salience_rank(entity_list_t *list);

#endif
