/* term_bitmaps.h - the documents of a revision's common terms as bitmaps,
 * for walking a query's matches (match_walk.cc).
 *
 * A facet count walks every match of the query through Xapian's posting
 * lists, 17 ns a posting: 13 ms for a word in three quarters of a million
 * articles, after the ranking has read the same list.  A word in many
 * articles is asked for again and again (the words of news repeat), and
 * as a bitmap, one bit a document id, it costs no more room than its
 * matches as 4-byte ids once it is in at least one id in 32, and is
 * walked (or skipped into, for an AND) in a few nanoseconds a match.  So
 * the bitmap of such a term is made the first time a walk needs it (a
 * read of its posting list: the first queries after each commit pay it
 * once per common word) and kept for the revision, shared by the
 * process's readers of it (revision_table.h), up to
 * KHABAR_TERM_BITMAP_BYTES for each revision a reader still holds; past
 * that, terms are walked from their posting lists as before.  Nothing is
 * evicted: the first words asked for keep their room until the next
 * revision. */
#ifndef KHABAR_TERM_BITMAPS_H
#define KHABAR_TERM_BITMAPS_H

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "revision_table.h"

/* The most the bitmaps of one revision take: about 530 words' at a
 * million articles (125,008 bytes each). */
#define KHABAR_TERM_BITMAP_BYTES (64u << 20)

/* Bit D of a bitmap is document D's. */
typedef std::vector<uint64_t> _khabar_bitmap;

struct _khabar_term_bitmaps {
    _khabar_revision_key key;
    /* Filled as walks ask, under the mutex; a bitmap once in is never
     * changed. */
    mutable std::mutex lock;
    mutable std::unordered_map<std::string,
                               std::shared_ptr<const _khabar_bitmap>> maps;
    mutable size_t bytes = 0;
};

/* The bitmaps of INDEX's current revision (a reader of one local index),
 * or NULL: a writer's documents change without a new revision, and
 * shards have document ids of their own. */
const _khabar_term_bitmaps *_khabar_term_bitmaps_of(khabar_index_t *index);

/* The bitmap of TERM in DB (the database of CACHE's revision): the one
 * kept, else made from its posting list and kept while there is room (one
 * made by two threads at once is kept once, the other used once); NULL,
 * and its posting list is walked, when TERM (in HAS documents) is in fewer
 * than one in 32 of the ids up to the last, or when there is no room
 * left. */
std::shared_ptr<const _khabar_bitmap>
_khabar_term_bitmap(const _khabar_term_bitmaps &cache,
                    const Xapian::Database &db, const std::string &term,
                    Xapian::doccount has);

#endif /* KHABAR_TERM_BITMAPS_H */
