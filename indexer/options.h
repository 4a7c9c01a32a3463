/* options.h - khabar-index's command line. */
#ifndef KHABAR_OPTIONS_H
#define KHABAR_OPTIONS_H

#include <stdio.h>

#include "reader.h"

typedef enum {
    ACTION_INDEX,       /* read the inputs into the index */
    ACTION_CHECK,       /* --check: Xapian's consistency check */
    ACTION_STATS,       /* --stats */
    ACTION_EXTRACT      /* --extract: print the articles, no index */
} action_t;

typedef struct {
    action_t action;
    const char *db;
    reader_options_t reader;
    char **inputs;
    int n_inputs;
    unsigned long batch;        /* --batch N */
    unsigned wait_seconds;      /* --wait SECONDS */
    int rebuild;                /* --rebuild */
    int delete_missing;         /* --delete-missing */
    int quiet;                  /* --quiet: errors only */
    int json;                   /* --json: the summary as JSON */
    const char *rejects;        /* --rejects FILE; NULL: none */
    /* --shard I/N: only the articles of shard I of N (shard.h); a
     * SHARD_COUNT of 0 is every article. */
    unsigned shard_index, shard_count;
    unsigned shards;            /* --shards N; 0: not given */
    int no_progress;            /* a child of --shards: no progress line */
    /* --threads N: 1 reads and writes in one thread; 2 or more prepare
     * articles in one thread while another writes them (pipeline.h). */
    unsigned threads;
    /* --memory SIZE in bytes: what the run may hold, Xapian's buffers and
     * the queue between the threads included. */
    unsigned long long memory;
    int no_compact;             /* --no-compact */
} options_t;

#define DEFAULT_BATCH 10000
#define DEFAULT_MEMORY (1ULL << 30)
#define MIN_MEMORY (64ULL << 20)
#define MAX_THREADS 64

/* Fills O from the command line.  0, 1 when --help was asked for (usage
 * printed), -1 on a usage error (reported). */
int options_parse(int argc, char **argv, options_t *o);

void options_usage(FILE *to);

#endif
