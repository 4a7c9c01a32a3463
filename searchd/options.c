/* options.c - khabar-searchd's command line; see options.h. */
#include "options.h"

#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "log.h"
#include "params.h"
#include "respond.h"

static const char *const names[] = {
    "--db", "--listen", "--threads", "--max-connections", "--timeout",
    "--log", "--cors", "--token-file", "--token-for", "--remote-timeout",
    "--total-bound",
};

void
options_usage(FILE *out)
{
    fprintf(out, "usage: khabar-searchd --db DIR|tcp://HOST:PORT [--db ...] "
            "[--remote-timeout SECONDS]\n"
            "                      [--listen HOST:PORT] [--threads N]\n"
            "                      [--max-connections N] "
            "[--timeout SECONDS] [--log FILE]\n"
            "                      [--cors ORIGIN] [--token-file FILE "
            "[--token-for all|ROUTE,...]]\n"
            "                      [--total-bound N]\n");
}

/* One thread per online core, within 1..SERVER_MAX_THREADS. */
static unsigned
default_threads(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);

    if (cores < 1)
        return 1;
    return cores > SERVER_MAX_THREADS ? SERVER_MAX_THREADS : (unsigned)cores;
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

/* Parses VALUE as an integer from MIN to MAX into *OUT; 0 or -1 (logged,
 * naming option NAME). */
static int
set_uint(const char *name, const char *value, unsigned long min,
         unsigned long max, unsigned *out)
{
    unsigned long n;

    if (params_parse_uint(value, min, max, &n) != 0) {
        log_error("%s must be an integer from %lu to %lu", name, min, max);
        return -1;
    }
    *out = (unsigned)n;
    return 0;
}

/* Checks a text option and stores it; 0 or -1 (logged). */
static int
set_text(struct options *opts, const char *name, const char *value)
{
    if (*value == '\0') {
        log_error("%s must not be empty", name);
        return -1;
    }
    if (strcmp(name, "--db") == 0) {
        if (opts->n_dbs == KHABAR_SHARDS_MAX) {
            log_error("--db: at most %d indexes", KHABAR_SHARDS_MAX);
            return -1;
        }
        opts->dbs[opts->n_dbs++] = value;
        opts->db = opts->dbs[0];
    } else if (strcmp(name, "--log") == 0) {
        opts->log = value;
    } else if (strcmp(name, "--token-file") == 0) {
        opts->token_file = value;
    } else if (strcmp(name, "--token-for") == 0) {
        if (!auth_scope_valid(value))
            return -1;
        opts->token_for = value;
    } else if (!respond_valid_origin(value)) {
        log_error("--cors must be '*' or an origin such as "
                  "https://news.example.org");
        return -1;
    } else {
        opts->cors = value;
    }
    return 0;
}

/* Checks the text of one option and stores it in OPTS; 0 or -1 (logged). */
static int
set_option(struct options *opts, const char *name, const char *value)
{
    struct server_config *s = &opts->server;

    if (strcmp(name, "--listen") == 0) {
        if (params_parse_listen(value, &s->listen) == 0)
            return 0;
        log_error("--listen must be IPV4:PORT or [IPV6]:PORT with a "
                  "literal address and a port from 0 to 65535, such as "
                  OPTIONS_DEFAULT_LISTEN);
        return -1;
    }
    if (strcmp(name, "--threads") == 0)
        return set_uint(name, value, 1, SERVER_MAX_THREADS, &s->threads);
    if (strcmp(name, "--max-connections") == 0)
        return set_uint(name, value, 1, SERVER_MAX_CONNECTIONS,
                        &s->max_connections);
    if (strcmp(name, "--timeout") == 0)
        return set_uint(name, value, 1, SERVER_MAX_TIMEOUT, &s->timeout);
    if (strcmp(name, "--remote-timeout") == 0)
        return set_uint(name, value, 1, OPTIONS_MAX_REMOTE_TIMEOUT,
                        &opts->remote_timeout);
    if (strcmp(name, "--total-bound") == 0)
        return set_uint(name, value, 0, OPTIONS_MAX_TOTAL_BOUND,
                        &opts->total_bound);
    return set_text(opts, name, value);
}

/* The defaults, before the command line. */
static int
set_defaults(struct options *opts)
{
    memset(opts, 0, sizeof(*opts));
    opts->server.threads = default_threads();
    opts->server.max_connections = OPTIONS_DEFAULT_MAX_CONNECTIONS;
    opts->server.timeout = OPTIONS_DEFAULT_TIMEOUT;
    opts->remote_timeout = OPTIONS_DEFAULT_REMOTE_TIMEOUT;
    return params_parse_listen(OPTIONS_DEFAULT_LISTEN, &opts->server.listen);
}

int
options_parse(int argc, char **argv, struct options *opts)
{
    int i;

    if (set_defaults(opts) != 0)
        return -1;
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
        log_error("--db DIR (or tcp://HOST:PORT) is required");
        return -1;
    }
    if (opts->token_for != NULL && opts->token_file == NULL) {
        log_error("--token-for needs --token-file FILE");
        return -1;
    }
    return 0;
}
