/* minhash.cc - the similarity hash of KHABAR_SLOT_MINHASH (schema.h).
 *
 * b-bit MinHash (Broder 1997; Li and Koenig 2010): the words of the text
 * are cut into overlapping 3-word shingles; for each of 16 hash functions
 * the least hash over all shingles is kept, and of each such minimum its
 * low 4 bits, giving 16 nibbles in 64 bits.  Two texts agree on a minimum
 * with a probability equal to the share of shingles they have in common
 * (their Jaccard similarity J), and on a nibble with probability
 * J + (1 - J) / 16.  The same wire story republished with a changed
 * word or sentence shares most shingles and agrees on 13 to 16 nibbles;
 * unrelated articles agree on about 1.
 *
 * SimHash was tried first: on news-length texts (a hundred words) its
 * bits are too few votes each, and one changed phrase flipped 5 to 13 of
 * 64 bits, which no threshold separates from chance. */
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "search_internal.h"

#define SHINGLE_WORDS 3

/* splitmix64's finaliser: FNV-1a alone leaves short inputs poorly
 * mixed, and each hash function below must be a fair one. */
static uint64_t
mix(uint64_t x)
{
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    x ^= x >> 31;
    return x;
}

/* The lowercased words of TEXT, as Xapian's Unicode tables split them. */
static std::vector<std::string>
words_of(const std::string &text)
{
    std::vector<std::string> words;
    std::string word;
    for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = *it;
        if (Xapian::Unicode::is_wordchar(ch)) {
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty())
        words.push_back(std::move(word));
    return words;
}

uint64_t
_khabar_minhash(const std::string &text)
{
    std::vector<std::string> words =
        words_of(_khabar_normalize(text, KHABAR_NORMALIZE_INDEX));
    if (words.empty())
        return 0;
    size_t width = words.size() < SHINGLE_WORDS ? words.size() : SHINGLE_WORDS;
    uint64_t mins[KHABAR_MINHASH_NIBBLES];
    for (int j = 0; j < KHABAR_MINHASH_NIBBLES; j++)
        mins[j] = UINT64_MAX;
    for (size_t i = 0; i + width <= words.size(); i++) {
        uint64_t h = KHABAR_FNV1A_OFFSET;
        for (size_t k = i; k < i + width; k++)
            h = _khabar_fnv1a(h, words[k].c_str(), words[k].size() + 1);
        /* Hash function j: the shingle's hash mixed with seed j. */
        for (int j = 0; j < KHABAR_MINHASH_NIBBLES; j++) {
            uint64_t hj = mix(h ^ mix(UINT64_C(0x9e3779b97f4a7c15) * (j + 1)));
            if (hj < mins[j])
                mins[j] = hj;
        }
    }
    uint64_t hash = 0;
    for (int j = 0; j < KHABAR_MINHASH_NIBBLES; j++)
        hash |= (mins[j] & 0xF) << (4 * j);
    return hash;
}

int
_khabar_minhash_distance(uint64_t a, uint64_t b)
{
    uint64_t x = a ^ b;
    int differ = 0;
    for (int j = 0; j < KHABAR_MINHASH_NIBBLES; j++)
        differ += ((x >> (4 * j)) & 0xF) != 0;
    return differ;
}

std::string
_khabar_minhash_value(const khabar_article_t *article)
{
    const char *text = article->body && *article->body ? article->body :
                       article->title ? article->title : "";
    if (words_of(text).empty())
        return "";
    char hex[17];
    snprintf(hex, sizeof hex, "%016" PRIx64, _khabar_minhash(text));
    return hex;
}

bool
_khabar_minhash_parse(const std::string &value, uint64_t *out)
{
    if (value.size() != 16 ||
        value.find_first_not_of("0123456789abcdef") != std::string::npos)
        return false;
    *out = strtoull(value.c_str(), NULL, 16);
    return true;
}
