/* walk.h - turning the paths on the command line into input files. */
#ifndef KHABAR_WALK_H
#define KHABAR_WALK_H

/* Whether NAME ends in an extension khabar-index reads from a directory:
 * .jsonl .json .ndjson .html .htm .txt .warc .sgm, each optionally followed
 * by .gz. */
int walk_is_article_file(const char *name);

typedef int (*walk_fn)(const char *file, void *ctx);

/* Calls FN for PATH when it is a file (or "-"), and for every article file
 * below it, in name order, when it is a directory; hidden entries are
 * skipped.  A directory that cannot be read is reported through ON_ERROR
 * and skipped.  Stops and returns FN's value when FN returns non-zero;
 * else 0. */
int walk_inputs(const char *path, walk_fn fn,
                void (*on_error)(const char *path, const char *msg, void *ctx),
                void *ctx);

#endif
