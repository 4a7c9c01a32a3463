/* term_bitmaps.cc - making and keeping the bitmaps of a revision's common
 * terms (term_bitmaps.h). */
#include "term_bitmaps.h"

#include <atomic>

#include "table_probe.h"

/* Tests may turn the bitmaps off, to walk posting lists (table_probe.h). */
static std::atomic<bool> probe_no_bitmaps(false);

extern "C" void
_khabar_probe_term_bitmaps(int use)
{
    probe_no_bitmaps = !use;
}

extern "C" size_t
_khabar_probe_term_bitmap_bytes(const khabar_index_t *index)
{
    const _khabar_term_bitmaps *maps = index ? index->term_bitmaps.get() : NULL;
    if (!maps)
        return 0;
    std::lock_guard<std::mutex> hold(maps->lock);
    return maps->bytes;
}

const _khabar_term_bitmaps *
_khabar_term_bitmaps_of(khabar_index_t *index)
{
    if (index->mode != KHABAR_INDEX_READ_ONLY || index->remote ||
        !index->shards.empty() || probe_no_bitmaps)
        return NULL;
    /* Empty at first: filled as walks ask (_khabar_term_bitmap()). */
    return _khabar_table_in(index->term_bitmaps, _khabar_revision_key_of(index),
                            [](const _khabar_revision_key &k) {
                                auto maps = std::make_shared<_khabar_term_bitmaps>();
                                maps->key = k;
                                return std::shared_ptr<const _khabar_term_bitmaps>(maps);
                            });
}

/* The bitmap of TERM in DB, whose last document id is LAST. */
static std::shared_ptr<const _khabar_bitmap>
make_bitmap(const Xapian::Database &db, const std::string &term,
            Xapian::docid last)
{
    auto bits = std::make_shared<_khabar_bitmap>(last / 64 + 1, 0);
    for (Xapian::PostingIterator it = db.postlist_begin(term);
         it != db.postlist_end(term); ++it) {
        Xapian::docid id = *it;
        if (id <= last)
            (*bits)[id / 64] |= UINT64_C(1) << (id % 64);
    }
    return bits;
}

/* Whether a bitmap of BYTES for TERM is to be made: not when CACHE
 * keeps one (then in *KEPT) or has no room for it (*KEPT NULL). */
static bool
find_or_room(const _khabar_term_bitmaps &cache, const std::string &term,
             size_t bytes, std::shared_ptr<const _khabar_bitmap> &kept)
{
    std::lock_guard<std::mutex> hold(cache.lock);
    auto it = cache.maps.find(term);
    if (it != cache.maps.end()) {
        kept = it->second;
        return false;
    }
    return cache.bytes + bytes <= KHABAR_TERM_BITMAP_BYTES;
}

std::shared_ptr<const _khabar_bitmap>
_khabar_term_bitmap(const _khabar_term_bitmaps &cache,
                    const Xapian::Database &db, const std::string &term,
                    Xapian::doccount has)
{
    Xapian::docid last = cache.key.last;
    if ((uint64_t) has * 32 < (uint64_t) last)
        return nullptr;
    size_t bytes = ((size_t) last / 64 + 1) * sizeof(uint64_t);
    std::shared_ptr<const _khabar_bitmap> kept;
    if (!find_or_room(cache, term, bytes, kept))
        return kept;
    /* Made outside the lock: two threads may both make one, and the
     * first kept is the one used. */
    std::shared_ptr<const _khabar_bitmap> bits = make_bitmap(db, term, last);
    std::lock_guard<std::mutex> hold(cache.lock);
    auto it = cache.maps.find(term);
    if (it != cache.maps.end())
        return it->second;
    if (cache.bytes + bytes <= KHABAR_TERM_BITMAP_BYTES) {
        cache.maps.emplace(term, bits);
        cache.bytes += bytes;
    }
    return bits;
}
