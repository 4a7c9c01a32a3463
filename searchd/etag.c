/* etag.c - entity tags and If-None-Match; see etag.h. */
#include "etag.h"

#include <stdio.h>
#include <string.h>

uint64_t
etag_hash(const char *text, size_t len)
{
    uint64_t hash = UINT64_C(14695981039346656037);
    size_t i;

    for (i = 0; i < len; i++) {
        hash ^= (unsigned char)text[i];
        hash *= UINT64_C(1099511628211);
    }
    return hash;
}

void
etag_format(unsigned long revision, uint64_t hash, char *buf)
{
    /* At most 2 + 1 + 20 + 1 + 16 + 1 + NUL bytes: it always fits. */
    snprintf(buf, ETAG_SIZE, "W/\"r%lu-%016llx\"", revision,
             (unsigned long long)hash);
}

static const char *
skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* The opaque part of TAG, the quoted string after any "W/". */
static const char *
opaque(const char *tag)
{
    return strncmp(tag, "W/", 2) == 0 ? tag + 2 : tag;
}

int
etag_matches(const char *header, const char *tag)
{
    const char *want = opaque(tag), *p;
    size_t want_len = strlen(want);

    if (header == NULL)
        return 0;
    /* "*" is not honoured: it would turn a request for an article that
     * does not exist into a 304 before the article is looked up. */
    p = skip_space(header);
    while (*p != '\0') {
        const char *end;

        p = opaque(p);
        if (*p != '"')
            return 0;
        end = strchr(p + 1, '"');
        if (end == NULL)
            return 0;
        if ((size_t)(end + 1 - p) == want_len &&
            memcmp(p, want, want_len) == 0)
            return 1;
        p = skip_space(end + 1);
        if (*p != ',' && *p != '\0')
            return 0;
        if (*p == ',')
            p = skip_space(p + 1);
    }
    return 0;
}
