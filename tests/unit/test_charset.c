/* Unit tests of indexer/charset.c and format.c: legacy charsets, declared
 * charsets, NFC, sniffing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "format.h"

static void test_utf8_validity(void **state)
{
    static const struct { const char *s; int valid; } cases[] = {
        {"plain ascii", 1}, {"caf\xc3\xa9", 1}, {"caf\xe9", 0},
        {"\xc0\xaf", 0},    {"\xed\xa0\x80", 0}, {"\xf0\x9f\x98\x80", 1},
        {"\xe2\x82", 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(charset_is_utf8(cases[i].s, strlen(cases[i].s)),
                         cases[i].valid);
}

static void test_cp1252(void **state)
{
    char *s;
    (void)state;
    s = charset_text_to_utf8("Caf\xe9 \x93quoted\x94 \x80 \x81", 17);
    assert_string_equal(s, "Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d "
                           "\xe2\x82\xac \xef\xbf\xbd");
    free(s);
    s = charset_text_to_utf8("caf\xc3\xa9", 5);    /* UTF-8 stays */
    assert_string_equal(s, "caf\xc3\xa9");
    free(s);
    s = charset_from_latin1("\xfc\x80", 2);
    assert_string_equal(s, "\xc3\xbc\xc2\x80");
    free(s);
}

static void test_declared(void **state)
{
    static const char a[] = "<html><head><meta charset=\"windows-1256\">";
    static const char b[] = "<meta http-equiv=\"Content-Type\" "
                            "content=\"text/html; charset=ISO-8859-1\">";
    static const char c[] = "<p>charset=utf-8 in text is no declaration</p>";
    char name[64];
    (void)state;
    assert_true(charset_html_declared(a, strlen(a), name, sizeof name));
    assert_string_equal(name, "windows-1256");
    assert_true(charset_html_declared(b, strlen(b), name, sizeof name));
    assert_string_equal(name, "ISO-8859-1");
    assert_false(charset_html_declared(c, strlen(c), name, sizeof name));
    assert_true(charset_known("windows-1256"));
    assert_true(charset_known("utf-8"));
    assert_false(charset_known("x-klingon"));
}

static void test_nfc(void **state)
{
    char *s = strdup("Cafe\xcc\x81");
    (void)state;
    assert_int_equal(charset_nfc(&s), 0);
    assert_string_equal(s, "Caf\xc3\xa9");
    free(s);
}

static void test_sniff(void **state)
{
    static const struct { const char *head; input_format_t want; } cases[] = {
        {"WARC/1.1\r\nWARC-Type: warcinfo", FORMAT_WARC},
        {"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS", FORMAT_REUTERS},
        {"  {\"title\":\"x\"}", FORMAT_JSONL},
        {"<!doctype html><html>", FORMAT_HTML},
        {"Headline\nBody", FORMAT_TEXT},
    };
    char why[128];
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(format_sniff(cases[i].head, strlen(cases[i].head)),
                         cases[i].want);
    assert_true(format_not_text("\x89PNG\r\n\x1a\n\0\0", 10, why, sizeof why));
    assert_non_null(strstr(why, "NUL byte at offset 8"));
    assert_true(format_not_text("\xff\xfeh\0i\0", 6, why, sizeof why));
    assert_false(format_not_text("text", 4, why, sizeof why));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_validity), cmocka_unit_test(test_cp1252),
        cmocka_unit_test(test_declared),      cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
