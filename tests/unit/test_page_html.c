/* Unit tests of indexer/page_html.c: metadata and body from HTML. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "page_html.h"

static int extract(const char *html, article_t *a)
{
    char err[128];
    return page_html_extract(html, strlen(html), a, err, sizeof err);
}

static void test_title_rules(void **state)
{
    static const char *const cases[][2] = {
        {"<html><head><meta property='og:title' content='OG wins'>"
         "<title>Tag | Site</title></head><body><h1>H1</h1></body></html>",
         "OG wins"},
        {"<html><head><title>Long headline here | Site</title></head></html>",
         "Long headline here"},
        {"<html><head><title>Site - A much longer headline</title></head></html>",
         "Site - A much longer headline"},
        {"<html><body><nav><h1>Menu</h1></nav><h1>The  headline</h1></body></html>",
         "The headline"},
        {"<html><head><title>Caf&eacute; &amp; news</title></head></html>",
         "Caf\xc3\xa9 & news"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        article_t a = {0};
        assert_int_equal(extract(cases[i][0], &a), 0);
        assert_non_null(a.title);
        assert_string_equal(a.title, cases[i][1]);
        article_clear(&a);
    }
}

static void test_dates(void **state)
{
    static const char *const cases[][2] = {
        {"<meta property='article:published_time' content='2021-02-27T10:00:00Z'>",
         "2021-02-27"},
        {"<p>x.</p><time datetime='2020-01-05'>5 Jan</time>", "2020-01-05"},
        {"<meta name='date' content='27/02/2021'>", NULL},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char html[512];
        article_t a = {0};
        snprintf(html, sizeof html, "<html><head><title>T t</title>%s</head>"
                 "<body><p>Body.</p></body></html>", cases[i][0]);
        assert_int_equal(extract(html, &a), 0);
        if (cases[i][1])
            assert_string_equal(a.date, cases[i][1]);
        else
            assert_null(a.date);
        article_clear(&a);
    }
}

static void test_body_without_furniture(void **state)
{
    static const char html[] =
        "<html lang='fa-IR'><body><nav><p>Nav text.</p></nav>"
        "<p>Outside the article.</p>"
        "<article><p>One.</p><aside><p>Aside.</p></aside><p>Two.</p>"
        "<figure><figcaption><p>Caption.</p></figcaption></figure>"
        "<p>One.</p><p>Share</p></article>"
        "<footer><p>Footer.</p></footer></body></html>";
    article_t a = {0};
    (void)state;
    assert_int_equal(extract(html, &a), 0);
    assert_string_equal(a.body, "One.\n\nTwo.");
    assert_string_equal(a.lang, "fa");
    article_clear(&a);
}

static void test_article_without_paragraphs(void **state)
{
    static const char html[] =
        "<html><body><article><div>Teaser</div></article>"
        "<div><p>The text.</p></div></body></html>";
    article_t a = {0};
    (void)state;
    assert_int_equal(extract(html, &a), 0);
    assert_string_equal(a.body, "The text.");
    article_clear(&a);
}

static void test_no_article(void **state)
{
    article_t a = {0};
    char err[128];
    (void)state;
    assert_int_equal(page_html_extract("<html><body><nav><p>x</p></nav></body></html>",
                                       45, &a, err, sizeof err),
                     -1);
    assert_string_equal(err, "no title and no paragraphs found in the page");
    article_clear(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title_rules),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_body_without_furniture),
        cmocka_unit_test(test_article_without_paragraphs),
        cmocka_unit_test(test_no_article),
    };
    return cmocka_run_group_tests_name("page_html", tests, NULL, NULL);
}
