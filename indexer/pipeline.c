/* pipeline.c - the writer thread and the queue that feeds it.
 *
 * The reading thread keeps everything that decides the order of what is
 * said (rejects, progress), so output is the same as with one thread; the
 * writer stores articles in the order they were queued, so the index is
 * too.  Only a failure of the index itself, or an article Xapian refuses,
 * is reported from the writer. */
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

struct pipeline {
    sink_t *sink;
    pthread_t thread;
    pthread_mutex_t mutex;      /* guards everything below, and sink_lock */
    pthread_mutex_t sink_lock;  /* pipeline_lock() */
    pthread_cond_t changed;     /* an item queued or taken, or the end */
    item_t *head, *tail;
    size_t bytes, queue_bytes;
    double writer_cpu;          /* seconds, when the writer ends */
    int closing;                /* no more items will come */
    int failed;                 /* the writer stopped on a fatal error */
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

/* The next item, waiting for one; NULL at the end. */
static item_t *take(pipeline_t *p)
{
    item_t *it;

    pthread_mutex_lock(&p->mutex);
    while (!p->head && !p->closing)
        pthread_cond_wait(&p->changed, &p->mutex);
    if ((it = p->head)) {
        p->head = it->next;
        if (!p->head)
            p->tail = NULL;
        p->bytes -= khabar_prepared_bytes(it->prepared);
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
    pipeline_t *p = arg;
    item_t *it;
    int failed = 0;

    while ((it = take(p))) {
        /* After a failure the rest is only freed: reading stops soon. */
        if (failed)
            khabar_prepared_free(it->prepared);
        else if (sink_store(p->sink, it->prepared, &it->at) < 0) {
            failed = 1;
            pthread_mutex_lock(&p->mutex);
            p->failed = 1;
            pthread_cond_broadcast(&p->changed);
            pthread_mutex_unlock(&p->mutex);
        }
        free(it);
    }
    p->writer_cpu = thread_cpu();
    return NULL;
}

int pipeline_start(sink_t *sink, size_t queue_bytes)
{
    pipeline_t *p = calloc(1, sizeof *p);

    if (!p) {
        report_error(NULL, 0, "out of memory");
        return -1;
    }
    p->sink = sink;
    p->queue_bytes = queue_bytes;
    pthread_mutex_init(&p->mutex, NULL);
    pthread_mutex_init(&p->sink_lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    sink->pipeline = p;
    if (pthread_create(&p->thread, NULL, writer, p) != 0) {
        report_error(NULL, 0, "cannot start the writer thread: writing "
                     "in one thread");
        sink->pipeline = NULL;
        pthread_cond_destroy(&p->changed);
        pthread_mutex_destroy(&p->sink_lock);
        pthread_mutex_destroy(&p->mutex);
        free(p);
        return -1;
    }
    return 0;
}

int pipeline_put(pipeline_t *p, khabar_prepared_t *prepared,
                 const where_t *at)
{
    item_t *it = malloc(sizeof *it);
    size_t bytes = khabar_prepared_bytes(prepared);

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
    while (!p->failed && p->head && p->bytes + bytes > p->queue_bytes)
        pthread_cond_wait(&p->changed, &p->mutex);
    if (p->failed) {
        pthread_mutex_unlock(&p->mutex);
        khabar_prepared_free(prepared);
        free(it);
        return -1;
    }
    if (p->tail)
        p->tail->next = it;
    else
        p->head = it;
    p->tail = it;
    p->bytes += bytes;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->mutex);
    return 0;
}

int pipeline_stop(sink_t *sink)
{
    pipeline_t *p = sink->pipeline;
    int failed;

    if (!p)
        return 0;
    sink->reader_cpu = thread_cpu();
    pthread_mutex_lock(&p->mutex);
    p->closing = 1;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->mutex);
    pthread_join(p->thread, NULL);
    failed = p->failed;
    sink->writer_cpu = p->writer_cpu;
    sink->pipeline = NULL;
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->sink_lock);
    pthread_mutex_destroy(&p->mutex);
    free(p);
    return failed ? -1 : 0;
}
