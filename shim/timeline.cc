/* timeline.cc - how many articles match a query in each day, week, month
 * or year.  Counts are exact: every match is visited, and a
 * Xapian::ValueCountMatchSpy counts the distinct dates (KHABAR_SLOT_DATE,
 * "YYYYMMDD") among them, which are then put into buckets. */
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>

#include "explore.h"
#include "search_internal.h"

struct khabar_timeline {
    std::vector<khabar_bucket_t> buckets;
    unsigned long total = 0;
    unsigned long undated = 0;
    unsigned long revision = 0;
};

/* Days since 1970-01-01 of Y-M-D in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil); any D is accepted, so a date like
 * 2021-02-30 counts on into March instead of failing. */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

/* The inverse of days_from_civil(). */
static void
civil_from_days(long z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Writes Y-M-D as "YYYY-MM-DD" into OUT (11 bytes). */
static void
format_day(char out[11], int y, unsigned m, unsigned d)
{
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, m % 100u,
             d % 100u);
}

/* The bucket of the day Y-M-D: its first day and its key. */
static void
bucket_of(int y, unsigned m, unsigned d, khabar_interval_t interval,
          khabar_bucket_t *b)
{
    if (interval == KHABAR_INTERVAL_WEEK) {
        long day = days_from_civil(y, m, d);
        /* 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays. */
        long monday = day - (((day + 3) % 7) + 7) % 7;
        int ty, sy;
        unsigned tm, td, sm, sd;
        civil_from_days(monday + 3, &ty, &tm, &td);   /* its Thursday */
        civil_from_days(monday, &sy, &sm, &sd);
        long week = (monday + 3 - days_from_civil(ty, 1, 1)) / 7 + 1;
        format_day(b->start, sy, sm, sd);
        /* The moduli only tell the compiler what _khabar_date_buckets()
         * ensures: four-digit years, so at most 53 weeks. */
        snprintf(b->key, sizeof b->key, "%04u-W%02u", (unsigned)ty % 10000u,
                 (unsigned)week % 100u);
        return;
    }
    if (interval == KHABAR_INTERVAL_MONTH || interval == KHABAR_INTERVAL_YEAR)
        d = 1;
    if (interval == KHABAR_INTERVAL_YEAR)
        m = 1;
    format_day(b->start, y, m, d);
    int n = interval == KHABAR_INTERVAL_YEAR ? 4 :
            interval == KHABAR_INTERVAL_MONTH ? 7 : 10;
    snprintf(b->key, sizeof b->key, "%.*s", n, b->start);
}

bool
_khabar_date_number(const std::string &value, uint32_t *out)
{
    if (value.size() != 8)
        return false;
    uint32_t n = 0;
    for (char c : value) {
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + (uint32_t)(c - '0');
    }
    *out = n;
    return true;
}

/* The first day of the bucket of INTERVAL that holds Y-M-D, into *Y,
 * *M, *D. */
static void
bucket_start(khabar_interval_t interval, int *y, unsigned *m, unsigned *d)
{
    if (interval == KHABAR_INTERVAL_WEEK) {
        long day = days_from_civil(*y, *m, *d);
        civil_from_days(day - (((day + 3) % 7) + 7) % 7, y, m, d);
        return;
    }
    if (interval == KHABAR_INTERVAL_MONTH || interval == KHABAR_INTERVAL_YEAR)
        *d = 1;
    if (interval == KHABAR_INTERVAL_YEAR)
        *m = 1;
}

/* The last day of bucket B of INTERVAL, into B->end. */
static void
bucket_end(khabar_interval_t interval, khabar_bucket_t *b)
{
    int y = std::stoi(std::string(b->start, 4)), ey;
    unsigned m = (unsigned)std::stoi(std::string(b->start + 5, 2)),
             d = (unsigned)std::stoi(std::string(b->start + 8, 2)), em, ed;
    long first = days_from_civil(y, m, d), last = first;
    if (interval == KHABAR_INTERVAL_WEEK)
        last = first + 6;
    else if (interval == KHABAR_INTERVAL_MONTH)
        last = (m == 12 ? days_from_civil(y + 1, 1, 1)
                        : days_from_civil(y, m + 1, 1)) - 1;
    else if (interval == KHABAR_INTERVAL_YEAR)
        last = days_from_civil(y + 1, 1, 1) - 1;
    civil_from_days(last, &ey, &em, &ed);
    format_day(b->end, ey, em, ed);
}

void
_khabar_date_buckets(const _khabar_date_counts &counts,
                     khabar_interval_t interval,
                     std::vector<khabar_bucket_t> &out, unsigned long *dated)
{
    /* Each count under the first day of its bucket, as numbers, so that
     * a query over a 20-year archive formats its few buckets rather than
     * its thousands of days. */
    struct start {
        int y;
        unsigned m, d;
        unsigned long count;
        bool operator<(const start &o) const
        {
            return y != o.y ? y < o.y : m != o.m ? m < o.m : d < o.d;
        }
    };
    std::vector<start> starts;
    starts.reserve(counts.size());
    *dated = 0;
    for (const auto &entry : counts) {
        start s = { (int)(entry.first / 10000), entry.first / 100 % 100,
                    entry.first % 100, entry.second };
        if (s.m < 1 || s.m > 12 || s.d < 1 || s.d > 31)
            continue;
        bucket_start(interval, &s.y, &s.m, &s.d);
        starts.push_back(s);
        *dated += entry.second;
    }
    std::sort(starts.begin(), starts.end());
    size_t first = out.size();
    for (size_t i = 0; i < starts.size(); i++) {
        if (i > 0 && !(starts[i - 1] < starts[i])) {
            out.back().count += starts[i].count;
            continue;
        }
        khabar_bucket_t b = {};
        bucket_of(starts[i].y, starts[i].m, starts[i].d, interval, &b);
        bucket_end(interval, &b);
        b.count = starts[i].count;
        out.push_back(b);
    }
    /* In the order of the buckets' first days as written, as they always
     * were: the order above but for a week that starts in year -1. */
    std::stable_sort(out.begin() + (long) first, out.end(),
                     [](const khabar_bucket_t &a, const khabar_bucket_t &b) {
                         return strcmp(a.start, b.start) < 0;
                     });
}

void
_khabar_date_buckets(const std::map<std::string, unsigned long> &counts,
                     khabar_interval_t interval,
                     std::vector<khabar_bucket_t> &out, unsigned long *dated)
{
    _khabar_date_counts numbers;
    for (const auto &entry : counts) {
        uint32_t n;
        if (_khabar_date_number(entry.first, &n))
            numbers.push_back({ n, entry.second });
    }
    _khabar_date_buckets(numbers, interval, out, dated);
}

/* Turns COUNTS per date value into TIMELINE's buckets; values that are
 * not dates count as undated. */
static void
fill_buckets(const std::map<std::string, unsigned long> &counts,
             khabar_interval_t interval, khabar_timeline_t *timeline)
{
    unsigned long dated = 0;
    _khabar_date_buckets(counts, interval, timeline->buckets, &dated);
    timeline->undated = timeline->total - dated;
}

/* The count of each date value among every article of DB: the value
 * stream alone, no match needed. */
static std::map<std::string, unsigned long>
all_dates(Xapian::Database &db)
{
    std::map<std::string, unsigned long> counts;
    for (Xapian::ValueIterator it = db.valuestream_begin(KHABAR_SLOT_DATE);
         it != db.valuestream_end(KHABAR_SLOT_DATE); ++it)
        counts[*it]++;
    return counts;
}

/* The same among the matches of QUERY, setting *TOTAL to their number. */
static std::map<std::string, unsigned long>
matching_dates(Xapian::Database &db, const Xapian::Query &query,
               unsigned long *total)
{
    std::map<std::string, unsigned long> counts;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    /* Only counts are wanted: no weights, no ranking. */
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy spy(KHABAR_SLOT_DATE);
    enquire.add_matchspy(&spy);
    Xapian::doccount all = db.get_doccount();
    /* check_at_least of every document: the spy sees every match. */
    Xapian::MSet mset = enquire.get_mset(0, 0, all);
    *total = mset.get_matches_estimated();
    for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end();
         ++it)
        counts[*it] = it.get_termfreq();
    return counts;
}

static bool
valid_interval(khabar_interval_t interval)
{
    return interval == KHABAR_INTERVAL_DAY || interval == KHABAR_INTERVAL_WEEK ||
           interval == KHABAR_INTERVAL_MONTH || interval == KHABAR_INTERVAL_YEAR;
}

khabar_status_t
khabar_timeline(khabar_index_t *index, const char *query,
                khabar_interval_t interval, khabar_timeline_t **out)
{
    if (!index || !out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    index->message.clear();
    try {
        if (!valid_interval(interval))
            return _khabar_fail(index, KHABAR_STATUS_INVALID_ARGUMENT,
                                "unknown timeline interval");
        Xapian::Database &db = *index->db;
        std::unique_ptr<khabar_timeline_t> t(new khabar_timeline_t());
        t->revision = _khabar_revision(index);
        std::map<std::string, unsigned long> counts;
        if (!query && !index->remote) {
            t->total = db.get_doccount();
            counts = all_dates(db);
        } else if (!query) {
            /* Xapian's remote protocol carries no value streams: count
             * through a match of every article instead. */
            counts = matching_dates(db, Xapian::Query::MatchAll, &t->total);
        } else {
            Xapian::Query parsed;
            std::string why;
            if (!_khabar_user_query(db, query, parsed, why))
                return _khabar_fail(index, KHABAR_STATUS_QUERY_SYNTAX, why);
            if (!parsed.empty())
                counts = matching_dates(db, parsed, &t->total);
        }
        fill_buckets(counts, interval, t.get());
        *out = t.release();
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

size_t
khabar_timeline_size(const khabar_timeline_t *timeline)
{
    return timeline ? timeline->buckets.size() : 0;
}

const khabar_bucket_t *
khabar_timeline_bucket(const khabar_timeline_t *timeline, size_t i)
{
    if (!timeline || i >= timeline->buckets.size())
        return NULL;
    return &timeline->buckets[i];
}

unsigned long
khabar_timeline_total(const khabar_timeline_t *timeline)
{
    return timeline ? timeline->total : 0;
}

unsigned long
khabar_timeline_undated(const khabar_timeline_t *timeline)
{
    return timeline ? timeline->undated : 0;
}

unsigned long
khabar_timeline_revision(const khabar_timeline_t *timeline)
{
    return timeline ? timeline->revision : 0;
}

void
khabar_timeline_free(khabar_timeline_t *timeline)
{
    delete timeline;
}
