/* facet_count.cc - counting the facets of a query's matches from the
 * facet table of the reader's revision (facet_table.h): the matches
 * found once (walked from the posting lists when the query allows,
 * match_walk.cc, else by Xapian's matcher) and kept as ids, then counted
 * as numbers, the likely names first; facets.cc chooses this path and
 * makes the histogram of dates. */
#include <algorithm>
#include <atomic>
#include <functional>
#include <unordered_map>

#include "facet_table.h"
#include "scratch.h"
#include "search_internal.h"
#include "table_probe.h"
#include "term_bitmaps.h"

namespace {

/* The ids of a query's matches, in increasing order (lent: scratch.h). */
struct match_ids {
    std::vector<Xapian::docid> ids;
};

/* Counters by number, all 0 while in the pool (scratch.h). */
struct counter_store {
    std::vector<uint32_t> counts;
};

/* Counters by number, and the numbers counted.  Zero-filling a counter
 * for every line of the dictionary (142,648 at 100,000 articles) cost a
 * narrow query more than its counting, so the counters are kept between
 * queries (a store lent for the count), and only those counted are put
 * back to 0, at the end, as collapse.cc's walker does. */
class counters {
  public:
    std::vector<uint32_t> seen;

    /* Counters for numbers below SIZE; those below DENSE_END are counted
     * without being noted in SEEN as they come (a branch on the counter
     * and a push, per value), and noted by settle(): for a count over a
     * few thousand numbers, all of them counted many times over. */
    explicit counters(size_t size, size_t dense_end = 0)
        : dense_end_(dense_end)
    {
        if (store_->counts.size() < size)
            store_->counts.resize(size, 0);
        count_ = store_->counts.data();
    }
    counters(const counters &) = delete;
    counters &operator=(const counters &) = delete;
    ~counters()
    {
        std::fill(count_, count_ + dense_end_, 0);
        for (uint32_t n : seen)
            count_[n] = 0;
    }

    void add(uint32_t n)
    {
        if (n < dense_end_) {
            count_[n]++;
            return;
        }
        /* Room first: a push that failed after the increment would leave
         * a counter that no destructor puts back to 0. */
        if (count_[n] == 0)
            seen.push_back(n);
        count_[n]++;
    }
    uint32_t operator[](uint32_t n) const { return count_[n]; }

    /* Notes in SEEN the numbers below the dense end that were counted. */
    void settle()
    {
        for (uint32_t n = 0; n < dense_end_; n++)
            if (count_[n] != 0)
                seen.push_back(n);
        dense_end_ = 0;
    }

    /* Turns the counts of numbers below END into TOTALS (which has as
     * many) less each, SEEN noting those left above 0. */
    void subtract_from(const std::vector<uint32_t> &totals, size_t end)
    {
        /* Every dense counter is then in SEEN or back at 0. */
        end = std::max(end, dense_end_);
        /* The room before any change, for the same reason as in add(). */
        seen.reserve(end);
        seen.clear();
        for (uint32_t n = 0; n < end; n++) {
            count_[n] = totals[n] - count_[n];
            if (count_[n] != 0)
                seen.push_back(n);
        }
        dense_end_ = 0;
    }

  private:
    _khabar_lent<counter_store> store_;
    uint32_t *count_;
    size_t dense_end_;
};

/* Counts over at most this many numbers are dense (counters above). */
const size_t DENSE_MOST = 1 << 16;

/* Counts every match's date number in TABLE, and its line numbers
 * below LIMIT (all of them by default): a document's numbers are in
 * increasing order, so the count stops at the first that is not. */
class table_spy : public Xapian::MatchSpy {
  public:
    explicit table_spy(const _khabar_facet_table &table,
                       uint32_t limit = UINT32_MAX)
        : table_(table), limit_(limit),
          lines(table.lines.size(),
                limit <= DENSE_MOST ? std::min<size_t>(limit, table.lines.size())
                                    : 0),
          dates(table.dates.size(),
                table.dates.size() <= DENSE_MOST ? table.dates.size() : 0)
    {
    }

    const _khabar_facet_table &table_;
    const uint32_t limit_;
    counters lines, dates;
    unsigned long matches = 0;

    void operator()(const Xapian::Document &doc, double) override
    {
        count(doc.get_docid());
    }

    /* Counts the match ID. */
    void count(Xapian::docid id)
    {
        matches++;
        count_values(id);
    }

    /* Counts the matches IDS, in increasing order: when they are more
     * than half of the documents, by counting the others and taking
     * their counts from the table's totals, which visits fewer
     * documents (then true). */
    bool count_ids(const std::vector<Xapian::docid> &ids)
    {
        /* Strictly increasing, or the others would be miscounted: what
         * every_match() gives, checked all the same (0.5 ms a million). */
        if (ids.size() <= table_.date_of.size() / 2 ||
            std::adjacent_find(ids.begin(), ids.end(),
                               std::greater_equal<Xapian::docid>()) != ids.end()) {
            count_all(ids);
            return false;
        }
        Xapian::docid id = 1;
        const Xapian::docid end = (Xapian::docid) table_.date_of.size();
        for (Xapian::docid match : ids) {
            for (; id < match && id < end; id++)
                count_values(id);
            id = match + 1;
        }
        for (; id < end; id++)
            count_values(id);
        lines.subtract_from(table_.line_total,
                            std::min<size_t>(limit_, table_.lines.size()));
        dates.subtract_from(table_.date_total, table_.dates.size());
        matches += ids.size();
        return true;
    }

  private:
    /* Counts the values of document ID. */
    void count_values(Xapian::docid id)
    {
        if (id >= table_.date_of.size())
            return; /* cannot be: the table is of this revision */
        const uint32_t *v = table_.values.data() + table_.offsets[id];
        const uint32_t *end = table_.values.data() + table_.offsets[id + 1];
        for (; v < end && *v < limit_; v++)
            lines.add(*v);
        uint32_t date = table_.date_of[id];
        if (date != _khabar_facet_table::NO_DATE)
            dates.add(date);
    }

  public:
    /* Counts the matches IDS, in increasing order.  The matches of a
     * query are scattered over tables too big for the cache, so each
     * costs a wait for memory at its offset, values and date, three in a
     * row; asking for those of later matches ahead of need overlaps the
     * waits (docs/BENCHMARKS.md, "Facets at a million"). */
    void count_all(const std::vector<Xapian::docid> &ids)
    {
        const size_t ahead = 16, n = ids.size();
        const Xapian::docid last = (Xapian::docid) table_.date_of.size();
        for (size_t i = 0; i < n; i++) {
            if (i + ahead < n && ids[i + ahead] < last) {
                __builtin_prefetch(&table_.offsets[ids[i + ahead]]);
                __builtin_prefetch(&table_.date_of[ids[i + ahead]]);
            }
            if (i + ahead / 2 < n && ids[i + ahead / 2] < last)
                __builtin_prefetch(table_.values.data() +
                                   table_.offsets[ids[i + ahead / 2]]);
            count(ids[i]);
        }
    }
};

} /* namespace */

/* The SIZE largest values of each facet among the lines TABLE_SPY
 * counted, into VALUES: what top_values() makes of the same counts, the
 * folding and grouping done once in the table, so that a query touches
 * only numbers until the few values shown. */
static void
top_values_of_table(const _khabar_facet_table &table, const table_spy &spy,
                    unsigned size, std::vector<_khabar_facet_value> *values)
{
    /* By folded name: its key, the line shown (the one counted most,
     * then the least by bytes) and the sum, as in top_values(). */
    struct folded {
        uint32_t key, display;
        unsigned long best, count;
    };
    /* The lines of a key have consecutive numbers (facet_table.h): in
     * order, the lines counted come grouped by key. */
    std::vector<uint32_t> lines(spy.lines.seen);
    std::sort(lines.begin(), lines.end());
    std::vector<folded> keys[KHABAR_FACET_LAST];
    for (size_t i = 0; i < lines.size();) {
        uint8_t facet = table.facet_of[lines[i]];
        folded f = { table.key_of[lines[i]], lines[i], 0, 0 };
        for (; i < lines.size() && table.facet_of[lines[i]] == facet &&
               table.key_of[lines[i]] == f.key;
             i++) {
            unsigned long count = spy.lines[lines[i]];
            /* Lines of one facet share their letter: comparing whole
             * lines compares names. */
            if (count > f.best ||
                (count == f.best && table.lines[lines[i]] < table.lines[f.display])) {
                f.best = count;
                f.display = lines[i];
            }
            f.count += count;
        }
        if (facet < KHABAR_FACET_LAST)
            keys[facet].push_back(f);
    }
    auto order = [&](const folded &a, const folded &b) {
        return a.count != b.count ? a.count > b.count
                                  : table.lines[a.display] < table.lines[b.display];
    };
    for (int facet = 0; facet < KHABAR_FACET_LAST; facet++) {
        std::vector<folded> &all = keys[facet];
        size_t n = std::min<size_t>(size, all.size());
        std::partial_sort(all.begin(), all.begin() + n, all.end(), order);
        values[facet].clear();
        for (size_t i = 0; i < n; i++)
            values[facet].push_back(
                { table.lines[all[i].display].substr(1),
                  _khabar_facet_filter(khabar_facet_name((khabar_facet_t) facet),
                            table.keys[all[i].key].substr(1)),
                  all[i].count });
    }
}

/* The facets of what SPY counted from TABLE: the SIZE largest values of
 * each into VALUES, the dates into DATES, the matches into *MATCHES. */
static void
finish_table(const _khabar_facet_table &table, table_spy &spy,
             unsigned size, std::vector<_khabar_facet_value> *values,
             _khabar_date_counts &dates, unsigned long *matches)
{
    spy.lines.settle();
    spy.dates.settle();
    top_values_of_table(table, spy, size, values);
    for (uint32_t date : spy.dates.seen)
        if (table.dates[date] != _khabar_facet_table::NOT_DIGITS)
            dates.push_back({ table.dates[date], spy.dates[date] });
    *matches = spy.matches;
}

/* Collects the id of every match Xapian's matcher shows it. */
class id_spy : public Xapian::MatchSpy {
  public:
    explicit id_spy(std::vector<Xapian::docid> &ids) : ids_(ids) {}
    void operator()(const Xapian::Document &doc, double) override
    {
        ids_.push_back(doc.get_docid());
    }

  private:
    std::vector<Xapian::docid> &ids_;
};

/* The id of every match of QUERY in DB, into IDS: through a walk of its
 * posting lists when it has the shape for one (match_walk.cc; then true),
 * else through ENQUIRE of QUERY, checking ALL (the document count) so
 * that Xapian visits every match. */
static bool
every_match(const Xapian::Database &db, const _khabar_term_bitmaps *maps,
            const Xapian::Query &query, Xapian::Enquire &enquire,
            Xapian::doccount all, std::vector<Xapian::docid> &ids)
{
    std::unique_ptr<_khabar_match_walk> walk =
        _khabar_walk_matches(db, maps, query);
    if (walk) {
        for (Xapian::docid id = walk->next(); id != 0; id = walk->next())
            ids.push_back(id);
        return true;
    }
    id_spy spy(ids);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, all);
    enquire.clear_matchspies();
    /* In id order, as counting them takes them (one database: the
     * matcher gives that order already). */
    if (!std::is_sorted(ids.begin(), ids.end()))
        std::sort(ids.begin(), ids.end());
    return false;
}

/* Whether VALUES, the SIZE largest of each facet counted over only the
 * keys that rank below RANKS in TABLE, are the largest of all keys: in
 * each facet, either every key was counted, or the last value shown
 * counts more than any key left out can (TABLE.ranked_df), so none of
 * those could have taken or tied its place. */
static bool
counted_enough(const _khabar_facet_table &table, uint32_t ranks, unsigned size,
               const std::vector<_khabar_facet_value> *values)
{
    for (int f = 0; f < KHABAR_FACET_LAST; f++) {
        if (ranks >= table.ranked_df[f].size())
            continue;
        uint32_t most_left = table.ranked_df[f][ranks];
        if (values[f].size() < size || values[f][size - 1].count <= most_left)
            return false;
    }
    return true;
}

/* Counts every match of ENQUIRE (ALL: its database's document count)
 * from TABLE, the table of that database, into LINES by each line's
 * text and DATES by date number, adding the matches to *MATCHES: for
 * summing the counts of several shards, whose tables number lines
 * apart. */
void
_khabar_count_table_lines(Xapian::Enquire &enquire, Xapian::doccount all,
                          const _khabar_facet_table &table,
                          std::unordered_map<std::string, unsigned long> &lines,
                          std::unordered_map<uint32_t, unsigned long> &dates,
                          unsigned long *matches)
{
    table_spy spy(table);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, all);
    enquire.clear_matchspies();
    spy.lines.settle();
    spy.dates.settle();
    for (uint32_t line : spy.lines.seen)
        lines[table.lines[line]] += spy.lines[line];
    for (uint32_t date : spy.dates.seen)
        if (table.dates[date] != _khabar_facet_table::NOT_DIGITS)
            dates[table.dates[date]] += spy.dates[date];
    *matches += spy.matches;
}

/* Counts the facets of every match of ENQUIRE (ALL: the document count)
 * from TABLE, first over the keys ranked below a few hundred or thousand
 * in each facet only: a broad query's last value shown counts thousands,
 * more than any key ranked lower is in at all, and those keys' lines are
 * most of the lines of an article and most of the counting's cache
 * misses (docs/BENCHMARKS.md, "Facets at a million").  When that does
 * not settle them (counted_enough()), the next tier's keys are counted,
 * and at last every key of every match, as for a narrow query: exact
 * either way.  The tiers, as a factor of the first: */
#define LIKELY_RANKS 256
#define LIKELY_TIER_FACTOR 8
#define LIKELY_TIERS 2

/* What a test may set and see (table_probe.h). */
static std::atomic<unsigned> probe_likely_ranks(0);
static thread_local unsigned probe_count_paths, probe_first_tier;

void
_khabar_facet_paths_clear(void)
{
    probe_count_paths = 0;
    probe_first_tier = 0;
}

extern "C" unsigned
_khabar_probe_facet_count(void)
{
    return probe_count_paths;
}

extern "C" unsigned
_khabar_probe_facet_first_tier(void)
{
    return probe_first_tier;
}

extern "C" void
_khabar_probe_facet_likely_ranks(unsigned ranks)
{
    probe_likely_ranks = ranks;
}

/* The tier to count first, of LIKELY_TIERS from RANKS up: the first
 * whose keys would settle SIZE values of every facet if the MATCHES of
 * the ALL documents held each key in its share, else the last.  Only a
 * guess of where to start, since a query's matches are no sample (a
 * wrong one costs a pass over the ids, not the exactness). */
static unsigned
first_tier(const _khabar_facet_table &table, uint32_t ranks, unsigned size,
           size_t matches, Xapian::doccount all)
{
    unsigned tier = 0;
    for (; tier + 1 < LIKELY_TIERS; tier++, ranks *= LIKELY_TIER_FACTOR) {
        bool settles = true;
        for (int f = 0; f < KHABAR_FACET_LAST && settles; f++) {
            const std::vector<uint32_t> &df = table.ranked_df[f];
            if (ranks >= df.size())
                continue;
            double shown = size <= df.size() ? df[size - 1] : 0;
            settles = shown * matches > (double) df[ranks] * all;
        }
        if (settles)
            break;
    }
    return tier;
}

void
_khabar_count_by_table(const Xapian::Database &db,
                       const _khabar_term_bitmaps *maps,
                       const Xapian::Query &query, Xapian::Enquire &enquire,
                       const _khabar_facet_table &table, unsigned size,
                       std::vector<_khabar_facet_value> *values,
                       _khabar_date_counts &dates, unsigned long *matches)
{
    /* The matches are found once and kept (4 bytes each), so that a
     * second count does not match the query again; in a lent vector,
     * which keeps its room (4 MB for a million matches), since growing a
     * new one to a broad query's size costs more than counting. */
    _khabar_lent<match_ids> lent_ids;
    std::vector<Xapian::docid> &ids = lent_ids->ids;
    ids.clear();
    unsigned paths = 0;
    if (every_match(db, maps, query, enquire, db.get_doccount(), ids))
        paths |= KHABAR_PROBE_WALKED;
    /* A test's ranks are fewer, so that its few keys take the paths of
     * a million articles'. */
    uint32_t ranks = probe_likely_ranks.load();
    if (ranks == 0)
        ranks = LIKELY_RANKS;
    unsigned tier = first_tier(table, ranks, size, ids.size(),
                               db.get_doccount());
    probe_first_tier = tier;
    for (unsigned t = 0; t < tier; t++)
        ranks *= LIKELY_TIER_FACTOR;
    /* The tier after the last, or one past every key, counts every key. */
    auto every_key = [&]() {
        return tier == LIKELY_TIERS || ranks >= table.rank_end.size() - 1;
    };
    for (;;) {
        table_spy spy(table, every_key() ? UINT32_MAX : table.rank_end[ranks]);
        dates.clear();
        if (spy.count_ids(ids))
            paths |= KHABAR_PROBE_OTHERS;
        finish_table(table, spy, size, values, dates, matches);
        if (every_key() || counted_enough(table, ranks, size, values))
            break;
        tier++;
        ranks *= LIKELY_TIER_FACTOR;
        paths |= every_key() ? KHABAR_PROBE_RECOUNTED : KHABAR_PROBE_WIDENED;
    }
    probe_count_paths = paths;
}
