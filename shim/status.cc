/* status.cc - status codes and the one place where C++ exceptions become
 * them.
 *
 * Every extern "C" function ends in catch (...) { return _khabar_caught(); }
 * so that no exception crosses into C.  The classification rethrows the
 * exception being handled and catches it again by type, most specific
 * first (after notmuch's _notmuch_xapian_error and mu's xapian_try_result),
 * with std::bad_alloc and catch (...) included so nothing escapes. */
#include <exception>
#include <new>

#include <filesystem>

#include "internal.h"

const char *
khabar_status_to_string(khabar_status_t status)
{
    switch (status) {
    case KHABAR_STATUS_SUCCESS:          return "no error";
    case KHABAR_STATUS_OUT_OF_MEMORY:    return "out of memory";
    case KHABAR_STATUS_NO_INDEX:         return "no index at that path";
    case KHABAR_STATUS_LOCKED:           return "index locked by another writer";
    case KHABAR_STATUS_CORRUPT:          return "index corrupt or of an unknown format";
    case KHABAR_STATUS_QUERY_SYNTAX:     return "query syntax error";
    case KHABAR_STATUS_INVALID_ARGUMENT: return "invalid argument";
    case KHABAR_STATUS_READ_ONLY:        return "index opened read-only";
    case KHABAR_STATUS_NOT_FOUND:        return "no article with that id";
    case KHABAR_STATUS_MODIFIED:         return "index modified while reading; reopen and retry";
    case KHABAR_STATUS_IO_ERROR:         return "I/O error on the index";
    case KHABAR_STATUS_INTERNAL_ERROR:   return "internal error";
    case KHABAR_STATUS_UNAVAILABLE:      return "a shard of the index cannot be reached";
    case KHABAR_STATUS_LAST:             break;
    }
    return "unknown status";
}

/* The status for ERROR.  Allocates nothing, so it cannot fail. */
static khabar_status_t
classify(const std::exception_ptr &error) noexcept
{
    try {
        std::rethrow_exception(error);
    } catch (const Xapian::NetworkError &) {
        /* Also NetworkTimeoutError: a remote shard down or too slow. */
        return KHABAR_STATUS_UNAVAILABLE;
    } catch (const Xapian::DatabaseLockError &) {
        return KHABAR_STATUS_LOCKED;
    } catch (const Xapian::DatabaseOpeningError &) {
        /* Also DatabaseNotFoundError and DatabaseVersionError, which derive
         * from it: tell the version case apart. */
        try {
            std::rethrow_exception(error);
        } catch (const Xapian::DatabaseVersionError &) {
            return KHABAR_STATUS_CORRUPT;
        } catch (...) {
            return KHABAR_STATUS_NO_INDEX;
        }
    } catch (const Xapian::DatabaseCorruptError &) {
        return KHABAR_STATUS_CORRUPT;
    } catch (const Xapian::DatabaseModifiedError &) {
        return KHABAR_STATUS_MODIFIED;
    } catch (const Xapian::QueryParserError &) {
        return KHABAR_STATUS_QUERY_SYNTAX;
    } catch (const Xapian::DatabaseError &) {
        return KHABAR_STATUS_IO_ERROR;
    } catch (const Xapian::InvalidArgumentError &) {
        return KHABAR_STATUS_INVALID_ARGUMENT;
    } catch (const std::filesystem::filesystem_error &) {
        return KHABAR_STATUS_IO_ERROR;
    } catch (const std::bad_alloc &) {
        return KHABAR_STATUS_OUT_OF_MEMORY;
    } catch (...) {
        return KHABAR_STATUS_INTERNAL_ERROR;
    }
}

/* What went wrong, as Xapian or the runtime said it ("DatabaseError: ..."),
 * for the messages that carry it. */
static std::string
detail(const std::exception_ptr &error)
{
    try {
        std::rethrow_exception(error);
    } catch (const Xapian::Error &e) {
        return e.get_description();
    } catch (const std::exception &e) {
        return std::string("C++ exception: ") + e.what();
    } catch (...) {
        return "an exception of unknown type";
    }
}

/* The message alone, for errors whose message is already a sentence. */
static std::string
detail_message(const std::exception_ptr &error)
{
    try {
        std::rethrow_exception(error);
    } catch (const Xapian::Error &e) {
        return e.get_msg();
    } catch (...) {
        return detail(error);
    }
}

/* The shard a NetworkError is about, as tcp://HOST:PORT: Xapian names it
 * "remote:tcp(HOST:PORT)" in the error's context.  PATH when it does not
 * say. */
static std::string
unreachable_shard(const std::exception_ptr &error, const std::string &path)
{
    try {
        std::rethrow_exception(error);
    } catch (const Xapian::Error &e) {
        const std::string &context = e.get_context();
        const std::string head = "remote:tcp(";
        if (context.compare(0, head.size(), head) == 0 && context.back() == ')')
            return "tcp://" + context.substr(head.size(),
                                             context.size() - head.size() - 1);
    } catch (...) {
    }
    return path;
}

/* Why a shard could not be reached, in the words of the system when
 * Xapian kept them ("Connection refused"). */
static std::string
unreachable_why(const std::exception_ptr &error)
{
    try {
        std::rethrow_exception(error);
    } catch (const Xapian::NetworkTimeoutError &e) {
        return "no answer in time";
    } catch (const Xapian::Error &e) {
        return e.get_error_string() ? e.get_msg() + " (" +
                                      e.get_error_string() + ")"
                                    : e.get_msg();
    } catch (...) {
        return detail(error);
    }
}

/* The sentence for an exception of STATUS on the index at PATH. */
static std::string
describe(const std::exception_ptr &error, khabar_status_t status,
         const std::string &path)
{
    switch (status) {
    case KHABAR_STATUS_LOCKED:
        return "index " + path + " is locked by another writer";
    case KHABAR_STATUS_NO_INDEX:
        return "no Khabar index at " + path + " (" + detail(error) + ")";
    case KHABAR_STATUS_CORRUPT:
        return "index " + path + " is corrupt or of an unknown format ("
               + detail(error) + ")";
    case KHABAR_STATUS_MODIFIED:
        return "index " + path + " changed while being read; reopen and retry";
    case KHABAR_STATUS_QUERY_SYNTAX:
        return "query syntax error: " + detail(error);
    case KHABAR_STATUS_IO_ERROR:
        return "I/O error on index " + path + " (" + detail(error) + ")";
    case KHABAR_STATUS_OUT_OF_MEMORY:
        return "out of memory";
    case KHABAR_STATUS_INVALID_ARGUMENT:
        return detail_message(error);
    case KHABAR_STATUS_UNAVAILABLE:
        return "shard " + unreachable_shard(error, path) +
               " cannot be reached: " + unreachable_why(error);
    default:
        return "internal error on index " + path + ": " + detail(error);
    }
}

khabar_status_t
_khabar_status_from_exception(const std::string &path,
                              std::string &message) noexcept
{
    std::exception_ptr error = std::current_exception();
    khabar_status_t status = classify(error);
    try {
        message = describe(error, status, path);
    } catch (...) {
        /* No memory even for the sentence: keep the status, lose the
         * detail. */
        message.clear();
    }
    return status;
}

khabar_status_t
_khabar_caught(khabar_index_t *index) noexcept
{
    return _khabar_status_from_exception(index->path, index->message);
}

khabar_status_t
_khabar_fail(khabar_index_t *index, khabar_status_t status,
             const std::string &message)
{
    index->message = message;
    return status;
}

Xapian::WritableDatabase *
_khabar_writer(khabar_index_t *index)
{
    if (index->mode != KHABAR_INDEX_READ_WRITE) {
        _khabar_fail(index, KHABAR_STATUS_READ_ONLY,
                     "index " + index->path + " is open read-only");
        return NULL;
    }
    /* A writer's handle was opened as a WritableDatabase (index.cc). */
    return static_cast<Xapian::WritableDatabase *>(index->db.get());
}
