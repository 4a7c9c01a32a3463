/* input.h - reading an input file, plain or gzipped, through one path. */
#ifndef KHABAR_INPUT_H
#define KHABAR_INPUT_H

#include <stddef.h>

typedef struct input input_t;

/* The most one line or one page may hold unless input_set_limit() says
 * otherwise: past it the record is refused rather than read into memory
 * without bound. */
#define INPUT_MAX_RECORD (256u * 1024 * 1024)

/* Opens PATH ("-" is standard input).  gzip input is read transparently:
 * zlib passes plain files through and reads concatenated gzip members as
 * one stream.  NULL with a sentence in ERR when it cannot be opened. */
input_t *input_open(const char *path, char *err, size_t errlen);

/* Sets the most bytes one record (a line, a page) may hold. */
void input_set_limit(input_t *in, size_t max);

/* The first bytes of the input (up to 4 KiB), without consuming them, for
 * telling formats apart.  *N is their count. */
const char *input_peek(input_t *in, size_t *n);

/* The next line, without its newline, in *LINE[0..*N) (valid until the next
 * call).  1 when there was a line, 0 at the end, -1 with ERR on a read
 * error (a truncated or corrupt gzip stream: the input ends there), -2
 * with ERR when the line was longer than the limit (it is skipped, *N is
 * its length and *LINE NULL; reading can go on). */
int input_getline(input_t *in, const char **line, size_t *n, char *err,
                  size_t errlen);

/* Makes up to WANT unconsumed bytes available at *DATA without consuming
 * them; *HAVE is how many there are (fewer only at the end of the input).
 * 0, or -1 with ERR on a read error (what was read is still in *DATA,
 * *HAVE). */
int input_peek_n(input_t *in, size_t want, const char **data, size_t *have,
                 char *err, size_t errlen);

/* Consumes N bytes, which input_peek_n() has made available. */
void input_skip(input_t *in, size_t n);

/* Consumes N bytes without keeping them in memory.  Returns how many were
 * there (fewer at the end of the input), or -1 with ERR. */
long long input_discard(input_t *in, size_t n, char *err, size_t errlen);

/* Everything not yet read, in *DATA[0..*N) (valid until input_close).
 * 0; -1 with ERR on a read error (the bytes read so far are still in
 * *DATA, *N); -2 with ERR when it is longer than the limit. */
int input_slurp(input_t *in, const char **data, size_t *n, char *err,
                size_t errlen);

/* The offset of the next unconsumed byte in the (decompressed) input. */
unsigned long long input_offset(const input_t *in);

/* How many bytes of the file (compressed, for gzip) have been read: for
 * progress against the file's size on disk. */
unsigned long long input_raw_offset(input_t *in);

void input_close(input_t *in);

#endif
