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
    /* Where the article was read from (a file's absolute path), so that
     * articles whose file is gone can be found (khabar_index_origins());
     * not returned by khabar_index_get(). */
    const char *origin;
    /* Who wrote it, as the page says. */
    const char *byline;
    /* How each field was obtained: a JSON object naming the rule per field,
     * e.g. {"title":"og:title","date":"json-ld:datePublished"}. */
    const char *extraction;
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

/* Calls FN with every origin (khabar_article_t.origin) stored in INDEX
 * that starts with PREFIX, in byte order.  FN returns 0 to go on, anything
 * else to stop the walk (which still succeeds). */
khabar_status_t khabar_index_origins(khabar_index_t *index, const char *prefix,
                                     int (*fn)(const char *origin, void *ctx),
                                     void *ctx);

/* Removes every article read from ORIGIN; *DELETED (when not NULL) is how
 * many there were. */
khabar_status_t khabar_index_delete_origin(khabar_index_t *index,
                                           const char *origin,
                                           unsigned long *deleted);

/* Rebuilding without downtime.  An index directory holds generations
 * (gen-000001, gen-000002, ...) and a Xapian stub file, XAPIANDB, naming
 * the live one.  khabar_index_rebuild_open() takes the index at PATH and
 * returns a writer on a new, empty generation beside the live one, which
 * readers do not see; khabar_index_rebuild_publish() commits it, switches
 * the stub to it in one rename() and removes the older generations;
 * khabar_index_rebuild_abandon() removes it instead.  Both free INDEX.
 * Revisions go on growing across a rebuild. */
khabar_status_t khabar_index_rebuild_open(const char *path,
                                          khabar_index_t **out,
                                          char **error_message);
khabar_status_t khabar_index_rebuild_publish(khabar_index_t *index,
                                             char **error_message);
void khabar_index_rebuild_abandon(khabar_index_t *index);

/* What khabar-index --stats reports. */
typedef struct {
    unsigned long articles;
    unsigned long revision;
    unsigned long sources;       /* distinct sources */
    unsigned long generation;    /* 0 for an index without generations */
    unsigned long long bytes;    /* on disk, of the live generation */
    char first_date[9];          /* YYYYMMDD, "" when no article has a date */
    char last_date[9];
} khabar_stats_t;

khabar_status_t khabar_index_stats(khabar_index_t *index, khabar_stats_t *out);

/* Runs Xapian's consistency check over the live generation of the index
 * at PATH.  *ERRORS is the number of errors found; *REPORT (when not
 * NULL) a malloc()ed text of what the check said, for the caller to free.
 * The status is about running the check, not its findings. */
khabar_status_t khabar_index_check(const char *path, unsigned long *errors,
                                   char **report);

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

/* How khabar_search_ex() runs a query.  Zero in any member but SIZE
 * means Khabar's default, so "khabar_search_options_t o = { 0 };
 * o.size = 10;" is khabar_search() with offset 0 and size 10. */
typedef struct {
    /* Hits OFFSET to OFFSET + SIZE - 1, in rank order. */
    unsigned offset;
    unsigned size;
    /* Nonzero: words with no operator between them are OR'd, so an
     * article needs only some of them and ranks by how many and how well
     * they match (bag of words), instead of needing every one. */
    int default_or;
    /* Nonzero: words are stemmed even when capitalised ("Talks" also
     * finds "talk"); only a quoted phrase is then matched exactly.  By
     * default a capitalised word matches its exact form only. */
    int stem_all;
    /* BM25 parameters, for relevance experiments (docs/RELEVANCE.md);
     * 0 for Khabar's tuned defaults (docs/QUERY.md, Ranking). */
    double bm25_k1;
    double bm25_b;
    /* Nonzero: hits have an empty snippet, for callers that only rank
     * (making snippets is most of the cost of a large page of hits). */
    int no_snippets;
} khabar_search_options_t;

/* khabar_search() with OPTIONS (NULL is the same as all defaults with
 * SIZE 10). */
khabar_status_t khabar_search_ex(khabar_index_t *index, const char *query,
                                 const khabar_search_options_t *options,
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

typedef enum {
    /* For text being indexed: a ZWNJ separates the parts of a compound. */
    KHABAR_NORMALIZE_INDEX,
    /* For a query: a ZWNJ inside a word becomes '-', which the query
     * syntax reads as a phrase of the parts. */
    KHABAR_NORMALIZE_QUERY
} khabar_normalize_mode_t;

/* TEXT (UTF-8) as Khabar indexes and searches it: Arabic and Persian yeh
 * and kaf folded into one form each, Arabic-Indic and Persian digits made
 * ASCII, tatweel and short-vowel marks removed, and ZWNJ handled as MODE
 * says (docs/RELEVANCE.md lists every rule).  Every other byte is copied
 * unchanged.  On success *OUT is a malloc()ed string the caller frees. */
khabar_status_t khabar_normalize(const char *text,
                                 khabar_normalize_mode_t mode, char **out);

#ifdef __cplusplus
}
#endif

#endif /* KHABAR_H */
