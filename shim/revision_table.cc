/* revision_table.cc - the key of a reader's revision (revision_table.h),
 * and what tests may see of the shared tables (table_probe.h). */
#include "revision_table.h"

#include "facet_table.h"
#include "search_internal.h"
#include "table_probe.h"

_khabar_revision_key
_khabar_revision_key_of(const khabar_index_t *index)
{
    const Xapian::Database &db = *index->db;
    _khabar_revision_key key;
    key.path = index->path;
    key.uuid = db.get_uuid();
    key.revision = _khabar_revision(index);
    key.count = db.get_doccount();
    key.last = db.get_lastdocid();
    return key;
}

extern "C" const void *
_khabar_probe_facet_table(const khabar_index_t *index)
{
    return index ? (const void *) index->facet_table.get() : NULL;
}

extern "C" const void *
_khabar_probe_minhashes(const khabar_index_t *index)
{
    return index ? (const void *) index->minhashes.get() : NULL;
}

extern "C" size_t
_khabar_probe_facet_tables_live(void)
{
    return _khabar_registry_of<_khabar_facet_table>().live();
}

extern "C" size_t
_khabar_probe_minhashes_live(void)
{
    return _khabar_registry_of<_khabar_minhashes>().live();
}
