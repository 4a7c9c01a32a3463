/* facet_spies.cc - how much slower exact facets are through Xapian's own
 * ValueCountMatchSpy (what remote shards can run) than through Khabar's
 * own spy (shim/facets.cc), on a local index (docs/SCALING.md).
 *
 *   g++ -O2 -std=c++17 bench/facet_spies.cc -o build/facet-spies \
 *       $(pkg-config --cflags --libs xapian-core)
 *   build/facet-spies INDEX [RUNS] [WORD...]
 *
 * For each word (a term as indexed, e.g. Zoil for a stem; "" for every
 * article), counts the
 * facets of its matches both ways, RUNS times (default 15), alternating,
 * and prints the median milliseconds of each and their ratio; the counts
 * are compared and must agree.  Slot numbers as in shim/schema.h. */
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

enum { SLOT_DATE = 0, SLOT_FACETS = 3 };

typedef std::unordered_map<std::string, unsigned long> counts;

static void
add_lines(const std::string &facets, unsigned long n, counts &out)
{
    size_t start = 0, end;
    while ((end = facets.find('\n', start)) != std::string::npos) {
        if (end > start + 1)
            out[facets.substr(start, end - start)] += n;
        start = end + 1;
    }
}

class own_spy : public Xapian::MatchSpy {
  public:
    counts lines, dates;
    void operator()(const Xapian::Document &doc, double) override
    {
        add_lines(doc.get_value(SLOT_FACETS), 1, lines);
        std::string date = doc.get_value(SLOT_DATE);
        if (!date.empty())
            dates[date]++;
    }
};

static counts
own(Xapian::Enquire &enquire, Xapian::doccount all)
{
    own_spy spy;
    enquire.clear_matchspies();
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, all);
    return spy.lines;
}

static counts
stock(Xapian::Enquire &enquire, Xapian::doccount all)
{
    Xapian::ValueCountMatchSpy facets(SLOT_FACETS), dates(SLOT_DATE);
    enquire.clear_matchspies();
    enquire.add_matchspy(&facets);
    enquire.add_matchspy(&dates);
    enquire.get_mset(0, 0, all);
    counts lines, days;
    for (Xapian::TermIterator it = facets.values_begin();
         it != facets.values_end(); ++it)
        add_lines(*it, it.get_termfreq(), lines);
    for (Xapian::TermIterator it = dates.values_begin();
         it != dates.values_end(); ++it)
        days[*it] = it.get_termfreq();
    return lines;
}

static double
median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: facet-spies INDEX [RUNS] [WORD...]\n");
        return 2;
    }
    Xapian::Database db(argv[1]);
    int runs = argc > 2 ? atoi(argv[2]) : 15;
    std::vector<std::string> words;
    for (int i = 3; i < argc; i++)
        words.push_back(argv[i]);
    if (words.empty())
        words = { "Zoil", "Zbank", "Zmarket", "Zchina", "Zprofit", "Zshare",
                  "" };
    Xapian::doccount all = db.get_doccount();
    printf("%-10s %8s %10s %10s %6s\n", "word", "matches", "own ms",
           "stock ms", "ratio");
    for (const std::string &word : words) {
        Xapian::Enquire enquire(db);
        /* "" is every article, as a blank query with facets is. */
        enquire.set_query(word.empty() ? Xapian::Query::MatchAll
                                       : Xapian::Query(word));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        std::vector<double> a, b;
        counts x, y;
        for (int r = 0; r < runs; r++) {
            auto t0 = std::chrono::steady_clock::now();
            x = own(enquire, all);
            auto t1 = std::chrono::steady_clock::now();
            y = stock(enquire, all);
            auto t2 = std::chrono::steady_clock::now();
            a.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            b.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
        }
        if (x != y) {
            fprintf(stderr, "%s: the counts differ\n", word.c_str());
            return 1;
        }
        printf("%-10s %8u %10.2f %10.2f %6.2f\n",
               word.empty() ? "(all)" : word.c_str(),
               word.empty() ? all : db.get_termfreq(word), median(a), median(b),
               median(b) / median(a));
    }
    return 0;
}
