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

#ifdef __cplusplus
}
#endif

#endif /* KHABAR_TABLE_PROBE_H */
