/* shards.cc - one read-only handle over several indexes: local paths,
 * directories of shards, and tcp://host:port of indexes that
 * xapian-tcpsrv serves (docs/SCALING.md).
 *
 * The indexes are joined into one Xapian multi-database, so the match
 * uses the statistics of all of them (document count, term frequencies,
 * lengths) and a hit scores exactly as in a single index holding every
 * article.  A directory of shards is DIR/SHARDS ("khabar-shards N") with
 * DIR/shard-0 ... DIR/shard-(N-1) beside it, each an index of its own
 * with generations (generation.cc). */
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "internal.h"

namespace fs = std::filesystem;

static const char SHARDS_FILE[] = "SHARDS";
static const char SHARDS_MAGIC[] = "khabar-shards";
static const char TCP_SCHEME[] = "tcp://";

/* MurmurHash3's 64-bit finaliser: FNV-1a's low bits depend on few input
 * bits (its last bit is the parity of the bytes' last bits), and a shard
 * number is the hash modulo a small N. */
static uint64_t
fmix64(uint64_t k)
{
    k ^= k >> 33;
    k *= UINT64_C(0xff51afd7ed558ccd);
    k ^= k >> 33;
    k *= UINT64_C(0xc4ceb9fe1a85ec53);
    k ^= k >> 33;
    return k;
}

extern "C" unsigned
khabar_shard_of(const char *id, unsigned n)
{
    if (!id || n == 0)
        return 0;
    uint64_t hash = _khabar_fnv1a(KHABAR_FNV1A_OFFSET, id, strlen(id));
    return (unsigned) (fmix64(hash) % n);
}

/* The number of shards DIR/SHARDS names, 0 when DIR has none. */
unsigned
_khabar_shard_count(const std::string &dir)
{
    std::ifstream file(dir + "/" + SHARDS_FILE);
    if (!file)
        return 0;
    std::string magic;
    unsigned long n = 0;
    if (!(file >> magic >> n) || magic != SHARDS_MAGIC || n == 0 ||
        n > KHABAR_SHARDS_MAX)
        throw Xapian::DatabaseCorruptError(
            dir + "/" + SHARDS_FILE + " is not \"" + SHARDS_MAGIC + " N\" with N "
            "from 1 to " + std::to_string(KHABAR_SHARDS_MAX));
    return (unsigned) n;
}

static bool
is_remote(const std::string &location)
{
    return location.compare(0, strlen(TCP_SCHEME), TCP_SCHEME) == 0;
}

bool
_khabar_is_sharded(const std::string &path)
{
    std::error_code ec;
    return is_remote(path) || fs::exists(path + "/" + SHARDS_FILE, ec);
}

std::string
_khabar_shard_path(const std::string &dir, unsigned i)
{
    char name[32];
    snprintf(name, sizeof name, KHABAR_SHARD_NAME, i);
    return dir + "/" + name;
}

/* Writes DIR/SHARDS for N shards in one rename(). */
static void
write_shards_file(const std::string &dir, unsigned n)
{
    std::string file = dir + "/" + SHARDS_FILE, tmp = file + ".new";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << SHARDS_MAGIC << " " << n << "\n";
        out.flush();
        if (!out)
            throw Xapian::DatabaseError("cannot write " + tmp);
    }
    if (rename(tmp.c_str(), file.c_str()) != 0)
        throw Xapian::DatabaseError("cannot replace " + file, strerror(errno));
}

extern "C" khabar_status_t
khabar_shards_prepare(const char *dir, unsigned n, char **error_message)
{
    if (error_message)
        *error_message = NULL;
    std::string where = dir ? dir : "", message;
    try {
        if (where.empty())
            throw Xapian::InvalidArgumentError("no index path given");
        if (n == 0 || n > KHABAR_SHARDS_MAX)
            throw Xapian::InvalidArgumentError(
                "index " + where + ": the number of shards must be from 1 to " +
                std::to_string(KHABAR_SHARDS_MAX));
        fs::create_directories(where);
        unsigned have = _khabar_shard_count(where);
        if (have == n)
            return KHABAR_STATUS_SUCCESS;
        if (have)
            throw Xapian::InvalidArgumentError(
                "index " + where + " has " + std::to_string(have) +
                " shards, not " + std::to_string(n) + ": to change their "
                "number, index everything into a new directory");
        if (fs::exists(where + "/XAPIANDB") || fs::exists(where + "/iamglass"))
            throw Xapian::InvalidArgumentError(
                "index " + where + " is not sharded: index the shards into a "
                "new directory");
        write_shards_file(where, n);
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        khabar_status_t status = _khabar_status_from_exception(where, message);
        if (error_message)
            *error_message = strdup(message.c_str());
        return status;
    }
}

/* SHARD for LOCATION: local, or remote with its host and port. */
static void
parse_location(const std::string &location, _khabar_shard &shard)
{
    shard.location = location;
    if (!is_remote(location))
        return;
    std::string rest = location.substr(strlen(TCP_SCHEME));
    size_t colon = rest.rfind(':');
    std::string port = colon == std::string::npos ? "" : rest.substr(colon + 1);
    char *end = NULL;
    unsigned long number = port.empty() ? 0 : strtoul(port.c_str(), &end, 10);
    if (colon == 0 || port.empty() || *end || port[0] == '+' ||
        number == 0 || number > 65535)
        throw Xapian::InvalidArgumentError(
            "shard location '" + location + "' is not tcp://HOST:PORT");
    shard.host = rest.substr(0, colon);
    /* An IPv6 address is written in brackets: tcp://[::1]:8000. */
    if (shard.host.size() > 2 && shard.host.front() == '[' &&
        shard.host.back() == ']')
        shard.host = shard.host.substr(1, shard.host.size() - 2);
    shard.port = (unsigned) number;
}

/* Appends the shards LOCATION stands for to SHARDS: itself, or each shard
 * of a directory of shards. */
static void
add_location(const std::string &location, std::vector<_khabar_shard> &shards)
{
    unsigned n = is_remote(location) ? 0 : _khabar_shard_count(location);
    for (unsigned i = 0; i < (n ? n : 1); i++) {
        _khabar_shard shard;
        parse_location(n ? _khabar_shard_path(location, i) : location, shard);
        shards.push_back(std::move(shard));
    }
}

/* The revision a remote shard's writer put in its metadata (Xapian's
 * remote protocol does not carry revisions); 0 for an index written
 * before it did. */
static unsigned long
remote_revision(const Xapian::Database &db)
{
    std::string value = db.get_metadata(KHABAR_REVISION_KEY);
    return value.empty() ? 0 : strtoul(value.c_str(), NULL, 10);
}

static void
note_revision(_khabar_shard &shard)
{
    shard.revision = shard.host.empty()
                         ? shard.revision_base + shard.db.get_revision()
                         : remote_revision(shard.db);
}

static void
open_shard(_khabar_shard &shard, unsigned timeout_ms)
{
    if (!shard.host.empty()) {
        shard.db = Xapian::Remote::open(shard.host, shard.port, timeout_ms,
                                        timeout_ms);
    } else {
        /* Read first: a stub replaced between the two reads only makes
         * the next reopen open the shard again. */
        shard.stub_identity = _khabar_stub_identity(shard.location);
        shard.db = *_khabar_open_database(shard.location,
                                          KHABAR_INDEX_READ_ONLY);
        shard.revision_base = _khabar_revision_base(shard.db);
    }
    note_revision(shard);
}

/* Throws unless every shard of INDEX holding articles has the first such
 * shard's value of each metadata key the query path reads: Xapian would
 * read them from the first shard alone, and a shard written otherwise
 * (before date terms, with another paragraph gap) would then silently
 * miss from date ranges or match para:( ) across paragraphs. */
static void
check_shards_agree(const khabar_index_t *index)
{
    static const char *const keys[] = { KHABAR_META_DATE_TERMS,
                                        KHABAR_META_DAY_TERMS,
                                        KHABAR_META_PARAGRAPH_GAP };
    const _khabar_shard *first = nullptr;
    for (const _khabar_shard &shard : index->shards) {
        if (shard.db.get_doccount() == 0)
            continue;
        if (!first) {
            first = &shard;
            continue;
        }
        for (const char *key : keys)
            if (shard.db.get_metadata(key) != first->db.get_metadata(key))
                throw Xapian::InvalidArgumentError(
                    "index " + shard.location + " and index " +
                    first->location + " were written differently (metadata " +
                    key + "): rebuild the older one with khabar-index "
                    "--rebuild to search them together");
    }
}

/* INDEX->db as the union of its shards' databases. */
static void
combine(khabar_index_t *index)
{
    check_shards_agree(index);
    Xapian::Database all;
    for (const _khabar_shard &shard : index->shards)
        all.add_database(shard.db);
    index->db = std::make_unique<Xapian::Database>(all);
}

void
_khabar_shards_reopen(khabar_index_t *index)
{
    bool reopened = false;
    for (_khabar_shard &shard : index->shards)
        if (shard.host.empty() &&
            _khabar_stub_identity(shard.location) != shard.stub_identity) {
            /* A rebuild switched this shard's generation (generation.cc). */
            open_shard(shard, index->timeout_ms);
            reopened = true;
        }
    if (reopened)
        combine(index);
    try {
        index->db->reopen();
    } catch (const Xapian::DatabaseOpeningError &) {
        if (!index->remote)
            throw;
        /* A remote shard was rebuilt: its server reads the new generation
         * only on a new connection, and the old one is gone.  Connect
         * to every remote shard afresh. */
        for (_khabar_shard &shard : index->shards)
            if (!shard.host.empty())
                open_shard(shard, index->timeout_ms);
        combine(index);
    }
    for (_khabar_shard &shard : index->shards)
        note_revision(shard);
}

unsigned long
_khabar_revision(const khabar_index_t *index)
{
    if (index->shards.empty())
        return index->revision_base + index->db->get_revision();
    /* Each shard's revision only grows, so their sum does too. */
    unsigned long sum = 0;
    for (const _khabar_shard &shard : index->shards)
        sum += shard.revision;
    return sum;
}

std::unique_ptr<Xapian::Database>
_khabar_open_again(const khabar_index_t *index, unsigned long *revision)
{
    if (index->shards.empty()) {
        std::unique_ptr<Xapian::Database> db =
            _khabar_open_database(index->path, KHABAR_INDEX_READ_ONLY);
        *revision = _khabar_revision_base(*db) + db->get_revision();
        return db;
    }
    khabar_index_t again;
    again.timeout_ms = index->timeout_ms;
    for (const _khabar_shard &shard : index->shards) {
        _khabar_shard copy;
        copy.location = shard.location;
        copy.host = shard.host;
        copy.port = shard.port;
        open_shard(copy, again.timeout_ms);
        again.shards.push_back(std::move(copy));
    }
    combine(&again);
    *revision = _khabar_revision(&again);
    return std::move(again.db);
}

/* LOCATIONS joined by ", ", for messages about the whole handle. */
static std::string
joined(const char *const *locations, size_t n)
{
    std::string all;
    for (size_t i = 0; i < n; i++)
        all += (i ? ", " : "") + std::string(locations[i]);
    return all;
}

extern "C" khabar_status_t
khabar_index_open_shards(const char *const *locations, size_t n,
                         unsigned timeout_ms, khabar_index_t **out,
                         char **error_message)
{
    if (error_message)
        *error_message = NULL;
    if (!out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    /* The location being opened, so that a failure names it. */
    std::string where, message;
    try {
        if (!locations || n == 0)
            throw Xapian::InvalidArgumentError("no index location given");
        std::unique_ptr<khabar_index_t> index(new khabar_index_t());
        index->mode = KHABAR_INDEX_READ_ONLY;
        index->timeout_ms = timeout_ms ? timeout_ms
                                       : KHABAR_REMOTE_TIMEOUT_DEFAULT_MS;
        for (size_t i = 0; i < n; i++) {
            if (!locations[i] || !*locations[i])
                throw Xapian::InvalidArgumentError(
                    "index location " + std::to_string(i + 1) + " is empty");
            where = locations[i];
            add_location(where, index->shards);
        }
        index->path = joined(locations, n);
        index->remote = false;
        for (_khabar_shard &shard : index->shards) {
            where = shard.location;
            open_shard(shard, index->timeout_ms);
            index->remote = index->remote || !shard.host.empty();
        }
        combine(index.get());
        *out = index.release();
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        khabar_status_t status = _khabar_status_from_exception(where, message);
        if (error_message)
            *error_message = strdup(message.empty()
                                        ? khabar_status_to_string(status)
                                        : message.c_str());
        return status;
    }
}

extern "C" size_t
khabar_index_shards(const khabar_index_t *index)
{
    if (!index)
        return 0;
    return index->shards.empty() ? 1 : index->shards.size();
}

extern "C" khabar_status_t
khabar_index_shard(khabar_index_t *index, size_t i, khabar_shard_info_t *out)
{
    if (!index || !out || i >= khabar_index_shards(index))
        return KHABAR_STATUS_INVALID_ARGUMENT;
    index->message.clear();
    try {
        if (index->shards.empty()) {
            out->location = index->path.c_str();
            out->remote = 0;
            out->articles = index->db->get_doccount();
            out->revision = _khabar_revision(index);
            return KHABAR_STATUS_SUCCESS;
        }
        _khabar_shard &shard = index->shards[i];
        out->location = shard.location.c_str();
        out->remote = !shard.host.empty();
        out->articles = shard.db.get_doccount();
        out->revision = shard.revision;
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}
