/* progress.h - the progress line khabar-index shows on a terminal:
 * files, articles, MB/s and the time left.  Off on a pipe or under cron,
 * where one summary line is all anyone wants. */
#ifndef KHABAR_PROGRESS_H
#define KHABAR_PROGRESS_H

#include <time.h>

typedef struct {
    int enabled;
    unsigned long files_done, files_total, articles;
    unsigned long long bytes_before;   /* of the files already read */
    unsigned long long bytes_total;
    struct timespec start, shown;
} progress_t;

/* ENABLED says whether to draw at all (standard error is a terminal and
 * the user did not ask for quiet or JSON output). */
void progress_start(progress_t *p, int enabled, unsigned long files,
                    unsigned long long bytes);

/* After each article: BYTES_IN_FILE of the current file have been read.
 * Redraws at most four times a second. */
void progress_tick(progress_t *p, unsigned long long bytes_in_file);

/* After each file, of SIZE bytes on disk. */
void progress_file_done(progress_t *p, unsigned long long size);

/* Clears the line before the summary is printed. */
void progress_finish(progress_t *p);

#endif
