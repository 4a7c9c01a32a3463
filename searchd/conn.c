/* conn.c - per-connection state, the access log line of each request and
 * the deadline on slow requests; see conn.h. */
#include "conn.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "etag.h"
#include "log.h"
#include "metrics.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct conn *registry;
static unsigned long active;    /* open connections, under LOCK */
static unsigned timeout_seconds = 10;

int
conn_init(unsigned timeout)
{
    if (timeout == 0) {
        log_error("the request timeout must be at least 1 second");
        return -1;
    }
    timeout_seconds = timeout;
    return 0;
}

void
conn_fini(void)
{
    /* libmicrohttpd has closed every connection, so REGISTRY is empty. */
    registry = NULL;
    active = 0;
}

static void
now(struct timespec *ts)
{
    if (clock_gettime(CLOCK_MONOTONIC, ts) != 0)
        memset(ts, 0, sizeof(*ts));
}

static long
millis_since(const struct timespec *then)
{
    struct timespec ts;

    now(&ts);
    return (long)(ts.tv_sec - then->tv_sec) * 1000 +
           (ts.tv_nsec - then->tv_nsec) / 1000000;
}

/* Starts the deadline of the next request on CONN. */
static void
arm(struct conn *conn)
{
    pthread_mutex_lock(&lock);
    now(&conn->since);
    conn->receiving = 1;
    pthread_mutex_unlock(&lock);
}

static struct conn *
conn_new(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info;
    struct conn *conn = calloc(1, sizeof(*conn));

    if (conn == NULL) {
        log_error("out of memory for a new connection");
        return NULL;
    }
    info = MHD_get_connection_info(connection,
                                   MHD_CONNECTION_INFO_CONNECTION_FD);
    conn->fd = info != NULL ? info->connect_fd : -1;
    now(&conn->since);
    conn->receiving = 1;
    pthread_mutex_lock(&lock);
    conn->next = registry;
    if (registry != NULL)
        registry->prev = conn;
    registry = conn;
    pthread_mutex_unlock(&lock);
    return conn;
}

/* libmicrohttpd calls this before it closes the socket, so the sweep,
 * which works under the same lock, never touches a descriptor that has
 * been closed and perhaps reused. */
static void
conn_free(struct conn *conn)
{
    pthread_mutex_lock(&lock);
    if (conn->prev != NULL)
        conn->prev->next = conn->next;
    else
        registry = conn->next;
    if (conn->next != NULL)
        conn->next->prev = conn->prev;
    pthread_mutex_unlock(&lock);
    free(conn);
}

void
conn_notify(void *cls, struct MHD_Connection *connection,
            void **socket_context, enum MHD_ConnectionNotificationCode code)
{
    (void)cls;
    /* Counted whether or not struct conn could be allocated: MHD sends
     * CLOSED for every connection it sent STARTED for. */
    pthread_mutex_lock(&lock);
    if (code == MHD_CONNECTION_NOTIFY_STARTED)
        active++;
    else if (active > 0)
        active--;
    pthread_mutex_unlock(&lock);
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        *socket_context = conn_new(connection);
    } else if (*socket_context != NULL) {
        conn_free(*socket_context);
        *socket_context = NULL;
    }
}

unsigned long
conn_active(void)
{
    unsigned long n;

    pthread_mutex_lock(&lock);
    n = active;
    pthread_mutex_unlock(&lock);
    return n;
}

struct conn *
conn_of(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info;

    info = MHD_get_connection_info(connection,
                                   MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info != NULL ? info->socket_context : NULL;
}

/* Whether the path of URI (up to any '?') holds an encoded NUL. */
static int
path_has_nul(const char *uri)
{
    const char *p = strstr(uri, "%00");

    return p != NULL && (size_t)(p - uri) < strcspn(uri, "?");
}

void *
conn_begin(void *cls, const char *uri, struct MHD_Connection *connection)
{
    struct conn *conn = conn_of(connection);
    size_t len = strlen(uri);

    (void)cls;
    if (conn == NULL)
        return NULL;
    now(&conn->start);
    conn->dispatched = 0;
    conn->status = 0;
    conn->bytes = (size_t)-1;
    strcpy(conn->method, "-");
    access_log_sanitise(uri, len, ACCESS_LOG_TARGET_MAX, conn->target,
                        sizeof(conn->target));
    conn->target_hash = etag_hash(uri, len);
    conn->target_len = len;
    conn->route = NULL;
    conn->path_nul = path_has_nul(uri);
    return conn;
}

void
conn_dispatched(struct conn *conn, const char *method)
{
    conn->dispatched = 1;
    access_log_sanitise(method, strlen(method), 16, conn->method,
                        sizeof(conn->method));
    pthread_mutex_lock(&lock);
    conn->receiving = 0;
    pthread_mutex_unlock(&lock);
}

void
conn_note_response(struct MHD_Connection *connection, unsigned status,
                   size_t bytes)
{
    struct conn *conn = conn_of(connection);

    if (conn == NULL)
        return;
    conn->status = status;
    conn->bytes = bytes;
}

void
conn_completed(void *cls, struct MHD_Connection *connection,
               void **request_state, enum MHD_RequestTerminationCode code)
{
    struct conn *conn = *request_state;
    const union MHD_ConnectionInfo *info;
    unsigned status;
    long millis;

    (void)cls;
    (void)code;
    if (conn == NULL)
        return;
    /* libmicrohttpd's own answers (431, 400...) are not queued by us. */
    status = conn->status;
    info = MHD_get_connection_info(connection,
                                   MHD_CONNECTION_INFO_HTTP_STATUS);
    if (status == 0 && info != NULL)
        status = info->http_status;
    millis = millis_since(&conn->start);
    access_log_write(conn->method, conn->target, status, conn->bytes, millis);
    metrics_record(conn->route, status, millis);
    *request_state = NULL;
    arm(conn);
}

unsigned
conn_sweep(void)
{
    struct timespec ts;
    struct conn *conn;
    unsigned dropped = 0;

    now(&ts);
    pthread_mutex_lock(&lock);
    for (conn = registry; conn != NULL; conn = conn->next) {
        if (!conn->receiving || conn->fd < 0 ||
            ts.tv_sec - conn->since.tv_sec < (time_t)timeout_seconds)
            continue;
        /* Shut down, not close: the descriptor stays libmicrohttpd's, which
         * sees the end of the stream and closes the connection itself. */
        if (shutdown(conn->fd, SHUT_RDWR) == 0)
            dropped++;
        conn->receiving = 0;
    }
    pthread_mutex_unlock(&lock);
    return dropped;
}
