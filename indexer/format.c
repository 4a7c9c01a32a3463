/* format.c - naming and sniffing input formats. */
#include "format.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

int format_from_name(const char *name)
{
    static const char *const names[] = {"auto", "jsonl", "html",
                                        "text", "warc",  "reuters"};

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return (int)i;
    return -1;
}

static int starts(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && strncasecmp(s, prefix, k) == 0;
}

input_format_t format_sniff(const char *head, size_t n)
{
    size_t i = 0;

    if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < n && head[i] && strchr(" \t\r\n", head[i]))
        i++;
    /* WARC records start at the very first byte; the others may follow
     * white space. */
    if (starts(head, n, "WARC/1."))
        return FORMAT_WARC;
    if (starts(head + i, n - i, "<!DOCTYPE lewis") ||
        starts(head + i, n - i, "<REUTERS"))
        return FORMAT_REUTERS;
    if (i < n && head[i] == '{')
        return FORMAT_JSONL;
    if (i < n && head[i] == '<')
        return FORMAT_HTML;
    return FORMAT_TEXT;
}

int format_not_text(const char *head, size_t n, char *why, size_t whylen)
{
    const char *nul;

    if ((n >= 2 && (memcmp(head, "\xff\xfe", 2) == 0 ||
                    memcmp(head, "\xfe\xff", 2) == 0)) ||
        (n >= 4 && memcmp(head, "\0\0\xfe\xff", 4) == 0)) {
        snprintf(why, whylen, "unsupported encoding: the page is UTF-16 or "
                 "UTF-32 (byte order mark); convert it to UTF-8");
        return 1;
    }
    /* Text never holds NUL bytes; images, PDFs and archives do, early. */
    if ((nul = memchr(head, '\0', n))) {
        snprintf(why, whylen, "binary data, not text (NUL byte at offset %zu)",
                 (size_t)(nul - head));
        return 1;
    }
    return 0;
}
