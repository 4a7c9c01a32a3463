/* server.c - the libmicrohttpd daemon and the dispatch of requests; see
 * server.h.  The limits below bound what one client can make us hold. */
#include "server.h"

#include <stdint.h>
#include <string.h>

#include <microhttpd.h>

#include "log.h"
#include "respond.h"
#include "routes.h"

/* Connections served at once, over all worker threads. */
#define CONNECTION_LIMIT 256
/* Seconds an idle connection is kept. */
#define CONNECTION_TIMEOUT 30
/* Per-connection memory for the request line, headers and buffers; it also
 * bounds the longest URL accepted (longer ones get 414 from MHD). */
#define CONNECTION_MEMORY (32 * 1024)

struct route {
    const char *path;
    route_handler_t handler;
};

static const struct route routes[] = {
    { "/search", route_search },
    { "/healthz", route_health },
    { "/article", route_article },
};

static const struct route *
find_route(const char *path)
{
    size_t i;

    for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
        if (strcmp(routes[i].path, path) == 0)
            return &routes[i];
    return NULL;
}

/* Marks a request whose first call has been seen. */
static int request_seen;

/* The access handler.  404 and 405 are answered at once, which makes MHD
 * skip any request body and close the connection.  A request that a route
 * will answer is answered only once it has been read whole (a body, which
 * no route wants, is skipped): MHD keeps the connection alive only for a
 * response queued after that. */
static enum MHD_Result
dispatch(void *cls, struct MHD_Connection *connection, const char *url,
         const char *method, const char *version, const char *upload_data,
         size_t *upload_data_size, void **request_state)
{
    const struct route *route;

    (void)cls;
    (void)version;
    (void)upload_data;
    route = find_route(url);
    if (route == NULL)
        return respond_no_such_resource(connection);
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
        strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
        return respond_method_not_allowed(connection);
    if (*request_state == NULL) {
        *request_state = &request_seen;
        return MHD_YES;
    }
    if (*upload_data_size != 0) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    return route->handler(connection);
}

/* Sends libmicrohttpd's own complaints through our log, prefix and all. */
static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    log_verror(fmt, ap);
}

struct MHD_Daemon *
server_start(const struct params_listen *addr, unsigned threads)
{
    unsigned int flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
    /* MHD warns about a pool of one (or zero): its polling thread then
     * serves alone, so the option is left out rather than given as 1. */
    struct MHD_OptionItem pool[] = {
        { MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)threads, NULL },
        { MHD_OPTION_END, 0, NULL },
    };

    if (threads <= 1)
        pool[0] = pool[1];
    if (addr->family == AF_INET6)
        flags |= MHD_USE_IPv6;
    /* MHD binds to MHD_OPTION_SOCK_ADDR and uses the port argument only in
     * its messages.  The logger comes first so that MHD reports even option
     * errors through it. */
    return MHD_start_daemon(
        flags, (uint16_t)addr->port, NULL, NULL, dispatch, NULL,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&addr->addr,
        MHD_OPTION_ARRAY, pool,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)CONNECTION_LIMIT,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)CONNECTION_TIMEOUT,
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
