/* revision_table.h - one table per index revision, shared by every reader
 * handle of the process that reads that revision.
 *
 * The facet table (facet_table.h) and the MinHash table (collapse.cc) are
 * read from whole value streams: 0.6 s and 21 MB at 100,000 articles.
 * khabar-searchd has a reader handle per worker thread, so a table kept
 * on each handle was read once per thread after every commit and held
 * once per thread.  Here a registry per kind of table keeps a weak
 * reference to the table of each revision; the handles hold the strong
 * ones, so a table is freed when the last handle moves on from its
 * revision or closes.
 *
 * Thread safety, without relying on a race detector: the registry's map
 * is only touched under its mutex.  A table is built outside the mutex
 * by the one thread that first asks for its key, which marks the entry
 * "building"; threads asking for the same key meanwhile wait on the
 * condition variable (their handle is already at that revision, so no
 * older table would do for them) and wake when it is published or its
 * build failed (then one of them builds it).  A published table is never
 * written again: readers share it through const pointers, and the
 * publication under the mutex orders its writes before their reads.
 * shared_ptr's count is atomic, so handles in different threads may drop
 * their references at the same time.  (test_shim_facet_table's two
 * threads also ran clean under -fsanitize=thread, which the suite does
 * not run: make SANITIZE=thread BUILD=build/tsan.) */
#ifndef KHABAR_REVISION_TABLE_H
#define KHABAR_REVISION_TABLE_H

#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "internal.h"

/* What a table is read from: it applies to a handle whose database has
 * the same.  The path tells apart copies of one index (same uuid) that
 * went on separately; the count and last document id are cheap extra
 * checks.  A fresh value per handle and query, so not a member of T. */
struct _khabar_revision_key {
    std::string path, uuid;
    unsigned long revision = 0;
    Xapian::doccount count = 0;
    Xapian::docid last = 0;

    bool operator<(const _khabar_revision_key &o) const
    {
        if (path != o.path)
            return path < o.path;
        if (uuid != o.uuid)
            return uuid < o.uuid;
        if (revision != o.revision)
            return revision < o.revision;
        if (count != o.count)
            return count < o.count;
        return last < o.last;
    }
    bool operator==(const _khabar_revision_key &o) const
    {
        return !(*this < o) && !(o < *this);
    }
};

/* The key of what INDEX (a reader of one local index) reads now. */
_khabar_revision_key _khabar_revision_key_of(const khabar_index_t *index);

/* The tables of kind T (which has a member `_khabar_revision_key key`),
 * one per key, shared. */
template <class T> class _khabar_table_registry {
  public:
    /* The table of KEY: the one some handle holds, else BUILD(KEY)'s,
     * built once however many threads ask at the same time.  Throws what
     * BUILD throws (and a waiting thread then tries itself). */
    template <class Build>
    std::shared_ptr<const T> get(const _khabar_revision_key &key, Build build)
    {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            forget_unused();
            auto it = entries_.find(key);
            if (it == entries_.end())
                break;
            if (std::shared_ptr<const T> t = it->second.table.lock())
                return t;
            /* Not expired (forget_unused() would have erased it): being
             * built by another thread. */
            ready_.wait(lock);
        }
        entries_[key].building = true;
        lock.unlock();
        std::shared_ptr<const T> t;
        try {
            t = build(key);
        } catch (...) {
            lock.lock();
            entries_.erase(key);
            ready_.notify_all();
            throw;
        }
        lock.lock();
        entry &e = entries_[key];
        e.table = t;
        e.building = false;
        ready_.notify_all();
        return t;
    }

    /* How many tables some handle holds, for tests. */
    size_t live()
    {
        std::lock_guard<std::mutex> lock(mutex_);
        forget_unused();
        return entries_.size();
    }

  private:
    struct entry {
        std::weak_ptr<const T> table;
        bool building = false;
    };

    /* Drops the entries of tables no handle holds any more; called under
     * the mutex.  A map of a few live revisions: cheap. */
    void forget_unused()
    {
        for (auto it = entries_.begin(); it != entries_.end();)
            if (!it->second.building && it->second.table.expired())
                it = entries_.erase(it);
            else
                ++it;
    }

    std::mutex mutex_;
    std::condition_variable ready_;
    std::map<_khabar_revision_key, entry> entries_;
};

/* The registry of kind T for the whole process.  Never destroyed: a
 * searchd thread may still be dropping a table while exit() runs the
 * static destructors. */
template <class T> _khabar_table_registry<T> &
_khabar_registry_of()
{
    static _khabar_table_registry<T> *registry = new _khabar_table_registry<T>();
    return *registry;
}

/* The table of KEY for a handle that keeps it in SLOT: the one there when
 * it is of KEY, else the process's (BUILD(KEY)'s when none is yet).  The
 * stale one goes first: a handle never holds two. */
template <class T, class Build>
const T *
_khabar_table_in(std::shared_ptr<const T> &slot, const _khabar_revision_key &key,
                 Build build)
{
    if (slot && slot->key == key)
        return slot.get();
    slot.reset();
    slot = _khabar_registry_of<T>().get(key, build);
    return slot.get();
}

#endif /* KHABAR_REVISION_TABLE_H */
