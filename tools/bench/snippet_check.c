/* snippet_check.c - khabar-snippet-check: whether the shim's own snippet
 * maker (shim/snippet.cc) gives, for every hit of every query of a file,
 * the snippet Xapian's MSet::snippet() gives.
 *
 *   khabar-snippet-check --db DIR [--size N] FILE
 *
 * FILE has one query a line.  Each query is searched twice, as a plain
 * /search?q=... with snippets (N hits, default 10, near-duplicates
 * collapsed), once with each snippet maker, and each hit's snippet is
 * compared byte for byte.  Each difference is printed (the query, the
 * hit, both snippets); the last line is
 *
 *   RESULT queries=Q hits=H ours=O xapian=X differences=D errors=E
 *
 * O and X being how many snippets the shim made, and Xapian, when the
 * shim was asked for them (Xapian makes those of wildcard queries; a hit
 * without a body has two made, the second from its title).
 * Exit status: 0 no difference, 1 a difference or a failed search (or
 * FILE unreadable or empty), 2 bad usage, 3 the index cannot be opened. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "khabar.h"
#include "snippet_probe.h"

static const char *program = "khabar-snippet-check";

static void
usage(void)
{
    fprintf(stderr, "usage: %s --db DIR [--size N] FILE\n", program);
    exit(2);
}

/* The hits of QUERY with snippets made by Xapian (BY_XAPIAN) or the
 * shim; NULL after saying why when the search failed. */
static khabar_results_t *
search(khabar_index_t *index, const char *query, unsigned size, int by_xapian)
{
    khabar_search_options_t s = { 0 };
    khabar_results_t *results = NULL;

    s.size = size;
    s.collapse = 1;
    _khabar_probe_snippets_by_xapian(by_xapian);
    if (khabar_search_ex(index, query, &s, &results) !=
        KHABAR_STATUS_SUCCESS) {
        fprintf(stderr, "%s: %s: %s\n", program, query,
                khabar_index_message(index));
        return NULL;
    }
    return results;
}

/* What check() counts. */
struct counts {
    size_t hits, differences;
    unsigned long ours, xapian;
};

/* Compares the snippets of QUERY's hits, counting in C; 0, or -1 when a
 * search failed. */
static int
check(khabar_index_t *index, const char *query, unsigned size,
      struct counts *c)
{
    unsigned long ours_before = _khabar_probe_snippets_ours();
    unsigned long xapian_before = _khabar_probe_snippets_xapian();
    khabar_results_t *ours = search(index, query, size, 0);
    khabar_results_t *xapian;
    size_t i, n;

    c->ours += _khabar_probe_snippets_ours() - ours_before;
    c->xapian += _khabar_probe_snippets_xapian() - xapian_before;
    xapian = ours ? search(index, query, size, 1) : NULL;

    if (xapian == NULL) {
        khabar_results_free(ours);
        return -1;
    }
    n = khabar_results_size(ours);
    if (n != khabar_results_size(xapian)) {
        printf("%s: %zu hits against %zu\n", query, n,
               khabar_results_size(xapian));
        c->differences++;
    }
    for (i = 0; i < n && i < khabar_results_size(xapian); i++) {
        const char *a = khabar_results_hit(ours, i)->snippet;
        const char *b = khabar_results_hit(xapian, i)->snippet;

        c->hits++;
        if (strcmp(a, b) != 0) {
            printf("%s: hit %zu (%s)\n  ours:   %s\n  xapian: %s\n", query,
                   i, khabar_results_hit(ours, i)->id, a, b);
            c->differences++;
        }
    }
    khabar_results_free(ours);
    khabar_results_free(xapian);
    return 0;
}

int
main(int argc, char **argv)
{
    const char *db = NULL, *file = NULL;
    unsigned long size = 10;
    khabar_index_t *index = NULL;
    char *message = NULL, *line = NULL, *end;
    size_t cap = 0, queries = 0, errors = 0;
    struct counts c = { 0 };
    ssize_t len;
    FILE *f;
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db = argv[++i];
        else if (strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
            size = strtoul(argv[++i], &end, 10);
            if (*end != '\0' || size < 1 || size > 100) {
                fprintf(stderr, "%s: --size: must be an integer in "
                        "1..100\n", program);
                exit(2);
            }
        } else if (argv[i][0] == '-' || file != NULL)
            usage();
        else
            file = argv[i];
    }
    if (db == NULL || file == NULL)
        usage();
    if ((f = fopen(file, "r")) == NULL) {
        fprintf(stderr, "%s: %s: %s\n", program, file, strerror(errno));
        return 1;
    }
    if (khabar_index_open(db, KHABAR_INDEX_READ_ONLY, &index, &message) !=
        KHABAR_STATUS_SUCCESS) {
        fprintf(stderr, "%s: %s\n", program, message ? message : db);
        free(message);
        fclose(f);
        return 3;
    }
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        if (len == 0)
            continue;
        queries++;
        if (check(index, line, (unsigned) size, &c) < 0)
            errors++;
    }
    free(line);
    fclose(f);
    khabar_index_close(index);
    printf("RESULT queries=%zu hits=%zu ours=%lu xapian=%lu differences=%zu "
           "errors=%zu\n", queries, c.hits, c.ours, c.xapian, c.differences,
           errors);
    if (queries == 0)
        fprintf(stderr, "%s: %s: no queries\n", program, file);
    return queries == 0 || c.differences > 0 || errors > 0;
}
