/* Unit tests of indexer/warc.c, http_payload.c and reuters21578.c: WARC
 * records through the extract sink, HTTP payload decoding, Reuters
 * elements and dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "extract_out.h"
#include "http_payload.h"
#include "reader.h"
#include "reuters21578.h"

static const char page[] =
    "<html><head><title>Envoys meet in Doha</title></head><body><article>"
    "<p>Envoys from both sides met in Doha on Friday.</p></article></body>"
    "</html>";

static void test_http_plain(void **state)
{
    char msg[512], err[256];
    http_payload_t p;
    (void)state;
    snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\nContent-Type: text/html; "
             "charset=utf-8\r\n\r\n%s", page);
    assert_int_equal(http_payload_parse(msg, strlen(msg), 1 << 20, &p, err,
                                        sizeof err), 0);
    assert_int_equal(p.status, 200);
    assert_string_equal(p.content_type, "text/html");
    assert_true(http_payload_is_html(&p));
    assert_string_equal(p.body, page);
    http_payload_free(&p);
}

static void test_http_chunked_gzip(void **state)
{
    unsigned char gz[512];
    char msg[1024], err[256];
    z_stream z = {0};
    http_payload_t p;
    int n;
    (void)state;
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
                                  Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (Bytef *)page;
    z.avail_in = (uInt)strlen(page);
    z.next_out = gz;
    z.avail_out = sizeof gz;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    n = snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip"
                 "\r\nTransfer-Encoding: chunked\r\n\r\n%lx\r\n", z.total_out);
    memcpy(msg + n, gz, z.total_out);
    memcpy(msg + n + z.total_out, "\r\n0\r\n\r\n", 7);
    assert_int_equal(http_payload_parse(msg, n + z.total_out + 7, 1 << 20, &p,
                                        err, sizeof err), 0);
    deflateEnd(&z);
    assert_true(http_payload_is_html(&p));      /* sniffed: no type */
    assert_int_equal(p.body_len, strlen(page));
    assert_memory_equal(p.body, page, p.body_len);
    http_payload_free(&p);
}

static void test_http_not_articles(void **state)
{
    static const char *const skipped[] = {
        "HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n<p>moved</p>",
        "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
    };
    static const char bad_chunks[] =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
    char err[256];
    http_payload_t p;
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(http_payload_parse(skipped[i], strlen(skipped[i]),
                                            1 << 20, &p, err, sizeof err), 0);
        assert_false(http_payload_is_html(&p));
        http_payload_free(&p);
    }
    assert_int_equal(http_payload_parse(bad_chunks, strlen(bad_chunks), 1 << 20,
                                        &p, err, sizeof err), -1);
    assert_non_null(strstr(err, "chunked"));
    http_payload_free(&p);
    assert_int_equal(http_payload_parse("GET / HTTP/1.1\r\n\r\n", 18, 100, &p,
                                        err, sizeof err), -1);
    http_payload_free(&p);
}

/* Writes RECORDS to a temporary file, reads it through the extract sink
 * into memory, and returns what came out. */
static char *extract(const char *records, size_t n, sink_t *sink)
{
    char path[] = "/tmp/khabar-test-warc.XXXXXX";
    char *out = NULL;
    size_t outlen = 0;
    int fd = mkstemp(path);
    reader_options_t options = {FORMAT_AUTO, NULL, 1 << 20};
    FILE *mem = open_memstream(&out, &outlen);

    assert_true(fd >= 0);
    assert_int_equal(write(fd, records, n), (ssize_t)n);
    close(fd);
    memset(sink, 0, sizeof *sink);
    extract_out_init(sink, mem);
    assert_int_equal(reader_read_file(path, &options, sink), 0);
    fclose(mem);
    unlink(path);
    return out;
}

static size_t record(char *to, const char *type, const char *uri,
                     const char *block, long length)
{
    return (size_t)sprintf(to, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: "
                           "%s\r\nWARC-Date: 2021-03-05T09:30:00Z\r\n"
                           "Content-Length: %ld\r\n\r\n%s\r\n\r\n", type, uri,
                           length >= 0 ? length : (long)strlen(block), block);
}

static void test_warc_records(void **state)
{
    char block[1024], warc[8192], *out;
    size_t n = 0;
    sink_t sink;
    (void)state;
    snprintf(block, sizeof block, "HTTP/1.1 200 OK\r\nContent-Type: text/html"
             "\r\n\r\n%s", page);
    n += record(warc + n, "warcinfo", "", "software: test\r\n", -1);
    n += record(warc + n, "response", "https://a.example/1", block, -1);
    n += record(warc + n, "response", "https://a.example/liar", block, 9999);
    n += record(warc + n, "request", "https://a.example/2", "GET / HTTP/1.1\r\n", -1);
    n += record(warc + n, "response", "https://a.example/2", block, -1);
    out = extract(warc, n, &sink);
    assert_int_equal(sink.extracted, 2);
    assert_int_equal(sink.skipped, 2);
    assert_int_equal(sink.rejected, 1);
    assert_non_null(strstr(out, "\"url\":\"https://a.example/1\""));
    assert_non_null(strstr(out, "\"url\":\"https://a.example/2\""));
    assert_non_null(strstr(out, "\"date\":\"2021-03-05T09:30:00Z\""));
    free(out);
}

static void test_reuters(void **state)
{
    static const char el[] =
        "<REUTERS NEWID=\"7\">\n<DATE> 5-MAR-1987 09:01:52.31</DATE>\n"
        "<TEXT>&#2;\n<TITLE>A &amp; B</TITLE>\n<DATELINE>  PARIS, March 5 - "
        "</DATELINE><BODY>First line\nwraps.\n    Second.\n Reuter\n&#3;</BODY>"
        "</TEXT>\n</REUTERS>\n";
    static const struct { const char *in, *out; } dates[] = {
        {"26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"},
        {" 2-MAR-1987 09:01:52.31\t\t\tF", "1987-03-02T09:01:52"},
        {"19-MAR-1987 110:01:00.00", "1987-03-19"},
    };
    article_t a = {0};
    char err[256], iso[32];
    (void)state;
    assert_int_equal(reuters21578_parse(el, strlen(el), &a, err, sizeof err), 0);
    assert_string_equal(a.id, "reuters21578-7");
    assert_string_equal(a.title, "A & B");
    assert_string_equal(a.date, "1987-03-05T09:01:52");
    assert_string_equal(a.body, "PARIS, March 5 - First line wraps.\n\nSecond.");
    article_clear(&a);
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        assert_int_equal(reuters21578_date(dates[i].in, iso), 0);
        assert_string_equal(iso, dates[i].out);
    }
    assert_int_equal(reuters21578_date("31-FEB-1987", iso), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_http_plain),
        cmocka_unit_test(test_http_chunked_gzip),
        cmocka_unit_test(test_http_not_articles),
        cmocka_unit_test(test_warc_records),
        cmocka_unit_test(test_reuters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
