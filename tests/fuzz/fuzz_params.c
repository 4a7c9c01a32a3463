/* fuzz_params.c - what searchd parses from a request before any handler
 * trusts it: integers (params_parse_uint(), e.g. page= and size=), the
 * --listen address and the URL made of it, date bounds
 * (khabar_query_date_is_valid(), from= and to=), Accept-Encoding
 * (gzip_accepted()) and If-None-Match (etag_matches()).  The first byte
 * picks the parser, so that one corpus covers them all. */
#include "etag.h"
#include "fuzz_common.h"
#include "gzip.h"
#include "params.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse_uint(const char *s, uint8_t bits)
{
    static const unsigned long bounds[][2] = {
        {1, 100000}, {1, 100}, {0, 65535}, {0, (unsigned long)-1},
    };
    unsigned long min = bounds[bits % 4][0], max = bounds[bits % 4][1];
    unsigned long out = 12345;

    if (params_parse_uint(s, min, max, &out) == 0) {
        char again[32];
        FUZZ_ASSERT(out >= min && out <= max);
        /* One spelling per value: it prints back as it was given. */
        snprintf(again, sizeof again, "%lu", out);
        FUZZ_ASSERT(strcmp(again, s) == 0);
    } else {
        FUZZ_ASSERT(out == 12345);
    }
}

static void parse_listen(const char *s)
{
    struct params_listen l;
    char url[128];

    if (params_parse_listen(s, &l) == 0) {
        FUZZ_ASSERT(l.family == AF_INET || l.family == AF_INET6);
        FUZZ_ASSERT(l.port <= 65535);
        if (params_format_url(&l, l.port, url, sizeof url) == 0)
            FUZZ_ASSERT(memchr(url, '\0', sizeof url) != NULL);
        (void)params_format_url(&l, l.port, url, 8);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s;
    char tag[ETAG_SIZE];

    if (size == 0)
        return 0;
    s = fuzz_cstr(data + 1, size - 1);
    switch (data[0] % 5) {
    case 0:
        parse_uint(s, data[0] / 5);
        break;
    case 1:
        parse_listen(s);
        break;
    case 2:
        (void)khabar_query_date_is_valid(s);
        break;
    case 3:
        (void)gzip_accepted(s);
        break;
    default:
        etag_format(data[0], etag_hash((const char *)data, size), tag);
        (void)etag_matches(s, tag);
        break;
    }
    free(s);
    return 0;
}
