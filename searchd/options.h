/* options.h - khabar-searchd's command line.
 *
 *   khabar-searchd --db DIR|tcp://HOST:PORT [--db ...]
 *                  [--remote-timeout SECONDS] [--listen HOST:PORT] [--threads N]
 *                  [--max-connections N] [--timeout SECONDS]
 *                  [--log FILE] [--cors ORIGIN]
 *                  [--token-file FILE [--token-for all|ROUTE,...]]
 *                  [--total-bound N]
 *
 * Each option is "--name VALUE" or "--name=VALUE"; docs/OPERATIONS.md says
 * what each means and its default. */
#ifndef KHABAR_SEARCHD_OPTIONS_H
#define KHABAR_SEARCHD_OPTIONS_H

#include <stdio.h>

#include "khabar.h"
#include "server.h"

#define OPTIONS_DEFAULT_LISTEN "127.0.0.1:8080"
#define OPTIONS_DEFAULT_MAX_CONNECTIONS 256
#define OPTIONS_DEFAULT_TIMEOUT 10
/* Seconds a remote shard may take to connect or answer. */
#define OPTIONS_DEFAULT_REMOTE_TIMEOUT 5
#define OPTIONS_MAX_REMOTE_TIMEOUT 600
/* The largest --total-bound: past a billion, counting is what it bounds. */
#define OPTIONS_MAX_TOTAL_BOUND 1000000000

struct options {
    /* Each --db, in order: an index, a directory of shards or a
     * tcp://HOST:PORT that xapian-tcpsrv serves; several are searched as
     * one (docs/SCALING.md).  DB is the first. */
    const char *db;
    const char *dbs[KHABAR_SHARDS_MAX];
    size_t n_dbs;
    unsigned remote_timeout;    /* seconds */
    unsigned total_bound;       /* 0: /search totals always exact */
    const char *log;            /* NULL: standard error */
    const char *cors;           /* NULL: no CORS header */
    const char *token_file;     /* NULL: no token required (auth.h) */
    const char *token_for;      /* NULL: "all"; checked by auth.h */
    struct server_config server;
};

/* Fills OPTS with the defaults (threads: one per online core), then with
 * ARGV; 0, or -1 after saying what is wrong. */
int options_parse(int argc, char **argv, struct options *opts);

/* Prints the usage line on OUT. */
void options_usage(FILE *out);

#endif /* KHABAR_SEARCHD_OPTIONS_H */
