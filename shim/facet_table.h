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
#include "revision_table.h"

struct _khabar_facet_table {
    /* What the table was read from: a handle whose key differs takes
     * another (revision_table.h). */
    _khabar_revision_key key;
    /* Every distinct KHABAR_SLOT_FACETS line (letter + name, no '\n'),
     * numbered by position. */
    std::vector<std::string> lines;
    /* Each line's facet (a khabar_facet_t; KHABAR_FACET_LAST for a letter
     * of none), and the number of its key: its letter and its name
     * folded (_khabar_facet_fold()), under which facet_count.cc adds up the
     * lines that differ only in case. */
    std::vector<uint8_t> facet_of;
    std::vector<uint32_t> key_of;
    std::vector<std::string> keys;
    /* Document D's line numbers, in increasing order:
     * values[offsets[D] .. offsets[D + 1]). */
    std::vector<uint32_t> offsets;
    std::vector<uint32_t> values;
    /* Lines are numbered by the rank of their key within its facet, by
     * how many documents have the key (the sum over its lines), most
     * first, then by facet and key; lines of no facet come last.  So the
     * lines of the keys that rank below R in every facet are the numbers
     * below rank_end[R], and a count that can stop there stops early in
     * each document (facet_count.cc, counting the likely keys first).
     * ranked_df[F][R] is the number of documents of the key ranked R in
     * facet F: the most that any key ranked R or lower can count. */
    std::vector<uint32_t> rank_end;
    std::vector<uint32_t> ranked_df[KHABAR_FACET_LAST];
    /* How many documents have each line, and each date: a query that
     * matches most documents is counted as these less the others
     * (facet_count.cc). */
    std::vector<uint32_t> line_total;
    std::vector<uint32_t> date_total;
    /* Every distinct non-empty KHABAR_SLOT_DATE value as its number
     * YYYYMMDD (NOT_DIGITS when it is not 8 digits: such a date counts
     * as none), and the number of document D's date in it (NO_DATE when
     * it has none).  Counting by these numbers and bucketing them as
     * numbers (_khabar_date_buckets()) spares a query the 7,300 date
     * strings of a 20-year archive. */
    std::vector<uint32_t> dates;
    std::vector<uint32_t> date_of;
    static constexpr uint32_t NO_DATE = UINT32_MAX;
    static constexpr uint32_t NOT_DIGITS = UINT32_MAX;
};

/* The letters of the facets in KHABAR_SLOT_FACETS, by khabar_facet_t. */
constexpr char KHABAR_FACET_LETTERS[KHABAR_FACET_LAST + 1] = "PLCOS";

/* NAME lowercased, as facets are grouped and filtered (Xapian's Unicode
 * tolower). */
std::string _khabar_facet_fold(const std::string &name);

/* The table of INDEX's current revision: the one kept on the handle,
 * else the one another handle of the process holds for that revision,
 * else read (revision_table.h); NULL for a writer (whose documents
 * change without a new revision), over remote shards (which stream no
 * values) and over several local shards (facet_table.cc says why), which
 * count otherwise. */
const _khabar_facet_table *_khabar_facet_table_of(khabar_index_t *index);

/* Whether INDEX is a reader over several shards, all local: facets.cc
 * then counts each shard from its own table (_khabar_shard_facet_table()),
 * one match of the query per shard. */
bool _khabar_shard_tables_apply(const khabar_index_t *index);

/* The table of SHARD's current revision, a local shard of such an INDEX,
 * kept on SHARD and shared as above. */
const _khabar_facet_table *_khabar_shard_facet_table(_khabar_shard &shard);

#endif /* KHABAR_FACET_TABLE_H */
