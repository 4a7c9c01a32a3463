/* shard_queries.c - what searching shards costs: the same queries over
 * one index, over its shards as local paths and over them as tcp://
 * (docs/SCALING.md, "What shards cost").  Built and run by
 * bench/shards.sh:
 *
 *   shard-queries SECONDS QUERIES LOCATION...
 *
 * Opens the LOCATIONs as one index (khabar_index_open_shards()), runs
 * each query of the file QUERIES once untimed, then round and round for
 * SECONDS, each preceded by a reopen as in searchd, with the options of
 * the environment: FACETS=1 for facets, COLLAPSE=1 for near-duplicate
 * collapse.  Prints "n=N p50=MS p95=MS". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "khabar.h"

#define MAX_QUERIES 256
#define MAX_RUNS 200000

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int env_flag(const char *name)
{
    const char *v = getenv(name);
    return v && strcmp(v, "1") == 0;
}

static int read_queries(const char *path, char **queries)
{
    char line[512];
    int n = 0;
    FILE *f = fopen(path, "r");

    if (!f)
        return -1;
    while (n < MAX_QUERIES && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (*line && !(queries[n++] = strdup(line)))
            break;
    }
    fclose(f);
    return n;
}

static int run(khabar_index_t *index, const char *query,
               const khabar_search_options_t *o)
{
    khabar_results_t *results;

    if (khabar_index_reopen(index) != KHABAR_STATUS_SUCCESS ||
        khabar_search_ex(index, query, o, &results) != KHABAR_STATUS_SUCCESS) {
        fprintf(stderr, "shard-queries: %s\n", khabar_index_message(index));
        return -1;
    }
    khabar_results_free(results);
    return 0;
}

int main(int argc, char **argv)
{
    static double times[MAX_RUNS];
    char *queries[MAX_QUERIES], *message = NULL;
    khabar_search_options_t o = {0};
    khabar_index_t *index;
    int nq, n = 0, i;
    double seconds, start, t;

    if (argc < 4) {
        fprintf(stderr, "usage: shard-queries SECONDS QUERIES LOCATION...\n");
        return 2;
    }
    seconds = atof(argv[1]);
    if ((nq = read_queries(argv[2], queries)) <= 0) {
        fprintf(stderr, "shard-queries: %s: no queries\n", argv[2]);
        return 1;
    }
    if (khabar_index_open_shards((const char *const *)argv + 3,
                                 (size_t)(argc - 3), 0, &index, &message) !=
        KHABAR_STATUS_SUCCESS) {
        fprintf(stderr, "shard-queries: %s\n", message ? message : "open");
        return 3;
    }
    o.size = 10;
    o.facets = env_flag("FACETS");
    o.collapse = env_flag("COLLAPSE");
    for (i = 0; i < nq; i++)
        if (run(index, queries[i], &o) < 0)
            return 1;
    start = now();
    while (now() - start < seconds && n < MAX_RUNS) {
        t = now();
        if (run(index, queries[n % nq], &o) < 0)
            return 1;
        times[n++] = now() - t;
    }
    qsort(times, (size_t)n, sizeof times[0], by_value);
    printf("n=%d p50=%.2f p95=%.2f\n", n, times[n / 2] * 1e3,
           times[n * 95 / 100] * 1e3);
    khabar_index_close(index);
    return 0;
}
