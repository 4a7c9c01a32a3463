/* pipeline.h - khabar-index on two cores: the thread that reads, extracts
 * entities and builds each article's document hands it, through a
 * bounded queue, to a writer thread that alone touches the index (Xapian
 * allows one writer, and its objects are not thread-safe). */
#ifndef KHABAR_PIPELINE_H
#define KHABAR_PIPELINE_H

#include "khabar.h"
#include "report.h"

#include <stddef.h>

struct sink;
typedef struct pipeline pipeline_t;

/* Starts the writer thread of SINK, which from now on owns SINK->index
 * and the batch counters; articles wait in a queue of at most QUEUE_BYTES
 * (khabar_prepared_bytes()).  0, or -1 (reported) when no thread could be
 * started: SINK then writes in the calling thread as before. */
int pipeline_start(struct sink *sink, size_t queue_bytes);

/* Queues PREPARED, read at AT, for the writer, which frees it; waits
 * while the queue is full.  0, or -1 when the writer has failed (SINK->
 * fatal says how) and reading must stop. */
int pipeline_put(pipeline_t *p, khabar_prepared_t *prepared,
                 const where_t *at);

/* Waits until every queued article is written, stops the thread and
 * hands the index back to the caller; SINK->pipeline becomes NULL.  0, or
 * -1 when the writer failed.  A no-op without a pipeline. */
int pipeline_stop(struct sink *sink);

/* Serialises what both threads do to the sink's shared parts (the
 * rejected count and the --rejects file).  No-ops for NULL. */
void pipeline_lock(pipeline_t *p);
void pipeline_unlock(pipeline_t *p);

#endif
