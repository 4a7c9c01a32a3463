/* metrics.h - request counters and latencies for GET /metrics, in the
 * Prometheus text format (version 0.0.4).
 *
 * conn.c records every request when it writes the access-log line, under
 * one mutex, so workers can record concurrently.  ROUTE labels are the
 * paths of server.c's route table ("/search", "/article/{id}"...) or
 * "other" for a path searchd does not serve, so that the number of series
 * stays bounded whatever clients send. */
#ifndef KHABAR_SEARCHD_METRICS_H
#define KHABAR_SEARCHD_METRICS_H

#include <stddef.h>

/* The upper bounds of the latency histogram's buckets, in seconds. */
#define METRICS_BUCKETS { 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, \
                          0.5, 1.0, 2.5, 5.0, 10.0 }

/* Counts one request on ROUTE (a string that outlives the server, or NULL
 * for "other") answered with STATUS (0 when none was sent) after MILLIS
 * milliseconds. */
void metrics_record(const char *route, unsigned status, long millis);

/* The gauges besides the request counts. */
struct metrics_gauges {
    unsigned long articles, revision;   /* of the index */
    unsigned workers, busy, waiting;    /* reader_load() */
};

/* The whole exposition: the counters, the histogram, and the gauges G; a
 * malloc()ed text the caller frees, its length in *LEN, or NULL when out
 * of memory. */
char *metrics_render(const struct metrics_gauges *g, size_t *len);

/* Forgets every count; for the unit tests. */
void metrics_reset(void);

#endif /* KHABAR_SEARCHD_METRICS_H */
