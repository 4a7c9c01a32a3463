/* generation.cc - the layout of an index directory, and rebuilding it
 * without downtime.
 *
 *   DIR/XAPIANDB       a Xapian stub file: "glass gen-000002"
 *   DIR/gen-000002/    the live glass database
 *   DIR/gen-000003/    a rebuild in progress, invisible to readers
 *
 * Xapian opens a directory holding XAPIANDB as the database the stub names,
 * for readers and writers alike.  A rebuild writes a new generation and
 * publishes it by rename()ing a new stub over the old one: readers see the
 * old generation or the new one, never a mixture.  An index made as a
 * plain glass directory (iamglass in DIR itself) still opens; it has no
 * generations to rebuild. */
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

namespace fs = std::filesystem;

static const char STUB_NAME[] = "XAPIANDB";
static const char GENERATION_PREFIX[] = "gen-";
/* Metadata key of the revision base: the revision the index had when this
 * generation was started, as decimal digits. */
static const char REVISION_BASE_KEY[] = "khabar.revision-base";

static std::string
generation_name(unsigned long number)
{
    char name[32];
    snprintf(name, sizeof name, "%s%06lu", GENERATION_PREFIX, number);
    return name;
}

/* The number of generation directory NAME, or 0 when NAME is not one. */
static unsigned long
generation_number(const std::string &name)
{
    size_t n = strlen(GENERATION_PREFIX);
    if (name.compare(0, n, GENERATION_PREFIX) != 0 || name.size() == n ||
        name.find_first_not_of("0123456789", n) != std::string::npos)
        return 0;
    return std::stoul(name.substr(n));
}

/* The generation the stub of DIR names, or 0 when it has no stub. */
static unsigned long
live_generation(const std::string &dir)
{
    std::ifstream stub(dir + "/" + STUB_NAME);
    std::string backend, name;
    if (!(stub >> backend >> name))
        return 0;
    return generation_number(name);
}

/* The highest generation number present in DIR, live or not. */
static unsigned long
highest_generation(const std::string &dir)
{
    unsigned long highest = 0;
    for (const fs::directory_entry &entry : fs::directory_iterator(dir))
        highest = std::max(highest,
                           generation_number(entry.path().filename()));
    return highest;
}

static void
throw_errno(const std::string &what)
{
    throw Xapian::DatabaseError(what, strerror(errno));
}

/* Writes FD's data to disk, or throws. */
static void
sync_fd(int fd, const std::string &what)
{
    if (fsync(fd) != 0)
        throw_errno("cannot sync " + what);
}

/* Points the stub of DIR at generation NUMBER in one rename(), durably:
 * the new stub is on disk before it replaces the old, and the directory
 * entry after. */
static void
write_stub(const std::string &dir, unsigned long number)
{
    std::string stub = dir + "/" + STUB_NAME, tmp = stub + ".new";
    std::string text = "glass " + generation_name(number) + "\n";
    int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        throw_errno("cannot write " + tmp);
    bool ok = write(fd, text.data(), text.size()) == (ssize_t) text.size() &&
              fsync(fd) == 0;
    int saved = errno;
    close(fd);
    errno = saved;
    if (!ok)
        throw_errno("cannot write " + tmp);
    if (rename(tmp.c_str(), stub.c_str()) != 0)
        throw_errno("cannot replace " + stub);
    int dirfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dirfd < 0)
        throw_errno("cannot open " + dir);
    try {
        sync_fd(dirfd, dir);
    } catch (...) {
        close(dirfd);
        throw;
    }
    close(dirfd);
}

/* Whether DIR holds no index yet, neither generations nor a plain glass
 * database: a place for a new one.  Other files (khabar-index's lock) may
 * already be there. */
static bool
is_new_index(const std::string &dir)
{
    std::error_code ec;
    return !fs::exists(dir + "/" + STUB_NAME, ec) &&
           !fs::exists(dir + "/iamglass", ec);
}

std::unique_ptr<Xapian::Database>
_khabar_open_database(const std::string &path, khabar_index_mode_t mode)
{
    /* A reader never creates anything, so that a mistyped path is
     * reported instead of silently searched. */
    if (mode == KHABAR_INDEX_READ_ONLY)
        return std::make_unique<Xapian::Database>(path);
    if (is_new_index(path)) {
        fs::create_directories(path + "/" + generation_name(1));
        Xapian::WritableDatabase(path + "/" + generation_name(1),
                                 Xapian::DB_CREATE_OR_OPEN).close();
        write_stub(path, 1);
    }
    return std::make_unique<Xapian::WritableDatabase>(path,
                                                      Xapian::DB_CREATE_OR_OPEN);
}

std::string
_khabar_stub_identity(const std::string &path)
{
    struct stat st;
    if (stat((path + "/" + STUB_NAME).c_str(), &st) != 0)
        return "";
    return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" +
           std::to_string(st.st_mtim.tv_sec) + "." +
           std::to_string(st.st_mtim.tv_nsec);
}

unsigned long
_khabar_revision_base(Xapian::Database &db)
{
    std::string base = db.get_metadata(REVISION_BASE_KEY);
    return base.empty() ? 0 : std::stoul(base);
}

/* The revision readers of the index at PATH see now; 0 for no index. */
static unsigned long
current_revision(const std::string &path)
{
    if (live_generation(path) == 0 && !fs::exists(path + "/iamglass"))
        return 0;
    Xapian::Database live(path);
    return _khabar_revision_base(live) + live.get_revision();
}

khabar_status_t
khabar_index_rebuild_open(const char *path, khabar_index_t **out,
                          char **error_message)
{
    if (error_message)
        *error_message = NULL;
    if (!out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    std::string where = path ? path : "", message;
    try {
        if (where.empty())
            throw Xapian::InvalidArgumentError("no index path given");
        if (_khabar_is_sharded(where))
            throw Xapian::InvalidArgumentError(
                "index " + where + " is remote or sharded: rebuild each shard "
                "(khabar-index --shards N --rebuild)");
        if (fs::exists(where + "/iamglass"))
            throw Xapian::InvalidArgumentError(
                "index " + where + " has no generations to rebuild (it was "
                "made before they existed): index into a new directory");
        fs::create_directories(where);
        std::unique_ptr<khabar_index_t> index(new khabar_index_t());
        index->path = where;
        index->mode = KHABAR_INDEX_READ_WRITE;
        index->rebuild_generation = highest_generation(where) + 1;
        index->rebuild_dir =
            where + "/" + generation_name(index->rebuild_generation);
        unsigned long base = current_revision(where);
        auto writer = std::make_unique<Xapian::WritableDatabase>(
            index->rebuild_dir, Xapian::DB_CREATE);
        writer->set_metadata(REVISION_BASE_KEY, std::to_string(base));
        index->revision_base = base;
        /* The publishing commit writes the revision (index.cc). */
        index->dirty = true;
        index->db = std::move(writer);
        *out = index.release();
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        khabar_status_t status = _khabar_status_from_exception(where, message);
        if (error_message)
            *error_message = strdup(message.c_str());
        return status;
    }
}

/* Removes every generation of DIR but KEEP, the live one: best effort,
 * since the stub has moved already and the run has succeeded; what stays
 * goes with the next run (khabar_index_remove_leftovers). */
static void
remove_other_generations(const std::string &dir, unsigned long keep)
{
    std::error_code ec;
    for (const fs::directory_entry &entry : fs::directory_iterator(dir, ec)) {
        unsigned long number = generation_number(entry.path().filename());
        if (number != 0 && number != keep)
            fs::remove_all(entry.path(), ec);
    }
}

khabar_status_t
khabar_index_remove_leftovers(const char *path, unsigned *removed,
                              char **error_message)
{
    if (error_message)
        *error_message = NULL;
    if (removed)
        *removed = 0;
    std::string where = path ? path : "", message;
    try {
        unsigned long live = live_generation(where);
        if (live == 0)
            return KHABAR_STATUS_SUCCESS;
        for (const fs::directory_entry &entry : fs::directory_iterator(where)) {
            unsigned long number = generation_number(entry.path().filename());
            if (number == 0 || number == live)
                continue;
            fs::remove_all(entry.path());
            if (removed)
                (*removed)++;
        }
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        khabar_status_t status = _khabar_status_from_exception(where, message);
        if (error_message)
            *error_message = strdup(message.c_str());
        return status;
    }
}

khabar_status_t
khabar_index_rebuild_publish(khabar_index_t *index, char **error_message)
{
    if (error_message)
        *error_message = NULL;
    if (!index || index->rebuild_dir.empty()) {
        khabar_index_rebuild_abandon(index);
        return KHABAR_STATUS_INVALID_ARGUMENT;
    }
    std::string message;
    khabar_status_t status = KHABAR_STATUS_SUCCESS;
    try {
        Xapian::WritableDatabase *writer = _khabar_writer(index);
        _khabar_note_revision(index, *writer);
        writer->commit();
        index->db->close();
        write_stub(index->path, index->rebuild_generation);
        remove_other_generations(index->path, index->rebuild_generation);
    } catch (...) {
        status = _khabar_status_from_exception(index->path, message);
        if (error_message)
            *error_message = strdup(message.c_str());
    }
    if (status != KHABAR_STATUS_SUCCESS &&
        live_generation(index->path) != index->rebuild_generation) {
        std::error_code ec;
        fs::remove_all(index->rebuild_dir, ec);
    }
    delete index;
    return status;
}

void
khabar_index_rebuild_abandon(khabar_index_t *index)
{
    if (!index)
        return;
    try {
        index->db->close();
    } catch (...) {
        /* Nothing to report: the generation is being thrown away. */
    }
    std::error_code ec;
    if (!index->rebuild_dir.empty())
        fs::remove_all(index->rebuild_dir, ec);
    delete index;
}

/* The bytes of the files in DIR. */
static unsigned long long
directory_bytes(const std::string &dir)
{
    unsigned long long total = 0;
    for (const fs::directory_entry &entry : fs::directory_iterator(dir))
        if (entry.is_regular_file())
            total += entry.file_size();
    return total;
}

/* Gives the compacted database TO the revision one past REVISION (Xapian
 * starts a compacted database's own revision afresh, so the base makes up
 * the difference); returns that revision. */
static unsigned long
stamp_revision(const std::string &to, unsigned long revision)
{
    Xapian::WritableDatabase target(to, Xapian::DB_OPEN);
    unsigned long own = target.get_revision();
    if (revision < own)
        revision = own;
    target.set_metadata(REVISION_BASE_KEY, std::to_string(revision - own));
    target.set_metadata(KHABAR_REVISION_KEY, std::to_string(revision + 1));
    target.commit();
    target.close();
    return revision + 1;
}

/* Compacts the live generation LIVE of DIR into generation NUMBER, with
 * the revision one past the live one's. */
static void
compact_generation(const std::string &dir, unsigned long live,
                   unsigned long number)
{
    std::string from = dir + "/" + generation_name(live);
    std::string to = dir + "/" + generation_name(number);
    unsigned long revision;
    {
        Xapian::Database source(from);
        revision = _khabar_revision_base(source) + source.get_revision();
        /* One source: its document ids are kept as they are. */
        source.compact(to, Xapian::DBCOMPACT_NO_RENUMBER);
    }
    stamp_revision(to, revision);
}

khabar_status_t
khabar_index_compact(const char *path, unsigned long long *before,
                     unsigned long long *after, char **error_message)
{
    if (error_message)
        *error_message = NULL;
    std::string where = path ? path : "", message, to;
    try {
        unsigned long live = live_generation(where);
        if (live == 0)
            throw Xapian::InvalidArgumentError(
                "index " + where + " has no generations to compact");
        unsigned long number = highest_generation(where) + 1;
        to = where + "/" + generation_name(number);
        if (before)
            *before = directory_bytes(where + "/" + generation_name(live));
        compact_generation(where, live, number);
        if (after)
            *after = directory_bytes(to);
        write_stub(where, number);
        remove_other_generations(where, number);
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        khabar_status_t status = _khabar_status_from_exception(where, message);
        /* The live generation is untouched until the stub moves: a failed
         * compaction only leaves its own directory to remove. */
        std::error_code ec;
        if (!to.empty() && live_generation(where) != generation_number(
                               fs::path(to).filename()))
            fs::remove_all(to, ec);
        if (error_message)
            *error_message = strdup(message.c_str());
        return status;
    }
}

/* Removes the directories of PARTS[0..N-1] and frees them. */
static void
free_parts(khabar_index_t **parts, unsigned n, bool remove)
{
    for (unsigned i = 0; i < n; i++) {
        if (!parts[i])
            continue;
        if (parts[i]->live_part) {
            /* The building handle's writer: its owner closes it. */
            delete parts[i];
            parts[i] = NULL;
            continue;
        }
        try {
            parts[i]->db->close();
        } catch (...) {
            /* Being thrown away or already closed: nothing to report. */
        }
        std::error_code ec;
        if (remove)
            fs::remove_all(parts[i]->path, ec);
        delete parts[i];
        parts[i] = NULL;
    }
}

/* The first part of a first build (not a rebuild): the live generation
 * itself, through INDEX's writer, so that what it commits is served at
 * once and survives a kill, as with one writer (docs/OPERATIONS.md). */
static khabar_index_t *
live_part(khabar_index_t *index, const std::string &where)
{
    std::unique_ptr<khabar_index_t> part(new khabar_index_t());
    part->path = where + "/" + generation_name(live_generation(where));
    part->mode = KHABAR_INDEX_READ_WRITE;
    part->db = std::make_unique<Xapian::WritableDatabase>(
        *_khabar_writer(index));
    part->revision_base = index->revision_base;
    part->live_part = true;
    return part.release();
}

khabar_status_t
khabar_index_parts_open(khabar_index_t *index, unsigned n,
                        khabar_index_t **parts, char **error_message)
{
    if (error_message)
        *error_message = NULL;
    if (!index || !parts || n == 0 || !_khabar_writer(index))
        return KHABAR_STATUS_INVALID_ARGUMENT;
    for (unsigned i = 0; i < n; i++)
        parts[i] = NULL;
    std::string where = index->path, message;
    try {
        if (live_generation(where) == 0 && index->rebuild_dir.empty())
            throw Xapian::InvalidArgumentError(
                "index " + where + " has no generations to build in parts");
        for (unsigned i = 0; i < n; i++) {
            if (i == 0 && index->rebuild_dir.empty()) {
                parts[0] = live_part(index, where);
                continue;
            }
            /* Generation directories: a part a crash leaves behind goes
             * with the next rebuild or compaction, as other old ones do. */
            std::string dir =
                where + "/" + generation_name(highest_generation(where) + 1);
            std::unique_ptr<khabar_index_t> part(new khabar_index_t());
            part->path = dir;
            part->mode = KHABAR_INDEX_READ_WRITE;
            part->db = std::make_unique<Xapian::WritableDatabase>(
                dir, Xapian::DB_CREATE);
            parts[i] = part.release();
        }
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        khabar_status_t status = _khabar_status_from_exception(where, message);
        free_parts(parts, n, true);
        if (error_message)
            *error_message = strdup(message.c_str());
        return status;
    }
}

void
khabar_index_parts_abandon(khabar_index_t **parts, unsigned n)
{
    if (parts)
        free_parts(parts, n, true);
}

/* Commits and closes each of PARTS[0..N-1], and puts their bytes into
 * *BYTES.  Returns the commits they made, the last ones counted as one:
 * what one writer would have made of the same batches, so that a full
 * build's revision is the same with one writer or several when every
 * part held one batch. */
static unsigned long
commit_parts(khabar_index_t **parts, unsigned n, unsigned long long &bytes)
{
    unsigned long commits = 0, last = 0;
    for (unsigned i = 0; i < n; i++) {
        Xapian::WritableDatabase *writer = _khabar_writer(parts[i]);
        _khabar_note_revision(parts[i], *writer);
        Xapian::rev before = writer->get_revision();
        writer->commit();
        if (parts[i]->live_part) {
            /* Its earlier commits are in the building handle's revision
             * already: only this last one is new. */
            commits += writer->get_revision() - before;
        } else if (writer->get_revision() > 0) {
            commits += writer->get_revision() - 1;
            last = 1;
        }
        writer->close();
        bytes += directory_bytes(parts[i]->path);
    }
    return commits + last;
}

khabar_status_t
khabar_index_parts_merge(khabar_index_t *index, khabar_index_t **parts,
                         unsigned n, unsigned long long *before,
                         unsigned long long *after, unsigned long *revision,
                         char **error_message)
{
    if (error_message)
        *error_message = NULL;
    if (!index || !parts || n == 0) {
        khabar_index_parts_abandon(parts, n);
        return KHABAR_STATUS_INVALID_ARGUMENT;
    }
    std::string where = index->path, message;
    unsigned long number = 0;
    khabar_status_t status = KHABAR_STATUS_SUCCESS;
    try {
        unsigned long long bytes = 0;
        /* The revision the build started from, plus the parts' commits:
         * revisions only grow, as with one writer. */
        unsigned long base = _khabar_revision(index);
        base += commit_parts(parts, n, bytes);
        index->db->close();
        Xapian::Database all;
        for (unsigned i = 0; i < n; i++)
            all.add_database(Xapian::Database(parts[i]->path));
        number = highest_generation(where) + 1;
        std::string to = where + "/" + generation_name(number);
        /* Renumbered: each part's ids follow the previous part's. */
        all.compact(to);
        all.close();
        unsigned long merged = stamp_revision(to, base);
        if (before)
            *before = bytes;
        if (after)
            *after = directory_bytes(to);
        write_stub(where, number);
        remove_other_generations(where, number);
        if (revision)
            *revision = merged;
    } catch (...) {
        status = _khabar_status_from_exception(where, message);
        if (error_message)
            *error_message = strdup(message.c_str());
        /* The stub has not moved: drop what this build made, keeping the
         * live generation (INDEX's own, for an index that was empty). */
        std::error_code ec;
        unsigned long live = live_generation(where);
        if (number != 0 && live != number)
            fs::remove_all(where + "/" + generation_name(number), ec);
        if (!index->rebuild_dir.empty() &&
            live != index->rebuild_generation)
            fs::remove_all(index->rebuild_dir, ec);
    }
    free_parts(parts, n, true);
    delete index;
    return status;
}
