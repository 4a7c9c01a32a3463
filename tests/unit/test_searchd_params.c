/* test_searchd_params.c - strict integer and listen-address parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "params.h"

struct uint_case {
    const char *text;
    unsigned long min, max;
    int ok;
    unsigned long value;
};

static const struct uint_case uint_cases[] = {
    /* page: 1..100000 */
    { "1", 1, 100000, 1, 1 },
    { "2", 1, 100000, 1, 2 },
    { "99999", 1, 100000, 1, 99999 },
    { "100000", 1, 100000, 1, 100000 },
    { "100001", 1, 100000, 0, 0 },
    { "0", 1, 100000, 0, 0 },
    /* size: 1..100 */
    { "10", 1, 100, 1, 10 },
    { "100", 1, 100, 1, 100 },
    { "101", 1, 100, 0, 0 },
    /* malformed, whatever the range */
    { "", 1, 100, 0, 0 },
    { "-1", 1, 100, 0, 0 },
    { "-0", 0, 100, 0, 0 },
    { "+5", 1, 100, 0, 0 },
    { "10x", 1, 100, 0, 0 },
    { "x10", 1, 100, 0, 0 },
    { " 5", 1, 100, 0, 0 },
    { "5 ", 1, 100, 0, 0 },
    { "0x10", 1, 100, 0, 0 },
    { "1e2", 1, 100, 0, 0 },
    { "5.0", 1, 100, 0, 0 },
    { "05", 1, 100, 0, 0 },
    { "99999999999999999999", 1, 100000, 0, 0 },
    { "18446744073709551616", 0, (unsigned long)-1, 0, 0 },
    /* the whole range of unsigned long, without overflow */
    { "0", 0, 65535, 1, 0 },
    { "65535", 0, 65535, 1, 65535 },
    { "65536", 0, 65535, 0, 0 },
    { "9", 0, 5, 0, 0 },
};

static void
test_parse_uint(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(uint_cases) / sizeof(uint_cases[0]); i++) {
        const struct uint_case *c = &uint_cases[i];
        unsigned long value = 4242;
        int ret = params_parse_uint(c->text, c->min, c->max, &value);

        print_message("uint case \"%s\" in %lu..%lu\n", c->text, c->min,
                      c->max);
        if (c->ok) {
            assert_int_equal(ret, 0);
            assert_int_equal(value, c->value);
        } else {
            assert_int_equal(ret, -1);
            assert_int_equal(value, 4242);     /* untouched on failure */
        }
    }
}

static void
test_parse_uint_max_ulong(void **state)
{
    unsigned long value = 0;
    char text[32];

    (void)state;
    snprintf(text, sizeof(text), "%lu", (unsigned long)-1);
    assert_int_equal(params_parse_uint(text, 0, (unsigned long)-1, &value), 0);
    assert_true(value == (unsigned long)-1);
    assert_int_equal(params_parse_uint(NULL, 0, 10, &value), -1);
}

struct listen_case {
    const char *text;
    int ok;
    int family;
    const char *host;           /* as inet_ntop writes it */
    unsigned port;
    const char *url;
};

static const struct listen_case listen_cases[] = {
    { "127.0.0.1:8080", 1, AF_INET, "127.0.0.1", 8080,
      "http://127.0.0.1:8080/" },
    { "127.0.0.1:0", 1, AF_INET, "127.0.0.1", 0, "http://127.0.0.1:0/" },
    { "0.0.0.0:80", 1, AF_INET, "0.0.0.0", 80, "http://0.0.0.0:80/" },
    { "10.1.2.3:65535", 1, AF_INET, "10.1.2.3", 65535,
      "http://10.1.2.3:65535/" },
    { "[::1]:8080", 1, AF_INET6, "::1", 8080, "http://[::1]:8080/" },
    { "[::]:0", 1, AF_INET6, "::", 0, "http://[::]:0/" },
    /* names need a resolver: refused, as is an empty host */
    { "localhost:80", 0, 0, NULL, 0, NULL },
    { ":80", 0, 0, NULL, 0, NULL },
    { "1.2.3.4:99999", 0, 0, NULL, 0, NULL },
    { "1.2.3.4:65536", 0, 0, NULL, 0, NULL },
    { "1.2.3.4:", 0, 0, NULL, 0, NULL },
    { "1.2.3.4:-1", 0, 0, NULL, 0, NULL },
    { "1.2.3.4:+80", 0, 0, NULL, 0, NULL },
    { "1.2.3.4:80x", 0, 0, NULL, 0, NULL },
    { "1.2.3.4", 0, 0, NULL, 0, NULL },
    { "1.2.3:80", 0, 0, NULL, 0, NULL },
    { "256.1.1.1:80", 0, 0, NULL, 0, NULL },
    { "::1:80", 0, 0, NULL, 0, NULL },
    { "[::1]80", 0, 0, NULL, 0, NULL },
    { "[::1:80", 0, 0, NULL, 0, NULL },
    { "[]:80", 0, 0, NULL, 0, NULL },
    { "[127.0.0.1]:80", 0, 0, NULL, 0, NULL },
    { "nonsense", 0, 0, NULL, 0, NULL },
    { "", 0, 0, NULL, 0, NULL },
};

/* Checks that OUT holds the address and port case C expects. */
static void
check_address(const struct listen_case *c, const struct params_listen *out)
{
    char host[INET6_ADDRSTRLEN], url[96];
    const void *raw;
    unsigned port;

    assert_int_equal(out->family, c->family);
    if (c->family == AF_INET) {
        const struct sockaddr_in *sin = (const void *)&out->addr;

        assert_int_equal(sin->sin_family, AF_INET);
        assert_int_equal(out->addrlen, sizeof(*sin));
        raw = &sin->sin_addr;
        port = ntohs(sin->sin_port);
    } else {
        const struct sockaddr_in6 *sin6 = (const void *)&out->addr;

        assert_int_equal(sin6->sin6_family, AF_INET6);
        assert_int_equal(out->addrlen, sizeof(*sin6));
        raw = &sin6->sin6_addr;
        port = ntohs(sin6->sin6_port);
    }
    assert_non_null(inet_ntop(c->family, raw, host, sizeof(host)));
    assert_string_equal(host, c->host);
    assert_int_equal(port, c->port);
    assert_int_equal(out->port, c->port);
    assert_int_equal(params_format_url(out, c->port, url, sizeof(url)), 0);
    assert_string_equal(url, c->url);
}

static void
test_parse_listen(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(listen_cases) / sizeof(listen_cases[0]); i++) {
        const struct listen_case *c = &listen_cases[i];
        struct params_listen out;
        int ret;

        print_message("listen case \"%s\"\n", c->text);
        memset(&out, 0, sizeof(out));
        ret = params_parse_listen(c->text, &out);
        if (!c->ok) {
            assert_int_equal(ret, -1);
            continue;
        }
        assert_int_equal(ret, 0);
        check_address(c, &out);
    }
}

static void
test_format_url_too_small(void **state)
{
    struct params_listen out;
    char url[24];

    (void)state;
    assert_int_equal(params_parse_listen("127.0.0.1:8080", &out), 0);
    /* "http://127.0.0.1:8080/" is 22 bytes, 23 with its NUL;
     * "http://127.0.0.1:65535/" is 23, 24 with its NUL. */
    assert_int_equal(params_format_url(&out, 8080, url, 22), -1);
    assert_int_equal(params_format_url(&out, 8080, url, 23), 0);
    assert_string_equal(url, "http://127.0.0.1:8080/");
    assert_int_equal(params_format_url(&out, 65535, url, 23), -1);
    assert_int_equal(params_format_url(&out, 65535, url, 24), 0);
    assert_string_equal(url, "http://127.0.0.1:65535/");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_uint),
        cmocka_unit_test(test_parse_uint_max_ulong),
        cmocka_unit_test(test_parse_listen),
        cmocka_unit_test(test_format_url_too_small),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
