/* test_searchd_http.c - the pure parts of searchd's HTTP features:
 * access-log sanitising, Accept-Encoding and gzip, ETags and
 * If-None-Match, and the --cors origin check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "access_log.h"
#include "etag.h"
#include "gzip.h"
#include "respond.h"

struct sanitise_case {
    const char *in;
    size_t len, max;
    const char *out;
};

static const struct sanitise_case sanitise_cases[] = {
    { "/search?q=Doha", 14, 256, "/search?q=Doha" },
    { "/a b", 4, 256, "/a\\x20b" },
    { "/\x1b[31m", 6, 256, "/\\x1b[31m" },
    { "/\r\nforged", 9, 256, "/\\x0d\\x0aforged" },
    { "/\"\\", 3, 256, "/\\x22\\x5c" },
    { "/\xff\x7f", 3, 256, "/\\xff\\x7f" },
    { "/a\0b", 4, 256, "/a\\x00b" },
    { "/abcdef", 7, 4, "/abc..." },
    { "", 0, 256, "" },
};

static void
test_sanitise(void **state)
{
    char buf[ACCESS_LOG_TARGET_SIZE];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(sanitise_cases) / sizeof(sanitise_cases[0]); i++) {
        const struct sanitise_case *c = &sanitise_cases[i];

        print_message("sanitise case %zu\n", i);
        assert_string_equal(access_log_sanitise(c->in, c->len, c->max, buf,
                                                sizeof(buf)), c->out);
    }
}

/* Even the worst input fits the buffer it is promised to fit. */
static void
test_sanitise_bound(void **state)
{
    char in[1000], buf[ACCESS_LOG_TARGET_SIZE];

    (void)state;
    memset(in, '\x01', sizeof(in));
    access_log_sanitise(in, sizeof(in), ACCESS_LOG_TARGET_MAX, buf,
                        sizeof(buf));
    assert_int_equal(strlen(buf), ACCESS_LOG_TARGET_MAX * 4 + 3);
    access_log_sanitise(in, sizeof(in), sizeof(in), buf, 16);
    assert_true(strlen(buf) < 16);
}

struct accept_case {
    const char *header;
    int gzip;
};

static const struct accept_case accept_cases[] = {
    { "gzip", 1 },
    { "gzip, deflate, br", 1 },
    { "deflate, GZIP", 1 },
    { "x-gzip", 1 },
    { "gzip;q=0.5", 1 },
    { "gzip; q=0.001", 1 },
    { "*", 1 },
    { "identity", 0 },
    { "deflate, br", 0 },
    { "gzip;q=0", 0 },
    { "gzip;q=0.000", 0 },
    { "gzip;q=0, *", 0 },
    { "*;q=0", 0 },
    { "gzipx", 0 },
    { "", 0 },
    { NULL, 0 },
};

static void
test_accept_encoding(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(accept_cases) / sizeof(accept_cases[0]); i++) {
        print_message("Accept-Encoding: %s\n", accept_cases[i].header ?
                      accept_cases[i].header : "(none)");
        assert_int_equal(gzip_accepted(accept_cases[i].header),
                         accept_cases[i].gzip);
    }
}

static void
test_gzip_round_trip(void **state)
{
    char in[4096], back[4096];
    size_t len;
    uLongf back_len = sizeof(back);
    char *out;
    z_stream zs;

    (void)state;
    memset(in, 'a', sizeof(in));
    out = gzip_compress(in, sizeof(in), &len);
    assert_non_null(out);
    assert_true(len < sizeof(in));
    assert_int_equal((unsigned char)out[0], 0x1f);     /* gzip magic */
    assert_int_equal((unsigned char)out[1], 0x8b);
    memset(&zs, 0, sizeof(zs));
    assert_int_equal(inflateInit2(&zs, 15 + 16), Z_OK);
    zs.next_in = (Bytef *)out;
    zs.avail_in = (uInt)len;
    zs.next_out = (Bytef *)back;
    zs.avail_out = (uInt)back_len;
    assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
    assert_int_equal(zs.total_out, sizeof(in));
    assert_memory_equal(back, in, sizeof(in));
    inflateEnd(&zs);
    free(out);
    /* Incompressible input is refused rather than grown. */
    assert_null(gzip_compress("ab", 2, &len));
}

static void
test_etag(void **state)
{
    char tag[ETAG_SIZE], other[ETAG_SIZE];

    (void)state;
    etag_format(12, etag_hash("/search?q=a", 11), tag);
    etag_format(12, etag_hash("/search?q=b", 11), other);
    assert_string_not_equal(tag, other);
    assert_memory_equal(tag, "W/\"r12-", 7);
    etag_format(13, etag_hash("/search?q=a", 11), other);
    assert_string_not_equal(tag, other);
    /* The largest revision still fits. */
    etag_format((unsigned long)-1, UINT64_MAX, other);
    assert_true(strlen(other) < ETAG_SIZE);
}

static void
test_if_none_match(void **state)
{
    const char *tag = "W/\"r1-00000000000000ff\"";

    (void)state;
    assert_true(etag_matches("W/\"r1-00000000000000ff\"", tag));
    assert_true(etag_matches("\"r1-00000000000000ff\"", tag));   /* weak */
    assert_true(etag_matches("\"x\", W/\"r1-00000000000000ff\"", tag));
    assert_true(etag_matches(" \"x\" ,W/\"r1-00000000000000ff\" ", tag));
    assert_false(etag_matches("*", tag));
    assert_false(etag_matches("W/\"r2-00000000000000ff\"", tag));
    assert_false(etag_matches("W/\"r1-00000000000000ff", tag));
    assert_false(etag_matches("r1-00000000000000ff", tag));
    assert_false(etag_matches("", tag));
    assert_false(etag_matches(NULL, tag));
    assert_false(etag_matches("*, \"x\"", tag));
}

static void
test_cors_origin(void **state)
{
    (void)state;
    assert_true(respond_valid_origin("*"));
    assert_true(respond_valid_origin("https://news.example.org"));
    assert_true(respond_valid_origin("http://127.0.0.1:8080"));
    assert_true(respond_valid_origin("http://[::1]:8080"));
    assert_false(respond_valid_origin(""));
    assert_false(respond_valid_origin("news.example.org"));
    assert_false(respond_valid_origin("https://"));
    assert_false(respond_valid_origin("://x.org"));
    assert_false(respond_valid_origin("https://x.org\r\nSet-Cookie: a"));
    assert_false(respond_valid_origin("https://x.org/path"));
    assert_false(respond_valid_origin("https://x.org x"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sanitise),
        cmocka_unit_test(test_sanitise_bound),
        cmocka_unit_test(test_accept_encoding),
        cmocka_unit_test(test_gzip_round_trip),
        cmocka_unit_test(test_etag),
        cmocka_unit_test(test_if_none_match),
        cmocka_unit_test(test_cors_origin),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
