/* pipeline.h - khabar-index on two cores: the thread that reads, extracts
 * entities and builds each article's document hands it, through a
 * bounded queue, to a writer thread that alone touches the index (Xapian
 * allows one writer, and its objects are not thread-safe); or, for a full
 * build, to several writer threads, each alone on a part index of its
 * own, which are merged at the end. */
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

/* The same with N writer threads, writer I into the part index
 * PARTS[I] (khabar_index_parts_open()), each with counters of its own
 * that pipeline_stop() adds to SINK's, and a share of SINK's memory
 * limit and of QUEUE_BYTES.  SINK->index is not written.  0, or -1
 * (reported) when not every thread could be started: none runs then. */
int pipeline_start_parts(struct sink *sink, khabar_index_t **parts,
                         unsigned n, size_t queue_bytes);

/* Queues PREPARED, the article ID read at AT, for its writer, which
 * frees it; waits while that writer's queue is full.  0, or -1 when a
 * writer has failed (SINK->fatal says how, once stopped) and reading
 * must stop. */
int pipeline_put(pipeline_t *p, khabar_prepared_t *prepared, const char *id,
                 const where_t *at);

/* Waits until every queued article is written, stops the threads and
 * hands the index back to the caller; SINK->pipeline becomes NULL.  0, or
 * -1 when the writer failed.  A no-op without a pipeline. */
int pipeline_stop(struct sink *sink);

/* Serialises what both threads do to the sink's shared parts (the
 * rejected count and the --rejects file).  No-ops for NULL. */
void pipeline_lock(pipeline_t *p);
void pipeline_unlock(pipeline_t *p);

#endif
