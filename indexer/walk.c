/* walk.c - recursive, sorted directory walking with scandir(). */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && strncmp(s + n - k, suffix, k) == 0;
}

int walk_is_article_file(const char *name)
{
    static const char *const extensions[] = {
        ".jsonl", ".json", ".ndjson", ".html", ".htm",
        ".txt",   ".warc", ".sgm",    NULL};
    size_t n = strlen(name);

    if (ends_with(name, n, ".gz"))
        n -= 3;
    for (const char *const *e = extensions; *e; e++)
        if (ends_with(name, n, *e))
            return 1;
    return 0;
}

static int visible(const struct dirent *entry)
{
    return entry->d_name[0] != '.';
}

static int walk_directory(const char *dir, walk_fn fn,
                          void (*on_error)(const char *, const char *, void *),
                          void *ctx)
{
    struct dirent **entries;
    int count = scandir(dir, &entries, visible, alphasort);
    int rc = 0;

    if (count < 0) {
        on_error(dir, strerror(errno), ctx);
        return 0;
    }
    for (int i = 0; i < count; i++) {
        size_t len = strlen(dir) + strlen(entries[i]->d_name) + 2;
        char *path = malloc(len);
        struct stat st;
        if (rc == 0 && path) {
            snprintf(path, len, "%s/%s", dir, entries[i]->d_name);
            if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
                rc = walk_directory(path, fn, on_error, ctx);
            else if (walk_is_article_file(entries[i]->d_name))
                rc = fn(path, ctx);
        } else if (!path) {
            on_error(dir, "out of memory", ctx);
        }
        free(path);
        free(entries[i]);
    }
    free(entries);
    return rc;
}

int walk_inputs(const char *path, walk_fn fn,
                void (*on_error)(const char *path, const char *msg, void *ctx),
                void *ctx)
{
    struct stat st;

    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return walk_directory(path, fn, on_error, ctx);
    /* A named file is read whatever its name: the user chose it, and a
     * missing one is reported when it is opened. */
    return fn(path, ctx);
}
