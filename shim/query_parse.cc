/* query_parse.cc - the query parser of docs/QUERY.md for the exploring
 * calls (timeline, export), and the hit list they share; see explore.h.
 *
 * It builds the same parser as search.cc's (default AND, STEM_SOME with
 * the query's stemmer, the query fields of schema.h, boolean filters
 * lowercased), so /timeline and /export match what /search matches. */
#include <cstring>

#include "explore.h"

namespace {

/* Boolean filter terms are stored lowercased (schema.h). */
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

bool
_khabar_user_query(const Xapian::Database &db, const char *query,
                   Xapian::Query &out, std::string &why)
{
    out = Xapian::Query();
    if (!_khabar_query_check(query, why))
        return false;
    if (query[strspn(query, " \t\r\n\f\v")] == '\0')
        return true;
    std::string text = _khabar_normalize(query, KHABAR_NORMALIZE_QUERY);
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(_khabar_query_stemmer(text));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_AND);
    for (const khabar_prefix_t &p : KHABAR_PREFIXES) {
        if (!p.query_name)
            continue;
        if (p.kind == KHABAR_TERM_TEXT)
            parser.add_prefix(p.query_name, p.prefix);
        else
            parser.add_boolean_prefix(
                p.query_name, (new lowercase_field(p.prefix))->release());
    }
    out = parser.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT);
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
