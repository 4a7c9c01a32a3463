/* server.c - the libmicrohttpd daemon and the dispatch of requests; see
 * server.h.  The limits (here and in server_config) bound what clients can
 * make us hold. */
#include "server.h"

#include <stdint.h>
#include <string.h>

#include <microhttpd.h>

#include "auth.h"
#include "conn.h"
#include "log.h"
#include "reader.h"
#include "respond.h"
#include "routes.h"

/* Per-connection memory for the request line, headers and buffers.  It is
 * larger than the limits below, so that a request over them reaches the
 * access handler and gets a JSON 414 or 431; only a request line or header
 * block that does not fit in it at all gets libmicrohttpd's own HTML 414
 * or 431.  libmicrohttpd reserves it per open connection: at most
 * (--max-connections + SERVER_CONNECTION_HEADROOM) x 128 KiB, 64 MiB at
 * the default 256 (docs/SECURITY.md). */
#define CONNECTION_MEMORY (128 * 1024)

/* The longest request target (path and query string, as sent) and header
 * block (each header counted as "Name: value" plus CRLF) served; longer
 * ones get 414 uri_too_long and 431 headers_too_large. */
#define MAX_TARGET_BYTES (16 * 1024)
#define MAX_HEADER_BYTES (16 * 1024)

/* A route serves one exact path with HANDLER, or, when PATH ends in '/',
 * every path "PATH{id}" with ID_HANDLER, which gets the decoded rest as the
 * id.  LABEL names the route in the metrics (metrics.h). */
struct route {
    const char *path;
    const char *label;
    route_handler_t handler;
    route_id_handler_t id_handler;
};

static const struct route routes[] = {
    { "/search", "/search", route_search, NULL },
    { "/healthz", "/healthz", route_health, NULL },
    { "/article", "/article", route_article, NULL },
    { "/article/", "/article/{id}", NULL, route_article_id },
    { "/similar/", "/similar/{id}", NULL, route_similar },
    { "/timeline", "/timeline", route_timeline, NULL },
    { "/export", "/export", route_export, NULL },
    { "/suggest", "/suggest", route_suggest, NULL },
    { "/stats", "/stats", route_stats, NULL },
    { "/metrics", "/metrics", route_metrics, NULL },
    { "/", "/", route_page, NULL },
    { "/static/", "/static/{name}", NULL, route_static },
};

/* The route serving PATH, with *REST the id of an id route; or NULL. */
static const struct route *
find_route(const char *path, const char **rest)
{
    size_t i, n;

    for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
        n = strlen(routes[i].path);
        if (routes[i].handler != NULL && strcmp(routes[i].path, path) == 0)
            return &routes[i];
        if (routes[i].id_handler != NULL &&
            strncmp(routes[i].path, path, n) == 0) {
            *rest = path + n;
            return &routes[i];
        }
    }
    return NULL;
}

/* Calls ROUTE's handler; an id that held an encoded NUL is refused, since
 * libmicrohttpd's decoding cut it short at the NUL. */
static enum MHD_Result
run_route(struct MHD_Connection *connection, const struct conn *conn,
          const struct route *route, const char *rest)
{
    if (route->handler != NULL)
        return route->handler(connection);
    if (conn->path_nul)
        return route_bad_arg(connection, "id", "must not contain NUL");
    return route->id_handler(connection, rest);
}

/* Adds the size of one header, as sent, to the size_t at CLS. */
static enum MHD_Result
count_header(void *cls, enum MHD_ValueKind kind, const char *key,
             const char *value)
{
    size_t *total = cls;

    (void)kind;
    *total += strlen(key) + 2 + (value != NULL ? strlen(value) : 0) + 2;
    return MHD_YES;
}

/* The size of the request's header block, as sent (near enough: the
 * spaces around each value are not counted). */
static size_t
header_bytes(struct MHD_Connection *connection)
{
    size_t total = 0;

    MHD_get_connection_values(connection, MHD_HEADER_KIND, count_header,
                              &total);
    return total;
}

/* The soft connection limit: --max-connections.  libmicrohttpd's own
 * limit is SERVER_CONNECTION_HEADROOM above it, so that the connections
 * between the two are accepted and answered 503 busy (and closed) rather
 * than left waiting in the listen queue. */
static unsigned long soft_limit = 256;

/* Refuses, before any other work, a request that arrives while more than
 * the soft limit of connections are open (503 busy), or whose target or
 * headers are over their limits (414, 431).  Answered on the first call,
 * so MHD closes the connection.  MHD_NO with nothing queued means go on;
 * otherwise *RET is what to return. */
static int
refuse(struct MHD_Connection *connection, const struct conn *conn,
       enum MHD_Result *ret)
{
    if (conn_active() > soft_limit)
        *ret = respond_error_header(connection, MHD_HTTP_SERVICE_UNAVAILABLE,
                                    "busy",
                                    "too many connections; retry later",
                                    MHD_HTTP_HEADER_RETRY_AFTER, "1");
    else if (conn->target_len > MAX_TARGET_BYTES)
        *ret = respond_error(connection, MHD_HTTP_URI_TOO_LONG,
                             "uri_too_long",
                             "the request target is over 16 KiB");
    else if (header_bytes(connection) > MAX_HEADER_BYTES)
        *ret = respond_error(connection,
                             MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
                             "headers_too_large",
                             "the request headers are over 16 KiB");
    else
        return 0;
    return 1;
}

/* Whether the request says a body follows: a Content-Length other than
 * 0, or a Transfer-Encoding (chunked). */
static int
has_body(struct MHD_Connection *connection)
{
    const char *length = MHD_lookup_connection_value(
        connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);

    return (length != NULL && length[strspn(length, "0")] != '\0') ||
           MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
                                       MHD_HTTP_HEADER_TRANSFER_ENCODING) !=
               NULL;
}

/* The access handler.  404, 405 and a request with a body (413: no route
 * takes one) are answered at once, which makes MHD skip the body and
 * close the connection: a body sent a byte at a time, which the sweep
 * (conn.c) no longer times once the headers are in, cannot hold the
 * connection.  Any other request is answered once it has been read whole:
 * MHD keeps the connection alive only for a response queued after that. */
static enum MHD_Result
dispatch(void *cls, struct MHD_Connection *connection, const char *url,
         const char *method, const char *version, const char *upload_data,
         size_t *upload_data_size, void **request_state)
{
    struct conn *conn = *request_state;
    const struct route *route;
    const char *rest = NULL;
    enum MHD_Result ret;
    int first;

    (void)cls;
    (void)version;
    (void)upload_data;
    /* No state means conn.c ran out of memory for it (and said so). */
    if (conn == NULL)
        return respond_internal(connection);
    first = !conn->dispatched;
    if (first) {
        conn_dispatched(conn, method);
        if (refuse(connection, conn, &ret))
            return ret;
    }
    route = find_route(url, &rest);
    if (route == NULL)
        return respond_no_such_resource(connection);
    conn->route = route->label;
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
        strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
        return respond_method_not_allowed(connection);
    if (first && has_body(connection))
        return respond_error(connection, MHD_HTTP_CONTENT_TOO_LARGE,
                             "body_not_accepted",
                             "no request takes a body");
    if (first)
        return MHD_YES;
    /* MHD passes a body only when the headers announce one, which is
     * refused above: a guard, so that none would run the route twice. */
    if (*upload_data_size != 0) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    /* Checked once the request is read whole, so that a 401 keeps the
     * connection alive for the retry with the token. */
    if (!auth_permits(connection, route->label))
        return auth_refuse(connection);
    ret = run_route(connection, conn, route, rest);
    /* The answer is queued (a streamed one reads an index of its own):
     * the handle can serve another connection while this one sends. */
    reader_release();
    return ret;
}

/* Sends libmicrohttpd's own complaints through our log, prefix and all. */
static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    log_verror(fmt, ap);
}

/* Each connection gets a thread of its own (MHD_USE_THREAD_PER_CONNECTION),
 * which reads its requests and sends its answers; the work on the index is
 * bounded by the pool of handles (reader.h), --threads of them.  A thread
 * pool of libmicrohttpd's own would keep each connection on the thread that
 * accepted it, so two busy connections could share one thread while the
 * other idled (docs/BENCHMARKS.md, "Keywords at a million, after the
 * rebuild"). */
struct MHD_Daemon *
server_start(const struct server_config *config)
{
    const struct params_listen *addr = &config->listen;
    unsigned int flags = MHD_USE_AUTO_INTERNAL_THREAD |
                         MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG;

    soft_limit = config->max_connections;
    if (addr->family == AF_INET6)
        flags |= MHD_USE_IPv6;
    /* MHD binds to MHD_OPTION_SOCK_ADDR and uses the port argument only in
     * its messages.  The logger comes first so that MHD reports even option
     * errors through it.  conn.c follows each connection and request, for
     * the access log, the ETag and the deadline on slow requests; MHD's own
     * idle timeout is the same number of seconds. */
    return MHD_start_daemon(
        flags, (uint16_t)addr->port, NULL, NULL, dispatch, NULL,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&addr->addr,
        MHD_OPTION_NOTIFY_CONNECTION, conn_notify, NULL,
        MHD_OPTION_URI_LOG_CALLBACK, conn_begin, NULL,
        MHD_OPTION_NOTIFY_COMPLETED, conn_completed, NULL,
        MHD_OPTION_CONNECTION_LIMIT,
        (unsigned int)(config->max_connections + SERVER_CONNECTION_HEADROOM),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)config->timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
        MHD_OPTION_END);
}

unsigned
server_port(struct MHD_Daemon *daemon)
{
    const union MHD_DaemonInfo *info;

    info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    if (info == NULL)
        return 0;
    return info->port;
}

void
server_stop(struct MHD_Daemon *daemon)
{
    if (daemon != NULL)
        MHD_stop_daemon(daemon);
}
