/* explore.h - what the shim's exploring calls (similar.cc, timeline.cc,
 * export.cc, suggest.cc) share, beyond internal.h.  Private to shim/. */
#ifndef KHABAR_EXPLORE_H
#define KHABAR_EXPLORE_H

#include <deque>
#include <string>
#include <vector>

#include "internal.h"

/* Parses QUERY as khabar_search() does (docs/QUERY.md): checked for
 * unbalanced brackets and quotes, normalised, every word required, the
 * fields of schema.h.  Returns false with WHY set when it does not parse;
 * a blank QUERY is an empty Xapian::Query, which matches nothing. */
bool _khabar_user_query(const Xapian::Database &db, const char *query,
                        Xapian::Query &out, std::string &why);

/* Hits copied out of Xapian into C memory they own. */
struct _khabar_hitlist {
    std::vector<khabar_hit_t> hits;
    /* A deque never moves its elements, so the pointers stay valid. */
    std::deque<std::string> strings;

    const char *keep(std::string s)
    {
        strings.push_back(std::move(s));
        return strings.back().c_str();
    }
    /* Appends the article stored in DOC with SCORE and no snippet. */
    void add(const Xapian::Document &doc, double score);
    void clear()
    {
        hits.clear();
        strings.clear();
    }
};

/* Every term of DB starting with PREFIX, with its term frequency, the MAX
 * most frequent first (ties in byte order). */
std::vector<std::pair<std::string, unsigned long>>
_khabar_top_terms(const Xapian::Database &db, const std::string &prefix,
                  unsigned max);

#endif /* KHABAR_EXPLORE_H */
