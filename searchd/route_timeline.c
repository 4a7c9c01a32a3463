/* route_timeline.c - GET /timeline?q=...[&q=...]&interval=...: for up to
 * TIMELINE_QUERIES_MAX queries at once, how many articles match in each
 * day, week, month or year, and what share of all the articles of that
 * bucket this is, so that a growing archive does not pass for a trend. */
#include <string.h>

#include <jansson.h>

#include "khabar.h"
#include "reader.h"
#include "respond.h"
#include "routes.h"

#define TIMELINE_QUERIES_MAX 5
#define QUERY_MAX_BYTES 1024

/* The q arguments of a request, in order. */
struct queries {
    const char *q[TIMELINE_QUERIES_MAX];
    size_t n;
    int too_many;       /* more than TIMELINE_QUERIES_MAX */
    int bad;            /* one holds a NUL, is too long or is not UTF-8 */
};

/* A MHD_KeyValueIteratorN collecting every "q" into a struct queries. */
static enum MHD_Result
collect(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
        const char *value, size_t value_size)
{
    struct queries *qs = cls;
    json_t *text;

    (void)kind;
    if (key_size != 1 || key[0] != 'q')
        return MHD_YES;
    if (qs->n == TIMELINE_QUERIES_MAX) {
        qs->too_many = 1;
        return MHD_NO;
    }
    if (value == NULL)
        value = "";
    text = json_string(value);
    if (strlen(value) != value_size || value_size > QUERY_MAX_BYTES ||
        text == NULL)
        qs->bad = 1;
    json_decref(text);
    qs->q[qs->n++] = value;
    return MHD_YES;
}

static const char *const interval_names[] = { "day", "week", "month", "year" };

/* Reads the interval argument (default month); -1 when it is none of
 * interval_names. */
static int
interval_arg(struct MHD_Connection *connection, khabar_interval_t *out)
{
    const char *text;
    size_t i;

    *out = KHABAR_INTERVAL_MONTH;
    switch (route_arg(connection, "interval", &text)) {
    case -1:
        return 0;
    case 0:
        break;
    default:
        return -1;
    }
    for (i = 0; i < sizeof(interval_names) / sizeof(interval_names[0]); i++)
        if (strcmp(text, interval_names[i]) == 0) {
            *out = (khabar_interval_t)i;
            return 0;
        }
    return -1;
}

/* The timelines of every article (T[0]) and of each query (T[1...]), all
 * from one revision.  On failure frees what it made. */
static khabar_status_t
run_all(khabar_index_t *index, const struct queries *qs,
        khabar_interval_t interval, khabar_timeline_t **t)
{
    khabar_status_t status = KHABAR_STATUS_SUCCESS;
    size_t i;

    for (i = 0; i <= qs->n && status == KHABAR_STATUS_SUCCESS; i++) {
        status = khabar_timeline(index, i == 0 ? NULL : qs->q[i - 1],
                                 interval, &t[i]);
    }
    if (status != KHABAR_STATUS_SUCCESS)
        while (i-- > 0) {
            khabar_timeline_free(t[i]);
            t[i] = NULL;
        }
    return status;
}

/* One bucket of the answer: ALL's bucket B and the count and share of
 * each query, whose cursors POS advance past it.  NULL on failure. */
static json_t *
bucket_json(const khabar_bucket_t *b, khabar_timeline_t *const *t, size_t n,
            size_t *pos)
{
    json_t *counts = json_array(), *shares = json_array();
    size_t k;

    for (k = 1; k <= n && counts != NULL && shares != NULL; k++) {
        const khabar_bucket_t *q = khabar_timeline_bucket(t[k], pos[k]);
        unsigned long count = 0;

        if (q != NULL && strcmp(q->start, b->start) == 0) {
            count = q->count;
            pos[k]++;
        }
        json_array_append_new(counts, json_integer((json_int_t)count));
        json_array_append_new(shares, json_real((double)count /
                                                (double)b->count));
    }
    return json_pack("{s:s,s:s,s:I,s:o,s:o}", "key", b->key,
                     "start", b->start, "all", (json_int_t)b->count,
                     "counts", counts, "shares", shares);
}

/* Every bucket that holds at least one article; NULL on failure. */
static json_t *
buckets_json(khabar_timeline_t *const *t, size_t n)
{
    size_t pos[TIMELINE_QUERIES_MAX + 1] = { 0 }, i;
    json_t *buckets = json_array();

    for (i = 0; buckets != NULL && i < khabar_timeline_size(t[0]); i++)
        if (json_array_append_new(buckets, bucket_json(
                khabar_timeline_bucket(t[0], i), t, n, pos)) != 0) {
            json_decref(buckets);
            return NULL;
        }
    return buckets;
}

/* The queries with their totals; NULL on failure. */
static json_t *
queries_json(const struct queries *qs, khabar_timeline_t *const *t)
{
    json_t *list = json_array();
    size_t k;

    for (k = 0; list != NULL && k < qs->n; k++)
        if (json_array_append_new(list, json_pack(
                "{s:s,s:I,s:I}", "q", qs->q[k],
                "total", (json_int_t)khabar_timeline_total(t[k + 1]),
                "undated", (json_int_t)khabar_timeline_undated(t[k + 1]))) != 0) {
            json_decref(list);
            return NULL;
        }
    return list;
}

/* The whole answer; frees the timelines. */
static json_t *
answer_json(const struct queries *qs, khabar_interval_t interval,
            khabar_timeline_t **t)
{
    json_t *body = json_pack(
        "{s:I,s:s,s:o,s:{s:I,s:I},s:o}",
        "revision", (json_int_t)khabar_timeline_revision(t[0]),
        "interval", interval_names[interval], "queries", queries_json(qs, t),
        "all", "total", (json_int_t)khabar_timeline_total(t[0]),
        "undated", (json_int_t)khabar_timeline_undated(t[0]),
        "buckets", buckets_json(t, qs->n));
    size_t k;

    for (k = 0; k <= qs->n; k++)
        khabar_timeline_free(t[k]);
    return body;
}

static enum MHD_Result
send_timeline(struct MHD_Connection *connection, const struct queries *qs,
              khabar_interval_t interval)
{
    khabar_timeline_t *t[TIMELINE_QUERIES_MAX + 1] = { NULL };
    khabar_index_t *index;
    khabar_status_t status;
    unsigned long revision;
    json_t *body;

    if (reader_acquire(&index) != KHABAR_STATUS_SUCCESS)
        return respond_internal(connection);
    if (khabar_index_revision(index, &revision) == KHABAR_STATUS_SUCCESS &&
        respond_fresh(connection, revision))
        return respond_not_modified(connection, revision);
    status = run_all(index, qs, interval, t);
    while (reader_should_retry(index, status))
        status = run_all(index, qs, interval, t);
    if (status != KHABAR_STATUS_SUCCESS)
        return respond_query_failed(connection, index, status, "timeline");
    revision = khabar_timeline_revision(t[0]);
    body = answer_json(qs, interval, t);
    return respond_json(connection, MHD_HTTP_OK, body, &revision);
}

enum MHD_Result
route_timeline(struct MHD_Connection *connection)
{
    struct queries qs;
    khabar_interval_t interval;

    memset(&qs, 0, sizeof(qs));
    (void)MHD_get_connection_values_n(connection, MHD_GET_ARGUMENT_KIND,
                                      collect, &qs);
    if (qs.too_many)
        return route_bad_arg(connection, "q", "may be given at most 5 times");
    if (qs.n == 0)
        return route_missing(connection, "q");
    if (qs.bad)
        return route_bad_arg(connection, "q", "must be UTF-8 text of at most "
                             "1024 bytes, without NUL");
    if (interval_arg(connection, &interval) != 0)
        return route_bad_arg(connection, "interval",
                             "must be day, week, month or year");
    return send_timeline(connection, &qs, interval);
}
