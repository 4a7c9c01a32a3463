/* test_searchd_auth.c - the bearer token of --token-file: reading the
 * file (modes, trimming, what is refused), the Authorization header, the
 * comparison and the --token-for list. */
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

#include "auth.h"

struct token_case {
    const char *text;
    const char *token;          /* NULL: refused */
};

static const struct token_case token_cases[] = {
    { "abc", "abc" },
    { "  abc\n", "abc" },
    { "\t\r\nkh-7Qd9_x2+Lw/0Zp.VtR~ms==\r\n\n", "kh-7Qd9_x2+Lw/0Zp.VtR~ms==" },
    { "", NULL },
    { " \n\t", NULL },
    { "ab c", NULL },
    { "ab\x01" "c", NULL },
    { "ab\x7f", NULL },
    { "caf\xc3\xa9", NULL },
};

static void
test_token_parse(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(token_cases) / sizeof(token_cases[0]); i++) {
        const struct token_case *c = &token_cases[i];
        const char *start = NULL, *why = NULL;
        size_t len = 0;
        int r = auth_token_parse(c->text, strlen(c->text), &start, &len, &why);

        print_message("token case %zu\n", i);
        if (c->token == NULL) {
            assert_int_equal(r, -1);
            assert_non_null(why);
            continue;
        }
        assert_int_equal(r, 0);
        assert_int_equal(len, strlen(c->token));
        assert_memory_equal(start, c->token, len);
    }
}

struct bearer_case {
    const char *header;
    const char *token;          /* NULL: no bearer token */
};

static const struct bearer_case bearer_cases[] = {
    { "Bearer abc", "abc" },
    { "bearer abc", "abc" },
    { "BEARER   abc  ", "abc" },
    { "Bearer abc\t", "abc" },
    { "Bearer", NULL },
    { "Bearer ", NULL },
    { "Bearerabc", NULL },
    { "Basic abc", NULL },
    { "Bear abc", NULL },
    { "", NULL },
};

static void
test_bearer(void **state)
{
    size_t i, len;
    const char *token;

    (void)state;
    assert_int_equal(auth_bearer(NULL, &token, &len), -1);
    for (i = 0; i < sizeof(bearer_cases) / sizeof(bearer_cases[0]); i++) {
        const struct bearer_case *c = &bearer_cases[i];
        int r = auth_bearer(c->header, &token, &len);

        print_message("bearer case %zu\n", i);
        if (c->token == NULL) {
            assert_int_equal(r, -1);
            continue;
        }
        assert_int_equal(r, 0);
        assert_int_equal(len, strlen(c->token));
        assert_memory_equal(token, c->token, len);
    }
}

static void
test_equal(void **state)
{
    (void)state;
    assert_true(auth_equal("secret", 6, "secret", 6));
    assert_false(auth_equal("secret", 6, "secreT", 6));
    assert_false(auth_equal("secret", 6, "Secret", 6));
    assert_false(auth_equal("secret", 6, "secre", 5));
    assert_false(auth_equal("secret", 6, "secrets", 7));
    /* A guess that is the token followed by NULs is still wrong. */
    assert_false(auth_equal("secret", 6, "secret\0", 7));
    assert_false(auth_equal("secret", 6, "", 0));
}

static void
test_scope(void **state)
{
    (void)state;
    assert_true(auth_scope_valid("all"));
    assert_true(auth_scope_valid("export"));
    assert_true(auth_scope_valid("export,metrics,page"));
    assert_false(auth_scope_valid("healthz"));
    assert_false(auth_scope_valid("export,healthz"));
    assert_false(auth_scope_valid(""));
    assert_false(auth_scope_valid("export,"));
    assert_false(auth_scope_valid(",export"));
    assert_false(auth_scope_valid("Export"));
    assert_false(auth_scope_valid("all,export"));
}

/* Writes TEXT to a new temporary file with MODE; its path in PATH. */
static void
make_file(char *path, const char *text, mode_t mode)
{
    int fd;

    strcpy(path, "/tmp/khabar-test-auth.XXXXXX");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    assert_int_equal(close(fd), 0);
    assert_int_equal(chmod(path, mode), 0);
}

struct file_case {
    const char *text;
    mode_t mode;
    const char *token;          /* NULL: refused */
};

static const struct file_case file_cases[] = {
    { "tok-1\n", 0600, "tok-1" },
    { "tok-1\n", 0640, "tok-1" },
    { "tok-1\n", 0400, "tok-1" },
    { "tok-1\n", 0644, NULL },
    { "tok-1\n", 0604, NULL },
    { "tok-1\n", 0602, NULL },
    { "", 0600, NULL },
    { "\n\n", 0600, NULL },
};

static void
test_read_file(void **state)
{
    char path[64];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(file_cases) / sizeof(file_cases[0]); i++) {
        const struct file_case *c = &file_cases[i];
        char *token = NULL;
        int r;

        print_message("file case %zu (mode %04o)\n", i, (unsigned)c->mode);
        make_file(path, c->text, c->mode);
        r = auth_read_file(path, &token);
        unlink(path);
        if (c->token == NULL) {
            assert_int_equal(r, -1);
            assert_null(token);
            continue;
        }
        assert_int_equal(r, 0);
        assert_string_equal(token, c->token);
        free(token);
    }
}

static void
test_read_file_limits(void **state)
{
    char path[64], *big, *token = NULL;

    (void)state;
    big = malloc(AUTH_FILE_MAX + 2);
    assert_non_null(big);
    memset(big, 'a', AUTH_FILE_MAX + 1);
    big[AUTH_FILE_MAX + 1] = '\0';
    make_file(path, big, 0600);
    assert_int_equal(auth_read_file(path, &token), -1);
    unlink(path);
    big[AUTH_FILE_MAX] = '\0';
    make_file(path, big, 0600);
    assert_int_equal(auth_read_file(path, &token), 0);
    assert_int_equal(strlen(token), AUTH_FILE_MAX);
    free(token);
    unlink(path);
    free(big);
    assert_int_equal(auth_read_file("/nonexistent/khabar-token", &token), -1);
    assert_int_equal(auth_read_file("/tmp", &token), -1);
    /* No file: nothing is required, which auth_init() accepts. */
    assert_int_equal(auth_init(NULL, NULL), 0);
    auth_fini();
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_token_parse),
        cmocka_unit_test(test_bearer),
        cmocka_unit_test(test_equal),
        cmocka_unit_test(test_scope),
        cmocka_unit_test(test_read_file),
        cmocka_unit_test(test_read_file_limits),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
