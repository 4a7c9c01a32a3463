/* test_shim.c - unit tests of the shim (shim/khabar.h) through its public
 * C API.  Each test builds its own index in a fresh temporary directory
 * and removes it afterwards. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "khabar.h"

/* ---- fixture: a temporary directory and an index path inside it ---- */

struct fixture {
    char *dir;
    char path[4096];
};

/* Removes PATH and everything under it; the tests' own cleanup. */
static int
rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return -1;
    if (S_ISDIR(st.st_mode)) {
        DIR *dir = opendir(path);
        if (!dir)
            return -1;
        struct dirent *entry;
        while ((entry = readdir(dir)) != NULL) {
            if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
                continue;
            char child[4096];
            snprintf(child, sizeof child, "%s/%s", path, entry->d_name);
            rm_rf(child);
        }
        closedir(dir);
        return rmdir(path);
    }
    return unlink(path);
}

static int
setup(void **state)
{
    const char *tmp = getenv("TMPDIR");
    char template[4096];
    snprintf(template, sizeof template, "%s/test_shim.XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    struct fixture *f = calloc(1, sizeof *f);
    if (!f || !mkdtemp(template)) {
        free(f);
        return -1;
    }
    f->dir = strdup(template);
    snprintf(f->path, sizeof f->path, "%s/index", f->dir);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    int rc = rm_rf(f->dir);
    free(f->dir);
    free(f);
    return rc;
}

/* ---- helpers ---- */

static khabar_index_t *
open_index(const char *path, khabar_index_mode_t mode)
{
    khabar_index_t *index = NULL;
    char *message = NULL;
    khabar_status_t status = khabar_index_open(path, mode, &index, &message);
    if (status != KHABAR_STATUS_SUCCESS)
        fprintf(stderr, "open %s: %s\n", path, message ? message : "?");
    free(message);
    assert_int_equal(status, KHABAR_STATUS_SUCCESS);
    assert_non_null(index);
    assert_string_equal(khabar_index_message(index), "");
    return index;
}

static khabar_index_t *
open_writer(void **state)
{
    return open_index(((struct fixture *) *state)->path,
                      KHABAR_INDEX_READ_WRITE);
}

static void
upsert(khabar_index_t *index, const khabar_article_t *article,
       khabar_upsert_result_t expected)
{
    khabar_upsert_result_t result = (khabar_upsert_result_t) -1;
    khabar_status_t status = khabar_index_upsert(index, article, &result);
    if (status != KHABAR_STATUS_SUCCESS)
        fprintf(stderr, "upsert: %s\n", khabar_index_message(index));
    assert_int_equal(status, KHABAR_STATUS_SUCCESS);
    assert_int_equal(result, expected);
}

static unsigned long
count(khabar_index_t *index)
{
    unsigned long n = 12345;
    assert_int_equal(khabar_index_count(index, &n), KHABAR_STATUS_SUCCESS);
    return n;
}

static unsigned long
revision(khabar_index_t *index)
{
    unsigned long rev = 12345;
    assert_int_equal(khabar_index_revision(index, &rev), KHABAR_STATUS_SUCCESS);
    return rev;
}

static khabar_results_t *
search(khabar_index_t *index, const char *query, unsigned offset,
       unsigned size)
{
    khabar_results_t *results = NULL;
    khabar_status_t status = khabar_search(index, query, offset, size,
                                           &results);
    if (status != KHABAR_STATUS_SUCCESS)
        fprintf(stderr, "search '%s': %s\n", query,
                khabar_index_message(index));
    assert_int_equal(status, KHABAR_STATUS_SUCCESS);
    assert_non_null(results);
    return results;
}

/* Whether a search for QUERY finds the article ID. */
static int
finds(khabar_index_t *index, const char *query, const char *id)
{
    khabar_results_t *results = search(index, query, 0, 100);
    int found = 0;
    for (size_t i = 0; i < khabar_results_size(results); i++)
        if (!strcmp(khabar_results_hit(results, i)->id, id))
            found = 1;
    khabar_results_free(results);
    return found;
}

static unsigned long
total(khabar_index_t *index, const char *query)
{
    khabar_results_t *results = search(index, query, 0, 100);
    unsigned long n = khabar_results_total(results);
    khabar_results_free(results);
    return n;
}

/* A small corpus for the search tests. */
static const khabar_article_t corpus[] = {
    { .id = "doha-1", .url = "https://example.org/doha-1",
      .title = "Ceasefire talks resume in Doha", .date = "2024-01-15",
      .source = "Al Jazeera", .lang = "en",
      .body = "Negotiators met in Doha on Monday.\n\n"
              "The ceasefire talks are expected to last a week." },
    { .id = "cairo-1", .url = "https://example.org/cairo-1",
      .title = "Markets in Cairo", .date = "2024-01-16T08:30:00Z",
      .source = "BBC", .lang = "en",
      .body = "Traders in Cairo reported quiet talks about prices." },
    { .id = "doha-2", .title = "Weather report",
      .date = "2024-01-17", .source = "BBC", .lang = "ar",
      .body = "Rain is forecast across the region, including Doha." },
    { .id = "split", .title = "Port news",
      .body = "The ship left Doha\n\ntalks began later in another city." },
};
#define CORPUS_SIZE (sizeof corpus / sizeof corpus[0])

static khabar_index_t *
open_corpus(void **state)
{
    khabar_index_t *index = open_writer(state);
    for (size_t i = 0; i < CORPUS_SIZE; i++)
        upsert(index, &corpus[i], KHABAR_UPSERT_ADDED);
    assert_int_equal(khabar_index_commit(index), KHABAR_STATUS_SUCCESS);
    return index;
}

/* ---- status ---- */

static void
test_status_to_string(void **state)
{
    (void) state;
    for (int i = 0; i < KHABAR_STATUS_LAST; i++) {
        const char *s = khabar_status_to_string((khabar_status_t) i);
        assert_non_null(s);
        assert_true(strlen(s) > 0);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(s, khabar_status_to_string(
                                           (khabar_status_t) j));
    }
    const char *unknown = khabar_status_to_string(KHABAR_STATUS_LAST);
    assert_non_null(unknown);
    assert_non_null(khabar_status_to_string((khabar_status_t) 999));
    for (int i = 0; i < KHABAR_STATUS_LAST; i++)
        assert_string_not_equal(unknown,
                                khabar_status_to_string((khabar_status_t) i));
}

/* ---- open and close ---- */

static void
test_open_missing_read_only(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *index = (khabar_index_t *) 1;
    char *message = NULL;
    assert_int_equal(khabar_index_open(f->path, KHABAR_INDEX_READ_ONLY,
                                       &index, &message),
                     KHABAR_STATUS_NO_INDEX);
    assert_null(index);
    assert_non_null(message);
    assert_non_null(strstr(message, f->path));
    free(message);
    /* A reader must not have created anything. */
    struct stat st;
    assert_int_not_equal(stat(f->path, &st), 0);
    /* ERROR_MESSAGE may be NULL. */
    assert_int_equal(khabar_index_open(f->path, KHABAR_INDEX_READ_ONLY,
                                       &index, NULL),
                     KHABAR_STATUS_NO_INDEX);
    assert_null(index);
}

static void
test_open_not_an_index(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *index = NULL;
    char *message = NULL;
    /* An empty directory holds no index. */
    assert_int_equal(mkdir(f->path, 0700), 0);
    assert_int_equal(khabar_index_open(f->path, KHABAR_INDEX_READ_ONLY,
                                       &index, &message),
                     KHABAR_STATUS_NO_INDEX);
    assert_non_null(strstr(message, f->path));
    free(message);
    /* A glass marker file with garbage in it is a damaged index. */
    char marker[4200];
    snprintf(marker, sizeof marker, "%s/iamglass", f->path);
    FILE *fp = fopen(marker, "w");
    assert_non_null(fp);
    fputs("this is not a Xapian version file\n", fp);
    fclose(fp);
    assert_int_equal(khabar_index_open(f->path, KHABAR_INDEX_READ_ONLY,
                                       &index, &message),
                     KHABAR_STATUS_CORRUPT);
    assert_null(index);
    assert_non_null(strstr(message, f->path));
    free(message);
}

static void
test_open_bad_arguments(void **state)
{
    (void) state;
    khabar_index_t *index = (khabar_index_t *) 1;
    char *message = NULL;
    assert_int_equal(khabar_index_open(NULL, KHABAR_INDEX_READ_ONLY, &index,
                                       &message),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_null(index);
    assert_non_null(message);
    free(message);
    assert_int_equal(khabar_index_open("", KHABAR_INDEX_READ_ONLY, &index,
                                       NULL),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_null(index);
}

static void
test_open_creates_empty_index(void **state)
{
    khabar_index_t *index = open_writer(state);
    assert_int_equal(count(index), 0);
    assert_int_equal(khabar_index_close(index), KHABAR_STATUS_SUCCESS);
    /* Now a reader finds it. */
    index = open_index(((struct fixture *) *state)->path,
                       KHABAR_INDEX_READ_ONLY);
    assert_int_equal(count(index), 0);
    assert_int_equal(khabar_index_close(index), KHABAR_STATUS_SUCCESS);
}

static void
test_second_writer_locked(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *first = open_writer(state);
    khabar_index_t *second = (khabar_index_t *) 1;
    char *message = NULL;
    assert_int_equal(khabar_index_open(f->path, KHABAR_INDEX_READ_WRITE,
                                       &second, &message),
                     KHABAR_STATUS_LOCKED);
    assert_null(second);
    assert_non_null(message);
    assert_non_null(strstr(message, f->path));
    assert_non_null(strstr(message, "locked"));
    free(message);
    /* Readers are not blocked by the writer. */
    khabar_index_close(open_index(f->path, KHABAR_INDEX_READ_ONLY));
    /* Closing the first releases the lock. */
    assert_int_equal(khabar_index_close(first), KHABAR_STATUS_SUCCESS);
    second = open_writer(state);
    assert_int_equal(khabar_index_close(second), KHABAR_STATUS_SUCCESS);
}

/* ---- upsert, get, delete ---- */

static void
test_upsert_same_id_twice(void **state)
{
    khabar_index_t *index = open_writer(state);
    khabar_article_t a = { .id = "a1", .title = "Doha talks",
                           .body = "First version.", .date = "2024-03-01" };
    upsert(index, &a, KHABAR_UPSERT_ADDED);
    assert_int_equal(khabar_index_commit(index), KHABAR_STATUS_SUCCESS);
    unsigned long rev = revision(index);

    upsert(index, &a, KHABAR_UPSERT_UNCHANGED);
    assert_int_equal(count(index), 1);
    /* UNCHANGED wrote nothing, so a commit makes no new revision. */
    assert_int_equal(khabar_index_commit(index), KHABAR_STATUS_SUCCESS);
    assert_int_equal(revision(index), rev);

    a.body = "Second version.";
    upsert(index, &a, KHABAR_UPSERT_UPDATED);
    assert_int_equal(count(index), 1);
    khabar_stored_article_t *stored = NULL;
    assert_int_equal(khabar_index_get(index, "a1", &stored),
                     KHABAR_STATUS_SUCCESS);
    assert_string_equal(khabar_stored_article_fields(stored)->body,
                        "Second version.");
    khabar_stored_article_free(stored);
    /* The old text is no longer searchable; the new one is. */
    assert_false(finds(index, "first", "a1"));
    assert_true(finds(index, "second", "a1"));
    /* Fields that run into each other differently are a different
     * article. */
    khabar_article_t b = a;
    b.title = "Doha talk";
    b.body = "sSecond version.";
    upsert(index, &b, KHABAR_UPSERT_UPDATED);
    khabar_index_close(index);
}

static void
test_get_round_trip(void **state)
{
    khabar_index_t *index = open_writer(state);
    /* Digits and colons, as in the length-prefixed data encoding. */
    khabar_article_t a = { .id = "12:3", .url = "https://x.org/a:b?c=1",
                           .title = "4:title: with colons", .date = "2024-02-29",
                           .source = "Reuters", .lang = "EN",
                           .body = "Para one.\n\nPara two: 10:20." };
    upsert(index, &a, KHABAR_UPSERT_ADDED);
    khabar_article_t bare = { .id = "bare", .body = "Only a body." };
    upsert(index, &bare, KHABAR_UPSERT_ADDED);

    khabar_stored_article_t *stored = NULL;
    assert_int_equal(khabar_index_get(index, "12:3", &stored),
                     KHABAR_STATUS_SUCCESS);
    const khabar_article_t *g = khabar_stored_article_fields(stored);
    assert_string_equal(g->id, a.id);
    assert_string_equal(g->url, a.url);
    assert_string_equal(g->title, a.title);
    assert_string_equal(g->date, a.date);
    assert_string_equal(g->source, a.source);
    assert_string_equal(g->lang, a.lang);
    assert_string_equal(g->body, a.body);
    khabar_stored_article_free(stored);

    assert_int_equal(khabar_index_get(index, "bare", &stored),
                     KHABAR_STATUS_SUCCESS);
    g = khabar_stored_article_fields(stored);
    assert_string_equal(g->body, "Only a body.");
    const char *absent[] = { g->url, g->title, g->date, g->source, g->lang };
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++) {
        assert_non_null(absent[i]);
        assert_string_equal(absent[i], "");
    }
    khabar_stored_article_free(stored);

    stored = (khabar_stored_article_t *) 1;
    assert_int_equal(khabar_index_get(index, "nope", &stored),
                     KHABAR_STATUS_NOT_FOUND);
    assert_null(stored);
    assert_non_null(strstr(khabar_index_message(index), "nope"));
    khabar_index_close(index);
}

static void
test_upsert_invalid(void **state)
{
    static const struct {
        const char *name;
        khabar_article_t article;
        const char *in_message;
    } cases[] = {
        { "NULL id", { .title = "T", .body = "B" }, "id" },
        { "empty id", { .id = "", .title = "T" }, "id" },
        { "no title or body", { .id = "x1", .url = "u" }, "x1" },
        { "empty title and body", { .id = "x2", .title = "", .body = "" },
          "x2" },
        { "month 13", { .id = "x3", .title = "T", .date = "2021-13-40" },
          "date '2021-13-40' is not ISO 8601" },
        { "words", { .id = "x4", .title = "T", .date = "yesterday" },
          "date 'yesterday' is not ISO 8601" },
        { "day 40", { .id = "x5", .title = "T", .date = "2021-12-40" },
          "2021-12-40" },
        { "not a leap year", { .id = "x6", .title = "T", .date = "2023-02-29" },
          "2023-02-29" },
        { "April 31", { .id = "x7", .title = "T", .date = "2024-04-31" },
          "2024-04-31" },
        { "hour 24", { .id = "x8", .title = "T", .date = "2024-01-01T24:00" },
          "2024-01-01T24:00" },
        { "bad separator", { .id = "x9", .title = "T",
                             .date = "2024-01-01X10:00" }, "X10" },
        { "one-digit month", { .id = "x10", .title = "T", .date = "2024-1-01" },
          "2024-1-01" },
        { "trailing junk", { .id = "x11", .title = "T",
                             .date = "2024-01-01T10:00Zjunk" }, "junk" },
        { "bad zone", { .id = "x12", .title = "T",
                        .date = "2024-01-01T10:00+0530" }, "+0530" },
        { "day zero", { .id = "x13", .title = "T", .date = "2024-01-00" },
          "2024-01-00" },
    };
    khabar_index_t *index = open_writer(state);
    khabar_article_t keep = { .id = "keep", .title = "Kept article",
                              .body = "Still here." };
    upsert(index, &keep, KHABAR_UPSERT_ADDED);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        khabar_status_t status =
            khabar_index_upsert(index, &cases[i].article, NULL);
        if (status != KHABAR_STATUS_INVALID_ARGUMENT ||
            !strstr(khabar_index_message(index), cases[i].in_message))
            fail_msg("case '%s': status %d, message '%s'", cases[i].name,
                     status, khabar_index_message(index));
    }
    assert_int_equal(khabar_index_upsert(index, NULL, NULL),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    /* Nothing already indexed was lost, nothing bad was added. */
    assert_int_equal(count(index), 1);
    assert_true(finds(index, "kept", "keep"));
    /* A success clears the previous failure's message. */
    assert_int_equal(count(index), 1);
    assert_string_equal(khabar_index_message(index), "");
    khabar_index_close(index);
}

static void
test_upsert_valid_dates(void **state)
{
    static const char *const dates[] = {
        "2024-02-29", "2000-02-29", "2024-01-01T10:00", "2024-01-01 10:00",
        "2024-01-01T10:00:59", "2024-01-01T10:00:59.123Z",
        "2024-01-01T10:00:00+05:30", "2016-12-31T23:59:60-08:00",
        "2024-12-31T00:00Z",
    };
    khabar_index_t *index = open_writer(state);
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        char id[16];
        snprintf(id, sizeof id, "d%zu", i);
        khabar_article_t a = { .id = id, .title = "Dated", .date = dates[i] };
        if (khabar_index_upsert(index, &a, NULL) != KHABAR_STATUS_SUCCESS)
            fail_msg("date '%s': %s", dates[i], khabar_index_message(index));
    }
    assert_int_equal(count(index), sizeof dates / sizeof dates[0]);
    khabar_index_close(index);
}

static void
test_long_id_and_url(void **state)
{
    char long_text[1000];
    memset(long_text, 'a', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    khabar_index_t *index = open_writer(state);
    khabar_article_t a = { .id = long_text, .title = "T" };
    assert_int_equal(khabar_index_upsert(index, &a, NULL),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    /* A URL, source or language too long for a term is still stored. */
    khabar_article_t b = { .id = "long-url", .title = "T", .url = long_text,
                           .source = long_text, .lang = long_text };
    upsert(index, &b, KHABAR_UPSERT_ADDED);
    khabar_stored_article_t *stored = NULL;
    assert_int_equal(khabar_index_get(index, "long-url", &stored),
                     KHABAR_STATUS_SUCCESS);
    assert_string_equal(khabar_stored_article_fields(stored)->url, long_text);
    khabar_stored_article_free(stored);
    khabar_index_close(index);
}

static void
test_delete(void **state)
{
    khabar_index_t *index = open_writer(state);
    khabar_article_t a = { .id = "a", .title = "Alpha" };
    khabar_article_t b = { .id = "b", .title = "Beta" };
    upsert(index, &a, KHABAR_UPSERT_ADDED);
    upsert(index, &b, KHABAR_UPSERT_ADDED);
    assert_int_equal(khabar_index_delete(index, "a"), KHABAR_STATUS_SUCCESS);
    assert_int_equal(count(index), 1);
    khabar_stored_article_t *stored = NULL;
    assert_int_equal(khabar_index_get(index, "a", &stored),
                     KHABAR_STATUS_NOT_FOUND);
    assert_false(finds(index, "alpha", "a"));
    assert_true(finds(index, "beta", "b"));

    assert_int_equal(khabar_index_delete(index, "a"), KHABAR_STATUS_NOT_FOUND);
    assert_non_null(strstr(khabar_index_message(index), "'a'"));
    assert_int_equal(khabar_index_delete(index, NULL),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_int_equal(count(index), 1);
    /* Deleting then re-adding the id is an ADD again. */
    upsert(index, &a, KHABAR_UPSERT_ADDED);
    khabar_index_close(index);
}

/* ---- commit, revisions, readers ---- */

static void
test_commit_and_reopen(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *writer = open_writer(state);
    unsigned long before = revision(writer);
    khabar_article_t a = { .id = "a", .title = "Alpha" };
    upsert(writer, &a, KHABAR_UPSERT_ADDED);
    assert_int_equal(khabar_index_commit(writer), KHABAR_STATUS_SUCCESS);
    unsigned long after = revision(writer);
    assert_true(after > before);

    khabar_index_t *reader = open_index(f->path, KHABAR_INDEX_READ_ONLY);
    assert_int_equal(count(reader), 1);
    assert_int_equal(revision(reader), after);
    khabar_stored_article_t *stored = NULL;
    assert_int_equal(khabar_index_get(reader, "a", &stored),
                     KHABAR_STATUS_SUCCESS);
    khabar_stored_article_free(stored);

    /* The reader stays on its revision until it reopens. */
    khabar_article_t b = { .id = "b", .title = "Beta" };
    upsert(writer, &b, KHABAR_UPSERT_ADDED);
    assert_int_equal(khabar_index_commit(writer), KHABAR_STATUS_SUCCESS);
    assert_int_equal(count(reader), 1);
    assert_int_equal(revision(reader), after);
    assert_int_equal(khabar_index_reopen(reader), KHABAR_STATUS_SUCCESS);
    assert_int_equal(count(reader), 2);
    assert_true(revision(reader) > after);
    assert_true(finds(reader, "beta", "b"));
    /* Reopening with nothing new is fine, and so is a writer's. */
    assert_int_equal(khabar_index_reopen(reader), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_reopen(writer), KHABAR_STATUS_SUCCESS);

    assert_int_equal(khabar_index_close(reader), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_close(writer), KHABAR_STATUS_SUCCESS);
}

static void
test_close_commits(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *writer = open_writer(state);
    khabar_article_t a = { .id = "a", .title = "Alpha" };
    upsert(writer, &a, KHABAR_UPSERT_ADDED);
    assert_int_equal(khabar_index_close(writer), KHABAR_STATUS_SUCCESS);
    khabar_index_t *reader = open_index(f->path, KHABAR_INDEX_READ_ONLY);
    assert_int_equal(count(reader), 1);
    khabar_index_close(reader);
}

static void
test_read_only_refuses_writes(void **state)
{
    struct fixture *f = *state;
    khabar_index_close(open_corpus(state));
    khabar_index_t *reader = open_index(f->path, KHABAR_INDEX_READ_ONLY);
    khabar_article_t a = { .id = "new", .title = "New" };
    assert_int_equal(khabar_index_upsert(reader, &a, NULL),
                     KHABAR_STATUS_READ_ONLY);
    assert_non_null(strstr(khabar_index_message(reader), "read-only"));
    assert_int_equal(khabar_index_delete(reader, "doha-1"),
                     KHABAR_STATUS_READ_ONLY);
    assert_int_equal(khabar_index_commit(reader), KHABAR_STATUS_READ_ONLY);
    assert_int_equal(count(reader), CORPUS_SIZE);
    assert_int_equal(khabar_index_close(reader), KHABAR_STATUS_SUCCESS);
}

/* ---- search ---- */

static void
test_search_all_words_required(void **state)
{
    khabar_index_t *index = open_corpus(state);
    khabar_results_t *results = search(index, "ceasefire talks", 0, 10);
    /* Only doha-1 has both words; cairo-1 has "talks" only. */
    assert_int_equal(khabar_results_size(results), 1);
    assert_int_equal(khabar_results_total(results), 1);
    const khabar_hit_t *hit = khabar_results_hit(results, 0);
    assert_string_equal(hit->id, "doha-1");
    assert_string_equal(hit->title, "Ceasefire talks resume in Doha");
    assert_string_equal(hit->url, "https://example.org/doha-1");
    assert_string_equal(hit->date, "2024-01-15");
    assert_string_equal(hit->source, "Al Jazeera");
    assert_string_equal(hit->lang, "en");
    assert_true(hit->score > 0);
    assert_null(khabar_results_hit(results, 1));
    khabar_results_free(results);

    assert_true(finds(index, "talks", "cairo-1"));
    assert_false(finds(index, "ceasefire talks", "cairo-1"));
    assert_int_equal(total(index, "talks"), 3);  /* doha-1, cairo-1, split */
    assert_int_equal(total(index, "talks OR rain"), 4);
    assert_int_equal(total(index, "nonexistentword"), 0);
    khabar_index_close(index);
}

static void
test_search_ranking(void **state)
{
    khabar_index_t *index = open_writer(state);
    /* The title is weighted: the same word once in a title outranks it
     * once in a body of similar length. */
    khabar_article_t in_body = { .id = "body",
        .title = "Regional update",
        .body = "Officials discussed the harvest and a ceasefire today." };
    khabar_article_t in_title = { .id = "title",
        .title = "Ceasefire update",
        .body = "Officials discussed the harvest and the weather today." };
    upsert(index, &in_body, KHABAR_UPSERT_ADDED);
    upsert(index, &in_title, KHABAR_UPSERT_ADDED);
    khabar_results_t *results = search(index, "ceasefire", 0, 10);
    assert_int_equal(khabar_results_size(results), 2);
    assert_string_equal(khabar_results_hit(results, 0)->id, "title");
    assert_true(khabar_results_hit(results, 0)->score >
                khabar_results_hit(results, 1)->score);
    khabar_results_free(results);
    khabar_index_close(index);
}

static void
test_search_phrase_and_paragraphs(void **state)
{
    khabar_index_t *index = open_corpus(state);
    assert_true(finds(index, "\"ceasefire talks\"", "doha-1"));
    assert_int_equal(total(index, "\"ceasefire talks\""), 1);
    /* "talks about" occurs only in cairo-1, while both words occur
     * elsewhere. */
    assert_int_equal(total(index, "\"talks about\""), 1);
    assert_true(finds(index, "\"talks about\"", "cairo-1"));
    /* "Doha" ends one paragraph of "split" and "talks" starts the next:
     * the gap between paragraphs keeps the phrase from matching. */
    assert_true(finds(index, "doha talks", "split"));
    assert_false(finds(index, "\"doha talks\"", "split"));
    khabar_index_close(index);
}

static void
test_search_fields(void **state)
{
    khabar_index_t *index = open_corpus(state);
    /* "Doha" is in the title of doha-1 but only the body of doha-2. */
    assert_int_equal(total(index, "doha"), 3);
    assert_int_equal(total(index, "title:doha"), 1);
    assert_true(finds(index, "title:doha", "doha-1"));
    /* Boolean filters, matched whatever the case. */
    assert_int_equal(total(index, "source:bbc"), 2);
    assert_int_equal(total(index, "source:BBC"), 2);
    assert_int_equal(total(index, "doha source:bbc"), 1);
    assert_true(finds(index, "doha source:bbc", "doha-2"));
    /* A multi-word source is quoted. */
    assert_int_equal(total(index, "source:\"AL JAZEERA\""), 1);
    assert_int_equal(total(index, "source:al"), 0);
    assert_int_equal(total(index, "lang:ar"), 1);
    assert_int_equal(total(index, "lang:EN doha"), 1);
    khabar_index_close(index);
}

static void
test_search_snippet(void **state)
{
    khabar_index_t *index = open_writer(state);
    khabar_article_t a = { .id = "xss", .title = "Script <b>injection</b>",
        .body = "Before <script>alert('x')</script> & after: the ceasefire "
                "held." };
    khabar_article_t t = { .id = "title-only", .title = "Harvest festival" };
    upsert(index, &a, KHABAR_UPSERT_ADDED);
    upsert(index, &t, KHABAR_UPSERT_ADDED);

    khabar_results_t *results = search(index, "ceasefire", 0, 10);
    assert_int_equal(khabar_results_size(results), 1);
    const char *snippet = khabar_results_hit(results, 0)->snippet;
    assert_non_null(strstr(snippet, "<mark>ceasefire</mark>"));
    assert_non_null(strstr(snippet, "&lt;script&gt;"));
    assert_non_null(strstr(snippet, "&amp; after"));
    assert_null(strstr(snippet, "<script"));
    /* The title is returned as stored: escaping it is the caller's job. */
    assert_string_equal(khabar_results_hit(results, 0)->title,
                        "Script <b>injection</b>");
    khabar_results_free(results);

    /* Words found through their stem are marked as written, and so are
     * a phrase's words, with or without a stemmed word beside it. */
    khabar_article_t d = { .id = "doha", .title = "Talks",
        .body = "The ceasefire resumed in Doha, where the talks were held. "
                "Dying hopes under grey skies." };
    upsert(index, &d, KHABAR_UPSERT_ADDED);
    static const struct { const char *query, *marked; } marks[] = {
        { "talk", "the <mark>talks</mark> were" },
        { "\"ceasefire resumed\"", "<mark>ceasefire resumed</mark> in" },
        { "\"ceasefire resumed\" talk", "the <mark>talks</mark> were" },
        { "\"ceasefire resumed\" talk", "<mark>ceasefire resumed</mark>" },
        /* Irregular English forms, whose stems differ from the word
         * after the first letter ("dying" is "die", "skies" "sky"). */
        { "die", "<mark>Dying</mark> hopes" },
        { "hope sky", "<mark>hopes</mark> under grey <mark>skies</mark>" },
    };
    for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
        results = search(index, marks[i].query, 0, 10);
        assert_int_equal(khabar_results_size(results), 1);
        assert_non_null(strstr(khabar_results_hit(results, 0)->snippet,
                               marks[i].marked));
        khabar_results_free(results);
    }

    /* An article without a body gets its snippet from the title. */
    results = search(index, "harvest", 0, 10);
    assert_int_equal(khabar_results_size(results), 1);
    assert_non_null(strstr(khabar_results_hit(results, 0)->snippet,
                           "<mark>Harvest</mark>"));
    khabar_results_free(results);
    khabar_index_close(index);
}

static void
test_search_total_and_paging(void **state)
{
    enum { N = 25 };
    khabar_index_t *index = open_writer(state);
    for (int i = 0; i < N; i++) {
        char id[16], body[64];
        snprintf(id, sizeof id, "n%02d", i);
        snprintf(body, sizeof body, "common word%s", i % 5 == 0 ? " rare" : "");
        khabar_article_t a = { .id = id, .title = "Paging", .body = body };
        upsert(index, &a, KHABAR_UPSERT_ADDED);
    }
    assert_int_equal(khabar_index_commit(index), KHABAR_STATUS_SUCCESS);
    assert_int_equal(total(index, "rare"), 5);

    /* Pages of 10: 10, 10, 5, then nothing; every id once. */
    static const unsigned offsets[] = { 0, 10, 20, 30 };
    static const size_t sizes[] = { 10, 10, 5, 0 };
    int seen[N] = { 0 };
    for (size_t p = 0; p < 4; p++) {
        khabar_results_t *page = search(index, "common", offsets[p], 10);
        assert_int_equal(khabar_results_size(page), sizes[p]);
        assert_int_equal(khabar_results_total(page), N);
        for (size_t i = 0; i < khabar_results_size(page); i++) {
            int n = atoi(khabar_results_hit(page, i)->id + 1);
            assert_in_range(n, 0, N - 1);
            seen[n]++;
        }
        khabar_results_free(page);
    }
    for (int i = 0; i < N; i++)
        assert_int_equal(seen[i], 1);
    /* A page of size 0 still counts. */
    khabar_results_t *none = search(index, "common", 0, 0);
    assert_int_equal(khabar_results_size(none), 0);
    assert_int_equal(khabar_results_total(none), N);
    khabar_results_free(none);
    khabar_index_close(index);
}

static void
test_search_empty_query(void **state)
{
    khabar_index_t *index = open_corpus(state);
    static const char *const blanks[] = { "", "   ", "\t\n" };
    for (size_t i = 0; i < sizeof blanks / sizeof blanks[0]; i++) {
        khabar_results_t *results = search(index, blanks[i], 0, 10);
        assert_int_equal(khabar_results_size(results), 0);
        assert_int_equal(khabar_results_total(results), 0);
        khabar_results_free(results);
    }
    khabar_results_t *results = NULL;
    assert_int_equal(khabar_search(index, NULL, 0, 10, &results),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_null(results);
    khabar_index_close(index);
}

static void
test_search_syntax_errors(void **state)
{
    static const struct {
        const char *query;
        const char *message;
    } cases[] = {
        { "(Doha talks", "unclosed '(' at column 1" },
        { "Doha (talks", "unclosed '(' at column 6" },
        { "\"Doha talks", "unclosed '\"' at column 1" },
        { "Doha talks)", "unmatched ')' at column 11" },
        { "Doha AND", "'AND' at column 6 has nothing after it" },
        { "OR talks", "'OR' at column 1 has nothing before it" },
        { "a AND AND b", "'AND' at column 3 has nothing after it" },
        { "a XOR", "'XOR' at column 3 has nothing after it" },
        { "Doha NEAR", "'NEAR' at column 6 has nothing after it" },
        { "(AND talks)", "'AND' at column 2 has nothing before it" },
        { "NOT", "'NOT' at column 1 has nothing before it" },
        { "Doha NOT", "'NOT' at column 6 has nothing after it" },
        { "Doha NOT NOT talks", "'NOT' at column 6 has nothing after it" },
        /* Columns count characters, not bytes: "Ḍ" is 3 bytes. */
        { "Ḍoha AND", "'AND' at column 6 has nothing after it" },
    };
    khabar_index_t *index = open_corpus(state);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        khabar_results_t *results = (khabar_results_t *) 1;
        khabar_status_t status = khabar_search(index, cases[i].query, 0, 10,
                                               &results);
        const char *message = khabar_index_message(index);
        if (status != KHABAR_STATUS_QUERY_SYNTAX ||
            strcmp(message, cases[i].message) != 0 || results != NULL)
            fail_msg("query '%s': status %d, message '%s'", cases[i].query,
                     status, message);
        assert_non_null(strstr(message, "column"));
    }
    khabar_index_close(index);
}

/* Found by fuzzing (tests/fuzz/regressions/fuzz_query): a date: after
 * punctuation escaped the date check, and Xapian 1.4.22's parser freed
 * an invalid pointer when the date: field then failed: "-$date:x" killed
 * khabar-searchd, and so did "+Date:x" (words are lowercased before
 * parsing).  Such a date: is refused; one that starts a word, or sits
 * inside a phrase or a word, is not. */
static void
test_search_glued_date_field(void **state)
{
    static const struct {
        const char *query;
        const char *message;
    } refused[] = {
        { "-$date:x", "date: at column 3 must start a word" },
        { "-.date:A", "date: at column 3 must start a word" },
        { "talks 'date:.2022", "date: at column 8 must start a word" },
        { "-!date:-year:l", "date: at column 3 must start a word" },
        { "\xe2\x80\x8c" "date:2021", "date: at column 2 must start a word" },
        { "+Date:x", "date: at column 2 must be written in lowercase" },
        { "talks dAte:2021", "date: at column 7 must be written in lowercase" },
    };
    static const char *const allowed[] = {
        "talks date:2021", "-date:2021 talks", "(date:2021-02)",
        "\"talks $date:x\"", "update:x talks",
    };
    khabar_index_t *index = open_corpus(state);
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        khabar_results_t *results = (khabar_results_t *) 1;
        khabar_status_t status = khabar_search(index, refused[i].query, 0, 10,
                                               &results);
        const char *message = khabar_index_message(index);
        if (status != KHABAR_STATUS_QUERY_SYNTAX ||
            strcmp(message, refused[i].message) != 0 || results != NULL)
            fail_msg("query '%s': status %d, message '%s'", refused[i].query,
                     status, message);
    }
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
        khabar_results_t *results = NULL;
        if (khabar_search(index, allowed[i], 0, 10, &results) !=
            KHABAR_STATUS_SUCCESS)
            fail_msg("query '%s': %s", allowed[i], khabar_index_message(index));
        khabar_results_free(results);
    }
    khabar_index_close(index);
}

static void
test_search_valid_syntax(void **state)
{
    static const struct {
        const char *query;
        unsigned long total;
    } cases[] = {
        { "(doha OR cairo) talks", 3 },
        { "(ceasefire)", 1 },
        { "\"ceasefire talks\" doha", 1 },
        { "doha AND talks", 2 },
        { "doha AND NOT ceasefire", 2 },
        { "doha NOT ceasefire", 2 },
        { "talks XOR doha", 2 },  /* cairo-1, doha-2 */
        { "negotiators NEAR monday", 1 },
        { "title:(markets cairo)", 1 },
        { "title:\"ceasefire talks\"", 1 },
        { "doha -ceasefire", 2 },
        { "+cairo talks", 1 },
        { "((doha))", 3 },
        { "\"\"", 0 },
        { "and or not", 0 },  /* lowercase: plain words, all required */
    };
    khabar_index_t *index = open_corpus(state);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        khabar_results_t *results = NULL;
        khabar_status_t status = khabar_search(index, cases[i].query, 0, 10,
                                               &results);
        if (status != KHABAR_STATUS_SUCCESS ||
            khabar_results_total(results) != cases[i].total)
            fail_msg("query '%s': status %d (%s), total %lu, expected %lu",
                     cases[i].query, status, khabar_index_message(index),
                     khabar_results_total(results), cases[i].total);
        khabar_results_free(results);
    }
    khabar_index_close(index);
}

static void
test_results_outlive_index(void **state)
{
    khabar_index_t *index = open_corpus(state);
    unsigned long rev = revision(index);
    khabar_results_t *results = search(index, "doha", 0, 10);
    assert_int_equal(khabar_results_revision(results), rev);
    khabar_stored_article_t *stored = NULL;
    assert_int_equal(khabar_index_get(index, "cairo-1", &stored),
                     KHABAR_STATUS_SUCCESS);
    /* Everything was copied: the index can go first. */
    assert_int_equal(khabar_index_close(index), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_results_size(results), 3);
    for (size_t i = 0; i < khabar_results_size(results); i++) {
        const khabar_hit_t *hit = khabar_results_hit(results, i);
        assert_true(!strncmp(hit->id, "doha-", 5) || !strcmp(hit->id, "split"));
        assert_non_null(strstr(hit->snippet, "<mark>Doha</mark>"));
    }
    assert_string_equal(khabar_stored_article_fields(stored)->title,
                        "Markets in Cairo");
    khabar_stored_article_free(stored);
    khabar_results_free(results);
}

static void
test_null_is_harmless(void **state)
{
    (void) state;
    khabar_results_free(NULL);
    khabar_stored_article_free(NULL);
    assert_int_equal(khabar_index_close(NULL), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_results_size(NULL), 0);
    assert_null(khabar_results_hit(NULL, 0));
    assert_int_equal(khabar_results_total(NULL), 0);
    assert_int_equal(khabar_results_revision(NULL), 0);
    assert_null(khabar_stored_article_fields(NULL));
    assert_non_null(khabar_index_message(NULL));
    unsigned long n;
    assert_int_equal(khabar_index_count(NULL, &n),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_int_equal(khabar_index_commit(NULL), KHABAR_STATUS_INVALID_ARGUMENT);
    assert_int_equal(khabar_index_upsert(NULL, NULL, NULL),
                     KHABAR_STATUS_INVALID_ARGUMENT);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(test_status_to_string),
        T(test_open_missing_read_only),
        T(test_open_not_an_index),
        T(test_open_bad_arguments),
        T(test_open_creates_empty_index),
        T(test_second_writer_locked),
        T(test_upsert_same_id_twice),
        T(test_get_round_trip),
        T(test_upsert_invalid),
        T(test_upsert_valid_dates),
        T(test_long_id_and_url),
        T(test_delete),
        T(test_commit_and_reopen),
        T(test_close_commits),
        T(test_read_only_refuses_writes),
        T(test_search_all_words_required),
        T(test_search_ranking),
        T(test_search_phrase_and_paragraphs),
        T(test_search_fields),
        T(test_search_snippet),
        T(test_search_total_and_paging),
        T(test_search_empty_query),
        T(test_search_syntax_errors),
        T(test_search_glued_date_field),
        T(test_search_valid_syntax),
        T(test_results_outlive_index),
        T(test_null_is_harmless),
#undef T
    };
    return cmocka_run_group_tests_name("shim", tests, NULL, NULL);
}
