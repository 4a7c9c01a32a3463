/* test_shim_parts.c - a full build written into parts by several writers
 * and merged (shim/generation.cc, khabar_index_parts_*): the merged index
 * holds every article, the parts are gone, and a merge that fails leaves
 * the live generation serving. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"

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
};
#define N_ARTICLES (sizeof ARTICLES / sizeof ARTICLES[0])

struct dir {
    char dir[4096];
    char path[4200];        /* DIR/index */
};

static int setup(void **state)
{
    const char *tmp = getenv("TMPDIR");
    struct dir *d = calloc(1, sizeof *d);

    if (!d)
        return -1;
    snprintf(d->dir, sizeof d->dir, "%s/shim-parts.XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(d->dir))
        return -1;
    snprintf(d->path, sizeof d->path, "%s/index", d->dir);
    *state = d;
    return 0;
}

static int teardown(void **state)
{
    struct dir *d = *state;
    char cmd[4300];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", d->dir);
    if (!getenv("KEEP_INDEX") && system(cmd) != 0)
        return -1;
    free(d);
    return 0;
}

/* The generation directories in PATH. */
static int generations(const char *path)
{
    DIR *dir = opendir(path);
    struct dirent *e;
    int n = 0;

    assert_non_null(dir);
    while ((e = readdir(dir)))
        n += strncmp(e->d_name, "gen-", 4) == 0;
    closedir(dir);
    return n;
}

/* Writes ARTICLES[FIRST..LAST) into two parts of INDEX, by id hash. */
static void write_parts(khabar_index_t *index, khabar_index_t *parts[2],
                        size_t first, size_t last)
{
    assert_int_equal(khabar_index_parts_open(index, 2, parts, NULL),
                     KHABAR_STATUS_SUCCESS);
    for (size_t i = first; i < last; i++)
        assert_int_equal(
            khabar_index_upsert(parts[khabar_shard_of(ARTICLES[i].id, 2)],
                                &ARTICLES[i], NULL),
            KHABAR_STATUS_SUCCESS);
}

static unsigned long count(const char *path)
{
    khabar_index_t *index;
    unsigned long n = 0;

    assert_int_equal(khabar_index_open(path, KHABAR_INDEX_READ_ONLY, &index,
                                       NULL), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_count(index, &n), KHABAR_STATUS_SUCCESS);
    khabar_index_close(index);
    return n;
}

static void test_merge_holds_every_article(void **state)
{
    struct dir *d = *state;
    khabar_index_t *index, *parts[2], *reader;
    khabar_stored_article_t *stored;
    unsigned long long before = 0, after = 0;
    unsigned long revision = 0;

    assert_int_equal(khabar_index_open(d->path, KHABAR_INDEX_READ_WRITE,
                                       &index, NULL), KHABAR_STATUS_SUCCESS);
    write_parts(index, parts, 0, N_ARTICLES);
    /* A first build: part 0 is the live generation, part 1 hidden. */
    assert_int_equal(generations(d->path), 2);
    assert_int_equal(khabar_index_parts_merge(index, parts, 2, &before,
                                              &after, &revision, NULL),
                     KHABAR_STATUS_SUCCESS);
    assert_true(before > 0 && after > 0);
    assert_true(revision > 0);
    assert_int_equal(generations(d->path), 1);
    assert_int_equal(count(d->path), N_ARTICLES);
    assert_int_equal(khabar_index_open(d->path, KHABAR_INDEX_READ_ONLY,
                                       &reader, NULL), KHABAR_STATUS_SUCCESS);
    for (size_t i = 0; i < N_ARTICLES; i++) {
        assert_int_equal(khabar_index_get(reader, ARTICLES[i].id, &stored),
                         KHABAR_STATUS_SUCCESS);
        assert_string_equal(khabar_stored_article_fields(stored)->title,
                            ARTICLES[i].title);
        khabar_stored_article_free(stored);
    }
    khabar_index_close(reader);
}

static void test_failed_merge_keeps_live(void **state)
{
    struct dir *d = *state;
    khabar_index_t *index, *parts[2];
    char *message = NULL, cmd[4400];
    DIR *dir;
    struct dirent *e;

    /* Two articles live, then a rebuild whose part 1 vanishes. */
    assert_int_equal(khabar_index_open(d->path, KHABAR_INDEX_READ_WRITE,
                                       &index, NULL), KHABAR_STATUS_SUCCESS);
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(khabar_index_upsert(index, &ARTICLES[i], NULL),
                         KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_close(index), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_rebuild_open(d->path, &index, NULL),
                     KHABAR_STATUS_SUCCESS);
    write_parts(index, parts, 0, N_ARTICLES);
    /* The highest generation is the last part. */
    dir = opendir(d->path);
    assert_non_null(dir);
    char last[300] = "";
    while ((e = readdir(dir)))
        if (strncmp(e->d_name, "gen-", 4) == 0 && strcmp(e->d_name, last) > 0)
            snprintf(last, sizeof last, "%s", e->d_name);
    closedir(dir);
    snprintf(cmd, sizeof cmd, "rm -rf '%s/%s'", d->path, last);
    assert_int_equal(system(cmd), 0);
    assert_int_not_equal(khabar_index_parts_merge(index, parts, 2, NULL, NULL,
                                                  NULL, &message),
                         KHABAR_STATUS_SUCCESS);
    assert_non_null(message);
    assert_non_null(strstr(message, d->path));
    free(message);
    assert_int_equal(generations(d->path), 1);
    assert_int_equal(count(d->path), 2);
}

/* Abandoned, as after a failure: the hidden part goes, while what the
 * live part (the first build's part 0) wrote stays, as one writer's
 * batches would. */
static void test_abandon_removes_parts(void **state)
{
    struct dir *d = *state;
    khabar_index_t *index, *parts[2];
    unsigned long in_live = 0;

    assert_int_equal(khabar_index_open(d->path, KHABAR_INDEX_READ_WRITE,
                                       &index, NULL), KHABAR_STATUS_SUCCESS);
    write_parts(index, parts, 0, N_ARTICLES);
    for (size_t i = 0; i < N_ARTICLES; i++)
        in_live += khabar_shard_of(ARTICLES[i].id, 2) == 0;
    assert_true(in_live > 0 && in_live < N_ARTICLES);
    khabar_index_parts_abandon(parts, 2);
    assert_int_equal(khabar_index_close(index), KHABAR_STATUS_SUCCESS);
    assert_int_equal(generations(d->path), 1);
    assert_int_equal(count(d->path), in_live);
}

/* What a killed run leaves (here a made-up generation beside the live
 * one) goes; the live generation and its articles stay. */
static void test_remove_leftovers(void **state)
{
    struct dir *d = *state;
    khabar_index_t *index;
    char left[sizeof d->path + 16];
    unsigned removed = 0;

    assert_int_equal(khabar_index_open(d->path, KHABAR_INDEX_READ_WRITE,
                                       &index, NULL), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_upsert(index, &ARTICLES[0], NULL),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_close(index), KHABAR_STATUS_SUCCESS);
    snprintf(left, sizeof left, "%s/gen-000099", d->path);
    assert_int_equal(mkdir(left, 0755), 0);
    assert_int_equal(generations(d->path), 2);
    assert_int_equal(khabar_index_remove_leftovers(d->path, &removed, NULL),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(removed, 1);
    assert_int_equal(generations(d->path), 1);
    assert_int_equal(count(d->path), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_remove_leftovers, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_merge_holds_every_article, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_failed_merge_keeps_live, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_abandon_removes_parts, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
