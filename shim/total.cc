/* total.cc - how many articles a search matched.
 *
 * Khabar's counts are exact, never sampled: by default every match is
 * counted.  The ranked pass need not count them, though: it stops early
 * when the best hits are known, and counting every match there would make
 * Xapian weigh every one.  So the total is Xapian's when the ranking saw
 * every match (a single word, a small query), and otherwise comes from a
 * second, unweighted pass that only counts.  An operator may bound that
 * cost (searchd --total-bound): then a query with more matches than the
 * bound keeps Xapian's estimate, with its bounds, marked as not exact. */
#include "search_internal.h"

_khabar_total
_khabar_total_of(Xapian::Database &db, const Xapian::Query &query,
                 const Xapian::MSet &mset, unsigned long bound)
{
    _khabar_total total;
    total.lower = mset.get_matches_lower_bound();
    total.upper = mset.get_matches_upper_bound();
    total.value = mset.get_matches_estimated();
    if (total.lower == total.upper)
        return total;
    if (bound > 0) {
        total.exact = false;
        return total;
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    /* check_at_least of every document: every match is counted, so the
     * estimate is the exact count. */
    Xapian::doccount all = db.get_doccount();
    total.value = enquire.get_mset(0, 0, all).get_matches_estimated();
    total.lower = total.upper = total.value;
    return total;
}
