/* server.h - the libmicrohttpd daemon: its limits, a thread per
 * connection, and the dispatch of each request to the handler for its
 * path. */
#ifndef KHABAR_SEARCHD_SERVER_H
#define KHABAR_SEARCHD_SERVER_H

#include "params.h"

struct MHD_Daemon;

/* The most workers (index handles, reader.h) --threads may ask for. */
#define SERVER_MAX_THREADS 64

/* The most connections --max-connections may ask for, and --timeout. */
#define SERVER_MAX_CONNECTIONS 65536
#define SERVER_MAX_TIMEOUT 3600

/* --max-connections is a soft limit: a request arriving while more are
 * open gets 503 busy and its connection is closed.  libmicrohttpd accepts
 * up to this many more before it stops accepting (further connections
 * then wait in the kernel's listen queue). */
#define SERVER_CONNECTION_HEADROOM 256

/* How the daemon is to serve. */
struct server_config {
    struct params_listen listen;
    unsigned threads;           /* workers: the requests that search at
                                 * once (reader_init()), 1 to
                                 * SERVER_MAX_THREADS */
    unsigned max_connections;   /* served at once, each on a thread of its
                                 * own: the soft limit
                                 * (SERVER_CONNECTION_HEADROOM) */
    unsigned timeout;           /* seconds a request may take to arrive */
};

/* Starts serving as CONFIG says (its threads go to reader_init()).
 * Returns the daemon, or NULL after libmicrohttpd has logged why (the
 * port is taken, say).  reader_init() and conn_init() must come first. */
struct MHD_Daemon *server_start(const struct server_config *config);

/* The port DAEMON listens on (the real one when 0 was asked for), or 0 when
 * it cannot be read. */
unsigned server_port(struct MHD_Daemon *daemon);

/* Stops DAEMON: closes the listening socket, finishes the connections and
 * joins their threads.  NULL is a no-op. */
void server_stop(struct MHD_Daemon *daemon);

#endif /* KHABAR_SEARCHD_SERVER_H */
