/* language.cc - how an article's language, and a query's, choose the
 * analysis of their words.
 *
 * An article is stemmed with the Snowball stemmer of its `lang` when
 * Xapian has one ("en", "ar", "fr"...).  Persian, Dari, Pashto and Urdu
 * have none; they get the English stemmer, which changes only Latin-script
 * words (the English names and terms such articles quote) and leaves
 * Arabic-script words as they are, so every article has the same kinds of
 * terms and one query finds articles in any of these languages. */
#include <cstring>
#include <vector>

#include "internal.h"

Xapian::Stem
_khabar_stemmer_for(const char *lang)
{
    std::string code = lang ? Xapian::Unicode::tolower(lang) : "";
    /* "ar-EG", "fa_IR": the primary language subtag decides. */
    code = code.substr(0, code.find_first_of("-_"));
    /* Only two- and three-letter codes: a `lang` such as "none" or
     * "porter" names no language, though Xapian would accept it. */
    if (code.size() == 2 || code.size() == 3) {
        try {
            Xapian::Stem stem(code);
            if (!stem.is_none())
                return stem;
        } catch (const Xapian::InvalidArgumentError &) {
            /* No stemmer for this language: English, as above. */
        }
    }
    return Xapian::Stem("english");
}

/* The values of the lang: filters of QUERY, outside quoted phrases. */
static std::vector<std::string>
lang_values(const std::string &query)
{
    std::vector<std::string> values;
    bool quoted = false;
    for (size_t i = 0; i < query.size(); i++) {
        if (query[i] == '"')
            quoted = !quoted;
        bool word_start = i == 0 || strchr(" \t\r\n(+-", query[i - 1]);
        if (quoted || !word_start || query.compare(i, 5, "lang:") != 0)
            continue;
        size_t start = i + 5;
        size_t end = query.find_first_of(" \t\r\n()\"", start);
        values.push_back(query.substr(start, end - start));
    }
    return values;
}

Xapian::Stem
_khabar_query_stemmer(const std::string &query)
{
    std::vector<std::string> values = lang_values(query);
    if (values.empty())
        return Xapian::Stem("english");
    Xapian::Stem first = _khabar_stemmer_for(values[0].c_str());
    for (const std::string &value : values)
        if (_khabar_stemmer_for(value.c_str()).get_description() !=
            first.get_description())
            return Xapian::Stem("english");
    return first;
}

/* Whether WORD is an operator of docs/QUERY.md, which must stay upper
 * case. */
static bool
is_operator(const std::string &word)
{
    for (const char *op : { "AND", "OR", "NOT", "XOR", "NEAR", "ADJ" }) {
        size_t n = strlen(op);
        if (word.compare(0, n, op) == 0 &&
            (word.size() == n || word[n] == '/'))
            return true;
    }
    return false;
}

std::string
_khabar_lowercase_words(const std::string &query)
{
    static const char *const breaks = " \t\r\n()\"";
    std::string out;
    size_t i = 0;
    while (i < query.size()) {
        if (query[i] == '"') {
            /* A phrase is copied as it is: quotes ask for exact forms. */
            size_t end = query.find('"', i + 1);
            end = end == std::string::npos ? query.size() : end + 1;
            out.append(query, i, end - i);
            i = end;
        } else if (strchr(breaks, query[i])) {
            out += query[i++];
        } else {
            size_t end = query.find_first_of(breaks, i);
            if (end == std::string::npos)
                end = query.size();
            std::string word = query.substr(i, end - i);
            out += is_operator(word) ? word : Xapian::Unicode::tolower(word);
            i = end;
        }
    }
    return out;
}
