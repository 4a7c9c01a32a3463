/* gzip.h - gzip content coding for searchd's answers.
 *
 * Pure functions, apart from malloc(), so that the unit tests can check
 * the negotiation and the round trip without a server. */
#ifndef KHABAR_SEARCHD_GZIP_H
#define KHABAR_SEARCHD_GZIP_H

#include <stddef.h>

/* Bodies shorter than this are sent as they are: the gzip header and
 * trailer alone take 18 bytes, and compressing costs more than it saves. */
#define GZIP_MIN_BYTES 256

/* 1 when HEADER, the text of an Accept-Encoding header, accepts gzip:
 * "gzip" or "x-gzip" or "*" with a q-value above 0 (an explicit
 * "gzip;q=0" refuses it, whatever "*" says); 0 otherwise, and for NULL. */
int gzip_accepted(const char *header);

/* Compresses the LEN bytes at IN into a gzip stream (deflateInit2 with
 * 15 + 16 window bits); returns it malloc()ed with its length in *OUT_LEN,
 * or NULL when out of memory or when it would not be smaller than IN. */
char *gzip_compress(const char *in, size_t len, size_t *out_len);

#endif /* KHABAR_SEARCHD_GZIP_H */
