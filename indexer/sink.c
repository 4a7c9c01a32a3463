/* sink.c - handing articles on, counting what happened. */
#include "sink.h"
#include "rejects.h"

void sink_reject_at(sink_t *sink, const where_t *at, const char *why)
{
    report_error_at(at, "%s", why);
    sink->rejected++;
    /* A failed write to the rejects file is said once, not per record. */
    if (sink->rejects &&
        rejects_write(sink->rejects, at, why) < 0) {
        report_error(NULL, 0, "cannot write to the --rejects file");
        sink->rejects = NULL;
    }
}

void sink_reject(sink_t *sink, const char *file, unsigned long line,
                 const char *why)
{
    where_t at = {file, line, -1, NULL, 0, 0};
    sink_reject_at(sink, &at, why);
}

void sink_skip(sink_t *sink)
{
    sink->skipped++;
}

int sink_commit(sink_t *sink)
{
    khabar_status_t status;

    if (sink->put)
        return 0;
    status = khabar_index_commit(sink->index);
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

static int index_put(sink_t *sink, article_t *a, const where_t *at)
{
    khabar_article_t view = article_view(a);
    khabar_upsert_result_t result;
    khabar_status_t status = khabar_index_upsert(sink->index, &view, &result);

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
        sink_reject_at(sink, at, khabar_index_message(sink->index));
        return 0;
    }
    sink->fatal = status;
    report_error_at(at, "%s", khabar_index_message(sink->index));
    return -1;
}

int sink_put(sink_t *sink, article_t *a, const where_t *at)
{
    if (article_ensure_id(a) < 0) {
        sink->fatal = KHABAR_STATUS_OUT_OF_MEMORY;
        report_error_at(at, "out of memory");
        return -1;
    }
    return sink->put ? sink->put(sink, a, at) : index_put(sink, a, at);
}
