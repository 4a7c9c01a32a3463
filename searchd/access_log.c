/* access_log.c - one line per request; see access_log.h. */
#include "access_log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char *log_path;
static int log_fd = STDERR_FILENO;

/* Whether byte C may stand for itself in a log field. */
static int
plain_byte(unsigned char c)
{
    return c > 0x20 && c < 0x7f && c != '"' && c != '\\';
}

char *
access_log_sanitise(const char *text, size_t len, size_t max, char *buf,
                    size_t size)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, j = 0;

    for (i = 0; i < len && i < max; i++) {
        unsigned char c = (unsigned char)text[i];

        /* Keep room for the longest step, "..." and the NUL. */
        if (j + 4 + 4 > size)
            break;
        if (plain_byte(c)) {
            buf[j++] = (char)c;
            continue;
        }
        buf[j++] = '\\';
        buf[j++] = 'x';
        buf[j++] = hex[c >> 4];
        buf[j++] = hex[c & 0xf];
    }
    if (i < len) {
        memcpy(buf + j, "...", 3);
        j += 3;
    }
    buf[j] = '\0';
    return buf;
}

/* Opens PATH for appending; the descriptor, or -1 after logging why. */
static int
open_append(const char *path)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);

    if (fd < 0)
        log_error("%s: cannot open the access log: %s", path,
                  strerror(errno));
    return fd;
}

int
access_log_open(const char *path)
{
    int fd;

    if (path == NULL)
        return 0;
    fd = open_append(path);
    if (fd < 0)
        return -1;
    log_path = path;
    log_fd = fd;
    return 0;
}

int
access_log_reopen(void)
{
    int fd;

    if (log_path == NULL)
        return 0;
    fd = open_append(log_path);
    if (fd < 0)
        return -1;
    /* dup2() swaps the file under LOG_FD in one step: a worker writing at
     * that moment writes to one file or the other, never to a closed or
     * reused descriptor. */
    if (dup2(fd, log_fd) < 0) {
        log_error("%s: cannot reopen the access log: %s", log_path,
                  strerror(errno));
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

void
access_log_close(void)
{
    if (log_path == NULL)
        return;
    close(log_fd);
    log_fd = STDERR_FILENO;
    log_path = NULL;
}

/* Writes "YYYY-MM-DDTHH:MM:SSZ" for now into BUF (SIZE >= 21). */
static void
format_time(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;

    if (gmtime_r(&now, &tm) == NULL ||
        strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(buf, size, "-");
}

void
access_log_write(const char *method, const char *target, unsigned status,
                 size_t bytes, long millis)
{
    char line[ACCESS_LOG_TARGET_SIZE + 160], when[32], code[16], size[32];
    int n;

    format_time(when, sizeof(when));
    if (status != 0)
        snprintf(code, sizeof(code), "%u", status);
    else
        snprintf(code, sizeof(code), "-");
    if (bytes == (size_t)-1)
        snprintf(size, sizeof(size), "-");
    else
        snprintf(size, sizeof(size), "%zu", bytes);
    n = snprintf(line, sizeof(line), "%s %s %s %s %s %ldms\n", when,
                 method != NULL ? method : "-",
                 target != NULL ? target : "-", code, size, millis);
    /* The fields are bounded, so this cannot be cut; if it were, the line
     * would still end with a newline. */
    if (n < 0)
        return;
    if ((size_t)n >= sizeof(line)) {
        n = (int)sizeof(line) - 1;
        line[n - 1] = '\n';
    }
    if (write(log_fd, line, (size_t)n) < 0) {
        /* Nothing sensible to do: the access log is best effort. */
    }
}
