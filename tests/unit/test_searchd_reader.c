/* test_searchd_reader.c - searchd's pool of index handles (reader.h): a
 * request keeps one handle until it releases it, two requests at once get
 * two, a request finding every handle held waits for one to be released,
 * a released handle is kept open for the next request, whichever thread
 * it comes from, a try (for /metrics) never waits, and stopping ends the
 * queue. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <time.h>
#include <unistd.h>

/* By its path: indexer/ has a reader.h too, and comes first. */
#include "../../searchd/reader.h"
#include "shim_fixture.h"

static const char *location[1];

static int
setup(void **state)
{
    static const khabar_article_t articles[] = {
        { .id = "a1", .title = "Doha talks", .body = "Ceasefire talks." },
    };
    struct fixture *f;

    if (shim_fixture_setup(state, "test_searchd_reader", articles, 1) != 0)
        return -1;
    f = *state;
    location[0] = f->path;
    return 0;
}

static int
teardown(void **state)
{
    return shim_fixture_teardown(state);
}

/* What a thread's request saw. */
struct request {
    khabar_index_t *index;
    khabar_status_t status;
    int started;                /* under lock, with cond */
    int saw_released;           /* the main thread's release had come */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int released;
/* Requests run_request() has served: read by the main thread once its
 * own later request has its handle. */
static int turns_taken;

/* A request in a thread of its own: takes a handle, notes what it saw,
 * and releases it. */
static void *
run_request(void *arg)
{
    struct request *r = arg;

    pthread_mutex_lock(&lock);
    r->started = 1;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
    r->status = reader_acquire(&r->index);
    r->saw_released = released;
    turns_taken++;
    reader_release();
    return NULL;
}

/* A pool of one handle, that handle taken by this thread (returned), and
 * OTHER's request started in THREAD, which will ask for it. */
static khabar_index_t *
hold_the_one_handle(struct request *other, pthread_t *thread)
{
    khabar_index_t *mine = NULL;

    released = 0;
    assert_int_equal(reader_init(location, 1, 0, 1), 0);
    assert_int_equal(reader_acquire(&mine), KHABAR_STATUS_SUCCESS);
    assert_int_equal(pthread_create(thread, NULL, run_request, other), 0);
    return mine;
}

static void
test_one_request_keeps_its_handle(void **state)
{
    khabar_index_t *first, *again, *next;
    unsigned long n;

    (void)state;
    assert_int_equal(reader_init(location, 1, 0, 2), 0);
    assert_int_equal(reader_acquire(&first), KHABAR_STATUS_SUCCESS);
    assert_int_equal(khabar_index_count(first, &n), KHABAR_STATUS_SUCCESS);
    assert_int_equal(n, 1);
    assert_int_equal(reader_acquire(&again), KHABAR_STATUS_SUCCESS);
    assert_ptr_equal(again, first);
    reader_release();
    /* Released, the open handle is the one the next request gets. */
    assert_int_equal(reader_acquire(&next), KHABAR_STATUS_SUCCESS);
    assert_ptr_equal(next, first);
    reader_release();
    reader_release();           /* none held: nothing to do */
    reader_fini();
}

static void
test_two_requests_get_two_handles(void **state)
{
    struct request other = { NULL, KHABAR_STATUS_SUCCESS, 0, 0 };
    khabar_index_t *mine;
    pthread_t thread;

    (void)state;
    assert_int_equal(reader_init(location, 1, 0, 2), 0);
    assert_int_equal(reader_acquire(&mine), KHABAR_STATUS_SUCCESS);
    assert_int_equal(pthread_create(&thread, NULL, run_request, &other), 0);
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_int_equal(other.status, KHABAR_STATUS_SUCCESS);
    assert_non_null(other.index);
    assert_ptr_not_equal(other.index, mine);
    reader_release();
    reader_fini();
}

static void
test_a_request_waits_for_a_free_handle(void **state)
{
    struct request other = { NULL, KHABAR_STATUS_SUCCESS, 0, 0 };
    /* Time for the other thread to reach the pool before the release;
     * the test holds without it, it only tests less. */
    const struct timespec pause = { 0, 50 * 1000 * 1000 };
    khabar_index_t *mine;
    pthread_t thread;

    (void)state;
    mine = hold_the_one_handle(&other, &thread);
    pthread_mutex_lock(&lock);
    while (!other.started)
        pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    nanosleep(&pause, NULL);
    released = 1;
    reader_release();
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_int_equal(other.status, KHABAR_STATUS_SUCCESS);
    assert_int_equal(other.saw_released, 1);
    /* The one handle, kept open and passed on to the other thread. */
    assert_ptr_equal(other.index, mine);
    reader_fini();
}

/* Waits until N requests wait for a handle. */
static void
wait_for_waiting(unsigned n)
{
    const struct timespec tick = { 0, 1000 * 1000 };
    unsigned handles, busy, waiting;

    for (;;) {
        reader_load(&handles, &busy, &waiting);
        if (waiting >= n)
            return;
        nanosleep(&tick, NULL);
    }
}

static void
test_requests_take_turns(void **state)
{
    struct request other = { NULL, KHABAR_STATUS_SUCCESS, 0, 0 };
    khabar_index_t *mine, *again;
    unsigned handles, busy, waiting;
    pthread_t thread;

    (void)state;
    turns_taken = 0;
    mine = hold_the_one_handle(&other, &thread);
    wait_for_waiting(1);
    reader_load(&handles, &busy, &waiting);
    assert_int_equal(handles, 1);
    assert_int_equal(busy, 1);
    assert_int_equal(waiting, 1);
    /* Given back and asked for again at once: the request that waited
     * first has its turn first, however soon it wakes. */
    released = 1;
    reader_release();
    assert_int_equal(reader_acquire(&again), KHABAR_STATUS_SUCCESS);
    assert_ptr_equal(again, mine);      /* the one handle, kept open */
    /* Before the join, which would wait for ever had it been passed by. */
    assert_int_equal(turns_taken, 1);
    reader_release();
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_int_equal(other.status, KHABAR_STATUS_SUCCESS);
    assert_int_equal(other.saw_released, 1);
    reader_load(&handles, &busy, &waiting);
    assert_int_equal(busy, 0);
    assert_int_equal(waiting, 0);
    reader_fini();
}

/* What reader_try_acquire() gave a thread of its own. */
struct attempt {
    int taken;
    khabar_index_t *index;
    khabar_status_t status;
};

static void *
run_attempt(void *arg)
{
    struct attempt *a = arg;

    a->taken = reader_try_acquire(&a->index, &a->status);
    reader_release();
    return NULL;
}

static void
test_a_try_never_waits(void **state)
{
    struct attempt busy_pool = { -1, NULL, KHABAR_STATUS_SUCCESS },
                   free_pool = { -1, NULL, KHABAR_STATUS_SUCCESS };
    unsigned handles, busy, waiting;
    khabar_index_t *mine;
    pthread_t thread;

    (void)state;
    assert_int_equal(reader_init(location, 1, 0, 1), 0);
    assert_int_equal(reader_acquire(&mine), KHABAR_STATUS_SUCCESS);
    /* The one handle held: the other thread comes back at once (else the
     * join waits for ever, and the alarm ends the suite), holding none
     * and not counted as waiting. */
    assert_int_equal(pthread_create(&thread, NULL, run_attempt, &busy_pool),
                     0);
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_int_equal(busy_pool.taken, 0);
    reader_load(&handles, &busy, &waiting);
    assert_int_equal(busy, 1);
    assert_int_equal(waiting, 0);
    reader_release();
    /* Free: taken, the same open handle, brought up to date. */
    assert_int_equal(pthread_create(&thread, NULL, run_attempt, &free_pool),
                     0);
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_int_equal(free_pool.taken, 1);
    assert_int_equal(free_pool.status, KHABAR_STATUS_SUCCESS);
    assert_ptr_equal(free_pool.index, mine);
    reader_load(&handles, &busy, &waiting);
    assert_int_equal(busy, 0);
    /* And a request after it takes its turn as before. */
    assert_int_equal(reader_acquire(&mine), KHABAR_STATUS_SUCCESS);
    reader_release();
    reader_fini();
}

static void
test_stopping_ends_the_queue(void **state)
{
    struct request other = { NULL, KHABAR_STATUS_SUCCESS, 0, 0 };
    struct attempt late = { -1, NULL, KHABAR_STATUS_SUCCESS };
    unsigned handles, busy, waiting;
    khabar_index_t *mine, *after;
    pthread_t thread;

    (void)state;
    mine = hold_the_one_handle(&other, &thread);
    wait_for_waiting(1);
    assert_int_equal(reader_stopping(), 0);
    /* The waiting request ends without its turn (the join would wait for
     * ever for a handle never given back: the alarm ends the suite). */
    reader_stop();
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_int_equal(other.status, KHABAR_STATUS_UNAVAILABLE);
    assert_int_equal(other.saw_released, 0);
    assert_int_equal(reader_stopping(), 1);
    /* And so does every request after it, waiting or trying; one that
     * holds its handle keeps it, and is not told it was refused. */
    assert_int_equal(reader_acquire(&after), KHABAR_STATUS_SUCCESS);
    assert_ptr_equal(after, mine);  /* the one this thread holds */
    assert_int_equal(reader_take_stopped(), 0);
    assert_int_equal(pthread_create(&thread, NULL, run_attempt, &late), 0);
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_int_equal(late.taken, 0);
    reader_load(&handles, &busy, &waiting);
    assert_int_equal(waiting, 0);
    reader_release();
    assert_int_equal(reader_acquire(&after), KHABAR_STATUS_UNAVAILABLE);
    assert_int_equal(reader_take_stopped(), 1);
    assert_int_equal(reader_take_stopped(), 0);     /* told once */
    reader_fini();
    /* A pool made afresh serves requests again, in turn. */
    assert_int_equal(reader_init(location, 1, 0, 1), 0);
    assert_int_equal(reader_acquire(&mine), KHABAR_STATUS_SUCCESS);
    reader_release();
    reader_fini();
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_request_keeps_its_handle),
        cmocka_unit_test(test_two_requests_get_two_handles),
        cmocka_unit_test(test_a_request_waits_for_a_free_handle),
        cmocka_unit_test(test_requests_take_turns),
        cmocka_unit_test(test_a_try_never_waits),
        cmocka_unit_test(test_stopping_ends_the_queue),
    };

    /* A pool that never wakes a waiter would hang the suite: end it. */
    alarm(120);
    return cmocka_run_group_tests(tests, setup, teardown);
}
