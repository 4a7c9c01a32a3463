/* Unit tests of indexer/paragraphs.c and page_text.c: scraped pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page_text.h"
#include "paragraphs.h"

static void test_chrome_lines(void **state)
{
    (void)state;
    assert_true(paragraphs_is_chrome("Skip to main content"));
    assert_true(paragraphs_is_chrome("SHARE THIS POST"));
    assert_true(paragraphs_is_chrome("Thumbnail"));
    assert_false(paragraphs_is_chrome("Share prices fell on Monday."));
    assert_false(paragraphs_is_chrome("Latest news from Kabul"));
}

static void test_paragraphs_once(void **state)
{
    paragraphs_t p = {0};
    char *joined;
    (void)state;
    assert_int_equal(paragraphs_add(&p, "First  paragraph.", 17), 0);
    assert_int_equal(paragraphs_add(&p, "Second.", 7), 0);
    assert_int_equal(paragraphs_add(&p, " first paragraph. ", 18), 0);
    assert_int_equal(paragraphs_add(&p, "Share", 5), 0);
    assert_int_equal(paragraphs_add(&p, "   ", 3), 0);
    assert_int_equal(paragraphs_add(&p, "Tags: Kabul", 11), 0);
    paragraphs_trim_tail(&p);
    joined = paragraphs_join(&p);
    assert_string_equal(joined, "First paragraph.\n\nSecond.");
    free(joined);
    paragraphs_free(&p);
}

/* Step 8 of docs/EXTRACTION.md: an article that ends with a list keeps
 * it; only a short trailer (five lines or fewer) is trimmed as furniture. */
static void test_trailing_list_kept(void **state)
{
    static const char *const lines[] = {
        "Below are the teams that qualified.", "Qualified teams",
        "England: 10th appearance", "Spain: 11th appearance",
        "Sweden: Seventh appearance", "Poland: Fourth appearance",
        "France: 10th appearance", "Wales: Second appearance",
    };
    paragraphs_t p = {0};
    char *joined;
    (void)state;
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        assert_int_equal(paragraphs_add(&p, lines[i], strlen(lines[i])), 0);
    paragraphs_trim_tail(&p);
    assert_int_equal(p.count, 8);
    joined = paragraphs_join(&p);
    assert_non_null(strstr(joined, "\n\nWales: Second appearance"));
    free(joined);
    paragraphs_free(&p);
}

static const char page[] =
    "Skip to main content\nLatest news\nThumbnail\n\n"
    "Envoys Meet in Doha Again\n\n"
    "Envoys met in Doha on Friday.\n\n"
    "They agreed to meet again.\n\n"
    "Envoys Meet in Doha Again\n"
    "Envoys met in Doha on Friday.\n\n"
    "They agreed to meet again.\n\n"
    "Share this post\n";

static void test_scraped_page(void **state)
{
    article_t a = {0};
    char err[128];
    (void)state;
    assert_int_equal(page_text_extract(page, strlen(page), &a, err, sizeof err),
                     0);
    assert_string_equal(a.title, "Envoys Meet in Doha Again");
    assert_string_equal(a.body, "Envoys met in Doha on Friday.\n\n"
                                "They agreed to meet again.");
    article_clear(&a);
}

static void test_page_without_article(void **state)
{
    static const char *const pages[] = {
        "", "\n\n\n", "Skip to main content\nShare this post\n",
        "Only One Headline Here\n",
    };
    (void)state;
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        article_t a = {0};
        char err[128] = "";
        assert_int_equal(page_text_extract(pages[i], strlen(pages[i]), &a, err,
                                           sizeof err),
                         -1);
        assert_string_equal(err, "no headline and body found in the page");
        article_clear(&a);
    }
}

/* The seed page (corpus/tolonews-170327.txt) holds its body twice, after
 * site chrome: it yields one clean article. */
static void test_seed_page(void **state)
{
    FILE *f = fopen("corpus/tolonews-170327.txt", "rb");
    static char text[1 << 16];
    article_t a = {0};
    char err[128];
    size_t n;
    (void)state;
    if (!f)
        skip();
    n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    assert_int_equal(page_text_extract(text, n, &a, err, sizeof err), 0);
    assert_string_equal(a.title, "MoFA: Russia Opposes Return of Taliban Regime");
    assert_non_null(strstr(a.body, "The Ministry of Foreign Affairs (MoFA) said"));
    /* Each paragraph once, and no chrome. */
    assert_ptr_equal(strstr(a.body, "The Ministry of Foreign Affairs (MoFA) said"),
                     strstr(a.body, "Ministry of Foreign Affairs (MoFA) said") - 4);
    assert_null(strstr(strstr(a.body, "(MoFA) said") + 1, "(MoFA) said"));
    assert_null(strstr(a.body, "Skip to main content"));
    assert_null(strstr(a.body, "Thumbnail"));
    assert_string_equal(a.extraction,
                        "{\"title\":\"text-headline\",\"body\":\"text-lines\"}");
    article_clear(&a);
}

static void test_text_dateline(void **state)
{
    static const char page[] = "Envoys Meet in Doha Again\n"
                               "DOHA, 5 March 2021 - Envoys met on Friday.\n";
    article_t a = {0};
    char err[128];
    (void)state;
    assert_int_equal(page_text_extract(page, strlen(page), &a, err, sizeof err),
                     0);
    assert_string_equal(a.date, "2021-03-05");
    assert_string_equal(a.extraction, "{\"title\":\"text-headline\","
                        "\"date\":\"text-dateline\",\"body\":\"text-lines\"}");
    article_clear(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chrome_lines),
        cmocka_unit_test(test_paragraphs_once),
        cmocka_unit_test(test_trailing_list_kept),
        cmocka_unit_test(test_scraped_page),
        cmocka_unit_test(test_page_without_article),
        cmocka_unit_test(test_seed_page),
        cmocka_unit_test(test_text_dateline),
    };
    return cmocka_run_group_tests_name("page_text", tests, NULL, NULL);
}
