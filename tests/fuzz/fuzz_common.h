/* fuzz_common.h - what the libFuzzer targets share: turning the fuzzer's
 * bytes into the shapes the readers take, and the checks every article a
 * reader hands back must pass.  Header-only, so that each target is one
 * file; see docs/SECURITY.md, Fuzzing. */
#ifndef KHABAR_FUZZ_COMMON_H
#define KHABAR_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <sanitizer/common_interface_defs.h>

#include "article.h"
#include "charset.h"

/* Fails the run (libFuzzer saves the input) when WHAT is false.  The
 * message goes where the sanitizers report, which is still open when
 * run.sh closes the targets' standard error (the readers report every
 * rejected record there). */
#define FUZZ_ASSERT(what)                                                   \
    do {                                                                    \
        if (!(what)) {                                                      \
            __sanitizer_report_error_summary("fuzz check failed: " #what);  \
            abort();                                                        \
        }                                                                   \
    } while (0)

/* DATA[0..SIZE) as a NUL-terminated string (cut at the first NUL, as a C
 * caller would see it), for functions that take C strings; those that
 * take (pointer, length) get fuzz_copy() instead.  Free it.  Never NULL. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = (char *)malloc(size + 1);

    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* DATA[0..SIZE) followed by a NUL byte that is not part of the input:
 * what a reader holding a NUL-terminated buffer passes on.  Free it. */
static inline char *fuzz_terminated(const uint8_t *data, size_t size)
{
    char *s = (char *)malloc(size + 1);

    FUZZ_ASSERT(s != NULL);
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* DATA[0..SIZE) copied so that it ends where a PROT_NONE page begins: a
 * read one byte past the end faults at once, even from code ASan does not
 * see (libc's sscanf() and strtol() run strlen() on their input first).
 * The copy lives until the next call; do not free it. */
#define FUZZ_GUARDED_MAX (16u << 20)
static inline const char *fuzz_copy(const uint8_t *data, size_t size)
{
    static char *region, *spill;
    static size_t page;

    if (!region) {
        int fd = open("/dev/zero", O_RDWR);
        page = (size_t)sysconf(_SC_PAGESIZE);
        FUZZ_ASSERT(fd >= 0);
        region = (char *)mmap(NULL, FUZZ_GUARDED_MAX + page,
                              PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        close(fd);
        FUZZ_ASSERT(region != (char *)MAP_FAILED);
        FUZZ_ASSERT(mprotect(region + FUZZ_GUARDED_MAX, page, PROT_NONE) == 0);
    }
    free(spill);
    spill = NULL;
    if (size > FUZZ_GUARDED_MAX) {      /* larger than any fuzzing input */
        spill = (char *)malloc(size);
        FUZZ_ASSERT(spill != NULL);
        memcpy(spill, data, size);
        return spill;
    }
    if (size)
        memcpy(region + FUZZ_GUARDED_MAX - size, data, size);
    return region + FUZZ_GUARDED_MAX - size;
}

static inline void fuzz_check_text(const char *s)
{
    if (s)
        FUZZ_ASSERT(charset_is_utf8(s, strlen(s)));
}

/* What a reader promises of an article it returned 0 for: a title or a
 * body, and every field valid UTF-8 (utf8_repair(): "every string reaching
 * the index or a JSON answer is valid text"). */
static inline void fuzz_check_article(const article_t *a)
{
    FUZZ_ASSERT(a->title || a->body);
    fuzz_check_text(a->id);
    fuzz_check_text(a->url);
    fuzz_check_text(a->title);
    fuzz_check_text(a->date);
    fuzz_check_text(a->source);
    fuzz_check_text(a->lang);
    fuzz_check_text(a->body);
    fuzz_check_text(a->byline);
    fuzz_check_text(a->extraction);
}

#endif
