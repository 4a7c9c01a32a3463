/* fuzz_http_payload.c - the HTTP response inside a WARC response record:
 * http_payload_parse() (status line, headers, chunking, gzip/deflate). */
#include "fuzz_common.h"
#include "http_payload.h"

/* 1: the message ends at a guard page, so any read past N faults.  0
 * until http_payload.c stops sscanf()ing the status line, which reads up
 * to a NUL whatever N says (docs/SECURITY.md, Fuzzing: open bug 2); with
 * 1 every input crashes there and nothing deeper is reached.  warc.c
 * passes a block from input.c's NUL-terminated buffer, so 0 is what the
 * indexer does today. */
#ifndef FUZZ_GUARD_MESSAGE
#define FUZZ_GUARD_MESSAGE 1
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *owned = FUZZ_GUARD_MESSAGE ? NULL : fuzz_terminated(data, size);
    const char *msg = owned ? owned : fuzz_copy(data, size);
    http_payload_t p;
    char err[256];

    memset(&p, 0, sizeof p);
    if (http_payload_parse(msg, size, 64 * 1024, &p, err, sizeof err) == 0) {
        FUZZ_ASSERT(memchr(p.content_type, '\0', sizeof p.content_type));
        FUZZ_ASSERT(p.body_len <= 64 * 1024);
        (void)http_payload_is_html(&p);
    }
    http_payload_free(&p);
    free(owned);
    return 0;
}
