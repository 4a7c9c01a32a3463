/* test_searchd_respond.c - the JSON bodies and the HTTP responses that
 * searchd's respond module builds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <jansson.h>
#include <microhttpd.h>

#include "respond.h"

/* Parses TEXT, checks it is exactly {"error":{"code":CODE,"message":MESSAGE}}
 * and nothing more. */
static void
check_error_json(const char *text, const char *code, const char *message)
{
    json_error_t err;
    json_t *root = json_loads(text, 0, &err), *error;

    assert_non_null(root);
    assert_int_equal(json_object_size(root), 1);
    error = json_object_get(root, "error");
    assert_true(json_is_object(error));
    assert_int_equal(json_object_size(error), 2);
    assert_string_equal(json_string_value(json_object_get(error, "code")),
                        code);
    assert_string_equal(json_string_value(json_object_get(error, "message")),
                        message);
    json_decref(root);
}

static void
test_error_body_shape(void **state)
{
    json_t *body = respond_error_body("bad_parameter",
                                      "parameter 'size' must be an integer "
                                      "from 1 to 100");
    char *text;
    size_t len;

    (void)state;
    assert_non_null(body);
    text = respond_encode(body, &len);
    assert_non_null(text);
    assert_int_equal(len, strlen(text));
    assert_string_equal(text, "{\"error\":{\"code\":\"bad_parameter\","
                        "\"message\":\"parameter 'size' must be an integer "
                        "from 1 to 100\"}}\n");
    check_error_json(text, "bad_parameter",
                     "parameter 'size' must be an integer from 1 to 100");
    free(text);
    json_decref(body);
}

static void
test_escaping(void **state)
{
    static const char message[] =
        "say \"hi\" <script>alert('x')</script> & a\\b\nnext\ttab \x01";
    json_t *body = respond_error_body("query_syntax", message);
    char *text;
    size_t len;

    (void)state;
    assert_non_null(body);
    text = respond_encode(body, &len);
    assert_non_null(text);
    /* No markup and no raw control character survives; only the final
     * newline is a real one. */
    assert_null(strchr(text, '<'));
    assert_null(strchr(text, '>'));
    assert_null(strchr(text, '&'));
    assert_null(strchr(text, '\t'));
    assert_null(strchr(text, '\x01'));
    assert_ptr_equal(strchr(text, '\n'), text + len - 1);
    assert_non_null(strstr(text, "say \\\"hi\\\" "));
    assert_non_null(strstr(text, "\\u003cscript\\u003ealert('x')"
                           "\\u003c/script\\u003e \\u0026 a\\\\b\\nnext"));
    /* ...and it parses back to exactly what went in. */
    check_error_json(text, "query_syntax", message);
    free(text);
    json_decref(body);
}

static void
test_utf8(void **state)
{
    /* "news" in Arabic, Urdu and Hindi: kept as UTF-8, not \u-escaped. */
    static const char message[] = "\xd8\xae\xd8\xa8\xd8\xb1 "
                                  "\xe0\xa4\x96\xe0\xa4\xac\xe0\xa4\xb0";
    json_t *body = respond_error_body("x", message);
    char *text;
    size_t len;

    (void)state;
    assert_non_null(body);
    text = respond_encode(body, &len);
    assert_non_null(text);
    assert_non_null(strstr(text, message));
    check_error_json(text, "x", message);
    free(text);
    json_decref(body);
    /* Invalid UTF-8 cannot become a JSON string at all. */
    assert_null(respond_error_body("x", "bad \xff\xfe byte"));
    assert_null(respond_error_body("x", NULL));
}

/* ---- the HTTP side: a daemon whose handler calls respond_*() ---- */

static enum MHD_Result
handler(void *cls, struct MHD_Connection *connection, const char *url,
        const char *method, const char *version, const char *upload_data,
        size_t *upload_data_size, void **request_state)
{
    static const unsigned long revision = 42;

    (void)cls; (void)method; (void)version; (void)upload_data;
    (void)upload_data_size; (void)request_state;
    if (strcmp(url, "/json") == 0)
        return respond_json(connection, MHD_HTTP_OK,
                            json_pack("{s:s}", "html", "<b>&</b>"),
                            &revision);
    if (strcmp(url, "/null") == 0)
        return respond_json(connection, MHD_HTTP_OK, NULL, &revision);
    if (strcmp(url, "/bad") == 0)
        return respond_error(connection, MHD_HTTP_BAD_REQUEST,
                             "bad_parameter", "parameter 'page' is bad");
    if (strcmp(url, "/405") == 0)
        return respond_method_not_allowed(connection);
    return respond_no_such_resource(connection);
}

static struct MHD_Daemon *
start_daemon(unsigned *port)
{
    struct MHD_Daemon *daemon;
    const union MHD_DaemonInfo *info;

    daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
                              MHD_USE_ERROR_LOG, 0, NULL, NULL, handler,
                              NULL, MHD_OPTION_END);
    assert_non_null(daemon);
    info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    assert_non_null(info);
    *port = info->port;
    assert_true(*port != 0);
    return daemon;
}

/* Sends "METHOD PATH HTTP/1.0" to PORT and returns the whole response,
 * head and body, as a malloc()ed string. */
static char *
fetch(unsigned port, const char *method, const char *path)
{
    struct sockaddr_in sin;
    char request[256], *buf;
    size_t len = 0, cap = 65536;
    ssize_t n;
    int fd;

    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_port = htons((unsigned short)port);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    assert_int_equal(connect(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
    n = snprintf(request, sizeof(request), "%s %s HTTP/1.0\r\n"
                 "Host: 127.0.0.1\r\n\r\n", method, path);
    assert_true(n > 0 && (size_t)n < sizeof(request));
    assert_int_equal(write(fd, request, (size_t)n), n);
    buf = malloc(cap);
    assert_non_null(buf);
    while ((n = read(fd, buf + len, cap - 1 - len)) > 0)
        len += (size_t)n;
    assert_int_equal(n, 0);
    buf[len] = '\0';
    close(fd);
    return buf;
}

/* Checks the headers every response must carry.  Errors are never stored;
 * successful answers (those with a revision) may be, but are revalidated. */
static void
check_common_headers(const char *response)
{
    int ok = strstr(response, "\r\nX-Khabar-Revision: ") != NULL;

    assert_non_null(strstr(response, "\r\nContent-Type: application/json; "
                           "charset=utf-8\r\n"));
    assert_non_null(strstr(response, ok ? "\r\nCache-Control: no-cache\r\n"
                           : "\r\nCache-Control: no-store\r\n"));
    assert_non_null(strstr(response, "\r\nVary: Accept-Encoding\r\n"));
    assert_non_null(strstr(response, "\r\nX-Content-Type-Options: "
                           "nosniff\r\n"));
}

static const char *
body_of(const char *response)
{
    const char *body = strstr(response, "\r\n\r\n");

    assert_non_null(body);
    return body + 4;
}

static void
test_http_responses(void **state)
{
    unsigned port;
    struct MHD_Daemon *daemon = start_daemon(&port);
    char *r;

    (void)state;
    r = fetch(port, "GET", "/json");
    assert_memory_equal(r, "HTTP/1.", 7);
    assert_memory_equal(r + 8, " 200 ", 5);
    check_common_headers(r);
    assert_non_null(strstr(r, "\r\nX-Khabar-Revision: 42\r\n"));
    assert_string_equal(body_of(r), "{\"html\":\"\\u003cb\\u003e\\u0026"
                        "\\u003c/b\\u003e\"}\n");
    free(r);

    r = fetch(port, "GET", "/bad");
    assert_memory_equal(r + 8, " 400 ", 5);
    check_common_headers(r);
    assert_null(strstr(r, "X-Khabar-Revision"));
    check_error_json(body_of(r), "bad_parameter", "parameter 'page' is bad");
    free(r);

    r = fetch(port, "DELETE", "/405");
    assert_memory_equal(r + 8, " 405 ", 5);
    check_common_headers(r);
    assert_non_null(strstr(r, "\r\nAllow: GET, HEAD\r\n"));
    check_error_json(body_of(r), "method_not_allowed",
                     "only GET and HEAD are allowed");
    free(r);

    r = fetch(port, "GET", "/%3Cscript%3E");
    assert_memory_equal(r + 8, " 404 ", 5);
    check_common_headers(r);
    assert_null(strstr(r, "script"));
    check_error_json(body_of(r), "not_found", "no such resource");
    free(r);

    /* A body that could not be built turns into a bare 500. */
    r = fetch(port, "GET", "/null");
    assert_memory_equal(r + 8, " 500 ", 5);
    check_common_headers(r);
    check_error_json(body_of(r), "internal", "internal error");
    free(r);

    MHD_stop_daemon(daemon);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_body_shape),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_http_responses),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
