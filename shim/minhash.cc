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

/* The lowercased words of TEXT, as Xapian's Unicode tables split them,
 * each followed by a NUL, one after the other in one string, and where
 * each starts: a shingle is then one run of bytes, hashed without copying
 * and with no allocation per word. */
struct word_run {
    std::string bytes;
    std::vector<size_t> starts;
};

/* Xapian's word characters and lower case of the ASCII range, looked up
 * once: nearly every character of English text is ASCII. */
struct ascii_table {
    bool word[128];
    char lower[128];
    ascii_table()
    {
        for (unsigned c = 0; c < 128; c++) {
            word[c] = Xapian::Unicode::is_wordchar(c);
            lower[c] = (char) Xapian::Unicode::tolower(c);
        }
    }
};

static void
end_word(word_run &run, size_t &start)
{
    if (run.bytes.size() == start)
        return;
    run.bytes += '\0';
    run.starts.push_back(start);
    start = run.bytes.size();
}

static void
split_words(const std::string &text, word_run &run)
{
    static const ascii_table ascii;
    run.bytes.reserve(text.size() + 1);
    size_t start = 0;
    for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = *it;
        if (ch < 128 ? ascii.word[ch] : Xapian::Unicode::is_wordchar(ch)) {
            if (ch < 128)
                run.bytes += ascii.lower[ch];
            else
                Xapian::Unicode::append_utf8(run.bytes,
                                             Xapian::Unicode::tolower(ch));
        } else {
            end_word(run, start);
        }
    }
    end_word(run, start);
    run.starts.push_back(run.bytes.size());
}

/* The seed of hash function j, mixed once rather than per shingle. */
struct seed_table {
    uint64_t seed[KHABAR_MINHASH_NIBBLES];
    seed_table()
    {
        for (int j = 0; j < KHABAR_MINHASH_NIBBLES; j++)
            seed[j] = mix(UINT64_C(0x9e3779b97f4a7c15) * (j + 1));
    }
};

uint64_t
_khabar_minhash(const std::string &text)
{
    static const seed_table seeds;
    word_run run;
    split_words(_khabar_normalize(text, KHABAR_NORMALIZE_INDEX), run);
    size_t n = run.starts.size() - 1;
    if (n == 0)
        return 0;
    size_t width = n < SHINGLE_WORDS ? n : SHINGLE_WORDS;
    uint64_t mins[KHABAR_MINHASH_NIBBLES];
    for (int j = 0; j < KHABAR_MINHASH_NIBBLES; j++)
        mins[j] = UINT64_MAX;
    for (size_t i = 0; i + width <= n; i++) {
        /* The words i..i+width-1 with their NULs: FNV-1a over them is the
         * hash of the shingle, word by word. */
        uint64_t h = _khabar_fnv1a(KHABAR_FNV1A_OFFSET,
                                   run.bytes.data() + run.starts[i],
                                   run.starts[i + width] - run.starts[i]);
        /* Hash function j: the shingle's hash mixed with seed j. */
        for (int j = 0; j < KHABAR_MINHASH_NIBBLES; j++) {
            uint64_t hj = mix(h ^ seeds.seed[j]);
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
    /* No word at all: no value (whether normalising leaves any is
     * _khabar_minhash()'s business). */
    bool any = false;
    for (Xapian::Utf8Iterator it(text); !any && it != Xapian::Utf8Iterator(); ++it)
        any = Xapian::Unicode::is_wordchar(*it);
    if (!any)
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
