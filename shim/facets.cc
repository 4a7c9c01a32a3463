/* facets.cc - exact facet counts over every match of a query: the people,
 * places, countries, organisations and sources of the matching articles,
 * and a histogram of their dates (docs/API.md, Facets).
 *
 * Xapian's ValueCountMatchSpy counts one value per document; an article
 * names many entities, so a MatchSpy of our own counts every line of the
 * article's KHABAR_SLOT_FACETS value (one line per distinct value,
 * schema.h) and its date.  A reader of one local index counts them as
 * numbers, from the table of its revision (facet_table.h); a writer,
 * whose documents change between revisions, and a reader over shards
 * (facet_table.cc says why) read each match's values.  The spy sees
 * every match because the MSet is asked to check at least as many
 * documents as the index holds: counts are exact, never sampled.  Over
 * remote shards, whose server runs only Xapian's own spies, two
 * ValueCountMatchSpy give the same counts (tally_stock() says how), a
 * little slower. */
#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "facet_table.h"
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

/* Counts every match's line and date numbers in TABLE. */
class table_spy : public Xapian::MatchSpy {
  public:
    explicit table_spy(const _khabar_facet_table &table)
        : table_(table), lines(table.lines.size()), dates(table.dates.size())
    {
    }

    const _khabar_facet_table &table_;
    /* The count of each line and date number, and the numbers counted,
     * so that only those are walked afterwards. */
    std::vector<uint32_t> lines, dates;
    std::vector<uint32_t> seen_lines, seen_dates;
    unsigned long matches = 0;

    void operator()(const Xapian::Document &doc, double) override
    {
        matches++;
        Xapian::docid id = doc.get_docid();
        if (id >= table_.date_of.size())
            return; /* cannot be: the table is of this revision */
        for (uint32_t i = table_.offsets[id]; i < table_.offsets[id + 1]; i++) {
            uint32_t line = table_.values[i];
            if (lines[line]++ == 0)
                seen_lines.push_back(line);
        }
        uint32_t date = table_.date_of[id];
        if (date != _khabar_facet_table::NO_DATE && dates[date]++ == 0)
            seen_dates.push_back(date);
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

/* The interval that suits dates from FIRST to LAST (YYYYMMDD): days for
 * up to about six weeks, weeks up to about nine months, months up to
 * fifteen years, then years. */
static khabar_interval_t
interval_for(const std::string &first, const std::string &last)
{
    auto days = [](const std::string &d) {
        return std::stol(d.substr(0, 4)) * 372 + std::stol(d.substr(4, 2)) * 31 +
               std::stol(d.substr(6, 2));
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

static bool
is_date_value(const std::string &v)
{
    return v.size() == 8 && v.find_first_not_of("0123456789") == std::string::npos;
}

/* The SIZE largest values of each facet among the lines TABLE_SPY
 * counted, into VALUES: what top_values() makes of the same counts, the
 * folding and grouping done once in the table, so that a query touches
 * only numbers until the few values shown. */
static void
top_values_of_table(const _khabar_facet_table &table, const table_spy &spy,
                    unsigned size, std::vector<_khabar_facet_value> *values)
{
    /* By folded name: the line shown (the one counted most, then the
     * least by bytes) and the sum, as in top_values(). */
    struct folded {
        uint32_t display = UINT32_MAX;
        unsigned long best = 0, count = 0;
    };
    std::vector<folded> byname(table.keys.size());
    std::vector<uint32_t> keys[KHABAR_FACET_LAST];
    for (uint32_t line : spy.seen_lines) {
        uint8_t facet = table.facet_of[line];
        if (facet >= KHABAR_FACET_LAST)
            continue;
        folded &f = byname[table.key_of[line]];
        unsigned long count = spy.lines[line];
        if (f.display == UINT32_MAX)
            keys[facet].push_back(table.key_of[line]);
        /* Lines of one facet share their letter: comparing whole lines
         * compares names. */
        if (count > f.best ||
            (count == f.best && table.lines[line] < table.lines[f.display])) {
            f.best = count;
            f.display = line;
        }
        f.count += count;
    }
    auto order = [&](uint32_t a, uint32_t b) {
        return byname[a].count != byname[b].count
                   ? byname[a].count > byname[b].count
                   : table.lines[byname[a].display] < table.lines[byname[b].display];
    };
    for (int facet = 0; facet < KHABAR_FACET_LAST; facet++) {
        std::vector<uint32_t> &all = keys[facet];
        size_t n = std::min<size_t>(size, all.size());
        std::partial_sort(all.begin(), all.begin() + n, all.end(), order);
        values[facet].clear();
        for (size_t i = 0; i < n; i++)
            values[facet].push_back(
                { table.lines[byname[all[i]].display].substr(1),
                  filter_of(khabar_facet_name((khabar_facet_t) facet),
                            table.keys[all[i]].substr(1)),
                  byname[all[i]].count });
    }
}

/* Counts the facets of every match of ENQUIRE (ALL: the document count)
 * from TABLE: the SIZE largest values of each into VALUES, the dates
 * into DATES, the matches into *MATCHES. */
static void
count_by_table(Xapian::Enquire &enquire, Xapian::doccount all,
               const _khabar_facet_table &table, unsigned size,
               std::vector<_khabar_facet_value> *values,
               std::map<std::string, unsigned long> &dates,
               unsigned long *matches)
{
    table_spy spy(table);
    enquire.add_matchspy(&spy);
    /* check_at_least of every document: the spy sees every match. */
    enquire.get_mset(0, 0, all);
    top_values_of_table(table, spy, size, values);
    for (uint32_t date : spy.seen_dates)
        dates.emplace(table.dates[date], spy.dates[date]);
    *matches = spy.matches;
}

/* The same through the documents' values, for a writer and over shards:
 * REMOTE says whether a shard is remote. */
static void
count_by_strings(Xapian::Enquire &enquire, Xapian::doccount all, bool remote,
                 unsigned size, std::vector<_khabar_facet_value> *values,
                 std::map<std::string, unsigned long> &dates,
                 unsigned long *matches)
{
    facet_tally spy;
    /* Our own spy is faster (docs/SCALING.md has the figures), but only
     * a local index can run it. */
    if (remote)
        tally_stock(enquire, all, spy);
    else
        tally_own(enquire, all, spy);
    facet_lines by_facet[KHABAR_FACET_LAST];
    for (const auto &entry : spy.lines) {
        const char *letter = strchr(KHABAR_FACET_LETTERS, entry.first[0]);
        if (letter && *letter)
            by_facet[letter - KHABAR_FACET_LETTERS].push_back(&entry);
    }
    for (int f = 0; f < KHABAR_FACET_LAST; f++)
        top_values(by_facet[f], (khabar_facet_t)f, size, values[f]);
    dates.insert(spy.dates.begin(), spy.dates.end());
    *matches = spy.matches;
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
    std::map<std::string, unsigned long> counted_dates;
    unsigned long matches = 0;
    const _khabar_facet_table *table = _khabar_facet_table_of(index);
    if (table)
        count_by_table(enquire, db.get_doccount(), *table, size, out.values,
                       counted_dates, &matches);
    else
        count_by_strings(enquire, db.get_doccount(), index->remote, size,
                         out.values, counted_dates, &matches);

    std::map<std::string, unsigned long> dates;
    for (const auto &entry : counted_dates)
        if (is_date_value(entry.first))
            dates.insert(entry);
    if (options.facet_interval >= 1 && options.facet_interval <= 4)
        out.interval = (khabar_interval_t)(options.facet_interval - 1);
    else if (!dates.empty())
        out.interval = interval_for(dates.begin()->first, dates.rbegin()->first);
    unsigned long dated = 0;
    _khabar_date_buckets(dates, out.interval, out.buckets, &dated);
    out.undated = matches - dated;
    out.matches = matches;
    out.counted = true;
}
