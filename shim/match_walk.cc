/* match_walk.cc - the documents a query matches, found by walking its
 * posting lists directly, for counting them (facet_count.cc, and a
 * search's total, total.cc).
 *
 * Counting every match of a broad query through Xapian's matcher, even
 * unweighted, costs about four times reading the same posting list: a
 * document object made and freed for each match, a match spy called
 * through a virtual function, the match's bookkeeping (docs/BENCHMARKS.md,
 * "Facets at a million").  A count needs only the document ids, so the
 * query shapes that keyword and entity searches parse to (terms, AND,
 * FILTER, OR, AND_NOT, ...) are walked here with Xapian's own posting
 * iterators; any other shape (phrases, NEAR, value ranges, wildcards not
 * yet expanded, posting sources) is left to the matcher. */
#include <algorithm>

#include "search_internal.h"
#include "term_bitmaps.h"

namespace {

/* OR-like queries with more parts than this go to the matcher, whose
 * heap serves them better than this file's linear scan. */
const size_t MOST_ALTERNATIVES = 32;

/* The documents of one term (or every document, for the term ""). */
class term_walk : public _khabar_match_walk {
  public:
    term_walk(const Xapian::Database &db, const std::string &term)
        : it_(db.postlist_begin(term)), end_(db.postlist_end(term))
    {
    }

    Xapian::docid next() override
    {
        if (started_ && it_ != end_)
            ++it_;
        started_ = true;
        return it_ == end_ ? 0 : *it_;
    }

    Xapian::docid skip_to(Xapian::docid id) override
    {
        started_ = true;
        if (it_ != end_)
            it_.skip_to(id);
        return it_ == end_ ? 0 : *it_;
    }

  private:
    Xapian::PostingIterator it_, end_;
    bool started_ = false;
};

/* The documents of a term, from its bitmap (term_bitmaps.h). */
class bitmap_walk : public _khabar_match_walk {
  public:
    explicit bitmap_walk(std::shared_ptr<const _khabar_bitmap> bits)
        : bits_(std::move(bits))
    {
    }

    Xapian::docid next() override
    {
        return at_ = started_ ? (at_ ? find((uint64_t) at_ + 1) : 0) : find(0);
    }

    Xapian::docid skip_to(Xapian::docid id) override
    {
        if (started_ && (at_ == 0 || at_ >= id))
            return at_;
        return at_ = find(id);
    }

  private:
    /* The first document at or after FROM (0: none). */
    Xapian::docid find(uint64_t from)
    {
        started_ = true;
        const _khabar_bitmap &bits = *bits_;
        size_t word = (size_t) (from / 64);
        if (word >= bits.size())
            return 0;
        uint64_t w = bits[word] & (~UINT64_C(0) << (from % 64));
        while (w == 0) {
            if (++word >= bits.size())
                return 0;
            w = bits[word];
        }
        return (Xapian::docid) (word * 64 + (size_t) __builtin_ctzll(w));
    }

    std::shared_ptr<const _khabar_bitmap> bits_;
    Xapian::docid at_ = 0;
    bool started_ = false;
};

/* Documents every part matches: the part with the fewest documents
 * leads, the others are skipped to it. */
class and_walk : public _khabar_match_walk {
  public:
    explicit and_walk(std::vector<std::unique_ptr<_khabar_match_walk>> parts)
        : parts_(std::move(parts))
    {
    }

    Xapian::docid next() override { return align(parts_[0]->next()); }

    Xapian::docid skip_to(Xapian::docid id) override
    {
        return align(parts_[0]->skip_to(id));
    }

  private:
    /* The first document at or after ID (0: none) that every part has. */
    Xapian::docid align(Xapian::docid id)
    {
        size_t agreed = 1;
        for (size_t i = 1; id != 0 && agreed < parts_.size();
             i = (i + 1) % parts_.size()) {
            Xapian::docid at = parts_[i]->skip_to(id);
            if (at == id) {
                agreed++;
            } else {
                id = at;
                agreed = 1;
            }
        }
        return id;
    }

    std::vector<std::unique_ptr<_khabar_match_walk>> parts_;
};

/* Documents any part matches. */
class or_walk : public _khabar_match_walk {
  public:
    explicit or_walk(std::vector<std::unique_ptr<_khabar_match_walk>> parts)
        : parts_(std::move(parts)), at_(parts_.size(), 0)
    {
    }

    Xapian::docid next() override
    {
        for (size_t i = 0; i < parts_.size(); i++)
            if (!started_ || (at_[i] != 0 && at_[i] == current_))
                at_[i] = parts_[i]->next();
        started_ = true;
        return least();
    }

    Xapian::docid skip_to(Xapian::docid id) override
    {
        for (size_t i = 0; i < parts_.size(); i++)
            if (!started_ || (at_[i] != 0 && at_[i] < id))
                at_[i] = parts_[i]->skip_to(id);
        started_ = true;
        return least();
    }

  private:
    Xapian::docid least()
    {
        current_ = 0;
        for (Xapian::docid at : at_)
            if (at != 0 && (current_ == 0 || at < current_))
                current_ = at;
        return current_;
    }

    std::vector<std::unique_ptr<_khabar_match_walk>> parts_;
    std::vector<Xapian::docid> at_;
    Xapian::docid current_ = 0;
    bool started_ = false;
};

/* Documents the first walk matches and the second does not. */
class and_not_walk : public _khabar_match_walk {
  public:
    and_not_walk(std::unique_ptr<_khabar_match_walk> yes,
                 std::unique_ptr<_khabar_match_walk> no)
        : yes_(std::move(yes)), no_(std::move(no))
    {
    }

    Xapian::docid next() override { return keep(yes_->next()); }
    Xapian::docid skip_to(Xapian::docid id) override
    {
        return keep(yes_->skip_to(id));
    }

  private:
    /* ID, or the first document after it that NO lacks (0: none). */
    Xapian::docid keep(Xapian::docid id)
    {
        for (; id != 0; id = yes_->next()) {
            if (!no_done_ && (!no_started_ || no_at_ < id)) {
                no_at_ = no_->skip_to(id);
                no_started_ = true;
                no_done_ = no_at_ == 0;
            }
            if (no_done_ || no_at_ != id)
                return id;
        }
        return 0;
    }

    std::unique_ptr<_khabar_match_walk> yes_, no_;
    Xapian::docid no_at_ = 0;
    bool no_started_ = false, no_done_ = false;
};

/* A walk and how many documents it can match at most, to order the
 * parts of an AND. */
struct sized_walk {
    std::unique_ptr<_khabar_match_walk> walk;
    Xapian::doccount most;
};

sized_walk walk_of(const Xapian::Database &db, const _khabar_term_bitmaps *maps,
                   const Xapian::Query &query);

/* The walks of QUERY's parts, or none when one cannot be walked. */
std::vector<sized_walk>
parts_of(const Xapian::Database &db, const _khabar_term_bitmaps *maps,
         const Xapian::Query &query)
{
    std::vector<sized_walk> parts;
    for (size_t i = 0; i < query.get_num_subqueries(); i++) {
        sized_walk part = walk_of(db, maps, query.get_subquery(i));
        if (!part.walk)
            return {};
        parts.push_back(std::move(part));
    }
    return parts;
}

std::vector<std::unique_ptr<_khabar_match_walk>>
walks(std::vector<sized_walk> parts)
{
    std::vector<std::unique_ptr<_khabar_match_walk>> out;
    for (sized_walk &part : parts)
        out.push_back(std::move(part.walk));
    return out;
}

sized_walk
and_of(std::vector<sized_walk> parts)
{
    if (parts.empty())
        return {};
    std::stable_sort(parts.begin(), parts.end(),
                     [](const sized_walk &a, const sized_walk &b) {
                         return a.most < b.most;
                     });
    Xapian::doccount most = parts[0].most;
    if (parts.size() == 1)
        return std::move(parts[0]);
    return { std::unique_ptr<_khabar_match_walk>(new and_walk(walks(std::move(parts)))),
             most };
}

sized_walk
or_of(std::vector<sized_walk> parts)
{
    if (parts.empty() || parts.size() > MOST_ALTERNATIVES)
        return {};
    Xapian::doccount most = 0;
    for (const sized_walk &part : parts)
        most += part.most;
    if (parts.size() == 1)
        return std::move(parts[0]);
    return { std::unique_ptr<_khabar_match_walk>(new or_walk(walks(std::move(parts)))),
             most };
}

/* The walk of TERM: over its bitmap in MAPS when it is common enough for
 * one, else over its posting list. */
sized_walk
term_of(const Xapian::Database &db, const _khabar_term_bitmaps *maps,
        const std::string &term)
{
    Xapian::doccount has = db.get_termfreq(term);
    if (maps) {
        std::shared_ptr<const _khabar_bitmap> bits =
            _khabar_term_bitmap(*maps, db, term, has);
        if (bits)
            return { std::unique_ptr<_khabar_match_walk>(
                         new bitmap_walk(std::move(bits))),
                     has };
    }
    return { std::unique_ptr<_khabar_match_walk>(new term_walk(db, term)),
             has };
}

sized_walk
walk_of(const Xapian::Database &db, const _khabar_term_bitmaps *maps,
        const Xapian::Query &query)
{
    switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
        return term_of(db, maps, *query.get_terms_begin());
    case Xapian::Query::LEAF_MATCH_ALL:
        return { std::unique_ptr<_khabar_match_walk>(new term_walk(db, "")),
                 db.get_doccount() };
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
        return and_of(parts_of(db, maps, query));
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
        return or_of(parts_of(db, maps, query));
    case Xapian::Query::OP_AND_NOT: {
        /* The first part, less every document of the others. */
        std::vector<sized_walk> parts = parts_of(db, maps, query);
        if (parts.size() < 2)
            return {};
        sized_walk yes = std::move(parts[0]);
        parts.erase(parts.begin());
        sized_walk no = or_of(std::move(parts));
        if (!no.walk)
            return {};
        return { std::unique_ptr<_khabar_match_walk>(
                     new and_not_walk(std::move(yes.walk), std::move(no.walk))),
                 yes.most };
    }
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT: {
        /* The first part decides what matches; the others only weigh. */
        if (query.get_num_subqueries() < 1)
            return {};
        return walk_of(db, maps, query.get_subquery(0));
    }
    default:
        return {};
    }
}

} /* namespace */

std::unique_ptr<_khabar_match_walk>
_khabar_walk_matches(const Xapian::Database &db,
                     const _khabar_term_bitmaps *maps,
                     const Xapian::Query &query)
{
    if (query.empty())
        return nullptr;
    return walk_of(db, maps, query).walk;
}
