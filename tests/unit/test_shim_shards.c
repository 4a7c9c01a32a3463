/* test_shim_shards.c - one handle over several indexes (shim/shards.cc):
 * the id hash, a directory of shards, opening local shards as one, and
 * every kind of bad location.  The remote half is in
 * tests/e2e/t150-shards.sh, which starts xapian-tcpsrv. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"

struct shards {
    char dir[4096];
    char path[2][4300];     /* DIR/shards/shard-0 and -1 */
    char sharded[4150];     /* DIR/shards */
};

static const khabar_article_t ARTICLES[] = {
    { .id = "a1", .title = "Harvest talks in Kabul", .date = "2021-03-01",
      .body = "Farmers and ministers met to talk about the wheat harvest." },
    { .id = "a2", .title = "Port strike ends", .date = "2021-03-02",
      .body = "Dock workers ended the strike after talks with the port." },
    { .id = "a3", .title = "Wheat prices rise", .date = "2021-03-03",
      .body = "The price of wheat rose again as the harvest failed." },
    { .id = "a4", .title = "Drought and harvest", .date = "2021-03-04",
      .body = "A drought cut the harvest by a third this year." },
    { .id = "a5", .title = "Rail summit", .date = "2021-03-05",
      .body = "Ministers agreed on a railway across the border." },
    { .id = "a6", .title = "Bank rates", .date = "2021-03-06",
      .body = "The central bank left its rates unchanged." },
};
#define N_ARTICLES (sizeof ARTICLES / sizeof ARTICLES[0])

/* Indexes ARTICLES into two shards by khabar_shard_of(), as khabar-index
 * --shards 2 does. */
static int
setup(void **state)
{
    const char *tmp = getenv("TMPDIR");
    struct shards *s = calloc(1, sizeof *s);
    khabar_index_t *index[2];
    size_t i;

    if (!s)
        return -1;
    snprintf(s->dir, sizeof s->dir, "%s/shim-shards.XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(s->dir))
        return -1;
    snprintf(s->sharded, sizeof s->sharded, "%s/shards", s->dir);
    if (khabar_shards_prepare(s->sharded, 2, NULL) != KHABAR_STATUS_SUCCESS)
        return -1;
    for (i = 0; i < 2; i++) {
        snprintf(s->path[i], sizeof s->path[i], "%s/shard-%zu", s->sharded, i);
        if (khabar_index_open(s->path[i], KHABAR_INDEX_READ_WRITE, &index[i],
                              NULL) != KHABAR_STATUS_SUCCESS)
            return -1;
    }
    for (i = 0; i < N_ARTICLES; i++)
        if (khabar_index_upsert(index[khabar_shard_of(ARTICLES[i].id, 2)],
                                &ARTICLES[i], NULL) != KHABAR_STATUS_SUCCESS)
            return -1;
    for (i = 0; i < 2; i++)
        if (khabar_index_close(index[i]) != KHABAR_STATUS_SUCCESS)
            return -1;
    *state = s;
    return 0;
}

static int
teardown(void **state)
{
    struct shards *s = *state;
    char cmd[4200];
    int rc = 0;

    if (!getenv("KEEP_INDEX")) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", s->dir);
        rc = system(cmd);
    }
    free(s);
    return rc == 0 ? 0 : -1;
}

/* The hash is on-disk format: these values must never change. */
static void
test_shard_of_is_stable(void **state)
{
    unsigned counts[4] = { 0 };
    char id[32];
    int i;

    (void)state;
    assert_int_equal(khabar_shard_of(NULL, 2), 0);
    assert_int_equal(khabar_shard_of("a1", 0), 0);
    assert_int_equal(khabar_shard_of("a1", 1), 0);
    assert_int_equal(khabar_shard_of("a1", 7), khabar_shard_of("a1", 7));
    /* Ids that differ in one byte spread over the shards, which FNV-1a's
     * low bits alone would not do. */
    for (i = 0; i < 4000; i++) {
        snprintf(id, sizeof id, "gen-%04d", i);
        counts[khabar_shard_of(id, 4)]++;
    }
    for (i = 0; i < 4; i++) {
        assert_true(counts[i] > 900);
        assert_true(counts[i] < 1100);
    }
}

/* Values recorded when the hash was chosen: a change of the hash, which
 * would move articles to other shards, fails here. */
static void
test_shard_of_pinned(void **state)
{
    static const struct { const char *id; unsigned n, shard; } cases[] = {
        { "a1", 2, 0 }, { "a4", 2, 1 }, { "a2", 3, 2 }, { "a5", 3, 1 },
        { "example-002", 2, 1 }, { "gen-0001", 16, 0 }, { "a1", 16, 14 },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(khabar_shard_of(cases[i].id, cases[i].n),
                         cases[i].shard);
}

static void
test_open_directory_of_shards(void **state)
{
    struct shards *s = *state;
    khabar_index_t *index;
    khabar_results_t *results;
    khabar_shard_info_t info;
    unsigned long count, revision;

    assert_int_equal(khabar_index_open(s->sharded, KHABAR_INDEX_READ_ONLY,
                                       &index, NULL), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_shards(index), 2);
    assert_int_equal(khabar_index_count(index, &count), KHABAR_STATUS_SUCCESS);
    assert_int_equal(count, N_ARTICLES);
    /* Each shard made one commit with changes: revision 1 each. */
    assert_int_equal(khabar_index_revision(index, &revision),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(revision, 2);
    assert_int_equal(khabar_index_shard(index, 1, &info), KHABAR_STATUS_SUCCESS);
    assert_string_equal(info.location, s->path[1]);
    assert_false(info.remote);
    assert_int_equal(info.revision, 1);
    assert_int_equal(khabar_index_shard(index, 2, &info),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    /* "harvest" is in articles of both shards. */
    assert_int_equal(khabar_search(index, "harvest", 0, 10, &results),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_results_total(results), 3);
    khabar_results_free(results);
    assert_int_equal(khabar_index_reopen(index), KHABAR_STATUS_SUCCESS);
    khabar_index_close(index);
}

/* Two paths given apart rank as one index: the same as the directory. */
static void
test_open_paths_as_one(void **state)
{
    struct shards *s = *state;
    const char *const paths[] = { s->path[0], s->path[1] };
    khabar_index_t *index;
    khabar_stored_article_t *article;
    unsigned long count;

    assert_int_equal(khabar_index_open_shards(paths, 2, 0, &index, NULL),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_count(index, &count), KHABAR_STATUS_SUCCESS);
    assert_int_equal(count, N_ARTICLES);
    for (size_t i = 0; i < N_ARTICLES; i++) {
        assert_int_equal(khabar_index_get(index, ARTICLES[i].id, &article),
                         KHABAR_STATUS_SUCCESS);
        khabar_stored_article_free(article);
    }
    khabar_index_close(index);
}

/* khabar_shards_prepare() keeps the number of shards. */
static void
test_prepare_refuses_another_count(void **state)
{
    struct shards *s = *state;
    char *message = NULL;
    char plain[4150];
    khabar_index_t *index;

    assert_int_equal(khabar_shards_prepare(s->sharded, 2, NULL),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_shards_prepare(s->sharded, 3, &message),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_non_null(strstr(message, "has 2 shards, not 3"));
    free(message);
    assert_int_equal(khabar_shards_prepare(s->sharded, 0, NULL),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    /* An unsharded index does not become a directory of shards. */
    assert_int_equal(khabar_shards_prepare(s->path[0], 2, &message),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_non_null(strstr(message, "is not sharded"));
    free(message);
    /* Nor is a directory of shards written as one index. */
    assert_int_equal(khabar_index_open(s->sharded, KHABAR_INDEX_READ_WRITE,
                                       &index, &message),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_null(index);
    assert_non_null(strstr(message, "write each shard"));
    free(message);
    assert_int_equal(khabar_index_rebuild_open(s->sharded, &index, &message),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    free(message);
    snprintf(plain, sizeof plain, "%s/plain", s->dir);
    assert_int_equal(khabar_shards_prepare(plain, 4, NULL),
                     KHABAR_STATUS_SUCCESS);
}

/* Each bad location: its status, and a message naming it. */
static void
test_bad_locations(void **state)
{
    static const struct {
        const char *location;
        khabar_status_t status;
        const char *says;
    } cases[] = {
        { "tcp://127.0.0.1", KHABAR_STATUS_INVALID_ARGUMENT,
          "'tcp://127.0.0.1' is not tcp://HOST:PORT" },
        { "tcp://:8000", KHABAR_STATUS_INVALID_ARGUMENT, "is not tcp://HOST:PORT" },
        { "tcp://h:0", KHABAR_STATUS_INVALID_ARGUMENT, "is not tcp://HOST:PORT" },
        { "tcp://h:65536", KHABAR_STATUS_INVALID_ARGUMENT, "is not tcp://HOST:PORT" },
        { "tcp://h:80x", KHABAR_STATUS_INVALID_ARGUMENT, "is not tcp://HOST:PORT" },
        { "", KHABAR_STATUS_INVALID_ARGUMENT, "index location 2 is empty" },
        { "/nonexistent/khabar-index", KHABAR_STATUS_NO_INDEX,
          "/nonexistent/khabar-index" },
        /* Port 1 on the loopback: nothing listens, refused at once. */
        { "tcp://127.0.0.1:1", KHABAR_STATUS_UNAVAILABLE,
          "shard tcp://127.0.0.1:1 cannot be reached" },
    };
    struct shards *s = *state;
    khabar_index_t *index;
    char *message;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *const locations[] = { s->path[0], cases[i].location };
        message = NULL;
        index = (khabar_index_t *)1;
        assert_int_equal(khabar_index_open_shards(locations, 2, 1000, &index,
                                                  &message),
                         cases[i].status);
        assert_null(index);
        assert_non_null(message);
        if (!strstr(message, cases[i].says))
            fail_msg("%s: \"%s\" does not say \"%s\"", cases[i].location,
                     message, cases[i].says);
        free(message);
    }
    assert_int_equal(khabar_index_open_shards(NULL, 0, 0, &index, &message),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    free(message);
}

/* A remote location is read-only. */
static void
test_remote_is_read_only(void **state)
{
    khabar_index_t *index;
    char *message = NULL;

    (void)state;
    assert_int_equal(khabar_index_open("tcp://127.0.0.1:1",
                                       KHABAR_INDEX_READ_WRITE, &index,
                                       &message),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_non_null(strstr(message, "remote or sharded"));
    free(message);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shard_of_is_stable),
        cmocka_unit_test(test_shard_of_pinned),
        cmocka_unit_test_setup_teardown(test_open_directory_of_shards, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_open_paths_as_one, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_prepare_refuses_another_count,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_locations, setup, teardown),
        cmocka_unit_test(test_remote_is_read_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
