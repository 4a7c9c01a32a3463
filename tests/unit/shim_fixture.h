/* shim_fixture.h - an index of given articles in a fresh temporary
 * directory, for the shim's unit tests (cmocka setup and teardown).  A
 * header of static inline functions, so each test binary stays one .c
 * file. */
#ifndef KHABAR_SHIM_FIXTURE_H
#define KHABAR_SHIM_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "khabar.h"

struct fixture {
    char dir[4096];
    char path[4200];
    khabar_index_t *index;
};

/* Indexes ARTICLES[0..N) into DIR/index, DIR made from NAME under $TMPDIR,
 * and commits.  The fixture in *STATE; 0, or -1 on any failure. */
static inline int
shim_fixture_setup(void **state, const char *name,
                   const khabar_article_t *articles, size_t n)
{
    const char *tmp = getenv("TMPDIR");
    struct fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "%s/%s.XXXXXX", tmp && *tmp ? tmp : "/tmp",
             name);
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/index", f->dir);
    if (khabar_index_open(f->path, KHABAR_INDEX_READ_WRITE, &f->index,
                          NULL) != KHABAR_STATUS_SUCCESS)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (khabar_index_upsert(f->index, &articles[i], NULL) !=
            KHABAR_STATUS_SUCCESS)
            return -1;
    if (khabar_index_commit(f->index) != KHABAR_STATUS_SUCCESS)
        return -1;
    *state = f;
    return 0;
}

/* Closes the index and removes its directory (kept when KEEP_INDEX is set,
 * to look at after a failure). */
static inline int
shim_fixture_teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[4300];
    int rc = 0;

    khabar_index_close(f->index);
    if (!getenv("KEEP_INDEX")) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
        rc = system(cmd);
    }
    free(f);
    return rc == 0 ? 0 : -1;
}

/* Appends to BUF (SIZE bytes), at *USED, the facets of R one line each
 * ("person NAME|FILTER|COUNT"), then its date buckets ("date KEY COUNT")
 * and "undated N": what tests compare between two ways of counting.
 * *USED reaching SIZE means BUF was too small. */
static inline void
shim_fixture_facets_text(const khabar_results_t *r, char *buf, size_t size,
                         size_t *used)
{
#define SHIM_FIXTURE_ADD(...)                                               \
    do {                                                                   \
        if (*used < size)                                                  \
            *used += (size_t)snprintf(buf + *used, size - *used, __VA_ARGS__); \
    } while (0)
    for (int f = 0; f < KHABAR_FACET_LAST; f++)
        for (size_t i = 0; i < khabar_results_facet_size(r, f); i++)
            SHIM_FIXTURE_ADD("%s %s|%s|%lu\n", khabar_facet_name(f),
                             khabar_results_facet_value(r, f, i),
                             khabar_results_facet_filter(r, f, i),
                             khabar_results_facet_count(r, f, i));
    for (size_t i = 0; i < khabar_results_date_size(r); i++)
        SHIM_FIXTURE_ADD("date %s %lu\n", khabar_results_date_bucket(r, i)->key,
                         khabar_results_date_bucket(r, i)->count);
    SHIM_FIXTURE_ADD("undated %lu\n", khabar_results_date_undated(r));
#undef SHIM_FIXTURE_ADD
}

#endif
