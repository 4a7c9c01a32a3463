/* lock.c - the writer's lock: flock() on a file holding the holder's pid.
 *
 * Xapian has a lock of its own, but it cannot say who holds it, and a
 * rebuild writes a new generation that Xapian's lock on the live one does
 * not cover.  flock() locks go with the process, so a killed khabar-index
 * never leaves a stale lock. */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LOCK_NAME "khabar-index.lock"

/* mkdir -p DIR.  0, or -1 with errno set. */
static int make_directories(const char *dir)
{
    char path[4096];
    size_t n = strlen(dir);

    if (n == 0 || n >= sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(path, dir, n + 1);
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(path, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

static long holder_pid(int fd)
{
    char buf[32] = "";
    ssize_t got = pread(fd, buf, sizeof buf - 1, 0);
    return got > 0 ? strtol(buf, NULL, 10) : 0;
}

static void record_pid(int fd)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) == 0 && pwrite(fd, buf, (size_t)n, 0) == n)
        return;
    /* The lock holds without the pid; only the message is poorer. */
}

int lock_index(const char *dir, unsigned wait_seconds, char *err, size_t errlen)
{
    char path[4096];
    time_t deadline = time(NULL) + (time_t)wait_seconds;
    int fd;

    if (make_directories(dir) != 0) {
        snprintf(err, errlen, "cannot create index directory %s: %s", dir,
                 strerror(errno));
        return -2;
    }
    snprintf(path, sizeof path, "%s/%s", dir, LOCK_NAME);
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -2;
    }
    while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK || time(NULL) >= deadline) {
            if (errno == EWOULDBLOCK)
                snprintf(err, errlen,
                         "index %s is locked by another khabar-index (pid %ld)",
                         dir, holder_pid(fd));
            else
                snprintf(err, errlen, "cannot lock %s: %s", path,
                         strerror(errno));
            close(fd);
            return errno == EWOULDBLOCK ? -1 : -2;
        }
        struct timespec pause = {0, 100 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    record_pid(fd);
    return fd;
}

void unlock_index(int fd)
{
    if (fd >= 0)
        close(fd);
}
