/* facets.cc - exact facet counts over every match of a query: the people,
 * places, countries, organisations and sources of the matching articles,
 * and a histogram of their dates (docs/API.md, Facets).
 *
 * Xapian's ValueCountMatchSpy counts one value per document; an article
 * names many entities, so a MatchSpy of our own reads the article's
 * KHABAR_SLOT_FACETS value (one line per distinct value, schema.h) and
 * its date, and counts every line.  The spy sees every match because
 * the MSet is asked to check at least as many documents as the index
 * holds: counts are exact, never sampled.  Over remote shards, whose
 * server runs only Xapian's own spies, two ValueCountMatchSpy give the
 * same counts (tally_stock() says how), a little slower. */
#include <algorithm>
#include <cstring>
#include <unordered_map>

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

/* The letters of the facets in KHABAR_SLOT_FACETS, by khabar_facet_t. */
static const char FACET_LETTERS[KHABAR_FACET_LAST + 1] = "PLCOS";

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

/* NAME lowercased: bytewise when it is ASCII (most names), which is what
 * Xapian's Unicode tolower gives for them, only faster. */
static std::string
fold(const std::string &name)
{
    for (unsigned char c : name)
        if (c >= 0x80)
            return Xapian::Unicode::tolower(name);
    std::string out = name;
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
    return out;
}

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
        folded &f = byname[fold(name)];
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

void
_khabar_count_facets(const khabar_index_t *index, const Xapian::Query &query,
                     const khabar_search_options_t &options,
                     _khabar_facets &out)
{
    Xapian::Database &db = *index->db;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    /* Only counts are wanted: no weights, no ranking. */
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    facet_tally spy;
    /* Our own spy is faster (docs/SCALING.md has the figures), but only
     * a local index can run it. */
    if (index->remote)
        tally_stock(enquire, db.get_doccount(), spy);
    else
        tally_own(enquire, db.get_doccount(), spy);

    unsigned size = options.facet_size ? options.facet_size
                                       : KHABAR_FACET_SIZE_DEFAULT;
    if (size > KHABAR_FACET_SIZE_MAX)
        size = KHABAR_FACET_SIZE_MAX;
    facet_lines by_facet[KHABAR_FACET_LAST];
    for (const auto &entry : spy.lines) {
        const char *letter = strchr(FACET_LETTERS, entry.first[0]);
        if (letter && *letter)
            by_facet[letter - FACET_LETTERS].push_back(&entry);
    }
    for (int f = 0; f < KHABAR_FACET_LAST; f++)
        top_values(by_facet[f], (khabar_facet_t)f, size, out.values[f]);

    std::map<std::string, unsigned long> dates;
    for (const auto &entry : spy.dates)
        if (is_date_value(entry.first))
            dates.insert(entry);
    if (options.facet_interval >= 1 && options.facet_interval <= 4)
        out.interval = (khabar_interval_t)(options.facet_interval - 1);
    else if (!dates.empty())
        out.interval = interval_for(dates.begin()->first, dates.rbegin()->first);
    unsigned long dated = 0;
    _khabar_date_buckets(dates, out.interval, out.buckets, &dated);
    out.undated = spy.matches - dated;
    out.matches = spy.matches;
    out.counted = true;
}
