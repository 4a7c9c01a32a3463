/* gzip.c - Accept-Encoding and gzip output; see gzip.h. */
#include "gzip.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

/* Whether the parameters after a coding (";q=0.5"...) give it q > 0.  A
 * q-value has at most three decimals, so "0", "0.", "0.000" are zero. */
static int
positive_q(const char *params, size_t len)
{
    size_t i = 0;

    while (i < len) {
        while (i < len && (params[i] == ';' || params[i] == ' ' ||
                           params[i] == '\t'))
            i++;
        if (i + 2 <= len && (params[i] == 'q' || params[i] == 'Q') &&
            params[i + 1] == '=') {
            for (i += 2; i < len && params[i] != ';'; i++)
                if (params[i] >= '1' && params[i] <= '9')
                    return 1;
            return 0;
        }
        while (i < len && params[i] != ';')
            i++;
    }
    return 1;
}

/* Whether the coding of ITEM (LEN bytes) is NAME. */
static int
coding_is(const char *item, size_t len, const char *name)
{
    size_t n = strlen(name);

    return len >= n && strncasecmp(item, name, n) == 0 &&
           (len == n || item[n] == ';' || item[n] == ' ' || item[n] == '\t');
}

int
gzip_accepted(const char *header)
{
    int gzip = -1, star = -1;
    const char *p = header;

    if (header == NULL)
        return 0;
    while (*p != '\0') {
        size_t len;

        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        len = strcspn(p, ",");
        if (coding_is(p, len, "gzip") || coding_is(p, len, "x-gzip"))
            gzip = positive_q(p, len);
        else if (coding_is(p, len, "*"))
            star = positive_q(p, len);
        p += len;
    }
    return gzip >= 0 ? gzip : star > 0;
}

char *
gzip_compress(const char *in, size_t len, size_t *out_len)
{
    z_stream zs;
    char *out;
    uLong bound;

    memset(&zs, 0, sizeof(zs));
    if (len > 0xffffffffu ||
        deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    /* deflateBound() ignores the gzip wrapper: add its 18 bytes. */
    bound = deflateBound(&zs, (uLong)len) + 18;
    out = malloc(bound);
    if (out == NULL)
        goto fail;
    zs.next_in = (Bytef *)(uintptr_t)in;
    zs.avail_in = (uInt)len;
    zs.next_out = (Bytef *)out;
    zs.avail_out = (uInt)bound;
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END || zs.total_out >= len) {
        free(out);
        out = NULL;
        goto fail;
    }
    *out_len = zs.total_out;
fail:
    deflateEnd(&zs);
    return out;
}
