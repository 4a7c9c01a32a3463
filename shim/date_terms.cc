/* date_terms.cc - the year, month and day terms of an article's date,
 * and the date-range filter built from them.
 *
 * A range through KHABAR_SLOT_DATE alone makes Xapian read the date value
 * of every candidate (every article, for a filter with no words); terms
 * are posting lists it can skip through.  So a range becomes an OR of
 * whole years ("Y"), whole months ("M"), and for a month only partly in
 * the range the OR of its days in it ("D"), when that takes at most
 * MOST_TERMS years and months; a longer range keeps the value range
 * (docs/SCHEMA.md, docs/BENCHMARKS.md "A million articles").  Indexes
 * written before the day terms lack them and their flag, and check a
 * partial month's articles against the value range instead, about 10 us
 * each at a million articles, whose months are scattered over the
 * document ids; indexes written before any date terms keep the value
 * range alone. */
#include <algorithm>
#include <cstdio>

#include "search_internal.h"

/* Set in an index whose every dated article has its year and month
 * terms, and its day terms: written when the first article goes into an
 * empty index. */
static const char *const DATE_TERMS_KEY = KHABAR_META_DATE_TERMS;
static const char *const DAY_TERMS_KEY = KHABAR_META_DAY_TERMS;

/* A range that takes more terms than this goes through the value slot
 * after all: with words, each candidate costs a skip in every term's
 * posting list against one value read, and past a few terms the value
 * read is cheaper (measured: docs/BENCHMARKS.md, "A million articles"). */
#define MOST_TERMS 4

void
_khabar_date_terms_add(Xapian::Document &doc, const std::string &day)
{
    doc.add_boolean_term(KHABAR_PREFIX_YEAR + day.substr(0, 4));
    doc.add_boolean_term(KHABAR_PREFIX_MONTH + day.substr(0, 6));
    doc.add_boolean_term(KHABAR_PREFIX_DAY + day.substr(0, 8));
}

void
_khabar_date_terms_begin(Xapian::WritableDatabase &db)
{
    if (db.get_doccount() != 0)
        return;
    if (db.get_metadata(DATE_TERMS_KEY).empty())
        db.set_metadata(DATE_TERMS_KEY, "1");
    if (db.get_metadata(DAY_TERMS_KEY).empty())
        db.set_metadata(DAY_TERMS_KEY, "1");
}

bool
_khabar_date_terms_present(const Xapian::Database &db)
{
    return !db.get_metadata(DATE_TERMS_KEY).empty();
}

/* The filter through the value slot alone: what old indexes use, and the
 * check inside a month only partly in the range.  "" is an open end. */
Xapian::Query
_khabar_date_value_range(const std::string &lo, const std::string &hi)
{
    if (lo.empty() && hi.empty())
        return Xapian::Query::MatchAll;
    if (lo.empty())
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, KHABAR_SLOT_DATE, hi);
    if (hi.empty())
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, KHABAR_SLOT_DATE, lo);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, KHABAR_SLOT_DATE, lo,
                         hi);
}

/* The 8-digit value next to VALUE (YYYYMMDD read as a number, plus
 * DELTA), or "" past 00000000..99999999: every stored value is 8 digits,
 * so this is the nearest string that can be one. */
static std::string
step(const std::string &value, int delta)
{
    long n = std::stol(value) + delta;
    if (n < 0 || n > 99999999)
        return "";
    char out[9];
    snprintf(out, sizeof out, "%08ld", n);
    return out;
}

static int
last_day(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31 };
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static std::string
day_string(int year, int month, int day)
{
    /* Room for any three ints, so that GCC's -Wformat-truncation (on in
     * the sanitizer build) can see nothing is cut. */
    char out[40];
    snprintf(out, sizeof out, "%04d%02d%02d", year, month, day);
    return out;
}

/* The days FROM..TO of one month (8-digit bounds): the OR of their day
 * terms when DAYS, else MONTH_TERM filtered by the value range. */
static Xapian::Query
part_of_month(const std::string &month_term, const std::string &from,
              const std::string &to, bool days)
{
    if (!days)
        return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(month_term),
                             _khabar_date_value_range(from, to));
    std::vector<Xapian::Query> terms;
    int first = std::stoi(from.substr(6, 2)), last = std::stoi(to.substr(6, 2));
    for (int day = first; day <= last; day++) {
        char dd[3] = { (char) ('0' + day / 10), (char) ('0' + day % 10), 0 };
        terms.push_back(Xapian::Query(KHABAR_PREFIX_DAY + from.substr(0, 6) + dd));
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

/* Adds to PARTS the months of YEAR that meet LO..HI (8-digit bounds),
 * a partial one through its day terms when DAYS. */
static void
cover_months(int year, const std::string &lo, const std::string &hi,
             bool days, std::vector<Xapian::Query> &parts)
{
    for (int month = 1; month <= 12; month++) {
        std::string first = day_string(year, month, 1);
        std::string last = day_string(year, month, last_day(year, month));
        if (last < lo || first > hi)
            continue;
        std::string term = KHABAR_PREFIX_MONTH + first.substr(0, 6);
        if (lo <= first && last <= hi)
            parts.push_back(Xapian::Query(term));
        else
            parts.push_back(part_of_month(term, std::max(lo, first),
                                          std::min(hi, last), days));
    }
}

/* Whole years of LO..HI as "Y" terms, the rest by cover_months(). */
static void
cover(const std::string &lo, const std::string &hi, bool days,
      std::vector<Xapian::Query> &parts)
{
    int first = std::stoi(lo.substr(0, 4)), last = std::stoi(hi.substr(0, 4));
    for (int year = first; year <= last; year++) {
        if (lo <= day_string(year, 1, 1) && day_string(year, 12, 31) <= hi)
            parts.push_back(Xapian::Query(KHABAR_PREFIX_YEAR +
                                          std::to_string(year)));
        else
            cover_months(year, lo, hi, days, parts);
    }
}

Xapian::Query
_khabar_date_filter(const Xapian::Database &db, const std::string &lo,
                    const std::string &hi)
{
    std::string least = db.get_value_lower_bound(KHABAR_SLOT_DATE);
    std::string most = db.get_value_upper_bound(KHABAR_SLOT_DATE);
    if ((lo.empty() && hi.empty()) || !_khabar_date_terms_present(db) ||
        least.size() != 8 || most.size() != 8)
        return _khabar_date_value_range(lo, hi);
    /* The terms cover the dates the index holds now; a value range on
     * each side keeps the answer right should a newer revision hold
     * dates beyond them, and costs nothing while it does not (Xapian
     * answers a range outside the slot's bounds without reading it). */
    std::string from = lo.empty() ? least : std::max(lo, least);
    std::string to = hi.empty() ? most : std::min(hi, most);
    std::vector<Xapian::Query> parts;
    if (from <= to)
        cover(from, to, !db.get_metadata(DAY_TERMS_KEY).empty(), parts);
    if (parts.size() > MOST_TERMS)
        return _khabar_date_value_range(lo, hi);
    std::string below = step(least, -1), above = step(most, +1);
    if (!below.empty() && (lo.empty() || lo <= below))
        parts.push_back(_khabar_date_value_range(
            lo, hi.empty() ? below : std::min(hi, below)));
    if (!above.empty() && (hi.empty() || above <= hi))
        parts.push_back(_khabar_date_value_range(
            lo.empty() ? above : std::max(lo, above), hi));
    if (parts.empty())
        return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}
