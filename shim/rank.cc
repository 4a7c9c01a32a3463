/* rank.cc - orders other than relevance alone: by date, and relevance
 * with a preference for recent articles (docs/QUERY.md, Ranking). */
#include <cmath>
#include <cstdio>

#include "recency.h"
#include "search_internal.h"

void
_khabar_set_sort(Xapian::Enquire &enquire, khabar_sort_t sort, bool remote)
{
    if (sort != KHABAR_SORT_NEWEST && sort != KHABAR_SORT_OLDEST) {
        enquire.set_sort_by_relevance();
        return;
    }
    /* Articles without a date go last either way: newest first sorts the
     * dates descending, where "" is least; oldest first gives them a key
     * after every real date.  Relevance orders articles of one day. */
    bool newest = sort == KHABAR_SORT_NEWEST;
    if (newest || remote) {
        /* The value itself is the key: what Xapian's remote protocol can
         * carry (it takes no KeyMaker).  Newest first this is the order
         * above; oldest first, "" comes before every date. */
        enquire.set_sort_by_value_then_relevance(KHABAR_SLOT_DATE, newest);
        return;
    }
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

/* DAY (days from 1970-01-01) as YYYYMMDD (Howard Hinnant's
 * civil_from_days). */
static std::string
day_value(long day)
{
    day += 719468;
    long era = (day >= 0 ? day : day - 146096) / 146097;
    long doe = day - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    long y = yoe + era * 400 + (m <= 2);
    char buf[64];
    snprintf(buf, sizeof buf, "%04ld%02ld%02ld", y, m, d);
    return buf;
}

/* Half-lives after which a remote shard's boost stops: 2^-20 of the
 * best, below any difference a score can show. */
#define REMOTE_HALF_LIVES 20

/* KHABAR_RECENCY_DAYS_MAX: the table goes to every shard with every
 * query (serialised, some 20 bytes a day) and is built into a std::map
 * there; bounded only by the dates, an archive reaching back a century
 * with recency=36500 would send 36,500 entries a query, and a single
 * article misdated 0001-01-01 some 740,000. */
extern "C" long
_khabar_recency_table_span(long reference, long oldest, double half_life)
{
    /* Bounded as a double first: a cast of one past LONG_MAX (a huge
     * half-life through the C API) is undefined. */
    double days = REMOTE_HALF_LIVES * half_life;
    long span = days < KHABAR_RECENCY_DAYS_MAX ? (long) days
                                               : KHABAR_RECENCY_DAYS_MAX;
    if (reference - oldest < span)
        span = reference - oldest > 0 ? reference - oldest : 0;
    return span < KHABAR_RECENCY_DAYS_MAX ? span : KHABAR_RECENCY_DAYS_MAX;
}

/* The recency boost as Xapian's own ValueMapPostingSource, which remote
 * shards can run: a table of the boost of each day from REFERENCE back
 * to the oldest date in DB, REMOTE_HALF_LIVES half-lives or
 * KHABAR_RECENCY_DAYS_MAX days, whichever is nearest.  Older articles
 * get none, except past KHABAR_RECENCY_DAYS_MAX (a long half-life over
 * an old archive): they get the boost of the first day left out, a
 * floor, rather than falling from a boost still large to none. */
static Xapian::PostingSource *
recency_table(const Xapian::Database &db, long reference, double half_life,
              double weight)
{
    long oldest;
    if (!day_number(db.get_value_lower_bound(KHABAR_SLOT_DATE), &oldest))
        oldest = reference;
    long span = _khabar_recency_table_span(reference, oldest, half_life);
    Xapian::ValueMapPostingSource *table =
        new Xapian::ValueMapPostingSource(KHABAR_SLOT_DATE);
    for (long age = 0; age <= span; age++)
        table->add_mapping(day_value(reference - age),
                           weight * std::exp2(-(double) age / half_life));
    if (span == KHABAR_RECENCY_DAYS_MAX && reference - oldest > span)
        table->set_default_weight(
            weight * std::exp2(-(double) (span + 1) / half_life));
    return table;
}

Xapian::Query
_khabar_add_recency(const khabar_index_t *index, const Xapian::Query &query,
                    double half_life, double weight)
{
    const Xapian::Database &db = *index->db;
    long reference;
    if (!day_number(db.get_value_upper_bound(KHABAR_SLOT_DATE), &reference))
        return query;   /* no article has a date */
    Xapian::PostingSource *source =
        index->remote ? recency_table(db, reference, half_life, weight)
                      : new recency_source(reference, half_life, weight);
    Xapian::Query boost(source->release());
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, boost);
}
