/* main.c - khabar-searchd: serves a Khabar index over HTTP as JSON.
 *
 *   khabar-searchd --db DIR [--listen HOST:PORT] [--threads N]
 *                  [--max-connections N] [--timeout SECONDS]
 *                  [--log FILE] [--cors ORIGIN]
 *                  [--token-file FILE [--token-for all|ROUTE,...]]
 *                  [--total-bound N]
 *
 * HOST:PORT is a literal IPv4 address or a bracketed IPv6 one
 * (default 127.0.0.1:8080, loopback unless told otherwise); port 0 picks a
 * free port.  Once listening it prints one line on stdout,
 * "khabar-searchd: listening on http://HOST:PORT/", with the real port.
 * SIGINT or SIGTERM stops it cleanly; SIGHUP reopens the --log file.
 *
 * Exit status (docs/OPERATIONS.md, the same table as khabar-index's): 0
 * after a clean stop, 2 for a usage error (a token file others can read
 * included), 3 when the index cannot be opened, 5 when the server cannot
 * start (the port is taken...). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access_log.h"
#include "auth.h"
#include "conn.h"
#include "khabar.h"
#include "log.h"
#include "options.h"
#include "reader.h"
#include "respond.h"
#include "routes.h"
#include "server.h"

#define EXIT_RUNTIME 5
#define EXIT_USAGE 2
/* An index that cannot be opened is fatal: 2, as in khabar-index
 * (docs/OPERATIONS.md), so one table of exit codes serves both. */
#define EXIT_NO_INDEX 2

/* Opens the index once, read-only, so that a wrong --db fails at start
 * rather than on the first request; 0 or -1 (logged).  A remote shard
 * that cannot be reached is no reason not to start: searchd answers 503
 * naming it until it can be (docs/SCALING.md). */
static int
check_index(const struct options *opts)
{
    khabar_index_t *index = NULL;
    char *message = NULL;
    khabar_status_t status;

    status = reader_open(opts->dbs, opts->n_dbs, opts->remote_timeout * 1000,
                         &index, &message);
    if (status != KHABAR_STATUS_SUCCESS) {
        log_error("%s", message != NULL ? message :
                  khabar_status_to_string(status));
        free(message);
        return status == KHABAR_STATUS_UNAVAILABLE ? 0 : -1;
    }
    khabar_index_close(index);
    return 0;
}

/* Blocks SIGINT, SIGTERM and SIGHUP in this thread and so in every worker
 * thread created after it: the main thread takes them in sigtimedwait(),
 * with no handler running in the middle of a request.  SIGPIPE is ignored
 * so that a client hanging up can never kill the server.  0 or -1
 * (logged). */
static int
block_signals(sigset_t *set)
{
    struct sigaction ignore;
    int err;

    memset(&ignore, 0, sizeof(ignore));
    ignore.sa_handler = SIG_IGN;
    if (sigaction(SIGPIPE, &ignore, NULL) != 0) {
        log_error("sigaction: cannot ignore SIGPIPE");
        return -1;
    }
    if (sigemptyset(set) != 0 || sigaddset(set, SIGINT) != 0 ||
        sigaddset(set, SIGTERM) != 0 || sigaddset(set, SIGHUP) != 0) {
        log_error("sigaddset failed");
        return -1;
    }
    err = pthread_sigmask(SIG_BLOCK, set, NULL);
    if (err != 0) {
        log_error("pthread_sigmask: %s", strerror(err));
        return -1;
    }
    return 0;
}

/* Says where we listen, on stdout, for people and for the tests that parse
 * the line to learn a port 0 choice; 0 or -1 (logged). */
static int
announce(const struct params_listen *listen, unsigned port)
{
    char url[96];

    if (port == 0 || params_format_url(listen, port, url, sizeof(url)) != 0) {
        log_error("cannot tell which port we listen on");
        return -1;
    }
    if (printf("khabar-searchd: listening on %s\n", url) < 0 ||
        fflush(stdout) != 0) {
        log_error("cannot write to stdout");
        return -1;
    }
    return 0;
}

/* Waits for SIGINT or SIGTERM, reopening the access log on SIGHUP and,
 * once a second, dropping requests that take too long to arrive; 0, or -1
 * (logged) if waiting fails. */
static int
wait_for_stop(const sigset_t *set, unsigned timeout)
{
    const struct timespec tick = { 1, 0 };

    for (;;) {
        int sig = sigtimedwait(set, NULL, &tick);
        unsigned dropped;

        if (sig == SIGINT || sig == SIGTERM)
            return 0;
        if (sig == SIGHUP)
            (void)access_log_reopen();      /* logs its own failure */
        else if (sig < 0 && errno != EAGAIN && errno != EINTR) {
            log_error("sigtimedwait: %s", strerror(errno));
            return -1;
        }
        dropped = conn_sweep();
        if (dropped > 0)
            log_error("dropped %u connection%s whose request had not "
                      "arrived within %u s", dropped, dropped > 1 ? "s" : "",
                      timeout);
    }
}

/* Serves until SIGINT or SIGTERM; returns the exit status. */
static int
serve(const struct options *opts)
{
    struct MHD_Daemon *daemon = NULL;
    sigset_t set;
    int status = EXIT_RUNTIME;

    if (block_signals(&set) != 0 || access_log_open(opts->log) != 0 ||
        conn_init(opts->server.timeout) != 0)
        return EXIT_RUNTIME;
    respond_set_cors(opts->cors);
    route_search_set_total_bound(opts->total_bound);
    if (reader_init(opts->dbs, opts->n_dbs, opts->remote_timeout * 1000,
                    opts->server.threads) != 0)
        goto fail;
    daemon = server_start(&opts->server);
    if (daemon == NULL) {
        log_error("cannot start the HTTP server");
        goto fail;
    }
    if (announce(&opts->server.listen, server_port(daemon)) != 0 ||
        wait_for_stop(&set, opts->server.timeout) != 0)
        goto fail;
    status = EXIT_SUCCESS;
fail:
    /* Requests waiting for a worker end now, rather than each take its
     * turn (and perhaps wait on a hung shard) before the server stops. */
    reader_stop();
    server_stop(daemon);
    reader_fini();
    conn_fini();
    access_log_close();
    return status;
}

int
main(int argc, char **argv)
{
    struct options opts;
    int status;

    if (options_parse(argc, argv, &opts) != 0) {
        options_usage(stderr);
        return EXIT_USAGE;
    }
    /* The token file is configuration: read once, before anything else,
     * and a bad one is a usage error (auth.h). */
    if (auth_init(opts.token_file, opts.token_for) != 0)
        return EXIT_USAGE;
    if (check_index(&opts) != 0)
        status = EXIT_NO_INDEX;
    else
        status = serve(&opts);
    auth_fini();
    return status;
}
