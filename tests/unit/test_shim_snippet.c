/* test_shim_snippet.c - the shim's own snippet maker (shim/snippet.cc)
 * gives, byte for byte, the snippet Xapian's MSet::snippet() gives: on
 * texts made to catch each rule of how Xapian splits words and trims a
 * snippet (acronyms, infixes, C++, numbers, typographic quotes, joiners,
 * invalid UTF-8, long words, escaping, phrases of several lengths, a
 * long article), and on random texts over the same pieces; pages asked
 * for plainly, collapsed, with recency, newest first and filtered.  Each
 * search is run with either maker (snippet_probe.h; Xapian's with the
 * plain stemmer, the shim's with the stem memo), and the test checks that
 * the shim's maker was the one used, except where only Xapian can make
 * the snippet (a wildcard). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "shim_fixture.h"
#include "snippet_probe.h"

#define RANDOM_ARTICLES 150
#define RANDOM_QUERIES 300

/* Texts that each exercise a rule. */
static const char *const edge_texts[] = {
    "The U.S. and the U.K. signed. P.T.O. M&S and AT&T rose; C++ and C# "
    "and F#+ were used, fish+chips too.",
    "Prices rose 1,000.50 dlrs; 3/4 pct, 7-1/4 pct and 101.5.6 in 2026.",
    "He said: \xe2\x80\x9cpeace talks\xe2\x80\x9d would resume. Don\xe2\x80\x99t "
    "wait, it\xe2\x80\x9bs late.",
    "Caf\xc3\xa9 na\xc3\xafve Stra\xc3\x9f" "e \xc3\x89" "COLE \xce\xa3\xcf\x89\xcf\x82 "
    "peace\xe2\x80\x8dtalks mid\xc2\xb7" "dot",
    "Broken \xff bytes \xc3 and \xe2\x80 here: peace talks \xf0\x9f\x98\x80 end",
    "Averyveryveryveryveryveryveryveryveryveryveryveryveryverylongwordindeed"
    "andmore peace short words talks",
    "<b>Bold</b> & \"quoted\" peace > talks < war & 'single' talks.",
    "(Reuters) - Peace talks opened in Doha on Monday. \xc2\xa3" "5 mln was pledged!"
    " Talks... continued?! Then more talks\xe2\x80\x94" "and more (talks).",
    "\xd8\xa7\xd9\x84\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 peace \xd9\xa1\xd9\xa2\xd9\xa3 "
    "talks \xd9\x85\xd8\xb0\xd8\xa7\xd9\x83\xd8\xb1\xd8\xa7\xd8\xaa",
    "talks",
    "...",
    "Peace. Talks! Ceasefire? Running runners run ran. Nations' national "
    "nationalism; connected connections \xc2\xa1Hola! \xc2\xbfQu\xc3\xa9?",
};
#define N_EDGE (sizeof(edge_texts) / sizeof(edge_texts[0]))

static const char *const edge_queries[] = {
    "peace", "talks", "peace talks", "\"peace talks\"", "talks OR war",
    "peace -war", "us", "u.s.", "at&t", "c++", "fish", "1,000.50", "pct",
    "don't", "caf\xc3\xa9", "stra\xc3\x9f" "e", "running", "nations",
    "connected", "title:peace", "\"more talks\"", "\"peace talks opened\"",
    "doha NEAR/3 monday", "bold quoted", "reuters", "ceasefire run",
    "\xd8\xa7\xd9\x84\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", "123", "hola",
    "\"talks opened\" peace", "mid\xc2\xb7" "dot", "end",
    "\"peace talks opened\" \"more talks\"", "\"more talks\" \"peace talks\"",
    "\"filler words\" \"peace talks opened\"", "peace source:wire",
    "talks -source:paper", "filler peace",
};
#define N_EDGE_QUERIES (sizeof(edge_queries) / sizeof(edge_queries[0]))

/* The pieces random texts are made of: words, and what comes between. */
static const char *const words[] = {
    "peace", "talks", "talk", "talking", "ceasefire", "Doha", "nations",
    "national", "run", "running", "runners", "the", "of", "and", "U.S.",
    "AT&T", "C++", "1,000", "3.5", "M&S", "Caf\xc3\xa9", "don\xe2\x80\x99t",
    "it's", "war", "WAR", "Peace", "TALKS", "x", "a", "mid\xc2\xb7" "dot",
    "peace\xe2\x80\x8dtalks", "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", "Reuters",
    "it\xe2\x80\x9bs",
};
static const char *const gaps[] = {
    " ", " ", " ", " ", ", ", ". ", "! ", "? ", "... ", " - ", "\n\n",
    " (", ") ", " \"", "\" ", " <", "> ", " & ", "/", "-", "+", "#", "'",
    "\xe2\x80\x94", " \xe2\x80\x9c", "\xe2\x80\x9d ", " $", "% ", ";", ":",
    "\xff", " \xc2\xa7", ".", "\")%'- ", "\")%'-/ ", " --+", " ((\"$",
    " ((((\"", "\")%' ", " \xc2\xbf\xc2\xa1", "\xe2\x80\x9b", " \xe2\x82\xac",
};
#define N_WORDS (sizeof(words) / sizeof(words[0]))
#define N_GAPS (sizeof(gaps) / sizeof(gaps[0]))

/* A small generator of our own, so that every run makes the same texts. */
static uint32_t
next_random(uint32_t *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 8;
}

/* A text of about LENGTH bytes into BUF (SIZE bytes). */
static void
random_text(uint32_t *seed, size_t length, char *buf, size_t size)
{
    size_t used = 0;

    buf[0] = '\0';
    while (used < length && used + 40 < size) {
        const char *w = words[next_random(seed) % N_WORDS];
        const char *g = gaps[next_random(seed) % N_GAPS];
        used += (size_t) snprintf(buf + used, size - used, "%s%s", w, g);
    }
}

/* The ways a page is asked for: every hit; the collapsed first page; with
 * a recency boost (a posting source in the query); newest first, from the
 * second page; with a date filter. */
#define N_WAYS 5
static khabar_search_options_t
way(int i)
{
    khabar_search_options_t o = { 0 };

    o.size = 100;
    if (i == 1) {
        o.size = 10;
        o.collapse = 1;
    } else if (i == 2)
        o.recency_half_life = 30;
    else if (i == 3) {
        o.sort = KHABAR_SORT_NEWEST;
        o.offset = 2;
    } else if (i == 4)
        o.date_from = "2026-01-10";
    return o;
}

/* The counts of what compare_snippets() saw. */
struct seen {
    size_t hits;          /* hits compared */
    size_t marked;        /* of which with a <mark> */
    unsigned long ours;   /* snippets the shim made */
    unsigned long xapian; /* snippets Xapian made when the shim was asked */
};

/* Compares, for query Q asked as O, every hit's snippet from either
 * maker, and counts in SEEN. */
static void
compare_snippets(khabar_index_t *index, const char *q,
                 const khabar_search_options_t *o, struct seen *seen)
{
    khabar_results_t *ours = NULL, *xapian = NULL;
    unsigned long ours_before = _khabar_probe_snippets_ours();
    unsigned long xapian_before = _khabar_probe_snippets_xapian();

    _khabar_probe_snippets_by_xapian(0);
    assert_int_equal(khabar_search_ex(index, q, o, &ours),
                     KHABAR_STATUS_SUCCESS);
    seen->ours += _khabar_probe_snippets_ours() - ours_before;
    seen->xapian += _khabar_probe_snippets_xapian() - xapian_before;
    _khabar_probe_snippets_by_xapian(1);
    assert_int_equal(khabar_search_ex(index, q, o, &xapian),
                     KHABAR_STATUS_SUCCESS);
    _khabar_probe_snippets_by_xapian(0);
    size_t n = khabar_results_size(ours);
    assert_int_equal(n, khabar_results_size(xapian));
    for (size_t i = 0; i < n; i++) {
        const char *a = khabar_results_hit(ours, i)->snippet;
        const char *b = khabar_results_hit(xapian, i)->snippet;
        if (strcmp(a, b) != 0)
            fail_msg("query %s, hit %zu:\nours:   %s\nxapian: %s", q, i, a, b);
        seen->hits++;
        if (strstr(a, "<mark>"))
            seen->marked++;
    }
    khabar_results_free(ours);
    khabar_results_free(xapian);
}

/* The checks every comparison ends with: many hits, most of them marked
 * (the texts were not compared empty), every snippet the shim's. */
static void
assert_seen(const struct seen *seen, size_t least)
{
    assert_true(seen->hits >= least);
    assert_true(seen->marked > seen->hits / 2);
    assert_true(seen->ours >= seen->hits);
    assert_int_equal(seen->xapian, 0);
}

/* A long article, so that the window's queue drops the words it has
 * passed (over a thousand of them) before the match near its end. */
static char long_text[40000];

static int
setup_edge(void **state)
{
    static khabar_article_t articles[N_EDGE + 1];
    static char ids[N_EDGE + 1][16], dates[N_EDGE + 1][16];
    size_t used = 0;

    for (size_t i = 0; i < N_EDGE; i++) {
        snprintf(ids[i], sizeof ids[i], "e%zu", i);
        snprintf(dates[i], sizeof dates[i], "2026-01-%02zu", i + 1);
        articles[i] = (khabar_article_t){ .id = ids[i], .title = "Peace report",
                                          .body = edge_texts[i],
                                          .date = dates[i],
                                          .source = i % 2 ? "wire" : "paper" };
    }
    for (int k = 0; used + 200 < sizeof long_text; k++)
        used += (size_t) snprintf(long_text + used, sizeof long_text - used,
                                  "%s filler words%s ", k % 7 ? "more" : "Some",
                                  k % 11 ? "," : ".");
    snprintf(long_text + used, sizeof long_text - used,
             "At last the peace talks opened.");
    articles[N_EDGE] = (khabar_article_t){ .id = "long", .title = "Long",
                                           .body = long_text,
                                           .date = "2025-12-31" };
    return shim_fixture_setup(state, "test_shim_snippet", articles,
                              N_EDGE + 1);
}

static void
test_edge_cases(void **state)
{
    struct fixture *f = *state;
    struct seen seen = { 0 };

    for (int w = 0; w < N_WAYS; w++) {
        khabar_search_options_t o = way(w);
        for (size_t i = 0; i < N_EDGE_QUERIES; i++)
            compare_snippets(f->index, edge_queries[i], &o, &seen);
    }
    assert_seen(&seen, 200);
}

/* A wildcard's pattern is not in Xapian's public API: Xapian makes
 * those snippets, and they are marked. */
static void
test_wildcard_left_to_xapian(void **state)
{
    struct fixture *f = *state;
    struct seen seen = { 0 };
    khabar_search_options_t o = way(0);

    compare_snippets(f->index, "tal*", &o, &seen);
    assert_true(seen.hits > 0);
    assert_int_equal(seen.ours, 0);
    assert_int_equal(seen.xapian, seen.hits);
    assert_int_equal(seen.marked, seen.hits);
}

static int
setup_random(void **state)
{
    static khabar_article_t articles[RANDOM_ARTICLES];
    static char ids[RANDOM_ARTICLES][16], bodies[RANDOM_ARTICLES][3200];
    uint32_t seed = 20261128;

    for (size_t i = 0; i < RANDOM_ARTICLES; i++) {
        snprintf(ids[i], sizeof ids[i], "r%zu", i);
        random_text(&seed, next_random(&seed) % 3000, bodies[i],
                    sizeof bodies[i]);
        articles[i] = (khabar_article_t){ .id = ids[i], .title = "Report",
                                          .body = bodies[i] };
    }
    return shim_fixture_setup(state, "test_shim_snippet", articles,
                              RANDOM_ARTICLES);
}

/* A random query: one to three words, sometimes a phrase, an OR or a
 * NOT. */
static void
random_query(uint32_t *seed, char *buf, size_t size)
{
    static const char *const forms[] = {
        "%s", "%s %s", "\"%s %s\"", "%s OR %s", "%s -%s", "\"%s %s\" %s",
        "%s %s %s", "\"%s %s %s\"", "\"%s %s %s\" \"%s %s\"",
    };
    const char *form = forms[next_random(seed) % 9];
    const char *a = words[next_random(seed) % N_WORDS];
    const char *b = words[next_random(seed) % N_WORDS];
    const char *c = words[next_random(seed) % N_WORDS];

    snprintf(buf, size, form, a, b, c, b, c);
}

static void
test_random_texts(void **state)
{
    struct fixture *f = *state;
    struct seen seen = { 0 };
    uint32_t seed = 7;
    char q[256];

    for (int i = 0; i < RANDOM_QUERIES; i++) {
        khabar_search_options_t o = way(i % N_WAYS == 4 ? 0 : i % N_WAYS);
        random_query(&seed, q, sizeof q);
        compare_snippets(f->index, q, &o, &seen);
    }
    assert_seen(&seen, 1000);
}

int
main(void)
{
    const struct CMUnitTest edge[] = {
        cmocka_unit_test(test_edge_cases),
        cmocka_unit_test(test_wildcard_left_to_xapian),
    };
    const struct CMUnitTest random[] = {
        cmocka_unit_test(test_random_texts),
    };
    return cmocka_run_group_tests(edge, setup_edge, shim_fixture_teardown) |
           cmocka_run_group_tests(random, setup_random, shim_fixture_teardown);
}
