/* shard.h - khabar-index --shard I/N and --shards N (docs/SCALING.md). */
#ifndef KHABAR_SHARD_H
#define KHABAR_SHARD_H

#include "options.h"

/* Reads "I/N" (0 <= I < N <= KHABAR_SHARDS_MAX) into *INDEX and *COUNT.
 * 0, or -1 (reported, naming --shard). */
int shard_parse(const char *value, unsigned *index, unsigned *count);

/* --shards N: makes O->db a directory of N shards, then runs RUN once per
 * shard, all at once in child processes, each with --shard I/N into
 * O->db/shard-I, so that the shards are built in parallel.  Returns the
 * worst exit code of the children (4 locked, then 2 failed, then 1 some
 * rejected, else 0). */
int shards_run(const options_t *o, int (*run)(const options_t *o));

#endif
