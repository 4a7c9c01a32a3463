/* paragraph_gap.cc - which gap of positions separates the paragraphs of
 * an index, so that para:( ) takes the window that matches it.
 *
 * Xapian's OP_NEAR matches when the words' positions span less than its
 * window.  The first word of a paragraph is GAP + 1 positions after the
 * last word of the one before (article.cc), so a window of GAP + 1 never
 * reaches across a paragraph boundary.  The gap of an index is fixed when
 * its first article is written; an index written before the key existed
 * used a gap of 100 throughout, and articles added to it since have a
 * larger one, so the window of 101 is right for every article in it. */
#include "internal.h"

static const char *const PARAGRAPH_GAP_KEY = KHABAR_META_PARAGRAPH_GAP;

void
_khabar_paragraph_gap_begin(Xapian::WritableDatabase &db)
{
    if (db.get_doccount() == 0 && db.get_metadata(PARAGRAPH_GAP_KEY).empty())
        db.set_metadata(PARAGRAPH_GAP_KEY, std::to_string(KHABAR_PARAGRAPH_GAP));
}

Xapian::termcount
_khabar_paragraph_window(const Xapian::Database &db)
{
    std::string gap = db.get_metadata(PARAGRAPH_GAP_KEY);
    /* Only this build's gap is trusted: any other value, damaged or from
     * a future version, gets the smallest window, which can miss words
     * of a long paragraph but never joins two paragraphs. */
    if (gap != std::to_string(KHABAR_PARAGRAPH_GAP))
        return KHABAR_PARAGRAPH_GAP_BEFORE_KEY + 1;
    return KHABAR_PARAGRAPH_GAP + 1;
}
