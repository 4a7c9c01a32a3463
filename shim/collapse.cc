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
#include <algorithm>
#include <cstring>

#include "revision_table.h"
#include "scratch.h"
#include "search_internal.h"

#define BANDS (KHABAR_MINHASH_NEAR + 1)
/* The widest band, in bits: the band values index a table directly. */
#define BAND_BITS (4 * ((KHABAR_MINHASH_NIBBLES + BANDS - 1) / BANDS))
/* Every match is walked when there are at most this many, so that the
 * count of distinct stories is exact for all but broad queries. */
#define COLLAPSE_WALK_MIN 1000
/* Never more than this many, whatever the page: a query whose hits are
 * almost all duplicates of each other must not walk a million hits. */
#define COLLAPSE_WALK_MAX 200000
/* The first ranking walked holds this many times the hits of the page,
 * and no more than COLLAPSE_FIRST_MOST unless twice the page is more
 * (_khabar_collapse() says why). */
#define COLLAPSE_FIRST_TIMES 8
#define COLLAPSE_FIRST_MOST 1000

/* The hash of every document of a revision, by document id, read in one
 * pass over the slot's value stream: looking each hit's value up through
 * its document instead costs a B-tree search and the inflating of a
 * value chunk per hit, most of the time of a query that walks 1,000. */
struct _khabar_minhashes {
    /* What it was read from; shared by the handles at that revision
     * (revision_table.h). */
    _khabar_revision_key key;
    std::vector<uint64_t> hash;
    std::vector<bool> has;
};

namespace {

struct kept {
    uint64_t hash;
    _khabar_collapsed_hit hit;
};

/* A walker's HEAD table, all -1 while in the pool (scratch.h). */
struct band_heads {
    std::vector<int32_t> v;
    band_heads() : v((size_t) BANDS << BAND_BITS, -1) {}
};

/* The kept hits and, for each band value, a chain of the kept hits that
 * have it: HEAD[band * 2^BAND_BITS + value] is the last link, NEXT[link]
 * the one before, a link being kept hit * BANDS + band; -1 ends a
 * chain.  HEAD is a table lent for the walk, all -1 between walks: filling
 * 112 KiB for every query costs more than the walk of a small one, so
 * only the slots used are reset, at the end. */
struct walker {
    std::vector<kept> hits;
    _khabar_lent<band_heads> heads;
    std::vector<int32_t> &head, next;

    walker() : head(heads->v) {}
    walker(const walker &) = delete;
    walker &operator=(const walker &) = delete;
    ~walker()
    {
        for (size_t k = 0; k < hits.size(); k++)
            for (int b = 0; b < BANDS; b++)
                head[slot(hits[k].hash, b)] = -1;
    }

    static size_t slot(uint64_t hash, int b)
    {
        int lo = 4 * (b * KHABAR_MINHASH_NIBBLES / BANDS),
            hi = 4 * ((b + 1) * KHABAR_MINHASH_NIBBLES / BANDS);
        return ((size_t) b << BAND_BITS) |
               (size_t) ((hash >> lo) & ((UINT64_C(1) << (hi - lo)) - 1));
    }

    /* The first kept hit HASH is a near-duplicate of, or -1. */
    long duplicate_of(uint64_t hash) const
    {
        long best = -1;
        for (int b = 0; b < BANDS; b++)
            for (int32_t link = head[slot(hash, b)]; link >= 0;
                 link = next[(size_t) link]) {
                long k = link / BANDS;
                if ((best < 0 || k < best) &&
                    _khabar_minhash_distance(hits[(size_t) k].hash, hash) <=
                        KHABAR_MINHASH_NEAR)
                    best = k;
            }
        return best;
    }

    /* Hit INDEX of the ranking, with HASH when HAS_HASH. */
    void add(Xapian::doccount index, bool has_hash, uint64_t hash)
    {
        if (has_hash) {
            long k = duplicate_of(hash);
            if (k >= 0) {
                hits[(size_t) k].hit.duplicates++;
                return;
            }
        }
        /* The room first, then the links, which cannot throw: HEAD, lent
         * to the next walk, must never point at a hit not in HITS (the
         * destructor puts back to -1 the slots of those in it).  A hit
         * without a hash is never matched: its links point nowhere. */
        size_t base = next.size();
        next.resize(base + BANDS, -1);
        hits.push_back({ hash, { index, 0 } });
        if (!has_hash)
            return;
        for (int b = 0; b < BANDS; b++) {
            size_t s = slot(hash, b);
            next[base + (size_t) b] = head[s];
            head[s] = (int32_t) (base + (size_t) b);
        }
    }
};

/* The hash of hit I of MSET, from TABLE when there is one. */
bool
hash_of(const Xapian::MSet &mset, Xapian::doccount i,
        const _khabar_minhashes *table, uint64_t *hash)
{
    if (!table) {
        std::string value =
            mset[i].get_document().get_value(KHABAR_SLOT_MINHASH);
        return _khabar_minhash_parse(value, hash);
    }
    Xapian::docid id = *mset[i];
    if (id >= table->has.size() || !table->has[id])
        return false;
    *hash = table->hash[id];
    return true;
}

} /* namespace */

/* The MinHash table of DB, which is at KEY. */
static std::shared_ptr<const _khabar_minhashes>
read_minhashes(const Xapian::Database &db, const _khabar_revision_key &key)
{
    auto t = std::make_shared<_khabar_minhashes>();
    t->key = key;
    t->hash.assign((size_t) key.last + 1, 0);
    t->has.assign((size_t) key.last + 1, false);
    for (Xapian::ValueIterator it = db.valuestream_begin(KHABAR_SLOT_MINHASH);
         it != db.valuestream_end(KHABAR_SLOT_MINHASH); ++it) {
        Xapian::docid id = it.get_docid();
        uint64_t hash;
        if (id <= key.last && _khabar_minhash_parse(*it, &hash)) {
            t->hash[id] = hash;
            t->has[id] = true;
        }
    }
    return t;
}

const _khabar_minhashes *
_khabar_minhashes_of(khabar_index_t *index)
{
    /* A writer's documents change without a new revision; a remote
     * shard streams no values. */
    if (index->mode != KHABAR_INDEX_READ_ONLY || index->remote)
        return NULL;
    const Xapian::Database &db = *index->db;
    return _khabar_table_in(index->minhashes, _khabar_revision_key_of(index),
                            [&db](const _khabar_revision_key &k) {
                                return read_minhashes(db, k);
                            });
}

/* The first ranking to walk: every match when there are at most
 * WALK_ALL (so that the count of stories is exact), else the hits the
 * page needs, TIMES over.  How many there are, Xapian's statistics bound;
 * past WALK_ALL, COUNT says when it is known or can be walked: a query's
 * total is counted anyway, and a ranking of every match costs less than
 * a ranking made to check 1,001 and a second of every match
 * (docs/BENCHMARKS.md, "Where a Reuters query's time goes"). */
static Xapian::doccount
first_batch(Xapian::Enquire &enquire, _khabar_match_count *count,
            Xapian::doccount need, Xapian::doccount walk_all,
            Xapian::doccount times)
{
    Xapian::doccount upper;
    if (count && count->known()) {
        upper = count->get();
    } else {
        /* Statistics only: no document is looked at. */
        Xapian::MSet stats = enquire.get_mset(0, 0, 0u);
        upper = stats.get_matches_upper_bound();
        /* Exact already for one word, or every article. */
        if (count && stats.get_matches_lower_bound() == upper)
            count->set(upper);
    }
    if (upper > walk_all && walk_all > 0 && count && count->known_cheaply())
        upper = count->get();
    if (upper <= walk_all)
        return upper > times * need ? upper : times * need;
    return times * need;
}

void
_khabar_collapse(Xapian::Enquire &enquire, _khabar_match_count *count,
                 Xapian::doccount check_at_least,
                 const _khabar_minhashes *table, bool remote, unsigned offset,
                 unsigned size, Xapian::MSet *mset, _khabar_collapsed &out)
{
    Xapian::doccount need = (Xapian::doccount) offset + size;
    /* A remote shard sends each hit's document in a round trip of its
     * own (Xapian 1.4 fetches them one by one): walking up to 1,000 of
     * them cost 300 ms at the 95th percentile over loopback
     * (docs/SCALING.md), so over remote shards only what the page needs
     * is walked, and the count of stories is a lower bound. */
    Xapian::doccount walk_all = remote ? 0 : COLLAPSE_WALK_MIN;
    /* Each ranking is a match of its own, which costs the same for 20 hits
     * or 80 (what costs is visiting the matches), and a wire story is in
     * an archive many times over: at a million articles, three queries in
     * four needed a second ranking when the first was of twice the page
     * (docs/BENCHMARKS.md, "Facets at a million").  With the hashes in a
     * table the first is of eight times the page, up to 1,000 hits (a
     * deep page's ranking is big enough already); without (a writer, remote
     * shards, where each hit's document is a read or a round trip), of
     * twice. */
    Xapian::doccount times = 2;
    if (table && !remote && need > 0 && need < COLLAPSE_FIRST_MOST / 2)
        times = std::min<Xapian::doccount>(COLLAPSE_FIRST_TIMES,
                                           COLLAPSE_FIRST_MOST / need);
    Xapian::doccount batch =
        first_batch(enquire, count, need, walk_all, times);
    /* Whether there are more than COLLAPSE_WALK_MIN matches (if not,
     * every one of them is walked): COUNT's when first_batch() made it
     * known; else enough matches checked to know. */
    bool counted = walk_all > 0 && count && count->known();
    Xapian::doccount check = check_at_least > COLLAPSE_WALK_MIN
                                 ? check_at_least : COLLAPSE_WALK_MIN + 1;
    if (counted)
        check = 0;
    for (;;) {
        if (batch > COLLAPSE_WALK_MAX)
            batch = COLLAPSE_WALK_MAX;
        *mset = enquire.get_mset(0, batch, check);
        Xapian::doccount lower = mset->get_matches_lower_bound(),
                         upper = mset->get_matches_upper_bound();
        /* Xapian's bounds need not meet even when the ranking held
         * every match (a ranking of exactly as many as there are, or
         * sorted by date): the count makes them exact. */
        if (lower != upper && counted)
            lower = upper = count->get();
        if (lower == upper && upper <= walk_all &&
            mset->size() < upper && batch < upper) {
            /* A small query after all: walk all of it. */
            batch = upper;
            continue;
        }
        walker w;
        for (Xapian::doccount i = 0; i < mset->size(); i++) {
            uint64_t hash = 0;
            bool has_hash = hash_of(*mset, i, table, &hash);
            w.add(i, has_hash, hash);
        }
        bool all_seen = lower == upper && mset->size() >= upper;
        if (w.hits.size() >= need || all_seen || batch >= COLLAPSE_WALK_MAX ||
            batch >= upper) {
            out.unique = w.hits.size();
            out.unique_exact = all_seen;
            for (size_t i = offset; i < w.hits.size() && i < need; i++)
                out.hits.push_back(w.hits[i].hit);
            return;
        }
        batch = upper < batch * 4 ? upper : batch * 4;
    }
}
