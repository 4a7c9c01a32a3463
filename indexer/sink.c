/* sink.c - upserting articles and counting what happened. */
#include "sink.h"
#include "report.h"

void sink_reject(sink_t *sink, const char *file, unsigned long line,
                 const char *why)
{
    report_error(file, line, "%s", why);
    sink->rejected++;
}

int sink_commit(sink_t *sink)
{
    khabar_status_t status = khabar_index_commit(sink->index);

    if (status == KHABAR_STATUS_SUCCESS) {
        sink->pending = 0;
        return 0;
    }
    sink->fatal = status;
    report_error(NULL, 0, "%s", khabar_index_message(sink->index));
    return -1;
}

/* Whether STATUS is about this one article rather than the index. */
static int article_fault(khabar_status_t status)
{
    return status == KHABAR_STATUS_INVALID_ARGUMENT;
}

int sink_put(sink_t *sink, article_t *a, const char *file, unsigned long line)
{
    khabar_article_t view;
    khabar_upsert_result_t result;
    khabar_status_t status;

    if (article_ensure_id(a) < 0) {
        sink->fatal = KHABAR_STATUS_OUT_OF_MEMORY;
        report_error(file, line, "out of memory");
        return -1;
    }
    view = article_view(a);
    status = khabar_index_upsert(sink->index, &view, &result);
    if (status == KHABAR_STATUS_SUCCESS) {
        if (result == KHABAR_UPSERT_ADDED)
            sink->added++;
        else if (result == KHABAR_UPSERT_UPDATED)
            sink->updated++;
        else
            sink->unchanged++;
        if (result != KHABAR_UPSERT_UNCHANGED && sink->batch &&
            ++sink->pending >= sink->batch)
            return sink_commit(sink);
        return 0;
    }
    if (article_fault(status)) {
        sink_reject(sink, file, line, khabar_index_message(sink->index));
        return 0;
    }
    sink->fatal = status;
    report_error(file, line, "%s", khabar_index_message(sink->index));
    return -1;
}
