/* main.c - khabar-index: lock the index, read the inputs into it, commit,
 * and say what happened in one line.
 *
 * Exit codes (docs/OPERATIONS.md): 0 every input indexed; 1 some input was
 * rejected (the rest is indexed and committed); 2 usage error; 3 the index
 * could not be opened or written (for --extract: standard output could not
 * be written); 4 another khabar-index holds the index. */
#include "extract_out.h"
#include "lock.h"
#include "maintain.h"
#include "options.h"
#include "pipeline.h"
#include "progress.h"
#include "reader.h"
#include "report.h"
#include "shard.h"
#include "sink.h"
#include "walk.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The exit codes of docs/OPERATIONS.md. A usage error and a fatal one
 * (the index cannot be opened or written, the output cannot be written)
 * share 2: either way the run did nothing useful and a person must look.
 * A lock held by another writer gets its own 4 because it is the one
 * failure that cures itself: cron can simply retry later. */
enum {
    EXIT_ALL_INDEXED = 0,
    EXIT_SOME_REJECTED = 1,
    EXIT_USAGE = 2,
    EXIT_INDEX_FAILED = 2,
    EXIT_INDEX_LOCKED = 4
};

/* The files to read, found before reading so progress knows the total. */
typedef struct {
    char **paths;
    size_t count, cap;
    unsigned long long bytes;
    sink_t *sink;
} plan_t;

static int plan_add(const char *file, void *ctx)
{
    plan_t *plan = ctx;
    struct stat st;

    if (plan->count == plan->cap) {
        size_t cap = plan->cap ? 2 * plan->cap : 64;
        char **paths = realloc(plan->paths, cap * sizeof *paths);
        if (!paths)
            return -1;
        plan->paths = paths;
        plan->cap = cap;
    }
    if (!(plan->paths[plan->count] = strdup(file)))
        return -1;
    plan->count++;
    if (stat(file, &st) == 0 && S_ISREG(st.st_mode))
        plan->bytes += (unsigned long long)st.st_size;
    return 0;
}

static void plan_error(const char *path, const char *msg, void *ctx)
{
    plan_t *plan = ctx;
    sink_reject(plan->sink, path, 0, msg);
}

static void plan_free(plan_t *plan)
{
    for (size_t i = 0; i < plan->count; i++)
        free(plan->paths[i]);
    free(plan->paths);
}

static int make_plan(const options_t *o, plan_t *plan)
{
    for (int i = 0; i < o->n_inputs; i++)
        if (walk_inputs(o->inputs[i], plan_add, plan_error, plan) != 0) {
            report_error(NULL, 0, "out of memory");
            return -1;
        }
    return 0;
}

static int exit_for(khabar_status_t status)
{
    return status == KHABAR_STATUS_LOCKED ? EXIT_INDEX_LOCKED
                                          : EXIT_INDEX_FAILED;
}

/* Opens the index for writing, or a new generation of it for --rebuild. */
static int open_index(const options_t *o, sink_t *sink)
{
    char *message = NULL;
    khabar_status_t status =
        o->rebuild ? khabar_index_rebuild_open(o->db, &sink->index, &message)
                   : khabar_index_open(o->db, KHABAR_INDEX_READ_WRITE,
                                       &sink->index, &message);

    if (status == KHABAR_STATUS_SUCCESS)
        return EXIT_ALL_INDEXED;
    report_error(NULL, 0, "%s",
                 message ? message : khabar_status_to_string(status));
    free(message);
    return exit_for(status);
}

/* Reads every planned file, then removes what --delete-missing finds
 * gone.  0, or -1 when the index failed. */
static int read_all(const options_t *o, const plan_t *plan, sink_t *sink,
                    progress_t *progress)
{
    struct stat st;

    for (size_t i = 0; i < plan->count; i++) {
        if (reader_read_file(plan->paths[i], &o->reader, sink) < 0)
            return -1;
        progress_file_done(progress, stat(plan->paths[i], &st) == 0
                                         ? (unsigned long long)st.st_size
                                         : 0);
    }
    /* What is still queued goes in before anything is deleted. */
    if (pipeline_stop(sink) < 0)
        return -1;
    for (int i = 0; o->delete_missing && i < o->n_inputs; i++)
        if (stat(o->inputs[i], &st) == 0 && S_ISDIR(st.st_mode) &&
            maintain_delete_missing(sink, o->inputs[i]) < 0)
            return -1;
    return 0;
}

/* What the compaction after a full build did; DONE is 0 when there was
 * none. */
typedef struct {
    int done;
    unsigned long long before, after;
} compaction_t;

/* A full build written by several writer threads, each into a part index
 * (pipeline.h); N is 0 when the run has one writer. */
typedef struct {
    khabar_index_t **parts;
    unsigned n;
} parts_t;

/* Merges the parts of a full build into the new generation, which is its
 * compaction, or throws them away when the run FAILED; frees the index
 * handle.  0, or -1 (reported). */
static int finish_parts(const options_t *o, sink_t *sink, parts_t *parts,
                        int failed, unsigned long *revision, compaction_t *c)
{
    char *message = NULL;
    khabar_status_t status;

    *revision = 0;
    if (failed) {
        khabar_index_parts_abandon(parts->parts, parts->n);
        if (o->rebuild)
            khabar_index_rebuild_abandon(sink->index);
        else
            khabar_index_close(sink->index);
        return -1;
    }
    status = khabar_index_parts_merge(sink->index, parts->parts, parts->n,
                                      &c->before, &c->after, revision,
                                      &message);
    if (status != KHABAR_STATUS_SUCCESS) {
        report_error(o->db, 0, "cannot merge the parts of the index: %s",
                     message ? message : khabar_status_to_string(status));
        free(message);
        return -1;
    }
    c->done = 1;
    return 0;
}

/* Makes the run durable: a commit, or publishing the rebuilt generation.
 * Frees the index handle.  0, or -1 (reported). */
static int finish_index(const options_t *o, sink_t *sink, int failed,
                        unsigned long *revision)
{
    char *message = NULL;
    khabar_status_t status;

    *revision = 0;
    if (o->rebuild && failed) {
        khabar_index_rebuild_abandon(sink->index);
        return -1;
    }
    if (!failed && sink_commit(sink) < 0)
        failed = 1;
    khabar_index_revision(sink->index, revision);
    if (o->rebuild) {
        status = khabar_index_rebuild_publish(sink->index, &message);
        if (status != KHABAR_STATUS_SUCCESS)
            report_error(NULL, 0, "%s", message ? message : "cannot publish");
        free(message);
        return status == KHABAR_STATUS_SUCCESS && !failed ? 0 : -1;
    }
    status = khabar_index_close(sink->index);
    if (status != KHABAR_STATUS_SUCCESS)
        report_error(o->db, 0, "%s", khabar_status_to_string(status));
    return status == KHABAR_STATUS_SUCCESS && !failed ? 0 : -1;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) +
           (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void print_summary(const options_t *o, const sink_t *s,
                          const plan_t *plan, unsigned long revision,
                          double seconds, const compaction_t *c)
{
    char shard[32] = "", label[48] = "";

    if (o->quiet)
        return;
    if (o->shard_count) {
        snprintf(shard, sizeof shard, "%u/%u", o->shard_index, o->shard_count);
        snprintf(label, sizeof label, "shard %s: ", shard);
    }
    if (!o->json) {
        printf("khabar-index: %s%lu added, %lu updated, %lu unchanged, "
               "%lu deleted, %lu skipped, %lu rejected in %.2f s "
               "(revision %lu)\n", label, s->added, s->updated,
               s->unchanged, s->deleted, s->skipped, s->rejected, seconds,
               revision);
        /* A line of its own: scripts read the first as it always was. */
        if (c->done)
            printf("khabar-index: %scompacted %.1f MB to %.1f MB\n", label,
                   (double)c->before / 1e6, (double)c->after / 1e6);
        return;
    }
    json_t *j = json_pack(
        "{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:f,s:I,s:b}", "added",
        (json_int_t)s->added, "updated", (json_int_t)s->updated, "unchanged",
        (json_int_t)s->unchanged, "deleted", (json_int_t)s->deleted,
        "skipped", (json_int_t)s->skipped, "rejected",
        (json_int_t)s->rejected, "files", (json_int_t)plan->count, "bytes",
        (json_int_t)plan->bytes, "seconds", seconds, "revision",
        (json_int_t)revision, "rebuilt", o->rebuild);
    if (j && *shard)
        json_object_set_new(j, "shard", json_pack("{s:s,s:I}", "part", shard,
                            "other_shards", (json_int_t)s->other_shards));
    if (j && s->writer_cpu > 0)
        json_object_set_new(j, "threads", json_pack("{s:f,s:f}",
                            "reader_cpu_seconds", s->reader_cpu,
                            "writer_cpu_seconds", s->writer_cpu));
    if (j && c->done)
        json_object_set_new(j, "compacted", json_pack("{s:I,s:I}",
                            "before_bytes", (json_int_t)c->before,
                            "after_bytes", (json_int_t)c->after));
    if (j && json_dumpf(j, stdout, JSON_COMPACT) == 0)
        putchar('\n');
    json_decref(j);
}

/* --extract's summary goes to standard error: standard output is the
 * articles. */
static void print_extract_summary(const options_t *o, const sink_t *s,
                                  const plan_t *plan, double seconds)
{
    if (o->quiet)
        return;
    if (!o->json) {
        fprintf(stderr, "khabar-index: %lu extracted, %lu skipped, "
                "%lu rejected in %.2f s\n",
                s->extracted, s->skipped, s->rejected, seconds);
        return;
    }
    json_t *j = json_pack("{s:I,s:I,s:I,s:I,s:I,s:f}", "extracted",
                          (json_int_t)s->extracted, "skipped",
                          (json_int_t)s->skipped, "rejected",
                          (json_int_t)s->rejected, "files",
                          (json_int_t)plan->count, "bytes",
                          (json_int_t)plan->bytes, "seconds", seconds);
    if (j && json_dumpf(j, stderr, JSON_COMPACT) == 0)
        fputc('\n', stderr);
    json_decref(j);
}

/* Opens the --rejects file for appending: reruns add to it rather than
 * lose what an earlier run rejected.  0, or -1 (reported). */
static int open_rejects(const options_t *o, sink_t *sink)
{
    if (!o->rejects)
        return 0;
    if (!(sink->rejects = fopen(o->rejects, "a"))) {
        report_error(o->rejects, 0, "cannot open the --rejects file: %s",
                     strerror(errno));
        return -1;
    }
    return 0;
}

/* Closes the --rejects file; a failed write makes the run fail, since
 * rejects would be lost. */
static int close_rejects(sink_t *sink, const options_t *o)
{
    if (!sink->rejects)
        return 0;
    if (fclose(sink->rejects) != 0) {
        report_error(o->rejects, 0, "cannot write the --rejects file");
        return -1;
    }
    return 0;
}

static int run_extract(const options_t *o)
{
    sink_t sink = {0};
    plan_t plan = {0};
    progress_t progress;
    struct timespec start;
    int failed;

    clock_gettime(CLOCK_MONOTONIC, &start);
    if (open_rejects(o, &sink) < 0)
        return EXIT_USAGE;
    extract_out_init(&sink, stdout);
    plan.sink = &sink;
    failed = make_plan(o, &plan) < 0;
    progress_start(&progress, 0, (unsigned long)plan.count, plan.bytes);
    failed = failed || read_all(o, &plan, &sink, &progress) < 0;
    failed = fflush(stdout) != 0 || failed;
    failed = close_rejects(&sink, o) < 0 || failed;
    print_extract_summary(o, &sink, &plan, seconds_since(&start));
    plan_free(&plan);
    if (failed)
        return EXIT_INDEX_FAILED;
    return sink.rejected ? EXIT_SOME_REJECTED : EXIT_ALL_INDEXED;
}

/* The entity extractor's data, loaded once per run; NULL (said once)
 * when it cannot be, and articles are then indexed without entities. */
static entity_gazetteer_t *load_gazetteer(void)
{
    char why[256] = "";
    entity_gazetteer_t *gaz = entity_gazetteer_load(NULL, why, sizeof why);

    if (!gaz)
        fprintf(stderr, "khabar-index: entities: %s\n",
                *why ? why : "cannot load the gazetteer");
    return gaz;
}

/* How --memory is shared out.  Xapian holds the postings of every
 * article written since the last commit in memory; the estimate of them
 * (khabar_prepared_bytes()) commits a batch at a quarter of the total,
 * which measured peak RSS keeps well within it (docs/BENCHMARKS.md,
 * Indexing); the queue between the threads gets a sixteenth. */
#define PENDING_SHARE 4
#define QUEUE_SHARE 16

/* After a full build (--rebuild, or the first articles of an index),
 * compacts the index unless --no-compact: a freshly built Xapian index
 * has half-empty blocks.  0, or -1 (reported). */
static int compact_index(const options_t *o, int full_build,
                         unsigned long *revision, compaction_t *c)
{
    char *message = NULL;

    if (!full_build || o->no_compact)
        return 0;
    if (khabar_index_compact(o->db, &c->before, &c->after, &message) !=
        KHABAR_STATUS_SUCCESS) {
        report_error(o->db, 0, "cannot compact the index: %s",
                     message ? message : "unknown error");
        free(message);
        return -1;
    }
    c->done = 1;
    ++*revision;
    return 0;
}

/* Whether the index SINK opened holds no article yet: this run is then
 * a full build, as a --rebuild is. */
static int index_is_empty(const sink_t *sink)
{
    unsigned long count = 1;
    return khabar_index_count(sink->index, &count) == KHABAR_STATUS_SUCCESS &&
           count == 0;
}

/* Whether this run builds in parts: a full build with --threads 2 or
 * more, since one Xapian writer is most of the work (docs/BENCHMARKS.md,
 * Indexing); merging the parts is the compaction a full build ends
 * with, so not with --no-compact.  Standard input, and --delete-missing
 * (which reads the index written), keep one writer. */
static int builds_in_parts(const options_t *o, int full_build)
{
    if (!full_build || o->threads < 2 || o->no_compact || o->delete_missing)
        return 0;
    for (int i = 0; i < o->n_inputs; i++)
        if (strcmp(o->inputs[i], "-") == 0)
            return 0;
    return 1;
}

/* Opens the parts of a full build and their writers, one per --threads.
 * 0, or -1 when they cannot be (reported; the run goes on with one). */
static int start_parts(const options_t *o, sink_t *sink, parts_t *parts)
{
    char *message = NULL;

    if (!(parts->parts = calloc(o->threads, sizeof *parts->parts)))
        return -1;
    if (khabar_index_parts_open(sink->index, o->threads, parts->parts,
                                &message) != KHABAR_STATUS_SUCCESS) {
        report_error(o->db, 0, "cannot open the parts of the index, "
                     "writing with one writer: %s",
                     message ? message : "unknown error");
        free(message);
        free(parts->parts);
        parts->parts = NULL;
        return -1;
    }
    if (pipeline_start_parts(sink, parts->parts, o->threads,
                             (size_t)(o->memory / QUEUE_SHARE)) < 0) {
        khabar_index_parts_abandon(parts->parts, o->threads);
        free(parts->parts);
        parts->parts = NULL;
        return -1;
    }
    parts->n = o->threads;
    return 0;
}

/* With --threads 2 or more: for a full build, writer threads into parts
 * (above); else a read-only handle for the preparing thread (on an index
 * that has articles, so that unchanged ones are not built again) and the
 * writer thread.  Without them the run goes on in one thread. */
static void start_threads(const options_t *o, sink_t *sink, int full_build,
                          parts_t *parts)
{
    if (o->threads < 2)
        return;
    if (builds_in_parts(o, full_build) && start_parts(o, sink, parts) == 0)
        return;
    if (!full_build &&
        khabar_index_open(o->db, KHABAR_INDEX_READ_ONLY, &sink->peek,
                          NULL) != KHABAR_STATUS_SUCCESS)
        sink->peek = NULL;
    pipeline_start(sink, (size_t)(o->memory / QUEUE_SHARE));
}

/* With the lock held, no other writer is building a generation: any but
 * the live one is what a killed run left (a part of a build in parts, a
 * rebuild, a compaction), taking disk until removed.  A failure to remove
 * it is reported and the run goes on. */
static void remove_leftovers(const options_t *o)
{
    char *message = NULL;
    unsigned removed = 0;

    if (khabar_index_remove_leftovers(o->db, &removed, &message) !=
        KHABAR_STATUS_SUCCESS)
        report_error(o->db, 0, "cannot remove what a killed run left: %s",
                     message ? message : "unknown error");
    else if (removed && !o->quiet)
        fprintf(stderr, "khabar-index: %s: removed %u generation%s a killed "
                "run left behind\n", o->db, removed, removed == 1 ? "" : "s");
    free(message);
}

/* Xapian would also flush on its own every XAPIAN_FLUSH_THRESHOLD
 * articles (10,000 unless set): --batch and --memory decide instead,
 * unless the variable is set in the environment. */
static void leave_flushing_to_batches(void)
{
    setenv("XAPIAN_FLUSH_THRESHOLD", "4000000000", 0);
}

static int run_index(const options_t *o)
{
    char err[512];
    sink_t sink = {0};
    plan_t plan = {0};
    progress_t progress;
    struct timespec start;
    unsigned long revision;
    int lock, rc, failed, full_build;
    compaction_t compaction = {0, 0, 0};
    parts_t parts = {NULL, 0};

    clock_gettime(CLOCK_MONOTONIC, &start);
    lock = lock_index(o->db, o->wait_seconds, err, sizeof err);
    if (lock < 0) {
        report_error(NULL, 0, "%s", err);
        return lock == -1 ? EXIT_INDEX_LOCKED : EXIT_INDEX_FAILED;
    }
    if (open_rejects(o, &sink) < 0) {
        unlock_index(lock);
        return EXIT_USAGE;
    }
    remove_leftovers(o);
    leave_flushing_to_batches();
    if ((rc = open_index(o, &sink)) != EXIT_ALL_INDEXED) {
        close_rejects(&sink, o);
        unlock_index(lock);
        return rc;
    }
    sink.batch = o->batch;
    sink.pending_limit = o->memory / PENDING_SHARE;
    sink.shard_index = o->shard_index;
    sink.shard_count = o->shard_count;
    sink.progress = &progress;
    sink.gazetteer = load_gazetteer();
    plan.sink = &sink;
    failed = make_plan(o, &plan) < 0;
    progress_start(&progress,
                   isatty(STDERR_FILENO) && !o->quiet && !o->json &&
                   !o->no_progress,
                   (unsigned long)plan.count, plan.bytes);
    full_build = o->rebuild || index_is_empty(&sink);
    start_threads(o, &sink, full_build, &parts);
    failed = failed || read_all(o, &plan, &sink, &progress) < 0;
    failed = pipeline_stop(&sink) < 0 || failed;
    khabar_index_close(sink.peek);
    progress_finish(&progress);
    if (parts.n) {
        failed = finish_parts(o, &sink, &parts, failed, &revision,
                              &compaction) < 0;
        free(parts.parts);
    } else {
        failed = finish_index(o, &sink, failed, &revision) < 0;
        failed = failed ||
                 compact_index(o, full_build, &revision, &compaction) < 0;
    }
    failed = close_rejects(&sink, o) < 0 || failed;
    unlock_index(lock);
    print_summary(o, &sink, &plan, revision, seconds_since(&start),
                  &compaction);
    plan_free(&plan);
    sink_free_entities(&sink);
    entity_gazetteer_free((entity_gazetteer_t *)sink.gazetteer);
    if (failed)
        return EXIT_INDEX_FAILED;
    return sink.rejected ? EXIT_SOME_REJECTED : EXIT_ALL_INDEXED;
}

int main(int argc, char **argv)
{
    options_t o;
    int rc = options_parse(argc, argv, &o);

    if (rc != 0) {
        options_usage(rc > 0 ? stdout : stderr);
        return rc > 0 ? EXIT_ALL_INDEXED : EXIT_USAGE;
    }
    switch (o.action) {
    case ACTION_CHECK:
        return maintain_check(o.db);
    case ACTION_STATS:
        return maintain_stats(o.db, o.json);
    case ACTION_EXTRACT:
        return run_extract(&o);
    default:
        return o.shards ? shards_run(&o, run_index) : run_index(&o);
    }
}
