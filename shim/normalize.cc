/* normalize.cc - Arabic-script normalisation, applied alike to the text
 * that is indexed and to the query that searches it.
 *
 * Persian, Dari, Pashto, Urdu and Arabic share one script but not one
 * keyboard: the same word reaches us with Arabic or Persian yeh and kaf,
 * Arabic-Indic, Persian or ASCII digits, with or without short-vowel marks
 * and with tatweel stretching.  Each rule below folds such variants into
 * one form; docs/RELEVANCE.md says why each rule is there.  Only the code
 * points in the table change, so the query syntax (ASCII operators,
 * prefixes, quotes) is never disturbed.  Letters that are distinct in
 * some language, such as Pashto's ګ (U+06AB) or ې (U+06D0), are kept. */
#include <cstdlib>
#include <cstring>

#include "internal.h"

namespace {

/* What a code point becomes: TO, or nothing when TO is 0. */
struct fold_rule {
    unsigned from, to;
};

/* Sorted by FROM, for the binary search in fold(). */
const fold_rule FOLD_RULES[] = {
    /* Alef with hamza or madda is kept: folding it into plain alef
     * changed no figure in docs/RELEVANCE.md and would merge Arabic words
     * that differ (أن, إن). */
    { 0x0640, 0 },      /* ARABIC TATWEEL: stretching, not a letter */
    /* Persian keyboards type keheh (U+06A9) and Farsi yeh (U+06CC) where
     * Arabic text, and older Persian text, has kaf (U+0643) and yeh
     * (U+064A); final yeh is also written as alef maksura (U+0649).  One
     * kaf and one yeh, the Arabic ones, which the Arabic stemmer knows. */
    { 0x0649, 0x064A }, /* ARABIC LETTER ALEF MAKSURA */
    /* Short vowels, tanwin, shadda and sukun (U+064B..U+0652), maddah
     * and hamza marks (U+0653..U+0655) and the superscript alef: optional
     * marks that most text leaves out. */
    { 0x064B, 0 }, { 0x064C, 0 }, { 0x064D, 0 }, { 0x064E, 0 },
    { 0x064F, 0 }, { 0x0650, 0 }, { 0x0651, 0 }, { 0x0652, 0 },
    { 0x0653, 0 }, { 0x0654, 0 }, { 0x0655, 0 },
    /* Arabic-Indic digits: ASCII digits, so "۱۳۸۶" finds "1386". */
    { 0x0660, '0' }, { 0x0661, '1' }, { 0x0662, '2' }, { 0x0663, '3' },
    { 0x0664, '4' }, { 0x0665, '5' }, { 0x0666, '6' }, { 0x0667, '7' },
    { 0x0668, '8' }, { 0x0669, '9' },
    { 0x0670, 0 },      /* ARABIC LETTER SUPERSCRIPT ALEF */
    { 0x06A9, 0x0643 }, /* ARABIC LETTER KEHEH (Persian kaf) */
    { 0x06CC, 0x064A }, /* ARABIC LETTER FARSI YEH */
    /* Extended Arabic-Indic (Persian, Urdu) digits. */
    { 0x06F0, '0' }, { 0x06F1, '1' }, { 0x06F2, '2' }, { 0x06F3, '3' },
    { 0x06F4, '4' }, { 0x06F5, '5' }, { 0x06F6, '6' }, { 0x06F7, '7' },
    { 0x06F8, '8' }, { 0x06F9, '9' },
};

const unsigned ZWNJ = 0x200C;

/* The rule for code point C, or NULL when C is kept. */
const fold_rule *
find_rule(unsigned c)
{
    size_t lo = 0, hi = sizeof FOLD_RULES / sizeof FOLD_RULES[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (FOLD_RULES[mid].from == c)
            return &FOLD_RULES[mid];
        if (FOLD_RULES[mid].from < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Decodes the UTF-8 sequence at S[*I], advancing *I.  Returns the code
 * point, or -1 (advancing one byte) for a byte that starts no valid
 * sequence; such bytes are copied unchanged. */
long
decode(const std::string &s, size_t *i)
{
    unsigned char b = s[*i];
    int length = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 :
                 (b >> 3) == 30 ? 4 : 0;
    if (length == 0 || *i + length > s.size()) {
        ++*i;
        return -1;
    }
    long c = length == 1 ? b : b & (0x7F >> length);
    for (int k = 1; k < length; k++) {
        unsigned char cont = s[*i + k];
        if ((cont & 0xC0) != 0x80) {
            ++*i;
            return -1;
        }
        c = (c << 6) | (cont & 0x3F);
    }
    *i += length;
    return c;
}

/* Whether code point C (-1 for none) is what Xapian counts as part of a
 * word: what stands on both sides of a ZWNJ inside a word. */
bool
is_word_char(long c)
{
    return c >= 0 && Xapian::Unicode::is_wordchar((unsigned) c);
}

/* Where the first byte that can start a folded code point is: the lead
 * bytes of U+0640..U+06FF and of ZWNJ (U+200C).  Every byte before it is
 * kept as it is, so most text (all of it in English) is copied whole
 * rather than decoded a code point at a time. */
size_t
first_foldable(const std::string &text)
{
    for (size_t i = 0; i < text.size(); i++) {
        unsigned char b = text[i];
        if (b == 0xD9 || b == 0xDA || b == 0xDB || b == 0xE2)
            return i;
    }
    return text.size();
}

} /* namespace */

std::string
_khabar_normalize(const std::string &text, khabar_normalize_mode_t mode)
{
    size_t i = first_foldable(text);
    if (i == text.size())
        return text;
    std::string out(text, 0, i);
    out.reserve(text.size());
    /* The code point before I, for the ZWNJ rule: a byte below 0x80 is
     * one; a longer sequence is decoded again from its start. */
    long previous = -1;
    if (i > 0) {
        size_t back = i - 1;
        while (back > 0 && ((unsigned char) text[back] & 0xC0) == 0x80)
            back--;
        size_t at = back;
        previous = decode(text, &at);
        if (at != i)
            previous = -1;
    }
    while (i < text.size()) {
        size_t start = i;
        long c = decode(text, &i);
        if (c == ZWNJ) {
            /* For the index: the parts, as separate words (the joined
             * form is added by _khabar_zwnj_compounds()).  For a query:
             * a '-' between two word characters, which Xapian's
             * QueryParser reads as a phrase of the parts; elsewhere the
             * ZWNJ joins nothing and is dropped. */
            size_t j = i;
            long next = j < text.size() ? decode(text, &j) : -1;
            if (mode == KHABAR_NORMALIZE_INDEX)
                out += ' ';
            else if (is_word_char(previous) && is_word_char(next))
                out += '-';
            continue;
        }
        const fold_rule *rule = c < 0 ? NULL : find_rule((unsigned) c);
        if (!rule) {
            out.append(text, start, i - start);
            previous = c;
        } else if (rule->to) {
            Xapian::Unicode::append_utf8(out, rule->to);
            previous = rule->to;
        }
    }
    return out;
}

std::string
_khabar_zwnj_compounds(const std::string &text)
{
    static const char zwnj[] = "\xE2\x80\x8C";
    std::string out;
    size_t at = 0;
    while ((at = text.find(zwnj, at)) != std::string::npos) {
        /* The word around this ZWNJ: from the space before to the space
         * after, ZWNJs removed. */
        size_t start = text.find_last_of(" \t\r\n", at);
        start = start == std::string::npos ? 0 : start + 1;
        size_t end = text.find_first_of(" \t\r\n", at);
        if (end == std::string::npos)
            end = text.size();
        std::string word = text.substr(start, end - start);
        for (size_t z; (z = word.find(zwnj)) != std::string::npos;)
            word.erase(z, 3);
        out += _khabar_normalize(word, KHABAR_NORMALIZE_INDEX);
        out += ' ';
        at = end;
    }
    return out;
}

khabar_status_t
khabar_normalize(const char *text, khabar_normalize_mode_t mode, char **out)
{
    if (!out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    if (!text || (mode != KHABAR_NORMALIZE_INDEX &&
                  mode != KHABAR_NORMALIZE_QUERY))
        return KHABAR_STATUS_INVALID_ARGUMENT;
    try {
        std::string normal = _khabar_normalize(text, mode);
        char *copy = (char *) malloc(normal.size() + 1);
        if (!copy)
            return KHABAR_STATUS_OUT_OF_MEMORY;
        memcpy(copy, normal.c_str(), normal.size() + 1);
        *out = copy;
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return KHABAR_STATUS_OUT_OF_MEMORY;
    }
}
