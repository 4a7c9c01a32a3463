/* facets.cc - exact facet counts over every match of a query: the people,
 * places, countries, organisations and sources of the matching articles,
 * and a histogram of their dates (docs/API.md, Facets).
 *
 * Xapian's ValueCountMatchSpy counts one value per document; an article
 * names many entities, so every line of the article's KHABAR_SLOT_FACETS
 * value (one line per distinct value, schema.h) and its date are
 * counted here.  A reader of one local index counts them as numbers, from
 * the table of its revision (facet_table.h), for the ids of every match,
 * the likely names first (facet_count.cc); a reader over local shards
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
#include <cstring>
#include <unordered_map>

#include "facet_table.h"
#include "search_internal.h"
#include "term_bitmaps.h"

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
std::string
_khabar_facet_filter(const char *field, const std::string &value)
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
                        _khabar_facet_filter(khabar_facet_name(facet),
                                             all[i]->first),
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
        Xapian::Enquire enquire(shard.db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        _khabar_count_table_lines(enquire, shard.db.get_doccount(),
                                  *_khabar_shard_facet_table(shard),
                                  tally.lines, by_date, &tally.matches);
    }
    finish_tally(tally, size, values, dates, matches);
    for (const auto &entry : by_date)
        dates.push_back(entry);
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
    _khabar_facet_paths_clear();
    const _khabar_facet_table *table = _khabar_facet_table_of(index);
    if (table)
        _khabar_count_by_table(db, _khabar_term_bitmaps_of(index), query,
                               enquire, *table, size, out.values, dates,
                               &matches);
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
