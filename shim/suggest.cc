/* suggest.cc - lists of names with counts: autocompletion from title
 * words (khabar_suggest) and the sources with most articles. */
#include <algorithm>
#include <cstring>

#include "explore.h"

struct khabar_counts {
    std::vector<std::pair<std::string, unsigned long>> entries;
};

/* Whether A ranks before B: larger count first, then byte order. */
static bool
ranks_before(const std::pair<std::string, unsigned long> &a,
             const std::pair<std::string, unsigned long> &b)
{
    return a.second != b.second ? a.second > b.second : a.first < b.first;
}

std::vector<std::pair<std::string, unsigned long>>
_khabar_top_terms(const Xapian::Database &db, const std::string &prefix,
                  unsigned max)
{
    /* A heap whose top is the worst of the best MAX seen so far. */
    std::vector<std::pair<std::string, unsigned long>> best;
    for (Xapian::TermIterator it = db.allterms_begin(prefix);
         it != db.allterms_end(prefix) && max > 0; ++it) {
        std::pair<std::string, unsigned long> entry(*it, it.get_termfreq());
        if (best.size() == max && !ranks_before(entry, best.front()))
            continue;
        if (best.size() == max) {
            std::pop_heap(best.begin(), best.end(), ranks_before);
            best.pop_back();
        }
        best.push_back(std::move(entry));
        std::push_heap(best.begin(), best.end(), ranks_before);
    }
    std::sort(best.begin(), best.end(), ranks_before);
    return best;
}

/* The number of characters in the UTF-8 TEXT. */
static size_t
utf8_chars(const std::string &text)
{
    size_t n = 0;
    for (unsigned char c : text)
        n += (c & 0xc0) != 0x80;
    return n;
}

khabar_status_t
khabar_suggest(khabar_index_t *index, const char *prefix, unsigned max,
               khabar_counts_t **out)
{
    if (!index || !out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    index->message.clear();
    try {
        if (!prefix || utf8_chars(prefix) < KHABAR_SUGGEST_MIN_CHARS)
            return _khabar_fail(index, KHABAR_STATUS_INVALID_ARGUMENT,
                                "a prefix needs at least 2 characters");
        /* As TermGenerator wrote title words: normalised, lowercased. */
        std::string word = Xapian::Unicode::tolower(
            _khabar_normalize(prefix, KHABAR_NORMALIZE_INDEX));
        std::string start = KHABAR_PREFIX_TITLE + word;
        std::unique_ptr<khabar_counts_t> counts(new khabar_counts_t());
        counts->entries = _khabar_top_terms(*index->db, start, max);
        for (auto &entry : counts->entries)
            entry.first.erase(0, strlen(KHABAR_PREFIX_TITLE));
        *out = counts.release();
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

/* The source as the first article holding TERM wrote it; the term's own
 * text (lowercased, perhaps hashed) if that article names none. */
static std::string
source_name(Xapian::Database &db, const std::string &term)
{
    Xapian::PostingIterator it = db.postlist_begin(term);
    if (it != db.postlist_end(term)) {
        _khabar_fields f = _khabar_data_decode(db.get_document(*it).get_data());
        if (!f.source.empty())
            return f.source;
    }
    return term.substr(strlen(KHABAR_PREFIX_SOURCE));
}

khabar_status_t
khabar_index_top_sources(khabar_index_t *index, unsigned max,
                         khabar_counts_t **out)
{
    if (!index || !out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    index->message.clear();
    try {
        std::unique_ptr<khabar_counts_t> counts(new khabar_counts_t());
        counts->entries = _khabar_top_terms(*index->db, KHABAR_PREFIX_SOURCE,
                                            max);
        for (auto &entry : counts->entries)
            entry.first = source_name(*index->db, entry.first);
        *out = counts.release();
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

size_t
khabar_counts_size(const khabar_counts_t *counts)
{
    return counts ? counts->entries.size() : 0;
}

const char *
khabar_counts_name(const khabar_counts_t *counts, size_t i)
{
    if (!counts || i >= counts->entries.size())
        return NULL;
    return counts->entries[i].first.c_str();
}

unsigned long
khabar_counts_value(const khabar_counts_t *counts, size_t i)
{
    if (!counts || i >= counts->entries.size())
        return 0;
    return counts->entries[i].second;
}

void
khabar_counts_free(khabar_counts_t *counts)
{
    delete counts;
}
