/* route_search.c - GET /search: one page of ranked hits for a query, with
 * the total, the query as parsed and the revision they were read from
 * (docs/API.md lists the parameters). */
#include <string.h>

#include <jansson.h>

#include "entities_json.h"
#include "json_out.h"
#include "khabar.h"
#include "log.h"
#include "reader.h"
#include "respond.h"
#include "routes.h"

#define PAGE_MAX 100000
#define SIZE_MAX_HITS 100
#define SIZE_DEFAULT 10
/* Ranks past this are refused: walking that deep costs every request
 * more, and whoever wants every hit wants /export. */
#define DEPTH_MAX 10000
/* A half-life of a century is as good as none. */
#define RECENCY_MAX_DAYS 36500
/* Longer queries are refused before they reach Xapian: no real search
 * needs more, and each word costs a posting-list walk. */
#define QUERY_MAX_BYTES 1024
#define STRINGIFY(x) #x
#define TO_STRING(x) STRINGIFY(x)

/* The fields of a hit, in the order they are written, and which of them
 * fields= selected (all by default). */
enum {
    F_RANK, F_ID, F_TITLE, F_URL, F_DATE, F_SOURCE, F_LANG, F_SCORE,
    F_SNIPPET, F_DUPLICATES, F_ENTITIES, F_COUNT
};
static const char *const field_names[F_COUNT] = {
    "rank", "id", "title", "url", "date", "source", "lang", "score",
    "snippet", "duplicates", "entities"
};
/* Filter parameters: place=kabul&place=herat&person=... (docs/API.md),
 * at most this many in one request. */
#define FILTERS_MAX 64
static const char *const filter_names[] = {
    "person", "place", "country", "org", "source", NULL
};
#define FACET_SIZE_MAX 100

/* --total-bound (docs/OPERATIONS.md): 0 counts every match. */
static unsigned long total_bound;

void
route_search_set_total_bound(unsigned long bound)
{
    total_bound = bound;
}

/* What the request asked for, beyond q. */
struct request {
    const char *q;
    unsigned long page, size;
    khabar_search_options_t options;
    int fields[F_COUNT];
    khabar_filter_t filters[FILTERS_MAX];
    size_t n_filters;
    int bad_filter;     /* a filter was empty, held a NUL, or too many */
};

/* Writes member I of HIT into OUT; RANK is 1-based over all pages.  A
 * string that is not UTF-8 or a score that is not finite fails OUT. */
static void
write_field(struct json_out *out, int i, const khabar_hit_t *hit,
            unsigned long rank)
{
    const char *strings[F_COUNT] = {
        NULL, hit->id, hit->title, hit->url, hit->date, hit->source,
        hit->lang, NULL, hit->snippet, NULL, NULL
    };

    json_out_key(out, field_names[i]);
    if (i == F_RANK)
        json_out_int(out, (long long)rank);
    else if (i == F_SCORE)
        json_out_real(out, hit->score);
    else if (i == F_DUPLICATES)
        json_out_int(out, (long long)hit->duplicates);
    else if (i == F_ENTITIES)
        entities_write(out, hit->entities, hit->n_entities);
    else
        json_out_string(out, strings[i]);
}

/* Writes the array of hits in RESULTS, ranked from OFFSET + 1, with the
 * fields R selected. */
static void
write_hits(struct json_out *out, const struct request *r,
           const khabar_results_t *results, unsigned long offset)
{
    size_t i, n = khabar_results_size(results);
    int f;

    json_out_open(out, '[');
    for (i = 0; i < n; i++) {
        const khabar_hit_t *hit = khabar_results_hit(results, i);

        json_out_open(out, '{');
        for (f = 0; hit != NULL && f < F_COUNT; f++)
            if (r->fields[f])
                write_field(out, f, hit, offset + i + 1);
        json_out_close(out, '}');
    }
    json_out_close(out, ']');
}

/* Writes total, total_exact and, for an estimate, total_bounds. */
static void
write_total(struct json_out *out, const khabar_results_t *results)
{
    unsigned long lower, upper;
    int exact = khabar_results_total_exact(results, &lower, &upper);

    json_out_key(out, "total");
    json_out_int(out, (long long)khabar_results_total(results));
    json_out_key(out, "total_exact");
    json_out_bool(out, exact);
    if (exact)
        return;
    json_out_key(out, "total_bounds");
    json_out_open(out, '{');
    json_out_key(out, "lower");
    json_out_int(out, (long long)lower);
    json_out_key(out, "upper");
    json_out_int(out, (long long)upper);
    json_out_close(out, '}');
}

/* The whole answer as JSON text (json_out.h), *LEN bytes; NULL on
 * failure.  Written straight, not built as jansson objects: for a page of
 * hits that took a fifth of searchd's time. */
static char *
answer_text(const struct request *r, const khabar_results_t *results,
            size_t *len)
{
    struct json_out out;
    json_t *facets;
    int exact;
    unsigned long unique = khabar_results_unique(results, &exact);

    json_out_init(&out);
    json_out_open(&out, '{');
    json_out_key(&out, "query");
    json_out_string(&out, r->q);
    json_out_key(&out, "revision");
    json_out_int(&out, (long long)khabar_results_revision(results));
    write_total(&out, results);
    json_out_key(&out, "page");
    json_out_int(&out, (long long)r->page);
    json_out_key(&out, "size");
    json_out_int(&out, (long long)r->size);
    json_out_key(&out, "parsed");
    json_out_string(&out, khabar_results_parsed(results));
    json_out_key(&out, "suggestion");
    json_out_string(&out, khabar_results_suggestion(results));
    json_out_key(&out, "hits");
    write_hits(&out, r, results, (r->page - 1) * r->size);
    if (khabar_results_has_facets(results)) {
        facets = facets_json(results);
        json_out_key(&out, "facets");
        json_out_value(&out, facets);
        json_decref(facets);
    }
    if (r->options.collapse) {
        json_out_key(&out, "unique");
        json_out_int(&out, (long long)unique);
        json_out_key(&out, "unique_exact");
        json_out_bool(&out, exact);
    }
    json_out_close(&out, '}');
    return json_out_finish(&out, len);
}

/* The answer to a search that failed with STATUS; takes QUERY. */
static enum MHD_Result
search_failed(struct MHD_Connection *connection, khabar_index_t *index,
              khabar_status_t status, json_t *query)
{
    const char *message = khabar_index_message(index);

    json_decref(query);
    /* Only the date bounds, checked already but for their order, make a
     * search on a good handle an invalid argument. */
    if (status == KHABAR_STATUS_INVALID_ARGUMENT)
        return respond_error(connection, MHD_HTTP_BAD_REQUEST, "bad_parameter",
                             message && *message ? message :
                             "the query could not be run");
    return respond_query_failed(connection, index, status, "search");
}

/* Runs the search and answers; takes QUERY. */
static enum MHD_Result
run_search(struct MHD_Connection *connection, struct request *r,
           json_t *query)
{
    khabar_index_t *index;
    khabar_results_t *results = NULL;
    khabar_status_t status;
    unsigned long revision;
    char *text;
    size_t len = 0;

    if (reader_acquire(&index) != KHABAR_STATUS_SUCCESS) {
        json_decref(query);
        return respond_internal(connection);
    }
    /* A client that has this answer already is told so before the
     * search runs: the revision is all the ETag needs. */
    if (khabar_index_revision(index, &revision) == KHABAR_STATUS_SUCCESS &&
        respond_fresh(connection, revision)) {
        json_decref(query);
        return respond_not_modified(connection, revision);
    }
    status = khabar_search_ex(index, r->q, &r->options, &results);
    while (reader_should_retry(index, status))
        status = khabar_search_ex(index, r->q, &r->options, &results);
    if (status != KHABAR_STATUS_SUCCESS)
        return search_failed(connection, index, status, query);
    json_decref(query);
    revision = khabar_results_revision(results);
    text = answer_text(r, results, &len);
    khabar_results_free(results);
    if (text == NULL)
        log_error("cannot write a /search answer (out of memory, or not "
                  "UTF-8)");
    return respond_json_text(connection, MHD_HTTP_OK, text, len, &revision);
}

/* Index in CHOICES (NULL-terminated) of argument NAME, DEFAULT_INDEX when
 * absent; -1 when it is none of them. */
static int
choice_arg(struct MHD_Connection *connection, const char *name,
           const char *const *choices, int default_index)
{
    const char *text;
    int i;

    switch (route_arg(connection, name, &text)) {
    case -1:
        return default_index;
    case 0:
        for (i = 0; choices[i] != NULL; i++)
            if (strcmp(text, choices[i]) == 0)
                return i;
        return -1;
    default:
        return -1;
    }
}

/* Reads fields= into R->fields; 0, or -1 with the unknown name in BAD
 * (of BAD_SIZE bytes; "" when it is not fit to repeat). */
static int
parse_fields(struct MHD_Connection *connection, struct request *r, char *bad,
             size_t bad_size)
{
    const char *text, *p, *end;
    int i, found;

    for (i = 0; i < F_COUNT; i++)
        r->fields[i] = 1;
    if (route_arg(connection, "fields", &text) == -1)
        return 0;
    memset(r->fields, 0, sizeof(r->fields));
    bad[0] = '\0';
    for (p = text;; p = end + 1) {
        end = strchr(p, ',');
        if (end == NULL)
            end = p + strlen(p);
        for (found = 0, i = 0; i < F_COUNT && !found; i++)
            if (strlen(field_names[i]) == (size_t)(end - p) &&
                strncmp(p, field_names[i], (size_t)(end - p)) == 0)
                found = r->fields[i] = 1;
        if (!found) {
            /* A short plain name is repeated; anything else is not. */
            if ((size_t)(end - p) < bad_size && end > p &&
                strspn(p, "abcdefghijklmnopqrstuvwxyz_") >= (size_t)(end - p))
                memcpy(bad, p, (size_t)(end - p)), bad[end - p] = '\0';
            return -1;
        }
        if (*end == '\0')
            return 0;
    }
}

/* Refuses fields= naming BAD (or something unfit to repeat). */
static enum MHD_Result
bad_fields(struct MHD_Connection *connection, const char *bad)
{
    char must[160];

    if (*bad == '\0')
        return route_bad_arg(connection, "fields", "must be a comma-separated "
                             "list of rank, id, title, url, date, source, "
                             "lang, score, snippet, duplicates, entities");
    snprintf(must, sizeof(must), "names unknown field '%s' (known: rank, id, "
             "title, url, date, source, lang, score, snippet, duplicates, "
             "entities)", bad);
    return route_bad_arg(connection, "fields", must);
}

/* Reads from= or to= into *OUT (NULL when absent); 0 or -1. */
static int
date_arg(struct MHD_Connection *connection, const char *name,
         const char **out)
{
    switch (route_arg(connection, name, out)) {
    case -1:
        *out = NULL;
        return 0;
    case 0:
        return khabar_query_date_is_valid(*out) ? 0 : -1;
    default:
        return -1;
    }
}

/* Reads everything but q and fields into R; 0, or the 400 already sent in
 * *RET. */
static int
parse_options(struct MHD_Connection *connection, struct request *r,
              enum MHD_Result *ret)
{
    static const char *const ops[] = { "and", "or", NULL };
    static const char *const sorts[] = { "relevance", "newest", "oldest", NULL };
    static const char *const collapses[] = { "near", "none", NULL };
    unsigned long recency;
    int op, sort, collapse;

    if ((op = choice_arg(connection, "op", ops, 0)) < 0)
        *ret = route_bad_arg(connection, "op", "must be 'and' or 'or'");
    else if ((sort = choice_arg(connection, "sort", sorts, 0)) < 0)
        *ret = route_bad_arg(connection, "sort",
                             "must be 'relevance', 'newest' or 'oldest'");
    else if ((collapse = choice_arg(connection, "collapse", collapses, 0)) < 0)
        *ret = route_bad_arg(connection, "collapse", "must be 'near' or 'none'");
    else if (route_uint_arg(connection, "recency", 1, RECENCY_MAX_DAYS, 0,
                            &recency) != 0)
        *ret = route_bad_uint(connection, "recency", 1, RECENCY_MAX_DAYS);
    else if (date_arg(connection, "from", &r->options.date_from) != 0)
        *ret = route_bad_arg(connection, "from", "must be YYYY, YYYY-MM or YYYY-MM-DD");
    else if (date_arg(connection, "to", &r->options.date_to) != 0)
        *ret = route_bad_arg(connection, "to", "must be YYYY, YYYY-MM or YYYY-MM-DD");
    else {
        r->options.default_or = op == 1;
        r->options.sort = (khabar_sort_t)sort;
        r->options.collapse = collapse == 0;
        r->options.recency_half_life = (double)recency;
        r->options.suggest = 1;
        r->options.total_bound = total_bound;
        return 0;
    }
    return -1;
}

/* Collects one filter parameter (MHD's iterator over the arguments). */
static enum MHD_Result
collect_filter(void *cls, enum MHD_ValueKind kind, const char *key,
               size_t key_size, const char *value, size_t value_size)
{
    struct request *r = cls;
    int i;

    (void)kind;
    for (i = 0; filter_names[i] != NULL; i++)
        if (strlen(filter_names[i]) == key_size &&
            memcmp(key, filter_names[i], key_size) == 0)
            break;
    if (filter_names[i] == NULL)
        return MHD_YES;
    if (value == NULL || value_size == 0 || strlen(value) != value_size ||
        r->n_filters == FILTERS_MAX) {
        r->bad_filter = 1;
        return MHD_NO;
    }
    r->filters[r->n_filters].field = filter_names[i];
    r->filters[r->n_filters].value = value;
    r->n_filters++;
    return MHD_YES;
}

/* Reads the filter parameters and facets=, facet_size=, interval= into
 * R; 0, or the 400 already sent in *RET. */
static int
parse_facets(struct MHD_Connection *connection, struct request *r,
             enum MHD_Result *ret)
{
    static const char *const facets[] = { "all", "none", NULL };
    static const char *const intervals[] = { "auto", "day", "week", "month",
                                             "year", NULL };
    unsigned long size;
    int want, interval;

    MHD_get_connection_values_n(connection, MHD_GET_ARGUMENT_KIND,
                                collect_filter, r);
    if (r->bad_filter)
        *ret = route_bad_arg(connection, "person, place, country, org and "
                             "source", "must each be a non-empty value, at "
                             "most " TO_STRING(FILTERS_MAX) " in all");
    else if ((want = choice_arg(connection, "facets", facets, 0)) < 0)
        *ret = route_bad_arg(connection, "facets", "must be 'all' or 'none'");
    else if (route_uint_arg(connection, "facet_size", 1, FACET_SIZE_MAX,
                            KHABAR_FACET_SIZE_DEFAULT, &size) != 0)
        *ret = route_bad_uint(connection, "facet_size", 1, FACET_SIZE_MAX);
    else if ((interval = choice_arg(connection, "interval", intervals, 0)) < 0)
        *ret = route_bad_arg(connection, "interval", "must be 'auto', 'day', "
                             "'week', 'month' or 'year'");
    else {
        r->options.filters = r->filters;
        r->options.n_filters = r->n_filters;
        r->options.facets = want == 0;
        r->options.facet_size = (unsigned)size;
        r->options.facet_interval = interval;
        /* An empty q with facets or filters means the whole archive (or
         * its filtered part): a page that browses by facets starts so. */
        r->options.empty_matches_all = r->options.facets || r->n_filters > 0;
        return 0;
    }
    return -1;
}

/* Reads page and size into R, refusing pages past DEPTH_MAX; 0, or the
 * 400 already sent in *RET. */
static int
parse_paging(struct MHD_Connection *connection, struct request *r,
             enum MHD_Result *ret)
{
    if (route_uint_arg(connection, "page", 1, PAGE_MAX, 1, &r->page) != 0)
        *ret = route_bad_uint(connection, "page", 1, PAGE_MAX);
    else if (route_uint_arg(connection, "size", 1, SIZE_MAX_HITS,
                            SIZE_DEFAULT, &r->size) != 0)
        *ret = route_bad_uint(connection, "size", 1, SIZE_MAX_HITS);
    else if (r->page * r->size > DEPTH_MAX)
        *ret = respond_error(connection, MHD_HTTP_BAD_REQUEST, "too_deep",
                             "page * size is over " TO_STRING(DEPTH_MAX)
                             ": /search shows the first " TO_STRING(DEPTH_MAX)
                             " hits; use /export for every match");
    else {
        r->options.offset = (unsigned)((r->page - 1) * r->size);
        r->options.size = (unsigned)r->size;
        return 0;
    }
    return -1;
}

enum MHD_Result
route_search(struct MHD_Connection *connection)
{
    struct request r;
    enum MHD_Result ret;
    char bad[33];
    json_t *query;

    memset(&r, 0, sizeof(r));
    switch (route_arg(connection, "q", &r.q)) {
    case 0:
        break;
    case -1:
        return route_missing(connection, "q");
    default:
        return route_bad_arg(connection, "q", "must not contain NUL");
    }
    if (strlen(r.q) > QUERY_MAX_BYTES)
        return route_bad_arg(connection, "q", "must be at most "
                             TO_STRING(QUERY_MAX_BYTES) " bytes");
    if (parse_paging(connection, &r, &ret) != 0 ||
        parse_options(connection, &r, &ret) != 0 ||
        parse_facets(connection, &r, &ret) != 0)
        return ret;
    if (parse_fields(connection, &r, bad, sizeof(bad)) != 0)
        return bad_fields(connection, bad);
    /* Snippets are most of the cost of a page: none when none is shown. */
    r.options.no_snippets = !r.fields[F_SNIPPET];
    /* The query goes back in the answer, so it must be valid UTF-8; jansson
     * checks that here, before the search is run. */
    query = json_string(r.q);
    if (query == NULL)
        return route_bad_arg(connection, "q", "must be UTF-8 text");
    return run_search(connection, &r, query);
}
