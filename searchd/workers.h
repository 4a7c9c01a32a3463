/* workers.h - the --threads worker threads that run the requests which
 * read the index.
 *
 * Each connection has a thread of its own (server.c), which reads its
 * requests and sends its answers; a request that reads the index is
 * handed to a worker, in the order they come, and its connection's
 * thread waits for it.  So at most --threads requests search at once,
 * each on a long-lived thread whose index handle (reader.h) and the
 * shim's per-thread scratch stay warm from one request to the next, and
 * a slow client or a request stuck on a hung shard holds up no other
 * connection. */
#ifndef KHABAR_SEARCHD_WORKERS_H
#define KHABAR_SEARCHD_WORKERS_H

/* Starts N workers (at least one); 0, or -1 after logging why.  After
 * reader_init(), before the daemon starts. */
int workers_start(unsigned n);

/* Runs RUN(ARG) on a worker, which then gives back the index handle the
 * call took (reader_release()), and returns once it has. */
void workers_run(void (*run)(void *), void *arg);

/* Lets the workers finish what is queued and joins them.  After the
 * daemon has stopped (no more workers_run()), before reader_fini(). */
void workers_stop(void);

#endif /* KHABAR_SEARCHD_WORKERS_H */
