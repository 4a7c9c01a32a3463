/* test_shim_facet_table.c - a reader counts facets from a table of its
 * revision (shim/facet_table.h), a writer through the documents: both
 * must give the same facets, and the reader's must follow every commit
 * it reopens to (an article added, replaced in place, deleted).  Over
 * several local shards each is counted from its own table.  Readers of one revision share one
 * table (shim/revision_table.h), built once even when they ask for it at
 * the same time; a new revision gets a new one, and the old one is freed
 * when no reader holds it. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "khabar.h"
#include "shim_fixture.h"
#include "table_probe.h"

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
    shim_fixture_facets_text(r, buf, size, &used);
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
 * what the articles hold, each shard from its own table, and follows a
 * commit to one of them. */
static void
test_shards(void **state)
{
    char a[80], b[80], got[2048], cmd[200];
    const char *locations[2] = { a, b };
    khabar_index_t *w = NULL, *r = NULL, *alone = NULL;
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
    /* Each shard is counted from a table of its own, the one a reader of
     * that shard alone shares. */
    assert_int_equal(_khabar_probe_facet_tables_live(), 2);
    assert_int_equal(khabar_index_open(a, KHABAR_INDEX_READ_ONLY, &alone, NULL),
                     KHABAR_STATUS_SUCCESS);
    facets(alone, got, sizeof got);
    assert_int_equal(_khabar_probe_facet_tables_live(), 2);
    khabar_index_close(alone);
    /* A commit to one shard: its table follows. */
    assert_int_equal(khabar_index_open(b, KHABAR_INDEX_READ_WRITE, &w, NULL),
                     KHABAR_STATUS_SUCCESS);
    put(w, "e", "2021-02-05", "Z", putin, 2);
    assert_int_equal(khabar_index_commit(w), KHABAR_STATUS_SUCCESS);
    khabar_index_close(w);
    assert_int_equal(khabar_index_reopen(r), KHABAR_STATUS_SUCCESS);
    facets(r, got, sizeof got);
    assert_string_equal(got,
                        "person Sergey Lavrov|person:\"sergey lavrov\"|2\n"
                        "person Vladimir Putin|person:\"vladimir putin\"|2\n"
                        "place Doha|place:doha|3\n"
                        "place Moscow|place:moscow|1\n"
                        "country Qatar|country:qatar|3\n"
                        "country Russia|country:russia|1\n"
                        "org Taliban|org:taliban|1\n"
                        "source X|source:x|2\n"
                        "source Y|source:y|2\n"
                        "source Z|source:z|1\n"
                        "date 2021-02-03 1\n"
                        "date 2021-02-04 2\n"
                        "date 2021-02-05 1\n"
                        "undated 1\n");
    khabar_index_close(r);
    assert_int_equal(_khabar_probe_facet_tables_live(), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* A reader of DIR's first revision (two articles), with W its writer. */
static void
open_two(khabar_index_t **w, khabar_index_t **r1, khabar_index_t **r2)
{
    strcpy(dir, "/tmp/khabar-facet-table-XXXXXX");
    assert_non_null(mkdtemp(dir));
    assert_int_equal(khabar_index_open(dir, KHABAR_INDEX_READ_WRITE, w, NULL),
                     KHABAR_STATUS_SUCCESS);
    put(*w, "a", "2021-02-03", "X", lavrov_moscow, 3);
    put(*w, "b", "2021-02-04", "x", lavrov_lower, 2);
    assert_int_equal(khabar_index_commit(*w), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_open(dir, KHABAR_INDEX_READ_ONLY, r1, NULL),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_open(dir, KHABAR_INDEX_READ_ONLY, r2, NULL),
                     KHABAR_STATUS_SUCCESS);
}

static void
close_all(khabar_index_t *w, khabar_index_t *r1, khabar_index_t *r2)
{
    char cmd[96];
    khabar_index_close(r1);
    khabar_index_close(r2);
    khabar_index_close(w);
    /* The last holders are gone: so are the tables. */
    assert_int_equal(_khabar_probe_facet_tables_live(), 0);
    assert_int_equal(_khabar_probe_minhashes_live(), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* A search of INDEX with near-duplicates collapsed, which uses the
 * MinHash table (shim/collapse.cc). */
static void
collapsed(khabar_index_t *index)
{
    khabar_search_options_t o = { 0 };
    khabar_results_t *r = NULL;
    o.size = 10;
    o.collapse = 1;
    assert_int_equal(khabar_search_ex(index, "talks", &o, &r),
                     KHABAR_STATUS_SUCCESS);
    /* Both articles say the same: one story. */
    assert_int_equal(khabar_results_size(r), 1);
    khabar_results_free(r);
}

static void
test_readers_share_tables(void **state)
{
    khabar_index_t *w = NULL, *r1 = NULL, *r2 = NULL;
    char got1[2048], got2[2048], by_writer[2048];
    const void *old;
    (void)state;
    open_two(&w, &r1, &r2);
    facets(r1, got1, sizeof got1);
    facets(r2, got2, sizeof got2);
    assert_string_equal(got1, got2);
    collapsed(r1);
    collapsed(r2);
    assert_non_null(_khabar_probe_facet_table(r1));
    assert_non_null(_khabar_probe_minhashes(r1));
    assert_ptr_equal(_khabar_probe_facet_table(r1),
                     _khabar_probe_facet_table(r2));
    assert_ptr_equal(_khabar_probe_minhashes(r1), _khabar_probe_minhashes(r2));
    assert_int_equal(_khabar_probe_facet_tables_live(), 1);
    assert_int_equal(_khabar_probe_minhashes_live(), 1);
    /* A new revision: R1 moves on to a table of its own while R2 keeps
     * the old one, which must still count the old revision. */
    old = _khabar_probe_facet_table(r2);
    put(w, "c", "2021-02-05", "Y", putin, 2);
    check(w, r1,
          "person Sergey Lavrov|person:\"sergey lavrov\"|2\n"
          "person Vladimir Putin|person:\"vladimir putin\"|1\n"
          "place Doha|place:doha|2\n"
          "place Moscow|place:moscow|1\n"
          "country Qatar|country:qatar|2\n"
          "country Russia|country:russia|1\n"
          "org Taliban|org:taliban|1\n"
          "source X|source:x|2\n"
          "source Y|source:y|1\n"
          "date 2021-02-03 1\n"
          "date 2021-02-04 1\n"
          "date 2021-02-05 1\n"
          "undated 0\n");
    assert_ptr_not_equal(_khabar_probe_facet_table(r1), old);
    assert_ptr_equal(_khabar_probe_facet_table(r2), old);
    assert_int_equal(_khabar_probe_facet_tables_live(), 2);
    facets(r2, got2, sizeof got2);
    assert_string_equal(got2, got1);
    /* R2 reopens to the new revision: it takes R1's table, and the old
     * one, held by nobody, is freed. */
    assert_int_equal(khabar_index_reopen(r2), KHABAR_STATUS_SUCCESS);
    facets(r2, got2, sizeof got2);
    facets(w, by_writer, sizeof by_writer);
    assert_string_equal(got2, by_writer);
    assert_ptr_equal(_khabar_probe_facet_table(r1),
                     _khabar_probe_facet_table(r2));
    assert_int_equal(_khabar_probe_facet_tables_live(), 1);
    collapsed(r1);
    collapsed(r2);
    assert_ptr_equal(_khabar_probe_minhashes(r1), _khabar_probe_minhashes(r2));
    assert_int_equal(_khabar_probe_minhashes_live(), 1);
    close_all(w, r1, r2);
}

struct asker {
    khabar_index_t *reader;
    char got[2048];
};

static void *
ask(void *arg)
{
    struct asker *a = arg;
    facets(a->reader, a->got, sizeof a->got);
    return NULL;
}

/* Two threads, each with its reader, ask for the same new revision's
 * table at once (as searchd's workers do after a commit): one table for
 * both, and both count right. */
static void
test_threads_share_one_table(void **state)
{
    khabar_index_t *w = NULL;
    struct asker a[2];
    pthread_t threads[2];
    char by_writer[2048];
    (void)state;
    open_two(&w, &a[0].reader, &a[1].reader);
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, ask, &a[i]), 0);
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_join(threads[i], NULL), 0);
    facets(w, by_writer, sizeof by_writer);
    assert_string_equal(a[0].got, by_writer);
    assert_string_equal(a[1].got, by_writer);
    assert_non_null(_khabar_probe_facet_table(a[0].reader));
    assert_ptr_equal(_khabar_probe_facet_table(a[0].reader),
                     _khabar_probe_facet_table(a[1].reader));
    assert_int_equal(_khabar_probe_facet_tables_live(), 1);
    close_all(w, a[0].reader, a[1].reader);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_follows_revisions),
        cmocka_unit_test(test_shards),
        cmocka_unit_test(test_readers_share_tables),
        cmocka_unit_test(test_threads_share_one_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
