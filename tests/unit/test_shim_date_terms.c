/* test_shim_date_terms.c - date ranges through the year and month terms
 * (shim/date_terms.cc) find exactly what the value range finds: every
 * range between a list of bounds (whole years, months, days at the edges
 * of months and years, 29 February, open ends, ranges outside the index)
 * is checked against an oracle, through from/to and through date:, with
 * words and alone; then the index's flag is removed, as in an index
 * written before the terms, and the same ranges must give the same
 * articles through the value range. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"
#include "shim_fixture.h"

#define BODY "The wire story of the day, as the desk filed it."

/* Articles on the days around the edges the terms have: ends of months
 * and years, a leap day, one with a time of day; one undated. */
static const khabar_article_t articles[] = {
    { .id = "d-19991231", .title = "story", .date = "1999-12-31", .body = BODY },
    { .id = "d-20000101", .title = "story", .date = "2000-01-01", .body = BODY },
    { .id = "d-20000229", .title = "story", .date = "2000-02-29", .body = BODY },
    { .id = "d-20190101", .title = "story", .date = "2019-01-01", .body = BODY },
    { .id = "d-20191231", .title = "story", .date = "2019-12-31", .body = BODY },
    { .id = "d-20200101", .title = "story", .date = "2020-01-01", .body = BODY },
    { .id = "d-20200115", .title = "story", .date = "2020-01-15", .body = BODY },
    { .id = "d-20200131", .title = "story", .date = "2020-01-31", .body = BODY },
    { .id = "d-20200201", .title = "story", .date = "2020-02-01", .body = BODY },
    { .id = "d-20200229", .title = "story", .date = "2020-02-29", .body = BODY },
    { .id = "d-20200301", .title = "story", .date = "2020-03-01", .body = BODY },
    { .id = "d-20200615", .title = "story", .date = "2020-06-15T23:59:59+05:00",
      .body = BODY },
    { .id = "d-20201231", .title = "story", .date = "2020-12-31", .body = BODY },
    { .id = "d-20210101", .title = "story", .date = "2021-01-01", .body = BODY },
    { .id = "d-20210704", .title = "story", .date = "2021-07-04", .body = BODY },
    { .id = "d-20220228", .title = "story", .date = "2022-02-28", .body = BODY },
    { .id = "undated", .title = "story", .body = BODY },
};
#define NARTICLES (sizeof articles / sizeof articles[0])

/* Range ends: "" is open. */
static const char *const bounds[] = {
    "", "1990", "1999-12-31", "2000", "2000-02", "2000-02-29", "2000-03-01",
    "2019", "2019-12", "2019-12-31", "2020-01-01", "2020-01-15", "2020-01",
    "2020-02", "2020-02-28", "2020-02-29", "2020-06-15", "2020-06-16",
    "2020-12-31", "2020", "2021-01", "2021-07-04", "2022", "2022-03", "2030",
};
#define NBOUNDS (sizeof bounds / sizeof bounds[0])

static int
setup(void **state)
{
    return shim_fixture_setup(state, "khabar-date-terms", articles, NARTICLES);
}

/* BOUND as YYYYMMDD: a year or month padded with 0 (from) or 9 (to). */
static void
encode(const char *bound, int upper, char out[9])
{
    size_t n = 0;
    for (const char *p = bound; *p; p++)
        if (*p != '-')
            out[n++] = *p;
    while (n < 8)
        out[n++] = upper ? '9' : '0';
    out[8] = '\0';
}

/* The ids of the dated articles from FROM to TO, in id order. */
static void
expected(const char *from, const char *to, char *out, size_t size)
{
    char lo[9], hi[9];
    encode(from, 0, lo);
    encode(to, 1, hi);
    out[0] = '\0';
    for (size_t i = 0; i < NARTICLES; i++) {
        const char *day = articles[i].id + 2;
        if (!articles[i].date || (*from && strncmp(day, lo, 8) < 0) ||
            (*to && strncmp(day, hi, 8) > 0))
            continue;
        if (*out)
            strncat(out, " ", size - strlen(out) - 1);
        strncat(out, articles[i].id, size - strlen(out) - 1);
    }
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* The ids QUERY finds with OPTIONS, in id order; its parsed query in
 * PARSED. */
static void
found(void **state, const char *query, const khabar_search_options_t *o,
      char *out, size_t size, char *parsed, size_t parsed_size)
{
    struct fixture *f = *state;
    khabar_results_t *results = NULL;
    const char *list[NARTICLES];
    if (khabar_search_ex(f->index, query, o, &results) != KHABAR_STATUS_SUCCESS)
        fail_msg("'%s' failed: %s", query, khabar_index_message(f->index));
    size_t n = khabar_results_size(results);
    assert_true(n <= NARTICLES);
    for (size_t i = 0; i < n; i++)
        list[i] = khabar_results_hit(results, i)->id;
    qsort(list, n, sizeof list[0], by_name);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strncat(out, " ", size - strlen(out) - 1);
        strncat(out, list[i], size - strlen(out) - 1);
    }
    snprintf(parsed, parsed_size, "%s", khabar_results_parsed(results));
    khabar_results_free(results);
}

/* Checks every range between two bounds, both ways of asking, with and
 * without words; returns how many parsed queries contained MARK. */
static int
check_ranges(void **state, const char *mark)
{
    char want[1024], got[1024], parsed[8192], query[128];
    int marked = 0;
    for (size_t i = 0; i < NBOUNDS; i++)
        for (size_t j = 0; j < NBOUNDS; j++) {
            const char *from = bounds[i], *to = bounds[j];
            char lo[9], hi[9];
            encode(from, 0, lo);
            encode(to, 1, hi);
            if ((!*from && !*to) || (*from && *to && strcmp(lo, hi) > 0))
                continue;
            expected(from, to, want, sizeof want);
            khabar_search_options_t o = { 0 };
            o.size = 100;
            o.date_from = from;
            o.date_to = to;
            o.empty_matches_all = 1;
            found(state, "story", &o, got, sizeof got, parsed, sizeof parsed);
            if (strcmp(got, want) != 0)
                fail_msg("story from '%s' to '%s' found '%s', expected '%s'",
                         from, to, got, want);
            marked += strstr(parsed, mark) != NULL;
            found(state, "", &o, got, sizeof got, parsed, sizeof parsed);
            if (strcmp(got, want) != 0)
                fail_msg("from '%s' to '%s' alone found '%s', expected '%s'",
                         from, to, got, want);
            khabar_search_options_t plain = { 0 };
            plain.size = 100;
            snprintf(query, sizeof query, "story date:%s..%s", from, to);
            found(state, query, &plain, got, sizeof got, parsed, sizeof parsed);
            if (strcmp(got, want) != 0)
                fail_msg("'%s' found '%s', expected '%s'", query, got, want);
        }
    return marked;
}

/* A fresh index has the terms, and its ranges use them. */
static void
test_ranges_through_terms(void **state)
{
    int marked = check_ranges(state, "Y2020");
    /* Every range holding all of 2020 and more asks for its year term. */
    assert_true(marked > 20);
}

/* The parsed query of a search from FROM to TO on the index. */
static void
parsed_range(void **state, const char *from, const char *to, char *parsed,
             size_t size)
{
    char got[1024];
    khabar_search_options_t o = { 0 };
    o.size = 100;
    o.date_from = from;
    o.date_to = to;
    found(state, "story", &o, got, sizeof got, parsed, size);
}

/* A month is one term, a mid-month edge the OR of its days' terms; a
 * range that would take more than four terms (here 2000-02-15 to
 * 2021-07-04: 2000's months, 19 years, 2021's months) keeps the value
 * range alone, which is cheaper then. */
static void
test_terms_or_value_range(void **state)
{
    char parsed[8192];
    parsed_range(state, "2020-02", "2020-02", parsed, sizeof parsed);
    assert_non_null(strstr(parsed, "M202002"));
    assert_null(strstr(parsed, "VALUE_RANGE"));
    parsed_range(state, "2020-01-15", "2020-02", parsed, sizeof parsed);
    assert_null(strstr(parsed, "M202001"));
    assert_non_null(strstr(parsed, "M202002"));
    assert_null(strstr(parsed, "D20200114"));
    assert_non_null(strstr(parsed, "D20200115"));
    assert_non_null(strstr(parsed, "D20200131"));
    assert_null(strstr(parsed, "VALUE_RANGE 0 20200115"));
    parsed_range(state, "2000-02-15", "2021-07-04", parsed, sizeof parsed);
    assert_null(strstr(parsed, "Y20"));
    assert_null(strstr(parsed, "M20"));
    assert_non_null(strstr(parsed, "VALUE_RANGE 0 20000215 20210704"));
}

/* Empties metadata KEY of the fixture's index, as in an index written
 * before what KEY marks, through Xapian's own tool (the test is skipped
 * without it), and reopens the index. */
static void
clear_metadata(void **state, const char *key)
{
    struct fixture *f = *state;
    char cmd[8500];
    if (system("command -v xapian-metadata >/dev/null") != 0)
        skip();
    khabar_index_close(f->index);
    snprintf(cmd, sizeof cmd, "xapian-metadata set '%s' %s '' 2>&1", f->path,
             key);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(khabar_index_open(f->path, KHABAR_INDEX_READ_WRITE,
                                       &f->index, NULL),
                     KHABAR_STATUS_SUCCESS);
}

/* Without the day terms' flag, as in an index written before them, a
 * month only partly in the range is its month term filtered by the value
 * range, and every range finds the same. */
static void
test_no_day_terms_filters_the_month(void **state)
{
    char parsed[8192];
    clear_metadata(state, "khabar.day-terms");
    parsed_range(state, "2020-01-15", "2020-02", parsed, sizeof parsed);
    assert_non_null(strstr(parsed, "M202001"));
    assert_non_null(strstr(parsed, "VALUE_RANGE 0 20200115 20200131"));
    assert_null(strstr(parsed, "D2020"));
    assert_true(check_ranges(state, "Y2020") > 20);
}

/* Without the flag, as in an index written before the terms, the ranges
 * use the value slot, and find the same; a rewritten article does not set
 * the flag again, since the others would still lack their terms. */
static void
test_old_index_uses_value_range(void **state)
{
    struct fixture *f = *state;
    clear_metadata(state, "khabar.date-terms");
    khabar_article_t changed = { .id = "d-20200615", .title = "story",
                                 .date = "2020-06-15", .body = BODY " Updated." };
    assert_int_equal(khabar_index_upsert(f->index, &changed, NULL),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_commit(f->index), KHABAR_STATUS_SUCCESS);
    assert_int_equal(check_ranges(state, "Y2020"), 0);
    char got[1024], parsed[8192];
    khabar_search_options_t o = { 0 };
    o.size = 100;
    o.date_from = "2020";
    o.date_to = "2020";
    found(state, "story", &o, got, sizeof got, parsed, sizeof parsed);
    assert_non_null(strstr(parsed, "VALUE_RANGE"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranges_through_terms),
        cmocka_unit_test(test_terms_or_value_range),
        cmocka_unit_test(test_no_day_terms_filters_the_month),
        cmocka_unit_test(test_old_index_uses_value_range),
    };
    return cmocka_run_group_tests(tests, setup, shim_fixture_teardown);
}
