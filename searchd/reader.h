/* reader.h - one read-only index handle per worker thread.
 *
 * Xapian handles are not thread-safe, so each libmicrohttpd worker keeps
 * its own khabar_index_t, opened on its first request and closed when the
 * thread exits.  Each request starts with a reopen so that it sees every
 * commit made before it began. */
#ifndef KHABAR_SEARCHD_READER_H
#define KHABAR_SEARCHD_READER_H

#include "khabar.h"

/* Remembers DB_PATH (which must outlive the readers) and creates the
 * thread-local slot.  Call once, before any worker thread starts; 0 on
 * success, -1 (logged) on failure. */
int reader_init(const char *db_path);

/* Closes the calling thread's handle, if any, and deletes the slot.  Call
 * after every worker thread has stopped. */
void reader_fini(void);

/* Sets *OUT to the calling thread's handle, brought up to the latest
 * revision, and returns KHABAR_STATUS_SUCCESS; otherwise logs why, drops
 * the handle so the next request starts afresh, and returns the status. */
khabar_status_t reader_acquire(khabar_index_t **out);

/* The most times one request retries a call that found the index
 * changed under it (see below). */
#define READER_MAX_RETRIES 5

/* For a call on INDEX that returned STATUS: when STATUS says the index
 * changed under the reader (Xapian keeps a revision readable only until
 * the second commit after it, so a reader slower than two commits loses
 * it), reopens INDEX and returns 1, meaning "retry the call"; otherwise
 * returns 0.  Call it in a loop,
 *     while (reader_should_retry(index, status)) status = call(...);
 * which ends after READER_MAX_RETRIES retries in one request (counted
 * from its reader_acquire()), however fast commits come. */
int reader_should_retry(khabar_index_t *index, khabar_status_t status);

/* Logs "WHAT: " and why the last call on INDEX failed with STATUS, then
 * drops the calling thread's handle: after an unexpected failure a fresh
 * open is the surest way back to a working state. */
void reader_fail(khabar_index_t *index, khabar_status_t status,
                 const char *what);

#endif /* KHABAR_SEARCHD_READER_H */
