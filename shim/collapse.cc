/* collapse.cc - folding near-duplicate hits into the best-ranked copy.
 *
 * Xapian's own collapse (Enquire::set_collapse_key) needs equal keys, and
 * near-duplicates have MinHashes that differ in a few nibbles, so the
 * collapse is done here, over the ranked hits: walking down the ranking,
 * a hit within KHABAR_MINHASH_NEAR nibbles of a hit already kept is
 * counted as its duplicate instead of being shown.  The 16 nibbles are
 * split into KHABAR_MINHASH_NEAR + 1 bands: two hashes that differ in at
 * most that many nibbles agree on a whole band (pigeonhole), so each hit
 * is compared only with the kept hits that share a band with it. */
#include <map>

#include "search_internal.h"

#define BANDS (KHABAR_MINHASH_NEAR + 1)
/* Every match is walked when there are at most this many, so that the
 * count of distinct stories is exact for all but broad queries. */
#define COLLAPSE_WALK_MIN 1000
/* Never more than this many, whatever the page: a query whose hits are
 * almost all duplicates of each other must not walk a million hits. */
#define COLLAPSE_WALK_MAX 200000

namespace {

struct kept {
    uint64_t hash;
    bool has_hash;
    _khabar_collapsed_hit hit;
};

/* The kept hits and, for each band, which kept hits have each value of
 * it. */
struct walker {
    std::vector<kept> hits;
    std::map<std::pair<int, uint64_t>, std::vector<size_t>> buckets;

    static uint64_t band(uint64_t hash, int b)
    {
        int lo = 4 * (b * KHABAR_MINHASH_NIBBLES / BANDS),
            hi = 4 * ((b + 1) * KHABAR_MINHASH_NIBBLES / BANDS);
        return (hash >> lo) & ((UINT64_C(1) << (hi - lo)) - 1);
    }

    /* The first kept hit HASH is a near-duplicate of, or -1. */
    long duplicate_of(uint64_t hash) const
    {
        long best = -1;
        for (int b = 0; b < BANDS; b++) {
            auto it = buckets.find({ b, band(hash, b) });
            if (it == buckets.end())
                continue;
            for (size_t k : it->second)
                if (_khabar_minhash_distance(hits[k].hash, hash) <=
                        KHABAR_MINHASH_NEAR &&
                    (best < 0 || (long) k < best))
                    best = (long) k;
        }
        return best;
    }

    void add(Xapian::doccount index, const std::string &value)
    {
        uint64_t hash = 0;
        bool has_hash = _khabar_minhash_parse(value, &hash);
        if (has_hash) {
            long k = duplicate_of(hash);
            if (k >= 0) {
                hits[(size_t) k].hit.duplicates++;
                return;
            }
            for (int b = 0; b < BANDS; b++)
                buckets[{ b, band(hash, b) }].push_back(hits.size());
        }
        hits.push_back({ hash, has_hash, { index, 0 } });
    }
};

} /* namespace */

void
_khabar_collapse(Xapian::Enquire &enquire, Xapian::doccount check_at_least,
                 unsigned offset, unsigned size, Xapian::MSet *mset,
                 _khabar_collapsed &out)
{
    Xapian::doccount need = (Xapian::doccount) offset + size;
    Xapian::doccount batch = 2 * need > COLLAPSE_WALK_MIN ? 2 * need :
                             COLLAPSE_WALK_MIN;
    for (;;) {
        if (batch > COLLAPSE_WALK_MAX)
            batch = COLLAPSE_WALK_MAX;
        /* Counting every match each time keeps the total exact. */
        *mset = enquire.get_mset(0, batch, check_at_least);
        out.total = mset->get_matches_estimated();
        walker w;
        for (Xapian::doccount i = 0; i < mset->size(); i++)
            w.add(i, (*mset)[i].get_document().get_value(KHABAR_SLOT_MINHASH));
        bool all_seen = mset->size() >= out.total;
        if (w.hits.size() >= need || all_seen || batch >= COLLAPSE_WALK_MAX) {
            out.unique = w.hits.size();
            out.unique_exact = all_seen;
            for (size_t i = offset; i < w.hits.size() && i < need; i++)
                out.hits.push_back(w.hits[i].hit);
            return;
        }
        batch = out.total < batch * 4 ? out.total : batch * 4;
    }
}
