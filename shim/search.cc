/* search.cc - running a query and copying the ranked hits out of Xapian
 * into memory the results own. */
#include <cstring>
#include <deque>
#include <optional>
#include <unordered_map>
#include <vector>

#include "scratch.h"
#include "search_internal.h"

/* Snippet length in bytes, roughly two lines of a result page. */
#define SNIPPET_LENGTH 240

/* BM25's parameters (docs/QUERY.md, Ranking; measured in
 * docs/RELEVANCE.md).  Xapian's other BM25 parameters keep their
 * defaults: k2 = 0, k3 = 1, min_normlen = 0.5. */
#define KHABAR_BM25_K1 2.0
#define KHABAR_BM25_B  0.9

/* A spelling correction is offered only when the query finds fewer
 * articles than this, and the correction finds more (docs/QUERY.md). */
#define SUGGEST_BELOW 5

/* The recency boost of the best-dated article, as a share of the most
 * that the query's words can score (docs/QUERY.md, Ranking). */
#define RECENCY_SHARE 0.5

struct khabar_results {
    std::vector<khabar_hit_t> hits;
    /* The strings the hits point into.  A deque never moves its elements,
     * so the pointers stay valid as it grows. */
    std::deque<std::string> strings;
    unsigned long total = 0;
    /* With a total bound: whether TOTAL is exact, and its bounds. */
    bool total_exact = true;
    unsigned long total_lower = 0, total_upper = 0;
    unsigned long revision = 0;
    unsigned long unique = 0;
    bool unique_exact = true;
    std::string parsed, suggestion;
    /* The entities of the hits; a deque, so the hits' pointers stay
     * valid. */
    std::deque<std::vector<khabar_entity_t>> entities;
    _khabar_facets facets;

    const char *keep(std::string s)
    {
        strings.push_back(std::move(s));
        return strings.back().c_str();
    }
};

/* Words a memo holds the stems of, per language, before it starts
 * afresh: some 5 MB. */
#define STEM_MEMO_WORDS 50000

/* A word's stem, by word. */
typedef std::unordered_map<std::string, std::string> stem_memo;

/* A stemmer that remembers its answers in a memo.  A snippet stems the
 * words of the hit's text that could match a stemmed query term, which
 * was a third of the instructions of a page with snippets when it was
 * every word (docs/BENCHMARKS.md, "HTTP queries"); a stemmer is a
 * pure function of the word, so remembering changes no snippet.  The
 * stemmer is the search's own, used on its thread only: the memo, lent
 * (scratch.h), outlives it.
 *
 * With INITIALS (the first bytes of the query's stems, for the English
 * stemmer only) most words are not stemmed at all: Snowball's English
 * stemmer changes a word's ending and never its first letter (it drops
 * only a leading apostrophe, and the words of Xapian's snippets never
 * begin with one), so a word whose first byte begins none of the query's
 * stems cannot stem to one of them.  It is returned as it is, which is
 * not one of them either (it would begin as one does), so the snippet
 * marks the same words.  Looking each word up in the memo was still a
 * fifth of the time of a page with snippets (docs/BENCHMARKS.md, "Snippets
 * stemmed less"). */
class memo_stem : public Xapian::StemImplementation {
  public:
    memo_stem(const Xapian::Stem &stemmer, stem_memo &memo,
              const std::string &initials)
        : stemmer_(stemmer), memo_(memo), initials_(initials) {}

    std::string operator()(const std::string &word) override
    {
        if (!initials_.empty() &&
            initials_.find(word[0]) == std::string::npos)
            return word;
        auto it = memo_.find(word);
        if (it != memo_.end())
            return it->second;
        if (memo_.size() >= STEM_MEMO_WORDS)
            memo_.clear();
        return memo_.emplace(word, stemmer_(word)).first->second;
    }

    std::string get_description() const override
    {
        return stemmer_.get_description();
    }

  private:
    Xapian::Stem stemmer_;
    stem_memo &memo_;
    std::string initials_;
};

/* The memos by language (the stemmer's description); lent to one page
 * of snippets at a time. */
struct stem_memos {
    std::unordered_map<std::string, stem_memo> by_language;
};

/* Whether STEMMER is Snowball's English one, whose stems begin with the
 * word's first letter (memo_stem). */
static bool
keeps_first_letter(const Xapian::Stem &stemmer)
{
    /* Never freed: a search may still run while the process exits. */
    static const std::string *english =
        new std::string(Xapian::Stem("english").get_description());
    return stemmer.get_description() == *english;
}

/* STEMMER, remembering in MEMOS, for a query whose stems begin with the
 * bytes of INITIALS ("" for a stemmer that may change a word's first
 * letter: then every word is stemmed).  A "none" stemmer is left as it
 * is, as Xapian treats it apart. */
static Xapian::Stem
remembering(stem_memos &memos, const Xapian::Stem &stemmer,
            const std::string &initials)
{
    if (stemmer.is_none())
        return stemmer;
    return Xapian::Stem(new memo_stem(
        stemmer, memos.by_language[stemmer.get_description()], initials));
}

/* The first bytes of the stems of QUERY's stemmed words ("Z" and the
 * stem, docs/SCHEMA.md), each once: empty when it has none, and then no
 * word of a snippet needs stemming, as no stem can be one of its terms.
 * A field's stems ("ZS" and the stem of a title word) are left out: their
 * upper-case prefix is never the start of a snippet's words, which Xapian
 * lower-cases, nor of their stems. */
static std::string
stem_initials(const Xapian::Query &query)
{
    std::string initials;
    for (Xapian::TermIterator t = query.get_terms_begin();
         t != query.get_terms_end(); ++t) {
        const std::string &term = *t;
        if (term.size() > 1 && term[0] == 'Z' &&
            !(term[1] >= 'A' && term[1] <= 'Z') &&
            initials.find(term[1]) == std::string::npos)
            initials += term[1];
    }
    return initials;
}

/* How a page's snippets are made: the stemmer that remembers, the
 * search's own, and the maker for the page's MSet. */
struct page_snippets {
    const Xapian::Stem &remembered, &plain;
    _khabar_snippet_maker maker;
};

/* A snippet of TEXT: by the page's maker when it can make it, else by
 * Xapian. */
static std::string
snippet_of(const Xapian::MSet &mset, const std::string &text,
           const page_snippets &page)
{
    static const std::string mark = "<mark>", unmark = "</mark>",
                             omit = "…";
    bool by_xapian = _khabar_snippets_by_xapian();
    if (page.maker.usable() && !by_xapian)
        return page.maker(text, SNIPPET_LENGTH, page.remembered, mark, unmark,
                          omit);
    _khabar_snippets_count_xapian();
    /* No SNIPPET_BACKGROUND_MODEL: it looks up the frequency of every
     * word of the text, which doubled the time of a page of hits, only to
     * break ties between passages with the same query words
     * (docs/BENCHMARKS.md, "HTTP queries").  A test that asks for Xapian's
     * snippets gets them with the plain stemmer, so that it checks the
     * memo's short cuts too. */
    return mset.snippet(text, SNIPPET_LENGTH,
                        by_xapian ? page.plain : page.remembered,
                        Xapian::MSet::SNIPPET_EXHAUSTIVE, mark, unmark, omit);
}

/* The HTML snippet of a hit: from the body, or from the title when the
 * body is empty.  <, > and & in the text are escaped (tested). */
static std::string
make_snippet(const Xapian::MSet &mset, const _khabar_fields &article,
             const page_snippets &page)
{
    std::string snippet = snippet_of(mset, article.body, page);
    if (snippet.empty())
        snippet = snippet_of(mset, article.title, page);
    return snippet;
}

/* The stored fields of the hit DOC: from its hit record when it has one
 * and no snippet is wanted (WITH_BODY false), so that the article is not
 * inflated from the data just for its title; else from the data, as for
 * an index written before the hit record existed (schema.h). */
static _khabar_fields
hit_fields(const Xapian::Document &doc, bool with_body)
{
    if (!with_body) {
        std::string record = doc.get_value(KHABAR_SLOT_HIT);
        if (!record.empty())
            return _khabar_hit_decode(record);
    }
    return _khabar_data_decode(doc.get_data());
}

/* Copies the hit at IT into RESULTS, with a snippet unless SNIPPETS is
 * NULL. */
static void
add_hit(khabar_results_t *results, const Xapian::MSet &mset,
        const Xapian::MSetIterator &it, const page_snippets *snippets,
        unsigned long duplicates)
{
    _khabar_fields article = hit_fields(it.get_document(), snippets != NULL);
    khabar_hit_t hit = {};
    hit.snippet = results->keep(
        snippets ? make_snippet(mset, article, *snippets) : std::string());
    hit.id = results->keep(std::move(article.id));
    hit.title = results->keep(std::move(article.title));
    hit.url = results->keep(std::move(article.url));
    hit.date = results->keep(std::move(article.date));
    hit.source = results->keep(std::move(article.source));
    hit.lang = results->keep(std::move(article.lang));
    hit.score = it.get_weight();
    hit.duplicates = duplicates;
    if (!article.entities.empty()) {
        /* The views point into strings the results keep. */
        std::vector<khabar_entity_t> views =
            _khabar_entity_views(article.entities);
        for (size_t i = 0; i < views.size(); i++) {
            views[i].name = results->keep(std::move(article.entities[i].name));
            views[i].country =
                results->keep(std::move(article.entities[i].country));
        }
        results->entities.push_back(std::move(views));
        hit.entities = results->entities.back().data();
        hit.n_entities = results->entities.back().size();
    }
    results->hits.push_back(hit);
}

/* Sets the total of RESULTS (and unique, when nothing was collapsed). */
static void
set_total(khabar_results_t *results, unsigned long value, bool exact,
          unsigned long lower, unsigned long upper,
          const khabar_search_options_t &options)
{
    results->total = value;
    results->total_exact = exact;
    results->total_lower = lower;
    results->total_upper = upper;
    if (!options.collapse)
        results->unique = value;
}

static Xapian::BM25Weight
weighting(const khabar_search_options_t &options)
{
    return Xapian::BM25Weight(
        options.bm25_k1 > 0 ? options.bm25_k1 : KHABAR_BM25_K1, 0, 1,
        options.bm25_b > 0 ? options.bm25_b : KHABAR_BM25_B, 0.5);
}

/* QUERY with the recency boost of OPTIONS, scaled to what QUERY's words
 * can score at most (so that it means the same for one word or ten). */
static Xapian::Query
with_recency(const khabar_index_t *index, const Xapian::Query &query,
             const khabar_search_options_t &options)
{
    Xapian::Database &db = *index->db;
    if (!(options.recency_half_life > 0) || options.sort != KHABAR_SORT_RELEVANCE)
        return query;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(weighting(options));
    double most = enquire.get_mset(0, 0).get_max_possible();
    return _khabar_add_recency(index, query, options.recency_half_life,
                               most > 0 ? RECENCY_SHARE * most : 1.0);
}

/* Fills RESULTS with the hits OPTIONS asks for of QUERY on INDEX, and the
 * total, COUNT (of QUERY's matches) saying how many when the ranking does
 * not. */
static void
run_query(khabar_index_t *index, const Xapian::Query &query,
          _khabar_match_count &count, const khabar_search_options_t &options,
          const Xapian::Stem &stemmer, khabar_results_t *results)
{
    Xapian::Database &db = *index->db;
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(weighting(options));
    _khabar_set_sort(enquire, options.sort, index->remote);
    /* The page's snippets stem through one memo, lent for the page, and
     * only when the query has a stemmed term to find: else no stem of a
     * word can be one of its terms, so a stemmer that leaves words as
     * they are marks the same words (a quarter of queries are phrases
     * and filters). */
    std::string initials =
        options.no_snippets ? std::string() : stem_initials(query);
    bool first_letter = !options.no_snippets && keeps_first_letter(stemmer);
    std::optional<_khabar_lent<stem_memos>> memos;
    if (!options.no_snippets && !initials.empty())
        memos.emplace();
    Xapian::Stem remembered =
        memos ? remembering(**memos, stemmer,
                            first_letter ? initials : std::string())
              : Xapian::Stem();
    std::optional<page_snippets> snippets;
    auto snippets_for = [&](const Xapian::MSet &page) {
        if (!options.no_snippets)
            snippets.emplace(page_snippets{remembered, stemmer,
                                           {page, query, first_letter}});
    };
    Xapian::MSet mset;
    if (options.collapse) {
        _khabar_collapsed collapsed;
        /* Counting every match is what a bound on the total forbids. */
        _khabar_collapse(enquire,
                         options.total_bound && !count.known() ? NULL : &count,
                         options.total_bound,
                         _khabar_minhashes_of(index), index->remote,
                         options.offset,
                         options.size, &mset, collapsed);
        results->unique = collapsed.unique;
        results->unique_exact = collapsed.unique_exact;
        snippets_for(mset);
        for (const _khabar_collapsed_hit &hit : collapsed.hits)
            add_hit(results, mset, mset[hit.mset_index],
                    snippets ? &*snippets : NULL, hit.duplicates);
    } else {
        /* check_at_least only as far as the bound: Xapian stops once the
         * page is known, and _khabar_total_of() counts the rest when it
         * must. */
        mset = enquire.get_mset(options.offset, options.size,
                                (Xapian::doccount) options.total_bound);
        snippets_for(mset);
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
            add_hit(results, mset, it, snippets ? &*snippets : NULL, 0);
    }
    _khabar_total total = _khabar_total_of(count, mset, options.total_bound);
    set_total(results, total.value, total.exact, total.lower, total.upper,
              options);
}

static bool
is_blank(const char *s)
{
    return s[strspn(s, " \t\r\n\f\v")] == '\0';
}

/* Xapian's description of QUERY without its "Query(...)" wrapper. */
static std::string
describe(const Xapian::Query &query)
{
    std::string d = query.get_description();
    if (d.compare(0, 6, "Query(") == 0 && d.back() == ')')
        d = d.substr(6, d.size() - 7);
    return d;
}

/* "wildcard 'taliban*' matches more than 1000 terms" from Xapian's
 * "Wildcard taliban* expands to more than 1000 terms", with the term
 * prefix turned back into the field name the user typed. */
static std::string
wildcard_message(const Xapian::WildcardError &e, unsigned cap)
{
    std::string msg = e.get_msg(), pattern;
    size_t star = msg.find("* expands");
    if (msg.compare(0, 9, "Wildcard ") == 0 && star != std::string::npos)
        pattern = msg.substr(9, star - 9);
    for (const khabar_prefix_t &p : KHABAR_PREFIXES)
        if (p.query_name && *p.prefix && p.kind == KHABAR_TERM_TEXT &&
            pattern.compare(0, strlen(p.prefix), p.prefix) == 0) {
            pattern = std::string(p.query_name) + ":" +
                      pattern.substr(strlen(p.prefix));
            break;
        }
    return "wildcard '" + pattern + "*' matches more than " +
           std::to_string(cap) + (cap == 1 ? " term" : " terms") +
           "; make it longer";
}

/* Whether QUERY looks for a term that DB does not hold: only then can a
 * spelling correction be offered, since words the archive knows are
 * never corrected (docs/QUERY.md, Spelling). */
static bool
has_unknown_term(const Xapian::Database &db, const Xapian::Query &query)
{
    for (Xapian::TermIterator t = query.get_unique_terms_begin();
         t != query.get_unique_terms_end(); ++t)
        if (!db.term_exists(*t))
            return true;
    return false;
}

/* Parses QUERY (blank: every article, or none) and runs it filtered by
 * FILTERS into RESULTS, with facets when OPTS asks for them. */
static void
search(khabar_index_t *index, const char *query,
       const khabar_search_options_t &opts, const Xapian::Query &filters,
       khabar_results_t *results)
{
    Xapian::Database &db = *index->db;
    std::string text = _khabar_prepare_query(db, query, opts);
    Xapian::Stem stemmer = _khabar_query_stemmer(text);
    Xapian::QueryParser parser = _khabar_make_parser(db, stemmer, opts);
    /* Spelling correction looks every word up in the spelling table, a
     * third of the time of a typical query: it is asked for only when a
     * suggestion can be offered, below. */
    const unsigned spelling = Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
    unsigned flags = _khabar_parse_flags(opts) & ~spelling;
    Xapian::Query parsed = is_blank(query) ? Xapian::Query::MatchAll
                                           : _khabar_parse(parser, text, flags);
    parsed = _khabar_apply_filters(parsed, filters);
    Xapian::Query ranked = with_recency(index, parsed, opts);
    results->parsed = describe(ranked);
    /* The recency preference adds to the weights, not to the matches. */
    _khabar_match_count count(index, parsed);
    /* Facets count every match, first, so that the ranking and the total
     * need not. */
    if (opts.facets) {
        _khabar_count_facets(index, parsed, opts, results->facets);
        count.set((Xapian::doccount) results->facets.matches);
    }
    run_query(index, ranked, count, opts, stemmer, results);

    if (!opts.suggest || is_blank(query) || results->total >= SUGGEST_BELOW ||
        !has_unknown_term(db, parsed))
        return;
    Xapian::QueryParser speller = _khabar_make_parser(db, stemmer, opts);
    _khabar_parse(speller, text, flags | spelling);
    std::string corrected = speller.get_corrected_query_string();
    if (corrected.empty())
        return;
    Xapian::QueryParser fixer = _khabar_make_parser(db, stemmer, opts);
    Xapian::Query fixed = _khabar_parse(fixer, corrected, flags);
    fixed = _khabar_apply_filters(fixed, filters);
    /* Counted as a total is (total.cc): walked when it can be. */
    if (_khabar_match_count(index, fixed).get() > results->total)
        results->suggestion = corrected;
}

khabar_status_t
khabar_search_ex(khabar_index_t *index, const char *query,
                 const khabar_search_options_t *options,
                 khabar_results_t **out)
{
    if (!index || !out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    index->message.clear();
    khabar_search_options_t opts = {};
    opts.size = 10;
    if (options)
        opts = *options;
    try {
        if (!query)
            return _khabar_fail(index, KHABAR_STATUS_INVALID_ARGUMENT,
                                "no query given");
        /* Read as an integer: a C caller can store any int in the enum,
         * and loading an out-of-range enum is undefined in C++. */
        int sort;
        static_assert(sizeof sort == sizeof opts.sort, "enum is an int");
        memcpy(&sort, &opts.sort, sizeof sort);
        if (sort < KHABAR_SORT_RELEVANCE || sort > KHABAR_SORT_OLDEST ||
            !(opts.recency_half_life >= 0))
            return _khabar_fail(index, KHABAR_STATUS_INVALID_ARGUMENT,
                                "bad sort or recency option");
        if (opts.facet_interval < 0 || opts.facet_interval > 4)
            return _khabar_fail(index, KHABAR_STATUS_INVALID_ARGUMENT,
                                "bad facet interval");
        Xapian::Query filters;
        try {
            filters = _khabar_option_filters(*index->db, opts);
        } catch (const Xapian::InvalidArgumentError &e) {
            return _khabar_fail(index, KHABAR_STATUS_INVALID_ARGUMENT,
                                e.get_msg());
        }
        std::unique_ptr<khabar_results_t> results(new khabar_results_t());
        results->revision = _khabar_revision(index);
        std::string why;
        if (!_khabar_query_check(query, why) ||
            !_khabar_query_check_fields(query, why))
            return _khabar_fail(index, KHABAR_STATUS_QUERY_SYNTAX, why);
        if (!is_blank(query) || opts.empty_matches_all)
            search(index, query, opts, filters, results.get());
        else if (opts.facets)
            results->facets.counted = true;
        *out = results.release();
        return KHABAR_STATUS_SUCCESS;
    } catch (const Xapian::WildcardError &e) {
        return _khabar_fail(index, KHABAR_STATUS_QUERY_SYNTAX,
                            wildcard_message(e, opts.wildcard_max ?
                                opts.wildcard_max : KHABAR_WILDCARD_MAX_DEFAULT));
    } catch (...) {
        return _khabar_caught(index);
    }
}

khabar_status_t
khabar_search(khabar_index_t *index, const char *query, unsigned offset,
              unsigned size, khabar_results_t **out)
{
    khabar_search_options_t options = {};
    options.offset = offset;
    options.size = size;
    return khabar_search_ex(index, query, &options, out);
}

size_t
khabar_results_size(const khabar_results_t *results)
{
    return results ? results->hits.size() : 0;
}

const khabar_hit_t *
khabar_results_hit(const khabar_results_t *results, size_t i)
{
    if (!results || i >= results->hits.size())
        return NULL;
    return &results->hits[i];
}

unsigned long
khabar_results_total(const khabar_results_t *results)
{
    return results ? results->total : 0;
}

int
khabar_results_total_exact(const khabar_results_t *results,
                           unsigned long *lower, unsigned long *upper)
{
    if (lower)
        *lower = results ? results->total_lower : 0;
    if (upper)
        *upper = results ? results->total_upper : 0;
    return results ? results->total_exact : 1;
}

unsigned long
khabar_results_revision(const khabar_results_t *results)
{
    return results ? results->revision : 0;
}

const char *
khabar_results_parsed(const khabar_results_t *results)
{
    return results ? results->parsed.c_str() : "";
}

const char *
khabar_results_suggestion(const khabar_results_t *results)
{
    return results ? results->suggestion.c_str() : "";
}

unsigned long
khabar_results_unique(const khabar_results_t *results, int *exact)
{
    if (exact)
        *exact = results ? results->unique_exact : 1;
    return results ? results->unique : 0;
}

void
khabar_results_free(khabar_results_t *results)
{
    delete results;
}

int
khabar_results_has_facets(const khabar_results_t *results)
{
    return results && results->facets.counted;
}

/* Value I of FACET in RESULTS, or NULL. */
static const _khabar_facet_value *
facet_value(const khabar_results_t *results, khabar_facet_t facet, size_t i)
{
    if (!results || !khabar_facet_name(facet) ||
        i >= results->facets.values[facet].size())
        return NULL;
    return &results->facets.values[facet][i];
}

size_t
khabar_results_facet_size(const khabar_results_t *results, khabar_facet_t facet)
{
    if (!results || !khabar_facet_name(facet))
        return 0;
    return results->facets.values[facet].size();
}

const char *
khabar_results_facet_value(const khabar_results_t *results,
                           khabar_facet_t facet, size_t i)
{
    const _khabar_facet_value *v = facet_value(results, facet, i);
    return v ? v->value.c_str() : NULL;
}

unsigned long
khabar_results_facet_count(const khabar_results_t *results,
                           khabar_facet_t facet, size_t i)
{
    const _khabar_facet_value *v = facet_value(results, facet, i);
    return v ? v->count : 0;
}

const char *
khabar_results_facet_filter(const khabar_results_t *results,
                            khabar_facet_t facet, size_t i)
{
    const _khabar_facet_value *v = facet_value(results, facet, i);
    return v ? v->filter.c_str() : NULL;
}

khabar_interval_t
khabar_results_date_interval(const khabar_results_t *results)
{
    return results ? results->facets.interval : KHABAR_INTERVAL_MONTH;
}

size_t
khabar_results_date_size(const khabar_results_t *results)
{
    return results ? results->facets.buckets.size() : 0;
}

const khabar_bucket_t *
khabar_results_date_bucket(const khabar_results_t *results, size_t i)
{
    if (!results || i >= results->facets.buckets.size())
        return NULL;
    return &results->facets.buckets[i];
}

unsigned long
khabar_results_date_undated(const khabar_results_t *results)
{
    return results ? results->facets.undated : 0;
}
