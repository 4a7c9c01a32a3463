/* sink.h - where articles go: the index (khabar-index) or standard output
 * as JSON Lines (--extract), with a tally for the summary.  Readers call
 * only sink_put(), sink_skip() and sink_reject*(), so they read the same
 * way for both. */
#ifndef KHABAR_SINK_H
#define KHABAR_SINK_H

#include "article.h"
#include "entities.h"
#include "khabar.h"
#include "progress.h"
#include "report.h"

#include <stddef.h>
#include <stdio.h>

typedef struct sink sink_t;

/* Takes one finished article A (with an id) read at AT.  0, or -1 when
 * the sink failed as a whole and reading must stop. */
typedef int (*sink_put_fn)(sink_t *sink, article_t *a, const where_t *at);

struct sink {
    /* NULL: upsert into INDEX (the index sink); else this, e.g.
     * extract_out_put() for --extract. */
    sink_put_fn put;
    FILE *out;                  /* where a non-index sink writes */
    khabar_index_t *index;      /* the index sink's index */
    /* Commit after this many added or updated articles (0: only at the
     * end), so that a killed run loses at most one batch. */
    unsigned long batch;
    unsigned long pending;
    progress_t *progress;       /* may be NULL */
    FILE *rejects;              /* --rejects FILE; may be NULL */
    unsigned long added, updated, unchanged, deleted, skipped, rejected;
    unsigned long extracted;    /* articles a non-index sink took */
    /* --shard I/N: only the articles of shard SHARD_INDEX of SHARD_COUNT
     * are handed on; the others are counted in OTHER_SHARDS.  A
     * SHARD_COUNT of 0 takes every article. */
    unsigned shard_index, shard_count;
    unsigned long other_shards;
    /* Set when the index itself failed: nothing more can be written. */
    khabar_status_t fatal;
    /* Commit also when the changes written since the last commit are
     * estimated to hold this many bytes of memory (0: no such limit):
     * how --memory bounds Xapian's buffers.  PENDING_BYTES is the
     * estimate so far. */
    unsigned long long pending_limit;
    unsigned long long pending_bytes;
    /* --threads 2 or more: the writer thread or threads articles are
     * queued for (pipeline.c); NULL: each is written when it is put. */
    struct pipeline *pipeline;
    /* What the reading thread and the writer threads together used, in
     * CPU seconds, once the pipeline has stopped (0 without one): where
     * the time went. */
    double reader_cpu, writer_cpu;
    /* A read-only handle on the index for the thread that prepares
     * articles, to skip building those stored unchanged; may be NULL. */
    khabar_index_t *peek;
    /* The entity extractor for articles that supply no entities (NULL:
     * none is run), its list (reused for every article) and the views of
     * it handed to the index. */
    const entity_gazetteer_t *gazetteer;
    entity_list_t *entity_list;
    khabar_entity_t *entity_views;
    size_t entity_views_cap;
};

/* Frees what the sink allocated for entities (not the gazetteer). */
void sink_free_entities(sink_t *sink);

/* Gives A an id if it has none and hands it on.  The index sink upserts
 * it; an article the index refuses is counted as rejected and reported.
 * Returns 0, or -1 when the sink failed as a whole (SINK->fatal says how
 * for the index). */
int sink_put(sink_t *sink, article_t *a, const where_t *at);

/* Writes PREPARED (then freed), read at AT, into the index and counts
 * what happened, committing when a batch is full; what index_put() does
 * after preparing, and what the writer thread does with each article it
 * is given.  0, or -1 when the index failed (reported; SINK->fatal). */
int sink_store(sink_t *sink, khabar_prepared_t *prepared, const where_t *at);

/* Commits what is pending (nothing for a non-index sink).  0, or -1 when
 * the commit failed (reported; SINK->fatal says how). */
int sink_commit(sink_t *sink);

/* Counts a record that holds no article and is not meant to (a WARC
 * request, a response that is not HTML): not an error. */
void sink_skip(sink_t *sink);

/* Reports an input that yields no article, and counts it as rejected. */
void sink_reject(sink_t *sink, const char *file, unsigned long line,
                 const char *why);

/* The same, at AT, also writing AT's record to the --rejects file.  In a
 * --shards process other than the first, nothing: every one of them
 * reads the same input, and the first reports it. */
void sink_reject_at(sink_t *sink, const where_t *at, const char *why);

#endif
