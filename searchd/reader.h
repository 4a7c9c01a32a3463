/* reader.h - a pool of read-only index handles, one per worker.
 *
 * Xapian handles are not thread-safe, so a request takes a handle of its
 * own from the pool (--threads of them) with reader_acquire(), and gives
 * it back with reader_release() once answered: at most --threads requests
 * search at once, however many connections are open, and a connection
 * waiting for its client holds no handle.  A handle is opened by the
 * first request that takes it and kept until reader_fini().  Each request
 * starts with a reopen so that it sees every commit made before it
 * began. */
#ifndef KHABAR_SEARCHD_READER_H
#define KHABAR_SEARCHD_READER_H

#include <stddef.h>

#include "khabar.h"

/* Remembers the N index LOCATIONS (which must outlive the readers; one
 * index, or several searched as one: docs/SCALING.md) and TIMEOUT_MS for
 * remote ones, and makes a pool of HANDLES handles (at least one), none
 * open yet.  Call once, before any request; 0 on success, -1 (logged) on
 * failure. */
int reader_init(const char *const *locations, size_t n, unsigned timeout_ms,
                unsigned handles);

/* Opens the N LOCATIONS read-only as one index, as every reader does
 * (khabar_index_open() or khabar_index_open_shards()). */
khabar_status_t reader_open(const char *const *locations, size_t n,
                            unsigned timeout_ms, khabar_index_t **out,
                            char **message);

/* When the calling thread's current request failed because a shard could
 * not be reached (KHABAR_STATUS_UNAVAILABLE, seen by reader_acquire() or
 * reader_fail()): copies why, naming the shard, into BUF and returns 1,
 * forgetting it; otherwise 0.  respond_internal() answers 503 then. */
int reader_take_unavailable(char *buf, size_t size);

/* Stops the pool: the requests waiting for a handle, and every request
 * after them, get none (reader_acquire() returns KHABAR_STATUS_UNAVAILABLE
 * and the request is answered 503 stopping), so that stopping searchd
 * waits only for the requests already searching, not for every turn in
 * the queue (each of which might wait on a hung shard).  Call before
 * stopping the HTTP server, which waits for every request to end. */
void reader_stop(void);

/* Whether reader_stop() has been called. */
int reader_stopping(void);

/* When the calling thread's current request was refused a handle
 * because searchd is stopping: returns 1, forgetting it; otherwise 0.
 * respond_internal() answers 503 stopping then, and only then: a request
 * that fails otherwise while searchd stops is still a 500. */
int reader_take_stopped(void);

/* Closes every handle of the pool.  Call after every request has been
 * answered (the daemon stopped). */
void reader_fini(void);

/* Sets *OUT to a handle of the pool for the calling thread's request,
 * brought up to the latest revision, and returns KHABAR_STATUS_SUCCESS;
 * otherwise logs why, closes the handle so the next request to take it
 * opens it afresh, and returns the status.  Waits while every handle is
 * held by another request, or earlier requests wait.  Called again
 * before reader_release(), it gives the same handle (reopened). */
khabar_status_t reader_acquire(khabar_index_t **out);

/* As reader_acquire(), but only when a handle is free now and no request
 * waits for one (for /metrics, which must answer while every handle is
 * held, by searches stuck on a hung shard say): returns 1 having taken
 * it, with reader_acquire()'s status in *STATUS, or 0 at once, holding
 * nothing and leaving every request's turn as it was. */
int reader_try_acquire(khabar_index_t **out, khabar_status_t *status);

/* Gives the handle the calling thread's request took back to the pool;
 * nothing when it took none.  The index must not be used after it. */
void reader_release(void);

/* The handles of the pool, those held by requests now, and the requests
 * waiting for one, in the order they asked (for /metrics). */
void reader_load(unsigned *handles, unsigned *busy, unsigned *waiting);

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
 * from its reader_acquire() or reader_try_acquire()), however fast
 * commits come. */
int reader_should_retry(khabar_index_t *index, khabar_status_t status);

/* Logs "WHAT: " and why the last call on INDEX failed with STATUS, then
 * closes the handle the request holds (it stays held, closed, until
 * reader_release()): after an unexpected failure a fresh open is the
 * surest way back to a working state. */
void reader_fail(khabar_index_t *index, khabar_status_t status,
                 const char *what);

#endif /* KHABAR_SEARCHD_READER_H */
