/* sink.h - where articles go: the index, with a tally for the summary. */
#ifndef KHABAR_SINK_H
#define KHABAR_SINK_H

#include "article.h"
#include "khabar.h"

#include "progress.h"

typedef struct {
    khabar_index_t *index;
    /* Commit after this many added or updated articles (0: only at the
     * end), so that a killed run loses at most one batch. */
    unsigned long batch;
    unsigned long pending;
    progress_t *progress;       /* may be NULL */
    unsigned long added, updated, unchanged, deleted, rejected;
    /* Set when the index itself failed: nothing more can be written. */
    khabar_status_t fatal;
} sink_t;

/* Gives A an id if it has none and upserts it.  An article the index
 * refuses is counted as rejected and reported as "FILE:LINE: why" (LINE 0
 * leaves it out).  Returns 0, or -1 when the index failed as a whole
 * (SINK->fatal says how). */
int sink_put(sink_t *sink, article_t *a, const char *file, unsigned long line);

/* Commits what is pending.  0, or -1 when the commit failed (reported;
 * SINK->fatal says how). */
int sink_commit(sink_t *sink);

/* Reports an input that yields no article, and counts it as rejected. */
void sink_reject(sink_t *sink, const char *file, unsigned long line,
                 const char *why);

#endif
