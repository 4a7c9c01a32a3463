/* Unit tests of indexer/html_body.c: which text of a page is the article.
 * Each test is a made-up page showing one rule of docs/EXTRACTION.md; the
 * rule's step in that page's table is named above it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "html_body.h"
#include "paragraphs.h"

/* Sentences long enough to count as paragraphs, with a few commas. */
#define S1 "Envoys from both sides met in Doha on Friday, and they agreed, " \
           "after a long day of talks, to meet again next week."
#define S2 "The talks, the third round this year, ended without a deal on " \
           "prisoners, but both sides called them useful."
#define S3 "Diplomats said a ceasefire, if one came, would start in the " \
           "north, where the fighting has been worst, and spread south."
#define S4 "Neither side, officials said, wanted to be seen leaving first, " \
           "so the next round was set for the same hotel, on Monday."

/* The article text html_body_extract() finds in HTML, paragraphs joined
 * by blank lines, and its rule in *RULE. */
static char *body_of(const char *html, const char **rule)
{
    htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET);
    paragraphs_t body = {0};
    char *text;

    assert_non_null(doc);
    assert_int_equal(html_body_extract(xmlDocGetRootElement(doc), &body, rule),
                     0);
    text = paragraphs_join(&body);
    paragraphs_free(&body);
    xmlFreeDoc(doc);
    assert_non_null(text);
    return text;
}

/* Step 4: text written straight into a <div> between photos and <br>s is
 * paragraphs of that <div> (Readability wraps such runs in <p>).  Here
 * three runs and three photos: without counting the runs as paragraphs
 * the <div> looked like a gallery (more photos than twice its paragraphs)
 * and was cleaned away, leaving the list of other stories. */
static void test_loose_text_between_photos(void **state)
{
    static const char html[] =
        "<html><body><div class='main'>"
        "<div class='top'><h4>Top stories</h4><ul>"
        "<li>An older story about the budget, in brief</li>"
        "<li>Another older story about the weather</li></ul></div>"
        "<div class='story'>"
        "<table><tr><td><img src='1.jpg'></td></tr></table><br>"
        S1 "<br><br>"
        "<table><tr><td><img src='2.jpg'></td></tr></table><br>"
        S2 "<br><br>"
        "<table><tr><td><img src='3.jpg'></td></tr></table><br>"
        S3 "<br>"
        "</div></div></body></html>";
    const char *rule;
    char *text = body_of(html, &rule);
    (void)state;
    assert_string_equal(text, S1 "\n\n" S2 "\n\n" S3);
    free(text);
}

/* Step 4: loose text beside other blocks scores its own container, not
 * only the container's parent.  The story's text is written straight into
 * its <div>, after a headline paragraph; before, that score went to the
 * row that also holds the archive's links, whose link density sank it, and
 * the footer's address block won. */
static void test_loose_text_scores_its_container(void **state)
{
    static const char html[] =
        "<html><body><div class='row'>"
        "<div class='col-3'><ul><li><a href='/1'>January, 2018</a></li>"
        "<li><a href='/2'>February, 2018</a></li>"
        "<li><a href='/3'>March, 2018</a></li>"
        "<li><a href='/4'>April, 2018</a></li>"
        "<li><a href='/5'>May, 2018</a></li>"
        "<li><a href='/6'>June, 2018</a></li>"
        "<li><a href='/7'>July, 2018</a></li>"
        "<li><a href='/8'>August, 2018</a></li>"
        "<li><a href='/9'>September, 2018</a></li>"
        "<li><a href='/10'>October, 2018</a></li>"
        "<li><a href='/11'>November, 2018</a></li>"
        "<li><a href='/12'>December, 2018</a></li>"
        "<li><a href='/13'>January, 2017</a></li>"
        "<li><a href='/14'>February, 2017</a></li>"
        "<li><a href='/15'>March, 2017</a></li>"
        "<li><a href='/16'>April, 2017</a></li>"
        "<li><a href='/17'>May, 2017</a></li>"
        "<li><a href='/18'>June, 2017</a></li>"
        "<li><a href='/19'>July, 2017</a></li>"
        "<li><a href='/20'>August, 2017</a></li>"
        "<li><a href='/21'>September, 2017</a></li>"
        "<li><a href='/22'>October, 2017</a></li>"
        "<li><a href='/23'>November, 2017</a></li>"
        "<li><a href='/24'>December, 2017</a></li></ul></div>"
        "<div class='col-9'><p class='headline'>Envoys meet again</p>"
        "<small>05/10/2018 - Posted by the desk</small><br><br>"
        S1 " " S2 "<br></div></div>"
        "<div class='bottom'><div class='address'>City Hall - 1111 Main "
        "Street, Springfield - Box 421 - Phone: 2106-8000 - Fax: 2106-8001"
        " - Open Monday to Friday, 8 to 5</div></div>"
        "</body></html>";
    const char *rule;
    char *text = body_of(html, &rule);
    (void)state;
    assert_non_null(strstr(text, S1 " " S2));
    assert_null(strstr(text, "City Hall"));
    free(text);
}

/* Step 5: a sibling <div> around one paragraph reads as that paragraph.
 * The page wraps the article's first paragraphs one <div> each beside the
 * <div> of the rest; before, only the rest was kept. */
static void test_paragraph_wrappers(void **state)
{
    static const char html[] =
        "<html><body><div id='main'>"
        "<div class='firstPar'><p>" S1 "</p></div>"
        "<div class='secondPar'><p>" S2 "</p></div>"
        "<div class='body'><p>" S3 "</p><p>" S4 "</p>"
        "<p>" S3 " Again.</p><p>" S4 " Again.</p></div>"
        "<div class='more'><a href='/x'>More from the desk, a link list"
        " of other stories for the reader</a></div>"
        "</div></body></html>";
    const char *rule;
    char *text = body_of(html, &rule);
    (void)state;
    assert_string_equal(text, S1 "\n\n" S2 "\n\n" S3 "\n\n" S4 "\n\n" S3
                        " Again.\n\n" S4 " Again.");
    free(text);
}

/* Step 6: "paywall" names the article's gated text, which a saved page
 * holds, not furniture. */
static void test_paywall_is_text(void **state)
{
    static const char html[] =
        "<html><body><article><div class='article-body'>"
        "<p>" S1 "</p><p>" S2 "</p><p>" S3 "</p><p>" S4 "</p>"
        "<p>" S1 " Again.</p>"
        "<div class='paywall'><p>Behind the paywall, " S1 "</p>"
        "<p>Behind the paywall, " S2 "</p></div>"
        "</div></article></body></html>";
    const char *rule;
    char *text = body_of(html, &rule);
    (void)state;
    assert_non_null(strstr(text, "\n\nBehind the paywall, " S2));
    assert_string_equal(rule, "html-content");
    free(text);
}

/* Step 7: a table row is one line, its cells apart.  Cell by cell the
 * table was a column of numbers, and the repeated ones ("5040", "0")
 * were dropped as repeats. */
static void test_table_rows(void **state)
{
    static const char html[] =
        "<html><body><article><p>" S1 "</p><p>" S2 "</p>"
        "<table><tr><th>Pos.</th><th>Driver</th><th>Points</th>"
        "<th>Wins</th></tr>"
        "<tr><td>1</td><td>Kyle Busch</td><td>5040</td><td>0</td></tr>"
        "<tr><td>2</td><td>Martin Truex Jr.</td><td>5040</td><td>0</td></tr>"
        "</table></article></body></html>";
    const char *rule;
    char *text = body_of(html, &rule);
    (void)state;
    assert_string_equal(text, S1 "\n\n" S2 "\n\nPos. Driver Points Wins\n\n"
                              "1 Kyle Busch 5040 0\n\n"
                              "2 Martin Truex Jr. 5040 0");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loose_text_between_photos),
        cmocka_unit_test(test_loose_text_scores_its_container),
        cmocka_unit_test(test_paragraph_wrappers),
        cmocka_unit_test(test_paywall_is_text),
        cmocka_unit_test(test_table_rows),
    };
    return cmocka_run_group_tests_name("html_body", tests, NULL, NULL);
}
