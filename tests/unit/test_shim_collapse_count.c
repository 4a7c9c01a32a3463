/* test_shim_collapse_count.c - the collapse of near-duplicates learns
 * how many matches a query has from a walk of its posting lists when
 * Xapian's statistics cannot say there are at most 1,000 (collapse.cc,
 * first_batch()), and still compares every match when there are: an
 * AND of two words in over 1,000 articles each but both in only 200, the
 * same as a phrase (which only Xapian's matcher can count, so the
 * ranking checks 1,001 instead), and words in 1,050 (one word's count
 * Xapian's statistics give). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "khabar.h"
#include "shim_fixture.h"
#include "table_probe.h"

#define ARTICLES 2100
/* "alpha" in articles 0..1049, "beta" in 850..2099: both in 200, more
 * than the first ranking holds (80). */
#define ALPHA_END 1050
#define BETA_START 850

/* Word K of article I: letters only, none shared between articles, so
 * that no two are near-duplicates. */
static void
word(char *out, int i, int k)
{
    out[0] = (char) ('a' + k);
    for (int d = 0; d < 3; d++, i /= 26)
        out[1 + d] = (char) ('a' + i % 26);
    out[4] = 'q';
    out[5] = '\0';
}

static int
setup(void **state)
{
    static char ids[ARTICLES][16], bodies[ARTICLES][128];
    static khabar_article_t articles[ARTICLES];
    for (int i = 0; i < ARTICLES; i++) {
        size_t used = (size_t) snprintf(bodies[i], sizeof bodies[i], "%s%s",
                                        i < ALPHA_END ? "alpha " : "",
                                        i >= BETA_START ? "beta " : "");
        for (int k = 0; k < 12; k++) {
            char w[8];
            word(w, i, k);
            used += (size_t) snprintf(bodies[i] + used, sizeof bodies[i] - used,
                                      "%s ", w);
        }
        snprintf(ids[i], sizeof ids[i], "c%d", i);
        articles[i] = (khabar_article_t){ .id = ids[i], .title = "report",
                                          .body = bodies[i] };
    }
    return shim_fixture_setup(state, "test_shim_collapse_count", articles,
                              ARTICLES);
}

static int
teardown(void **state)
{
    return shim_fixture_teardown(state);
}

/* Searches TEXT in INDEX, collapsed, ten hits, with facets when FACETS
 * and a bound on the total of BOUND; *PATHS: how the total was counted
 * (table_probe.h). */
static khabar_results_t *
collapsed(khabar_index_t *index, const char *text, int facets,
          unsigned long bound, unsigned *paths)
{
    khabar_search_options_t o = { 0 };
    khabar_results_t *r = NULL;
    o.size = 10;
    o.collapse = 1;
    o.facets = facets;
    o.total_bound = bound;
    assert_int_equal(khabar_search_ex(index, text, &o, &r),
                     KHABAR_STATUS_SUCCESS);
    *paths = _khabar_probe_total_count();
    return r;
}

/* The total of R, exact, and its count of stories, and whether exact. */
static void
check(khabar_results_t *r, unsigned long total, unsigned long unique,
      int unique_exact)
{
    int exact = -1;
    assert_int_equal(khabar_results_total(r), total);
    assert_true(khabar_results_total_exact(r, NULL, NULL));
    if (unique_exact)
        assert_int_equal(khabar_results_unique(r, &exact), unique);
    else
        assert_true(khabar_results_unique(r, &exact) >= unique);
    assert_int_equal(exact, unique_exact);
    assert_int_equal(khabar_results_size(r), 10);
}

static void
test_counted_by_a_walk(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *reader = NULL;
    khabar_results_t *r;
    unsigned paths;
    assert_int_equal(khabar_index_open(f->path, KHABAR_INDEX_READ_ONLY,
                                       &reader, NULL), KHABAR_STATUS_SUCCESS);
    /* Through a reader (hashes from its table) and the writer. */
    khabar_index_t *handles[] = { reader, f->index };
    for (size_t h = 0; h < 2; h++) {
        r = collapsed(handles[h], "alpha beta", 0, 0, &paths);
        check(r, 200, 200, 1);
        assert_int_equal(paths, KHABAR_PROBE_COUNTED | KHABAR_PROBE_WALKED);
        khabar_results_free(r);
        /* Over 1,000: the page's stories only, the total walked. */
        r = collapsed(handles[h], "alpha OR beta", 0, 0, &paths);
        check(r, ARTICLES, 10, 0);
        assert_int_equal(paths, KHABAR_PROBE_COUNTED | KHABAR_PROBE_WALKED);
        khabar_results_free(r);
        /* One word: Xapian's statistics know its count, nothing else
         * counts. */
        r = collapsed(handles[h], "alpha", 0, 0, &paths);
        check(r, ALPHA_END, 10, 0);
        assert_int_equal(paths, 0);
        khabar_results_free(r);
    }
    khabar_index_close(reader);
}

/* The same 200 compared whole on a later page, newest first, and with a
 * recency preference (which adds to weights, not to the matches). */
static void
test_counted_with_options(void **state)
{
    struct fixture *f = *state;
    khabar_search_options_t o = { 0 };
    khabar_results_t *r = NULL;
    int exact = 0;
    o.collapse = 1;
    o.offset = 10;
    o.size = 10;
    for (int round = 0; round < 3; round++) {
        if (round == 1)
            o.sort = KHABAR_SORT_NEWEST;
        if (round == 2) {
            o.sort = KHABAR_SORT_RELEVANCE;
            o.recency_half_life = 30;
        }
        assert_int_equal(khabar_search_ex(f->index, "alpha beta", &o, &r),
                         KHABAR_STATUS_SUCCESS);
        assert_int_equal(khabar_results_total(r), 200);
        assert_int_equal(khabar_results_unique(r, &exact), 200);
        assert_true(exact);
        assert_int_equal(khabar_results_size(r), 10);
        assert_int_equal(_khabar_probe_total_count(),
                         KHABAR_PROBE_COUNTED | KHABAR_PROBE_WALKED);
        khabar_results_free(r);
    }
}

static void
test_counted_otherwise(void **state)
{
    struct fixture *f = *state;
    khabar_results_t *r;
    unsigned paths;
    /* A phrase is no walk: the ranking checks 1,001 and sees all 200. */
    r = collapsed(f->index, "\"alpha beta\"", 0, 0, &paths);
    check(r, 200, 200, 1);
    assert_int_equal(paths & KHABAR_PROBE_WALKED, 0);
    khabar_results_free(r);
    /* Facets count the matches first: the ranking need not. */
    r = collapsed(f->index, "alpha beta", 1, 0, &paths);
    check(r, 200, 200, 1);
    assert_int_equal(paths, 0);
    khabar_results_free(r);
    /* A bound on the total forbids counting: the ranking checks as many
     * as the bound, and 1,001 at least. */
    r = collapsed(f->index, "alpha beta", 0, 100, &paths);
    check(r, 200, 200, 1);
    assert_int_equal(paths, 0);
    khabar_results_free(r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counted_by_a_walk),
        cmocka_unit_test(test_counted_with_options),
        cmocka_unit_test(test_counted_otherwise),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
