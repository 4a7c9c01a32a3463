/* khabar.h - the C API over Xapian that every Khabar program uses.
 *
 * This is the only public header of shim/, and the only place where the
 * rest of Khabar learns anything about the index.  It speaks the domain
 * (articles, searches, hits), not Xapian.
 *
 * Conventions, after notmuch:
 *   - Handles are opaque.  Whoever calls _open or _search frees the result
 *     with the matching _close or _free; _free(NULL) and _close(NULL) are
 *     no-ops.
 *   - Every call that can fail returns a khabar_status_t and passes results
 *     through a trailing out parameter.
 *   - When a call on a handle fails, khabar_index_message() tells why; each
 *     call clears the message first.  The library never prints.
 *   - No C++ exception ever crosses into the caller.
 *   - Xapian handles are not thread-safe: use one khabar_index_t per thread.
 */
#ifndef KHABAR_H
#define KHABAR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    KHABAR_STATUS_SUCCESS = 0,
    KHABAR_STATUS_OUT_OF_MEMORY,
    /* The index directory does not exist or holds no index. */
    KHABAR_STATUS_NO_INDEX,
    /* Another writer holds the index's lock. */
    KHABAR_STATUS_LOCKED,
    /* The index is damaged, or of a format this build cannot read. */
    KHABAR_STATUS_CORRUPT,
    /* The query string could not be parsed. */
    KHABAR_STATUS_QUERY_SYNTAX,
    /* A NULL where a value is needed, an empty id, an article with
     * neither title nor body, a malformed date... */
    KHABAR_STATUS_INVALID_ARGUMENT,
    /* A write was attempted on an index opened read-only. */
    KHABAR_STATUS_READ_ONLY,
    /* No article has that id. */
    KHABAR_STATUS_NOT_FOUND,
    /* The index changed under a reader; reopen and retry. */
    KHABAR_STATUS_MODIFIED,
    /* Reading or writing the files of the index failed. */
    KHABAR_STATUS_IO_ERROR,
    /* Anything else Xapian or the C++ runtime reported. */
    KHABAR_STATUS_INTERNAL_ERROR,
    KHABAR_STATUS_LAST
} khabar_status_t;

/* A short, constant, English description of STATUS. */
const char *khabar_status_to_string(khabar_status_t status);

typedef struct khabar_index khabar_index_t;

typedef enum {
    KHABAR_INDEX_READ_ONLY,
    /* Creates the index when PATH does not hold one yet. */
    KHABAR_INDEX_READ_WRITE
} khabar_index_mode_t;

/* Opens the index at PATH.  On success *OUT is the handle.  On failure *OUT
 * is NULL and, when ERROR_MESSAGE is not NULL, *ERROR_MESSAGE is a
 * malloc()ed sentence naming PATH that the caller frees (or NULL when even
 * that could not be allocated). */
khabar_status_t khabar_index_open(const char *path, khabar_index_mode_t mode,
                                  khabar_index_t **out, char **error_message);

/* Commits what is pending (for a writer), releases the lock and frees
 * INDEX.  The status reports a failed final commit; INDEX is freed
 * whatever it says. */
khabar_status_t khabar_index_close(khabar_index_t *index);

/* Why the last call on INDEX failed, or "" after a call that succeeded.
 * Valid until the next call on INDEX. */
const char *khabar_index_message(const khabar_index_t *index);

/* One news article.  Strings are UTF-8 and NUL-terminated; any of them may
 * be NULL except that an article needs a title or a body.  DATE is ISO 8601
 * (YYYY-MM-DD, optionally followed by a time). */
typedef struct {
    const char *id;
    const char *url;
    const char *title;
    const char *date;
    const char *source;
    const char *lang;
    const char *body;
} khabar_article_t;

/* The longest id an article may have, in bytes: an id is one Xapian term,
 * and terms are limited in length. */
#define KHABAR_MAX_ID_BYTES 239

typedef enum {
    KHABAR_UPSERT_ADDED,
    KHABAR_UPSERT_UPDATED,
    /* The stored article already had exactly this content: nothing written. */
    KHABAR_UPSERT_UNCHANGED
} khabar_upsert_result_t;

/* Stores ARTICLE under ARTICLE->id, replacing any article with that id, so
 * that one id is always one document.  *OUT (when not NULL) says what
 * happened.  The change is durable after khabar_index_commit(). */
khabar_status_t khabar_index_upsert(khabar_index_t *index,
                                    const khabar_article_t *article,
                                    khabar_upsert_result_t *out);

/* Removes the article with ID; KHABAR_STATUS_NOT_FOUND when none has it. */
khabar_status_t khabar_index_delete(khabar_index_t *index, const char *id);

/* Makes every change so far durable and visible to readers. */
khabar_status_t khabar_index_commit(khabar_index_t *index);

/* The number of articles in the index. */
khabar_status_t khabar_index_count(khabar_index_t *index, unsigned long *out);

/* The revision of the index this handle reads: it grows with every commit,
 * so an answer that names it can be cited and checked. */
khabar_status_t khabar_index_revision(khabar_index_t *index,
                                      unsigned long *out);

/* For a reader: moves to the latest committed revision.  Cheap when there is
 * none newer. */
khabar_status_t khabar_index_reopen(khabar_index_t *index);

/* A stored article, as khabar_index_get() returns it.  Every string is
 * non-NULL ("" when absent) and owned by the article. */
typedef struct khabar_stored_article khabar_stored_article_t;

/* Reads the article with ID; KHABAR_STATUS_NOT_FOUND when none has it. */
khabar_status_t khabar_index_get(khabar_index_t *index, const char *id,
                                 khabar_stored_article_t **out);
const khabar_article_t *
khabar_stored_article_fields(const khabar_stored_article_t *article);
void khabar_stored_article_free(khabar_stored_article_t *article);

/* One ranked hit.  Strings are non-NULL ("" when absent).  SNIPPET is HTML:
 * the text is escaped and the words that matched are wrapped in
 * <mark>...</mark>. */
typedef struct {
    const char *id;
    const char *title;
    const char *url;
    const char *date;
    const char *source;
    const char *lang;
    const char *snippet;
    double score;
} khabar_hit_t;

typedef struct khabar_results khabar_results_t;

/* Runs QUERY (the syntax of docs/QUERY.md; every word is required unless
 * OR is used) and returns hits OFFSET to OFFSET + SIZE - 1 in rank order.
 * KHABAR_STATUS_QUERY_SYNTAX, with a message saying what is wrong, when
 * QUERY does not parse.  An empty QUERY matches nothing. */
khabar_status_t khabar_search(khabar_index_t *index, const char *query,
                              unsigned offset, unsigned size,
                              khabar_results_t **out);

/* The number of hits in this page of results. */
size_t khabar_results_size(const khabar_results_t *results);
/* Hit I (0-based) of this page; NULL past the end. */
const khabar_hit_t *khabar_results_hit(const khabar_results_t *results,
                                       size_t i);
/* How many articles match in all.  Khabar counts every match, so this is
 * exact, not a sample. */
unsigned long khabar_results_total(const khabar_results_t *results);
/* The index revision these results were read from. */
unsigned long khabar_results_revision(const khabar_results_t *results);
void khabar_results_free(khabar_results_t *results);

#ifdef __cplusplus
}
#endif

#endif /* KHABAR_H */
