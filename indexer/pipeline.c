/* pipeline.c - the writer threads and the queues that feed them.
 *
 * The reading thread keeps everything that decides the order of what is
 * said (rejects, progress), so output is the same as with one thread.
 * With one writer it stores articles in the order they were queued, so
 * the index is in input order too.  With several (a full build in parts)
 * each writes its own part index, taking the articles whose id hashes to
 * it, so that a repeated id always meets its earlier version; each part
 * keeps input order.  Only a failure of an index itself, or an article
 * Xapian refuses, is reported from a writer. */
#include "pipeline.h"
#include "sink.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct item {
    struct item *next;
    khabar_prepared_t *prepared;
    where_t at;                 /* without the record: it is not kept */
} item_t;

/* One writer thread and its queue. */
typedef struct lane {
    pipeline_t *p;
    /* The sink the writer stores into: the pipeline's own with one
     * writer; with parts, OWN, a copy writing its part with counters of
     * its own, added up when the pipeline stops. */
    sink_t *out;
    sink_t own;
    pthread_t thread;
    int started;
    item_t *head, *tail;
    size_t bytes;
    double cpu;                 /* seconds, when the writer ends */
} lane_t;

struct pipeline {
    sink_t *sink;
    pthread_mutex_t mutex;      /* guards every lane's queue and the below */
    pthread_mutex_t sink_lock;  /* pipeline_lock() */
    pthread_cond_t changed;     /* an item queued or taken, or the end */
    lane_t *lanes;
    unsigned n_lanes;
    size_t queue_bytes;         /* for each lane */
    int closing;                /* no more items will come */
    int failed;                 /* a writer stopped on a fatal error */
};

void pipeline_lock(pipeline_t *p)
{
    if (p)
        pthread_mutex_lock(&p->sink_lock);
}

void pipeline_unlock(pipeline_t *p)
{
    if (p)
        pthread_mutex_unlock(&p->sink_lock);
}

/* LANE's next item, waiting for one; NULL at the end. */
static item_t *take(lane_t *lane)
{
    pipeline_t *p = lane->p;
    item_t *it;

    pthread_mutex_lock(&p->mutex);
    while (!lane->head && !p->closing)
        pthread_cond_wait(&p->changed, &p->mutex);
    if ((it = lane->head)) {
        lane->head = it->next;
        if (!lane->head)
            lane->tail = NULL;
        lane->bytes -= khabar_prepared_bytes(it->prepared);
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->mutex);
    return it;
}

/* The CPU seconds the calling thread has used. */
static double thread_cpu(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *writer(void *arg)
{
    lane_t *lane = arg;
    pipeline_t *p = lane->p;
    item_t *it;
    int failed = 0;

    while ((it = take(lane))) {
        /* After a failure the rest is only freed: reading stops soon. */
        if (failed)
            khabar_prepared_free(it->prepared);
        else if (sink_store(lane->out, it->prepared, &it->at) < 0) {
            failed = 1;
            pthread_mutex_lock(&p->mutex);
            p->failed = 1;
            pthread_cond_broadcast(&p->changed);
            pthread_mutex_unlock(&p->mutex);
        }
        free(it);
    }
    lane->cpu = thread_cpu();
    return NULL;
}

/* Frees P once its writers have ended, and detaches it from its sink. */
static void pipeline_free(pipeline_t *p)
{
    p->sink->pipeline = NULL;
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->sink_lock);
    pthread_mutex_destroy(&p->mutex);
    free(p->lanes);
    free(p);
}

/* Stops P's writers that have started: waits for what is queued. */
static void join_writers(pipeline_t *p)
{
    pthread_mutex_lock(&p->mutex);
    p->closing = 1;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->mutex);
    for (unsigned i = 0; i < p->n_lanes; i++)
        if (p->lanes[i].started)
            pthread_join(p->lanes[i].thread, NULL);
}

/* A copy of SINK for the writer of part INDEX, one of N: the same
 * rejects file and limits, shared out, and counters from 0. */
static void part_sink(sink_t *own, const sink_t *sink, khabar_index_t *index,
                      unsigned n)
{
    *own = *sink;
    own->index = index;
    own->pending = 0;
    own->pending_bytes = 0;
    own->pending_limit = sink->pending_limit / n;
    own->added = own->updated = own->unchanged = own->rejected = 0;
    own->peek = NULL;
    own->entity_list = NULL;
    own->entity_views = NULL;
    own->entity_views_cap = 0;
}

static int start(sink_t *sink, khabar_index_t **parts, unsigned n,
                 size_t queue_bytes)
{
    pipeline_t *p = calloc(1, sizeof *p);
    unsigned i;

    if (!p || !(p->lanes = calloc(n, sizeof *p->lanes))) {
        free(p);
        report_error(NULL, 0, "out of memory");
        return -1;
    }
    p->sink = sink;
    p->n_lanes = n;
    p->queue_bytes = queue_bytes / n;
    pthread_mutex_init(&p->mutex, NULL);
    pthread_mutex_init(&p->sink_lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    sink->pipeline = p;
    for (i = 0; i < n; i++) {
        lane_t *lane = &p->lanes[i];
        lane->p = p;
        lane->out = sink;
        if (parts) {
            part_sink(&lane->own, sink, parts[i], n);
            lane->out = &lane->own;
        }
        if (pthread_create(&lane->thread, NULL, writer, lane) != 0)
            break;
        lane->started = 1;
    }
    if (i == n)
        return 0;
    report_error(NULL, 0, "cannot start a writer thread: writing in one "
                 "thread");
    join_writers(p);
    pipeline_free(p);
    return -1;
}

int pipeline_start(sink_t *sink, size_t queue_bytes)
{
    return start(sink, NULL, 1, queue_bytes);
}

int pipeline_start_parts(sink_t *sink, khabar_index_t **parts, unsigned n,
                         size_t queue_bytes)
{
    return start(sink, parts, n, queue_bytes);
}

/* The lane of the article ID: by a hash of it, so that every version of
 * an article goes to the same part.  Under --shard I/N the articles here
 * are those whose hash modulo N is I; dividing the hash modulo N times
 * the lanes by N spreads them over the lanes all the same. */
static lane_t *lane_of(pipeline_t *p, const char *id)
{
    unsigned shards = p->sink->shard_count ? p->sink->shard_count : 1;

    if (p->n_lanes == 1)
        return &p->lanes[0];
    return &p->lanes[khabar_shard_of(id, shards * p->n_lanes) / shards];
}

int pipeline_put(pipeline_t *p, khabar_prepared_t *prepared, const char *id,
                 const where_t *at)
{
    item_t *it = malloc(sizeof *it);
    size_t bytes = khabar_prepared_bytes(prepared);
    lane_t *lane = lane_of(p, id);

    if (!it) {
        khabar_prepared_free(prepared);
        p->sink->fatal = KHABAR_STATUS_OUT_OF_MEMORY;
        report_error_at(at, "out of memory");
        return -1;
    }
    it->next = NULL;
    it->prepared = prepared;
    it->at = *at;
    it->at.record = NULL;
    it->at.record_len = 0;
    pthread_mutex_lock(&p->mutex);
    /* One article larger than the whole queue still goes in, alone. */
    while (!p->failed && lane->head && lane->bytes + bytes > p->queue_bytes)
        pthread_cond_wait(&p->changed, &p->mutex);
    if (p->failed) {
        pthread_mutex_unlock(&p->mutex);
        khabar_prepared_free(prepared);
        free(it);
        return -1;
    }
    if (lane->tail)
        lane->tail->next = it;
    else
        lane->head = it;
    lane->tail = it;
    lane->bytes += bytes;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->mutex);
    return 0;
}

/* Adds what the writer of a part counted to SINK's tally. */
static void add_counts(sink_t *sink, const sink_t *own)
{
    sink->added += own->added;
    sink->updated += own->updated;
    sink->unchanged += own->unchanged;
    sink->rejected += own->rejected;
    if (own->fatal && !sink->fatal)
        sink->fatal = own->fatal;
}

int pipeline_stop(sink_t *sink)
{
    pipeline_t *p = sink->pipeline;
    int failed;

    if (!p)
        return 0;
    sink->reader_cpu = thread_cpu();
    join_writers(p);
    failed = p->failed;
    sink->writer_cpu = 0;
    for (unsigned i = 0; i < p->n_lanes; i++) {
        sink->writer_cpu += p->lanes[i].cpu;
        if (p->lanes[i].out == &p->lanes[i].own)
            add_counts(sink, &p->lanes[i].own);
    }
    pipeline_free(p);
    return failed ? -1 : 0;
}
