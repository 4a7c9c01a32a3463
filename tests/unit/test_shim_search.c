/* test_shim_search.c - unit tests of the search features of docs/QUERY.md
 * through the shim's public API: wildcards and their cap, date filters,
 * same-paragraph words, sort orders, recency, near-duplicate collapse,
 * spelling suggestions and the parsed query.  One index, built by
 * setup() in a fresh temporary directory, serves every test. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "khabar.h"
#include "shim_fixture.h"


/* One wire story, as three outlets ran it: the same paragraphs with a
 * changed word or sentence. */
#define WIRE_A "Afghan negotiators and Taliban representatives met in Doha " \
    "on Saturday for a new round of talks on a ceasefire, officials said.\n\n" \
    "The meeting, the first in three weeks, focused on a timetable for " \
    "reducing violence across the country and on the exchange of prisoners " \
    "held by both sides since the start of the year.\n\n" \
    "Diplomats from Qatar and the United States attended the opening " \
    "session, which lasted nearly four hours, according to two people " \
    "familiar with the discussions."
#define WIRE_B "Afghan negotiators and Taliban representatives met in Doha " \
    "on Saturday for a fresh round of talks on a ceasefire, officials said.\n\n" \
    "The meeting, the first in three weeks, focused on a timetable for " \
    "reducing violence across the country and on the exchange of prisoners " \
    "held by both sides since the start of the year.\n\n" \
    "Diplomats from Qatar and the United States attended the opening " \
    "session, which lasted nearly four hours, according to two people " \
    "familiar with the discussions. (Reporting by staff)"
#define WIRE_C "Afghan negotiators and Taliban representatives met in Doha " \
    "on Saturday for a new round of talks on a ceasefire, officials told " \
    "reporters.\n\n" \
    "The meeting, the first in three weeks, focused on a timetable for " \
    "reducing violence across the country and on the exchange of prisoners " \
    "held by both sides since the start of the year.\n\n" \
    "Diplomats from Qatar and the United States attended the opening " \
    "session, which lasted nearly four hours, according to people " \
    "familiar with the discussions."

static const khabar_article_t articles[] = {
    { .id = "wire-1", .url = "https://a.example/1", .title = "Doha talks resume",
      .date = "2021-02-27", .source = "a.example", .body = WIRE_A },
    { .id = "wire-2", .url = "https://b.example/2", .title = "Doha talks resume",
      .date = "2021-02-27", .source = "b.example", .body = WIRE_B },
    { .id = "wire-3", .url = "https://c.example/3", .title = "Talks in Doha",
      .date = "2021-02-28", .source = "c.example", .body = WIRE_C },
    /* Same paragraph, and not. */
    { .id = "para-1", .title = "Moscow meeting", .date = "2021-03-18",
      .body = "Atmar met Lavrov in Moscow on Thursday.\n\nThe talks went on." },
    { .id = "para-2", .title = "Moscow meeting", .date = "2021-03-19",
      .body = "Atmar arrived in Moscow.\n\nLavrov spoke to reporters later." },
    /* Dates for the order and the filters. */
    { .id = "old-1", .title = "Ceasefire hopes", .date = "2019-05-01",
      .body = "Hopes for a ceasefire grew as envoys met." },
    { .id = "mid-1", .title = "Ceasefire hopes", .date = "2020-06-15",
      .body = "Hopes for a ceasefire grew as envoys met." },
    { .id = "undated-1", .title = "Ceasefire hopes",
      .body = "Hopes for a ceasefire grew as envoys met." },
};
#define NARTICLES (sizeof articles / sizeof articles[0])

static int
setup(void **state)
{
    return shim_fixture_setup(state, "test_shim_search", articles, NARTICLES);
}

static int
teardown(void **state)
{
    return shim_fixture_teardown(state);
}

/* Runs QUERY with OPTIONS (size 10 when NULL), failing the test unless it
 * succeeds. */
static khabar_results_t *
run(void **state, const char *query, const khabar_search_options_t *options)
{
    struct fixture *f = *state;
    khabar_search_options_t o = { 0 };
    khabar_results_t *results = NULL;
    o.size = 10;
    khabar_status_t status =
        khabar_search_ex(f->index, query, options ? options : &o, &results);
    if (status != KHABAR_STATUS_SUCCESS)
        fail_msg("search '%s': %s", query, khabar_index_message(f->index));
    return results;
}

/* The ids RESULTS holds, joined by spaces in rank order, into OUT. */
static const char *
ids(const khabar_results_t *results, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < khabar_results_size(results); i++) {
        if (i)
            strncat(out, " ", size - strlen(out) - 1);
        strncat(out, khabar_results_hit(results, i)->id, size - strlen(out) - 1);
    }
    return out;
}

/* The ids QUERY finds, sorted, for comparisons that ignore rank. */
static const char *
found_sorted(void **state, const char *query,
             const khabar_search_options_t *options, char *out, size_t size)
{
    khabar_results_t *results = run(state, query, options);
    size_t n = khabar_results_size(results);
    const char *list[NARTICLES];
    for (size_t i = 0; i < n && i < NARTICLES; i++)
        list[i] = khabar_results_hit(results, i)->id;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(list[j - 1], list[j]) > 0; j--) {
            const char *t = list[j];
            list[j] = list[j - 1];
            list[j - 1] = t;
        }
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strncat(out, " ", size - strlen(out) - 1);
        strncat(out, list[i], size - strlen(out) - 1);
    }
    khabar_results_free(results);
    return out;
}

/* The status and message of QUERY with OPTIONS, which must fail. */
static khabar_status_t
refused(void **state, const char *query, const khabar_search_options_t *o,
        const char **message)
{
    struct fixture *f = *state;
    khabar_results_t *results = (khabar_results_t *) 1;
    khabar_status_t status = khabar_search_ex(f->index, query, o, &results);
    assert_null(results);
    *message = khabar_index_message(f->index);
    return status;
}

static const struct {
    const char *query, *ids;
} finds[] = {
    /* Trailing wildcards. */
    { "lavr*", "para-1 para-2" },
    { "title:resu*", "wire-1 wire-2" },
    /* Dates: a year, a month, a day, ranges open and closed. */
    { "ceasefire date:2019", "old-1" },
    { "ceasefire date:2020-06", "mid-1" },
    { "doha date:2021-02-28", "wire-3" },
    { "ceasefire date:2020-01-01..2021-02-27", "mid-1 wire-1 wire-2" },
    { "ceasefire date:..2020", "mid-1 old-1" },
    { "ceasefire date:2021..", "wire-1 wire-2 wire-3" },
    /* Two date: filters are OR'd, as values of one field. */
    { "ceasefire date:2019 date:2020", "mid-1 old-1" },
    /* A date filter alone lists the articles of the period. */
    { "date:2021-03", "para-1 para-2" },
    /* Same paragraph: both words in one, not in neighbouring ones. */
    { "para:(Atmar Lavrov)", "para-1" },
    { "para:(atmar lavrov moscow)", "para-1" },
    { "Atmar Lavrov", "para-1 para-2" },
    { "para:(Lavrov) -Atmar", "" },
    { "moscow para:(atmar moscow)", "para-1 para-2" },
};

static void
test_finds(void **state)
{
    khabar_search_options_t o = { 0 };
    o.size = 20;
    for (size_t i = 0; i < sizeof finds / sizeof finds[0]; i++) {
        char got[256];
        found_sorted(state, finds[i].query, &o, got, sizeof got);
        if (strcmp(got, finds[i].ids) != 0)
            fail_msg("'%s' found '%s', expected '%s'", finds[i].query, got,
                     finds[i].ids);
    }
}

static void
test_date_options(void **state)
{
    khabar_search_options_t o = { 0 };
    char got[256];
    const char *message;
    o.size = 20;
    o.date_from = "2020";
    o.date_to = "2021-02-27";
    assert_string_equal(found_sorted(state, "ceasefire", &o, got, sizeof got),
                        "mid-1 wire-1 wire-2");
    o.date_from = "2021-02-30";
    assert_int_equal(refused(state, "ceasefire", &o, &message),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_string_equal(message,
                        "'from' must be a date: YYYY, YYYY-MM or YYYY-MM-DD");
    o.date_from = "2022";
    assert_int_equal(refused(state, "ceasefire", &o, &message),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_string_equal(message, "'to' is before 'from'");
    assert_true(khabar_query_date_is_valid("2021"));
    assert_true(khabar_query_date_is_valid("2021-02"));
    assert_true(khabar_query_date_is_valid("2020-02-29"));
    assert_false(khabar_query_date_is_valid("2021-02-29"));
    assert_false(khabar_query_date_is_valid("2021-13"));
    assert_false(khabar_query_date_is_valid("21"));
    assert_false(khabar_query_date_is_valid(""));
    assert_false(khabar_query_date_is_valid(NULL));
}

static void
test_syntax_errors(void **state)
{
    static const struct {
        const char *query, *message;
    } cases[] = {
        { "doha date:2021-13",
          "date: at column 6 needs YYYY, YYYY-MM or YYYY-MM-DD, or a range "
          "such as 2021-02-01..2021-03-15 (either end may be left out)" },
        { "date:yesterday", "date: at column 1 needs YYYY, YYYY-MM or "
          "YYYY-MM-DD, or a range such as 2021-02-01..2021-03-15 (either end "
          "may be left out)" },
        { "date:2021-03..2021-01", "date: at column 1 needs YYYY, YYYY-MM or "
          "YYYY-MM-DD, or a range such as 2021-02-01..2021-03-15 (either end "
          "may be left out)" },
        { "para:Atmar", "para: at column 1 must be followed by '(' and words, "
          "e.g. para:(Atmar Lavrov)" },
        { "x para:(\"Atmar Lavrov\")", "para: at column 3 takes plain words only" },
        { "para:(Atmar OR Lavrov)", "para: at column 1 takes plain words only" },
        { "para:()", "para: at column 1 needs 1 to 50 words" },
        /* The old checks still come first. */
        { "para:(Atmar", "unclosed '(' at column 6" },
    };
    khabar_search_options_t o = { 0 };
    o.size = 10;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *message;
        khabar_status_t status = refused(state, cases[i].query, &o, &message);
        if (status != KHABAR_STATUS_QUERY_SYNTAX ||
            strcmp(message, cases[i].message) != 0)
            fail_msg("'%s': status %d, message '%s'", cases[i].query, status,
                     message);
    }
}

static void
test_wildcard_cap(void **state)
{
    khabar_search_options_t o = { 0 };
    const char *message;
    o.size = 10;
    o.wildcard_max = 2;
    /* "re*": reporters, representatives, reducing, resume... */
    assert_int_equal(refused(state, "re*", &o, &message),
                     KHABAR_STATUS_QUERY_SYNTAX);
    assert_string_equal(message,
                        "wildcard 're*' matches more than 2 terms; make it longer");
    /* Title words: "moscow", "meeting". */
    o.wildcard_max = 1;
    assert_int_equal(refused(state, "moscow title:m*", &o, &message),
                     KHABAR_STATUS_QUERY_SYNTAX);
    assert_string_equal(message, "wildcard 'title:m*' matches more than 1 "
                                 "term; make it longer");
    /* Under the cap it runs; the default cap is 1000. */
    khabar_results_free(run(state, "lavr*", &o));
    khabar_results_free(run(state, "re*", NULL));
}

static void
test_paragraph_window(void **state)
{
    khabar_results_t *r = run(state, "para:(atmar lavrov)", NULL);
    /* The window: the words span at most the paragraph gap (1,000). */
    if (!strstr(khabar_results_parsed(r), "NEAR 1001"))
        fail_msg("parsed: %s", khabar_results_parsed(r));
    khabar_results_free(r);
    r = run(state, "para:(atmar lavrov moscow)", NULL);
    if (!strstr(khabar_results_parsed(r), "NEAR 1001"))
        fail_msg("parsed: %s", khabar_results_parsed(r));
    khabar_results_free(r);
}

static void
test_sort(void **state)
{
    khabar_search_options_t o = { 0 };
    char got[256];
    o.size = 20;
    o.sort = KHABAR_SORT_NEWEST;
    khabar_results_t *r = run(state, "hopes ceasefire", &o);
    assert_string_equal(ids(r, got, sizeof got), "mid-1 old-1 undated-1");
    khabar_results_free(r);
    o.sort = KHABAR_SORT_OLDEST;
    r = run(state, "hopes ceasefire", &o);
    assert_string_equal(ids(r, got, sizeof got), "old-1 mid-1 undated-1");
    khabar_results_free(r);
    o.sort = (khabar_sort_t) 7;
    const char *message;
    assert_int_equal(refused(state, "ceasefire", &o, &message),
                     KHABAR_STATUS_INVALID_ARGUMENT);
}

static void
test_recency(void **state)
{
    khabar_search_options_t o = { 0 };
    o.size = 20;
    /* Three articles with the same text: relevance cannot tell them
     * apart, recency puts the newest first, undated last. */
    o.recency_half_life = 30;
    khabar_results_t *r = run(state, "hopes", &o);
    char got[256];
    assert_string_equal(ids(r, got, sizeof got), "mid-1 old-1 undated-1");
    assert_true(khabar_results_hit(r, 0)->score >
                khabar_results_hit(r, 1)->score);
    assert_non_null(strstr(khabar_results_parsed(r), "recency(half-life 30 days"));
    assert_int_equal(khabar_results_total(r), 3);
    khabar_results_free(r);
}

static void
test_collapse(void **state)
{
    khabar_search_options_t o = { 0 };
    char got[256];
    int exact = 0;
    o.size = 10;
    khabar_results_t *r = run(state, "doha negotiators", &o);
    assert_int_equal(khabar_results_size(r), 3);
    assert_int_equal(khabar_results_unique(r, &exact), 3);
    khabar_results_free(r);

    o.collapse = 1;
    r = run(state, "doha negotiators", &o);
    assert_int_equal(khabar_results_size(r), 1);
    assert_int_equal(khabar_results_hit(r, 0)->duplicates, 2);
    assert_int_equal(khabar_results_total(r), 3);
    assert_int_equal(khabar_results_unique(r, &exact), 1);
    assert_true(exact);
    khabar_results_free(r);

    /* Different stories are kept apart (the wire story and the three
     * identical "hopes" articles), and paging counts what remains. */
    r = run(state, "ceasefire", &o);
    assert_int_equal(khabar_results_total(r), 6);
    assert_int_equal(khabar_results_unique(r, NULL), 2);
    assert_int_equal(khabar_results_size(r), 2);
    assert_int_equal(khabar_results_hit(r, 0)->duplicates +
                     khabar_results_hit(r, 1)->duplicates, 4);
    khabar_results_free(r);
    o.offset = 1;
    o.size = 5;
    r = run(state, "ceasefire", &o);
    assert_int_equal(khabar_results_size(r), 1);
    khabar_results_free(r);
    /* The paragraph articles share words but are different texts. */
    o.offset = 0;
    r = run(state, "moscow", &o);
    assert_string_equal(ids(r, got, sizeof got), "para-1 para-2");
    khabar_results_free(r);
}

static void
test_spelling(void **state)
{
    khabar_search_options_t o = { 0 };
    o.size = 10;
    o.suggest = 1;
    khabar_results_t *r = run(state, "talibn ceasfire", &o);
    assert_int_equal(khabar_results_total(r), 0);
    assert_string_equal(khabar_results_suggestion(r), "taliban ceasefire");
    khabar_results_free(r);
    /* Known words: nothing to suggest. */
    r = run(state, "taliban ceasefire", &o);
    assert_string_equal(khabar_results_suggestion(r), "");
    khabar_results_free(r);
    /* Without the option, never. */
    r = run(state, "talibn ceasfire", NULL);
    assert_string_equal(khabar_results_suggestion(r), "");
    khabar_results_free(r);
}

/* A word the archive knows is never corrected, even when a commoner
 * word is one letter away and finds more: Xapian's speller offers
 * "africa sanctions" for "african sanctions" (and /search did, before the
 * query's words were checked first). */
static void
test_spelling_keeps_known_words(void **state)
{
    (void)state;
    static const khabar_article_t known[] = {
        { .id = "k-1", .title = "Africa", .body = "Sanctions on Africa trade." },
        { .id = "k-2", .title = "Africa", .body = "Africa sanctions again." },
        { .id = "k-3", .title = "Sanctions", .body = "African sanctions." },
    };
    void *fixture = NULL;
    assert_int_equal(shim_fixture_setup(&fixture, "test_shim_spelling", known,
                                        sizeof known / sizeof known[0]), 0);
    khabar_search_options_t o = { 0 };
    o.size = 10;
    o.suggest = 1;
    khabar_results_t *r = run(&fixture, "african sanctions", &o);
    assert_int_equal(khabar_results_total(r), 1);
    assert_string_equal(khabar_results_suggestion(r), "");
    khabar_results_free(r);
    /* An unknown word still is. */
    r = run(&fixture, "africen sanctions", &o);
    assert_int_equal(khabar_results_total(r), 0);
    assert_string_equal(khabar_results_suggestion(r), "african sanctions");
    khabar_results_free(r);
    shim_fixture_teardown(&fixture);
}

/* The collapse through a reader, which reads every hash once per
 * revision (collapse.cc), folds as the writer's document-by-document
 * reading does (the other tests search through the writer). */
static void
test_collapse_reader(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *reader = NULL;
    assert_int_equal(khabar_index_open(f->path, KHABAR_INDEX_READ_ONLY,
                                       &reader, NULL), KHABAR_STATUS_SUCCESS);
    khabar_search_options_t o = { 0 };
    khabar_results_t *r = NULL;
    int exact = 0;
    o.size = 10;
    o.collapse = 1;
    for (int round = 0; round < 2; round++) {
        assert_int_equal(khabar_search_ex(reader, "doha negotiators", &o, &r),
                         KHABAR_STATUS_SUCCESS);
        assert_int_equal(khabar_results_size(r), 1);
        assert_int_equal(khabar_results_hit(r, 0)->duplicates, 2);
        assert_int_equal(khabar_results_unique(r, &exact), 1);
        assert_true(exact);
        khabar_results_free(r);
        assert_int_equal(khabar_search_ex(reader, "ceasefire", &o, &r),
                         KHABAR_STATUS_SUCCESS);
        assert_int_equal(khabar_results_total(r), 6);
        assert_int_equal(khabar_results_unique(r, NULL), 2);
        assert_int_equal(khabar_results_hit(r, 0)->duplicates +
                         khabar_results_hit(r, 1)->duplicates, 4);
        khabar_results_free(r);
    }
    /* No hits asked for (a caller after the total or the facets alone):
     * the first ranking's size once divided by the page's and crashed. */
    o.size = 0;
    assert_int_equal(khabar_search_ex(reader, "ceasefire", &o, &r),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_results_size(r), 0);
    assert_int_equal(khabar_results_total(r), 6);
    khabar_results_free(r);
    khabar_index_close(reader);
}

/* A reader's table of hashes follows the index: a copy committed after
 * the first search is folded, and an article rewritten in place (same
 * document, new text) is not folded by its old hash. */
static void
test_collapse_reader_new_revision(void **state)
{
    (void)state;
    static const khabar_article_t first[] = {
        { .id = "n-1", .title = "Doha talks resume", .body = WIRE_A },
        { .id = "n-x", .title = "Moscow meeting",
          .body = "Atmar met Lavrov in Moscow on Thursday." },
    };
    khabar_article_t copy = { .id = "n-2", .title = "Doha talks resume",
                              .body = WIRE_B };
    void *fixture = NULL;
    assert_int_equal(shim_fixture_setup(&fixture, "test_shim_collapse", first,
                                        sizeof first / sizeof first[0]), 0);
    struct fixture *f = fixture;
    khabar_index_t *reader = NULL;
    assert_int_equal(khabar_index_open(f->path, KHABAR_INDEX_READ_ONLY,
                                       &reader, NULL), KHABAR_STATUS_SUCCESS);
    khabar_search_options_t o = { 0 };
    khabar_results_t *r = NULL;
    o.size = 10;
    o.collapse = 1;
    assert_int_equal(khabar_search_ex(reader, "negotiators", &o, &r),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_results_size(r), 1);
    assert_int_equal(khabar_results_hit(r, 0)->duplicates, 0);
    khabar_results_free(r);

    assert_int_equal(khabar_index_upsert(f->index, &copy, NULL),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_commit(f->index), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_reopen(reader), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_search_ex(reader, "negotiators", &o, &r),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_results_total(r), 2);
    assert_int_equal(khabar_results_size(r), 1);
    assert_int_equal(khabar_results_hit(r, 0)->duplicates, 1);
    khabar_results_free(r);

    /* The copy rewritten as another story, mentioning negotiators. */
    copy.body = "Negotiators from both teams will meet again next month.";
    assert_int_equal(khabar_index_upsert(f->index, &copy, NULL),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_commit(f->index), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_reopen(reader), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_search_ex(reader, "negotiators", &o, &r),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_results_size(r), 2);
    assert_int_equal(khabar_results_hit(r, 0)->duplicates +
                     khabar_results_hit(r, 1)->duplicates, 0);
    khabar_results_free(r);
    khabar_index_close(reader);
    shim_fixture_teardown(&fixture);
}

static void
test_parsed_and_compat(void **state)
{
    struct fixture *f = *state;
    khabar_results_t *r = NULL;
    assert_int_equal(khabar_search(f->index, "Doha talks", 0, 5, &r),
                     KHABAR_STATUS_SUCCESS);
    /* The old call: every match, no collapse. */
    assert_int_equal(khabar_results_total(r), 3);
    assert_int_equal(khabar_results_size(r), 3);
    assert_string_equal(khabar_results_parsed(r), "(doha@1 AND Ztalk@2)");
    khabar_results_free(r);
    assert_int_equal(khabar_search(f->index, "  ", 0, 5, &r),
                     KHABAR_STATUS_SUCCESS);
    assert_string_equal(khabar_results_parsed(r), "");
    khabar_results_free(r);
    assert_string_equal(khabar_results_parsed(NULL), "");
    assert_string_equal(khabar_results_suggestion(NULL), "");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_finds),
        cmocka_unit_test(test_date_options),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_wildcard_cap),
        cmocka_unit_test(test_paragraph_window),
        cmocka_unit_test(test_sort),
        cmocka_unit_test(test_recency),
        cmocka_unit_test(test_collapse),
        cmocka_unit_test(test_spelling),
        cmocka_unit_test(test_spelling_keeps_known_words),
        cmocka_unit_test(test_collapse_reader),
        cmocka_unit_test(test_collapse_reader_new_revision),
        cmocka_unit_test(test_parsed_and_compat),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
