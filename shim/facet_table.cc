/* facet_table.cc - reading the facet table of a reader's revision
 * (facet_table.h) from the value streams of KHABAR_SLOT_FACETS and
 * KHABAR_SLOT_DATE, once per revision for the whole process
 * (revision_table.h), as collapse.cc reads MinHashes. */
#include "facet_table.h"
#include "search_internal.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace {

/* Numbers distinct strings in the order first seen, into NAMES. */
class interner {
  public:
    explicit interner(std::vector<std::string> &names) : names_(names) {}

    uint32_t number(const char *bytes, size_t length)
    {
        key_.assign(bytes, length);
        auto found = numbers_.find(key_);
        if (found != numbers_.end())
            return found->second;
        uint32_t n = (uint32_t) names_.size();
        names_.push_back(key_);
        numbers_.emplace(key_, n);
        return n;
    }

  private:
    std::vector<std::string> &names_;
    std::unordered_map<std::string, uint32_t> numbers_;
    std::string key_;
};

/* Reads the KHABAR_SLOT_FACETS lines of every document of DB into T's
 * offsets and values.  A line is counted as facets.cc always counted
 * one: ended by '\n' and at least a letter and one byte long. */
void
read_lines(const Xapian::Database &db, _khabar_facet_table &t)
{
    interner lines(t.lines);
    t.offsets.assign((size_t) t.key.last + 2, 0);
    Xapian::docid next = 0; /* the first document whose offset is unset */
    for (Xapian::ValueIterator it = db.valuestream_begin(KHABAR_SLOT_FACETS);
         it != db.valuestream_end(KHABAR_SLOT_FACETS); ++it) {
        Xapian::docid id = it.get_docid();
        /* The stream is in document id order; anything else is skipped
         * rather than trusted. */
        if (id > t.key.last || id < next)
            continue;
        for (; next <= id; next++)
            t.offsets[next] = (uint32_t) t.values.size();
        const std::string value = *it;
        size_t start = 0, end;
        while ((end = value.find('\n', start)) != std::string::npos) {
            if (end > start + 1)
                t.values.push_back(lines.number(value.data() + start,
                                                end - start));
            start = end + 1;
        }
        if (t.values.size() > UINT32_MAX)
            throw Xapian::DatabaseError("too many facet values to count "
                                        "through a table");
    }
    for (; next <= t.key.last + 1; next++)
        t.offsets[next] = (uint32_t) t.values.size();
    /* Kept for the life of the revision: no room to grow. */
    t.values.shrink_to_fit();
}

/* Gives each of T's lines its facet and key. */
void
read_keys(_khabar_facet_table &t)
{
    interner keys(t.keys);
    t.facet_of.assign(t.lines.size(), KHABAR_FACET_LAST);
    t.key_of.assign(t.lines.size(), 0);
    for (size_t i = 0; i < t.lines.size(); i++) {
        const std::string &line = t.lines[i];
        const char *letter = strchr(KHABAR_FACET_LETTERS, line[0]);
        if (!letter || !*letter)
            continue;
        t.facet_of[i] = (uint8_t) (letter - KHABAR_FACET_LETTERS);
        std::string key = line[0] + _khabar_facet_fold(line.substr(1));
        t.key_of[i] = keys.number(key.data(), key.size());
    }
}

/* How many documents have each key of T (the sum over its lines, a
 * document counting once for each of its lines). */
std::vector<uint64_t>
key_documents(const _khabar_facet_table &t)
{
    std::vector<uint64_t> lines(t.lines.size(), 0), keys(t.keys.size(), 0);
    for (uint32_t v : t.values)
        lines[v]++;
    for (size_t i = 0; i < t.lines.size(); i++)
        if (t.facet_of[i] < KHABAR_FACET_LAST)
            keys[t.key_of[i]] += lines[i];
    return keys;
}

/* Renumbers T's lines in the order facet_table.h gives (by their key's
 * rank in its facet), sorts each document's numbers, and fills rank_end
 * and ranked_df. */
void
rank_lines(_khabar_facet_table &t)
{
    std::vector<uint64_t> df = key_documents(t);
    /* Each key's facet, then its rank in it. */
    std::vector<uint8_t> facet_of_key(t.keys.size(), KHABAR_FACET_LAST);
    for (size_t i = 0; i < t.lines.size(); i++)
        if (t.facet_of[i] < KHABAR_FACET_LAST)
            facet_of_key[t.key_of[i]] = t.facet_of[i];
    std::vector<uint32_t> by_df[KHABAR_FACET_LAST];
    for (uint32_t k = 0; k < t.keys.size(); k++)
        if (facet_of_key[k] < KHABAR_FACET_LAST)
            by_df[facet_of_key[k]].push_back(k);
    std::vector<uint32_t> rank(t.keys.size(), 0);
    for (int f = 0; f < KHABAR_FACET_LAST; f++) {
        std::vector<uint32_t> &keys = by_df[f];
        std::stable_sort(keys.begin(), keys.end(), [&](uint32_t a, uint32_t b) {
            return df[a] > df[b];
        });
        t.ranked_df[f].clear();
        for (uint32_t r = 0; r < keys.size(); r++) {
            rank[keys[r]] = r;
            t.ranked_df[f].push_back(
                (uint32_t) std::min<uint64_t>(df[keys[r]], UINT32_MAX));
        }
    }
    /* The new order of the lines, and each old number's new one. */
    const uint32_t none = UINT32_MAX;
    auto rank_of = [&](uint32_t line) {
        return t.facet_of[line] < KHABAR_FACET_LAST ? rank[t.key_of[line]]
                                                    : none;
    };
    std::vector<uint32_t> order(t.lines.size());
    for (uint32_t i = 0; i < order.size(); i++)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        uint32_t ra = rank_of(a), rb = rank_of(b);
        if (ra != rb)
            return ra < rb;
        if (t.facet_of[a] != t.facet_of[b])
            return t.facet_of[a] < t.facet_of[b];
        return t.key_of[a] < t.key_of[b];
    });
    std::vector<uint32_t> renumber(order.size());
    std::vector<std::string> lines(order.size());
    std::vector<uint8_t> facet_of(order.size());
    std::vector<uint32_t> key_of(order.size());
    for (uint32_t n = 0; n < order.size(); n++) {
        renumber[order[n]] = n;
        lines[n] = std::move(t.lines[order[n]]);
        facet_of[n] = t.facet_of[order[n]];
        key_of[n] = t.key_of[order[n]];
    }
    t.lines = std::move(lines);
    t.facet_of = std::move(facet_of);
    t.key_of = std::move(key_of);
    for (uint32_t &v : t.values)
        v = renumber[v];
    t.line_total.assign(t.lines.size(), 0);
    for (uint32_t v : t.values)
        t.line_total[v]++;
    for (size_t d = 0; d + 1 < t.offsets.size(); d++)
        std::sort(t.values.begin() + t.offsets[d],
                  t.values.begin() + t.offsets[d + 1]);
    /* rank_end[R]: the first line whose key ranks R or lower. */
    t.rank_end.clear();
    for (uint32_t n = 0; n < t.lines.size(); n++) {
        uint32_t r = rank_of(n);
        while (r != none && t.rank_end.size() <= r)
            t.rank_end.push_back(n);
        if (r == none)
            break;
    }
    t.rank_end.push_back((uint32_t) t.lines.size());
}

/* Reads the KHABAR_SLOT_DATE value of every document of DB into T. */
void
read_dates(const Xapian::Database &db, _khabar_facet_table &t)
{
    std::vector<std::string> values;
    interner dates(values);
    t.date_of.assign((size_t) t.key.last + 1, _khabar_facet_table::NO_DATE);
    for (Xapian::ValueIterator it = db.valuestream_begin(KHABAR_SLOT_DATE);
         it != db.valuestream_end(KHABAR_SLOT_DATE); ++it) {
        Xapian::docid id = it.get_docid();
        const std::string value = *it;
        if (id <= t.key.last && !value.empty())
            t.date_of[id] = dates.number(value.data(), value.size());
    }
    t.date_total.assign(values.size(), 0);
    for (uint32_t date : t.date_of)
        if (date != _khabar_facet_table::NO_DATE)
            t.date_total[date]++;
    t.dates.reserve(values.size());
    for (const std::string &value : values) {
        uint32_t number;
        t.dates.push_back(_khabar_date_number(value, &number)
                              ? number
                              : _khabar_facet_table::NOT_DIGITS);
    }
}

/* The table of DB, which is at KEY. */
std::shared_ptr<const _khabar_facet_table>
read_table(const Xapian::Database &db, const _khabar_revision_key &key)
{
    auto t = std::make_shared<_khabar_facet_table>();
    t->key = key;
    read_lines(db, *t);
    read_keys(*t);
    rank_lines(*t);
    read_dates(db, *t);
    return t;
}

} /* namespace */

std::string
_khabar_facet_fold(const std::string &name)
{
    /* Bytewise when ASCII (most names), which is what Xapian's Unicode
     * tolower gives for them, only faster. */
    for (unsigned char c : name)
        if (c >= 0x80)
            return Xapian::Unicode::tolower(name);
    std::string out = name;
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
    return out;
}

/* The table of DB, at KEY, in SLOT: the one there when it is of KEY,
 * else the process's (revision_table.h). */
static const _khabar_facet_table *
table_in(std::shared_ptr<const _khabar_facet_table> &slot,
         const Xapian::Database &db, const _khabar_revision_key &key)
{
    return _khabar_table_in(slot, key, [&db](const _khabar_revision_key &k) {
        return read_table(db, k);
    });
}

const _khabar_facet_table *
_khabar_facet_table_of(khabar_index_t *index)
{
    /* Over several local shards a MatchSpy is given each match's
     * document id within its own shard, not the interleaved id of the
     * value stream of the whole (Xapian 1.4): those count each shard on
     * its own (_khabar_shard_facet_table()). */
    if (index->mode != KHABAR_INDEX_READ_ONLY || index->remote ||
        !index->shards.empty())
        return NULL;
    return table_in(index->facet_table, *index->db,
                    _khabar_revision_key_of(index));
}

bool
_khabar_shard_tables_apply(const khabar_index_t *index)
{
    return index->mode == KHABAR_INDEX_READ_ONLY && !index->remote &&
           !index->shards.empty();
}

const _khabar_facet_table *
_khabar_shard_facet_table(_khabar_shard &shard)
{
    /* Keyed as a handle on the shard's path alone would be (the same
     * revision numbering, shards.cc), so that the two share it. */
    _khabar_revision_key key;
    key.path = shard.location;
    key.uuid = shard.db.get_uuid();
    key.revision = shard.revision_base + shard.db.get_revision();
    key.count = shard.db.get_doccount();
    key.last = shard.db.get_lastdocid();
    return table_in(shard.facet_table, shard.db, key);
}
