/* index.cc - opening, committing and closing an index, and what a handle
 * can say about it (count, revision, last error). */
#include <cstring>

#include "internal.h"

/* Hands MESSAGE to the caller of khabar_index_open() as malloc()ed C. */
static void
give_message(const char *message, char **error_message)
{
    if (error_message)
        *error_message = strdup(message);
}

static void
give_message(const std::string &message, char **error_message)
{
    give_message(message.c_str(), error_message);
}

khabar_status_t
khabar_index_open(const char *path, khabar_index_mode_t mode,
                  khabar_index_t **out, char **error_message)
{
    if (error_message)
        *error_message = NULL;
    if (!out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    /* Outside the try so that the catch block needs no allocation of its
     * own to name the path. */
    std::string where, message;
    try {
        if (!path || !*path) {
            give_message("no index path given", error_message);
            return KHABAR_STATUS_INVALID_ARGUMENT;
        }
        where = path;
        if (mode != KHABAR_INDEX_READ_ONLY && mode != KHABAR_INDEX_READ_WRITE) {
            give_message("bad open mode for index " + where, error_message);
            return KHABAR_STATUS_INVALID_ARGUMENT;
        }
        if (_khabar_is_sharded(where)) {
            if (mode != KHABAR_INDEX_READ_ONLY) {
                give_message("index " + where + " is remote or sharded: "
                             "write each shard as an index of its own "
                             "(docs/SCALING.md)", error_message);
                return KHABAR_STATUS_INVALID_ARGUMENT;
            }
            return khabar_index_open_shards(&path, 1, 0, out, error_message);
        }
        std::unique_ptr<khabar_index_t> index(new khabar_index_t());
        index->path = where;
        index->mode = mode;
        index->stub_identity = _khabar_stub_identity(where);
        index->db = _khabar_open_database(where, mode);
        index->revision_base = _khabar_revision_base(*index->db);
        *out = index.release();
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        khabar_status_t status = _khabar_status_from_exception(where, message);
        give_message(message.empty() ? khabar_status_to_string(status)
                                     : message.c_str(),
                     error_message);
        return status;
    }
}

khabar_status_t
khabar_index_close(khabar_index_t *index)
{
    if (!index)
        return KHABAR_STATUS_SUCCESS;
    khabar_status_t status = KHABAR_STATUS_SUCCESS;
    try {
        /* Explicitly, so a failed final commit is reported rather than
         * swallowed by a destructor. */
        if (index->mode == KHABAR_INDEX_READ_WRITE) {
            Xapian::WritableDatabase *writer = _khabar_writer(index);
            _khabar_note_revision(index, *writer);
            writer->commit();
        }
        index->db->close();
    } catch (...) {
        status = _khabar_caught(index);
    }
    delete index;
    return status;
}

const char *
khabar_index_message(const khabar_index_t *index)
{
    if (!index)
        return "no index handle";
    return index->message.c_str();
}

khabar_status_t
khabar_index_commit(khabar_index_t *index)
{
    if (!index)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    index->message.clear();
    try {
        Xapian::WritableDatabase *writer = _khabar_writer(index);
        if (!writer)
            return KHABAR_STATUS_READ_ONLY;
        _khabar_note_revision(index, *writer);
        writer->commit();
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

khabar_status_t
khabar_index_count(khabar_index_t *index, unsigned long *out)
{
    if (!index || !out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    index->message.clear();
    try {
        *out = index->db->get_doccount();
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

khabar_status_t
khabar_index_revision(khabar_index_t *index, unsigned long *out)
{
    if (!index || !out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    index->message.clear();
    try {
        *out = _khabar_revision(index);
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

khabar_status_t
khabar_index_reopen(khabar_index_t *index)
{
    if (!index)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    index->message.clear();
    try {
        if (!index->shards.empty()) {
            _khabar_shards_reopen(index);
            return KHABAR_STATUS_SUCCESS;
        }
        /* A no-op for a writer, which always sees its own changes. */
        std::string stub = _khabar_stub_identity(index->path);
        if (index->mode == KHABAR_INDEX_READ_ONLY &&
            stub != index->stub_identity) {
            /* A rebuild switched generations: Xapian's reopen() would stay
             * on the old one, so open the index afresh. */
            index->db = _khabar_open_database(index->path, index->mode);
            index->stub_identity = stub;
            index->revision_base = _khabar_revision_base(*index->db);
        } else {
            index->db->reopen();
        }
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

void
_khabar_note_revision(khabar_index_t *index, Xapian::WritableDatabase &writer)
{
    /* Every commit comes through here: the spelling words gathered since
     * the last one must go in with it. */
    _khabar_spelling_flush(index, writer);
    if (!index->dirty)
        return;
    /* A commit with changes makes the next revision. */
    writer.set_metadata(KHABAR_REVISION_KEY,
                        std::to_string(index->revision_base +
                                       writer.get_revision() + 1));
    index->dirty = false;
}
