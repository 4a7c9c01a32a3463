/* fuzz_warc.c - a WARC file: warc_read() through input.c (so gzipped
 * members too), each response's HTTP payload (http_payload.c) and page
 * (page_html.c).  fuzz_http_payload.c fuzzes the payload parser alone. */
#include "fuzz_source.h"
#include "warc.h"

#include <libxml/parser.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, quiet);
    fuzz_source_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_source_run(data, size, warc_read, 64 * 1024);
    return 0;
}
