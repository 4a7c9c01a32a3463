/* Unit tests of indexer/input.c and walk.c: plain and gzipped files, lines,
 * directories. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "article.h"
#include "input.h"
#include "walk.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/khabar-test-input.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *name, const char *data, size_t n, int gz)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (gz) {
        gzFile f = gzopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(gzwrite(f, data, (unsigned)n), (int)n);
        assert_int_equal(gzclose(f), Z_OK);
    } else {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(data, 1, n, f), n);
        fclose(f);
    }
}

static void read_lines(const char *name, int gz)
{
    static const char data[] = "first\nsecond line\n\nlast without newline";
    static const char *const want[] = {"first", "second line", "",
                                       "last without newline"};
    char path[128], err[128];
    const char *line, *head;
    size_t n, i = 0;
    input_t *in;

    write_file(name, data, strlen(data), gz);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    in = input_open(path, err, sizeof err);
    assert_non_null(in);
    head = input_peek(in, &n);
    assert_int_equal(n, strlen(data));
    assert_memory_equal(head, "first", 5);
    while (input_getline(in, &line, &n, err, sizeof err) == 1) {
        assert_true(i < 4);
        assert_int_equal(n, strlen(want[i]));
        assert_memory_equal(line, want[i], n);
        i++;
    }
    assert_int_equal(i, 4);
    input_close(in);
}

static void test_plain_lines(void **state)
{
    (void)state;
    read_lines("plain.jsonl", 0);
}

static void test_gzip_lines(void **state)
{
    (void)state;
    read_lines("packed.jsonl.gz", 1);
}

static void test_long_lines_across_chunks(void **state)
{
    size_t len = 700 * 1024;
    char *data = malloc(2 * len + 2), path[128], err[128];
    const char *line, *all;
    size_t n;
    input_t *in;
    (void)state;
    memset(data, 'a', len);
    data[len] = '\n';
    memset(data + len + 1, 'b', len);
    data[2 * len + 1] = '\n';
    write_file("long.gz", data, 2 * len + 2, 1);
    snprintf(path, sizeof path, "%s/long.gz", dir);
    in = input_open(path, err, sizeof err);
    assert_non_null(in);
    assert_int_equal(input_getline(in, &line, &n, err, sizeof err), 1);
    assert_int_equal(n, len);
    assert_true(line[0] == 'a' && line[len - 1] == 'a');
    assert_int_equal(input_slurp(in, &all, &n, err, sizeof err), 0);
    assert_int_equal(n, len + 1);
    assert_true(all[0] == 'b');
    input_close(in);
    free(data);
}

static void test_missing_file(void **state)
{
    char err[128] = "";
    (void)state;
    assert_null(input_open("/nonexistent/khabar/file", err, sizeof err));
    assert_string_equal(err, "cannot open: No such file or directory");
}

static void test_article_files(void **state)
{
    (void)state;
    assert_true(walk_is_article_file("a.jsonl"));
    assert_true(walk_is_article_file("a.jsonl.gz"));
    assert_true(walk_is_article_file("page.html"));
    assert_true(walk_is_article_file("page.txt.gz"));
    assert_false(walk_is_article_file("README.md"));
    assert_false(walk_is_article_file("archive.gz"));
    assert_false(walk_is_article_file("jsonl"));
}

static int collect(const char *file, void *ctx)
{
    char *seen = ctx;
    strcat(seen, strrchr(file, '/') + 1);
    strcat(seen, ";");
    return 0;
}

static void no_error(const char *path, const char *msg, void *ctx)
{
    (void)ctx;
    fail_msg("%s: %s", path, msg);
}

static void test_walk_directory(void **state)
{
    char sub[128], seen[256] = "";
    (void)state;
    snprintf(sub, sizeof sub, "%s/walk", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    write_file("walk/b.txt", "x", 1, 0);
    write_file("walk/a.jsonl", "x", 1, 0);
    write_file("walk/README.md", "x", 1, 0);
    write_file("walk/.hidden.txt", "x", 1, 0);
    snprintf(sub, sizeof sub, "%s/walk/inner", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    write_file("walk/inner/c.html.gz", "x", 1, 0);
    snprintf(sub, sizeof sub, "%s/walk", dir);
    assert_int_equal(walk_inputs(sub, collect, no_error, seen), 0);
    assert_string_equal(seen, "a.jsonl;b.txt;c.html.gz;");
}

static void test_ids(void **state)
{
    article_t a = {0}, b = {0};
    (void)state;
    a.url = strdup("https://x.org/a");
    assert_int_equal(article_ensure_id(&a), 0);
    assert_string_equal(a.id, "https://x.org/a");
    article_clear(&a);
    a.url = calloc(1, KHABAR_MAX_ID_BYTES + 2);
    memset(a.url, 'u', KHABAR_MAX_ID_BYTES + 1);
    assert_int_equal(article_ensure_id(&a), 0);
    assert_int_equal(strncmp(a.id, "url-", 4), 0);
    assert_int_equal(strlen(a.id), 20);
    article_clear(&a);
    a.title = strdup("T");
    a.body = strdup("B");
    b.title = strdup("T");
    b.body = strdup("B");
    assert_int_equal(article_ensure_id(&a), 0);
    assert_int_equal(article_ensure_id(&b), 0);
    assert_string_equal(a.id, b.id);
    assert_int_equal(strncmp(a.id, "sha-", 4), 0);
    assert_int_equal(strlen(a.id), 20);
    free(b.body);
    b.body = strdup("C");
    free(b.id);
    b.id = NULL;
    assert_int_equal(article_ensure_id(&b), 0);
    assert_string_not_equal(a.id, b.id);
    article_clear(&a);
    article_clear(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_lines),
        cmocka_unit_test(test_gzip_lines),
        cmocka_unit_test(test_long_lines_across_chunks),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_article_files),
        cmocka_unit_test(test_walk_directory),
        cmocka_unit_test(test_ids),
    };
    return cmocka_run_group_tests_name("input", tests, setup, teardown);
}
