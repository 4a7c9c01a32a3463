/* test_shim_scratch.c - searches in two threads at once, each with a
 * handle of its own, give what one thread alone gives: the working space
 * they borrow in turn (shim/scratch.h: stem memos for snippets, the
 * collapse's band table, facet counters, match ids) is never shared
 * while in use, and always goes back clean. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <string.h>

#include "shim_fixture.h"

#define ARTICLES 120
#define ROUNDS 150

static const char *const queries[] = {
    "running", "connected runners", "nations connect", "talks OR running",
    "\"peace talks\"", "connection", "runs -nations", "talk*",
};
#define N_QUERIES (sizeof(queries) / sizeof(queries[0]))

static char expected[N_QUERIES][32768];

/* Articles over a few inflected words, so that stems, snippets, near
 * duplicates (every tenth is a copy) and facets all have work. */
static int
setup(void **state)
{
    static const char *const words[] = {
        "running", "runners", "runs", "connected", "connection", "connects",
        "nations", "national", "peace", "talks", "talking", "ceasefire",
    };
    static char ids[ARTICLES][16], bodies[ARTICLES][400];
    static khabar_entity_t people[ARTICLES];
    static char names[ARTICLES][32];
    static khabar_article_t articles[ARTICLES];

    for (int i = 0; i < ARTICLES; i++) {
        size_t used = 0;
        int seed = i % 10 == 0 && i > 0 ? i - 1 : i;

        snprintf(ids[i], sizeof ids[i], "s%d", i);
        for (int k = 0; k < 40; k++)
            used += (size_t) snprintf(bodies[i] + used, sizeof bodies[i] - used,
                                      "%s ", words[(seed * 7 + k * k) % 12]);
        snprintf(names[i], sizeof names[i], "Person %d", i % 7);
        people[i] = (khabar_entity_t){ .kind = KHABAR_ENTITY_PERSON,
                                       .name = names[i] };
        articles[i] = (khabar_article_t){ .id = ids[i], .title = "report",
                                          .body = bodies[i],
                                          .entities = &people[i],
                                          .n_entities = 1 };
    }
    return shim_fixture_setup(state, "test_shim_scratch", articles, ARTICLES);
}

static int
teardown(void **state)
{
    return shim_fixture_teardown(state);
}

/* The page of Q on INDEX, with snippets, collapse and facets, as text
 * into BUF: each hit's id, duplicates and snippet, then the facets. */
static int
page_text(khabar_index_t *index, const char *q, char *buf, size_t size)
{
    khabar_search_options_t o = { 0 };
    khabar_results_t *r = NULL;
    size_t used = 0;

    o.size = 20;
    o.facets = 1;
    if (khabar_search_ex(index, q, &o, &r) != KHABAR_STATUS_SUCCESS)
        return -1;
    for (size_t i = 0; i < khabar_results_size(r) && used < size; i++) {
        const khabar_hit_t *h = khabar_results_hit(r, i);
        used += (size_t) snprintf(buf + used, size - used, "%s %lu %s\n",
                                  h->id, h->duplicates, h->snippet);
    }
    shim_fixture_facets_text(r, buf, size, &used);
    khabar_results_free(r);
    return used < size ? 0 : -1;
}

/* A thread's searches: ROUNDS of every query, each compared with what
 * one thread alone found; the mismatches into *ARG's count. */
struct searcher {
    const char *path;
    int mismatches, errors;
};

static void *
search_rounds(void *arg)
{
    struct searcher *s = arg;
    khabar_index_t *index = NULL;
    char buf[32768];

    if (khabar_index_open(s->path, KHABAR_INDEX_READ_ONLY, &index, NULL) !=
        KHABAR_STATUS_SUCCESS) {
        s->errors++;
        return NULL;
    }
    for (int round = 0; round < ROUNDS; round++)
        for (size_t q = 0; q < N_QUERIES; q++) {
            if (page_text(index, queries[q], buf, sizeof buf) != 0)
                s->errors++;
            else if (strcmp(buf, expected[q]) != 0)
                s->mismatches++;
        }
    khabar_index_close(index);
    return NULL;
}

static void
test_two_threads_find_what_one_finds(void **state)
{
    struct fixture *f = *state;
    struct searcher a = { f->path, 0, 0 }, b = { f->path, 0, 0 };
    pthread_t ta, tb;

    for (size_t q = 0; q < N_QUERIES; q++) {
        assert_int_equal(page_text(f->index, queries[q], expected[q],
                                   sizeof expected[q]), 0);
        assert_non_null(strstr(expected[q], "<mark>"));
    }
    assert_int_equal(pthread_create(&ta, NULL, search_rounds, &a), 0);
    assert_int_equal(pthread_create(&tb, NULL, search_rounds, &b), 0);
    assert_int_equal(pthread_join(ta, NULL), 0);
    assert_int_equal(pthread_join(tb, NULL), 0);
    assert_int_equal(a.errors + b.errors, 0);
    assert_int_equal(a.mismatches + b.mismatches, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_threads_find_what_one_finds),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
