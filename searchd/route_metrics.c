/* route_metrics.c - GET /metrics: request counters, latencies, the size
 * and revision of the index and the load of the pool of handles, in the
 * Prometheus text format 0.0.4 (metrics.h). */
#include <pthread.h>

#include "khabar.h"
#include "log.h"
#include "metrics.h"
#include "reader.h"
#include "respond.h"
#include "routes.h"

#define PROMETHEUS_TYPE "text/plain; version=0.0.4; charset=utf-8"

/* The index's articles and revision last read, for a scrape that finds
 * every handle held or requests waiting for one. */
static pthread_mutex_t last_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long last_articles, last_revision;

/* Sets the articles and revision of G from a handle if one is free now,
 * else to those last read: a scrape never waits for a handle, so it
 * answers while every one is held (its gauges then say so), as when
 * searches are stuck on a hung shard.  Only a good read is remembered,
 * and never an older revision than one read before (two scrapes on two
 * handles may finish in either order). */
static void
index_gauges(struct metrics_gauges *g)
{
    khabar_index_t *index;
    khabar_status_t status;

    if (!reader_try_acquire(&index, &status)) {
        pthread_mutex_lock(&last_lock);
        g->articles = last_articles;
        g->revision = last_revision;
        pthread_mutex_unlock(&last_lock);
        return;
    }
    if (status == KHABAR_STATUS_SUCCESS)
        status = khabar_index_count(index, &g->articles);
    if (status == KHABAR_STATUS_SUCCESS)
        status = khabar_index_revision(index, &g->revision);
    /* An index that cannot be read still has request counts worth
     * scraping: its gauges are then 0, and the error is logged. */
    if (status != KHABAR_STATUS_SUCCESS) {
        log_error("metrics: the index cannot be read: %s",
                  khabar_status_to_string(status));
        g->articles = g->revision = 0;
        return;
    }
    pthread_mutex_lock(&last_lock);
    if (g->revision >= last_revision) {
        last_articles = g->articles;
        last_revision = g->revision;
    }
    pthread_mutex_unlock(&last_lock);
}

enum MHD_Result
route_metrics(struct MHD_Connection *connection)
{
    struct metrics_gauges g = { 0, 0, 0, 0, 0 };
    size_t len;
    char *text;

    index_gauges(&g);
    reader_load(&g.workers, &g.busy, &g.waiting);
    text = metrics_render(&g, &len);
    if (text == NULL) {
        log_error("metrics: out of memory");
        return respond_internal(connection);
    }
    return respond_text(connection, PROMETHEUS_TYPE, text, len);
}
