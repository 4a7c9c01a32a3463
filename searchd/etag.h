/* etag.h - entity tags for searchd's answers and If-None-Match.
 *
 * An answer is a function of the index revision and the request target
 * (path and query string), so the tag is made of those two: the revision
 * and a 64-bit FNV-1a hash of the raw target, W/"r12-0123456789abcdef".
 * Tags are weak because the same answer may be sent gzipped or not; weak
 * comparison is the one If-None-Match uses anyway.  Checking a tag costs a
 * revision read, not a search. */
#ifndef KHABAR_SEARCHD_ETAG_H
#define KHABAR_SEARCHD_ETAG_H

#include <stddef.h>
#include <stdint.h>

/* Room for a tag, NUL included. */
#define ETAG_SIZE 48

/* FNV-1a over the LEN bytes at TEXT. */
uint64_t etag_hash(const char *text, size_t len);

/* Writes the tag for REVISION and HASH into BUF (ETAG_SIZE bytes). */
void etag_format(unsigned long revision, uint64_t hash, char *buf);

/* 1 when HEADER, the text of an If-None-Match header, names TAG,
 * comparing weakly; 0 otherwise, for "*", and for a NULL or malformed
 * header. */
int etag_matches(const char *header, const char *tag);

#endif /* KHABAR_SEARCHD_ETAG_H */
