/* maintain.h - the operator's actions: --check, --stats, and removing
 * articles whose file is gone (--delete-missing). */
#ifndef KHABAR_MAINTAIN_H
#define KHABAR_MAINTAIN_H

#include "sink.h"

/* --check: runs Xapian's check over the index DB and prints what it found.
 * Returns the exit code: 0 when consistent, 2 when not or when the check
 * could not run. */
int maintain_check(const char *db);

/* --stats: prints what the index DB holds, as text or (JSON) JSON.
 * Returns the exit code. */
int maintain_stats(const char *db, int json);

/* Removes from SINK's index every article read from a file below the
 * directory DIR that no longer exists, counting them in SINK->deleted.
 * 0, or -1 when the index failed. */
int maintain_delete_missing(sink_t *sink, const char *dir);

#endif
