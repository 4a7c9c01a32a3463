/* Unit tests of indexer/text.c: UTF-8 repair and white space. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static void test_utf8_repair(void **state)
{
    static const struct {
        const char *in;
        size_t len;
        const char *out;
    } cases[] = {
        {"plain ascii", 11, "plain ascii"},
        {"caf\xc3\xa9", 5, "caf\xc3\xa9"},
        {"\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", 8, "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85"},
        {"bad \xe9 byte", 10, "bad \xef\xbf\xbd byte"},
        {"cut \xe2\x80", 6, "cut \xef\xbf\xbd\xef\xbf\xbd"},
        {"overlong \xc0\xaf", 11, "overlong \xef\xbf\xbd\xef\xbf\xbd"},
        {"surrogate \xed\xa0\x80", 13,
         "surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
        {"nul\0byte", 8, "nulbyte"},
        {"", 0, ""},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = utf8_repair(cases[i].in, cases[i].len);
        assert_non_null(out);
        assert_string_equal(out, cases[i].out);
        free(out);
    }
}

static void test_squeeze(void **state)
{
    static const char *const cases[][2] = {
        {"  a  b\t\tc \n", "a b c"},
        {"\xc2\xa0no-break\xc2\xa0space\xc2\xa0", "no-break space"},
        {"", ""},
        {" \n\t ", ""},
        {"one", "one"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = text_squeeze(cases[i][0], strlen(cases[i][0]));
        assert_non_null(out);
        assert_string_equal(out, cases[i][1]);
        free(out);
    }
}

static void test_words_and_sentences(void **state)
{
    (void)state;
    assert_int_equal(text_word_count(""), 0);
    assert_int_equal(text_word_count("one"), 1);
    assert_int_equal(text_word_count("Skip to main content"), 4);
    assert_true(text_ends_sentence("It ended."));
    assert_true(text_ends_sentence("Did it?"));
    assert_true(text_ends_sentence("\xe2\x80\x9cQuoted,\xe2\x80\x9d he said."));
    assert_true(text_ends_sentence("\xe2\x80\x9cIt is.\xe2\x80\x9d"));
    assert_true(text_ends_sentence("(So.)"));
    assert_false(text_ends_sentence("Share this post"));
    assert_false(text_ends_sentence(""));
    assert_false(text_ends_sentence("\""));
}

static void test_strbuf(void **state)
{
    strbuf_t buf = {0};
    char *s;
    (void)state;
    s = strbuf_take(&buf);
    assert_string_equal(s, "");
    free(s);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(strbuf_append_str(&buf, "ab"), 0);
    assert_int_equal(buf.len, 2000);
    s = strbuf_take(&buf);
    assert_int_equal(strlen(s), 2000);
    assert_null(buf.data);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_repair),
        cmocka_unit_test(test_squeeze),
        cmocka_unit_test(test_words_and_sentences),
        cmocka_unit_test(test_strbuf),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
