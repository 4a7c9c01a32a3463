/* main.c - khabar-index: options, the walk over the inputs, the summary.
 *
 * Exit codes (docs/OPERATIONS.md): 0 every input indexed; 1 some input was
 * rejected (the rest is indexed and committed); 2 usage error; 3 the index
 * could not be opened or written; 4 another writer holds the index. */
#include "format.h"
#include "reader.h"
#include "report.h"
#include "sink.h"
#include "walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
    EXIT_ALL_INDEXED = 0,
    EXIT_SOME_REJECTED = 1,
    EXIT_USAGE = 2,
    EXIT_INDEX_FAILED = 3,
    EXIT_INDEX_LOCKED = 4
};

typedef struct {
    const char *db;
    reader_options_t reader;
    char **inputs;
    int n_inputs;
} options_t;

static void usage(FILE *to)
{
    fputs("usage: khabar-index --db DIR [--format auto|jsonl|html|text]\n"
          "                    [--source NAME] FILE|DIR|- ...\n"
          "Indexes news articles (JSON Lines, HTML or scraped text pages,\n"
          "any of them gzipped) into the Khabar index DIR.\n",
          to);
}

/* The value of option ARGV[*I], moving *I past it; NULL when missing. */
static const char *option_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        report_error(NULL, 0, "option %s needs a value", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

static int parse_options(int argc, char **argv, options_t *o)
{
    int i;

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *arg = argv[i], *value;
        if (strcmp(arg, "--") == 0) {
            i++;
            break;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            exit(EXIT_ALL_INDEXED);
        } else if (strcmp(arg, "--db") == 0) {
            if (!(o->db = option_value(argc, argv, &i)))
                return -1;
        } else if (strcmp(arg, "--source") == 0) {
            if (!(o->reader.default_source = option_value(argc, argv, &i)))
                return -1;
        } else if (strcmp(arg, "--format") == 0) {
            if (!(value = option_value(argc, argv, &i)))
                return -1;
            int format = format_from_name(value);
            if (format < 0) {
                report_error(NULL, 0, "--format: unknown format '%s' "
                             "(auto, jsonl, html or text)", value);
                return -1;
            }
            o->reader.format = (input_format_t)format;
        } else {
            report_error(NULL, 0, "unknown option %s", arg);
            return -1;
        }
    }
    o->inputs = argv + i;
    o->n_inputs = argc - i;
    if (!o->db || o->n_inputs == 0) {
        report_error(NULL, 0, "%s", !o->db ? "--db DIR is required"
                                           : "no input files given");
        return -1;
    }
    return 0;
}

static int read_one(const char *file, void *ctx)
{
    options_t *o = ((void **)ctx)[0];
    sink_t *sink = ((void **)ctx)[1];
    return reader_read_file(file, &o->reader, sink);
}

static void walk_error(const char *path, const char *msg, void *ctx)
{
    sink_t *sink = ((void **)ctx)[1];
    sink_reject(sink, path, 0, msg);
}

static int open_index(const char *db, sink_t *sink)
{
    char *message = NULL;
    khabar_status_t status =
        khabar_index_open(db, KHABAR_INDEX_READ_WRITE, &sink->index, &message);

    if (status == KHABAR_STATUS_SUCCESS)
        return EXIT_ALL_INDEXED;
    report_error(NULL, 0, "%s",
                 message ? message : khabar_status_to_string(status));
    free(message);
    return status == KHABAR_STATUS_LOCKED ? EXIT_INDEX_LOCKED
                                          : EXIT_INDEX_FAILED;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) +
           (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

int main(int argc, char **argv)
{
    options_t o = {0};
    sink_t sink = {0};
    struct timespec start;
    void *ctx[2] = {&o, &sink};
    int rc = 0;
    khabar_status_t closed;

    clock_gettime(CLOCK_MONOTONIC, &start);
    if (parse_options(argc, argv, &o) < 0) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if ((rc = open_index(o.db, &sink)) != EXIT_ALL_INDEXED)
        return rc;
    for (int i = 0; i < o.n_inputs && rc == 0; i++)
        rc = walk_inputs(o.inputs[i], read_one, walk_error, ctx);
    if (rc == 0 && khabar_index_commit(sink.index) != KHABAR_STATUS_SUCCESS) {
        report_error(o.db, 0, "%s", khabar_index_message(sink.index));
        rc = -1;
    }
    closed = khabar_index_close(sink.index);
    printf("khabar-index: %lu added, %lu updated, %lu unchanged, "
           "%lu rejected in %.2f s\n",
           sink.added, sink.updated, sink.unchanged, sink.rejected,
           seconds_since(&start));
    if (rc != 0 || closed != KHABAR_STATUS_SUCCESS)
        return EXIT_INDEX_FAILED;
    return sink.rejected ? EXIT_SOME_REJECTED : EXIT_ALL_INDEXED;
}
