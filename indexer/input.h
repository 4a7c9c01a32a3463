/* input.h - reading an input file, plain or gzipped, through one path. */
#ifndef KHABAR_INPUT_H
#define KHABAR_INPUT_H

#include <stddef.h>

typedef struct input input_t;

/* The most one line or one page may hold: past it the input is refused
 * rather than read into memory without bound. */
#define INPUT_MAX_RECORD (256u * 1024 * 1024)

/* Opens PATH ("-" is standard input).  gzip input is read transparently:
 * zlib passes plain files through.  NULL with a sentence in ERR when it
 * cannot be opened. */
input_t *input_open(const char *path, char *err, size_t errlen);

/* The first bytes of the input (up to 4 KiB), without consuming them, for
 * telling formats apart.  *N is their count. */
const char *input_peek(input_t *in, size_t *n);

/* The next line, without its newline, in *LINE[0..*N) (valid until the next
 * call).  1 when there was a line, 0 at the end, -1 with ERR on a read
 * error or a line longer than INPUT_MAX_RECORD. */
int input_getline(input_t *in, const char **line, size_t *n, char *err,
                  size_t errlen);

/* Everything not yet read, in *DATA[0..*N) (valid until input_close).
 * 0, or -1 with ERR. */
int input_slurp(input_t *in, const char **data, size_t *n, char *err,
                size_t errlen);

/* How many bytes of the file (compressed, for gzip) have been read: for
 * progress against the file's size on disk. */
unsigned long long input_raw_offset(input_t *in);

void input_close(input_t *in);

#endif
