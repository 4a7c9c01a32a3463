/* maintenance.cc - what the nightly job and an operator need beyond
 * adding articles: the files articles came from, statistics, and Xapian's
 * consistency check. */
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "internal.h"

namespace fs = std::filesystem;

khabar_status_t
khabar_index_origins(khabar_index_t *index, const char *prefix,
                     int (*fn)(const char *origin, void *ctx), void *ctx)
{
    if (!index || !fn)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    index->message.clear();
    try {
        std::string start = std::string(KHABAR_PREFIX_ORIGIN) +
                            (prefix ? prefix : "");
        size_t skip = strlen(KHABAR_PREFIX_ORIGIN);
        for (Xapian::TermIterator it = index->db->allterms_begin(start);
             it != index->db->allterms_end(start); ++it) {
            std::string origin = (*it).substr(skip);
            if (fn(origin.c_str(), ctx) != 0)
                break;
        }
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

khabar_status_t
khabar_index_delete_origin(khabar_index_t *index, const char *origin,
                           unsigned long *deleted)
{
    if (!index || !origin || !*origin)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    index->message.clear();
    try {
        Xapian::WritableDatabase *writer = _khabar_writer(index);
        if (!writer)
            return KHABAR_STATUS_READ_ONLY;
        std::string term = std::string(KHABAR_PREFIX_ORIGIN) + origin;
        unsigned long count = writer->get_termfreq(term);
        if (count > 0) {
            writer->delete_document(term);
            index->dirty = true;
        }
        if (deleted)
            *deleted = count;
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

/* The number of distinct terms starting with PREFIX. */
static unsigned long
count_terms(Xapian::Database &db, const std::string &prefix)
{
    unsigned long n = 0;
    for (Xapian::TermIterator it = db.allterms_begin(prefix);
         it != db.allterms_end(prefix); ++it)
        n++;
    return n;
}

/* The directory holding the live database files of the index at PATH, and
 * its generation number (0 when the index has no generations). */
static std::string
live_directory(const std::string &path, unsigned long *generation)
{
    std::ifstream stub(path + "/XAPIANDB");
    std::string backend, name;
    *generation = 0;
    if (!(stub >> backend >> name))
        return path;
    if (name.compare(0, 4, "gen-") == 0)
        *generation = std::stoul(name.substr(4));
    return path + "/" + name;
}

static unsigned long long
directory_bytes(const std::string &dir)
{
    unsigned long long bytes = 0;
    for (const fs::directory_entry &entry : fs::directory_iterator(dir))
        if (entry.is_regular_file())
            bytes += entry.file_size();
    return bytes;
}

static void
copy_date(char out[9], const std::string &value)
{
    snprintf(out, 9, "%s", value.size() == 8 ? value.c_str() : "");
}

khabar_status_t
khabar_index_stats(khabar_index_t *index, khabar_stats_t *out)
{
    if (!index || !out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    index->message.clear();
    try {
        Xapian::Database &db = *index->db;
        memset(out, 0, sizeof *out);
        out->articles = db.get_doccount();
        out->revision = _khabar_revision(index);
        out->sources = count_terms(db, KHABAR_PREFIX_SOURCE);
        if (index->shards.empty()) {
            std::string live = live_directory(index->path, &out->generation);
            out->bytes = directory_bytes(live);
        } else {
            /* Shards: the local ones' bytes (a remote shard's disk is
             * not ours to see); no one generation. */
            unsigned long generation;
            for (const _khabar_shard &shard : index->shards)
                if (shard.host.empty())
                    out->bytes += directory_bytes(
                        live_directory(shard.location, &generation));
        }
        copy_date(out->first_date, db.get_value_lower_bound(KHABAR_SLOT_DATE));
        copy_date(out->last_date, db.get_value_upper_bound(KHABAR_SLOT_DATE));
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

khabar_status_t
khabar_index_check(const char *path, unsigned long *errors, char **report)
{
    if (report)
        *report = NULL;
    if (!path || !errors)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    std::string where = path, message;
    try {
        unsigned long generation;
        std::ostringstream said;
        /* A directory of shards: each of them, in turn. */
        unsigned shards = _khabar_shard_count(where);
        *errors = 0;
        for (unsigned i = 0; i < (shards ? shards : 1); i++) {
            std::string index = shards ? _khabar_shard_path(where, i) : where;
            std::string live = live_directory(index, &generation);
            if (shards)
                said << index << ":\n";
            *errors += Xapian::Database::check(live, 0, &said);
        }
        if (report)
            *report = strdup(said.str().c_str());
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        khabar_status_t status = _khabar_status_from_exception(where, message);
        if (report)
            *report = strdup(message.c_str());
        return status;
    }
}
