/* metrics.c - request counters and a latency histogram; see metrics.h. */
#include "metrics.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Routes beyond these many labels, and statuses beyond these many per
 * route, are counted under "other" / status 0: a bound on memory that the
 * route table never comes near. */
#define MAX_ROUTES 32
#define MAX_STATUSES 16

static const double bounds[] = METRICS_BUCKETS;
#define NBOUNDS (sizeof(bounds) / sizeof(bounds[0]))

struct route_stats {
    const char *route;
    unsigned statuses[MAX_STATUSES];
    unsigned long counts[MAX_STATUSES];
    size_t nstatuses;
    unsigned long buckets[NBOUNDS];     /* not cumulative */
    unsigned long total;
    double seconds;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct route_stats routes[MAX_ROUTES];
static size_t nroutes;

/* The stats of ROUTE, created if need be; the last slot takes "other". */
static struct route_stats *
stats_of(const char *route)
{
    size_t i;

    if (route == NULL)
        route = "other";
    for (i = 0; i < nroutes; i++)
        if (strcmp(routes[i].route, route) == 0)
            return &routes[i];
    /* The last slot is kept for "other", which is then found above. */
    if (nroutes >= MAX_ROUTES - 1 && strcmp(route, "other") != 0)
        return stats_of("other");
    routes[nroutes].route = route;
    return &routes[nroutes++];
}

/* Counts STATUS in R; the last slot takes every status beyond it. */
static void
count_status(struct route_stats *r, unsigned status)
{
    size_t i;

    for (i = 0; i < r->nstatuses; i++)
        if (r->statuses[i] == status)
            break;
    if (i == r->nstatuses) {
        if (r->nstatuses == MAX_STATUSES) {
            i = MAX_STATUSES - 1;
            r->statuses[i] = 0;
        } else {
            r->statuses[r->nstatuses++] = status;
        }
    }
    r->counts[i]++;
}

void
metrics_record(const char *route, unsigned status, long millis)
{
    double seconds = millis > 0 ? (double)millis / 1000.0 : 0.0;
    struct route_stats *r;
    size_t b;

    for (b = 0; b < NBOUNDS && seconds > bounds[b]; b++)
        ;
    pthread_mutex_lock(&lock);
    r = stats_of(route);
    count_status(r, status);
    if (b < NBOUNDS)
        r->buckets[b]++;
    r->total++;
    r->seconds += seconds;
    pthread_mutex_unlock(&lock);
}

void
metrics_reset(void)
{
    pthread_mutex_lock(&lock);
    memset(routes, 0, sizeof(routes));
    nroutes = 0;
    pthread_mutex_unlock(&lock);
}

/* A growing text. */
struct text {
    char *data;
    size_t len, cap;
    int failed;
};

/* Makes room for NEED more bytes; 0, or -1 (and T failed). */
static int
grow(struct text *t, size_t need)
{
    size_t cap = t->cap > 0 ? t->cap : 4096;
    char *data;

    while (cap - t->len < need)
        cap *= 2;
    data = realloc(t->data, cap);
    if (data == NULL) {
        t->failed = 1;
        return -1;
    }
    t->data = data;
    t->cap = cap;
    return 0;
}

/* Appends printf-style text to T. */
static void
put(struct text *t, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (t->failed || (t->cap == 0 && grow(t, 4096) != 0))
        return;
    for (;;) {
        va_start(ap, fmt);
        n = vsnprintf(t->data + t->len, t->cap - t->len, fmt, ap);
        va_end(ap);
        if (n < 0) {
            t->failed = 1;
            return;
        }
        if ((size_t)n < t->cap - t->len)
            break;
        if (grow(t, (size_t)n + 1) != 0)
            return;
    }
    t->len += (size_t)n;
}

static void
put_requests(struct text *t)
{
    size_t i, j;

    put(t, "# HELP khabar_requests_total HTTP requests answered, by route "
        "and status.\n# TYPE khabar_requests_total counter\n");
    for (i = 0; i < nroutes; i++)
        for (j = 0; j < routes[i].nstatuses; j++)
            put(t, "khabar_requests_total{route=\"%s\",status=\"%u\"} %lu\n",
                routes[i].route, routes[i].statuses[j], routes[i].counts[j]);
}

static void
put_histogram(struct text *t)
{
    size_t i, b;

    put(t, "# HELP khabar_request_duration_seconds Time from the request "
        "line to the end of the answer.\n"
        "# TYPE khabar_request_duration_seconds histogram\n");
    for (i = 0; i < nroutes; i++) {
        const struct route_stats *r = &routes[i];
        unsigned long cumulative = 0;

        for (b = 0; b < NBOUNDS; b++) {
            cumulative += r->buckets[b];
            put(t, "khabar_request_duration_seconds_bucket{route=\"%s\","
                "le=\"%g\"} %lu\n", r->route, bounds[b], cumulative);
        }
        put(t, "khabar_request_duration_seconds_bucket{route=\"%s\","
            "le=\"+Inf\"} %lu\n", r->route, r->total);
        put(t, "khabar_request_duration_seconds_sum{route=\"%s\"} %.3f\n",
            r->route, r->seconds);
        put(t, "khabar_request_duration_seconds_count{route=\"%s\"} %lu\n",
            r->route, r->total);
    }
}

/* One gauge: NAME, explained by HELP, at VALUE. */
static void
put_gauge(struct text *t, const char *name, const char *help,
          unsigned long value)
{
    put(t, "# HELP %s %s\n# TYPE %s gauge\n%s %lu\n", name, help, name, name,
        value);
}

/* The gauges of G. */
static void
put_gauges(struct text *t, const struct metrics_gauges *g)
{
    put_gauge(t, "khabar_index_articles", "Articles in the index.",
              g->articles);
    put_gauge(t, "khabar_index_revision", "The index revision searchd reads.",
              g->revision);
    put_gauge(t, "khabar_workers",
              "Requests that may read the index at once (--threads).",
              g->workers);
    put_gauge(t, "khabar_workers_busy",
              "Requests reading the index, this one included.", g->busy);
    put_gauge(t, "khabar_requests_waiting",
              "Requests waiting for their turn to read the index.",
              g->waiting);
}

char *
metrics_render(const struct metrics_gauges *g, size_t *len)
{
    struct text t = { NULL, 0, 0, 0 };

    pthread_mutex_lock(&lock);
    put_requests(&t);
    put_histogram(&t);
    pthread_mutex_unlock(&lock);
    put_gauges(&t, g);
    if (t.failed) {
        free(t.data);
        return NULL;
    }
    *len = t.len;
    return t.data;
}
