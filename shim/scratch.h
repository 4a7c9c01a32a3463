/* scratch.h - working space that a search borrows for as long as it runs.
 *
 * Some searches need room that costs more to make than to use: counters
 * for every name of the facet table, the ids of a million matches, the
 * collapse's table of bands, the stemmers' memos.  Each kind is kept in
 * a pool shared by all threads and lent to one search at a time, so that
 * a process holds as many of each as it runs searches at once, not one
 * per thread that ever searched: khabar-searchd serves each connection on
 * a thread of its own. */
#ifndef KHABAR_SCRATCH_H
#define KHABAR_SCRATCH_H

#include <memory>
#include <mutex>
#include <new>
#include <vector>

/* A T lent from the pool of Ts until this is destroyed: one left by an
 * earlier search when there is one, else a new T(). */
template <class T>
class _khabar_lent {
  public:
    _khabar_lent() : item_(take()) {}
    ~_khabar_lent() { give_back(std::move(item_)); }
    _khabar_lent(const _khabar_lent &) = delete;
    _khabar_lent &operator=(const _khabar_lent &) = delete;

    T &operator*() const { return *item_; }
    T *operator->() const { return item_.get(); }

  private:
    struct pool {
        std::mutex lock;
        std::vector<std::unique_ptr<T>> free;
    };

    /* Never destroyed: a search still running as the process exits
     * must not find its pool gone. */
    static pool &shared()
    {
        static pool *p = new pool;
        return *p;
    }

    static std::unique_ptr<T> take()
    {
        pool &p = shared();
        {
            std::lock_guard<std::mutex> hold(p.lock);
            if (!p.free.empty()) {
                std::unique_ptr<T> item = std::move(p.free.back());
                p.free.pop_back();
                return item;
            }
        }
        return std::unique_ptr<T>(new T());
    }

    /* Out of memory for the pool's list, the T is freed instead: the
     * next search makes a new one. */
    static void give_back(std::unique_ptr<T> item) noexcept
    {
        pool &p = shared();
        std::lock_guard<std::mutex> hold(p.lock);
        try {
            p.free.push_back(std::move(item));
        } catch (const std::bad_alloc &) {
        }
    }

    std::unique_ptr<T> item_;
};

#endif /* KHABAR_SCRATCH_H */
