/* test_shim_explore.c - the shim's exploring calls (khabar.h, "Exploring
 * the archive"): suggestions, top sources, similar articles, timelines
 * and exports.  Each test builds its own index in a temporary directory. */
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

struct fixture {
    char dir[2048];
    char path[4096];
};

static int
setup(void **state)
{
    const char *tmp = getenv("TMPDIR");
    struct fixture *f = calloc(1, sizeof *f);

    if (f == NULL)
        return -1;
    snprintf(f->dir, sizeof f->dir, "%s/test_shim_explore.XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(f->dir) == NULL) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/index", f->dir);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    char command[8192];
    int rc;

    /* The directory is ours, made by mkdtemp(). */
    snprintf(command, sizeof command, "rm -rf '%s'", f->dir);
    rc = system(command);
    free(f);
    return rc == 0 ? 0 : -1;
}

/* Adds one article to the writer W. */
static void
add(khabar_index_t *w, const char *id, const char *title, const char *body,
    const char *date, const char *source)
{
    khabar_article_t a;

    memset(&a, 0, sizeof(a));
    a.id = id;
    a.title = title;
    a.date = date;
    a.source = source;
    a.lang = "en";
    a.body = body;
    assert_int_equal(khabar_index_upsert(w, &a, NULL), KHABAR_STATUS_SUCCESS);
}

/* A small index: four dated articles, one undated, two sources. */
static void
build(const struct fixture *f)
{
    khabar_index_t *w = NULL;

    assert_int_equal(khabar_index_open(f->path, KHABAR_INDEX_READ_WRITE, &w,
                                       NULL), KHABAR_STATUS_SUCCESS);
    add(w, "a1", "Doha talks resume", "Negotiators met in Doha for talks "
        "on a ceasefire and prisoners.", "2021-01-03", "Wire");
    add(w, "a2", "Doha talks stall", "Negotiators in Doha failed to agree "
        "on a ceasefire; talks stall.", "2021-01-04", "Wire");
    add(w, "a3", "Talented chef opens a restaurant", "A chef opened a "
        "restaurant serving soup.", "2021-02-10", "Paper");
    add(w, "a4", "Taliban statement", "A statement about the talks.",
        "2020-12-31", "Wire");
    add(w, "a5", "Undated talks", "Talks without a date.", NULL, NULL);
    assert_int_equal(khabar_index_close(w), KHABAR_STATUS_SUCCESS);
}

static khabar_index_t *
reader(const struct fixture *f)
{
    khabar_index_t *r = NULL;

    assert_int_equal(khabar_index_open(f->path, KHABAR_INDEX_READ_ONLY, &r,
                                       NULL), KHABAR_STATUS_SUCCESS);
    return r;
}

/* ---- suggestions and sources ---- */

static void
test_suggest_ranks_title_words_by_frequency(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *r;
    khabar_counts_t *c = NULL;

    build(f);
    r = reader(f);
    assert_int_equal(khabar_suggest(r, "TA", 10, &c), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_counts_size(c), 3);
    assert_string_equal(khabar_counts_name(c, 0), "talks");
    assert_int_equal(khabar_counts_value(c, 0), 3);
    /* Ties in byte order. */
    assert_string_equal(khabar_counts_name(c, 1), "talented");
    assert_string_equal(khabar_counts_name(c, 2), "taliban");
    assert_null(khabar_counts_name(c, 3));
    assert_int_equal(khabar_counts_value(c, 3), 0);
    khabar_counts_free(c);
    assert_int_equal(khabar_suggest(r, "ta", 2, &c), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_counts_size(c), 2);
    khabar_counts_free(c);
    assert_int_equal(khabar_suggest(r, "t", 10, &c),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_null(c);
    assert_string_not_equal(khabar_index_message(r), "");
    assert_int_equal(khabar_suggest(r, NULL, 10, &c),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    khabar_counts_free(NULL);
    khabar_index_close(r);
}

static void
test_top_sources_by_article_count(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *r;
    khabar_counts_t *c = NULL;

    build(f);
    r = reader(f);
    assert_int_equal(khabar_index_top_sources(r, 10, &c),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_counts_size(c), 2);
    assert_string_equal(khabar_counts_name(c, 0), "Wire");
    assert_int_equal(khabar_counts_value(c, 0), 3);
    assert_string_equal(khabar_counts_name(c, 1), "Paper");
    khabar_counts_free(c);
    khabar_index_close(r);
}

/* ---- similar ---- */

static void
test_similar_finds_neighbours_not_itself(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *r;
    khabar_similar_t *s = NULL;
    size_t i;

    build(f);
    r = reader(f);
    assert_int_equal(khabar_similar(r, "a1", 10, &s), KHABAR_STATUS_SUCCESS);
    assert_true(khabar_similar_size(s) >= 1);
    assert_string_equal(khabar_similar_hit(s, 0)->id, "a2");
    for (i = 0; i < khabar_similar_size(s); i++)
        assert_string_not_equal(khabar_similar_hit(s, i)->id, "a1");
    assert_true(khabar_similar_terms(s) > 0 &&
                khabar_similar_terms(s) <= KHABAR_SIMILAR_TERMS);
    /* No boolean or title-prefixed terms. */
    for (i = 0; i < khabar_similar_terms(s); i++) {
        const char *t = khabar_similar_term(s, i);
        assert_false(t[0] == 'Q' || t[0] == 'S' || t[0] == 'X' ||
                     strncmp(t, "ZS", 2) == 0);
    }
    assert_null(khabar_similar_hit(s, 99));
    assert_true(khabar_similar_revision(s) >= 1);
    khabar_similar_free(s);
    s = NULL;
    assert_int_equal(khabar_similar(r, "a1", 1, &s), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_similar_size(s), 1);
    khabar_similar_free(s);
    s = NULL;
    assert_int_equal(khabar_similar(r, "nope", 10, &s),
                     KHABAR_STATUS_NOT_FOUND);
    assert_null(s);
    assert_int_equal(khabar_similar(r, "", 10, &s),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    khabar_similar_free(NULL);
    khabar_index_close(r);
}

/* ---- timelines ---- */

/* Checks bucket I of T. */
static void
check_bucket(const khabar_timeline_t *t, size_t i, const char *key,
             const char *start, unsigned long count)
{
    const khabar_bucket_t *b = khabar_timeline_bucket(t, i);

    assert_non_null(b);
    assert_string_equal(b->key, key);
    assert_string_equal(b->start, start);
    assert_int_equal(b->count, count);
}

static void
test_timeline_weeks_are_iso(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *r;
    khabar_timeline_t *t = NULL;

    build(f);
    r = reader(f);
    assert_int_equal(khabar_timeline(r, NULL, KHABAR_INTERVAL_WEEK, &t),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_timeline_size(t), 3);
    /* 2020-12-31 and 2021-01-03 (a Sunday) are both in 2020-W53. */
    check_bucket(t, 0, "2020-W53", "2020-12-28", 2);
    check_bucket(t, 1, "2021-W01", "2021-01-04", 1);
    check_bucket(t, 2, "2021-W06", "2021-02-08", 1);
    assert_int_equal(khabar_timeline_total(t), 5);
    assert_int_equal(khabar_timeline_undated(t), 1);
    assert_null(khabar_timeline_bucket(t, 3));
    khabar_timeline_free(t);
    khabar_index_close(r);
}

static void
test_timeline_of_a_query_is_exact(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *r;
    khabar_timeline_t *t = NULL;

    build(f);
    r = reader(f);
    assert_int_equal(khabar_timeline(r, "talks", KHABAR_INTERVAL_MONTH, &t),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_timeline_total(t), 4);
    assert_int_equal(khabar_timeline_undated(t), 1);
    assert_int_equal(khabar_timeline_size(t), 2);
    check_bucket(t, 0, "2020-12", "2020-12-01", 1);
    check_bucket(t, 1, "2021-01", "2021-01-01", 2);
    khabar_timeline_free(t);
    assert_int_equal(khabar_timeline(r, "talks", KHABAR_INTERVAL_YEAR, &t),
                     KHABAR_STATUS_SUCCESS);
    check_bucket(t, 0, "2020", "2020-01-01", 1);
    check_bucket(t, 1, "2021", "2021-01-01", 2);
    khabar_timeline_free(t);
    assert_int_equal(khabar_timeline(r, "ceasefire", KHABAR_INTERVAL_DAY, &t),
                     KHABAR_STATUS_SUCCESS);
    check_bucket(t, 0, "2021-01-03", "2021-01-03", 1);
    check_bucket(t, 1, "2021-01-04", "2021-01-04", 1);
    khabar_timeline_free(t);
    assert_int_equal(khabar_timeline(r, "  ", KHABAR_INTERVAL_DAY, &t),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_timeline_total(t), 0);
    assert_int_equal(khabar_timeline_size(t), 0);
    khabar_timeline_free(t);
    t = NULL;
    assert_int_equal(khabar_timeline(r, "(talks", KHABAR_INTERVAL_DAY, &t),
                     KHABAR_STATUS_QUERY_SYNTAX);
    assert_null(t);
    assert_int_equal(khabar_timeline(r, "talks", (khabar_interval_t)9, &t),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    khabar_timeline_free(NULL);
    khabar_index_close(r);
}

/* ---- export ---- */

/* Adds N articles "bulk-I" holding the word WORD, in one commit. */
static void
add_bulk(const struct fixture *f, int from, int n, const char *word)
{
    khabar_index_t *w = NULL;
    char id[32], body[64];
    int i;

    assert_int_equal(khabar_index_open(f->path, KHABAR_INDEX_READ_WRITE, &w,
                                       NULL), KHABAR_STATUS_SUCCESS);
    for (i = from; i < from + n; i++) {
        snprintf(id, sizeof id, "bulk-%d", i);
        snprintf(body, sizeof body, "%s number %d", word, i);
        add(w, id, "Bulk", body, i % 2 ? "2019-05-01" : NULL, NULL);
    }
    assert_int_equal(khabar_index_close(w), KHABAR_STATUS_SUCCESS);
}

/* Reads E to the end; the number of hits. */
static unsigned long
drain(khabar_export_t *e)
{
    const khabar_hit_t *hit;
    unsigned long n = 0;

    for (;;) {
        assert_int_equal(khabar_export_next(e, &hit), KHABAR_STATUS_SUCCESS);
        if (hit == NULL)
            return n;
        n++;
    }
}

static void
test_export_reads_every_match_from_one_revision(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *r;
    khabar_export_t *e = NULL;
    const khabar_hit_t *hit;
    unsigned long revision;

    add_bulk(f, 0, 2500, "bulkword");
    r = reader(f);
    assert_int_equal(khabar_export_open(r, "bulkword",
                                        KHABAR_EXPORT_RANK, &e),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_export_total(e), 2500);
    revision = khabar_export_revision(e);
    assert_int_equal(khabar_export_next(e, &hit), KHABAR_STATUS_SUCCESS);
    assert_non_null(hit);
    assert_string_equal(hit->snippet, "");
    /* A commit after the export began changes nothing it returns. */
    add_bulk(f, 2500, 100, "bulkword");
    assert_int_equal(drain(e) + 1, 2500);
    assert_int_equal(khabar_export_revision(e), revision);
    assert_string_equal(khabar_export_message(e), "");
    khabar_export_free(e);
    /* A fresh export sees the new revision; so does the handle, which the
     * export did not touch, once reopened. */
    assert_int_equal(khabar_index_reopen(r), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_export_open(r, "bulkword",
                                        KHABAR_EXPORT_OLDEST, &e),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(drain(e), 2600);
    khabar_export_free(e);
    khabar_index_close(r);
}

static void
test_export_orders_by_date(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *r;
    khabar_export_t *e = NULL;
    const khabar_hit_t *hit;
    const char *want_oldest[] = { "a4", "a1", "a2", "a5" };
    const char *want_newest[] = { "a2", "a1", "a4", "a5" };
    size_t i;

    build(f);
    r = reader(f);
    assert_int_equal(khabar_export_open(r, "talks", KHABAR_EXPORT_OLDEST, &e),
                     KHABAR_STATUS_SUCCESS);
    for (i = 0; i < 4; i++) {
        assert_int_equal(khabar_export_next(e, &hit), KHABAR_STATUS_SUCCESS);
        assert_string_equal(hit->id, want_oldest[i]);
    }
    assert_int_equal(drain(e), 0);
    khabar_export_free(e);
    assert_int_equal(khabar_export_open(r, "talks", KHABAR_EXPORT_NEWEST, &e),
                     KHABAR_STATUS_SUCCESS);
    for (i = 0; i < 4; i++) {
        assert_int_equal(khabar_export_next(e, &hit), KHABAR_STATUS_SUCCESS);
        assert_string_equal(hit->id, want_newest[i]);
    }
    khabar_export_free(e);
    e = NULL;
    assert_int_equal(khabar_export_open(r, "\"talks", KHABAR_EXPORT_RANK, &e),
                     KHABAR_STATUS_QUERY_SYNTAX);
    assert_null(e);
    assert_string_not_equal(khabar_index_message(r), "");
    assert_int_equal(khabar_export_open(r, "", KHABAR_EXPORT_RANK, &e),
                     KHABAR_STATUS_SUCCESS);
    assert_int_equal(drain(e), 0);
    khabar_export_free(e);
    assert_int_equal(khabar_export_open(r, NULL, KHABAR_EXPORT_RANK, &e),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    khabar_export_free(NULL);
    khabar_index_close(r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_suggest_ranks_title_words_by_frequency, setup, teardown),
        cmocka_unit_test_setup_teardown(test_top_sources_by_article_count,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_similar_finds_neighbours_not_itself, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeline_weeks_are_iso, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_timeline_of_a_query_is_exact,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_export_reads_every_match_from_one_revision, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_orders_by_date, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
