/* query_bench.c - khabar-query-bench: the queries of bench/http.sh run
 * in-process through the shim, to set beside what the same queries cost
 * over HTTP (docs/BENCHMARKS.md, "HTTP queries").
 *
 *   khabar-query-bench --db DIR [--snippets] [--facets] [--seconds S]
 *                      [--slowest N] FILE
 *
 * FILE has one query a line (the text of q).  Each is run with
 * khabar_search_ex() and the options khabar-searchd gives a plain
 * /search?q=... (10 hits, near-duplicates collapsed, spelling on), with
 * snippets only with --snippets (searchd: fields= without snippet) and
 * facets only with --facets (searchd: facets=none), and every member of
 * every hit is read.  After one untimed pass over FILE (as the server gets
 * a warm-up), the queries are run in order, round and round, for S seconds
 * (default 10) on this one thread, and one line is printed:
 *
 *   RESULT queries=N seconds=S qps=Q p50=US p95=US p99=US max=US errors=E
 *
 * with the time of each call in microseconds.  --slowest N then lists the
 * N queries whose fastest run was slowest, with that time: the least a
 * query costs is what it costs itself, its longer runs were also waiting
 * for the CPU.  Exit status: 0 measured,
 * 1 FILE cannot be read or holds no query, 2 bad usage, 3 the index
 * cannot be opened. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "khabar.h"

static const char *program = "khabar-query-bench";
/* Where the hits' checksum goes, so the reads cannot be left out. */
volatile size_t checksum;

struct options {
    const char *db, *file;
    int snippets, facets;
    double seconds;
    long slowest;
};

static void
usage(void)
{
    fprintf(stderr, "usage: %s --db DIR [--snippets] [--facets] "
            "[--seconds S] [--slowest N] FILE\n", program);
    exit(2);
}

static void
parse_args(int argc, char **argv, struct options *o)
{
    int i;
    char *end;

    o->seconds = 10;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            o->db = argv[++i];
        else if (strcmp(argv[i], "--snippets") == 0)
            o->snippets = 1;
        else if (strcmp(argv[i], "--facets") == 0)
            o->facets = 1;
        else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
            o->seconds = strtod(argv[++i], &end);
            if (*end != '\0' || !(o->seconds > 0 && o->seconds <= 3600)) {
                fprintf(stderr, "%s: --seconds: must be a number in "
                        "(0, 3600]\n", program);
                exit(2);
            }
        } else if (strcmp(argv[i], "--slowest") == 0 && i + 1 < argc) {
            o->slowest = strtol(argv[++i], &end, 10);
            if (*end != '\0' || o->slowest < 1 || o->slowest > 1000000) {
                fprintf(stderr, "%s: --slowest: must be an integer in "
                        "1..1000000\n", program);
                exit(2);
            }
        } else if (argv[i][0] == '-' || o->file != NULL)
            usage();
        else
            o->file = argv[i];
    }
    if (o->db == NULL || o->file == NULL)
        usage();
}

static void
out_of_memory(void)
{
    fprintf(stderr, "%s: out of memory\n", program);
    exit(1);
}

static void *
xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (p == NULL)
        out_of_memory();
    return p;
}

/* The non-empty lines of PATH, without their newlines, in *OUT; how many
 * (0 when there are none, after saying why). */
static size_t
read_queries(const char *path, char ***out)
{
    FILE *f = fopen(path, "r");
    char *line = NULL, **list = NULL;
    size_t cap = 0, n = 0;
    ssize_t len;

    *out = NULL;
    if (f == NULL) {
        fprintf(stderr, "%s: %s: %s\n", program, path, strerror(errno));
        return 0;
    }
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        if (len == 0)
            continue;
        list = xrealloc(list, (n + 1) * sizeof(*list));
        list[n] = strdup(line);
        if (list[n++] == NULL)
            out_of_memory();
    }
    free(line);
    fclose(f);
    if (n == 0)
        fprintf(stderr, "%s: %s: no queries\n", program, path);
    *out = list;
    return n;
}

static void
free_queries(char **queries, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(queries[i]);
    free(queries);
}

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Reads every member of every hit, as searchd's JSON writing does, so
 * that nothing the shim makes lazily goes unpaid.  Returns a checksum
 * only to keep the reads from being optimised away. */
static size_t
read_hits(const khabar_results_t *results)
{
    size_t i, sum = 0, n = khabar_results_size(results);

    for (i = 0; i < n; i++) {
        const khabar_hit_t *hit = khabar_results_hit(results, i);

        sum += strlen(hit->id) + strlen(hit->title) + strlen(hit->url) +
               strlen(hit->date) + strlen(hit->source) + strlen(hit->lang) +
               strlen(hit->snippet) + hit->n_entities + hit->duplicates;
    }
    return sum + khabar_results_total(results);
}

/* Runs QUERY once; its time in microseconds, or -1 when it failed. */
static double
run_one(khabar_index_t *index, const char *query,
        const khabar_search_options_t *options, size_t *sum)
{
    khabar_results_t *results = NULL;
    double start = now();
    khabar_status_t status = khabar_search_ex(index, query, options, &results);

    if (status != KHABAR_STATUS_SUCCESS) {
        fprintf(stderr, "%s: %s: %s\n", program, query,
                khabar_index_message(index));
        return -1;
    }
    *sum += read_hits(results);
    khabar_results_free(results);
    return (now() - start) * 1e6;
}

static int
compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* The shortest time of each query, and which query it is. */
struct worst {
    double time;
    size_t query;
};

static int
compare_worst(const void *a, const void *b)
{
    const struct worst *x = a, *y = b;

    return (x->time < y->time) - (x->time > y->time);
}

/* Prints the N of the NQ queries whose shortest time was longest. */
static void
print_slowest(struct worst *worst, size_t nq, long n, char **queries)
{
    size_t i;

    qsort(worst, nq, sizeof(*worst), compare_worst);
    for (i = 0; i < nq && i < (size_t)n; i++)
        printf("SLOW %.0f %s\n", worst[i].time, queries[worst[i].query]);
}

/* The P-th percentile of the N sorted values in V (nearest rank); 0
 * when there are none. */
static double
percentile(const double *v, size_t n, double p)
{
    size_t k = (size_t)(p / 100 * n + 0.5);

    if (n == 0)
        return 0;
    return v[k == 0 ? 0 : (k > n ? n : k) - 1];
}

int
main(int argc, char **argv)
{
    struct options o = { 0 };
    khabar_search_options_t s = { 0 };
    khabar_index_t *index = NULL;
    char *message = NULL, **queries;
    double *times = NULL, start, elapsed, t;
    struct worst *worst;
    size_t n, i, done = 0, cap = 0, errors = 0, sum = 0;

    parse_args(argc, argv, &o);
    n = read_queries(o.file, &queries);
    if (n == 0) {
        free(queries);
        return 1;
    }
    worst = calloc(n, sizeof(*worst));
    if (worst == NULL)
        out_of_memory();
    for (i = 0; i < n; i++)
        worst[i].query = i;
    if (khabar_index_open(o.db, KHABAR_INDEX_READ_ONLY, &index, &message) !=
        KHABAR_STATUS_SUCCESS) {
        fprintf(stderr, "%s: %s\n", program, message ? message : o.db);
        free(message);
        free_queries(queries, n);
        free(worst);
        return 3;
    }
    /* What route_search.c gives a /search?q=... with no other parameter. */
    s.size = 10;
    s.collapse = 1;
    s.suggest = 1;
    s.no_snippets = !o.snippets;
    s.facets = o.facets;
    s.facet_size = KHABAR_FACET_SIZE_DEFAULT;
    s.empty_matches_all = o.facets;
    for (i = 0; i < n; i++)
        if (run_one(index, queries[i], &s, &sum) < 0)
            errors++;
    start = now();
    for (i = 0; (elapsed = now() - start) < o.seconds; i = (i + 1) % n) {
        if (done == cap)
            times = xrealloc(times, (cap = cap ? 2 * cap : 4096) *
                                    sizeof(*times));
        if ((t = run_one(index, queries[i], &s, &sum)) < 0)
            errors++;
        else
            times[done++] = t;
        if (t >= 0 && (worst[i].time == 0 || t < worst[i].time))
            worst[i].time = t;
    }
    qsort(times, done, sizeof(*times), compare);
    printf("RESULT queries=%zu seconds=%.3f qps=%.1f p50=%.0f p95=%.0f "
           "p99=%.0f max=%.0f errors=%zu\n", done, elapsed, done / elapsed,
           percentile(times, done, 50), percentile(times, done, 95),
           percentile(times, done, 99), percentile(times, done, 100),
           errors);
    if (o.slowest > 0)
        print_slowest(worst, n, o.slowest, queries);
    khabar_index_close(index);
    free_queries(queries, n);
    free(worst);
    free(times);
    checksum = sum;
    return 0;
}
