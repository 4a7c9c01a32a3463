/* shard.c - khabar-index --shard I/N and --shards N; see shard.h.
 *
 * Every run reads all of its input and keeps the articles whose id hashes
 * to its part (khabar_shard_of(), in sink.c): N machines, or N processes,
 * can each build their shard from the same input, and an article always
 * lands in the same shard, so reruns, --delete-missing and --rebuild work
 * per shard as on one index.  Reading and parsing are repeated per shard;
 * extracting entities and indexing, most of the cost, are not. */
#include "shard.h"
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "khabar.h"

enum { EXIT_FAILED = 2, EXIT_LOCKED = 4 };

int shard_parse(const char *value, unsigned *index, unsigned *count)
{
    unsigned long i, n;
    char *slash, *end;

    if (!value)
        return -1;
    i = strtoul(value, &slash, 10);
    if (slash != value && *slash == '/' && slash[1] >= '0' && slash[1] <= '9') {
        n = strtoul(slash + 1, &end, 10);
        if (*end == '\0' && value[0] >= '0' && value[0] <= '9' && n >= 1 &&
            n <= KHABAR_SHARDS_MAX && i < n) {
            *index = (unsigned)i;
            *count = (unsigned)n;
            return 0;
        }
    }
    report_error(NULL, 0, "--shard: '%s' is not I/N with 0 <= I < N <= %d "
                 "(0/2 and 1/2 are the halves of two shards)", value,
                 KHABAR_SHARDS_MAX);
    return -1;
}

/* How bad exit code RC is, to keep the worst of the children's. */
static int severity(int rc)
{
    return rc == EXIT_LOCKED ? 3 : rc == EXIT_FAILED ? 2 : rc;
}

/* Runs RUN for shard I of O in a child; its pid, or -1 (reported). */
static pid_t start_shard(const options_t *o, unsigned i,
                         int (*run)(const options_t *o))
{
    char path[4096], name[32];
    options_t child = *o;
    pid_t pid;

    snprintf(name, sizeof name, KHABAR_SHARD_NAME, i);
    if (snprintf(path, sizeof path, "%s/%s", o->db, name) >= (int)sizeof path) {
        report_error(o->db, 0, "index path too long");
        return -1;
    }
    /* Nothing buffered may be written twice. */
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0) {
        report_error(NULL, 0, "cannot start shard %u: %s", i, strerror(errno));
        return -1;
    }
    if (pid > 0)
        return pid;
    child.db = path;
    child.shards = 0;
    child.shard_index = i;
    child.shard_count = o->shards;
    /* The N processes run at once: --memory and --threads are for all of
     * them together, as for one run. */
    child.memory = o->memory / o->shards;
    /* Not below what --memory itself accepts: each commit costs a sync. */
    if (child.memory < MIN_MEMORY)
        child.memory = MIN_MEMORY;
    child.threads = o->threads > o->shards ? o->threads / o->shards : 1;
    /* N progress lines on one terminal would garble each other. */
    child.no_progress = 1;
    exit(run(&child));
}

int shards_run(const options_t *o, int (*run)(const options_t *o))
{
    pid_t pids[KHABAR_SHARDS_MAX];
    char *message = NULL;
    unsigned i, started = 0;
    int worst = 0, status, rc;

    if (khabar_shards_prepare(o->db, o->shards, &message) !=
        KHABAR_STATUS_SUCCESS) {
        report_error(NULL, 0, "%s", message ? message : "cannot prepare shards");
        free(message);
        return EXIT_FAILED;
    }
    for (i = 0; i < o->shards; i++) {
        if ((pids[i] = start_shard(o, i, run)) < 0) {
            worst = EXIT_FAILED;
            break;
        }
        started++;
    }
    for (i = 0; i < started; i++) {
        while (waitpid(pids[i], &status, 0) < 0 && errno == EINTR)
            ;
        rc = WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAILED;
        if (severity(rc) > severity(worst))
            worst = rc;
    }
    return worst;
}
