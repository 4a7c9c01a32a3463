/* export.cc - every match of a query, in batches, from one revision.
 *
 * The export opens a database of its own on the index's path and never
 * reopens it, so every batch comes from the revision the first one read,
 * whatever is committed meanwhile.  Xapian keeps an old revision readable
 * until the second commit after it; an export still running then gets
 * KHABAR_STATUS_MODIFIED and must stop: it never switches revisions. */
#include "explore.h"

/* Articles read per get_mset(): big enough that the per-call cost of
 * matching is spread thin, small enough to hold in memory. */
#define EXPORT_BATCH 1000

struct khabar_export {
    std::unique_ptr<Xapian::Database> db;
    std::unique_ptr<Xapian::Enquire> enquire;
    _khabar_hitlist batch;
    size_t next = 0;                /* in batch */
    Xapian::doccount offset = 0;    /* of the next batch */
    bool done = false;
    unsigned long total = 0;
    unsigned long revision = 0;
    std::string message;
};

/* Reads the next batch into E; the first one also counts every match. */
static void
read_batch(khabar_export_t *e)
{
    Xapian::doccount all = e->db->get_doccount();
    Xapian::MSet mset = e->enquire->get_mset(e->offset, EXPORT_BATCH,
                                             e->offset == 0 ? all : 0);
    if (e->offset == 0)
        e->total = mset.get_matches_estimated();
    e->batch.clear();
    e->next = 0;
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
        e->batch.add(it.get_document(), it.get_weight());
    e->offset += mset.size();
    if (mset.size() < EXPORT_BATCH)
        e->done = true;
}

/* Sets up E's enquire for QUERY in ORDER. */
static void
prepare(khabar_export_t *e, const khabar_index_t *index,
        const Xapian::Query &query, khabar_export_order_t order)
{
    e->enquire.reset(new Xapian::Enquire(*e->db));
    e->enquire->set_query(query);
    if (order != KHABAR_EXPORT_RANK) {
        bool newest = order == KHABAR_EXPORT_NEWEST;
        e->enquire->set_weighting_scheme(Xapian::BoolWeight());
        /* Undated articles last both ways: "" is the least value, so
         * oldest first needs a key maker giving them one after every
         * date; but Xapian's remote protocol takes no key maker, and
         * over remote shards they come first (docs/SCALING.md). */
        if (newest || index->remote) {
            e->enquire->set_sort_by_value(KHABAR_SLOT_DATE, newest);
        } else {
            Xapian::MultiValueKeyMaker *key = new Xapian::MultiValueKeyMaker();
            key->add_value(KHABAR_SLOT_DATE, false, "\xff");
            e->enquire->set_sort_by_key(key->release(), false);
        }
    }
}

khabar_status_t
khabar_export_open(khabar_index_t *index, const char *query,
                   khabar_export_order_t order, khabar_export_t **out)
{
    if (!index || !out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    index->message.clear();
    try {
        if (!query)
            return _khabar_fail(index, KHABAR_STATUS_INVALID_ARGUMENT,
                                "no query given");
        if (order != KHABAR_EXPORT_RANK && order != KHABAR_EXPORT_OLDEST &&
            order != KHABAR_EXPORT_NEWEST)
            return _khabar_fail(index, KHABAR_STATUS_INVALID_ARGUMENT,
                                "unknown export order");
        std::unique_ptr<khabar_export_t> e(new khabar_export_t());
        e->db = _khabar_open_again(index, &e->revision);
        Xapian::Query parsed;
        std::string why;
        if (!_khabar_user_query(*e->db, query, parsed, why))
            return _khabar_fail(index, KHABAR_STATUS_QUERY_SYNTAX, why);
        prepare(e.get(), index, parsed, order);
        if (parsed.empty())
            e->done = true;
        else
            read_batch(e.get());
        *out = e.release();
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

khabar_status_t
khabar_export_next(khabar_export_t *e, const khabar_hit_t **hit)
{
    if (!e || !hit)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    *hit = NULL;
    e->message.clear();
    try {
        if (e->next == e->batch.hits.size() && !e->done)
            read_batch(e);
        if (e->next < e->batch.hits.size())
            *hit = &e->batch.hits[e->next++];
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        e->done = true;
        return _khabar_status_from_exception(std::string(), e->message);
    }
}

unsigned long
khabar_export_total(const khabar_export_t *e)
{
    return e ? e->total : 0;
}

unsigned long
khabar_export_revision(const khabar_export_t *e)
{
    return e ? e->revision : 0;
}

const char *
khabar_export_message(const khabar_export_t *e)
{
    return e ? e->message.c_str() : "no export handle";
}

void
khabar_export_free(khabar_export_t *e)
{
    delete e;
}
