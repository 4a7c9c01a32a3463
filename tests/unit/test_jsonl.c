/* Unit tests of indexer/jsonl.c and format.c: JSON Lines and sniffing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "format.h"
#include "jsonl.h"

static void test_good_line(void **state)
{
    static const char line[] =
        "{\"id\":\"a1\",\"url\":\"https://x.org/a\",\"title\":\"T\","
        "\"date\":\"2021-02-27\",\"source\":\"x.org\",\"lang\":\"en\","
        "\"body\":\"B \\u00e9\",\"extra\":[1,2]}";
    article_t a = {0};
    char err[256];
    (void)state;
    assert_int_equal(jsonl_parse_line(line, strlen(line), &a, err, sizeof err),
                     0);
    assert_string_equal(a.id, "a1");
    assert_string_equal(a.url, "https://x.org/a");
    assert_string_equal(a.title, "T");
    assert_string_equal(a.date, "2021-02-27");
    assert_string_equal(a.source, "x.org");
    assert_string_equal(a.lang, "en");
    assert_string_equal(a.body, "B \xc3\xa9");
    article_clear(&a);
}

static void test_bad_lines(void **state)
{
    static const char *const cases[][2] = {
        {"{\"title\": }", "column 11: invalid JSON"},
        {"[1,2]", "expected a JSON object, one article a line"},
        {"\"text\"", "expected a JSON object"},
        {"{\"id\":\"x\"}", "article has neither 'title' nor 'body'"},
        {"{\"title\":\"\",\"body\":\"\"}", "article has neither 'title' nor 'body'"},
        {"{\"title\":7}", "field 'title' must be a string"},
        {"{\"title\":\"a\",\"date\":20210227}", "field 'date' must be a string"},
        {"{\"title\":\"a\",\"title\":\"b\"}", "invalid JSON"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        article_t a = {0};
        char err[256] = "";
        assert_int_equal(
            jsonl_parse_line(cases[i][0], strlen(cases[i][0]), &a, err, sizeof err),
            -1);
        if (!strstr(err, cases[i][1]))
            fail_msg("case %zu: '%s' lacks '%s'", i, err, cases[i][1]);
        article_clear(&a);
    }
}

static void test_nul_escape_dropped(void **state)
{
    static const char line[] = "{\"title\":\"a\\u0000b\"}";
    article_t a = {0};
    char err[256];
    (void)state;
    assert_int_equal(jsonl_parse_line(line, strlen(line), &a, err, sizeof err),
                     0);
    assert_string_equal(a.title, "ab");
    article_clear(&a);
}

static void test_blank(void **state)
{
    (void)state;
    assert_true(jsonl_is_blank("", 0));
    assert_true(jsonl_is_blank(" \t\r", 3));
    assert_false(jsonl_is_blank(" x", 2));
    assert_false(jsonl_is_blank("\0", 1));
}

static void test_sniff(void **state)
{
    (void)state;
    assert_int_equal(format_sniff("{\"a\":1}", 7), FORMAT_JSONL);
    assert_int_equal(format_sniff("\xef\xbb\xbf  \n{", 7), FORMAT_JSONL);
    assert_int_equal(format_sniff("<!DOCTYPE html>", 15), FORMAT_HTML);
    assert_int_equal(format_sniff("\n  <html>", 9), FORMAT_HTML);
    assert_int_equal(format_sniff("Skip to main content", 20), FORMAT_TEXT);
    assert_int_equal(format_sniff("", 0), FORMAT_TEXT);
    assert_int_equal(format_from_name("jsonl"), FORMAT_JSONL);
    assert_int_equal(format_from_name("pdf"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_line),
        cmocka_unit_test(test_bad_lines),
        cmocka_unit_test(test_nul_escape_dropped),
        cmocka_unit_test(test_blank),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests_name("jsonl", tests, NULL, NULL);
}
