/* query_check.cc - finds the query mistakes that Xapian's QueryParser
 * forgives silently.
 *
 * Xapian 1.4 ignores an unbalanced parenthesis or quote and retries some
 * malformed queries without operators, so "(Doha talks" and "Doha talks"
 * search alike and the user never learns the query was not what they
 * meant.  This check runs first and reports the mistake with its column.
 * It knows only the operators of docs/QUERY.md; anything subtler is left
 * to Xapian, whose QueryParserError is still caught. */
#include <cstring>
#include <strings.h>
#include <vector>

#include "internal.h"

namespace {

enum token_kind { WORD, PHRASE, OPEN, CLOSE, BINARY, NOT };

struct token {
    token_kind kind;
    size_t column;    /* 1-based, in characters */
    std::string text;
};

} /* namespace */

size_t
_khabar_column_of(const std::string &s, size_t pos)
{
    size_t column = 1;
    for (size_t i = 0; i < pos; i++)
        if (((unsigned char) s[i] & 0xC0) != 0x80)
            column++;
    return column;
}

/* The operators that need an expression on each side: AND, OR, XOR and
 * NEAR/ADJ with or without a "/N" window. */
static bool
is_binary_operator(const std::string &word)
{
    if (word == "AND" || word == "OR" || word == "XOR")
        return true;
    for (const char *op : { "NEAR", "ADJ" }) {
        std::string name = op;
        if (word == name)
            return true;
        if (word.compare(0, name.size() + 1, name + "/") == 0 &&
            word.size() > name.size() + 1 &&
            word.find_first_not_of("0123456789", name.size() + 1) ==
                std::string::npos)
            return true;
    }
    return false;
}

static token_kind
word_kind(const std::string &word)
{
    if (word == "NOT")
        return NOT;
    return is_binary_operator(word) ? BINARY : WORD;
}

/* Splits QUERY into words, operators, parentheses and whole quoted
 * phrases.  False, with WHY, when a quote is never closed. */
static bool
tokenize(const std::string &query, std::vector<token> &tokens,
         std::string &why)
{
    static const char *const space = " \t\r\n\f\v";
    size_t i = 0;
    while ((i = query.find_first_not_of(space, i)) != std::string::npos) {
        size_t column = _khabar_column_of(query, i);
        char c = query[i];
        if (c == '(' || c == ')') {
            tokens.push_back({ c == '(' ? OPEN : CLOSE, column, { c } });
            i++;
        } else if (c == '"') {
            size_t end = query.find('"', i + 1);
            if (end == std::string::npos) {
                why = "unclosed '\"' at column " + std::to_string(column);
                return false;
            }
            tokens.push_back({ PHRASE, column, query.substr(i, end + 1 - i) });
            i = end + 1;
        } else {
            size_t end = query.find_first_of(std::string(space) + "()\"", i);
            std::string word = query.substr(i, end - i);
            tokens.push_back({ word_kind(word), column, word });
            i = end;
        }
    }
    return true;
}

/* Whether T can end the expression to the left of an operator. */
static bool
ends_expression(const token *t)
{
    return t && (t->kind == WORD || t->kind == PHRASE || t->kind == CLOSE);
}

/* Whether T can start the expression to the right of an operator; "AND
 * NOT" is the one operator pair Xapian accepts. */
static bool
starts_expression(const token *t, bool after_and)
{
    return t && (t->kind == WORD || t->kind == PHRASE || t->kind == OPEN ||
                 (after_and && t->kind == NOT));
}

/* Checks that operator T, between PREV and NEXT, has both operands. */
static bool
check_operator(const token &t, const token *prev, const token *next,
               std::string &why)
{
    bool left_ok = ends_expression(prev) ||
                   (t.kind == NOT && prev && prev->text == "AND");
    const char *missing = !left_ok ? "before" :
                          !starts_expression(next, t.text == "AND") ? "after" :
                          NULL;
    if (!missing)
        return true;
    why = "'" + t.text + "' at column " + std::to_string(t.column) +
          " has nothing " + missing + " it";
    return false;
}

/* The code point before byte AT of QUERY (0 at the start), and in *START
 * the byte where it begins. */
static unsigned
char_before(const std::string &query, size_t at, size_t *start)
{
    if (at == 0) {
        *start = 0;
        return 0;
    }
    size_t p = at - 1;
    while (p > 0 && ((unsigned char) query[p] & 0xC0) == 0x80)
        p--;
    *start = p;
    return *Xapian::Utf8Iterator(query.data() + p, at - p);
}

/* Refuses a "date:" field that _khabar_query_check_fields() would not
 * check, though Xapian's parser reads it as the field:
 *   - after punctuation ("$date:x", "-.date:x"): the check splits words
 *     at spaces, parentheses and quotes only, and takes one '+' or '-';
 *   - not in lowercase ("Date:x"): the words of a query are lowercased
 *     before Xapian parses it, but the check looks for "date:".
 * Such a date went unchecked, and when the date: field then failed inside
 * QueryParser::parse_query(), Xapian 1.4.22 freed an invalid pointer:
 * "-$date:x" killed khabar-searchd (found by tests/fuzz/fuzz_query).  A
 * "date:" inside a phrase or after a word character ("update:") is no
 * field. */
static bool
check_date_fields(const std::string &query, std::string &why)
{
    static const char *const stops = " \t\r\n\f\v()\"";
    bool in_phrase = false;
    for (size_t i = 0; i < query.size(); i++) {
        if (query[i] == '"') {
            in_phrase = !in_phrase;
            continue;
        }
        if (in_phrase || strncasecmp(query.c_str() + i, "date:", 5) != 0)
            continue;
        size_t p, q;
        unsigned c = char_before(query, i, &p);
        if (c && Xapian::Unicode::is_wordchar(c))
            continue;
        unsigned b = char_before(query, p, &q);
        bool starts_word = c == 0 || (c < 0x80 && strchr(stops, (int) c)) ||
                           ((c == '+' || c == '-') &&
                            (b == 0 || (b < 0x80 && strchr(stops, (int) b))));
        std::string where = "date: at column " +
                            std::to_string(_khabar_column_of(query, i));
        if (!starts_word) {
            why = where + " must start a word";
            return false;
        }
        if (query.compare(i, 5, "date:") != 0) {
            why = where + " must be written in lowercase";
            return false;
        }
    }
    return true;
}

bool
_khabar_query_check(const std::string &query, std::string &why)
{
    std::vector<token> tokens;
    if (!tokenize(query, tokens, why))
        return false;
    std::vector<size_t> open_columns;
    for (size_t i = 0; i < tokens.size(); i++) {
        const token &t = tokens[i];
        const token *prev = i > 0 ? &tokens[i - 1] : NULL;
        const token *next = i + 1 < tokens.size() ? &tokens[i + 1] : NULL;
        if (t.kind == OPEN) {
            open_columns.push_back(t.column);
        } else if (t.kind == CLOSE) {
            if (open_columns.empty()) {
                why = "unmatched ')' at column " + std::to_string(t.column);
                return false;
            }
            open_columns.pop_back();
        } else if ((t.kind == BINARY || t.kind == NOT) &&
                   !check_operator(t, prev, next, why)) {
            return false;
        }
    }
    if (!open_columns.empty()) {
        why = "unclosed '(' at column " + std::to_string(open_columns.back());
        return false;
    }
    return check_date_fields(query, why);
}
