/* main.c - khabar-searchd: serves a Khabar index over HTTP as JSON.
 *
 *   khabar-searchd --db DIR [--listen HOST:PORT] [--threads N]
 *
 * HOST:PORT is a literal IPv4 address or a bracketed IPv6 one
 * (default 127.0.0.1:8080, loopback unless told otherwise); port 0 picks a
 * free port.  Once listening it prints one line on stdout,
 * "khabar-searchd: listening on http://HOST:PORT/", with the real port.
 * SIGINT or SIGTERM stops it cleanly.
 *
 * Exit status (docs/OPERATIONS.md, the same table as khabar-index's): 0
 * after a clean stop, 2 for a usage error, 3 when the index cannot be
 * opened, 5 when the server cannot start (the port is taken...). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"
#include "log.h"
#include "params.h"
#include "reader.h"
#include "server.h"

#define EXIT_RUNTIME 5
#define EXIT_USAGE 2
#define EXIT_NO_INDEX 3

#define DEFAULT_LISTEN "127.0.0.1:8080"
#define DEFAULT_THREADS 2

struct options {
    const char *db;
    struct params_listen listen;
    unsigned long threads;
};

static void
usage(FILE *out)
{
    fprintf(out, "usage: khabar-searchd --db DIR [--listen HOST:PORT] "
            "[--threads N]\n");
}

/* If ARGV[*I] is option NAME ("--name VALUE" or "--name=VALUE"), sets
 * *VALUE, steps *I past it and returns 1; returns 0 when it is another
 * option, -1 (logged) when NAME lacks its value. */
static int
option_value(int argc, char **argv, int *i, const char *name,
             const char **value)
{
    const char *arg = argv[*i];
    size_t len = strlen(name);

    if (strncmp(arg, name, len) != 0)
        return 0;
    if (arg[len] == '=') {
        *value = arg + len + 1;
        return 1;
    }
    if (arg[len] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        log_error("%s needs a value", name);
        return -1;
    }
    *value = argv[++*i];
    return 1;
}

/* Checks the text of one option and stores it in OPTS; 0 or -1 (logged). */
static int
set_option(struct options *opts, const char *name, const char *value)
{
    if (strcmp(name, "--db") == 0) {
        if (*value == '\0') {
            log_error("--db needs a directory");
            return -1;
        }
        opts->db = value;
    } else if (strcmp(name, "--listen") == 0) {
        if (params_parse_listen(value, &opts->listen) != 0) {
            log_error("--listen must be IPV4:PORT or [IPV6]:PORT with a "
                      "literal address and a port from 0 to 65535, such as "
                      DEFAULT_LISTEN);
            return -1;
        }
    } else if (params_parse_uint(value, 1, SERVER_MAX_THREADS,
                                 &opts->threads) != 0) {
        log_error("--threads must be an integer from 1 to %d",
                  SERVER_MAX_THREADS);
        return -1;
    }
    return 0;
}

/* Parses the command line into OPTS; 0, or -1 after saying what is
 * wrong. */
static int
parse_options(int argc, char **argv, struct options *opts)
{
    static const char *const names[] = { "--db", "--listen", "--threads" };
    int i;

    for (i = 1; i < argc; i++) {
        const char *value = NULL;
        size_t n;
        int found = 0;

        for (n = 0; n < sizeof(names) / sizeof(names[0]) && !found; n++) {
            found = option_value(argc, argv, &i, names[n], &value);
            if (found < 0)
                return -1;
        }
        if (!found) {
            log_error("unknown option or argument '%s'", argv[i]);
            return -1;
        }
        if (set_option(opts, names[n - 1], value) != 0)
            return -1;
    }
    if (opts->db == NULL) {
        log_error("--db DIR is required");
        return -1;
    }
    return 0;
}

/* Opens the index once, read-only, so that a wrong --db fails at start
 * rather than on the first request; 0 or -1 (logged). */
static int
check_index(const char *db)
{
    khabar_index_t *index = NULL;
    char *message = NULL;
    khabar_status_t status;

    status = khabar_index_open(db, KHABAR_INDEX_READ_ONLY, &index, &message);
    if (status != KHABAR_STATUS_SUCCESS) {
        log_error("%s: %s", db, message != NULL ? message :
                  khabar_status_to_string(status));
        free(message);
        return -1;
    }
    khabar_index_close(index);
    return 0;
}

/* Blocks SIGINT and SIGTERM in this thread and so in every worker thread
 * created after it: they then wait in sigwait(), with no handler running
 * in the middle of a request.  SIGPIPE is ignored so that a client hanging
 * up can never kill the server.  0 or -1 (logged). */
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
        sigaddset(set, SIGTERM) != 0) {
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

/* Serves until SIGINT or SIGTERM; returns the exit status. */
static int
serve(const struct options *opts)
{
    struct MHD_Daemon *daemon = NULL;
    sigset_t set;
    int sig, status = EXIT_RUNTIME;

    if (block_signals(&set) != 0 || reader_init(opts->db) != 0)
        return EXIT_RUNTIME;
    daemon = server_start(&opts->listen, (unsigned)opts->threads);
    if (daemon == NULL) {
        log_error("cannot start the HTTP server");
        goto fail;
    }
    if (announce(&opts->listen, server_port(daemon)) != 0)
        goto fail;
    if (sigwait(&set, &sig) != 0) {
        log_error("sigwait failed");
        goto fail;
    }
    status = EXIT_SUCCESS;
fail:
    server_stop(daemon);
    reader_fini();
    return status;
}

int
main(int argc, char **argv)
{
    struct options opts;

    memset(&opts, 0, sizeof(opts));
    opts.threads = DEFAULT_THREADS;
    if (params_parse_listen(DEFAULT_LISTEN, &opts.listen) != 0)
        return EXIT_RUNTIME;
    if (parse_options(argc, argv, &opts) != 0) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (check_index(opts.db) != 0)
        return EXIT_NO_INDEX;
    return serve(&opts);
}
