/* search_internal.h - what the search side of the shim shares between its
 * files (search.cc, minhash.cc, collapse.cc, rank.cc, query_filters.cc,
 * snippet.cc, ...): never seen outside shim/. */
#ifndef KHABAR_SEARCH_INTERNAL_H
#define KHABAR_SEARCH_INTERNAL_H

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "internal.h"

/* minhash.cc */

/* The 64-bit b-bit MinHash of TEXT (schema.h, KHABAR_SLOT_MINHASH);
 * 0 for no words. */
uint64_t _khabar_minhash(const std::string &text);

/* In how many of their 16 nibbles A and B differ. */
int _khabar_minhash_distance(uint64_t a, uint64_t b);

/* The KHABAR_SLOT_MINHASH value of an article (16 hex digits), or ""
 * when it has no words. */
std::string _khabar_minhash_value(const khabar_article_t *article);

/* The hash in a KHABAR_SLOT_MINHASH value; false when VALUE is not one. */
bool _khabar_minhash_parse(const std::string &value, uint64_t *out);

/* collapse.cc */

/* One hit of a collapsed ranking: its place in the MSet and how many
 * lower-ranked hits were folded into it. */
struct _khabar_collapsed_hit {
    Xapian::doccount mset_index;
    unsigned long duplicates;
};

struct _khabar_collapsed {
    std::vector<_khabar_collapsed_hit> hits;   /* the requested page */
    unsigned long unique = 0;                  /* distinct stories seen */
    bool unique_exact = false;                 /* every match was seen */
};

/* The near-duplicate hash of every document INDEX reads, by document
 * id, read once per revision and kept in the handle; NULL when it cannot
 * be kept (a writer, a reader with a remote shard). */
const _khabar_minhashes *_khabar_minhashes_of(khabar_index_t *index);

/* total.cc */

/* The exact number of a query's matches, counted once, when first asked
 * (by a walk of its posting lists when it can be walked, else by Xapian's
 * matcher without weights), or given when something else counted them
 * (the facets). */
class _khabar_match_count {
  public:
    /* A new search's count (what the tests' probe sees starts again). */
    _khabar_match_count(khabar_index_t *index, const Xapian::Query &query);
    bool known() const { return known_; }
    void set(Xapian::doccount n) { count_ = n; known_ = true; }
    Xapian::doccount get();
    /* Whether the count is known, counting it if a walk can (and
     * leaving it to get() if only Xapian's matcher can: as costly as a
     * ranking). */
    bool known_cheaply();

  private:
    khabar_index_t *index_;
    const Xapian::Query &query_;
    Xapian::doccount count_ = 0;
    bool known_ = false;
};

/* Runs ENQUIRE for hits OFFSET to OFFSET + SIZE - 1 of the ranking with
 * near-duplicates collapsed, into *MSET (which the hits index) and OUT.
 * Every match is compared when there are at most 1,000 (then
 * OUT.unique_exact), else as many as the page needs.  When COUNT (of
 * the query's matches) is known or can be walked, the ranking stops as
 * early as Xapian can and COUNT says how many there are; else (no COUNT:
 * a bound on counting; or one only Xapian's matcher could count) Xapian
 * checks at least CHECK_AT_LEAST matches, and at least 1,001.  Either way
 * the number of matches is known exactly when there are at most 1,000
 * (from COUNT, or from Xapian's bounds, which then meet).  The hashes
 * come from TABLE, or from each hit's document when it is NULL.  REMOTE:
 * over remote shards, where only the hits the page needs are compared. */
void _khabar_collapse(Xapian::Enquire &enquire, _khabar_match_count *count,
                      Xapian::doccount check_at_least,
                      const _khabar_minhashes *table, bool remote,
                      unsigned offset,
                      unsigned size, Xapian::MSet *mset,
                      _khabar_collapsed &out);

/* How many articles a search matched: exactly, or an estimate between
 * LOWER and UPPER (both equal to VALUE when EXACT). */
struct _khabar_total {
    unsigned long value = 0, lower = 0, upper = 0;
    bool exact = true;
};

/* The total of a search whose ranking is MSET: MSET's count when
 * Xapian saw every match; else COUNT's when BOUND is 0, or an estimate
 * with its bounds when there is a BOUND (MSET having been asked to check
 * at least BOUND matches). */
_khabar_total _khabar_total_of(_khabar_match_count &count,
                               const Xapian::MSet &mset, unsigned long bound);

/* snippet.cc */

/* What one snippet changes as it is made (snippet.cc). */
struct _khabar_snippet_state;

/* Makes the snippets of a page of hits as Xapian's MSet::snippet() does
 * with SNIPPET_EXHAUSTIVE and no background model, byte for byte, in
 * less time (snippet.cc).  Made once for the page. */
class _khabar_snippet_maker {
  public:
    /* For the hits of MSET, a ranking of QUERY.  KEEPS_FIRST_LETTER:
     * the stemmer never changes a word's first byte (English), so a word
     * that no stem in QUERY starts like need not be stemmed. */
    _khabar_snippet_maker(const Xapian::MSet &mset, const Xapian::Query &query,
                          bool keeps_first_letter);

    /* False when only Xapian can make these snippets (a wildcard, CJK
     * n-grams, no hits): then ask MSet::snippet(). */
    bool usable() const { return usable_; }

    /* The snippet of TEXT: about LENGTH bytes around its best passage,
     * <, > and & escaped, matches between HI_START and HI_END, OMIT where
     * text was left out. */
    std::string operator()(const std::string &text, size_t length,
                           const Xapian::Stem &stemmer,
                           const std::string &hi_start,
                           const std::string &hi_end,
                           const std::string &omit) const;

  private:
    typedef _khabar_snippet_state snippet_state;

    void collect(const Xapian::Query &query);
    bool collect_phrase(const Xapian::Query &query);
    void weigh(const Xapian::MSet &mset, const Xapian::Query &query);
    double *relevance_of(const std::string &word,
                         const std::vector<std::string> &recent, size_t next,
                         const Xapian::Stem &stemmer, snippet_state &state,
                         size_t *highlight) const;

    bool usable_ = true;
    /* The terms outside phrases, each with its place in the relevances. */
    std::unordered_map<std::string, size_t> loose_;
    std::vector<double> loose_relevance_;
    std::vector<std::vector<std::string>> phrases_;
    std::vector<double> phrase_relevance_;
    size_t longest_ = 0;       /* words in the longest phrase */
    bool stemmed_ = false;     /* a term is a stem ("Z") */
    bool keeps_first_letter_;
    bool first_bytes_[256] = {};  /* the first bytes of terms and phrase ends */
    bool stem_initials_[256] = {};  /* the first bytes of the stems */
};

/* Whether a test asked for Xapian's snippets, and the count of those
 * Xapian made (snippet_probe.h). */
bool _khabar_snippets_by_xapian();
void _khabar_snippets_count_xapian();

/* rank.cc */

/* Sets ENQUIRE's order for SORT (relevance, newest or oldest first);
 * REMOTE: over remote shards, which take no key maker, so that oldest
 * first puts undated articles first (docs/SCALING.md). */
void _khabar_set_sort(Xapian::Enquire &enquire, khabar_sort_t sort,
                      bool remote);

/* QUERY with the recency preference of docs/QUERY.md added: a boost of
 * WEIGHT * 2^(-age / HALF_LIFE) days, age counted back from the newest
 * date in INDEX (over remote shards, a table of it per day: rank.cc). */
Xapian::Query _khabar_add_recency(const khabar_index_t *index,
                                  const Xapian::Query &query,
                                  double half_life, double weight);

/* date_terms.cc */

/* The filter for days LO..HI in KHABAR_SLOT_DATE's encoding (either ""
 * for an open end; bounds may end in 00 or 99 for a whole month or year):
 * through the year and month terms when DB has them, else the value
 * range alone, which _khabar_date_value_range() builds. */
Xapian::Query _khabar_date_filter(const Xapian::Database &db,
                                  const std::string &lo, const std::string &hi);
Xapian::Query _khabar_date_value_range(const std::string &lo,
                                       const std::string &hi);

/* query_filters.cc */

/* The date filter for FROM..TO (either may be NULL or "": open); throws
 * Xapian::InvalidArgumentError naming a bound that is not a date. */
Xapian::Query _khabar_date_range(const Xapian::Database &db, const char *from,
                                 const char *to);

/* A FieldProcessor for "date:" (date:2021, date:2021-02,
 * date:2021-02-01..2021-03-15, date:2021..); the caller releases it. */
Xapian::FieldProcessor *_khabar_date_field(const Xapian::Database &db);

/* PARSER.parse_query(TEXT, FLAGS), with a date field that could not read
 * its value reported as Xapian::QueryParserError after parsing (every
 * parse goes through here; query_filters.cc says why). */
Xapian::Query _khabar_parse(Xapian::QueryParser &parser,
                            const std::string &text, unsigned flags);

/* Checks every "date:" and "para:" of QUERY; false with WHY (naming the
 * column) when one is malformed. */
bool _khabar_query_check_fields(const std::string &query, std::string &why);

/* QUERY with each para:(w1 w2 ...) rewritten as the NEAR query of WINDOW
 * (_khabar_paragraph_window()) that keeps the words inside one paragraph
 * (docs/QUERY.md). */
std::string _khabar_rewrite_paragraphs(const std::string &query,
                                       Xapian::termcount window);

/* query_parse.cc: the one way a query is built (search, timeline,
 * export). */

/* The parser of docs/QUERY.md over DB: the query fields of schema.h
 * (boolean ones as filters), date:, year:, wildcards capped by OPTIONS,
 * default AND or OR. */
Xapian::QueryParser _khabar_make_parser(const Xapian::Database &db,
                                        const Xapian::Stem &stemmer,
                                        const khabar_search_options_t &options);

/* The QueryParser flags for OPTIONS. */
unsigned _khabar_parse_flags(const khabar_search_options_t &options);

/* QUERY as the parser reads it: normalised (normalize.cc), with STEM_ALL
 * its words lowercased so that all of them are stemmed, and para:( )
 * turned into the NEAR that DB's paragraph gap allows. */
std::string _khabar_prepare_query(const Xapian::Database &db,
                                  const char *query,
                                  const khabar_search_options_t &options);

/* The filters of OPTIONS given beside the query (filters, date_from,
 * date_to) as one query, empty when there are none; throws
 * Xapian::InvalidArgumentError for an unknown field or a bad date. */
Xapian::Query _khabar_option_filters(const Xapian::Database &db,
                                     const khabar_search_options_t &options);

/* QUERY filtered by FILTERS (either may be empty). */
Xapian::Query _khabar_apply_filters(const Xapian::Query &query,
                                    const Xapian::Query &filters);

/* match_walk.cc */

/* The documents a query matches, in increasing id order, walked from
 * its posting lists without Xapian's matcher, for counting. */
class _khabar_match_walk {
  public:
    virtual ~_khabar_match_walk() = default;
    /* The next match after the last one given (the first, at first); 0
     * when there are no more. */
    virtual Xapian::docid next() = 0;
    /* The first match at or after ID (not before the last one given); 0
     * when there is none. */
    virtual Xapian::docid skip_to(Xapian::docid id) = 0;
};

/* The walk over the matches of QUERY in DB (one database, not a set of
 * shards: the ids are DB's own), or NULL when QUERY has a part only
 * Xapian's matcher can run (match_walk.cc says which parts can be
 * walked).  Common terms are walked over their bitmaps in MAPS, the
 * bitmaps of DB's revision, when it is not NULL (term_bitmaps.h). */
struct _khabar_term_bitmaps;
std::unique_ptr<_khabar_match_walk>
_khabar_walk_matches(const Xapian::Database &db,
                     const _khabar_term_bitmaps *maps,
                     const Xapian::Query &query);

/* facets.cc */

/* One value of a facet. */
struct _khabar_facet_value {
    std::string value, filter;
    unsigned long count;
};

struct _khabar_facets {
    bool counted = false;
    std::vector<_khabar_facet_value> values[KHABAR_FACET_LAST];
    khabar_interval_t interval = KHABAR_INTERVAL_MONTH;
    std::vector<khabar_bucket_t> buckets;
    unsigned long undated = 0;
    unsigned long matches = 0;      /* every match, counted */
};

/* Counts the facets OPTIONS asks for over every match of QUERY (not
 * empty) in INDEX into OUT: exact, every match is visited. */
void _khabar_count_facets(khabar_index_t *index,
                          const Xapian::Query &query,
                          const khabar_search_options_t &options,
                          _khabar_facets &out);

/* The query-language filter for VALUE (lowercase) of FIELD. */
std::string _khabar_facet_filter(const char *field, const std::string &value);

/* Counts by date number (_khabar_date_number()), in any order. */
typedef std::vector<std::pair<uint32_t, unsigned long>> _khabar_date_counts;

/* facet_count.cc: counting from the facet table of a revision. */

struct _khabar_facet_table;

/* Counts the facets of every match of QUERY in DB (a reader's one local
 * index; ENQUIRE of QUERY unweighted, for a query the walk cannot take)
 * from TABLE, DB's revision's, walking common terms over MAPS when not
 * NULL: the SIZE largest values of each facet into VALUES, the dates into
 * DATES, the matches into *MATCHES. */
void _khabar_count_by_table(const Xapian::Database &db,
                            const _khabar_term_bitmaps *maps,
                            const Xapian::Query &query, Xapian::Enquire &enquire,
                            const _khabar_facet_table &table, unsigned size,
                            std::vector<_khabar_facet_value> *values,
                            _khabar_date_counts &dates, unsigned long *matches);

/* Counts every match of ENQUIRE (ALL: its database's document count) from
 * TABLE, that database's, into LINES by each line's text and DATES by
 * date number, adding the matches to *MATCHES: for summing several
 * shards, whose tables number lines apart. */
void _khabar_count_table_lines(Xapian::Enquire &enquire, Xapian::doccount all,
                               const _khabar_facet_table &table,
                               std::unordered_map<std::string, unsigned long> &lines,
                               std::unordered_map<uint32_t, unsigned long> &dates,
                               unsigned long *matches);

/* Forgets how the last count of this thread went (table_probe.h), for a
 * count that uses no table. */
void _khabar_facet_paths_clear(void);

/* timeline.cc */

/* The number YYYYMMDD of the KHABAR_SLOT_DATE value VALUE into *OUT;
 * false unless VALUE is 8 digits. */
bool _khabar_date_number(const std::string &value, uint32_t *out);

/* COUNTS put into the buckets of INTERVAL, appended to BUCKETS in date
 * order; a number whose month or day is out of range is no date; *DATED
 * is how many counts were dates. */
void _khabar_date_buckets(const _khabar_date_counts &counts,
                          khabar_interval_t interval,
                          std::vector<khabar_bucket_t> &buckets,
                          unsigned long *dated);

/* The same for COUNTS per KHABAR_SLOT_DATE value; values that are not 8
 * digits are no dates. */
void _khabar_date_buckets(const std::map<std::string, unsigned long> &counts,
                          khabar_interval_t interval,
                          std::vector<khabar_bucket_t> &buckets,
                          unsigned long *dated);

#endif /* KHABAR_SEARCH_INTERNAL_H */
