/* route_metrics.c - GET /metrics: request counters, latencies, the size
 * and revision of the index and the load of the pool of handles, in the
 * Prometheus text format 0.0.4 (metrics.h). */
#include "khabar.h"
#include "log.h"
#include "metrics.h"
#include "reader.h"
#include "respond.h"
#include "routes.h"

#define PROMETHEUS_TYPE "text/plain; version=0.0.4; charset=utf-8"

enum MHD_Result
route_metrics(struct MHD_Connection *connection)
{
    struct metrics_gauges g = { 0, 0, 0, 0, 0 };
    khabar_index_t *index;
    khabar_status_t status;
    size_t len;
    char *text;

    /* An index that cannot be read still has request counts worth
     * scraping: its gauges are then 0, and the error is logged. */
    status = reader_acquire(&index);
    if (status == KHABAR_STATUS_SUCCESS)
        status = khabar_index_count(index, &g.articles);
    if (status == KHABAR_STATUS_SUCCESS)
        status = khabar_index_revision(index, &g.revision);
    if (status != KHABAR_STATUS_SUCCESS)
        log_error("metrics: the index cannot be read: %s",
                  khabar_status_to_string(status));
    reader_load(&g.workers, &g.busy, &g.waiting);
    text = metrics_render(&g, &len);
    if (text == NULL) {
        log_error("metrics: out of memory");
        return respond_internal(connection);
    }
    return respond_text(connection, PROMETHEUS_TYPE, text, len);
}
