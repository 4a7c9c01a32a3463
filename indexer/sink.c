/* sink.c - handing articles on, counting what happened. */
#include "sink.h"
#include "pipeline.h"
#include "rejects.h"

#include <stdlib.h>

/* Rejects a record of this run's own: past the shard filter. */
static void reject_own(sink_t *sink, const where_t *at, const char *why)
{
    /* The writer thread rejects too (pipeline.c). */
    pipeline_lock(sink->pipeline);
    report_error_at(at, "%s", why);
    sink->rejected++;
    /* A failed write to the rejects file is said once, not per record. */
    if (sink->rejects &&
        rejects_write(sink->rejects, at, why) < 0) {
        report_error(NULL, 0, "cannot write to the --rejects file");
        sink->rejects = NULL;
    }
    pipeline_unlock(sink->pipeline);
}

void sink_reject_at(sink_t *sink, const where_t *at, const char *why)
{
    /* Every --shards process reads the whole input: a record rejected
     * before it has an id and a shard is the first shard's to report,
     * or it would be said, counted and written N times. */
    if (sink->shard_count && sink->shard_index != 0)
        return;
    reject_own(sink, at, why);
}

void sink_reject(sink_t *sink, const char *file, unsigned long line,
                 const char *why)
{
    where_t at = {file, line, -1, NULL, 0, 0};
    sink_reject_at(sink, &at, why);
}

void sink_skip(sink_t *sink)
{
    sink->skipped++;
}

int sink_commit(sink_t *sink)
{
    khabar_status_t status;

    if (sink->put)
        return 0;
    status = khabar_index_commit(sink->index);
    if (status == KHABAR_STATUS_SUCCESS) {
        sink->pending = 0;
        sink->pending_bytes = 0;
        return 0;
    }
    sink->fatal = status;
    report_error(NULL, 0, "%s", khabar_index_message(sink->index));
    return -1;
}

/* Whether STATUS is about this one article rather than the index. */
static int article_fault(khabar_status_t status)
{
    return status == KHABAR_STATUS_INVALID_ARGUMENT;
}

void sink_free_entities(sink_t *sink)
{
    entity_list_free(sink->entity_list);
    free(sink->entity_views);
    sink->entity_list = NULL;
    sink->entity_views = NULL;
    sink->entity_views_cap = 0;
}

static khabar_entity_kind_t kind_of(entity_kind_t kind)
{
    return kind == ENTITY_PERSON ? KHABAR_ENTITY_PERSON
         : kind == ENTITY_PLACE  ? KHABAR_ENTITY_PLACE
                                 : KHABAR_ENTITY_ORG;
}

/* Runs the extractor over A's title and body and points VIEW's entities
 * at the result, which stays valid until the next article.  0, or -1
 * when out of memory. */
static int extract_entities(sink_t *sink, const article_t *a,
                            khabar_article_t *view)
{
    size_t i, n;

    if (!sink->entity_list && !(sink->entity_list = entity_list_new()))
        return -1;
    if (entities_extract(sink->gazetteer, a->title, a->body,
                         sink->entity_list) < 0)
        return -1;
    n = entity_list_count(sink->entity_list);
    if (n > sink->entity_views_cap) {
        khabar_entity_t *grown = realloc(sink->entity_views, n * sizeof *grown);
        if (!grown)
            return -1;
        sink->entity_views = grown;
        sink->entity_views_cap = n;
    }
    for (i = 0; i < n; i++) {
        const entity_t *e = entity_list_get(sink->entity_list, i);
        sink->entity_views[i].kind = kind_of(e->kind);
        sink->entity_views[i].name = e->name;
        sink->entity_views[i].country = e->country;
        sink->entity_views[i].salient = e->salient;
    }
    view->entities = n ? sink->entity_views : NULL;
    view->n_entities = n;
    return 0;
}

/* Whether the changes since the last commit fill a batch, by count
 * (--batch) or by their estimated memory (--memory). */
static int batch_full(const sink_t *sink)
{
    return (sink->batch && sink->pending >= sink->batch) ||
           (sink->pending_limit && sink->pending_bytes >= sink->pending_limit);
}

int sink_store(sink_t *sink, khabar_prepared_t *prepared, const where_t *at)
{
    khabar_upsert_result_t result;
    size_t bytes = khabar_prepared_bytes(prepared);
    khabar_status_t status =
        khabar_index_upsert_prepared(sink->index, prepared, &result);

    khabar_prepared_free(prepared);
    if (status == KHABAR_STATUS_SUCCESS) {
        if (result == KHABAR_UPSERT_ADDED)
            sink->added++;
        else if (result == KHABAR_UPSERT_UPDATED)
            sink->updated++;
        else
            sink->unchanged++;
        if (result == KHABAR_UPSERT_UNCHANGED)
            return 0;
        sink->pending++;
        sink->pending_bytes += bytes;
        return batch_full(sink) ? sink_commit(sink) : 0;
    }
    if (article_fault(status)) {
        reject_own(sink, at, khabar_index_message(sink->index));
        return 0;
    }
    sink->fatal = status;
    report_error_at(at, "%s", khabar_index_message(sink->index));
    return -1;
}

static int out_of_memory(sink_t *sink, const where_t *at)
{
    sink->fatal = KHABAR_STATUS_OUT_OF_MEMORY;
    report_error_at(at, "out of memory");
    return -1;
}

/* Prepares A (entities, document) here, and stores it here or has the
 * writer thread store it.  An article the index cannot take is rejected
 * here, in the order of the input. */
static int index_put(sink_t *sink, article_t *a, const where_t *at)
{
    khabar_article_t view = article_view(a);
    khabar_prepared_t *prepared;
    const char *problem;

    if (!a->entities_given && sink->gazetteer &&
        extract_entities(sink, a, &view) < 0)
        return out_of_memory(sink, at);
    /* Without a writer thread the index itself says what is stored. */
    if (khabar_prepare(sink->pipeline ? sink->peek : sink->index, &view,
                       &prepared) != KHABAR_STATUS_SUCCESS)
        return out_of_memory(sink, at);
    if ((problem = khabar_prepared_problem(prepared))) {
        reject_own(sink, at, problem);
        khabar_prepared_free(prepared);
        return 0;
    }
    if (sink->pipeline)
        return pipeline_put(sink->pipeline, prepared, a->id, at);
    return sink_store(sink, prepared, at);
}

int sink_put(sink_t *sink, article_t *a, const where_t *at)
{
    if (article_ensure_id(a) < 0) {
        sink->fatal = KHABAR_STATUS_OUT_OF_MEMORY;
        report_error_at(at, "out of memory");
        return -1;
    }
    if (sink->shard_count &&
        khabar_shard_of(a->id, sink->shard_count) != sink->shard_index) {
        sink->other_shards++;
        return 0;
    }
    return sink->put ? sink->put(sink, a, at) : index_put(sink, a, at);
}
