/* page_text.c - scraped plain-text pages: headline, then body paragraphs.
 *
 * Scrapers flatten a page to one line per block: site chrome first ("Skip
 * to main content", "Latest news"), then the headline, the paragraphs
 * (sometimes twice: once from the page, once from a print or AMP copy), and
 * share buttons last.  Each line is a paragraph. */
#include "page_text.h"
#include "dates.h"
#include "paragraphs.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { HEADLINE_MIN_WORDS = 2, HEADLINE_MAX_WORDS = 30, DATELINE_BYTES = 300 };

static int looks_like_headline(const char *line)
{
    size_t words = text_word_count(line);
    size_t n = strlen(line);

    return words >= HEADLINE_MIN_WORDS && words <= HEADLINE_MAX_WORDS &&
           !paragraphs_is_chrome(line) && !(n > 0 && line[n - 1] == '.');
}

/* The next line of TEXT at *POS, squeezed; NULL at the end (or when memory
 * ran out, which *OOM says). */
static char *next_line(const char *text, size_t n, size_t *pos, int *oom)
{
    const char *start, *end;
    char *line;

    if (*pos >= n)
        return NULL;
    start = text + *pos;
    end = memchr(start, '\n', n - *pos);
    if (!end)
        end = text + n;
    *pos = (size_t)(end - text) + 1;
    line = text_squeeze(start, (size_t)(end - start));
    if (!line)
        *oom = 1;
    return line;
}

/* The date of a dateline in the body's first lines ("KABUL, March 27,
 * 2017 -"), and the rules that found each field. */
static int note_extraction(article_t *out, char *err, size_t errlen)
{
    extraction_t e = {"text-headline", NULL, NULL, "text-lines",
                      NULL,            NULL, NULL};
    char day[11];

    if (date_find(out->body, DATELINE_BYTES, day) == 0 &&
        (out->date = strdup(day)))
        e.date = "text-dateline";
    if (article_set_extraction(out, &e) < 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

int page_text_extract(const char *text, size_t n, article_t *out, char *err,
                      size_t errlen)
{
    paragraphs_t body = {0};
    size_t pos = 0;
    int oom = 0;
    char *line;

    while ((line = next_line(text, n, &pos, &oom))) {
        if (!out->title && looks_like_headline(line)) {
            out->title = line;
            continue;
        }
        if (out->title && strcasecmp(line, out->title) != 0 &&
            paragraphs_add(&body, line, strlen(line)) < 0)
            oom = 1;
        free(line);
        if (oom)
            break;
    }
    paragraphs_trim_tail(&body);
    if (!oom)
        out->body = paragraphs_join(&body);
    paragraphs_free(&body);
    if (oom || !out->body) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (!out->title || !*out->body) {
        snprintf(err, errlen, "no headline and body found in the page");
        return -1;
    }
    return note_extraction(out, err, errlen);
}
