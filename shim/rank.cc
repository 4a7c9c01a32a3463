/* rank.cc - orders other than relevance alone: by date, and relevance
 * with a preference for recent articles (docs/QUERY.md, Ranking). */
#include <cmath>
#include <cstdio>

#include "search_internal.h"

void
_khabar_set_sort(Xapian::Enquire &enquire, khabar_sort_t sort)
{
    if (sort != KHABAR_SORT_NEWEST && sort != KHABAR_SORT_OLDEST) {
        enquire.set_sort_by_relevance();
        return;
    }
    /* Articles without a date go last either way: newest first sorts the
     * dates descending, where "" is least; oldest first gives them a key
     * after every real date.  Relevance orders articles of one day. */
    bool newest = sort == KHABAR_SORT_NEWEST;
    /* A fresh key maker per query: Xapian keeps a pointer to it, and a
     * shared static would be shared between searchd's threads. */
    Xapian::MultiValueKeyMaker *key = new Xapian::MultiValueKeyMaker();
    key->add_value(KHABAR_SLOT_DATE, newest, newest ? "" : "99999999");
    enquire.set_sort_by_key_then_relevance(key->release(), false);
}

/* Days from 1970-01-01 to the YYYYMMDD date VALUE (Howard Hinnant's
 * days_from_civil); false when VALUE is not 8 digits. */
static bool
day_number(const std::string &value, long *out)
{
    if (value.size() != 8 ||
        value.find_first_not_of("0123456789") != std::string::npos)
        return false;
    long y = std::stol(value.substr(0, 4)), m = std::stol(value.substr(4, 2)),
         d = std::stol(value.substr(6, 2));
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *out = era * 146097 + doe - 719468;
    return true;
}

namespace {

/* Weight WEIGHT * 2^(-age / HALF_LIFE) for every dated article, age in
 * days before REFERENCE (the newest date in the index).  A value posting
 * source walks only the documents with a date. */
class recency_source : public Xapian::ValuePostingSource {
    long reference;
    double half_life, weight;

  public:
    recency_source(long ref, double h, double w)
        : Xapian::ValuePostingSource(KHABAR_SLOT_DATE), reference(ref),
          half_life(h), weight(w)
    {
    }

    void init(const Xapian::Database &db) override
    {
        Xapian::ValuePostingSource::init(db);
        set_maxweight(weight);
    }

    double get_weight() const override
    {
        long day;
        if (!day_number(get_value(), &day))
            return 0;
        double age = day > reference ? 0 : (double) (reference - day);
        return weight * std::exp2(-age / half_life);
    }

    recency_source *clone() const override
    {
        return new recency_source(reference, half_life, weight);
    }

    std::string name() const override { return "khabar.recency"; }

    std::string get_description() const override
    {
        char buf[96];
        snprintf(buf, sizeof buf, "recency(half-life %g days, weight %g)",
                 half_life, weight);
        return buf;
    }
};

} /* namespace */

Xapian::Query
_khabar_add_recency(const Xapian::Database &db, const Xapian::Query &query,
                    double half_life, double weight)
{
    long reference;
    if (!day_number(db.get_value_upper_bound(KHABAR_SLOT_DATE), &reference))
        return query;   /* no article has a date */
    Xapian::Query boost((new recency_source(reference, half_life, weight))
                            ->release());
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, boost);
}
