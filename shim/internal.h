/* internal.h - what the shim's files share and the rest of Khabar never
 * sees: the structs behind the opaque handles and the helpers that turn
 * C++ exceptions into khabar_status_t. */
#ifndef KHABAR_INTERNAL_H
#define KHABAR_INTERNAL_H

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "khabar.h"
#include "schema.h"

struct _khabar_minhashes;
struct _khabar_facet_table;
struct _khabar_term_bitmaps;

/* One index of a handle over several (shards.cc): a local path or a
 * tcp://host:port served by xapian-tcpsrv. */
struct _khabar_shard {
    std::string location;       /* as given */
    std::string host;           /* remote: host and port; "" for local */
    unsigned port = 0;
    /* This shard alone; it shares its internals with the handle's db, so
     * a reopen of one is a reopen of the other. */
    Xapian::Database db;
    std::string stub_identity;  /* local: as in khabar_index below */
    unsigned long revision_base = 0;
    unsigned long revision = 0; /* as of the last open or reopen */
    /* A local shard of a reader: its facet table (facet_table.h). */
    std::shared_ptr<const _khabar_facet_table> facet_table;
};

struct khabar_index {
    std::string path;
    khabar_index_mode_t mode;
    /* A Xapian::Database for a reader, a Xapian::WritableDatabase for a
     * writer; reads go through either, writes through _khabar_writer(). */
    std::unique_ptr<Xapian::Database> db;
    /* Why the last call failed; cleared by every call. */
    std::string message;
    /* The identity of the stub file XAPIANDB when the database was
     * opened: a reader whose stub changed reopens from scratch, since a
     * rebuild has switched generations (generation.cc). */
    std::string stub_identity;
    /* Added to Xapian's revision so that revisions go on growing across
     * rebuilds (the new generation's metadata holds it). */
    unsigned long revision_base = 0;
    /* For a handle from khabar_index_rebuild_open(): the new generation's
     * directory and number; empty otherwise. */
    std::string rebuild_dir;
    unsigned long rebuild_generation = 0;
    /* A part of a full build in parts that is the live generation itself,
     * written through the building handle's own writer
     * (khabar_index_parts_open): its batches are served as they commit,
     * so that a killed first build keeps them as one writer would, and
     * nothing but the merge's switch to the new generation removes it. */
    bool live_part = false;
    /* A reader: the near-duplicate hash of every document, for the
     * collapse of search results (collapse.cc); empty until a search
     * needs it, replaced when the revision changes.  Shared with every
     * handle of the process at the same revision (revision_table.h). */
    std::shared_ptr<const _khabar_minhashes> minhashes;
    /* A reader: the facet values and date of every document as numbers,
     * for the facet counter (facet_table.h); the same life as above. */
    std::shared_ptr<const _khabar_facet_table> facet_table;
    /* A reader: the bitmaps of common terms made so far, for walking
     * matches (term_bitmaps.h); the same life as above. */
    std::shared_ptr<const _khabar_term_bitmaps> term_bitmaps;
    /* A reader over several indexes, or over a remote one (shards.cc):
     * each of them, with db their Xapian multi-database; empty for a
     * single local index, which the members above describe. */
    std::vector<_khabar_shard> shards;
    /* Whether a shard is remote: then only what Xapian's remote protocol
     * can carry may be used (docs/SCALING.md). */
    bool remote = false;
    /* A writer: whether anything changed since the last commit, so that
     * the revision is written into the index's metadata only then. */
    bool dirty = false;
    /* A writer: the spelling words of the articles written since the last
     * commit, with their counts, given to Xapian just before it
     * (_khabar_spelling_flush()): once a word per batch, not per article. */
    std::unordered_map<std::string, unsigned> spelling;
    /* A reader over shards: how long a remote one may take (ms). */
    unsigned timeout_ms = 0;
};

/* generation.cc: the layout of an index directory. */

/* Opens the database of the index at PATH in MODE; a writer on a missing
 * or empty directory creates the first generation and its stub. */
std::unique_ptr<Xapian::Database> _khabar_open_database(const std::string &path,
                                                        khabar_index_mode_t mode);

/* A string that changes whenever the stub file of PATH is replaced; ""
 * when PATH has none. */
std::string _khabar_stub_identity(const std::string &path);

/* The revision base stored in DB's metadata (0 when none). */
unsigned long _khabar_revision_base(Xapian::Database &db);

/* shards.cc: handles over several indexes, local or remote. */

/* Whether PATH names what only shards.cc opens: a tcp://host:port, or a
 * directory of shards (khabar_shards_prepare()). */
bool _khabar_is_sharded(const std::string &path);

/* The number of shards of the directory of shards DIR; 0 when it is
 * not one. */
unsigned _khabar_shard_count(const std::string &dir);

/* DIR/shard-I. */
std::string _khabar_shard_path(const std::string &dir, unsigned i);

/* Brings every shard of INDEX to its latest revision. */
void _khabar_shards_reopen(khabar_index_t *index);

/* A new reader of what INDEX reads, at the latest revision, which goes
 * into *REVISION. */
std::unique_ptr<Xapian::Database>
_khabar_open_again(const khabar_index_t *index, unsigned long *revision);

/* The revision INDEX reads: for several shards, the sum of theirs. */
unsigned long _khabar_revision(const khabar_index_t *index);

/* The metadata key that holds the revision of a commit, for readers of a
 * remote shard (Xapian's remote protocol does not carry revisions). */
#define KHABAR_REVISION_KEY "khabar.revision"

/* index.cc: for a writer about to commit WRITER: when INDEX->dirty, puts
 * the revision the commit will make under KHABAR_REVISION_KEY. */
void _khabar_note_revision(khabar_index_t *index,
                           Xapian::WritableDatabase &writer);

/* article.cc: for a writer about to commit WRITER: adds INDEX->spelling to
 * WRITER's spelling data and empties it. */
void _khabar_spelling_flush(khabar_index_t *index,
                            Xapian::WritableDatabase &writer);

/* An article as stored in the document data; absent fields are "". */
struct _khabar_entity_fields {
    khabar_entity_kind_t kind;
    std::string name, country;
    bool salient;
};
struct _khabar_fields {
    std::string id, url, title, date, source, lang, body, byline, extraction;
    std::vector<_khabar_entity_fields> entities;
};

/* C views of ENTITIES, pointing into them. */
std::vector<khabar_entity_t>
_khabar_entity_views(const std::vector<_khabar_entity_fields> &entities);

/* PREFIX + VALUE, or PREFIX + a hash of VALUE when that would be too long
 * a term for Xapian (schema.h's length rule). */
std::string _khabar_boolean_term(const char *prefix, const std::string &value);

/* The term prefix of entity KIND (schema.h). */
const char *_khabar_entity_prefix(khabar_entity_kind_t kind);

/* Call only inside a catch block: rethrows the exception being handled,
 * classifies it into a status and puts a sentence naming PATH into
 * MESSAGE.  Never throws. */
khabar_status_t _khabar_status_from_exception(const std::string &path,
                                              std::string &message) noexcept;

/* The same for an open handle: the detail goes into INDEX->message. */
khabar_status_t _khabar_caught(khabar_index_t *index) noexcept;

/* Sets INDEX->message to MESSAGE and returns STATUS, for failures the shim
 * itself detects. */
khabar_status_t _khabar_fail(khabar_index_t *index, khabar_status_t status,
                             const std::string &message);

/* The writer behind INDEX, or NULL (with KHABAR_STATUS_READ_ONLY explained
 * in INDEX->message) when INDEX was opened read-only. */
Xapian::WritableDatabase *_khabar_writer(khabar_index_t *index);

/* 64-bit FNV-1a, the hash of the content-hash slot and of long terms. */
uint64_t _khabar_fnv1a(uint64_t hash, const char *bytes, size_t length);
#define KHABAR_FNV1A_OFFSET UINT64_C(14695981039346656037)

/* The unique-id term of ID: "Q" + ID. */
std::string _khabar_id_term(const char *id);

/* The document data encoding of the article's fields, and its decoder
 * (which throws Xapian::DatabaseCorruptError on malformed data). */
std::string _khabar_data_encode(const khabar_article_t *article);
_khabar_fields _khabar_data_decode(const std::string &data);

/* The KHABAR_SLOT_HIT value of an article, and its decoder (the fields
 * it lacks, body, byline and extraction, are left empty). */
std::string _khabar_hit_encode(const khabar_article_t *article);
_khabar_fields _khabar_hit_decode(const std::string &value);

/* Whether DATE is ISO 8601 as khabar.h accepts it:
 * YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM]]. */
bool _khabar_date_is_valid(const char *date);

/* date_terms.cc: the year, month and day terms of a date (schema.h). */

/* Adds the "Y", "M" and "D" terms of DAY (YYYYMMDD, as in
 * KHABAR_SLOT_DATE). */
void _khabar_date_terms_add(Xapian::Document &doc, const std::string &day);

/* Marks DB as holding the date terms of every article, and the day
 * terms, when it holds no article yet; call before each add (it costs a
 * document count). */
void _khabar_date_terms_begin(Xapian::WritableDatabase &db);

/* Whether DB is marked so: date ranges may use the terms. */
bool _khabar_date_terms_present(const Xapian::Database &db);

/* paragraph_gap.cc: records KHABAR_PARAGRAPH_GAP in an empty index's
 * metadata before its first article is written. */
void _khabar_paragraph_gap_begin(Xapian::WritableDatabase &db);

/* The NEAR window that keeps words inside one paragraph of DB: its gap
 * plus one (KHABAR_PARAGRAPH_GAP_BEFORE_KEY for an index without the key). */
Xapian::termcount _khabar_paragraph_window(const Xapian::Database &db);

/* Checks QUERY for the mistakes Xapian's QueryParser would silently
 * ignore (unbalanced parentheses and quotes, operators without operands).
 * Returns true when it finds none; otherwise false, with WHY saying what
 * and at which 1-based character column. */
bool _khabar_query_check(const std::string &query, std::string &why);

/* The 1-based character column of byte POS of the UTF-8 string S, for
 * messages that say where a query went wrong. */
size_t _khabar_column_of(const std::string &s, size_t pos);

/* TEXT with the Arabic-script folds of normalize.cc (khabar_normalize()). */
std::string _khabar_normalize(const std::string &text,
                              khabar_normalize_mode_t mode);

/* The words of TEXT that hold a ZWNJ, each joined (ZWNJs removed) and
 * normalised, separated by spaces: indexed besides the parts, so that a
 * compound is found typed joined, with a ZWNJ or spaced. */
std::string _khabar_zwnj_compounds(const std::string &text);

/* The stemmer for an article in language LANG (a code such as "en",
 * "ar-EG"; NULL or "" is English), as language.cc chooses it. */
Xapian::Stem _khabar_stemmer_for(const char *lang);

/* The stemmer for QUERY: that of its lang: filter when all its lang:
 * values agree on one, else English. */
Xapian::Stem _khabar_query_stemmer(const std::string &query);

/* QUERY with every word lowercased except operators and quoted phrases,
 * so that capitalised words are stemmed too. */
std::string _khabar_lowercase_words(const std::string &query);

#endif /* KHABAR_INTERNAL_H */
