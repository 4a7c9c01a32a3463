/* test_shim_facet_paths.c - every way a reader counts facets from its
 * table (shim/facet_count.cc) gives what a writer counts through each match's
 * document, which is the plain reading of the definition: the matches
 * found by walking posting lists (shim/match_walk.cc) or by Xapian's
 * matcher, common terms over their bitmaps or not; counted one by one or
 * as the table's totals less the documents that did not match; settled by
 * the first tier of likely keys, by the second, or recounted over every
 * key.  The queries and facet sizes are chosen so
 * that each of those happens (checked through table_probe.h), and the
 * few keys of a test index are made to take the paths of a million
 * articles by counting only the first two or three ranks first. */
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

#define ARTICLES 64

static char dir[64];
static khabar_index_t *writer, *reader;

/* Article I: words, source, date and people chosen by I so that queries
 * match a quarter, a half, three quarters of the archive. */
static void
put(khabar_index_t *w, int i)
{
    char id[16], body[128], date[16], source[16], own[32], middle[32];
    khabar_entity_t people[5 + 16];
    char crowd[16][16];
    size_t n = 0;
    khabar_article_t a = { 0 };
    snprintf(id, sizeof id, "a%d", i);
    snprintf(body, sizeof body, "%s%s%s report", i % 4 ? "talks " : "",
             i % 3 == 0 ? "meeting " : "", i % 2 == 0 ? "held " : "");
    snprintf(date, sizeof date, "2021-%02d-%02d", 1 + i % 3, 1 + i % 28);
    /* One big source and four small ones. */
    if (i % 4 == 3)
        snprintf(source, sizeof source, "desk%d", i / 4 % 4);
    else
        snprintf(source, sizeof source, "wire");
    snprintf(own, sizeof own, "Person %d", i);
    snprintf(middle, sizeof middle, "Middle %d", i % 8);
    /* The commonest name, in two cases that add up under one key. */
    if (i % 2 == 0)
        people[n++] = (khabar_entity_t){ KHABAR_ENTITY_PERSON,
                                         i % 6 ? "Common Person" : "COMMON PERSON",
                                         NULL, 0 };
    people[n++] = (khabar_entity_t){ KHABAR_ENTITY_PERSON, middle, NULL, 0 };
    /* As many documents as each "Middle" name, first seen after them
     * (so ranked after them) but first by name: a tie the likely keys
     * alone would break wrongly. */
    if (i >= 40 && i < 48)
        people[n++] = (khabar_entity_t){ KHABAR_ENTITY_PERSON, "Aaron X", NULL, 0 };
    people[n++] = (khabar_entity_t){ KHABAR_ENTITY_PERSON, own, NULL, 0 };
    if (i % 3 == 0)
        people[n++] = (khabar_entity_t){ KHABAR_ENTITY_PLACE, "Doha", "Qatar", 1 };
    /* Articles naming many people: runs of values longer than the
     * likely ones of the others. */
    if (i == 3 || i == 7)
        for (int c = 0; c < (i == 3 ? 16 : 12); c++) {
            snprintf(crowd[c], sizeof crowd[c], "Crowd %d", c);
            people[n++] = (khabar_entity_t){ KHABAR_ENTITY_PERSON, crowd[c],
                                             NULL, 0 };
        }
    a.id = id;
    a.title = "news";
    a.body = body;
    a.date = i % 9 == 0 ? NULL : date;
    a.source = source;
    a.entities = people;
    a.n_entities = n;
    assert_int_equal(khabar_index_upsert(w, &a, NULL), KHABAR_STATUS_SUCCESS);
}

static int
setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/khabar-facet-paths-XXXXXX");
    assert_non_null(mkdtemp(dir));
    assert_int_equal(khabar_index_open(dir, KHABAR_INDEX_READ_WRITE, &writer,
                                       NULL),
                     KHABAR_STATUS_SUCCESS);
    for (int i = 0; i < ARTICLES; i++)
        put(writer, i);
    /* A gap in the document ids, which counting the others walks over;
     * the archive is still 64 articles. */
    assert_int_equal(khabar_index_delete(writer, "a5"), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_commit(writer), KHABAR_STATUS_SUCCESS);
    put(writer, 5);
    assert_int_equal(khabar_index_commit(writer), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_open(dir, KHABAR_INDEX_READ_ONLY, &reader,
                                       NULL),
                     KHABAR_STATUS_SUCCESS);
    return 0;
}

static int
teardown(void **state)
{
    char cmd[96];
    (void)state;
    _khabar_probe_facet_likely_ranks(0);
    _khabar_probe_term_bitmaps(1);
    khabar_index_close(reader);
    khabar_index_close(writer);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    return 0;
}

/* A query: its text, words OR'd (default_or) or not, and a filter given
 * beside it (khabar_filter_t) or none. */
struct query {
    const char *text;
    int default_or;
    const char *filter_field, *filter_value;
};

/* Q searched in INDEX ("" for every article) for one hit, with facets
 * of SIZE values each when SIZE is not 0. */
static khabar_results_t *
search_for(khabar_index_t *index, const struct query *q, unsigned size)
{
    khabar_search_options_t o = { 0 };
    khabar_filter_t filter = { q->filter_field, q->filter_value };
    khabar_results_t *r = NULL;
    o.default_or = q->default_or;
    if (q->filter_field) {
        o.filters = &filter;
        o.n_filters = 1;
    }
    o.size = 1;
    o.empty_matches_all = 1;
    if (size > 0) {
        o.facets = 1;
        o.facet_size = size;
        o.facet_interval = 1 + KHABAR_INTERVAL_DAY;
    }
    assert_int_equal(khabar_search_ex(index, q->text, &o, &r),
                     KHABAR_STATUS_SUCCESS);
    return r;
}

/* The total, every facet value shown and the date histogram of Q in
 * INDEX with SIZE values a facet, one line each, into BUF; *PATHS: how
 * the count went (table_probe.h). */
static void
facets_of(khabar_index_t *index, const struct query *q, unsigned size,
          char *buf, size_t room, unsigned *paths)
{
    khabar_results_t *r = search_for(index, q, size);
    size_t used = 0;
    *paths = _khabar_probe_facet_count();
    used += (size_t)snprintf(buf, room, "total %lu\n", khabar_results_total(r));
    shim_fixture_facets_text(r, buf, room, &used);
    assert_true(used < room);
    khabar_results_free(r);
}

/* The total of Q in INDEX asked without facets; *PATHS: how it was
 * counted (table_probe.h). */
static unsigned long
total_of(khabar_index_t *index, const struct query *q, unsigned *paths)
{
    khabar_results_t *r = search_for(index, q, 0);
    *paths = _khabar_probe_total_count();
    unsigned long total = khabar_results_total(r);
    assert_true(khabar_results_total_exact(r, NULL, NULL));
    khabar_results_free(r);
    return total;
}

static void
facets(khabar_index_t *index, const char *text, unsigned size, char *buf,
       size_t room, unsigned *paths)
{
    struct query q = { text, 0, NULL, NULL };
    facets_of(index, &q, size, buf, room, paths);
}

/* Query shapes: those walked (words, AND, OR, NOT of one or two, AND_MAYBE
 * from a required word among OR'd ones, filters in the query and beside
 * it, year terms, every article) and those left to Xapian's matcher (a
 * phrase, a wildcard, a date range through the value slot, an OR of more
 * than 32 words). */
static const struct query queries[] = {
    { "report", 0, NULL, NULL }, { "talks", 0, NULL, NULL },
    { "held", 0, NULL, NULL }, { "meeting", 0, NULL, NULL },
    { "talks held", 0, NULL, NULL }, { "talks OR meeting", 0, NULL, NULL },
    { "talks -meeting", 0, NULL, NULL }, { "talks NOT held", 0, NULL, NULL },
    { "report -meeting -held", 0, NULL, NULL },
    { "meeting OR held OR talks", 0, NULL, NULL },
    { "(talks OR meeting) held", 0, NULL, NULL },
    { "+talks meeting held", 1, NULL, NULL }, { "talks meeting", 1, NULL, NULL },
    { "talks source:desk1", 0, NULL, NULL }, { "source:desk1", 0, NULL, NULL },
    { "report place:doha", 0, NULL, NULL },
    { "person:\"common person\" talks", 0, NULL, NULL },
    { "talks", 0, "source", "wire" }, { "", 0, "person", "aaron x" },
    { "report date:2021", 0, NULL, NULL }, { "", 0, NULL, NULL },
    { "\"talks meeting\"", 0, NULL, NULL }, { "talk*", 0, NULL, NULL },
    { "report date:2021-01-05..2021-02-20", 0, NULL, NULL },
    { "a OR b OR c OR d OR e OR f OR g OR h OR i OR j OR k OR l OR m OR n OR "
      "o OR p OR q OR r OR s OR t OR u OR v OR w OR x OR y OR z OR talks OR "
      "held OR aa OR bb OR cc OR dd OR meeting", 0, NULL, NULL },
    { "talks person:\"person 7\"", 0, NULL, NULL },
    { "person:\"person 3\" OR held", 0, NULL, NULL },
    { "nosuchword", 0, NULL, NULL }, { "talks nosuchword", 0, NULL, NULL },
    { "nosuchword OR held", 0, NULL, NULL },
};

static void
test_every_path_counts_as_the_documents(void **state)
{
    static const unsigned ranks[] = { 0, 1, 2, 3 };
    /* 100, the most: every name is shown, the rarest too. */
    static const unsigned sizes[] = { 1, 2, 3, 10, 100 };
    unsigned seen_set = 0, seen_unset = 0, total_set = 0, total_unset = 0;
    int matched = 0;
    (void)state;
    /* Terms walked over their bitmaps (shim/term_bitmaps.h: a word in 3
     * of the 64 articles has one; "person N" is in one: its posting list)
     * and over posting lists alone. */
    for (int bitmaps = 1; bitmaps >= 0; bitmaps--)
    for (size_t k = 0; k < sizeof ranks / sizeof ranks[0]; k++) {
        _khabar_probe_term_bitmaps(bitmaps);
        _khabar_probe_facet_likely_ranks(ranks[k]);
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
            for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
                char by_reader[16384], by_writer[16384];
                unsigned paths, writer_paths;
                facets_of(reader, &queries[q], sizes[s], by_reader,
                          sizeof by_reader, &paths);
                facets_of(writer, &queries[q], sizes[s], by_writer,
                          sizeof by_writer, &writer_paths);
                if (strcmp(by_reader, by_writer) != 0)
                    fail_msg("query '%s', size %u, ranks %u, bitmaps %d:\n"
                             "reader:\n%swriter:\n%s", queries[q].text,
                             sizes[s], ranks[k], bitmaps, by_reader,
                             by_writer);
                /* A writer counts through the documents, no table. */
                assert_int_equal(writer_paths, 0);
                seen_set |= paths;
                seen_unset |= ~paths;
                /* The same total without facets, however counted. */
                if (k == 0 && s == 0) {
                    char total[32];
                    unsigned long n = total_of(reader, &queries[q], &paths);
                    snprintf(total, sizeof total, "total %lu\n", n);
                    if (strncmp(by_writer, total, strlen(total)) != 0)
                        fail_msg("query '%s', bitmaps %d, no facets: %s"
                                 "writer:\n%s", queries[q].text, bitmaps,
                                 total, by_writer);
                    total_set |= paths;
                    total_unset |= ~paths;
                    matched |= paths == KHABAR_PROBE_COUNTED;
                }
            }
    }
    _khabar_probe_term_bitmaps(1);
    /* Each way was taken, and each was also not taken. */
    unsigned all = KHABAR_PROBE_WALKED | KHABAR_PROBE_OTHERS |
                   KHABAR_PROBE_WIDENED | KHABAR_PROBE_RECOUNTED;
    assert_int_equal(seen_set & all, all);
    assert_int_equal(seen_unset & all, all);
    /* Totals without facets: from the ranking, walked, matched. */
    all = KHABAR_PROBE_COUNTED | KHABAR_PROBE_WALKED;
    assert_int_equal(total_set & all, all);
    assert_int_equal(total_unset & all, all);
    assert_true(matched);
}

/* A broad query with the likely keys settling it, and a narrow one that
 * needs every key, by name: the paths the million-article benchmark
 * relies on. */
static void
test_paths_by_query(void **state)
{
    char buf[4096];
    unsigned paths;
    (void)state;
    _khabar_probe_facet_likely_ranks(2);
    /* The walks of the sweep kept bitmaps of the common words. */
    assert_true(_khabar_probe_term_bitmap_bytes(reader) > 0);
    /* 48 of 64 match: counted through the 16 others; the commonest
     * person (16, in two cases) beats anyone ranked from the third on (8
     * at most), the big source (32) any small one (4). */
    facets(reader, "talks", 1, buf, sizeof buf, &paths);
    assert_int_equal(paths, KHABAR_PROBE_WALKED | KHABAR_PROBE_OTHERS);
    assert_non_null(strstr(buf, "total 48\n"));
    assert_non_null(strstr(buf, "person Common Person|person:\"common person\"|16\n"));
    assert_non_null(strstr(buf, "source wire|source:wire|32\n"));
    assert_int_equal(_khabar_probe_facet_first_tier(), 0);
    /* 11 match: too few for the first tier to settle two names (a share
     * of 11/64 of the second name's 8 articles is no more than the 8 of
     * the third), so the count starts at the second, the first 16 ranks;
     * the second person shown counts 3, more than any key left out (2). */
    facets(reader, "meeting held", 2, buf, sizeof buf, &paths);
    assert_int_equal(paths, KHABAR_PROBE_WALKED);
    assert_int_equal(_khabar_probe_facet_first_tier(), 1);
    assert_non_null(strstr(buf, "total 11\n"));
    assert_non_null(strstr(buf, "person Middle 0|person:\"middle 0\"|3\n"));
    /* 32 match, half the archive, so the first tier is tried; but they
     * are the odd articles, none of which has the first two people:
     * nothing shown there, and the second tier settles it. */
    facets(reader, "talks -held", 1, buf, sizeof buf, &paths);
    assert_int_equal(paths, KHABAR_PROBE_WALKED | KHABAR_PROBE_WIDENED);
    assert_int_equal(_khabar_probe_facet_first_tier(), 0);
    assert_non_null(strstr(buf, "total 32\n"));
    assert_non_null(strstr(buf, "person Middle 1|person:\"middle 1\"|8\n"));
    /* Everything: the others are none. */
    facets(reader, "", 1, buf, sizeof buf, &paths);
    assert_int_equal(paths, KHABAR_PROBE_WALKED | KHABAR_PROBE_OTHERS);
    assert_int_equal(_khabar_probe_facet_first_tier(), 0);
    assert_non_null(strstr(buf, "total 64\n"));
    /* Aaron X ties the Middle names at 8 and comes first by name, though
     * ranked after them (tenth): the first two ranks could not settle it
     * (nor, by the guess, would), the first 16 can. */
    facets(reader, "", 2, buf, sizeof buf, &paths);
    assert_int_equal(paths, KHABAR_PROBE_WALKED | KHABAR_PROBE_OTHERS);
    assert_int_equal(_khabar_probe_facet_first_tier(), 1);
    assert_non_null(strstr(buf, "person Aaron X|person:\"aaron x\"|8\n"));
    /* Nor can the first 8 (the ninth, Middle 7, ties it): every key is
     * counted after the second tier. */
    _khabar_probe_facet_likely_ranks(1);
    facets(reader, "", 2, buf, sizeof buf, &paths);
    assert_int_equal(paths, KHABAR_PROBE_WALKED | KHABAR_PROBE_OTHERS |
                                KHABAR_PROBE_RECOUNTED);
    assert_int_equal(_khabar_probe_facet_first_tier(), 1);
    assert_non_null(strstr(buf, "person Aaron X|person:\"aaron x\"|8\n"));
    _khabar_probe_facet_likely_ranks(2);
    /* A phrase is for Xapian's matcher, and so is a long OR, which
     * matches every article (counted through the others, none). */
    facets(reader, "\"talks meeting\"", 1, buf, sizeof buf, &paths);
    assert_int_equal(paths & KHABAR_PROBE_WALKED, 0);
    facets(reader, queries[24].text, 1, buf, sizeof buf, &paths);
    assert_int_equal(paths, KHABAR_PROBE_OTHERS);
    assert_non_null(strstr(buf, "total 64\n"));
}

/* A smaller index counted in the same thread after the big one: the
 * thread's counters are then bigger than its table. */
static void
test_smaller_table_after(void **state)
{
    char small[64], cmd[96], by_reader[2048], by_writer[2048];
    khabar_index_t *w = NULL, *r = NULL;
    unsigned paths;
    (void)state;
    _khabar_probe_facet_likely_ranks(0);
    strcpy(small, "/tmp/khabar-facet-paths-XXXXXX");
    assert_non_null(mkdtemp(small));
    assert_int_equal(khabar_index_open(small, KHABAR_INDEX_READ_WRITE, &w,
                                       NULL),
                     KHABAR_STATUS_SUCCESS);
    for (int i = 60; i < 64; i++)
        put(w, i);
    assert_int_equal(khabar_index_commit(w), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_open(small, KHABAR_INDEX_READ_ONLY, &r,
                                       NULL),
                     KHABAR_STATUS_SUCCESS);
    facets(reader, "report", 10, by_reader, sizeof by_reader, &paths);
    facets(r, "report", 10, by_reader, sizeof by_reader, &paths);
    assert_int_equal(paths, KHABAR_PROBE_WALKED | KHABAR_PROBE_OTHERS);
    facets(w, "report", 10, by_writer, sizeof by_writer, &paths);
    assert_string_equal(by_reader, by_writer);
    assert_non_null(strstr(by_reader, "total 4\n"));
    khabar_index_close(r);
    khabar_index_close(w);
    snprintf(cmd, sizeof cmd, "rm -rf %s", small);
    assert_int_equal(system(cmd), 0);
}

/* A writer's total walked over its changes not yet committed: the big
 * index's writer, whose ranking stops early (last, as it changes it). */
static void
test_writer_total_walked(void **state)
{
    const struct query either = { "talks OR meeting", 0, NULL, NULL };
    unsigned paths;
    (void)state;
    /* Of the 54 with "talks" or "meeting", two gone and one new; the
     * reader still sees the 54. */
    assert_int_equal(khabar_index_delete(writer, "a61"), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_delete(writer, "a62"), KHABAR_STATUS_SUCCESS);
    put(writer, 65);
    assert_int_equal(total_of(writer, &either, &paths), 53);
    assert_int_equal(paths, KHABAR_PROBE_COUNTED | KHABAR_PROBE_WALKED);
    assert_int_equal(total_of(reader, &either, &paths), 54);
    assert_int_equal(paths, KHABAR_PROBE_COUNTED | KHABAR_PROBE_WALKED);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_path_counts_as_the_documents),
        cmocka_unit_test(test_paths_by_query),
        cmocka_unit_test(test_smaller_table_after),
        cmocka_unit_test(test_writer_total_walked),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
