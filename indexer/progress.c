/* progress.c - a throttled, self-erasing progress line on standard error. */
#include "progress.h"

#include <stdio.h>

static double seconds_between(const struct timespec *a,
                              const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) +
           (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void progress_start(progress_t *p, int enabled, unsigned long files,
                    unsigned long long bytes)
{
    *p = (progress_t){0};
    p->enabled = enabled;
    p->files_total = files;
    p->bytes_total = bytes;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    /* As if drawn a second ago, so the first article draws the line. */
    p->shown = p->start;
    p->shown.tv_sec -= 1;
}

static void draw(progress_t *p, unsigned long long done,
                 const struct timespec *now)
{
    double elapsed = seconds_between(&p->start, now);
    double rate = elapsed > 0 ? (double)done / elapsed : 0;
    double left = rate > 0 && p->bytes_total > done
                      ? (double)(p->bytes_total - done) / rate
                      : 0;

    fprintf(stderr,
            "\r\033[Kfiles %lu/%lu, %lu articles, %.1f MB/s, %d:%02d left",
            p->files_done, p->files_total, p->articles, rate / 1e6,
            (int)left / 60, (int)left % 60);
    fflush(stderr);
}

void progress_tick(progress_t *p, unsigned long long bytes_in_file)
{
    struct timespec now;

    p->articles++;
    if (!p->enabled)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (seconds_between(&p->shown, &now) < 0.25)
        return;
    p->shown = now;
    draw(p, p->bytes_before + bytes_in_file, &now);
}

void progress_file_done(progress_t *p, unsigned long long size)
{
    p->files_done++;
    p->bytes_before += size;
}

void progress_finish(progress_t *p)
{
    if (p->enabled)
        fputs("\r\033[K", stderr);
}
