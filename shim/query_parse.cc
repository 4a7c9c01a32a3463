/* query_parse.cc - the one place where a query of docs/QUERY.md becomes
 * a Xapian::Query: the parser (fields of schema.h, date:, year:, para:,
 * wildcards), and the filters given beside the query (khabar_filter_t,
 * from/to).  search.cc, timeline.cc and export.cc all go through it, so
 * /search, /timeline and /export match the same articles; and the hit
 * list the exploring calls share (explore.h). */
#include <cstring>
#include <map>

#include "explore.h"
#include "search_internal.h"

namespace {

/* Boolean filter terms are stored lowercased (schema.h), so "source:BBC"
 * must look for the same term as "source:bbc"; and long values hashed as
 * the indexer hashes them. */
class lowercase_field : public Xapian::FieldProcessor {
    std::string prefix;

  public:
    explicit lowercase_field(const std::string &p) : prefix(p) {}
    Xapian::Query operator()(const std::string &value) override
    {
        return Xapian::Query(_khabar_boolean_term(
            prefix.c_str(), Xapian::Unicode::tolower(value)));
    }
};

} /* namespace */

Xapian::QueryParser
_khabar_make_parser(const Xapian::Database &db, const Xapian::Stem &stemmer,
                    const khabar_search_options_t &options)
{
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    /* Every word is required unless OR (or the caller) says otherwise. */
    parser.set_default_op(options.default_or ? Xapian::Query::OP_OR
                                             : Xapian::Query::OP_AND);
    /* A wildcard that would expand past the cap is an error when the
     * query runs (Xapian::WildcardError), never a silent truncation. */
    parser.set_max_expansion(options.wildcard_max ? options.wildcard_max
                                                  : KHABAR_WILDCARD_MAX_DEFAULT,
                             Xapian::Query::WILDCARD_LIMIT_ERROR,
                             Xapian::QueryParser::FLAG_WILDCARD);
    /* A boolean entry of the table with a query name is a filter: OR'd
     * within the field, AND'd across fields (Xapian groups them so). */
    for (const khabar_prefix_t &p : KHABAR_PREFIXES) {
        if (!p.query_name)
            continue;
        if (p.kind == KHABAR_TERM_TEXT)
            parser.add_prefix(p.query_name, p.prefix);
        else
            parser.add_boolean_prefix(
                p.query_name, (new lowercase_field(p.prefix))->release());
    }
    parser.add_boolean_prefix("date", _khabar_date_field(db)->release());
    parser.add_boolean_prefix("year", _khabar_date_field(db)->release());
    return parser;
}

unsigned
_khabar_parse_flags(const khabar_search_options_t &options)
{
    unsigned flags = Xapian::QueryParser::FLAG_DEFAULT |
                     Xapian::QueryParser::FLAG_WILDCARD;
    if (options.suggest)
        flags |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
    return flags;
}

std::string
_khabar_prepare_query(const Xapian::Database &db, const char *query,
                      const khabar_search_options_t &options)
{
    std::string text = _khabar_normalize(query, KHABAR_NORMALIZE_QUERY);
    if (options.stem_all)
        text = _khabar_lowercase_words(text);
    return _khabar_rewrite_paragraphs(text, _khabar_paragraph_window(db));
}

/* The prefix of the boolean query field NAME, or NULL. */
static const char *
filter_prefix(const char *name)
{
    for (const khabar_prefix_t &p : KHABAR_PREFIXES)
        if (p.query_name && p.kind == KHABAR_TERM_BOOLEAN &&
            strcmp(p.query_name, name) == 0)
            return p.prefix;
    return NULL;
}

Xapian::Query
_khabar_option_filters(const Xapian::Database &db,
                       const khabar_search_options_t &options)
{
    std::map<std::string, std::vector<Xapian::Query>> fields;
    for (size_t i = 0; options.filters && i < options.n_filters; i++) {
        const khabar_filter_t &f = options.filters[i];
        const char *prefix = f.field ? filter_prefix(f.field) : NULL;
        if (!prefix)
            throw Xapian::InvalidArgumentError(
                std::string("unknown filter '") + (f.field ? f.field : "") + "'");
        if (!f.value || !*f.value)
            throw Xapian::InvalidArgumentError(
                std::string("filter '") + f.field + "' needs a value");
        fields[f.field].push_back(Xapian::Query(_khabar_boolean_term(
            prefix, Xapian::Unicode::tolower(
                        _khabar_normalize(f.value, KHABAR_NORMALIZE_INDEX)))));
    }
    std::vector<Xapian::Query> all;
    for (auto &field : fields)
        all.push_back(Xapian::Query(Xapian::Query::OP_OR, field.second.begin(),
                                    field.second.end()));
    if ((options.date_from && *options.date_from) ||
        (options.date_to && *options.date_to))
        all.push_back(
            _khabar_date_range(db, options.date_from, options.date_to));
    if (all.empty())
        return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

Xapian::Query
_khabar_apply_filters(const Xapian::Query &query, const Xapian::Query &filters)
{
    if (filters.empty() || query.empty())
        return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query, filters);
}

bool
_khabar_user_query(const Xapian::Database &db, const char *query,
                   Xapian::Query &out, std::string &why)
{
    out = Xapian::Query();
    if (!_khabar_query_check(query, why) ||
        !_khabar_query_check_fields(query, why))
        return false;
    if (query[strspn(query, " \t\r\n\f\v")] == '\0')
        return true;
    khabar_search_options_t options = {};
    std::string text = _khabar_prepare_query(db, query, options);
    Xapian::QueryParser parser =
        _khabar_make_parser(db, _khabar_query_stemmer(text), options);
    out = _khabar_parse(parser, text, _khabar_parse_flags(options));
    return true;
}

void
_khabar_hitlist::add(const Xapian::Document &doc, double score)
{
    _khabar_fields article = _khabar_data_decode(doc.get_data());
    /* Zeroed, so that members added to khabar_hit_t later start at 0. */
    khabar_hit_t hit = {};
    hit.id = keep(std::move(article.id));
    hit.title = keep(std::move(article.title));
    hit.url = keep(std::move(article.url));
    hit.date = keep(std::move(article.date));
    hit.source = keep(std::move(article.source));
    hit.lang = keep(std::move(article.lang));
    hit.snippet = "";
    hit.score = score;
    hits.push_back(hit);
}
