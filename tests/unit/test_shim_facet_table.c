/* test_shim_facet_table.c - a reader counts facets from a table of its
 * revision (shim/facet_table.h), a writer through the documents: both
 * must give the same facets, and the reader's must follow every commit
 * it reopens to (an article added, replaced in place, deleted).  Over
 * several local shards, where the table's document ids do not apply,
 * the counts must still be right. */
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

static const khabar_entity_t lavrov_moscow[] = {
    { KHABAR_ENTITY_PERSON, "Sergey Lavrov", NULL, 0 },
    { KHABAR_ENTITY_PLACE, "Moscow", "Russia", 1 },
    { KHABAR_ENTITY_ORG, "Taliban", NULL, 0 },
};
static const khabar_entity_t lavrov_lower[] = {
    { KHABAR_ENTITY_PERSON, "sergey lavrov", NULL, 0 },
    { KHABAR_ENTITY_PLACE, "Doha", "Qatar", 1 },
};
static const khabar_entity_t putin[] = {
    { KHABAR_ENTITY_PERSON, "Vladimir Putin", NULL, 0 },
    { KHABAR_ENTITY_PLACE, "Doha", "Qatar", 1 },
};

static void
put(khabar_index_t *w, const char *id, const char *date, const char *source,
    const khabar_entity_t *entities, size_t n)
{
    khabar_article_t a = { 0 };
    a.id = id;
    a.title = "talks";
    a.body = "talks were held";
    a.date = date;
    a.source = source;
    a.entities = entities;
    a.n_entities = n;
    assert_int_equal(khabar_index_upsert(w, &a, NULL), KHABAR_STATUS_SUCCESS);
}

/* Every facet of "talks" in INDEX, one line each, into BUF. */
static void
facets(khabar_index_t *index, char *buf, size_t size)
{
    khabar_search_options_t o = { 0 };
    khabar_results_t *r = NULL;
    size_t used = 0;
    o.size = 1;
    o.facets = 1;
    o.facet_interval = 1 + KHABAR_INTERVAL_DAY;
    assert_int_equal(khabar_search_ex(index, "talks", &o, &r),
                     KHABAR_STATUS_SUCCESS);
    buf[0] = '\0';
    for (int f = 0; f < KHABAR_FACET_LAST; f++)
        for (size_t i = 0; i < khabar_results_facet_size(r, f); i++)
            used += (size_t)snprintf(buf + used, size - used, "%s %s|%s|%lu\n",
                                     khabar_facet_name(f),
                                     khabar_results_facet_value(r, f, i),
                                     khabar_results_facet_filter(r, f, i),
                                     khabar_results_facet_count(r, f, i));
    for (size_t i = 0; i < khabar_results_date_size(r); i++)
        used += (size_t)snprintf(buf + used, size - used, "date %s %lu\n",
                                 khabar_results_date_bucket(r, i)->key,
                                 khabar_results_date_bucket(r, i)->count);
    snprintf(buf + used, size - used, "undated %lu\n",
             khabar_results_date_undated(r));
    assert_true(used < size);
    khabar_results_free(r);
}

/* Commits W, reopens R, and checks that R (the table) counts what W
 * (the documents) counts, and that this is EXPECTED. */
static void
check(khabar_index_t *w, khabar_index_t *r, const char *expected)
{
    char by_reader[2048], by_writer[2048];
    assert_int_equal(khabar_index_commit(w), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_reopen(r), KHABAR_STATUS_SUCCESS);
    facets(r, by_reader, sizeof by_reader);
    facets(w, by_writer, sizeof by_writer);
    assert_string_equal(by_reader, by_writer);
    assert_string_equal(by_reader, expected);
}

static void
test_table_follows_revisions(void **state)
{
    khabar_index_t *w = NULL, *r = NULL;
    char cmd[96];
    (void)state;
    strcpy(dir, "/tmp/khabar-facet-table-XXXXXX");
    assert_non_null(mkdtemp(dir));
    assert_int_equal(khabar_index_open(dir, KHABAR_INDEX_READ_WRITE, &w, NULL),
                     KHABAR_STATUS_SUCCESS);
    put(w, "a", "2021-02-03", "X", lavrov_moscow, 3);
    put(w, "b", "2021-02-04", "x", lavrov_lower, 2);
    put(w, "c", NULL, "Y", NULL, 0);
    assert_int_equal(khabar_index_commit(w), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_open(dir, KHABAR_INDEX_READ_ONLY, &r, NULL),
                     KHABAR_STATUS_SUCCESS);
    /* Names differing in case add up; ties show the least by bytes. */
    check(w, r,
          "person Sergey Lavrov|person:\"sergey lavrov\"|2\n"
          "place Doha|place:doha|1\n"
          "place Moscow|place:moscow|1\n"
          "country Qatar|country:qatar|1\n"
          "country Russia|country:russia|1\n"
          "org Taliban|org:taliban|1\n"
          "source X|source:x|2\n"
          "source Y|source:y|1\n"
          "date 2021-02-03 1\n"
          "date 2021-02-04 1\n"
          "undated 1\n");
    /* Replaced in place: the same document id, count and last id, only
     * the revision tells the table is stale. */
    put(w, "a", "2021-02-03", "X", putin, 2);
    check(w, r,
          "person Vladimir Putin|person:\"vladimir putin\"|1\n"
          "person sergey lavrov|person:\"sergey lavrov\"|1\n"
          "place Doha|place:doha|2\n"
          "country Qatar|country:qatar|2\n"
          "source X|source:x|2\n"
          "source Y|source:y|1\n"
          "date 2021-02-03 1\n"
          "date 2021-02-04 1\n"
          "undated 1\n");
    /* Deleted, and added with a new name and date. */
    assert_int_equal(khabar_index_delete(w, "b"), KHABAR_STATUS_SUCCESS);
    put(w, "d", "2021-02-05", "Z", lavrov_moscow, 3);
    check(w, r,
          "person Sergey Lavrov|person:\"sergey lavrov\"|1\n"
          "person Vladimir Putin|person:\"vladimir putin\"|1\n"
          "place Doha|place:doha|1\n"
          "place Moscow|place:moscow|1\n"
          "country Qatar|country:qatar|1\n"
          "country Russia|country:russia|1\n"
          "org Taliban|org:taliban|1\n"
          "source X|source:x|1\n"
          "source Y|source:y|1\n"
          "source Z|source:z|1\n"
          "date 2021-02-03 1\n"
          "date 2021-02-05 1\n"
          "undated 1\n");
    khabar_index_close(r);
    khabar_index_close(w);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* A reader over two local shards (whose document ids interleave) counts
 * what the articles hold. */
static void
test_shards(void **state)
{
    char a[80], b[80], got[2048], cmd[200];
    const char *locations[2] = { a, b };
    khabar_index_t *w = NULL, *r = NULL;
    (void)state;
    strcpy(dir, "/tmp/khabar-facet-table-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(a, sizeof a, "%s/a", dir);
    snprintf(b, sizeof b, "%s/b", dir);
    assert_int_equal(khabar_index_open(a, KHABAR_INDEX_READ_WRITE, &w, NULL),
                     KHABAR_STATUS_SUCCESS);
    put(w, "a", "2021-02-03", "X", lavrov_moscow, 3);
    put(w, "b", "2021-02-04", "x", putin, 2);
    put(w, "c", NULL, "Y", NULL, 0);
    assert_int_equal(khabar_index_commit(w), KHABAR_STATUS_SUCCESS);
    khabar_index_close(w);
    assert_int_equal(khabar_index_open(b, KHABAR_INDEX_READ_WRITE, &w, NULL),
                     KHABAR_STATUS_SUCCESS);
    put(w, "d", "2021-02-04", "Y", lavrov_lower, 2);
    assert_int_equal(khabar_index_commit(w), KHABAR_STATUS_SUCCESS);
    khabar_index_close(w);
    assert_int_equal(khabar_index_open_shards(locations, 2, 0, &r, NULL),
                     KHABAR_STATUS_SUCCESS);
    facets(r, got, sizeof got);
    assert_string_equal(got,
                        "person Sergey Lavrov|person:\"sergey lavrov\"|2\n"
                        "person Vladimir Putin|person:\"vladimir putin\"|1\n"
                        "place Doha|place:doha|2\n"
                        "place Moscow|place:moscow|1\n"
                        "country Qatar|country:qatar|2\n"
                        "country Russia|country:russia|1\n"
                        "org Taliban|org:taliban|1\n"
                        "source X|source:x|2\n"
                        "source Y|source:y|2\n"
                        "date 2021-02-03 1\n"
                        "date 2021-02-04 2\n"
                        "undated 1\n");
    khabar_index_close(r);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_follows_revisions),
        cmocka_unit_test(test_shards),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
