/* route_metrics.c - GET /metrics: request counters, latencies and the
 * size and revision of the index, in the Prometheus text format 0.0.4
 * (metrics.h). */
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
    khabar_index_t *index;
    unsigned long articles = 0, revision = 0;
    khabar_status_t status;
    size_t len;
    char *text;

    /* An index that cannot be read still has request counts worth
     * scraping: its gauges are then 0, and the error is logged. */
    status = reader_acquire(&index);
    if (status == KHABAR_STATUS_SUCCESS)
        status = khabar_index_count(index, &articles);
    if (status == KHABAR_STATUS_SUCCESS)
        status = khabar_index_revision(index, &revision);
    if (status != KHABAR_STATUS_SUCCESS)
        log_error("metrics: the index cannot be read: %s",
                  khabar_status_to_string(status));
    text = metrics_render(articles, revision, &len);
    if (text == NULL) {
        log_error("metrics: out of memory");
        return respond_internal(connection);
    }
    return respond_text(connection, PROMETHEUS_TYPE, text, len);
}
