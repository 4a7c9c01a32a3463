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
    /* A shard of the index could not be reached: a tcp:// shard is down
     * or did not answer in time.  The message names it. */
    KHABAR_STATUS_UNAVAILABLE,
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
    /* Members added later; an article built with "= { 0 }" or an older
     * initializer has none of them. */
    /* The people, places, countries and organisations the article names
     * (docs/ENTITIES.md), N_ENTITIES of them; NULL and 0 for none.  They
     * become filter terms and facet data (docs/SCHEMA.md). */
    const struct khabar_entity *entities;
    size_t n_entities;
} khabar_article_t;

/* The kinds of entity, in the order facets and JSON list them. */
typedef enum {
    KHABAR_ENTITY_PERSON,
    KHABAR_ENTITY_PLACE,
    KHABAR_ENTITY_COUNTRY,
    KHABAR_ENTITY_ORG,
    KHABAR_ENTITY_LAST
} khabar_entity_kind_t;

/* One entity of an article.  NAME is its display form ("Sergey Lavrov");
 * filters match it case-insensitively (the term is its lowercase form). */
typedef struct khabar_entity {
    khabar_entity_kind_t kind;
    const char *name;
    /* Places: the country the place is in (a country names itself); NULL
     * or "" when unknown.  A salient place makes its country one of the
     * article's countries. */
    const char *country;
    /* Places: nonzero when the article is about the place (named in the
     * headline, dateline or lead, or often); only salient places are
     * filter terms and facet values.  Ignored for other kinds, which
     * always count. */
    int salient;
} khabar_entity_t;

/* "person", "place", "country", "org": the query field, JSON member and
 * facet name of KIND; NULL for anything else. */
const char *khabar_entity_kind_name(khabar_entity_kind_t kind);

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

/* An article made ready to store: checked, hashed and its document
 * built, apart from the index, so that one thread can prepare articles
 * while another writes them (khabar-index --threads). */
typedef struct khabar_prepared khabar_prepared_t;

/* Prepares ARTICLE into *OUT (to free with khabar_prepared_free()); *OUT
 * borrows nothing from ARTICLE.  PEEK, when not NULL, is an index handle
 * (read-only is best) used only to see whether the article is stored
 * unchanged already: then the document is not built, unless the writer
 * finds it needed after all.  When PEEK is the writer that will store
 * *OUT, what it saw is current: no copy of the article is kept, and
 * storing it there does not look again.  An article that cannot be stored still gives
 * *OUT, and khabar_prepared_problem() says why.  Uses no other shared
 * state: safe in any thread that has PEEK to itself.  Fails only with
 * KHABAR_STATUS_OUT_OF_MEMORY, or KHABAR_STATUS_INVALID_ARGUMENT when OUT
 * is NULL. */
khabar_status_t khabar_prepare(khabar_index_t *peek,
                               const khabar_article_t *article,
                               khabar_prepared_t **out);

/* Why PREPARED cannot be stored (the message khabar_index_upsert() would
 * give), or NULL when it can. */
const char *khabar_prepared_problem(const khabar_prepared_t *prepared);

/* About how many bytes of memory PREPARED holds and, once written, leaves
 * in the writer's buffers until the next commit: for bounding memory. */
size_t khabar_prepared_bytes(const khabar_prepared_t *prepared);

/* khabar_index_upsert() of a prepared article; PREPARED stays the
 * caller's to free. */
khabar_status_t khabar_index_upsert_prepared(khabar_index_t *index,
                                             khabar_prepared_t *prepared,
                                             khabar_upsert_result_t *out);

void khabar_prepared_free(khabar_prepared_t *prepared);

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

/* Compacts the live generation of the index at PATH (Xapian's compaction,
 * as xapian-compact does it) into a new generation and switches the stub
 * to it in one rename(), as a rebuild does; readers see the same articles
 * before and after, the revision grows by one.  Call with no writer open
 * (khabar-index holds its lock around it).  *BEFORE and *AFTER (either
 * may be NULL) get the bytes of the generation before and after.
 * *ERROR_MESSAGE as for khabar_index_rebuild_open(). */
khabar_status_t khabar_index_compact(const char *path,
                                     unsigned long long *before,
                                     unsigned long long *after,
                                     char **error_message);

/* Removes the generation directories of the index at PATH other than the
 * live one: what a rebuild, compaction or build in parts that was killed
 * left behind.  Only for the holder of khabar-index's lock, since another
 * writer's new generation would look the same.  *REMOVED (may be NULL):
 * how many.  *ERROR_MESSAGE as for khabar_index_rebuild_open(). */
khabar_status_t khabar_index_remove_leftovers(const char *path,
                                              unsigned *removed,
                                              char **error_message);

/* A full build by several writers at once (khabar-index --threads 2 or
 * more): INDEX is a writer on an index with no article yet, or from
 * khabar_index_rebuild_open().  khabar_index_parts_open() puts N part
 * writers into PARTS[0..N-1], each for one thread: for a rebuild, N empty
 * part indexes in generation directories of their own, which readers
 * never see; otherwise part 0 is the live generation itself, through
 * INDEX's writer (so that its commits are served at once and survive a
 * kill, as one writer's would; do not use INDEX while the parts are
 * open), and the others such hidden parts.  khabar_index_parts_merge()
 * commits the parts, merges them by Xapian's compaction (the parts'
 * document ids follow one another: part 0's articles first) into a new
 * generation, switches the stub to it as a rebuild does and removes the
 * parts and the generation it replaced; *BEFORE, *AFTER (may be NULL):
 * the bytes of the parts and of the merged generation; *REVISION: the
 * revision readers now see.  On failure the live generation keeps what
 * it held (part 0's commits, for a first build) and the hidden parts are
 * removed.  Either way it frees INDEX and the parts.
 * khabar_index_parts_abandon() removes and frees the hidden parts alone
 * (the live part stays, for INDEX's owner to close).
 * *ERROR_MESSAGE as for khabar_index_rebuild_open(). */
khabar_status_t khabar_index_parts_open(khabar_index_t *index, unsigned n,
                                        khabar_index_t **parts,
                                        char **error_message);
khabar_status_t khabar_index_parts_merge(khabar_index_t *index,
                                         khabar_index_t **parts, unsigned n,
                                         unsigned long long *before,
                                         unsigned long long *after,
                                         unsigned long *revision,
                                         char **error_message);
void khabar_index_parts_abandon(khabar_index_t **parts, unsigned n);

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
    /* With khabar_search_options_t.collapse: how many lower-ranked
     * near-duplicates were folded into this hit; 0 otherwise. */
    unsigned long duplicates;
    /* The article's entities as stored (khabar_article_t.entities), owned
     * by the results; NULL and 0 when it has none. */
    const khabar_entity_t *entities;
    size_t n_entities;
} khabar_hit_t;

typedef struct khabar_results khabar_results_t;

/* Runs QUERY (the syntax of docs/QUERY.md; every word is required unless
 * OR is used) and returns hits OFFSET to OFFSET + SIZE - 1 in rank order.
 * KHABAR_STATUS_QUERY_SYNTAX, with a message saying what is wrong, when
 * QUERY does not parse.  An empty QUERY matches nothing. */
khabar_status_t khabar_search(khabar_index_t *index, const char *query,
                              unsigned offset, unsigned size,
                              khabar_results_t **out);

/* The orders of khabar_search_options_t.sort (docs/QUERY.md, Ranking). */
typedef enum {
    KHABAR_SORT_RELEVANCE = 0,
    /* By date, newest first; relevance orders articles of one day;
     * articles without a date come last. */
    KHABAR_SORT_NEWEST,
    /* By date, oldest first; likewise. */
    KHABAR_SORT_OLDEST
} khabar_sort_t;

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

    /* Members added later; zero is still the old behaviour. */

    /* The order of the hits. */
    khabar_sort_t sort;
    /* Above 0: prefer recent articles, with this half-life in days
     * (docs/QUERY.md, Ranking); ignored when SORT is by date. */
    double recency_half_life;
    /* Nonzero: near-duplicates (KHABAR_SLOT_MINHASH) are folded into
     * the best-ranked copy, which counts them in its DUPLICATES, and
     * OFFSET and SIZE count the hits that remain. */
    int collapse;
    /* Nonzero: when the query finds few articles and has words the
     * index does not know, khabar_results_suggestion() may offer a
     * spelling correction (docs/QUERY.md, Spelling). */
    int suggest;
    /* Only articles dated FROM to TO, both inclusive; each is YYYY,
     * YYYY-MM or YYYY-MM-DD (khabar_query_date_is_valid()), NULL or ""
     * for no bound.  An article without a date is outside any bound.
     * A bad bound is KHABAR_STATUS_INVALID_ARGUMENT. */
    const char *date_from;
    const char *date_to;
    /* The most terms a trailing wildcard (taliban*) may stand for; a
     * query with a wildcard that matches more is refused with
     * KHABAR_STATUS_QUERY_SYNTAX.  0: KHABAR_WILDCARD_MAX_DEFAULT. */
    unsigned wildcard_max;

    /* Filters given apart from the query text (the /search parameters
     * place=, person=...): N_FILTERS pairs of a query field name
     * ("person", "place", "country", "org", "source", "lang") and a
     * value, OR'd within a field and AND'd across fields and with the
     * query, as "field:value" in the query would be.  An unknown field
     * is KHABAR_STATUS_INVALID_ARGUMENT. */
    const struct khabar_filter *filters;
    size_t n_filters;
    /* Nonzero: a blank query matches every article (still filtered),
     * instead of none. */
    int empty_matches_all;
    /* Nonzero: count facets over every match (khabar_results_facet_*()):
     * the FACET_SIZE (0: KHABAR_FACET_SIZE_DEFAULT; at most
     * KHABAR_FACET_SIZE_MAX) commonest values of each kind, and a date
     * histogram by FACET_INTERVAL (0: chosen from the span of the
     * matching dates; else 1 + a khabar_interval_t). */
    int facets;
    unsigned facet_size;
    int facet_interval;
    /* Above 0: the matches are counted exactly only when there are at
     * most about this many (Xapian checks at least TOTAL_BOUND of them);
     * past that khabar_results_total() is Xapian's estimate and
     * khabar_results_total_exact() says so and gives its bounds.  The
     * total is exact whatever the bound when facets are counted (every
     * match is visited then) or, with COLLAPSE, when there are at most
     * 1,000 matches.  0: always exact. */
    unsigned long total_bound;
} khabar_search_options_t;

typedef struct khabar_filter {
    const char *field;
    const char *value;
} khabar_filter_t;

#define KHABAR_FACET_SIZE_DEFAULT 10
#define KHABAR_FACET_SIZE_MAX 100

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
 * exact, not a sample, unless khabar_search_options_t.total_bound allowed
 * an estimate (khabar_results_total_exact()). */
unsigned long khabar_results_total(const khabar_results_t *results);
/* 1 when khabar_results_total() is exact, 0 when it is an estimate; the
 * bounds on the number of matches go into *LOWER and *UPPER (either may
 * be NULL), both the total when it is exact. */
int khabar_results_total_exact(const khabar_results_t *results,
                               unsigned long *lower, unsigned long *upper);
/* The index revision these results were read from. */
unsigned long khabar_results_revision(const khabar_results_t *results);
void khabar_results_free(khabar_results_t *results);

/* ---- Search results: parsed query, spelling, collapse, dates ----
 * (docs/QUERY.md; the options they answer are at the end of
 * khabar_search_options_t) */

/* The default of khabar_search_options_t.wildcard_max. */
#define KHABAR_WILDCARD_MAX_DEFAULT 1000

/* The query as Khabar ran it, for people to read (Xapian's description
 * of it: terms, stems as Z..., operators, filters); "" for an empty
 * query. */
const char *khabar_results_parsed(const khabar_results_t *results);

/* A corrected query to offer ("Did you mean"), or "" when there is none.
 * Only with khabar_search_options_t.suggest. */
const char *khabar_results_suggestion(const khabar_results_t *results);

/* With khabar_search_options_t.collapse: how many distinct stories
 * match, once near-duplicates are folded.  *EXACT (when not NULL) is 1
 * when every match was compared, 0 when only the best-ranked ones were
 * (the count is then a lower bound; khabar_results_total() is the upper
 * one).  Without collapse: khabar_results_total(), exact. */
unsigned long khabar_results_unique(const khabar_results_t *results,
                                    int *exact);

/* Counts over time.  Articles are put into buckets by their date
 * (KHABAR_SLOT_DATE); weeks are ISO weeks, from Monday. */
typedef enum {
    KHABAR_INTERVAL_DAY,
    KHABAR_INTERVAL_WEEK,
    KHABAR_INTERVAL_MONTH,
    KHABAR_INTERVAL_YEAR
} khabar_interval_t;

/* ---- Facets (khabar_search_options_t.facets): exact counts over every
 * match, never a sample ---- */

typedef enum {
    KHABAR_FACET_PERSON,
    KHABAR_FACET_PLACE,
    KHABAR_FACET_COUNTRY,
    KHABAR_FACET_ORG,
    KHABAR_FACET_SOURCE,
    KHABAR_FACET_LAST
} khabar_facet_t;

/* "person", "place", "country", "org", "source"; NULL for others. */
const char *khabar_facet_name(khabar_facet_t facet);

/* Whether RESULTS has facets (they were asked for). */
int khabar_results_has_facets(const khabar_results_t *results);
/* The values of FACET, largest count first (ties by name): how many,
 * and value I's display name, the number of matching articles that have
 * it, and the filter that selects them in the query language
 * (person:"sergey lavrov").  NULL and 0 past the end. */
size_t khabar_results_facet_size(const khabar_results_t *results,
                                 khabar_facet_t facet);
const char *khabar_results_facet_value(const khabar_results_t *results,
                                       khabar_facet_t facet, size_t i);
unsigned long khabar_results_facet_count(const khabar_results_t *results,
                                         khabar_facet_t facet, size_t i);
const char *khabar_results_facet_filter(const khabar_results_t *results,
                                        khabar_facet_t facet, size_t i);
/* The date histogram: its interval, its buckets in date order (empty
 * ones left out), and the matches without a date. */
khabar_interval_t khabar_results_date_interval(const khabar_results_t *results);
size_t khabar_results_date_size(const khabar_results_t *results);
const struct khabar_bucket *
khabar_results_date_bucket(const khabar_results_t *results, size_t i);
unsigned long khabar_results_date_undated(const khabar_results_t *results);

/* Whether TEXT is a date as the date: filter and the from/to bounds take
 * it: YYYY, YYYY-MM or YYYY-MM-DD, naming a real month or day. */
int khabar_query_date_is_valid(const char *text);

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

/* ==== Exploring the archive (issue 5): similar articles, timelines,
 * export, suggestions, sources.  shim/similar.cc, timeline.cc, export.cc,
 * suggest.cc. ==== */

/* A list of names with a count each, largest count first (ties in byte
 * order of the name): what khabar_suggest() and khabar_index_top_sources()
 * return.  Strings are owned by the list. */
typedef struct khabar_counts khabar_counts_t;
size_t khabar_counts_size(const khabar_counts_t *counts);
/* Entry I (0-based); NULL and 0 past the end. */
const char *khabar_counts_name(const khabar_counts_t *counts, size_t i);
unsigned long khabar_counts_value(const khabar_counts_t *counts, size_t i);
void khabar_counts_free(khabar_counts_t *counts);

/* The title words that start with PREFIX (normalised and lowercased as
 * titles are indexed), each with the number of articles whose title holds
 * it, the MAX most frequent first.  KHABAR_STATUS_INVALID_ARGUMENT when
 * PREFIX is NULL or shorter than KHABAR_SUGGEST_MIN_CHARS characters. */
#define KHABAR_SUGGEST_MIN_CHARS 2
khabar_status_t khabar_suggest(khabar_index_t *index, const char *prefix,
                               unsigned max, khabar_counts_t **out);

/* The MAX sources with the most articles, each with its article count;
 * names are as the first such article wrote them. */
khabar_status_t khabar_index_top_sources(khabar_index_t *index, unsigned max,
                                         khabar_counts_t **out);

/* "More like this": articles similar to the one with ID.  Its most
 * telling terms (Xapian's expansion set over the article, at most
 * KHABAR_SIMILAR_TERMS) are OR'd into a query that excludes the article
 * itself; hits SIZE at most, in rank order, with empty snippets.
 * KHABAR_STATUS_NOT_FOUND when no article has ID. */
#define KHABAR_SIMILAR_TERMS 40
typedef struct khabar_similar khabar_similar_t;
khabar_status_t khabar_similar(khabar_index_t *index, const char *id,
                               unsigned size, khabar_similar_t **out);
size_t khabar_similar_size(const khabar_similar_t *similar);
const khabar_hit_t *khabar_similar_hit(const khabar_similar_t *similar,
                                       size_t i);
/* The terms the query was made of, best first (stemmed ones start with
 * "Z", as in the index). */
size_t khabar_similar_terms(const khabar_similar_t *similar);
const char *khabar_similar_term(const khabar_similar_t *similar, size_t i);
unsigned long khabar_similar_revision(const khabar_similar_t *similar);
void khabar_similar_free(khabar_similar_t *similar);

/* Counts over time (khabar_interval_t is declared with the facets). */

typedef struct khabar_bucket {
    char start[11];         /* first day of the bucket, YYYY-MM-DD */
    char key[11];           /* "2021-02-22", "2021-W08", "2021-02", "2021" */
    unsigned long count;
    char end[11];           /* last day of the bucket, YYYY-MM-DD */
} khabar_bucket_t;

typedef struct khabar_timeline khabar_timeline_t;

/* The number of articles matching QUERY (NULL: every article) in each
 * bucket of INTERVAL, counting every match (exact).  Buckets without a
 * match are left out; the rest are in date order. */
khabar_status_t khabar_timeline(khabar_index_t *index, const char *query,
                                khabar_interval_t interval,
                                khabar_timeline_t **out);
size_t khabar_timeline_size(const khabar_timeline_t *timeline);
const khabar_bucket_t *khabar_timeline_bucket(const khabar_timeline_t *timeline,
                                              size_t i);
/* Every match, dated or not; and those without a date. */
unsigned long khabar_timeline_total(const khabar_timeline_t *timeline);
unsigned long khabar_timeline_undated(const khabar_timeline_t *timeline);
unsigned long khabar_timeline_revision(const khabar_timeline_t *timeline);
void khabar_timeline_free(khabar_timeline_t *timeline);

/* Every article matching a query, read in batches from one revision of
 * the index: the export opens a database of its own, so it never moves to
 * a newer revision and leaves INDEX free for other calls. */
typedef enum {
    KHABAR_EXPORT_RANK,     /* best match first */
    KHABAR_EXPORT_OLDEST,   /* by date, oldest first; undated last */
    KHABAR_EXPORT_NEWEST    /* by date, newest first; undated last */
} khabar_export_order_t;

typedef struct khabar_export khabar_export_t;

/* Runs QUERY over a fresh reader of INDEX's path.  On success *OUT is the
 * export; on failure the reason is in INDEX's message
 * (KHABAR_STATUS_QUERY_SYNTAX for a query that does not parse). */
khabar_status_t khabar_export_open(khabar_index_t *index, const char *query,
                                   khabar_export_order_t order,
                                   khabar_export_t **out);
/* The next hit (with an empty snippet and score), or *HIT NULL after the
 * last; valid until the next call.  KHABAR_STATUS_MODIFIED when the
 * revision being read has been overwritten by later commits: the export
 * cannot go on (it never switches revisions half way). */
khabar_status_t khabar_export_next(khabar_export_t *export_,
                                   const khabar_hit_t **hit);
unsigned long khabar_export_total(const khabar_export_t *export_);
unsigned long khabar_export_revision(const khabar_export_t *export_);
/* Why the last call on EXPORT_ failed, or "". */
const char *khabar_export_message(const khabar_export_t *export_);
void khabar_export_free(khabar_export_t *export_);

/* ==== end of the exploring calls ==== */

/* ==== Shards (docs/SCALING.md): one archive split over several indexes,
 * searched as one.  shim/shards.cc. ==== */

/* The shard, 0 to N - 1, of the article with ID in an index of N shards:
 * the MurmurHash3 finaliser of the 64-bit FNV-1a hash of ID's bytes,
 * modulo N.  On-disk format: the same ID always gives the same shard. */
unsigned khabar_shard_of(const char *id, unsigned n);

/* Makes DIR a directory of N shards, DIR/shard-0 to DIR/shard-(N-1)
 * (KHABAR_SHARD_NAME), by writing DIR/SHARDS; khabar_index_open() of DIR
 * then opens them all.  Succeeds when DIR already has N shards;
 * KHABAR_STATUS_INVALID_ARGUMENT when it has another number, or holds an
 * unsharded index.  *ERROR_MESSAGE as for khabar_index_open(). */
#define KHABAR_SHARD_NAME "shard-%u"
#define KHABAR_SHARDS_MAX 256
khabar_status_t khabar_shards_prepare(const char *dir, unsigned n,
                                      char **error_message);

/* How long a remote shard may take to connect, and to answer, before
 * KHABAR_STATUS_UNAVAILABLE. */
#define KHABAR_REMOTE_TIMEOUT_DEFAULT_MS 5000

/* Opens the N indexes at LOCATIONS read-only as one index, with the
 * statistics of all of them, so that ranking is that of a single index
 * holding every article.  A location is a path (an index, or a directory
 * of shards), or tcp://HOST:PORT of an index that xapian-tcpsrv serves.
 * TIMEOUT_MS (0: KHABAR_REMOTE_TIMEOUT_DEFAULT_MS) bounds every connect
 * and every answer of a remote shard.  The revision of such a handle is
 * the sum of the shards' revisions.  khabar_index_open() of one path
 * that is a tcp:// or a directory of shards comes here too.  Over remote
 * shards, what Xapian's remote protocol cannot carry is refused with
 * KHABAR_STATUS_INVALID_ARGUMENT (docs/SCALING.md says what).
 * *ERROR_MESSAGE as for khabar_index_open(), naming the location. */
khabar_status_t khabar_index_open_shards(const char *const *locations,
                                         size_t n, unsigned timeout_ms,
                                         khabar_index_t **out,
                                         char **error_message);

/* One of the indexes a handle reads.  LOCATION is owned by the handle. */
typedef struct {
    const char *location;
    int remote;
    unsigned long articles;
    unsigned long revision;
} khabar_shard_info_t;

/* How many indexes INDEX reads: 1 for a single one. */
size_t khabar_index_shards(const khabar_index_t *index);

/* Index I (0-based) of INDEX, as of its last open or reopen, with its
 * article count read now (a round trip for a remote shard). */
khabar_status_t khabar_index_shard(khabar_index_t *index, size_t i,
                                   khabar_shard_info_t *out);

#ifdef __cplusplus
}
#endif

#endif /* KHABAR_H */
