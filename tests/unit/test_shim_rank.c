/* test_shim_rank.c - the days of the recency table sent to remote
 * shards (shim/rank.cc): the span of the dates or 20 half-lives, never
 * more than 20 years of days. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "recency.h"

static void
test_span(void **state)
{
    static const struct {
        long reference, oldest;
        double half_life;
        long expected;
    } cases[] = {
        /* 20 half-lives when the dates go further back. */
        { 20000, 10000, 30, 600 },
        /* The dates' span when it is shorter. */
        { 20000, 19900, 30, 100 },
        /* One day of dates, and dates newer than the reference. */
        { 20000, 20000, 30, 0 },
        { 20000, 20001, 30, 0 },
        /* A long half-life over a century: 20 years of days. */
        { 20000, 20000 - 36500, 36500, KHABAR_RECENCY_DAYS_MAX },
        /* An article misdated 0001-01-01 (day -719162). */
        { 20000, -719162, 30, 600 },
        { 20000, -719162, 1000, KHABAR_RECENCY_DAYS_MAX },
        { 20000, 20000 - 7305, 36500, 7305 },
        { 20000, 20000 - 7306, 36500, 7305 },
        /* A half-life past what a long can hold in days (the C API does
         * not bound it as searchd does). */
        { 20000, -719162, 1e300, KHABAR_RECENCY_DAYS_MAX },
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(_khabar_recency_table_span(cases[i].reference,
                                                    cases[i].oldest,
                                                    cases[i].half_life),
                         cases[i].expected);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_span),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
