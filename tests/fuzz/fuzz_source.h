/* fuzz_source.h - running a whole-file reader (warc_read(),
 * reuters21578_read()) over the fuzzer's bytes: they are written to one
 * temporary file, opened through input.c as khabar-index opens its
 * inputs, and read into a sink that checks each article and drops it. */
#ifndef KHABAR_FUZZ_SOURCE_H
#define KHABAR_FUZZ_SOURCE_H

#include <unistd.h>

#include "fuzz_common.h"
#include "input.h"
#include "reader.h"
#include "sink.h"

static char fuzz_path[4096];
static int fuzz_fd = -1;

static void fuzz_source_cleanup(void)
{
    if (fuzz_fd >= 0)
        unlink(fuzz_path);
}

/* Makes the temporary file (in $TMPDIR, else /tmp); call from
 * LLVMFuzzerInitialize(). */
static inline void fuzz_source_init(void)
{
    const char *dir = getenv("TMPDIR");
    int n;

    if (!dir || !*dir)
        dir = "/tmp";
    n = snprintf(fuzz_path, sizeof fuzz_path, "%s/khabar-fuzz-XXXXXX", dir);
    FUZZ_ASSERT(n > 0 && (size_t)n < sizeof fuzz_path);
    fuzz_fd = mkstemp(fuzz_path);
    FUZZ_ASSERT(fuzz_fd >= 0);
    atexit(fuzz_source_cleanup);
}

static int fuzz_put(sink_t *sink, article_t *a, const where_t *at)
{
    (void)at;
    fuzz_check_article(a);
    FUZZ_ASSERT(a->id != NULL);
    sink->extracted++;
    return 0;
}

/* Reads DATA[0..SIZE) with READ as file content.  MAX is the reader's
 * --max-article-bytes. */
static inline void fuzz_source_run(const uint8_t *data, size_t size,
                                   int (*read)(source_t *), size_t max)
{
    reader_options_t options = {FORMAT_AUTO, NULL, max};
    sink_t sink;
    source_t src;
    char err[256];

    FUZZ_ASSERT(ftruncate(fuzz_fd, 0) == 0);
    FUZZ_ASSERT(pwrite(fuzz_fd, data, size, 0) == (ssize_t)size);
    memset(&sink, 0, sizeof sink);
    sink.put = fuzz_put;
    memset(&src, 0, sizeof src);
    src.file = "fuzz-input";
    src.options = &options;
    src.sink = &sink;
    src.in = input_open(fuzz_path, err, sizeof err);
    FUZZ_ASSERT(src.in != NULL);
    input_set_limit(src.in, max);
    FUZZ_ASSERT(read(&src) == 0);
    input_close(src.in);
}

#endif
