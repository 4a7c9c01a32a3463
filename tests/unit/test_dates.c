/* Unit tests of indexer/dates.c: publication dates as pages write them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "dates.h"

static void test_parse(void **state)
{
    static const char *const cases[][2] = {
        {"2021-02-27T10:30:00Z", "2021-02-27"},
        {"2021/02/27", "2021-02-27"},
        {"  2020-02-29", "2020-02-29"},
        {"27 February 2021", "2021-02-27"},
        {"Feb. 27, 2021 10:30 AM", "2021-02-27"},
        {"Saturday, February 27, 2021", "2021-02-27"},
        {"March 3rd, 2019", "2019-03-03"},
        {"Sept. 5, 2018", "2018-09-05"},
        {"2021-02-30", NULL},
        {"2019-02-29", NULL},
        {"27/02/2021", NULL},
        {"20210227", NULL},
        {"May the force", NULL},
        {"", NULL},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char day[11] = "";
        int rc = date_parse(cases[i][0], day);
        if (cases[i][1]) {
            assert_int_equal(rc, 0);
            assert_string_equal(day, cases[i][1]);
        } else {
            assert_int_equal(rc, -1);
        }
    }
}

static void test_dateline(void **state)
{
    static const char *const cases[][2] = {
        {"KABUL, March 27, 2017 (Reuters) - Envoys met.", "2017-03-27"},
        {"Updated 5 Jan 2020. Envoys met.", "2020-01-05"},
        {"Envoys met on Friday.", NULL},
        {"Envoys met in 2017 and again on 2018-13-01.", NULL},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char day[11] = "";
        int rc = date_find(cases[i][0], 300, day);
        if (cases[i][1]) {
            assert_int_equal(rc, 0);
            assert_string_equal(day, cases[i][1]);
        } else {
            assert_int_equal(rc, -1);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_dateline),
    };
    return cmocka_run_group_tests_name("dates", tests, NULL, NULL);
}
