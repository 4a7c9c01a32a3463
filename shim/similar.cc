/* similar.cc - "more like this": the articles nearest to a given one, by
 * a query made of the article's most telling terms. */
#include "explore.h"

/* The longest a similar-articles match may run, in seconds: ranking needs
 * no exact count, so a slow match may stop early with the best so far. */
#define SIMILAR_TIME_LIMIT 2.0

struct khabar_similar {
    _khabar_hitlist list;
    std::vector<std::string> terms;
    unsigned long revision = 0;
};

namespace {

/* Keeps the stemmed words of title and body ("Z" + stem), which stand
 * for every form of a word at once, and drops the unstemmed copies (which
 * would count each word twice), the boolean terms (id, URL, source,
 * language, origin) and the title-prefixed copies ("ZS"). */
class stemmed_text_terms : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string &term) const override
    {
        return term.size() > 2 && term[0] == 'Z' &&
               !(term[1] >= 'A' && term[1] <= 'Z');
    }
};

} /* namespace */

/* Fills SIMILAR with up to SIZE articles like DOCID's in DB. */
static void
find_similar(Xapian::Database &db, Xapian::docid docid, const std::string &id,
             unsigned size, khabar_similar_t *similar)
{
    Xapian::Enquire enquire(db);
    Xapian::RSet rset;
    rset.add_document(docid);
    stemmed_text_terms decider;
    Xapian::ESet eset = enquire.get_eset(KHABAR_SIMILAR_TERMS, rset, &decider);
    for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it)
        similar->terms.push_back(*it);
    if (similar->terms.empty() || size == 0)
        return;
    Xapian::Query terms(Xapian::Query::OP_OR, similar->terms.begin(),
                        similar->terms.end());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, terms,
                                    Xapian::Query(_khabar_id_term(id.c_str()))));
    enquire.set_time_limit(SIMILAR_TIME_LIMIT);
    Xapian::MSet mset = enquire.get_mset(0, size);
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
        similar->list.add(it.get_document(), it.get_weight());
}

khabar_status_t
khabar_similar(khabar_index_t *index, const char *id, unsigned size,
               khabar_similar_t **out)
{
    if (!index || !out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    index->message.clear();
    try {
        if (!id || !*id)
            return _khabar_fail(index, KHABAR_STATUS_INVALID_ARGUMENT,
                                "no article id given");
        Xapian::Database &db = *index->db;
        std::string term = _khabar_id_term(id);
        Xapian::PostingIterator post = db.postlist_begin(term);
        if (post == db.postlist_end(term))
            return _khabar_fail(index, KHABAR_STATUS_NOT_FOUND,
                                "no article has that id");
        std::unique_ptr<khabar_similar_t> similar(new khabar_similar_t());
        similar->revision = _khabar_revision(index);
        find_similar(db, *post, id, size, similar.get());
        *out = similar.release();
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

size_t
khabar_similar_size(const khabar_similar_t *similar)
{
    return similar ? similar->list.hits.size() : 0;
}

const khabar_hit_t *
khabar_similar_hit(const khabar_similar_t *similar, size_t i)
{
    if (!similar || i >= similar->list.hits.size())
        return NULL;
    return &similar->list.hits[i];
}

size_t
khabar_similar_terms(const khabar_similar_t *similar)
{
    return similar ? similar->terms.size() : 0;
}

const char *
khabar_similar_term(const khabar_similar_t *similar, size_t i)
{
    if (!similar || i >= similar->terms.size())
        return NULL;
    return similar->terms[i].c_str();
}

unsigned long
khabar_similar_revision(const khabar_similar_t *similar)
{
    return similar ? similar->revision : 0;
}

void
khabar_similar_free(khabar_similar_t *similar)
{
    delete similar;
}
