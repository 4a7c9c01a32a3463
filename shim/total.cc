/* total.cc - how many articles a search matched.
 *
 * Khabar's counts are exact, never sampled: by default every match is
 * counted.  The ranked pass need not count them, though: it stops early
 * when the best hits are known, and counting every match there would make
 * Xapian weigh every one.  So the total is Xapian's when the ranking saw
 * every match (a single word, a small query), and otherwise comes from a
 * count made once (_khabar_match_count): by the facets when they are
 * asked for, else by a pass that only counts, before the ranking when
 * the collapse needs to know whether there are over 1,000 (collapse.cc)
 * or after it: a walk of the posting lists when the query has the shape
 * for one (match_walk.cc, about 4 times cheaper than Xapian's matcher
 * asked for every match), else Xapian's matcher without weights.  An
 * operator may bound that cost (searchd --total-bound): then a query with
 * more matches than the bound keeps Xapian's estimate, with its bounds,
 * marked as not exact. */
#include "search_internal.h"
#include "table_probe.h"
#include "term_bitmaps.h"

static thread_local unsigned probe_total_paths;

extern "C" unsigned
_khabar_probe_total_count(void)
{
    return probe_total_paths;
}

/* The number of matches of QUERY in INDEX into *COUNT, by walking them;
 * false when they cannot be walked: over shards or a remote index, whose
 * document ids are not one database's, or a query part only Xapian's
 * matcher runs. */
static bool
walked_count(khabar_index_t *index, const Xapian::Query &query,
             Xapian::doccount *count)
{
    if (index->remote || !index->shards.empty())
        return false;
    std::unique_ptr<_khabar_match_walk> walk =
        _khabar_walk_matches(*index->db, _khabar_term_bitmaps_of(index), query);
    if (!walk)
        return false;
    Xapian::doccount n = 0;
    while (walk->next() != 0)
        n++;
    *count = n;
    return true;
}

_khabar_match_count::_khabar_match_count(khabar_index_t *index,
                                         const Xapian::Query &query)
    : index_(index), query_(query)
{
    probe_total_paths = 0;
}

Xapian::doccount
_khabar_match_count::get()
{
    if (known_)
        return count_;
    probe_total_paths = KHABAR_PROBE_COUNTED;
    if (walked_count(index_, query_, &count_)) {
        probe_total_paths |= KHABAR_PROBE_WALKED;
    } else {
        Xapian::Database &db = *index_->db;
        Xapian::Enquire enquire(db);
        enquire.set_query(query_);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        /* check_at_least of every document: every match is counted, so
         * the estimate is the exact count. */
        count_ = enquire.get_mset(0, 0, db.get_doccount())
                     .get_matches_estimated();
    }
    known_ = true;
    return count_;
}

bool
_khabar_match_count::known_cheaply()
{
    if (!known_ && walked_count(index_, query_, &count_)) {
        probe_total_paths = KHABAR_PROBE_COUNTED | KHABAR_PROBE_WALKED;
        known_ = true;
    }
    return known_;
}

_khabar_total
_khabar_total_of(_khabar_match_count &count, const Xapian::MSet &mset,
                 unsigned long bound)
{
    _khabar_total total;
    total.lower = mset.get_matches_lower_bound();
    total.upper = mset.get_matches_upper_bound();
    total.value = mset.get_matches_estimated();
    if (total.lower == total.upper)
        return total;
    if (bound > 0 && !count.known()) {
        total.exact = false;
        return total;
    }
    total.value = total.lower = total.upper = count.get();
    return total;
}
