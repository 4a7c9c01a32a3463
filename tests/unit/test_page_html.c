/* Unit tests of indexer/page_html.c: metadata and body from HTML. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "charset.h"
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

/* The publication date by each rule, and the rule's name in extraction. */
static void test_date_rules(void **state)
{
    static const char *const cases[][3] = {
        {"<script type='application/ld+json'>{\"@context\":\"https://schema.org\","
         "\"@graph\":[{\"@type\":\"WebPage\"},{\"@type\":\"NewsArticle\","
         "\"datePublished\":\"2019-11-20T05:00:00-05:00\"}]}</script>",
         "2019-11-20", "json-ld:datePublished"},
        {"<script type='application/ld+json'>[{\"@type\":\"Organization\"},"
         "{\"@type\":[\"Article\"],\"datePublished\":\"Nov 20, 2019\"}]</script>",
         "2019-11-20", "json-ld:datePublished"},
        {"<script type='application/ld+json'>{not json</script>"
         "<meta name='parsely-pub-date' content='2018-01-02T00:00:00Z'>",
         "2018-01-02", "meta:parsely-pub-date"},
        {"<meta name='DC.date.issued' content='2017-05-06'>", "2017-05-06",
         "meta:dc.date.issued"},
        {"<meta name='sailthru.date' content='2016-07-08 10:00:00'>",
         "2016-07-08", "meta:sailthru.date"},
        {"<meta itemprop='datePublished' content='2015-01-02'>", "2015-01-02",
         "meta:datePublished"},
        {"<meta property='article:published_time' content='2021-02-27'>"
         "<meta name='pubdate' content='2020-01-01'>",
         "2021-02-27", "meta:article:published_time"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char html[1024], rule[128];
        article_t a = {0};
        snprintf(html, sizeof html, "<html><head><title>T t</title>%s</head>"
                 "<body><p>Body.</p></body></html>", cases[i][0]);
        snprintf(rule, sizeof rule, "\"date\":\"%s\"", cases[i][2]);
        assert_int_equal(extract(html, &a), 0);
        assert_non_null(a.date);
        assert_string_equal(a.date, cases[i][1]);
        assert_non_null(strstr(a.extraction, rule));
        article_clear(&a);
    }
}

static void test_byline_rules(void **state)
{
    static const char *const cases[][3] = {
        {"<meta name='author' content='Jane Doe'>", "Jane Doe", "meta:author"},
        {"<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
         "\"author\":[{\"@type\":\"Person\",\"name\":\"Jane Doe\"},"
         "{\"name\":\"John Roe\"}]}</script>",
         "Jane Doe, John Roe", "json-ld:author"},
        {"</head><body><a rel='author' href='/jane'>Jane Doe</a>",
         "Jane Doe", "rel-author"},
        {"</head><body><div class='article-byline'>By  Jane Doe</div>",
         "Jane Doe", "class:byline"},
        {"</head><body><span itemprop='author'>Jane Doe</span>", "Jane Doe",
         "itemprop:author"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char html[1024], rule[128];
        article_t a = {0};
        snprintf(html, sizeof html, "<html><head><title>T t</title>%s"
                 "<p>Body.</p></body></html>", cases[i][0]);
        snprintf(rule, sizeof rule, "\"byline\":\"%s\"", cases[i][2]);
        assert_int_equal(extract(html, &a), 0);
        assert_non_null(a.byline);
        assert_string_equal(a.byline, cases[i][1]);
        assert_non_null(strstr(a.extraction, rule));
        article_clear(&a);
    }
}

static void test_url_source_lang(void **state)
{
    static const char html[] =
        "<html><head><meta property='og:locale' content='ps_AF'>"
        "<meta property='og:url' content='https://WWW.Tolonews.com/x'>"
        "<title>T t</title></head><body><p>Body.</p></body></html>";
    article_t a = {0};
    (void)state;
    assert_int_equal(extract(html, &a), 0);
    assert_string_equal(a.url, "https://WWW.Tolonews.com/x");
    assert_string_equal(a.source, "tolonews.com");
    assert_string_equal(a.lang, "ps");
    assert_string_equal(a.extraction,
                        "{\"title\":\"title\",\"body\":\"html-paragraphs\","
                        "\"url\":\"og:url\",\"source\":\"url-host\","
                        "\"lang\":\"og:locale\"}");
    article_clear(&a);
    assert_null(page_html_source_of("not a url"));
    assert_null(page_html_source_of("http://localhost/x"));
}

#define SENTENCE "Envoys from both sides met in Doha on Friday, and they agreed, " \
                 "after long talks, on a timetable for the next rounds."

/* A page laid out as news sites are: the main text beside menus, share
 * buttons, a related-stories list, a caption and a cookie notice. */
static void test_main_content(void **state)
{
    static const char html[] =
        "<html><head><title>Envoys agree | News</title></head><body>"
        "<div class='menu'><ul><li><a href='/'>Home</a></li><li><a href='/w'>"
        "World</a></li></ul></div>"
        "<div id='cookie-notice'><p>We use cookies to improve your experience"
        " on our site, as our policy explains at length here.</p></div>"
        "<div class='main'><div class='story-body'>"
        "<div class='share-tools'><a href='#'>Facebook</a><a href='#'>Twitter</a></div>"
        "<p>" SENTENCE "</p><p>" SENTENCE " " SENTENCE "</p>"
        "<h2>What comes next</h2>"
        "<figure><img src='x.jpg'><figcaption>Envoys in Doha, a caption that "
        "is long enough to count.</figcaption></figure>"
        "<p>" SENTENCE " Done.</p>"
        "<ul class='related-links'><li><a href='/a'>An older story about "
        "something else entirely</a></li><li><a href='/b'>Another older story"
        " about yet another thing</a></li></ul>"
        "</div></div>"
        "<div class='sidebar'><p>Most read: a story that many people read"
        " today, with a comma, and another.</p></div>"
        "<footer><p>Copyright News, all rights reserved.</p></footer>"
        "</body></html>";
    article_t a = {0};
    (void)state;
    assert_int_equal(extract(html, &a), 0);
    assert_string_equal(a.title, "Envoys agree");
    assert_string_equal(a.body, SENTENCE "\n\n" SENTENCE " " SENTENCE
                        "\n\nWhat comes next\n\n" SENTENCE " Done.");
    assert_non_null(strstr(a.extraction, "\"body\":\"html-content\""));
    article_clear(&a);
}

static void test_body_repeated_once(void **state)
{
    static const char html[] =
        "<html><body><article><p>" SENTENCE "</p><p>" SENTENCE " Two.</p>"
        "<p>" SENTENCE "</p></article></body></html>";
    article_t a = {0};
    (void)state;
    assert_int_equal(extract(html, &a), 0);
    assert_string_equal(a.body, SENTENCE "\n\n" SENTENCE " Two.");
    article_clear(&a);
}

/* Found by fuzzing (tests/fuzz/regressions/fuzz_page_html): libxml2
 * 2.9.14 turns "&" and a byte that is not UTF-8 into "&" and half a
 * character, and keeps such bytes as they are in a page that declares
 * UTF-8; every field must still be valid UTF-8. */
static void test_invalid_utf8_repaired(void **state)
{
    static const char *const pages[] = {
        "<html><head><title>Caf&\xff news</title></head>"
        "<body><p>Talks &\xff. " SENTENCE "</p></body></html>",
        "<html><head><meta charset=\"utf-8\"><title>Caf\xff news</title>"
        "</head><body><p>Talks &\xff\xe5. " SENTENCE "</p></body></html>",
        "&\xff.",
    };
    (void)state;
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        article_t a = {0};
        assert_int_equal(extract(pages[i], &a), 0);
        assert_non_null(a.body);
        assert_true(charset_is_utf8(a.body, strlen(a.body)));
        if (a.title)
            assert_true(charset_is_utf8(a.title, strlen(a.title)));
        article_clear(&a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title_rules),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_body_without_furniture),
        cmocka_unit_test(test_article_without_paragraphs),
        cmocka_unit_test(test_no_article),
        cmocka_unit_test(test_date_rules),
        cmocka_unit_test(test_byline_rules),
        cmocka_unit_test(test_url_source_lang),
        cmocka_unit_test(test_main_content),
        cmocka_unit_test(test_body_repeated_once),
        cmocka_unit_test(test_invalid_utf8_repaired),
    };
    return cmocka_run_group_tests_name("page_html", tests, NULL, NULL);
}
