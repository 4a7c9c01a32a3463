/* schema.h - the one table of Khabar's index schema.
 *
 * Everything Khabar writes into a Xapian document is described here: the
 * term prefixes (after Omega's conventions, docs/termprefixes.rst) and the
 * value slots.  Slot numbers and encodings are on-disk format: an index
 * written today must still be read correctly tomorrow, so never renumber a
 * slot or change an encoding without a new slot.
 */
#ifndef KHABAR_SCHEMA_H
#define KHABAR_SCHEMA_H

#include <stddef.h>

/* Xapian refuses terms longer than 245 bytes.  Terms built from free-form
 * values (URL, source, language) that would exceed this are replaced by the
 * prefix plus a hash of the value, as Omega does for long URLs. */
#define KHABAR_MAX_TERM_BYTES 240

/* How a field reaches the index. */
typedef enum {
    /* One term, the prefix followed by the value; matched exactly. */
    KHABAR_TERM_BOOLEAN,
    /* Words through Xapian::TermGenerator (stemmed, with positions). */
    KHABAR_TERM_TEXT
} khabar_term_kind_t;

typedef struct {
    const char *field;        /* the article field it comes from */
    const char *prefix;       /* the Xapian term prefix */
    khabar_term_kind_t kind;
    const char *query_name;   /* "name:" in queries, or NULL if not offered */
} khabar_prefix_t;

/* The prefixes by name, for the code that writes terms; the table below
 * says what each one holds. */
#define KHABAR_PREFIX_ID     "Q"
#define KHABAR_PREFIX_TITLE  "S"
#define KHABAR_PREFIX_URL    "U"
#define KHABAR_PREFIX_SOURCE "XS"
#define KHABAR_PREFIX_LANG   "L"
#define KHABAR_PREFIX_ORIGIN "XF"
#define KHABAR_PREFIX_TEXT   ""
#define KHABAR_PREFIX_PERSON  "XP"
#define KHABAR_PREFIX_PLACE   "XL"
#define KHABAR_PREFIX_COUNTRY "XC"
#define KHABAR_PREFIX_ORG     "XO"
#define KHABAR_PREFIX_YEAR    "Y"
#define KHABAR_PREFIX_MONTH   "M"
#define KHABAR_PREFIX_DAY     "D"

static const khabar_prefix_t KHABAR_PREFIXES[] = {
    /* "Q" + the article id, byte for byte (at most KHABAR_MAX_TERM_BYTES
     * bytes, else the upsert is refused): exactly one document per id. */
    { "id", KHABAR_PREFIX_ID, KHABAR_TERM_BOOLEAN, NULL },
    /* "S" + each title word (stemmed ones as "ZS" + stem); title words are
     * also indexed unprefixed, with double weight, so plain queries rank
     * title matches higher. */
    { "title", KHABAR_PREFIX_TITLE, KHABAR_TERM_TEXT, "title" },
    /* "U" + the URL, verbatim; when that is longer than
     * KHABAR_MAX_TERM_BYTES, "U" + 16 hex digits of the FNV-1a hash of the
     * URL instead. */
    { "url", KHABAR_PREFIX_URL, KHABAR_TERM_BOOLEAN, NULL },
    /* "XS" + the source name, lowercased (Unicode), same length rule as
     * "U". */
    { "source", KHABAR_PREFIX_SOURCE, KHABAR_TERM_BOOLEAN, "source" },
    /* "L" + the language code, lowercased ("en", "ar"), same length rule as
     * "U". */
    { "lang", KHABAR_PREFIX_LANG, KHABAR_TERM_BOOLEAN, "lang" },
    /* "XF" + the file the article was read from (an absolute path), same
     * length rule as "U": what --delete-missing compares with the disk. */
    { "origin", KHABAR_PREFIX_ORIGIN, KHABAR_TERM_BOOLEAN, NULL },
    /* Entities (khabar_article_t.entities, docs/ENTITIES.md): the prefix
     * + the name lowercased (Unicode), same length rule as "U".
     * "XP" every person named. */
    { "person", KHABAR_PREFIX_PERSON, KHABAR_TERM_BOOLEAN, "person" },
    /* "XL" every salient place (the article is about it; places only
     * mentioned in passing are kept in the data, not as terms). */
    { "place", KHABAR_PREFIX_PLACE, KHABAR_TERM_BOOLEAN, "place" },
    /* "XC" the country of every salient place (a country is its own),
     * and every country the input supplied. */
    { "country", KHABAR_PREFIX_COUNTRY, KHABAR_TERM_BOOLEAN, "country" },
    /* "XO" every organisation named. */
    { "org", KHABAR_PREFIX_ORG, KHABAR_TERM_BOOLEAN, "org" },
    /* The article's date (KHABAR_SLOT_DATE) again as terms, after
     * Omega's Y and M: "Y" + YYYY and "M" + YYYYMM, none when it has no
     * date.  They make a date range an OR of posting lists instead of a
     * value check per candidate (date_terms.cc): date:, year:, from/to
     * use them in an index whose metadata holds "khabar.date-terms"
     * (set when its first article is written), and the value range
     * elsewhere.  Not offered as query fields of their own. */
    { "date", KHABAR_PREFIX_YEAR, KHABAR_TERM_BOOLEAN, NULL },
    { "date", KHABAR_PREFIX_MONTH, KHABAR_TERM_BOOLEAN, NULL },
    /* "D" + YYYYMMDD, also after Omega: a month only partly in a range
     * is the OR of its days in it, in an index whose metadata holds
     * "khabar.day-terms" (set with "khabar.date-terms"); elsewhere that
     * month's "M" term filtered by the value range, which reads the date
     * of every article of the month. */
    { "date", KHABAR_PREFIX_DAY, KHABAR_TERM_BOOLEAN, NULL },
    /* Unprefixed: every word of the title and body, normalised
     * (normalize.cc: Arabic-script yeh, kaf, digits, marks), stemmed as
     * "Z" + stem (STEM_SOME) with the stemmer of the article's lang
     * (language.cc: Xapian's for its code, else English), with positions;
     * each ZWNJ compound also joined, without positions.  Title and each body paragraph are
     * separated by a gap of KHABAR_PARAGRAPH_GAP positions. */
    { "body", KHABAR_PREFIX_TEXT, KHABAR_TERM_TEXT, NULL },
};

#define KHABAR_PREFIX_COUNT (sizeof KHABAR_PREFIXES / sizeof KHABAR_PREFIXES[0])

/* Term positions left empty between the title and the body and between
 * paragraphs, so that phrase and NEAR queries do not match across them and
 * a same-paragraph operator can be built on positions alone: para:( )
 * finds words of one paragraph up to this many words apart.  News
 * paragraphs are far shorter, but text whose line breaks were lost (a
 * quarter of the Reuters 2006-2013 paragraphs exceed 100 words) is not.
 * Indexes written with the gap of 100 that came before lack the metadata
 * key "khabar.paragraph-gap" and keep a window to match
 * (paragraph_gap.cc). */
#define KHABAR_PARAGRAPH_GAP 1000
#define KHABAR_PARAGRAPH_GAP_BEFORE_KEY 100

/* Metadata keys that say how an index's articles were written, which the
 * query path reads (docs/SCHEMA.md "Metadata").  Over several indexes
 * Xapian reads metadata from the first only, so shards must agree on
 * them (shards.cc). */
#define KHABAR_META_DATE_TERMS "khabar.date-terms"          /* date_terms.cc */
#define KHABAR_META_DAY_TERMS "khabar.day-terms"            /* date_terms.cc */
#define KHABAR_META_PARAGRAPH_GAP "khabar.paragraph-gap"    /* paragraph_gap.cc */

/* Value slots.  Never renumber. */
enum {
    /* The article date as "YYYYMMDD" (8 ASCII digits, taken from the
     * ISO 8601 date as written, without time-zone conversion): sorts and
     * ranges as a string.  Absent when the article has no date. */
    KHABAR_SLOT_DATE = 0,
    /* 16 lowercase hex digits of a 64-bit FNV-1a hash over every article
     * field, each followed by a NUL byte so fields cannot run together.
     * An upsert whose hash equals the stored one writes nothing. */
    KHABAR_SLOT_CONTENT_HASH = 1,
    /* 16 lowercase hex digits of a 64-bit b-bit MinHash of the
     * article's words (minhash.cc): 16 nibbles, nibble j (bits 4j..4j+3)
     * the low 4 bits of the least of hash function j over the 3-word
     * shingles of the normalised, lowercased body (the title when there
     * is no body).  Near-duplicates (the same wire story with small
     * edits) agree on most nibbles; searches collapse a hit that differs
     * from a better-ranked one in at most KHABAR_MINHASH_NEAR nibbles.
     * Absent for articles with no words and for those indexed before it
     * existed (they are never collapsed). */
    KHABAR_SLOT_MINHASH = 2,
    /* The facet values of the article, for the facet counter (facets.cc)
     * to read one value per match instead of the document data: one line
     * per value, "P" person, "L" salient place, "C" country, "O"
     * organisation, "S" source, followed by the display name (line
     * breaks in it made spaces), each line ended by "\n"; the values of
     * one kind are distinct case-insensitively, so each article counts
     * once per value.  The term of each value is its kind's prefix + the
     * name lowercased.  Absent when the article has none (and for
     * articles indexed before it existed: --rebuild). */
    KHABAR_SLOT_FACETS = 3,
    /* What a search hit shows without a snippet, so that it is read
     * without inflating the whole article from the document data: id,
     * url, title, date, source, lang and the entities, encoded as the
     * document data is (article.cc) but without body, byline and
     * extraction.  In every document; absent in those indexed before it
     * existed, whose hits are read from the data (the same fields). */
    KHABAR_SLOT_HIT = 4
};

/* Nibbles in a KHABAR_SLOT_MINHASH value, and the most that may differ
 * between near-duplicates: 10 of 16 agreeing estimates a Jaccard
 * similarity of shingles of 0.6 or more; unrelated texts agree on one
 * nibble in 16 by chance (docs/QUERY.md, Near-duplicates). */
#define KHABAR_MINHASH_NIBBLES 16
#define KHABAR_MINHASH_NEAR 6

/* The document data holds every field of the article so that
 * khabar_index_get() and search hits can return them (entities
 * included, after the nine older fields); its encoding is documented
 * with the encoder in article.cc. */

#endif /* KHABAR_SCHEMA_H */
