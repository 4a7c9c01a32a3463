/* article.cc - storing, reading and removing articles: the document each
 * article becomes (terms, values and data, as schema.h describes). */
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "internal.h"
#include "search_internal.h"

uint64_t
_khabar_fnv1a(uint64_t hash, const char *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char) bytes[i];
        hash *= UINT64_C(1099511628211);
    }
    return hash;
}

static std::string
hex64(uint64_t value)
{
    char hex[17];
    snprintf(hex, sizeof hex, "%016" PRIx64, value);
    return hex;
}

/* A NULL field and an empty one are the same article. */
static const char *
field(const char *value)
{
    return value ? value : "";
}

/* The fields kept in the document data, in their order there (the order of
 * khabar_article_t, without origin): id, url, title, date, source, lang,
 * body, byline, extraction.  The first seven are in every document; the
 * last two were added later. */
enum { STORED_FIELDS = 9, FIELDS_BEFORE_BODY = 6, FIELDS_BEFORE_BYLINE = 7 };

/* The fields of an article in their one canonical order, shared by the
 * content hash and the document data. */
static void
list_fields(const khabar_article_t *a, const char *out[STORED_FIELDS])
{
    const char *fields[STORED_FIELDS] = { a->id,     a->url,    a->title,
                                          a->date,   a->source, a->lang,
                                          a->body,   a->byline, a->extraction };
    for (int i = 0; i < STORED_FIELDS; i++)
        out[i] = field(fields[i]);
}

const char *
_khabar_entity_prefix(khabar_entity_kind_t kind)
{
    switch (kind) {
    case KHABAR_ENTITY_PERSON: return KHABAR_PREFIX_PERSON;
    case KHABAR_ENTITY_PLACE: return KHABAR_PREFIX_PLACE;
    case KHABAR_ENTITY_COUNTRY: return KHABAR_PREFIX_COUNTRY;
    case KHABAR_ENTITY_ORG: return KHABAR_PREFIX_ORG;
    default: return NULL;
    }
}

extern "C" const char *
khabar_entity_kind_name(khabar_entity_kind_t kind)
{
    static const char *const names[KHABAR_ENTITY_LAST] = { "person", "place",
                                                           "country", "org" };
    int k;
    /* Read as an integer: a C caller can store any int in the enum. */
    memcpy(&k, &kind, sizeof k);
    return k >= 0 && k < KHABAR_ENTITY_LAST ? names[k] : NULL;
}

/* The letters of the entity kinds in the data and in KHABAR_SLOT_FACETS. */
static const char ENTITY_LETTERS[KHABAR_ENTITY_LAST + 1] = "PLCO";

static void
append_field(std::string &data, const std::string &f)
{
    data += std::to_string(f.size()) + ":" + f;
}

/* The entities of ARTICLE as one data field: per entity four
 * length-prefixed subfields, as the fields themselves are: its kind's
 * letter (P, L, C, O), "1" or "0" for salient, the name and the country.
 * Entities of an unknown kind or without a name are left out.  "" for
 * none. */
static std::string
encode_entities(const khabar_article_t *a)
{
    std::string out;
    for (size_t i = 0; a->entities && i < a->n_entities; i++) {
        const khabar_entity_t &e = a->entities[i];
        if (!khabar_entity_kind_name(e.kind) || !e.name || !*e.name)
            continue;
        append_field(out, std::string(1, ENTITY_LETTERS[e.kind]));
        append_field(out, e.salient ? "1" : "0");
        append_field(out, e.name);
        append_field(out, field(e.country));
    }
    return out;
}

std::vector<khabar_entity_t>
_khabar_entity_views(const std::vector<_khabar_entity_fields> &entities)
{
    std::vector<khabar_entity_t> views;
    views.reserve(entities.size());
    for (const _khabar_entity_fields &e : entities) {
        khabar_entity_t v = {};
        v.kind = e.kind;
        v.name = e.name.c_str();
        v.country = e.country.c_str();
        v.salient = e.salient;
        views.push_back(v);
    }
    return views;
}

/* The KHABAR_SLOT_CONTENT_HASH value.  Each field is followed by a NUL,
 * which no field can contain, so ("ab", "c") and ("a", "bc") differ. */
static std::string
content_hash(const khabar_article_t *article)
{
    const char *fields[STORED_FIELDS];
    list_fields(article, fields);
    uint64_t hash = KHABAR_FNV1A_OFFSET;
    for (const char *f : fields)
        hash = _khabar_fnv1a(hash, f, strlen(f) + 1);
    /* The origin counts only when there is one, so articles stored without
     * it keep their hash; an article whose file moved is rewritten, so its
     * origin term follows the file. */
    if (article->origin && *article->origin)
        hash = _khabar_fnv1a(hash, article->origin, strlen(article->origin) + 1);
    /* So do the entities, likewise. */
    std::string entities = encode_entities(article);
    if (!entities.empty())
        hash = _khabar_fnv1a(hash, entities.data(), entities.size() + 1);
    return hex64(hash);
}

std::string
_khabar_id_term(const char *id)
{
    return std::string(KHABAR_PREFIX_ID) + id;
}

/* PREFIX + VALUE, or PREFIX + a hash of VALUE when that would be too long
 * a term for Xapian (schema.h). */
std::string
_khabar_boolean_term(const char *prefix, const std::string &value)
{
    std::string term = prefix + value;
    if (term.size() <= KHABAR_MAX_TERM_BYTES)
        return term;
    return prefix + hex64(_khabar_fnv1a(KHABAR_FNV1A_OFFSET, value.data(),
                                        value.size()));
}

/* The document data: for each field in list_fields() order, its length in
 * bytes as decimal digits, a ':' and the bytes themselves, with nothing in
 * between ("2:a13:...").  Lengths make any byte safe in any field. */
std::string
_khabar_data_encode(const khabar_article_t *article)
{
    const char *fields[STORED_FIELDS];
    list_fields(article, fields);
    std::string data;
    for (const char *f : fields)
        data += std::to_string(strlen(f)) + ":" + f;
    /* The entities, when there are any, as a tenth field: data without
     * them decodes as before. */
    std::string entities = encode_entities(article);
    if (!entities.empty())
        append_field(data, entities);
    return data;
}

/* The KHABAR_SLOT_HIT value: the fields a search hit shows, encoded as
 * the document data is but without the body, byline and extraction: id,
 * url, title, date, source, lang, then the entities field when there are
 * any.  A hit without a snippet reads it instead of inflating the whole
 * article from the data (docs/BENCHMARKS.md, "HTTP queries"). */
std::string
_khabar_hit_encode(const khabar_article_t *article)
{
    const char *fields[STORED_FIELDS];
    list_fields(article, fields);
    std::string hit;
    for (int i = 0; i < FIELDS_BEFORE_BODY; i++)
        hit += std::to_string(strlen(fields[i])) + ":" + fields[i];
    std::string entities = encode_entities(article);
    if (!entities.empty())
        append_field(hit, entities);
    return hit;
}

/* Reads one length-prefixed field of DATA at *POS into OUT.  Digits are
 * read in place, without a copy or std::stoul: every hit decodes a dozen
 * or more fields (docs/BENCHMARKS.md, "HTTP queries"). */
static void
decode_field(const std::string &data, size_t *pos, std::string &out)
{
    size_t p = *pos, length = 0;
    while (p < data.size() && p - *pos < 10 && data[p] >= '0' && data[p] <= '9')
        length = length * 10 + (size_t)(data[p++] - '0');
    if (p == *pos || p - *pos > 9 || p == data.size() || data[p] != ':')
        throw Xapian::DatabaseCorruptError("bad field length in document data");
    if (length > data.size() - p - 1)
        throw Xapian::DatabaseCorruptError("truncated document data");
    out.assign(data, p + 1, length);
    *pos = p + 1 + length;
}

/* The entities encode_entities() wrote in DATA, into OUT. */
static void
decode_entities(const std::string &data, std::vector<_khabar_entity_fields> &out)
{
    size_t pos = 0;
    std::string letter, salient;
    while (pos < data.size()) {
        _khabar_entity_fields e;
        decode_field(data, &pos, letter);
        decode_field(data, &pos, salient);
        decode_field(data, &pos, e.name);
        decode_field(data, &pos, e.country);
        const char *k = letter.size() == 1 ? strchr(ENTITY_LETTERS, letter[0])
                                           : NULL;
        if (!k || !*k)
            throw Xapian::DatabaseCorruptError("bad entity in document data");
        e.kind = (khabar_entity_kind_t)(k - ENTITY_LETTERS);
        e.salient = salient == "1";
        out.push_back(std::move(e));
    }
}

/* The entities, the last field of the document data and of the hit
 * record, from POS in DATA into F: none in data written before they
 * were stored; anything after them means WHAT is corrupt. */
static void
decode_entities_last(const std::string &data, size_t pos, _khabar_fields &f,
                     const char *what)
{
    if (pos != data.size()) {
        std::string entities;
        decode_field(data, &pos, entities);
        decode_entities(entities, f.entities);
    }
    if (pos != data.size())
        throw Xapian::DatabaseCorruptError(std::string("trailing bytes in ") +
                                           what);
}

_khabar_fields
_khabar_data_decode(const std::string &data)
{
    _khabar_fields f;
    std::string *fields[STORED_FIELDS] = { &f.id,     &f.url,    &f.title,
                                           &f.date,   &f.source, &f.lang,
                                           &f.body,   &f.byline, &f.extraction };
    size_t pos = 0;
    for (int i = 0; i < STORED_FIELDS; i++) {
        /* Data written before byline and extraction were stored ends
         * after the body. */
        if (i >= FIELDS_BEFORE_BYLINE && pos == data.size())
            break;
        decode_field(data, &pos, *fields[i]);
    }
    decode_entities_last(data, pos, f, "document data");
    return f;
}

_khabar_fields
_khabar_hit_decode(const std::string &value)
{
    _khabar_fields f;
    std::string *fields[FIELDS_BEFORE_BODY] = { &f.id,   &f.url,    &f.title,
                                                &f.date, &f.source, &f.lang };
    size_t pos = 0;
    for (std::string *field : fields)
        decode_field(value, &pos, *field);
    decode_entities_last(value, pos, f, "hit record");
    return f;
}

/* Indexes TEXT (normalised) with WDF_INC and PREFIX, and the joined form
 * of each ZWNJ compound in it without positions, so that the compound is
 * found joined as well as by its parts (normalize.cc). */
static void
index_normalized(Xapian::TermGenerator &generator, const std::string &text,
                 Xapian::termcount wdf_inc, const std::string &prefix,
                 Xapian::Document &spelled)
{
    generator.index_text(_khabar_normalize(text, KHABAR_NORMALIZE_INDEX),
                         wdf_inc, prefix);
    std::string compounds = _khabar_zwnj_compounds(text);
    if (compounds.empty())
        return;
    generator.index_text_without_positions(compounds, wdf_inc, prefix);
    /* Unprefixed compounds go into the spelling data too, one count per
     * occurrence: SPELLED counts them. */
    if (prefix.empty()) {
        Xapian::TermGenerator counter;
        counter.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
        counter.set_document(spelled);
        counter.index_text_without_positions(compounds);
    }
}

/* Indexes title and body as schema.h describes: title words prefixed and
 * plain, then each paragraph, with a gap of positions before each part. */
static void
index_text(Xapian::TermGenerator &generator, const khabar_article_t *article,
           Xapian::Document &spelled)
{
    std::string title = field(article->title), body = field(article->body);
    index_normalized(generator, title, 1, KHABAR_PREFIX_TITLE, spelled);
    generator.increase_termpos(KHABAR_PARAGRAPH_GAP);
    index_normalized(generator, title, 2, KHABAR_PREFIX_TEXT, spelled);
    /* Paragraphs arrive separated by "\n\n"; any newline ends one, and the
     * empty ones in between cost nothing. */
    size_t start = 0;
    while (start <= body.size()) {
        size_t end = body.find('\n', start);
        if (end == std::string::npos)
            end = body.size();
        if (end > start) {
            generator.increase_termpos(KHABAR_PARAGRAPH_GAP);
            index_normalized(generator, body.substr(start, end - start), 1,
                             KHABAR_PREFIX_TEXT, spelled);
        }
        start = end + 1;
    }
}

/* "YYYYMMDD" from a date that _khabar_date_is_valid() accepted. */
static std::string
date_value(const char *date)
{
    return std::string(date, 4) + std::string(date + 5, 2) +
           std::string(date + 8, 2);
}

/* Adds the line of facet value NAME of kind LETTER to FACETS, and its
 * term (PREFIX + NAME lowercased) to DOC, unless the term is there
 * already: one count per article and value. */
static void
add_facet(Xapian::Document &doc, std::string &facets, char letter,
          const char *prefix, const std::string &name)
{
    std::string term = _khabar_boolean_term(prefix, Xapian::Unicode::tolower(name));
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to(term);
    if (it != doc.termlist_end() && *it == term)
        return;
    doc.add_boolean_term(term);
    std::string line = name;
    for (char &c : line)
        if (c == '\n' || c == '\r')
            c = ' ';
    facets += letter + line + "\n";
}

/* The entity terms of ARTICLE (schema.h) and its KHABAR_SLOT_FACETS
 * value, which also holds its source. */
static std::string
index_entities(Xapian::Document &doc, const khabar_article_t *article)
{
    std::string facets;
    for (size_t i = 0; article->entities && i < article->n_entities; i++) {
        const khabar_entity_t &e = article->entities[i];
        if (!khabar_entity_kind_name(e.kind) || !e.name || !*e.name)
            continue;
        if (e.kind == KHABAR_ENTITY_PLACE && !e.salient)
            continue;
        add_facet(doc, facets, ENTITY_LETTERS[e.kind],
                  _khabar_entity_prefix(e.kind), e.name);
        if (e.kind == KHABAR_ENTITY_PLACE && e.country && *e.country)
            add_facet(doc, facets, 'C', KHABAR_PREFIX_COUNTRY, e.country);
    }
    if (article->source && *article->source)
        facets += std::string("S") + article->source + "\n";
    return facets;
}

/* The words the spelling data counts (docs/QUERY.md, Spelling): what
 * Xapian's TermGenerator with FLAG_SPELLING would add one by one, each
 * unprefixed word once per occurrence.  Counted here, per article, so
 * that the writer adds each word once with its count; the totals in the
 * index are the same. */
typedef std::vector<std::pair<std::string, Xapian::termcount>> spelling_t;

/* The occurrences of each unprefixed word of DOC: its positions (every
 * unprefixed word of the text is indexed with positions), plus those of
 * COMPOUNDS, the ZWNJ compounds indexed without them. */
static spelling_t
count_spelling(const Xapian::Document &doc, const Xapian::Document &compounds)
{
    spelling_t words;
    for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end();
         ++t) {
        const std::string &term = *t;
        /* Prefixes are capital letters; words are indexed lower case. */
        if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z'))
            continue;
        Xapian::termcount n = t.positionlist_count();
        if (n)
            words.emplace_back(term, n);
    }
    spelling_t merged;
    auto w = words.begin();
    for (Xapian::TermIterator t = compounds.termlist_begin();
         t != compounds.termlist_end(); ++t) {
        for (; w != words.end() && w->first < *t; ++w)
            merged.push_back(std::move(*w));
        if (w != words.end() && w->first == *t)
            (w++)->second += t.get_wdf();
        else
            merged.emplace_back(*t, t.get_wdf());
    }
    for (; w != words.end(); ++w)
        merged.push_back(std::move(*w));
    return merged;
}

/* The document of ARTICLE (with content hash HASH) and, in *SPELLING, the
 * words it adds to the spelling data.  Uses no database, so that it can
 * be built in another thread than the writer's. */
static Xapian::Document
make_document(const khabar_article_t *article, const std::string &hash,
              spelling_t *spelling)
{
    Xapian::Document doc, compounds;
    Xapian::TermGenerator generator;
    /* The article's language picks the stemmer (language.cc). */
    generator.set_stemmer(_khabar_stemmer_for(article->lang));
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    generator.set_document(doc);
    index_text(generator, article, compounds);
    *spelling = count_spelling(doc, compounds);

    doc.add_boolean_term(_khabar_id_term(article->id));
    if (article->url && *article->url)
        doc.add_boolean_term(_khabar_boolean_term(KHABAR_PREFIX_URL, article->url));
    if (article->source && *article->source)
        doc.add_boolean_term(_khabar_boolean_term(
            KHABAR_PREFIX_SOURCE, Xapian::Unicode::tolower(article->source)));
    if (article->lang && *article->lang)
        doc.add_boolean_term(_khabar_boolean_term(
            KHABAR_PREFIX_LANG, Xapian::Unicode::tolower(article->lang)));
    if (article->origin && *article->origin)
        doc.add_boolean_term(_khabar_boolean_term(KHABAR_PREFIX_ORIGIN, article->origin));
    std::string facets = index_entities(doc, article);
    if (!facets.empty())
        doc.add_value(KHABAR_SLOT_FACETS, facets);
    if (article->date && *article->date) {
        std::string day = date_value(article->date);
        doc.add_value(KHABAR_SLOT_DATE, day);
        _khabar_date_terms_add(doc, day);
    }
    doc.add_value(KHABAR_SLOT_CONTENT_HASH, hash);
    std::string minhash = _khabar_minhash_value(article);
    if (!minhash.empty())
        doc.add_value(KHABAR_SLOT_MINHASH, minhash);
    doc.add_value(KHABAR_SLOT_HIT, _khabar_hit_encode(article));
    doc.set_data(_khabar_data_encode(article));
    return doc;
}

/* Why ARTICLE cannot be stored, or "" when it can. */
static std::string
article_problem(const khabar_article_t *article)
{
    if (!article)
        return "no article given";
    if (!article->id || !*article->id)
        return "article has no id";
    std::string id = article->id;
    if (_khabar_id_term(article->id).size() > KHABAR_MAX_TERM_BYTES)
        return "article id is " + std::to_string(id.size()) +
               " bytes long; the most is " +
               std::to_string(KHABAR_MAX_TERM_BYTES - 1);
    if (!*field(article->title) && !*field(article->body))
        return "article '" + id + "' has neither title nor body";
    if (*field(article->date) && !_khabar_date_is_valid(article->date))
        return "article '" + id + "': date '" + article->date +
               "' is not ISO 8601 (YYYY-MM-DD[THH:MM:SS])";
    return "";
}

/* The document holding ID, or 0 when there is none. */
static Xapian::docid
find_article(Xapian::Database &db, const char *id)
{
    std::string term = _khabar_id_term(id);
    Xapian::PostingIterator it = db.postlist_begin(term);
    return it == db.postlist_end(term) ? 0 : *it;
}

/* An article made ready to store (khabar.h): its content hash and its
 * document with the words it adds to the spelling data; or why it cannot
 * be stored.  When the index showed the same content already, the
 * document is not built: a copy of the article is kept instead, in case
 * the writer finds it changed after all. */
struct khabar_prepared {
    std::string id, hash, problem;
    bool built = false;
    /* The writer that, when PEEK, saw the article stored unchanged: its
     * own view is current, so storing into it needs no second look and
     * no copy of the article is kept. */
    const khabar_index_t *unchanged_in = nullptr;
    Xapian::Document doc;
    spelling_t spelling;
    /* When not built: the article, owned (COPY, ORIGIN, VIEWS) or, for
     * khabar_index_upsert(), borrowed (ARTICLE). */
    const khabar_article_t *article = nullptr;
    _khabar_fields copy;
    std::string origin;
    std::vector<khabar_entity_t> views;
    khabar_article_t owned = {};
    size_t bytes = 0;
};

/* About what P holds in memory, and what writing it leaves in Xapian's
 * buffers until the next flush: each term's bytes and a posting's
 * bookkeeping, each position, the data and values. */
static size_t
estimate_bytes(const khabar_prepared &p)
{
    size_t bytes = sizeof p + p.doc.get_data().size() + p.copy.body.size();
    for (Xapian::TermIterator t = p.doc.termlist_begin();
         t != p.doc.termlist_end(); ++t)
        bytes += (*t).size() + 96 + 8 * t.positionlist_count();
    for (const auto &word : p.spelling)
        bytes += word.first.size() + 64;
    for (Xapian::ValueIterator v = p.doc.values_begin();
         v != p.doc.values_end(); ++v)
        bytes += (*v).size() + 32;
    return bytes;
}

static void
build(khabar_prepared &p, const khabar_article_t *article)
{
    p.doc = make_document(article, p.hash, &p.spelling);
    p.built = true;
}

/* Keeps a copy of ARTICLE in P, for build() later. */
static void
keep_copy(khabar_prepared &p, const khabar_article_t *a)
{
    p.copy = { field(a->id), field(a->url), field(a->title), field(a->date),
               field(a->source), field(a->lang), field(a->body),
               field(a->byline), field(a->extraction), {} };
    for (size_t i = 0; a->entities && i < a->n_entities; i++)
        p.copy.entities.push_back({ a->entities[i].kind,
                                    field(a->entities[i].name),
                                    field(a->entities[i].country),
                                    a->entities[i].salient != 0 });
    p.origin = field(a->origin);
    p.views = _khabar_entity_views(p.copy.entities);
    const _khabar_fields &f = p.copy;
    p.owned = { f.id.c_str(), f.url.c_str(), f.title.c_str(), f.date.c_str(),
                f.source.c_str(), f.lang.c_str(), f.body.c_str(),
                p.origin.c_str(), f.byline.c_str(), f.extraction.c_str(),
                p.views.empty() ? nullptr : p.views.data(), p.views.size() };
    p.article = &p.owned;
}

/* Whether DB (PEEK's database) holds ID with content hash HASH.  Only a
 * hint, so a reader left behind by the writer's commits is reopened, and
 * any other failure answers no. */
static bool
stored_unchanged(khabar_index_t *peek, const std::string &id,
                 const std::string &hash)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        try {
            Xapian::docid docid = find_article(*peek->db, id.c_str());
            return docid && peek->db->get_document(docid)
                                    .get_value(KHABAR_SLOT_CONTENT_HASH) == hash;
        } catch (const Xapian::DatabaseModifiedError &) {
            /* Reopened below, outside the handler, where a failure is
             * caught like any other. */
        } catch (const Xapian::Error &) {
            return false;
        }
        try {
            peek->db->reopen();
        } catch (const Xapian::Error &) {
            return false;
        }
    }
    return false;
}

khabar_status_t
khabar_prepare(khabar_index_t *peek, const khabar_article_t *article,
               khabar_prepared_t **out)
{
    if (!out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    try {
        std::unique_ptr<khabar_prepared> p(new khabar_prepared());
        p->problem = article_problem(article);
        if (p->problem.empty()) {
            p->id = article->id;
            p->hash = content_hash(article);
            if (peek && stored_unchanged(peek, p->id, p->hash)) {
                if (peek->mode == KHABAR_INDEX_READ_WRITE)
                    p->unchanged_in = peek;
                else
                    keep_copy(*p, article);
            }
            else
                build(*p, article);
            p->bytes = estimate_bytes(*p);
        }
        *out = p.release();
        return KHABAR_STATUS_SUCCESS;
    } catch (const std::bad_alloc &) {
        return KHABAR_STATUS_OUT_OF_MEMORY;
    } catch (...) {
        /* Without a database only memory can run out: say so. */
        return KHABAR_STATUS_INTERNAL_ERROR;
    }
}

const char *
khabar_prepared_problem(const khabar_prepared_t *prepared)
{
    return prepared && !prepared->problem.empty() ? prepared->problem.c_str()
                                                  : NULL;
}

size_t
khabar_prepared_bytes(const khabar_prepared_t *prepared)
{
    return prepared ? prepared->bytes : 0;
}

void
khabar_prepared_free(khabar_prepared_t *prepared)
{
    delete prepared;
}

/* Stores P: compares its hash with the stored article's, and writes the
 * document and its spelling words only when they differ. */
static khabar_upsert_result_t
store_prepared(khabar_index_t *index, Xapian::WritableDatabase &writer,
               khabar_prepared &p)
{
    if (p.unchanged_in == index)
        return KHABAR_UPSERT_UNCHANGED;
    Xapian::docid existing = find_article(writer, p.id.c_str());
    if (existing && writer.get_document(existing)
                            .get_value(KHABAR_SLOT_CONTENT_HASH) == p.hash)
        return KHABAR_UPSERT_UNCHANGED;
    if (!p.built)
        build(p, p.article);
    _khabar_date_terms_begin(writer);
    _khabar_paragraph_gap_begin(writer);
    /* A new id needs no search for the document to replace. */
    if (existing)
        writer.replace_document(_khabar_id_term(p.id.c_str()), p.doc);
    else
        writer.add_document(p.doc);
    for (const auto &word : p.spelling)
        index->spelling[word.first] += word.second;
    index->dirty = true;
    return existing ? KHABAR_UPSERT_UPDATED : KHABAR_UPSERT_ADDED;
}

void
_khabar_spelling_flush(khabar_index_t *index, Xapian::WritableDatabase &writer)
{
    for (const auto &word : index->spelling)
        writer.add_spelling(word.first, word.second);
    index->spelling.clear();
}

khabar_status_t
khabar_index_upsert_prepared(khabar_index_t *index,
                             khabar_prepared_t *prepared,
                             khabar_upsert_result_t *out)
{
    if (!index)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    index->message.clear();
    try {
        Xapian::WritableDatabase *writer = _khabar_writer(index);
        if (!writer)
            return KHABAR_STATUS_READ_ONLY;
        if (!prepared)
            return _khabar_fail(index, KHABAR_STATUS_INVALID_ARGUMENT,
                                "no article given");
        if (!prepared->problem.empty())
            return _khabar_fail(index, KHABAR_STATUS_INVALID_ARGUMENT,
                                prepared->problem);
        khabar_upsert_result_t result = store_prepared(index, *writer, *prepared);
        if (out)
            *out = result;
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

khabar_status_t
khabar_index_upsert(khabar_index_t *index, const khabar_article_t *article,
                    khabar_upsert_result_t *out)
{
    if (!index)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    index->message.clear();
    try {
        /* Checked and hashed here; the document is built by
         * store_prepared() only when the article changed. */
        khabar_prepared p;
        p.problem = article_problem(article);
        if (p.problem.empty()) {
            p.id = article->id;
            p.hash = content_hash(article);
            p.article = article;
        }
        return khabar_index_upsert_prepared(index, &p, out);
    } catch (...) {
        return _khabar_caught(index);
    }
}

khabar_status_t
khabar_index_delete(khabar_index_t *index, const char *id)
{
    if (!index)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    index->message.clear();
    try {
        Xapian::WritableDatabase *writer = _khabar_writer(index);
        if (!writer)
            return KHABAR_STATUS_READ_ONLY;
        if (!id || !*id)
            return _khabar_fail(index, KHABAR_STATUS_INVALID_ARGUMENT,
                                "no article id given");
        if (!find_article(*writer, id))
            return _khabar_fail(index, KHABAR_STATUS_NOT_FOUND,
                                std::string("no article has id '") + id + "'");
        writer->delete_document(_khabar_id_term(id));
        index->dirty = true;
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

/* The fields and, pointing into them, the C view of them.  Never copied
 * or moved once built, so the pointers stay valid. */
struct khabar_stored_article {
    _khabar_fields strings;
    std::vector<khabar_entity_t> entities;
    khabar_article_t fields;

    explicit khabar_stored_article(_khabar_fields &&f) : strings(std::move(f))
    {
        entities = _khabar_entity_views(strings.entities);
        fields = { strings.id.c_str(),     strings.url.c_str(),
                   strings.title.c_str(),  strings.date.c_str(),
                   strings.source.c_str(), strings.lang.c_str(),
                   strings.body.c_str(), nullptr,
                   strings.byline.c_str(), strings.extraction.c_str(),
                   entities.empty() ? nullptr : entities.data(),
                   entities.size() };
    }
    khabar_stored_article(const khabar_stored_article &) = delete;
    khabar_stored_article &operator=(const khabar_stored_article &) = delete;
};

khabar_status_t
khabar_index_get(khabar_index_t *index, const char *id,
                 khabar_stored_article_t **out)
{
    if (!index || !out)
        return KHABAR_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    index->message.clear();
    try {
        if (!id || !*id)
            return _khabar_fail(index, KHABAR_STATUS_INVALID_ARGUMENT,
                                "no article id given");
        Xapian::docid docid = find_article(*index->db, id);
        if (!docid)
            return _khabar_fail(index, KHABAR_STATUS_NOT_FOUND,
                                std::string("no article has id '") + id + "'");
        std::string data = index->db->get_document(docid).get_data();
        *out = new khabar_stored_article(_khabar_data_decode(data));
        return KHABAR_STATUS_SUCCESS;
    } catch (...) {
        return _khabar_caught(index);
    }
}

const khabar_article_t *
khabar_stored_article_fields(const khabar_stored_article_t *article)
{
    return article ? &article->fields : NULL;
}

void
khabar_stored_article_free(khabar_stored_article_t *article)
{
    delete article;
}
