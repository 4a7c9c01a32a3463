/* facets.cc - exact facet counts over every match of a query: the people,
 * places, countries, organisations and sources of the matching articles,
 * and a histogram of their dates (docs/API.md, Facets).
 *
 * Xapian's ValueCountMatchSpy counts one value per document; an article
 * names many entities, so every line of the article's KHABAR_SLOT_FACETS
 * value (one line per distinct value, schema.h) and its date are
 * counted here.  A reader of one local index counts them as numbers, from
 * the table of its revision (facet_table.h), for the ids of every match
 * (walked from the posting lists when the query allows, match_walk.cc),
 * the likely keys first (count_by_table()); a reader over local shards
 * counts each shard alone, from the shard's table, through a MatchSpy,
 * and sums the counts by name (count_by_shard_tables()); a writer, whose
 * documents change between revisions, reads each match's values through
 * a MatchSpy.  A spy sees every match because the MSet is asked to check
 * at least as many documents as the index holds: counts are exact, never
 * sampled.  Over
 * remote shards, whose server runs only Xapian's own spies, two
 * ValueCountMatchSpy give the same counts (tally_stock() says how), a
 * little slower. */
#include <algorithm>
#include <atomic>
#include <cstring>
#include <functional>
#include <cstdlib>
#include <unordered_map>

#include "facet_table.h"
#include "table_probe.h"
#include "term_bitmaps.h"
#include "search_internal.h"

namespace {

/* What the facets are made from: each KHABAR_SLOT_FACETS line ("P" +
 * name ...) and each date value, with how many matches have it. */
struct facet_tally {
    std::unordered_map<std::string, unsigned long> lines;
    std::unordered_map<std::string, unsigned long> dates;
    unsigned long matches = 0;
};

/* Adds COUNT to every line of the KHABAR_SLOT_FACETS value FACETS. */
void
add_lines(const std::string &facets, unsigned long count, facet_tally &tally)
{
    size_t start = 0, end;
    while ((end = facets.find('\n', start)) != std::string::npos) {
        if (end > start + 1)
            tally.lines[facets.substr(start, end - start)] += count;
        start = end + 1;
    }
}

/* Counts every line of each match's facet value: for a local index. */
class facet_spy : public Xapian::MatchSpy {
  public:
    facet_tally tally;

    void operator()(const Xapian::Document &doc, double) override
    {
        tally.matches++;
        add_lines(doc.get_value(KHABAR_SLOT_FACETS), 1, tally);
        std::string date = doc.get_value(KHABAR_SLOT_DATE);
        if (!date.empty())
            tally.dates[date]++;
    }
};

/* A thread's counters by number, all 0 between queries. */
struct counter_store {
    std::vector<uint32_t> counts;
    bool busy = false;
};

/* Counters by number, and the numbers counted.  Zero-filling a counter
 * for every line of the dictionary (142,648 at 100,000 articles) cost a
 * narrow query more than its counting, so each thread keeps its
 * counters, and only those counted are put back to 0, at the end, as
 * collapse.cc's walker does.  A second set alive in the same thread
 * (never today) gets counters of its own. */
class counters {
  public:
    std::vector<uint32_t> seen;

    /* Counters for numbers below SIZE; those below DENSE_END are counted
     * without being noted in SEEN as they come (a branch on the counter
     * and a push, per value), and noted by settle(): for a count over a
     * few thousand numbers, all of them counted many times over. */
    counters(counter_store &store, size_t size, size_t dense_end = 0)
        : store_(store.busy ? nullptr : &store), dense_end_(dense_end)
    {
        if (store_) {
            store_->busy = true;
            if (store_->counts.size() < size)
                store_->counts.resize(size, 0);
            count_ = store_->counts.data();
        } else {
            own_.assign(size, 0);
            count_ = own_.data();
        }
    }
    counters(const counters &) = delete;
    counters &operator=(const counters &) = delete;
    ~counters()
    {
        std::fill(count_, count_ + dense_end_, 0);
        for (uint32_t n : seen)
            count_[n] = 0;
        if (store_)
            store_->busy = false;
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
    counter_store *store_;
    std::vector<uint32_t> own_;
    uint32_t *count_;
    size_t dense_end_;
};

/* Counts over at most this many numbers are dense (counters above). */
const size_t DENSE_MOST = 1 << 16;

counter_store &
line_store()
{
    static thread_local counter_store store;
    return store;
}

counter_store &
date_store()
{
    static thread_local counter_store store;
    return store;
}

/* Counts every match's date number in TABLE, and its line numbers
 * below LIMIT (all of them by default): a document's numbers are in
 * increasing order, so the count stops at the first that is not. */
class table_spy : public Xapian::MatchSpy {
  public:
    explicit table_spy(const _khabar_facet_table &table,
                       uint32_t limit = UINT32_MAX)
        : table_(table), limit_(limit),
          lines(line_store(), table.lines.size(),
                limit <= DENSE_MOST ? std::min<size_t>(limit, table.lines.size())
                                    : 0),
          dates(date_store(), table.dates.size(),
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

/* The tally of every match of ENQUIRE (ALL: the document count) through
 * a spy of our own, which Xapian's remote protocol cannot carry (its
 * server knows only Xapian's own spies). */
static void
tally_own(Xapian::Enquire &enquire, Xapian::doccount all, facet_tally &out)
{
    facet_spy spy;
    enquire.add_matchspy(&spy);
    /* check_at_least of every document: the spy sees every match. */
    enquire.get_mset(0, 0, all);
    out = std::move(spy.tally);
}

/* The same through Xapian's ValueCountMatchSpy, which remote shards run
 * and send back: it counts each distinct facet value, a whole list of
 * names; each name in it then gets that count.  The counts are the same
 * as tally_own()'s: a match adds 1 to each of its lines either way. */
static void
tally_stock(Xapian::Enquire &enquire, Xapian::doccount all, facet_tally &out)
{
    Xapian::ValueCountMatchSpy facets(KHABAR_SLOT_FACETS);
    Xapian::ValueCountMatchSpy dates(KHABAR_SLOT_DATE);
    enquire.add_matchspy(&facets);
    enquire.add_matchspy(&dates);
    enquire.get_mset(0, 0, all);
    out.matches = facets.get_total();
    for (Xapian::TermIterator it = facets.values_begin();
         it != facets.values_end(); ++it)
        add_lines(*it, it.get_termfreq(), out);
    for (Xapian::TermIterator it = dates.values_begin();
         it != dates.values_end(); ++it)
        if (!(*it).empty())
            out.dates[*it] = it.get_termfreq();
}

extern "C" const char *
khabar_facet_name(khabar_facet_t facet)
{
    static const char *const names[KHABAR_FACET_LAST] = {
        "person", "place", "country", "org", "source"
    };
    int f;
    memcpy(&f, &facet, sizeof f);
    return f >= 0 && f < KHABAR_FACET_LAST ? names[f] : NULL;
}

/* The query-language filter for VALUE (lowercase) of FIELD: quoted when
 * it holds a space or a bracket; a '"' cannot be quoted, so it is left
 * out (such a value is not offered as a filter by any real name). */
static std::string
filter_of(const char *field, const std::string &value)
{
    std::string v;
    bool quote = false;
    for (char c : value) {
        if (c == '"')
            continue;
        if (c == ' ' || c == '\t' || c == '(' || c == ')')
            quote = true;
        v += c;
    }
    return std::string(field) + ":" + (quote ? "\"" + v + "\"" : v);
}

/* The lines of a tally that belong to one facet. */
typedef std::vector<const std::pair<const std::string, unsigned long> *>
    facet_lines;

/* The LINES of facet FACET folded case-insensitively, the SIZE largest
 * into OUT.  A broad query has tens of thousands of distinct names, so
 * each facet walks only its own lines, and only the names shown get a
 * filter string. */
static void
top_values(const facet_lines &lines, khabar_facet_t facet, unsigned size,
           std::vector<_khabar_facet_value> &out)
{
    /* Lowercase name -> the display form seen most often, and the sum. */
    struct folded {
        std::string display;
        unsigned long best = 0, count = 0;
    };
    std::unordered_map<std::string, folded> byname;
    byname.reserve(lines.size());
    for (const auto *entry : lines) {
        std::string name = entry->first.substr(1);
        folded &f = byname[_khabar_facet_fold(name)];
        if (entry->second > f.best ||
            (entry->second == f.best && name < f.display)) {
            f.best = entry->second;
            f.display = name;
        }
        f.count += entry->second;
    }
    std::vector<const std::pair<const std::string, folded> *> all;
    all.reserve(byname.size());
    for (const auto &entry : byname)
        all.push_back(&entry);
    auto order = [](const std::pair<const std::string, folded> *a,
                    const std::pair<const std::string, folded> *b) {
        return a->second.count != b->second.count
                   ? a->second.count > b->second.count
                   : a->second.display < b->second.display;
    };
    size_t n = std::min<size_t>(size, all.size());
    std::partial_sort(all.begin(), all.begin() + n, all.end(), order);
    out.clear();
    for (size_t i = 0; i < n; i++)
        out.push_back({ all[i]->second.display,
                        filter_of(khabar_facet_name(facet), all[i]->first),
                        all[i]->second.count });
}

/* The interval that suits dates from FIRST to LAST (YYYYMMDD numbers):
 * days for up to about six weeks, weeks up to about nine months, months
 * up to fifteen years, then years. */
static khabar_interval_t
interval_for(uint32_t first, uint32_t last)
{
    auto days = [](uint32_t d) {
        return (long) (d / 10000) * 372 + (long) (d / 100 % 100) * 31 +
               (long) (d % 100);
    };
    long span = days(last) - days(first);
    if (span <= 45)
        return KHABAR_INTERVAL_DAY;
    if (span <= 270)
        return KHABAR_INTERVAL_WEEK;
    if (span <= 15 * 372)
        return KHABAR_INTERVAL_MONTH;
    return KHABAR_INTERVAL_YEAR;
}

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
                  filter_of(khabar_facet_name((khabar_facet_t) facet),
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

/* The SIZE largest values of each facet in TALLY into VALUES, its dates
 * into DATES, its matches into *MATCHES. */
static void
finish_tally(const facet_tally &tally, unsigned size,
             std::vector<_khabar_facet_value> *values,
             _khabar_date_counts &dates, unsigned long *matches)
{
    facet_lines by_facet[KHABAR_FACET_LAST];
    for (const auto &entry : tally.lines) {
        const char *letter = strchr(KHABAR_FACET_LETTERS, entry.first[0]);
        if (letter && *letter)
            by_facet[letter - KHABAR_FACET_LETTERS].push_back(&entry);
    }
    for (int f = 0; f < KHABAR_FACET_LAST; f++)
        top_values(by_facet[f], (khabar_facet_t)f, size, values[f]);
    for (const auto &entry : tally.dates) {
        uint32_t date;
        if (_khabar_date_number(entry.first, &date))
            dates.push_back({ date, entry.second });
    }
    *matches = tally.matches;
}

/* The same through the documents' values, for a writer and over remote
 * shards: REMOTE says whether a shard is remote. */
static void
count_by_strings(Xapian::Enquire &enquire, Xapian::doccount all, bool remote,
                 unsigned size, std::vector<_khabar_facet_value> *values,
                 _khabar_date_counts &dates, unsigned long *matches)
{
    facet_tally spy;
    /* Our own spy is faster (docs/SCALING.md has the figures), but only
     * a local index can run it. */
    if (remote)
        tally_stock(enquire, all, spy);
    else
        tally_own(enquire, all, spy);
    finish_tally(spy, size, values, dates, matches);
}

/* The same over the local shards of INDEX, a match of QUERY in each
 * shard alone counted from the shard's table (a spy over all of them
 * would not know which shard a document id is of).  The counts by line
 * are summed by the line's text: what count_by_strings() counts, at the
 * cost of one string per distinct line a shard counted, not of reading
 * every match's value. */
static void
count_by_shard_tables(khabar_index_t *index, const Xapian::Query &query,
                      unsigned size, std::vector<_khabar_facet_value> *values,
                      _khabar_date_counts &dates, unsigned long *matches)
{
    facet_tally tally;
    std::unordered_map<uint32_t, unsigned long> by_date;
    for (_khabar_shard &shard : index->shards) {
        const _khabar_facet_table &table = *_khabar_shard_facet_table(shard);
        Xapian::Enquire enquire(shard.db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        table_spy spy(table);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, 0, shard.db.get_doccount());
        spy.lines.settle();
        spy.dates.settle();
        for (uint32_t line : spy.lines.seen)
            tally.lines[table.lines[line]] += spy.lines[line];
        for (uint32_t date : spy.dates.seen)
            if (table.dates[date] != _khabar_facet_table::NOT_DIGITS)
                by_date[table.dates[date]] += spy.dates[date];
        tally.matches += spy.matches;
    }
    finish_tally(tally, size, values, dates, matches);
    for (const auto &entry : by_date)
        dates.push_back(entry);
}

/* Counts the facets of every match of ENQUIRE (ALL: the document count)
 * from TABLE, first over the keys ranked below LIKELY_RANKS in each facet
 * only: a broad query's last value shown counts thousands, more than any
 * key ranked lower is in at all, and those keys' lines are most of the
 * lines of an article and most of the counting's cache misses
 * (docs/BENCHMARKS.md, "Facets at a million").  When that does not
 * settle them (counted_enough()), as for a narrow query, every key of
 * every match is counted in a second pass: exact either way. */
#define LIKELY_RANKS 2048

/* What a test may set and see (table_probe.h). */
static std::atomic<unsigned> probe_likely_ranks(0);
static thread_local unsigned probe_count_paths;

extern "C" unsigned
_khabar_probe_facet_count(void)
{
    return probe_count_paths;
}

extern "C" void
_khabar_probe_facet_likely_ranks(unsigned ranks)
{
    probe_likely_ranks = ranks;
}

static void
count_by_table(const Xapian::Database &db, const _khabar_term_bitmaps *maps,
               const Xapian::Query &query, Xapian::Enquire &enquire,
               const _khabar_facet_table &table,
               unsigned size, std::vector<_khabar_facet_value> *values,
               _khabar_date_counts &dates, unsigned long *matches)
{
    /* The matches are found once and kept (4 bytes each), so that a
     * second count does not match the query again; in the thread's own
     * vector, which keeps its room (4 MB for a million matches), since
     * growing a new one to a broad query's size costs more than
     * counting. */
    static thread_local std::vector<Xapian::docid> ids;
    ids.clear();
    unsigned paths = 0;
    if (every_match(db, maps, query, enquire, db.get_doccount(), ids))
        paths |= KHABAR_PROBE_WALKED;
    uint32_t ranks = probe_likely_ranks ? probe_likely_ranks.load()
                                        : LIKELY_RANKS;
    ranks = (uint32_t) std::min<size_t>(ranks, table.rank_end.size() - 1);
    {
        table_spy spy(table, table.rank_end[ranks]);
        if (spy.count_ids(ids))
            paths |= KHABAR_PROBE_OTHERS;
        finish_table(table, spy, size, values, dates, matches);
    }
    probe_count_paths = paths;
    if (counted_enough(table, ranks, size, values))
        return;
    probe_count_paths |= KHABAR_PROBE_RECOUNTED;
    dates.clear();
    table_spy spy(table);
    spy.count_ids(ids);
    finish_table(table, spy, size, values, dates, matches);
}

void
_khabar_count_facets(khabar_index_t *index, const Xapian::Query &query,
                     const khabar_search_options_t &options,
                     _khabar_facets &out)
{
    Xapian::Database &db = *index->db;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    /* Only counts are wanted: no weights, no ranking. */
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    unsigned size = options.facet_size ? options.facet_size
                                       : KHABAR_FACET_SIZE_DEFAULT;
    if (size > KHABAR_FACET_SIZE_MAX)
        size = KHABAR_FACET_SIZE_MAX;
    _khabar_date_counts dates;
    unsigned long matches = 0;
    probe_count_paths = 0;
    const _khabar_facet_table *table = _khabar_facet_table_of(index);
    if (table)
        count_by_table(db, _khabar_term_bitmaps_of(index), query, enquire,
                       *table, size, out.values, dates, &matches);
    else if (_khabar_shard_tables_apply(index))
        count_by_shard_tables(index, query, size, out.values, dates, &matches);
    else
        count_by_strings(enquire, db.get_doccount(), index->remote, size,
                         out.values, dates, &matches);

    if (options.facet_interval >= 1 && options.facet_interval <= 4) {
        out.interval = (khabar_interval_t)(options.facet_interval - 1);
    } else if (!dates.empty()) {
        auto span = std::minmax_element(dates.begin(), dates.end());
        out.interval = interval_for(span.first->first, span.second->first);
    }
    unsigned long dated = 0;
    _khabar_date_buckets(dates, out.interval, out.buckets, &dated);
    out.undated = matches - dated;
    out.matches = matches;
    out.counted = true;
}
