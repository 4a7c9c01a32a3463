/* facet_table.h - the facet values and dates of every document of a
 * reader's revision, as small numbers, for the facet counter (facets.cc).
 *
 * Reading each match's KHABAR_SLOT_FACETS value through its document
 * and hashing its ~17 lines as strings cost about 15 us per match
 * (docs/BENCHMARKS.md, "Why keyword queries with facets are slow").  The
 * table reads the slot's value stream once per revision, gives each
 * distinct line a number, and keeps each document's numbers by document
 * id: counting a match is then an array increment per value. */
#ifndef KHABAR_FACET_TABLE_H
#define KHABAR_FACET_TABLE_H

#include <cstdint>
#include <string>
#include <vector>

#include "internal.h"

struct _khabar_facet_table {
    /* What the table was read from: it is read again when any changes. */
    std::string uuid;
    unsigned long revision = 0;
    Xapian::doccount count = 0;
    Xapian::docid last = 0;
    /* Every distinct KHABAR_SLOT_FACETS line (letter + name, no '\n'),
     * numbered by position. */
    std::vector<std::string> lines;
    /* Each line's facet (a khabar_facet_t; KHABAR_FACET_LAST for a letter
     * of none), and the number of its key: its letter and its name
     * folded (_khabar_facet_fold()), under which facets.cc adds up the
     * lines that differ only in case. */
    std::vector<uint8_t> facet_of;
    std::vector<uint32_t> key_of;
    std::vector<std::string> keys;
    /* Document D's line numbers: values[offsets[D] .. offsets[D + 1]). */
    std::vector<uint32_t> offsets;
    std::vector<uint32_t> values;
    /* Every distinct non-empty KHABAR_SLOT_DATE value, and the number of
     * document D's date (NO_DATE when it has none). */
    std::vector<std::string> dates;
    std::vector<uint32_t> date_of;
    static constexpr uint32_t NO_DATE = UINT32_MAX;
};

/* The letters of the facets in KHABAR_SLOT_FACETS, by khabar_facet_t. */
constexpr char KHABAR_FACET_LETTERS[KHABAR_FACET_LAST + 1] = "PLCOS";

/* NAME lowercased, as facets are grouped and filtered (Xapian's Unicode
 * tolower). */
std::string _khabar_facet_fold(const std::string &name);

/* The table of INDEX's current revision, read when the one kept on the
 * handle is missing or stale; NULL for a writer (whose documents change
 * without a new revision) and over shards (a remote one streams no
 * values; facet_table.cc says why not local ones either), which count
 * through their documents instead. */
const _khabar_facet_table *_khabar_facet_table_of(khabar_index_t *index);

#endif /* KHABAR_FACET_TABLE_H */
