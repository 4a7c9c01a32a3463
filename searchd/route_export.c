/* route_export.c - GET /export?q=...&format=csv|jsonl&order=...: every
 * article matching a query, streamed (export_stream.h), without a page
 * limit. */
#include <string.h>

#include <jansson.h>

#include "export_stream.h"
#include "gzip.h"
#include "khabar.h"
#include "log.h"
#include "reader.h"
#include "respond.h"
#include "routes.h"

#define QUERY_MAX_BYTES 1024

/* Sets *OUT to the index of argument NAME's value among NAMES (index 0
 * when absent); -1 when it is none of them. */
static int
choice_arg(struct MHD_Connection *connection, const char *name,
           const char *const *names, size_t n, size_t *out)
{
    const char *text;
    size_t i;

    *out = 0;
    switch (route_arg(connection, name, &text)) {
    case -1:
        return 0;
    case 0:
        break;
    default:
        return -1;
    }
    for (i = 0; i < n; i++)
        if (strcmp(text, names[i]) == 0) {
            *out = i;
            return 0;
        }
    return -1;
}

static const char *const formats[] = { "csv", "jsonl" };
static const char *const orders[] = { "rank", "oldest", "newest" };

/* Starts the stream of E's rows and queues it. */
static enum MHD_Result
send_stream(struct MHD_Connection *connection, khabar_export_t *e,
            export_format_t format)
{
    const char *accept = MHD_lookup_connection_value(
        connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
    struct respond_stream_info info;
    struct export_stream *s;
    int busy;

    info.revision = khabar_export_revision(e);
    info.gzipped = gzip_accepted(accept);
    info.content_type = format == EXPORT_CSV ?
        "text/csv; charset=utf-8; header=present" :
        "application/x-ndjson; charset=utf-8";
    info.disposition = format == EXPORT_CSV ?
        "attachment; filename=\"khabar-export.csv\"" :
        "attachment; filename=\"khabar-export.jsonl\"";
    s = export_stream_new(e, format, info.gzipped, &busy);
    if (busy)
        return respond_error(connection, MHD_HTTP_SERVICE_UNAVAILABLE, "busy",
                             "too many exports are running; retry later");
    if (s == NULL) {
        log_error("export: out of memory");
        return respond_internal(connection);
    }
    return respond_stream(connection, &info, export_stream_read, s,
                          export_stream_free);
}

/* Opens the export of Q in ORDER and answers. */
static enum MHD_Result
run_export(struct MHD_Connection *connection, const char *q,
           export_format_t format, khabar_export_order_t order)
{
    khabar_index_t *index;
    khabar_export_t *e = NULL;
    khabar_status_t status;
    unsigned long revision;

    if (reader_acquire(&index) != KHABAR_STATUS_SUCCESS)
        return respond_internal(connection);
    if (khabar_index_revision(index, &revision) == KHABAR_STATUS_SUCCESS &&
        respond_fresh(connection, revision))
        return respond_not_modified(connection, revision);
    status = khabar_export_open(index, q, order, &e);
    while (reader_should_retry(index, status))
        status = khabar_export_open(index, q, order, &e);
    if (status != KHABAR_STATUS_SUCCESS)
        return respond_query_failed(connection, index, status, "export");
    return send_stream(connection, e, format);
}

enum MHD_Result
route_export(struct MHD_Connection *connection)
{
    const char *q;
    size_t format, order;
    json_t *text;

    switch (route_arg(connection, "q", &q)) {
    case 0:
        break;
    case -1:
        return route_missing(connection, "q");
    default:
        return route_bad_arg(connection, "q", "must not contain NUL");
    }
    if (strlen(q) > QUERY_MAX_BYTES)
        return route_bad_arg(connection, "q", "must be at most 1024 bytes");
    text = json_string(q);
    if (text == NULL)
        return route_bad_arg(connection, "q", "must be UTF-8 text");
    json_decref(text);
    if (choice_arg(connection, "format", formats, 2, &format) != 0)
        return route_bad_arg(connection, "format", "must be csv or jsonl");
    if (choice_arg(connection, "order", orders, 3, &order) != 0)
        return route_bad_arg(connection, "order",
                             "must be rank, oldest or newest");
    return run_export(connection, q, (export_format_t)format,
                      (khabar_export_order_t)order);
}
