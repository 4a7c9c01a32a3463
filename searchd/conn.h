/* conn.h - what searchd remembers about each open connection and the
 * request it is reading: for the access log, for the ETag, and to drop a
 * client too slow to send its request.
 *
 * libmicrohttpd's own timeout (MHD_OPTION_CONNECTION_TIMEOUT) only counts
 * idle time, so a client sending one byte a second would hold its
 * connection for ever.  Here each request must arrive whole within the
 * timeout, counted from the connection's opening or the end of the
 * previous answer; conn_sweep() shuts down the sockets of those that do
 * not, and libmicrohttpd then closes them as if the client had left. */
#ifndef KHABAR_SEARCHD_CONN_H
#define KHABAR_SEARCHD_CONN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <microhttpd.h>

#include "access_log.h"

struct conn {
    /* The registry of open connections, under conn.c's lock. */
    struct conn *prev, *next;
    int fd;
    struct timespec since;      /* the current deadline counts from here */
    int receiving;              /* 1 while a request is still arriving */
    /* The current request, touched only by the connection's thread. */
    struct timespec start;
    int dispatched;             /* the access handler has seen it */
    char method[24];            /* sanitised, for the log */
    char target[ACCESS_LOG_TARGET_SIZE];        /* sanitised */
    uint64_t target_hash;       /* of the raw target, for the ETag */
    size_t target_len;          /* of the raw target (query included) */
    unsigned status;            /* queued by respond.c, 0 if none */
    size_t bytes;               /* of body queued, (size_t)-1 if none */
    /* The route label for metrics.h, set by the dispatcher; NULL for a
     * path searchd does not serve. */
    const char *route;
    /* The raw path (before the query string) holds "%00": libmicrohttpd
     * decodes it into a NUL that silently cuts the path short. */
    int path_nul;
};

/* Sets the seconds a request may take to arrive (at least 1) and creates
 * the lock; 0, or -1 after logging why.  Before the daemon starts. */
int conn_init(unsigned timeout);

/* Releases what conn_init() made; after the daemon has stopped. */
void conn_fini(void);

/* For MHD_OPTION_NOTIFY_CONNECTION: registers and frees struct conn and
 * counts the open connections. */
void conn_notify(void *cls, struct MHD_Connection *connection,
                 void **socket_context,
                 enum MHD_ConnectionNotificationCode code);

/* The connections open now (counted by conn_notify()), for the soft
 * connection limit of server.c. */
unsigned long conn_active(void);

/* For MHD_OPTION_URI_LOG_CALLBACK: a request begins, with URI as sent
 * (raw, query string included).  Returns the struct conn, which then
 * arrives as the access handler's request state. */
void *conn_begin(void *cls, const char *uri, struct MHD_Connection *connection);

/* For MHD_OPTION_NOTIFY_COMPLETED: writes the access-log line and starts
 * the deadline for the next request. */
void conn_completed(void *cls, struct MHD_Connection *connection,
                    void **request_state,
                    enum MHD_RequestTerminationCode code);

/* Called by the access handler on its first call for CONN's request, when
 * every header has arrived: notes METHOD and stops the deadline. */
void conn_dispatched(struct conn *conn, const char *method);

/* The state of CONNECTION, or NULL (a connection that could not get one). */
struct conn *conn_of(struct MHD_Connection *connection);

/* Records the answer respond.c queued on CONNECTION, for the log. */
void conn_note_response(struct MHD_Connection *connection, unsigned status,
                        size_t bytes);

/* Shuts down every connection whose request has not arrived whole within
 * the timeout; returns how many.  Called about once a second. */
unsigned conn_sweep(void);

#endif /* KHABAR_SEARCHD_CONN_H */
