/* table_probe.h - what a test may see of the per-revision tables that
 * reader handles share (revision_table.h): which table a handle holds
 * and how many the process holds.  Plain C; not part of the API
 * (khabar.h), and nothing but tests calls it. */
#ifndef KHABAR_TABLE_PROBE_H
#define KHABAR_TABLE_PROBE_H

#include <stddef.h>

#include "khabar.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The facet table (facet_table.h) INDEX's last facet count used, or NULL
 * when it used none; only compared, never read. */
const void *_khabar_probe_facet_table(const khabar_index_t *index);

/* The same for the MinHash table of the collapse (collapse.cc). */
const void *_khabar_probe_minhashes(const khabar_index_t *index);

/* How many facet tables, and MinHash tables, some handle of the process
 * holds. */
size_t _khabar_probe_facet_tables_live(void);
size_t _khabar_probe_minhashes_live(void);

/* How the last facet count of this thread went (facet_count.cc), as the sum
 * of: KHABAR_PROBE_WALKED, its matches found by walking posting lists
 * (match_walk.cc) rather than by Xapian's matcher; KHABAR_PROBE_OTHERS,
 * counted as the table's totals less the documents that did not match;
 * KHABAR_PROBE_WIDENED, the first tier of likely keys did not settle the
 * values shown and the second was counted; KHABAR_PROBE_RECOUNTED, the
 * likely keys did not settle them and every key was counted.  0 when it
 * used no table. */
#define KHABAR_PROBE_WALKED 1u
#define KHABAR_PROBE_OTHERS 2u
#define KHABAR_PROBE_RECOUNTED 4u
#define KHABAR_PROBE_WIDENED 8u
unsigned _khabar_probe_facet_count(void);

/* How this thread's last search without facets counted its total
 * (total.cc): 0, the ranking's count; KHABAR_PROBE_COUNTED, a second pass
 * over the matches counted it, with KHABAR_PROBE_WALKED when that walked
 * posting lists rather than ran Xapian's matcher. */
#define KHABAR_PROBE_COUNTED 16u
unsigned _khabar_probe_total_count(void);

/* Whether walks use the bitmaps of common terms (term_bitmaps.h; nonzero,
 * the default) or only posting lists (0). */
void _khabar_probe_term_bitmaps(int use);

/* The bytes of term bitmaps INDEX holds for its revision (0: none). */
size_t _khabar_probe_term_bitmap_bytes(const khabar_index_t *index);

/* Makes the tiers of likely keys the first RANKS in each facet and 8
 * times RANKS (0: the default, 256 and 2,048; facet_count.cc), so that a
 * test with a handful of keys takes the paths a million articles take. */
void _khabar_probe_facet_likely_ranks(unsigned ranks);

/* The tier the last facet count of this thread started at: 0, the first,
 * or 1, when the query's share of the archive said the first would not
 * settle the values shown. */
unsigned _khabar_probe_facet_first_tier(void);

#ifdef __cplusplus
}
#endif

#endif /* KHABAR_TABLE_PROBE_H */
