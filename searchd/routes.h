/* routes.h - the handlers server.c dispatches to, one per resource, and the
 * query-argument helpers they share.
 *
 * A handler is called only for GET or HEAD on its path; it queues exactly
 * one response (libmicrohttpd drops the body of a HEAD answer itself) and
 * returns what MHD_queue_response() said. */
#ifndef KHABAR_SEARCHD_ROUTES_H
#define KHABAR_SEARCHD_ROUTES_H

#include <microhttpd.h>

typedef enum MHD_Result (*route_handler_t)(struct MHD_Connection *connection);
/* A handler for the paths "/PREFIX/{id}": ID is the rest of the path,
 * percent-decoded (possibly empty). */
typedef enum MHD_Result (*route_id_handler_t)(struct MHD_Connection *connection,
                                              const char *id);

/* GET /search?q=...&page=...&size=...: a page of ranked hits. */
enum MHD_Result route_search(struct MHD_Connection *connection);
/* Sets --total-bound: /search counts the matches exactly only up to about
 * BOUND, past that it answers an estimate (0, the default: always exact).
 * Call before the server starts. */
void route_search_set_total_bound(unsigned long bound);
/* GET /healthz: whether the index can be read, its size and revision. */
enum MHD_Result route_health(struct MHD_Connection *connection);
/* GET /article?id=...: one stored article. */
enum MHD_Result route_article(struct MHD_Connection *connection);

/* ---- Exploring the archive (issue 5); docs/API.md has each one. ---- */
/* GET /article/{id}: the same answer as /article?id={id}. */
enum MHD_Result route_article_id(struct MHD_Connection *connection,
                                 const char *id);
/* GET /similar/{id}?size=...: articles like article ID. */
enum MHD_Result route_similar(struct MHD_Connection *connection,
                              const char *id);
/* GET /timeline?q=...[&q=...]&interval=...: counts over time. */
enum MHD_Result route_timeline(struct MHD_Connection *connection);
/* GET /export?q=...&format=csv|jsonl&order=...: every match, streamed. */
enum MHD_Result route_export(struct MHD_Connection *connection);
/* GET /suggest?prefix=...: title words completing PREFIX. */
enum MHD_Result route_suggest(struct MHD_Connection *connection);
/* GET /stats: what the index holds. */
enum MHD_Result route_stats(struct MHD_Connection *connection);
/* GET /metrics: request counters and latencies, Prometheus text. */
enum MHD_Result route_metrics(struct MHD_Connection *connection);

/* ---- The web page (issue 6); docs/WEB.md. ---- */
/* GET /: the search page, compiled into searchd (page_assets.h). */
enum MHD_Result route_page(struct MHD_Connection *connection);
/* GET /static/{name}: the page's stylesheet and script, by exact name;
 * any other name is 404. */
enum MHD_Result route_static(struct MHD_Connection *connection,
                             const char *name);

/* Sets *VALUE to the text of query argument NAME (the first, if repeated;
 * "" for a bare "?NAME") and returns 0; returns -1 when NAME is absent and
 * -2 when its decoded text holds a NUL byte, which no C string can carry
 * faithfully. */
int route_arg(struct MHD_Connection *connection, const char *name,
              const char **value);

/* Sets *OUT to query argument NAME as an integer from MIN to MAX, or to
 * DEFAULT_VALUE when NAME is absent, and returns 0; -1 when it is present
 * but not such an integer. */
int route_uint_arg(struct MHD_Connection *connection, const char *name,
                   unsigned long min, unsigned long max,
                   unsigned long default_value, unsigned long *out);

/* The 400 answers for argument NAME: absent, not an integer from MIN to MAX,
 * or otherwise unusable (MUST saying what it must be, e.g. "must not be
 * empty").  Messages name the argument, never repeat its value. */
enum MHD_Result route_missing(struct MHD_Connection *connection,
                              const char *name);
enum MHD_Result route_bad_uint(struct MHD_Connection *connection,
                               const char *name, unsigned long min,
                               unsigned long max);
enum MHD_Result route_bad_arg(struct MHD_Connection *connection,
                              const char *name, const char *must);

#endif /* KHABAR_SEARCHD_ROUTES_H */
