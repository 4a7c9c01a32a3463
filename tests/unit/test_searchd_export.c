/* test_searchd_export.c - the rows of GET /export (CSV per RFC 4180 with
 * the formula guard, JSON Lines), and the metrics text of GET /metrics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export_format.h"
#include "metrics.h"

/* A hit with TITLE and SOURCE and fixed other fields. */
static khabar_hit_t
hit_of(const char *title, const char *source)
{
    khabar_hit_t h;

    memset(&h, 0, sizeof(h));
    h.id = "id-1";
    h.title = title;
    h.url = "https://x.example/a";
    h.date = "2021-02-03";
    h.source = source;
    h.lang = "en";
    h.snippet = "";
    return h;
}

static void
check_csv(const char *title, const char *source, const char *want)
{
    khabar_hit_t h = hit_of(title, source);
    size_t len = 0;
    char *row = export_csv_row(&h, &len);

    assert_non_null(row);
    assert_string_equal(row, want);
    assert_int_equal(len, strlen(want));
    free(row);
}

static void
test_csv_plain_and_quoted(void **state)
{
    (void)state;
    check_csv("Plain", "Wire",
              "id-1,Plain,https://x.example/a,2021-02-03,Wire\r\n");
    check_csv("", "", "id-1,,https://x.example/a,2021-02-03,\r\n");
    check_csv("Talks, again", "Wire",
              "id-1,\"Talks, again\",https://x.example/a,2021-02-03,Wire\r\n");
    check_csv("He said \"no\"", "Wire",
              "id-1,\"He said \"\"no\"\"\",https://x.example/a,2021-02-03,Wire\r\n");
    check_csv("two\nlines", "a\rb",
              "id-1,\"two\nlines\",https://x.example/a,2021-02-03,\"a\rb\"\r\n");
    check_csv("خبر", "BBC فارسی",
              "id-1,خبر,https://x.example/a,2021-02-03,BBC فارسی\r\n");
}

static void
test_csv_guards_formulas(void **state)
{
    (void)state;
    check_csv("=1+1", "Wire", "id-1,'=1+1,https://x.example/a,2021-02-03,Wire\r\n");
    check_csv("+1", "-2", "id-1,'+1,https://x.example/a,2021-02-03,'-2\r\n");
    check_csv("@SUM(A1)", "Wire",
              "id-1,'@SUM(A1),https://x.example/a,2021-02-03,Wire\r\n");
    check_csv("\tx", "Wire", "id-1,'\tx,https://x.example/a,2021-02-03,Wire\r\n");
    check_csv("=HYPERLINK(\"u\",\"a,b\")", "Wire",
              "id-1,\"'=HYPERLINK(\"\"u\"\",\"\"a,b\"\")\",https://x.example/a,"
              "2021-02-03,Wire\r\n");
    /* Only the first character counts. */
    check_csv("a=b", "Wire", "id-1,a=b,https://x.example/a,2021-02-03,Wire\r\n");
}

static void
test_jsonl_row(void **state)
{
    khabar_hit_t h = hit_of("<b>Talks</b> & \"more\"", "Wire");
    size_t len = 0;
    char *row;

    (void)state;
    row = export_jsonl_row(&h, &len);
    assert_non_null(row);
    assert_string_equal(row,
        "{\"id\":\"id-1\",\"title\":\"\\u003cb\\u003eTalks\\u003c/b\\u003e "
        "\\u0026 \\\"more\\\"\",\"url\":\"https://x.example/a\","
        "\"date\":\"2021-02-03\",\"source\":\"Wire\"}\n");
    assert_int_equal(len, strlen(row));
    free(row);
    h.title = "\xff";
    assert_null(export_jsonl_row(&h, &len));
}

static void
test_metrics_counts_and_histogram(void **state)
{
    const struct metrics_gauges g = { 15, 7, 3, 2, 5 };
    size_t len = 0;
    char *text;

    (void)state;
    metrics_reset();
    metrics_record("/search", 200, 3);
    metrics_record("/search", 200, 40);
    metrics_record("/search", 400, 0);
    metrics_record(NULL, 404, 1);
    metrics_record("/search", 200, 60000);
    text = metrics_render(&g, &len);
    assert_non_null(text);
    assert_int_equal(len, strlen(text));
    assert_non_null(strstr(text,
        "khabar_requests_total{route=\"/search\",status=\"200\"} 3\n"));
    assert_non_null(strstr(text,
        "khabar_requests_total{route=\"/search\",status=\"400\"} 1\n"));
    assert_non_null(strstr(text,
        "khabar_requests_total{route=\"other\",status=\"404\"} 1\n"));
    /* Cumulative buckets: 0 ms and 3 ms are under 5 ms, 40 ms under 50. */
    assert_non_null(strstr(text,
        "khabar_request_duration_seconds_bucket{route=\"/search\",le=\"0.001\"} 1\n"));
    assert_non_null(strstr(text,
        "khabar_request_duration_seconds_bucket{route=\"/search\",le=\"0.005\"} 2\n"));
    assert_non_null(strstr(text,
        "khabar_request_duration_seconds_bucket{route=\"/search\",le=\"0.05\"} 3\n"));
    /* 60 s is beyond the last bound: only in +Inf. */
    assert_non_null(strstr(text,
        "khabar_request_duration_seconds_bucket{route=\"/search\",le=\"10\"} 3\n"));
    assert_non_null(strstr(text,
        "khabar_request_duration_seconds_bucket{route=\"/search\",le=\"+Inf\"} 4\n"));
    assert_non_null(strstr(text,
        "khabar_request_duration_seconds_sum{route=\"/search\"} 60.043\n"));
    assert_non_null(strstr(text,
        "khabar_request_duration_seconds_count{route=\"/search\"} 4\n"));
    assert_non_null(strstr(text, "\nkhabar_index_articles 15\n"));
    assert_non_null(strstr(text, "\nkhabar_index_revision 7\n"));
    assert_non_null(strstr(text, "\nkhabar_workers 3\n"));
    assert_non_null(strstr(text, "\nkhabar_workers_busy 2\n"));
    assert_non_null(strstr(text, "\nkhabar_requests_waiting 5\n"));
    free(text);
}

static void
test_metrics_labels_are_bounded(void **state)
{
    static char names[100][16];
    const struct metrics_gauges none = { 0, 0, 0, 0, 0 };
    size_t len = 0, i;
    char *text;

    (void)state;
    metrics_reset();
    for (i = 0; i < 100; i++) {
        snprintf(names[i], sizeof(names[i]), "/r%zu", i);
        metrics_record(names[i], (unsigned)(200 + i), 1);
    }
    text = metrics_render(&none, &len);
    assert_non_null(text);
    /* The 32nd label and beyond count as "other". */
    assert_non_null(strstr(text, "route=\"/r30\""));
    assert_null(strstr(text, "route=\"/r31\""));
    assert_non_null(strstr(text, "route=\"other\""));
    free(text);
    metrics_reset();
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_plain_and_quoted),
        cmocka_unit_test(test_csv_guards_formulas),
        cmocka_unit_test(test_jsonl_row),
        cmocka_unit_test(test_metrics_counts_and_histogram),
        cmocka_unit_test(test_metrics_labels_are_bounded),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
