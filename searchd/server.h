/* server.h - the libmicrohttpd daemon: its limits, its threads, and the
 * dispatch of each request to the handler for its path. */
#ifndef KHABAR_SEARCHD_SERVER_H
#define KHABAR_SEARCHD_SERVER_H

#include "params.h"

struct MHD_Daemon;

/* The most worker threads --threads may ask for. */
#define SERVER_MAX_THREADS 64

/* Starts serving on ADDR with THREADS worker threads (1 to
 * SERVER_MAX_THREADS).  Returns the daemon, or NULL after libmicrohttpd has
 * logged why (the port is taken, say).  reader_init() must come first. */
struct MHD_Daemon *server_start(const struct params_listen *addr,
                                unsigned threads);

/* The port DAEMON listens on (the real one when 0 was asked for), or 0 when
 * it cannot be read. */
unsigned server_port(struct MHD_Daemon *daemon);

/* Stops DAEMON: closes the listening socket, finishes the connections and
 * joins every worker thread.  NULL is a no-op. */
void server_stop(struct MHD_Daemon *daemon);

#endif /* KHABAR_SEARCHD_SERVER_H */
