/* search.cc - running a query and copying the ranked hits out of Xapian
 * into memory the results own. */
#include <cstring>
#include <deque>
#include <vector>

#include "internal.h"

/* Snippet length in bytes, roughly two lines of a result page. */
#define SNIPPET_LENGTH 240

/* BM25's parameters (docs/QUERY.md, Ranking; measured in
 * docs/RELEVANCE.md).  Xapian's other BM25 parameters keep their
 * defaults: k2 = 0, k3 = 1, min_normlen = 0.5. */
#define KHABAR_BM25_K1 2.0
#define KHABAR_BM25_B  0.9

struct khabar_results {
    std::vector<khabar_hit_t> hits;
    /* The strings the hits point into.  A deque never moves its elements,
     * so the pointers stay valid as it grows. */
    std::deque<std::string> strings;
    unsigned long total = 0;
    unsigned long revision = 0;

    const char *keep(std::string s)
    {
        strings.push_back(std::move(s));
        return strings.back().c_str();
    }
};

namespace {

/* Boolean filter terms are stored lowercased (schema.h), so "source:BBC"
 * must look for the same term as "source:bbc". */
class lowercase_field : public Xapian::FieldProcessor {
    std::string prefix;

  public:
    explicit lowercase_field(const std::string &p) : prefix(p) {}
    Xapian::Query operator()(const std::string &value) override
    {
        return Xapian::Query(prefix + Xapian::Unicode::tolower(value));
    }
};

} /* namespace */

/* A parser for the syntax of docs/QUERY.md over DB, with the fields that
 * schema.h offers to queries. */
static Xapian::QueryParser
make_parser(const Xapian::Database &db, const Xapian::Stem &stemmer,
            bool default_or)
{
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    /* Every word is required unless OR (or the caller) says otherwise. */
    parser.set_default_op(default_or ? Xapian::Query::OP_OR
                                     : Xapian::Query::OP_AND);
    for (const khabar_prefix_t &p : KHABAR_PREFIXES) {
        if (!p.query_name)
            continue;
        if (p.kind == KHABAR_TERM_TEXT)
            parser.add_prefix(p.query_name, p.prefix);
        else
            parser.add_boolean_prefix(
                p.query_name, (new lowercase_field(p.prefix))->release());
    }
    return parser;
}

/* The HTML snippet of a hit: from the body, or from the title when the
 * body is empty.  Xapian escapes <, > and & in the text (tested). */
static std::string
make_snippet(const Xapian::MSet &mset, const _khabar_fields &article,
             const Xapian::Stem &stemmer)
{
    const unsigned flags = Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                           Xapian::MSet::SNIPPET_EXHAUSTIVE;
    std::string snippet = mset.snippet(article.body, SNIPPET_LENGTH, stemmer,
                                       flags, "<mark>", "</mark>", "…");
    if (snippet.empty())
        snippet = mset.snippet(article.title, SNIPPET_LENGTH, stemmer, flags,
                               "<mark>", "</mark>", "…");
    return snippet;
}

/* Copies the hit at IT into RESULTS, with a snippet unless STEMMER is
 * NULL. */
static void
add_hit(khabar_results_t *results, const Xapian::MSet &mset,
        const Xapian::MSetIterator &it, const Xapian::Stem *stemmer)
{
    _khabar_fields article = _khabar_data_decode(it.get_document().get_data());
    khabar_hit_t hit;
    hit.snippet = results->keep(stemmer ? make_snippet(mset, article, *stemmer)
                                        : std::string());
    hit.id = results->keep(std::move(article.id));
    hit.title = results->keep(std::move(article.title));
    hit.url = results->keep(std::move(article.url));
    hit.date = results->keep(std::move(article.date));
    hit.source = results->keep(std::move(article.source));
    hit.lang = results->keep(std::move(article.lang));
    hit.score = it.get_weight();
    results->hits.push_back(hit);
}

/* Fills RESULTS with the hits OPTIONS asks for of QUERY on DB and the
 * exact total. */
static void
run_query(Xapian::Database &db, const Xapian::Query &query,
          const khabar_search_options_t &options, const Xapian::Stem &stemmer,
          khabar_results_t *results)
{
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(
        options.bm25_k1 > 0 ? options.bm25_k1 : KHABAR_BM25_K1, 0, 1,
        options.bm25_b > 0 ? options.bm25_b : KHABAR_BM25_B, 0.5));
    Xapian::doccount all = db.get_doccount();
    unsigned size = options.size;
    /* check_at_least of every document makes Xapian count every match, so
     * the estimate is the exact total. */
    Xapian::MSet mset = enquire.get_mset(options.offset, size < all ? size : all,
                                         all);
    results->total = mset.get_matches_estimated();
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
        add_hit(results, mset, it, options.no_snippets ? NULL : &stemmer);
}

static bool
is_blank(const char *s)
{
    return s[strspn(s, " \t\r\n\f\v")] == '\0';
}

/* QUERY as the parser reads it: normalised (normalize.cc) and, with
 * STEM_ALL, with its words lowercased so that all of them are stemmed. */
static std::string
prepare_query(const char *query, const khabar_search_options_t &options)
{
    std::string text = _khabar_normalize(query, KHABAR_NORMALIZE_QUERY);
    return options.stem_all ? _khabar_lowercase_words(text) : text;
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
    try {
        khabar_search_options_t opts = { 0, 10, 0, 0, 0, 0, 0 };
        if (options)
            opts = *options;
        if (!query)
            return _khabar_fail(index, KHABAR_STATUS_INVALID_ARGUMENT,
                                "no query given");
        std::unique_ptr<khabar_results_t> results(new khabar_results_t());
        results->revision = index->revision_base + index->db->get_revision();
        std::string why;
        if (!_khabar_query_check(query, why))
            return _khabar_fail(index, KHABAR_STATUS_QUERY_SYNTAX, why);
        if (!is_blank(query)) {
            std::string text = prepare_query(query, opts);
            Xapian::Stem stemmer = _khabar_query_stemmer(text);
            Xapian::Query parsed =
                make_parser(*index->db, stemmer, opts.default_or)
                    .parse_query(text, Xapian::QueryParser::FLAG_DEFAULT);
            run_query(*index->db, parsed, opts, stemmer, results.get());
        }
        *out = results.release();
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

khabar_status_t
khabar_search(khabar_index_t *index, const char *query, unsigned offset,
              unsigned size, khabar_results_t **out)
{
    khabar_search_options_t options = { offset, size, 0, 0, 0, 0, 0 };
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

unsigned long
khabar_results_revision(const khabar_results_t *results)
{
    return results ? results->revision : 0;
}

void
khabar_results_free(khabar_results_t *results)
{
    delete results;
}
