/* auth.c - the bearer token of --token-file; see auth.h. */
#include "auth.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "respond.h"

/* The route names --token-for takes.  A route's name is the first segment
 * of its label in server.c ("/similar/{id}" is "similar"); the web page
 * ("/") and its files ("/static/{name}") are "page". */
static const char *const scope_names[] = {
    "search", "article", "similar", "timeline", "export", "suggest",
    "stats", "metrics", "page",
};
#define SCOPE_COUNT (sizeof(scope_names) / sizeof(scope_names[0]))

static char *token;             /* NULL: no token is required */
static size_t token_len;
static int scope_all;           /* every route but /healthz */
static unsigned char scope[SCOPE_COUNT];

/* The index in scope_names of the name NAME (LEN bytes), or -1. */
static int
scope_index(const char *name, size_t len)
{
    size_t i;

    for (i = 0; i < SCOPE_COUNT; i++)
        if (strlen(scope_names[i]) == len &&
            memcmp(scope_names[i], name, len) == 0)
            return (int)i;
    return -1;
}

/* Parses LIST into SCOPE_ALL and SCOPE (when SET), or only checks it; 1
 * when it is valid, else 0 (logged). */
static int
scope_parse(const char *list, int set)
{
    const char *p = list;

    if (strcmp(list, "all") == 0) {
        if (set)
            scope_all = 1;
        return 1;
    }
    for (;;) {
        size_t len = strcspn(p, ",");
        int i = scope_index(p, len);

        if (len == 7 && memcmp(p, "healthz", 7) == 0) {
            log_error("--token-for: /healthz never needs the token (it is "
                      "for monitoring probes)");
            return 0;
        }
        if (i < 0) {
            log_error("--token-for must be 'all' or a comma-separated list "
                      "of: search, article, similar, timeline, export, "
                      "suggest, stats, metrics, page");
            return 0;
        }
        if (set)
            scope[i] = 1;
        if (p[len] == '\0')
            return 1;
        p += len + 1;
    }
}

int
auth_scope_valid(const char *list)
{
    return scope_parse(list, 0);
}

static int
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

int
auth_token_parse(const char *text, size_t len, const char **start,
                 size_t *token_len_out, const char **why)
{
    size_t i;

    while (len > 0 && is_space(*text)) {
        text++;
        len--;
    }
    while (len > 0 && is_space(text[len - 1]))
        len--;
    if (len == 0) {
        *why = "holds no token (it is empty or only whitespace)";
        return -1;
    }
    /* Visible ASCII only: what a client can send in a header as it is.
     * The message never quotes the token. */
    for (i = 0; i < len; i++)
        if ((unsigned char)text[i] < 0x21 || (unsigned char)text[i] > 0x7e) {
            *why = "holds a space, a control character or a non-ASCII "
                   "byte inside the token";
            return -1;
        }
    *start = text;
    *token_len_out = len;
    return 0;
}

/* Reads all of FD (at most AUTH_FILE_MAX bytes) into BUF; the length, or
 * -1 with errno set (EFBIG: too long). */
static long
read_all(int fd, char *buf)
{
    size_t got = 0;

    for (;;) {
        ssize_t n = read(fd, buf + got, AUTH_FILE_MAX + 1 - got);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            return (long)got;
        got += (size_t)n;
        if (got > AUTH_FILE_MAX) {
            errno = EFBIG;
            return -1;
        }
    }
}

/* Checks what fstat() says of the open token file PATH; 0 or -1 (logged).
 * Others may neither read it (they would learn the token) nor write it
 * (they would choose it). */
static int
check_mode(const char *path, int fd)
{
    struct stat st;

    if (fstat(fd, &st) != 0) {
        log_error("%s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        log_error("%s: the token file is not a regular file", path);
        return -1;
    }
    if ((st.st_mode & (S_IROTH | S_IWOTH)) != 0) {
        log_error("%s: the token file is readable or writable by every user "
                  "(mode %04o); make it private first: chmod o-rwx %s", path,
                  (unsigned)(st.st_mode & 07777), path);
        return -1;
    }
    return 0;
}

int
auth_read_file(const char *path, char **out)
{
    char buf[AUTH_FILE_MAX + 1];
    const char *start, *why;
    size_t len;
    long n;
    int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);

    if (fd < 0) {
        log_error("%s: %s", path, strerror(errno));
        return -1;
    }
    n = check_mode(path, fd) == 0 ? read_all(fd, buf) : -2;
    if (n == -1)
        log_error("%s: %s", path, errno == EFBIG ?
                  "the token file is over 4096 bytes" : strerror(errno));
    (void)close(fd);
    if (n < 0)
        return -1;
    if (auth_token_parse(buf, (size_t)n, &start, &len, &why) != 0) {
        log_error("%s: the token file %s", path, why);
        return -1;
    }
    *out = malloc(len + 1);
    if (*out == NULL) {
        log_error("out of memory for the token");
        return -1;
    }
    memcpy(*out, start, len);
    (*out)[len] = '\0';
    memset(buf, 0, sizeof(buf));
    return 0;
}

int
auth_init(const char *path, const char *list)
{
    if (path == NULL)
        return 0;
    if (!scope_parse(list != NULL ? list : "all", 1) ||
        auth_read_file(path, &token) != 0)
        return -1;
    token_len = strlen(token);
    return 0;
}

void
auth_fini(void)
{
    if (token != NULL) {
        volatile char *p = token;
        size_t i;

        for (i = 0; i < token_len; i++)
            p[i] = '\0';
        free(token);
    }
    token = NULL;
    token_len = 0;
    scope_all = 0;
    memset(scope, 0, sizeof(scope));
}

int
auth_bearer(const char *header, const char **out, size_t *len)
{
    static const char scheme[] = "bearer";
    size_t i, n;

    if (header == NULL)
        return -1;
    /* The scheme is case-insensitive (RFC 7235); one or more spaces
     * follow it. */
    for (i = 0; i < sizeof(scheme) - 1; i++)
        if (tolower((unsigned char)header[i]) != scheme[i])
            return -1;
    header += sizeof(scheme) - 1;
    if (*header != ' ')
        return -1;
    while (*header == ' ')
        header++;
    n = strlen(header);
    while (n > 0 && (header[n - 1] == ' ' || header[n - 1] == '\t'))
        n--;
    if (n == 0)
        return -1;
    *out = header;
    *len = n;
    return 0;
}

int
auth_equal(const char *want, size_t want_len, const char *got,
           size_t got_len)
{
    volatile unsigned char diff = want_len != got_len;
    size_t i;

    /* Every byte of WANT is looked at whatever GOT holds, so the time
     * tells nothing of where a guess first goes wrong. */
    for (i = 0; i < want_len; i++)
        diff |= (unsigned char)want[i] ^
                (unsigned char)(i < got_len ? got[i] : 0);
    return diff == 0;
}

/* Whether the route labelled LABEL needs the token. */
static int
required(const char *label)
{
    size_t len;
    int i;

    if (token == NULL || label == NULL || strcmp(label, "/healthz") == 0)
        return 0;
    if (scope_all)
        return 1;
    label++;                    /* past the leading '/' */
    len = strcspn(label, "/");
    if (len == 0 || (len == 6 && memcmp(label, "static", 6) == 0))
        i = scope_index("page", 4);
    else
        i = scope_index(label, len);
    /* A route this table does not know yet is guarded: fail closed. */
    return i < 0 || scope[i];
}

/* The Authorization header of CONNECTION's request, or NULL. */
static const char *
authorization(struct MHD_Connection *connection)
{
    return MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
                                       MHD_HTTP_HEADER_AUTHORIZATION);
}

int
auth_permits(struct MHD_Connection *connection, const char *label)
{
    const char *got;
    size_t len;

    if (!required(label))
        return 1;
    if (auth_bearer(authorization(connection), &got, &len) != 0)
        return 0;
    return auth_equal(token, token_len, got, len);
}

enum MHD_Result
auth_refuse(struct MHD_Connection *connection)
{
    if (authorization(connection) == NULL)
        return respond_error_header(
            connection, MHD_HTTP_UNAUTHORIZED, "unauthorized",
            "this resource needs a bearer token (Authorization: Bearer TOKEN)",
            MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"khabar\"");
    return respond_error_header(
        connection, MHD_HTTP_UNAUTHORIZED, "unauthorized",
        "the Authorization header does not carry the right bearer token",
        MHD_HTTP_HEADER_WWW_AUTHENTICATE,
        "Bearer realm=\"khabar\", error=\"invalid_token\"");
}
