/* format.c - naming and sniffing input formats. */
#include "format.h"

#include <string.h>

int format_from_name(const char *name)
{
    static const char *const names[] = {"auto", "jsonl", "html", "text"};

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return (int)i;
    return -1;
}

input_format_t format_sniff(const char *head, size_t n)
{
    size_t i = 0;

    if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < n && head[i] && strchr(" \t\r\n", head[i]))
        i++;
    if (i < n && head[i] == '{')
        return FORMAT_JSONL;
    if (i < n && head[i] == '<')
        return FORMAT_HTML;
    return FORMAT_TEXT;
}
