/* query_filters.cc - the query syntax Khabar adds to Xapian's: the
 * date: filter (and the from/to bounds; date_terms.cc builds the filter
 * itself), and para:( ... ), words within one paragraph (docs/QUERY.md). */
#include <cstring>

#include "search_internal.h"

/* More words than this in one para:( ) could not fit in the window. */
#define PARAGRAPH_MAX_WORDS 50

/* The lower (or, with UPPER, upper) bound in KHABAR_SLOT_DATE's encoding
 * of the day, month or year TEXT names: YYYY-MM-DD, YYYY-MM or YYYY.  False
 * when TEXT is none of these or names no real day or month. */
static bool
date_bound(const std::string &text, bool upper, std::string &out)
{
    auto digits = [&](size_t at, size_t n) {
        return text.size() >= at + n &&
               text.find_first_not_of("0123456789", at) >= at + n;
    };
    if (text.size() == 4 && digits(0, 4)) {
        out = text + (upper ? "9999" : "0000");
        return true;
    }
    if (text.size() == 7 && digits(0, 4) && text[4] == '-' && digits(5, 2)) {
        int month = std::stoi(text.substr(5, 2));
        if (month < 1 || month > 12)
            return false;
        out = text.substr(0, 4) + text.substr(5, 2) + (upper ? "99" : "00");
        return true;
    }
    if (text.size() == 10 && _khabar_date_is_valid(text.c_str())) {
        out = text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2);
        return true;
    }
    return false;
}

extern "C" int
khabar_query_date_is_valid(const char *text)
{
    try {
        std::string bound;
        return text && date_bound(text, false, bound);
    } catch (...) {
        return 0;
    }
}

/* Parses a date: value (DAY, DAY..DAY, DAY.., ..DAY) into encoded LO and
 * HI; false when it is not one. */
static bool
parse_date_value(const std::string &value, std::string &lo, std::string &hi)
{
    size_t dots = value.find("..");
    if (dots == std::string::npos)
        return date_bound(value, false, lo) && date_bound(value, true, hi);
    std::string from = value.substr(0, dots), to = value.substr(dots + 2);
    if (from.empty() && to.empty())
        return false;
    lo.clear();
    hi.clear();
    return (from.empty() || date_bound(from, false, lo)) &&
           (to.empty() || date_bound(to, true, hi)) &&
           (lo.empty() || hi.empty() || lo <= hi);
}

Xapian::Query
_khabar_date_range(const Xapian::Database &db, const char *from,
                   const char *to)
{
    std::string lo, hi;
    if (from && *from && !date_bound(from, false, lo))
        throw Xapian::InvalidArgumentError(
            "'from' must be a date: YYYY, YYYY-MM or YYYY-MM-DD");
    if (to && *to && !date_bound(to, true, hi))
        throw Xapian::InvalidArgumentError(
            "'to' must be a date: YYYY, YYYY-MM or YYYY-MM-DD");
    if (!lo.empty() && !hi.empty() && lo > hi)
        throw Xapian::InvalidArgumentError("'to' is before 'from'");
    return _khabar_date_filter(db, lo, hi);
}

/* Set by a date field whose value does not read.  Throwing from a
 * FieldProcessor through Xapian 1.4.22's parse_query() leaks, or frees a
 * bad pointer (found by fuzzing), so the processor answers MatchNothing
 * and _khabar_parse() throws once parse_query() has returned. */
static thread_local bool date_field_failed = false;

namespace {

class date_field : public Xapian::FieldProcessor {
    Xapian::Database db;

  public:
    explicit date_field(const Xapian::Database &d) : db(d) {}
    Xapian::Query operator()(const std::string &value) override
    {
        std::string lo, hi;
        /* _khabar_query_check_fields() has refused bad dates with their
         * column already; this is the backstop. */
        if (!parse_date_value(value, lo, hi)) {
            date_field_failed = true;
            return Xapian::Query::MatchNothing;
        }
        return _khabar_date_filter(db, lo, hi);
    }
};

} /* namespace */

Xapian::Query
_khabar_parse(Xapian::QueryParser &parser, const std::string &text,
              unsigned flags)
{
    date_field_failed = false;
    Xapian::Query query = parser.parse_query(text, flags);
    if (date_field_failed) {
        date_field_failed = false;
        throw Xapian::QueryParserError("bad date: filter");
    }
    return query;
}

Xapian::FieldProcessor *
_khabar_date_field(const Xapian::Database &db)
{
    return new date_field(db);
}

/* Calls FN(position, end) for each word of QUERY outside quoted phrases
 * (END is where the word stops: space, parenthesis or quote); FN returns
 * false to stop. */
template <typename F>
static bool
for_each_word(const std::string &query, F fn)
{
    static const char *const stops = " \t\r\n\f\v()\"";
    size_t i = 0;
    while (i < query.size()) {
        if (query[i] == '"') {
            size_t end = query.find('"', i + 1);
            i = end == std::string::npos ? query.size() : end + 1;
        } else if (strchr(stops, query[i])) {
            i++;
        } else {
            size_t end = query.find_first_of(stops, i);
            if (end == std::string::npos)
                end = query.size();
            if (!fn(i, end))
                return false;
            i = end;
        }
    }
    return true;
}

/* Whether the word at POS (after any +/-) starts with FIELD ("date:"). */
static size_t
field_at(const std::string &query, size_t pos, const char *field)
{
    if (query[pos] == '+' || query[pos] == '-')
        pos++;
    return query.compare(pos, strlen(field), field) == 0 ? pos : std::string::npos;
}

/* The words inside the para:( ) whose "(" is at OPEN, or false with WHY. */
static bool
paragraph_words(const std::string &query, size_t start, size_t open,
                std::vector<std::string> &words, std::string &why)
{
    std::string where = "para: at column " +
                        std::to_string(_khabar_column_of(query, start));
    if (open >= query.size() || query[open] != '(') {
        why = where + " must be followed by '(' and words, e.g. para:(Atmar Lavrov)";
        return false;
    }
    size_t close = query.find(')', open);
    std::string inside = query.substr(open + 1, close - open - 1);
    words.clear();
    size_t i = 0;
    while ((i = inside.find_first_not_of(" \t\r\n\f\v", i)) != std::string::npos) {
        size_t end = inside.find_first_of(" \t\r\n\f\v", i);
        words.push_back(inside.substr(i, end - i));
        i = end;
    }
    for (const std::string &w : words)
        if (w.find_first_of("(\":*+") != std::string::npos || w[0] == '-' ||
            w == "AND" || w == "OR" || w == "NOT" || w == "XOR" ||
            w.compare(0, 4, "NEAR") == 0 || w.compare(0, 3, "ADJ") == 0) {
            why = where + " takes plain words only";
            return false;
        }
    if (words.empty() || words.size() > PARAGRAPH_MAX_WORDS) {
        why = where + " needs 1 to " + std::to_string(PARAGRAPH_MAX_WORDS) +
              " words";
        return false;
    }
    return true;
}

/* Whether VALUE is YYYY, or a range YYYY..YYYY with either end left
 * out: what year: takes. */
static bool
is_year_value(const std::string &value)
{
    size_t dots = value.find("..");
    std::string from = dots == std::string::npos ? value : value.substr(0, dots);
    std::string to = dots == std::string::npos ? "" : value.substr(dots + 2);
    auto year = [](const std::string &y) {
        return y.size() == 4 && y.find_first_not_of("0123456789") == std::string::npos;
    };
    return (from.empty() || year(from)) && (to.empty() || year(to));
}

bool
_khabar_query_check_fields(const std::string &query, std::string &why)
{
    return for_each_word(query, [&](size_t pos, size_t end) {
        size_t at = field_at(query, pos, "date:");
        if (at != std::string::npos) {
            std::string value = query.substr(at + 5, end - at - 5), lo, hi;
            if (parse_date_value(value, lo, hi))
                return true;
            why = "date: at column " + std::to_string(_khabar_column_of(query, pos)) +
                  " needs YYYY, YYYY-MM or YYYY-MM-DD, or a range such as "
                  "2021-02-01..2021-03-15 (either end may be left out)";
            return false;
        }
        at = field_at(query, pos, "year:");
        if (at != std::string::npos) {
            std::string value = query.substr(at + 5, end - at - 5), lo, hi;
            if (is_year_value(value) && parse_date_value(value, lo, hi))
                return true;
            why = "year: at column " + std::to_string(_khabar_column_of(query, pos)) +
                  " needs a year (YYYY) or a range of years (2019..2021)";
            return false;
        }
        at = field_at(query, pos, "para:");
        std::vector<std::string> words;
        return at == std::string::npos ||
               paragraph_words(query, pos, at + 5, words, why);
    });
}

std::string
_khabar_rewrite_paragraphs(const std::string &query, Xapian::termcount window)
{
    std::string out;
    size_t copied = 0;
    for_each_word(query, [&](size_t pos, size_t) {
        size_t at = field_at(query, pos, "para:");
        std::vector<std::string> words;
        std::string why;
        if (at == std::string::npos ||
            !paragraph_words(query, pos, at + 5, words, why))
            return true;
        /* Xapian's parser gives "a NEAR/k b NEAR/k c" (n words) a window
         * of k + n - 1. */
        std::string near = " NEAR/" + std::to_string(window + 1 -
                                                     words.size()) + " ";
        out += query.substr(copied, at - copied) + "(";
        for (size_t i = 0; i < words.size(); i++)
            out += (i ? near : "") + words[i];
        out += ")";
        copied = query.find(')', at) + 1;
        return true;
    });
    return out + query.substr(copied);
}
