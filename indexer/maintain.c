/* maintain.c - --check, --stats and --delete-missing. */
#define _XOPEN_SOURCE 700 /* realpath() */
#include "maintain.h"
#include "report.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* As in main.c: 2 is a fatal error (docs/OPERATIONS.md). */
enum { EXIT_OK = 0, EXIT_INDEX_FAILED = 2 };

int maintain_check(const char *db)
{
    unsigned long errors = 0;
    char *report = NULL;
    khabar_status_t status = khabar_index_check(db, &errors, &report);

    if (status != KHABAR_STATUS_SUCCESS) {
        report_error(NULL, 0, "%s", report ? report : khabar_status_to_string(status));
        free(report);
        return EXIT_INDEX_FAILED;
    }
    if (errors && report)
        fputs(report, stderr);
    free(report);
    if (errors) {
        report_error(NULL, 0, "index %s: %lu errors found", db, errors);
        return EXIT_INDEX_FAILED;
    }
    printf("khabar-index: index %s: no errors found\n", db);
    return EXIT_OK;
}

static void print_stats(const char *db, const khabar_stats_t *s, int json)
{
    if (json) {
        json_t *o = json_pack(
            "{s:s,s:I,s:I,s:I,s:I,s:I,s:s,s:s}", "index", db,
            "articles", (json_int_t)s->articles, "revision",
            (json_int_t)s->revision, "sources", (json_int_t)s->sources,
            "generation", (json_int_t)s->generation, "bytes",
            (json_int_t)s->bytes, "first_date", s->first_date, "last_date",
            s->last_date);
        if (o && json_dumpf(o, stdout, JSON_COMPACT) == 0)
            putchar('\n');
        json_decref(o);
        return;
    }
    printf("index       %s\n"
           "articles    %lu\n"
           "revision    %lu\n"
           "sources     %lu\n"
           "generation  %lu\n"
           "bytes       %llu\n"
           "dates       %s .. %s\n",
           db, s->articles, s->revision, s->sources, s->generation, s->bytes,
           *s->first_date ? s->first_date : "-",
           *s->last_date ? s->last_date : "-");
}

int maintain_stats(const char *db, int json)
{
    khabar_index_t *index;
    khabar_stats_t stats;
    char *message = NULL;
    khabar_status_t status =
        khabar_index_open(db, KHABAR_INDEX_READ_ONLY, &index, &message);

    if (status != KHABAR_STATUS_SUCCESS) {
        report_error(NULL, 0, "%s", message ? message : khabar_status_to_string(status));
        free(message);
        return EXIT_INDEX_FAILED;
    }
    status = khabar_index_stats(index, &stats);
    if (status != KHABAR_STATUS_SUCCESS) {
        report_error(NULL, 0, "%s", khabar_index_message(index));
        khabar_index_close(index);
        return EXIT_INDEX_FAILED;
    }
    print_stats(db, &stats, json);
    khabar_index_close(index);
    return EXIT_OK;
}

/* The origins below a directory whose file is gone. */
typedef struct {
    char **items;
    size_t count, cap;
    int failed;
} gone_t;

static int collect_gone(const char *origin, void *ctx)
{
    gone_t *gone = ctx;
    struct stat st;

    if (stat(origin, &st) == 0 || errno != ENOENT)
        return 0;
    if (gone->count == gone->cap) {
        size_t cap = gone->cap ? 2 * gone->cap : 64;
        char **items = realloc(gone->items, cap * sizeof *items);
        if (!items) {
            gone->failed = 1;
            return 1;
        }
        gone->items = items;
        gone->cap = cap;
    }
    if (!(gone->items[gone->count] = strdup(origin))) {
        gone->failed = 1;
        return 1;
    }
    gone->count++;
    return 0;
}

static void gone_free(gone_t *gone)
{
    for (size_t i = 0; i < gone->count; i++)
        free(gone->items[i]);
    free(gone->items);
}

/* Deletes the articles of every origin in GONE. */
static int delete_gone(sink_t *sink, const gone_t *gone)
{
    for (size_t i = 0; i < gone->count; i++) {
        unsigned long n = 0;
        if (khabar_index_delete_origin(sink->index, gone->items[i], &n) !=
            KHABAR_STATUS_SUCCESS) {
            sink->fatal = KHABAR_STATUS_IO_ERROR;
            report_error(gone->items[i], 0, "%s",
                         khabar_index_message(sink->index));
            return -1;
        }
        sink->deleted += n;
    }
    return 0;
}

int maintain_delete_missing(sink_t *sink, const char *dir)
{
    char *real = realpath(dir, NULL), *prefix;
    gone_t gone = {0};
    int rc = -1;

    /* A directory that is itself gone is not taken to mean "delete
     * everything": that is more likely a mount missing than an archive
     * emptied. */
    if (!real)
        return 0;
    prefix = malloc(strlen(real) + 2);
    if (prefix) {
        sprintf(prefix, "%s/", strcmp(real, "/") == 0 ? "" : real);
        /* The walk only reads; deleting comes after, outside it. */
        if (khabar_index_origins(sink->index, prefix, collect_gone, &gone) ==
                KHABAR_STATUS_SUCCESS && !gone.failed)
            rc = delete_gone(sink, &gone);
        else
            report_error(dir, 0, "%s", gone.failed ? "out of memory"
                                       : khabar_index_message(sink->index));
    }
    gone_free(&gone);
    free(prefix);
    free(real);
    return rc;
}
