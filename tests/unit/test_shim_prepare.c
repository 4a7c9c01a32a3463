/* test_shim_prepare.c - khabar_prepare() and khabar_index_upsert_prepared()
 * (khabar.h): an article stored unchanged is seen as such, and when the
 * handle that looked is the writer that stores, no copy of the article is
 * kept and nothing is written. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "khabar.h"
#include "shim_fixture.h"

/* Long enough that a copy of it shows in the estimate of what a prepared
 * article holds, next to the fixed size of the prepared article itself. */
#define BODY_SIZE 8000
static char BODY[BODY_SIZE + 1];

static const khabar_article_t stored[] = {
    { .id = "a", .title = "Talks", .body = BODY, .date = "2021-02-03" },
};

static int
setup(void **state)
{
    for (size_t i = 0; i < BODY_SIZE; i++)
        BODY[i] = i % 8 == 7 ? ' ' : 'a' + (char)(i % 5);
    return shim_fixture_setup(state, "test_shim_prepare", stored, 1);
}

/* Prepares A against PEEK and stores it into the fixture's writer. */
static khabar_upsert_result_t
prepare_and_store(struct fixture *f, khabar_index_t *peek,
                  const khabar_article_t *a, size_t *bytes)
{
    khabar_prepared_t *p = NULL;
    khabar_upsert_result_t result;

    assert_int_equal(khabar_prepare(peek, a, &p), KHABAR_STATUS_SUCCESS);
    assert_null(khabar_prepared_problem(p));
    *bytes = khabar_prepared_bytes(p);
    assert_int_equal(khabar_index_upsert_prepared(f->index, p, &result),
                     KHABAR_STATUS_SUCCESS);
    khabar_prepared_free(p);
    return result;
}

static void
test_unchanged_against_the_writer_keeps_no_copy(void **state)
{
    struct fixture *f = *state;
    size_t bytes;

    assert_int_equal(prepare_and_store(f, f->index, &stored[0], &bytes),
                     KHABAR_UPSERT_UNCHANGED);
    if (bytes >= strlen(BODY))
        fail_msg("%zu bytes: the article was copied", bytes);
}

static void
test_unchanged_against_a_reader_keeps_a_copy(void **state)
{
    struct fixture *f = *state;
    khabar_index_t *reader = NULL;
    size_t bytes;

    assert_int_equal(khabar_index_open(f->path, KHABAR_INDEX_READ_ONLY,
                                       &reader, NULL), KHABAR_STATUS_SUCCESS);
    assert_int_equal(prepare_and_store(f, reader, &stored[0], &bytes),
                     KHABAR_UPSERT_UNCHANGED);
    /* A reader may be behind the writer: the copy lets the writer build
     * the document if it finds the article changed after all. */
    assert_true(bytes >= strlen(BODY));
    khabar_index_close(reader);
}

static void
test_changed_against_the_writer_is_written(void **state)
{
    struct fixture *f = *state;
    khabar_article_t changed = stored[0];
    size_t bytes;

    changed.title = "Talks resume";
    assert_int_equal(prepare_and_store(f, f->index, &changed, &bytes),
                     KHABAR_UPSERT_UPDATED);
    /* And the writer now sees the new version as the stored one. */
    assert_int_equal(prepare_and_store(f, f->index, &changed, &bytes),
                     KHABAR_UPSERT_UNCHANGED);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_unchanged_against_the_writer_keeps_no_copy, setup,
            shim_fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_unchanged_against_a_reader_keeps_a_copy, setup,
            shim_fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_changed_against_the_writer_is_written, setup,
            shim_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
