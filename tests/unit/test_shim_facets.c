/* test_shim_facets.c - entities stored and read back, entity filters
 * (query and khabar_filter_t), and exact facets through the C API. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "khabar.h"

static char dir[64];

static khabar_index_t *
build(void)
{
    static const khabar_entity_t e1[] = {
        { KHABAR_ENTITY_PERSON, "Sergey Lavrov", NULL, 0 },
        { KHABAR_ENTITY_PLACE, "Moscow", "Russia", 1 },
        { KHABAR_ENTITY_PLACE, "Doha", "Qatar", 0 },   /* only mentioned */
        { KHABAR_ENTITY_ORG, "Taliban", NULL, 0 },
    };
    static const khabar_entity_t e2[] = {
        { KHABAR_ENTITY_PERSON, "sergey lavrov", NULL, 0 },
        { KHABAR_ENTITY_PLACE, "Russia", "Russia", 1 },
    };
    khabar_article_t a = { 0 }, b = { 0 }, c = { 0 };
    khabar_index_t *index = NULL;

    strcpy(dir, "/tmp/khabar-facets-XXXXXX");
    assert_non_null(mkdtemp(dir));
    assert_int_equal(khabar_index_open(dir, KHABAR_INDEX_READ_WRITE, &index,
                                       NULL), KHABAR_STATUS_SUCCESS);
    a.id = "a"; a.title = "talks one"; a.date = "2021-02-03"; a.source = "X";
    a.entities = e1; a.n_entities = 4;
    b.id = "b"; b.title = "talks two"; b.date = "2021-03-04"; b.source = "x";
    b.entities = e2; b.n_entities = 2;
    c.id = "c"; c.title = "talks three";
    assert_int_equal(khabar_index_upsert(index, &a, NULL), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_upsert(index, &b, NULL), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_upsert(index, &c, NULL), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_commit(index), KHABAR_STATUS_SUCCESS);
    return index;
}

static void
done(khabar_index_t *index)
{
    char cmd[96];
    khabar_index_close(index);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void
test_entities_round_trip(void **state)
{
    khabar_index_t *index = build();
    khabar_stored_article_t *s = NULL;
    khabar_upsert_result_t r;
    khabar_article_t again = { 0 };
    (void)state;
    assert_int_equal(khabar_index_get(index, "a", &s), KHABAR_STATUS_SUCCESS);
    const khabar_article_t *f = khabar_stored_article_fields(s);
    assert_int_equal(f->n_entities, 4);
    assert_string_equal(f->entities[1].name, "Moscow");
    assert_string_equal(f->entities[1].country, "Russia");
    assert_int_equal(f->entities[1].salient, 1);
    assert_int_equal(f->entities[2].salient, 0);
    assert_int_equal(f->entities[3].kind, KHABAR_ENTITY_ORG);
    /* The entities are part of the content: without them it changed. */
    again = *f;
    again.origin = NULL;
    assert_int_equal(khabar_index_upsert(index, &again, &r), KHABAR_STATUS_SUCCESS);
    assert_int_equal(r, KHABAR_UPSERT_UNCHANGED);
    again.n_entities = 0;
    again.entities = NULL;
    assert_int_equal(khabar_index_upsert(index, &again, &r), KHABAR_STATUS_SUCCESS);
    assert_int_equal(r, KHABAR_UPSERT_UPDATED);
    khabar_stored_article_free(s);
    /* An article without entities has none, as before. */
    assert_int_equal(khabar_index_get(index, "c", &s), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_stored_article_fields(s)->n_entities, 0);
    assert_null(khabar_stored_article_fields(s)->entities);
    khabar_stored_article_free(s);
    done(index);
}

static unsigned long
count(khabar_index_t *index, const char *q, const khabar_filter_t *filters,
      size_t n)
{
    khabar_search_options_t o = { 0 };
    khabar_results_t *r = NULL;
    unsigned long total;
    o.size = 10;
    o.filters = filters;
    o.n_filters = n;
    o.empty_matches_all = 1;
    assert_int_equal(khabar_search_ex(index, q, &o, &r), KHABAR_STATUS_SUCCESS);
    total = khabar_results_total(r);
    khabar_results_free(r);
    return total;
}

static void
test_filters(void **state)
{
    khabar_index_t *index = build();
    const khabar_filter_t lavrov[] = { { "person", "SERGEY LAVROV" } };
    const khabar_filter_t places[] = { { "place", "moscow" }, { "place", "russia" },
                                       { "org", "taliban" } };
    const khabar_filter_t bad[] = { { "planet", "mars" } };
    khabar_search_options_t o = { 0 };
    khabar_results_t *r = NULL;
    (void)state;
    assert_int_equal(count(index, "person:\"Sergey Lavrov\"", NULL, 0), 2);
    assert_int_equal(count(index, "", lavrov, 1), 2);
    assert_int_equal(count(index, "talks", places, 2), 2);
    assert_int_equal(count(index, "talks", places, 3), 1);
    assert_int_equal(count(index, "place:doha", NULL, 0), 0);   /* not salient */
    assert_int_equal(count(index, "country:russia year:2021", NULL, 0), 2);
    assert_int_equal(count(index, "", NULL, 0), 3);
    o.size = 10;
    o.filters = bad;
    o.n_filters = 1;
    assert_int_equal(khabar_search_ex(index, "talks", &o, &r),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_null(r);
    /* khabar_search() keeps an empty query matching nothing. */
    assert_int_equal(khabar_search(index, "", 0, 10, &r), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_results_total(r), 0);
    khabar_results_free(r);
    done(index);
}

static void
test_facets(void **state)
{
    khabar_index_t *index = build();
    khabar_search_options_t o = { 0 };
    khabar_results_t *r = NULL;
    (void)state;
    o.size = 1;
    o.facets = 1;
    assert_int_equal(khabar_search_ex(index, "talks", &o, &r), KHABAR_STATUS_SUCCESS);
    assert_true(khabar_results_has_facets(r));
    assert_int_equal(khabar_results_facet_size(r, KHABAR_FACET_PERSON), 1);
    assert_int_equal(khabar_results_facet_count(r, KHABAR_FACET_PERSON, 0), 2);
    assert_string_equal(khabar_results_facet_filter(r, KHABAR_FACET_PERSON, 0),
                        "person:\"sergey lavrov\"");
    assert_int_equal(khabar_results_facet_size(r, KHABAR_FACET_PLACE), 2);
    assert_int_equal(khabar_results_facet_size(r, KHABAR_FACET_COUNTRY), 1);
    assert_string_equal(khabar_results_facet_value(r, KHABAR_FACET_COUNTRY, 0), "Russia");
    assert_int_equal(khabar_results_facet_count(r, KHABAR_FACET_COUNTRY, 0), 2);
    assert_int_equal(khabar_results_facet_count(r, KHABAR_FACET_SOURCE, 0), 2);
    assert_null(khabar_results_facet_value(r, KHABAR_FACET_SOURCE, 1));
    assert_int_equal(khabar_results_date_undated(r), 1);
    assert_int_equal(khabar_results_date_interval(r), KHABAR_INTERVAL_DAY);
    assert_int_equal(khabar_results_date_size(r), 2);
    assert_string_equal(khabar_results_date_bucket(r, 0)->end, "2021-02-03");
    /* The hit carries its entities. */
    assert_int_equal(khabar_results_size(r), 1);
    khabar_results_free(r);
    o.facet_interval = 1 + KHABAR_INTERVAL_YEAR;
    assert_int_equal(khabar_search_ex(index, "talks", &o, &r), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_results_date_size(r), 1);
    assert_int_equal(khabar_results_date_bucket(r, 0)->count, 2);
    assert_string_equal(khabar_results_date_bucket(r, 0)->end, "2021-12-31");
    khabar_results_free(r);
    done(index);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entities_round_trip),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_facets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
