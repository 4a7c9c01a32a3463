/* fuzz_reuters.c - Reuters-21578 SGML: the bytes as one element for
 * reuters21578_parse(), as a date for reuters21578_date(), and as a whole
 * file for reuters21578_read() through input.c. */
#include "fuzz_source.h"
#include "reuters21578.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_source_init();
    return 0;
}

static void one_element(const uint8_t *data, size_t size)
{
    const char *el = fuzz_copy(data, size);
    char *s = fuzz_cstr(data, size);
    char date[64];
    article_t a = {0};
    char err[256];

    if (reuters21578_parse(el, size, &a, err, sizeof err) == 0)
        fuzz_check_article(&a);
    article_clear(&a);
    if (reuters21578_date(s, date) == 0)
        FUZZ_ASSERT(strlen(date) < 20);
    free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one_element(data, size);
    fuzz_source_run(data, size, reuters21578_read, 64 * 1024);
    return 0;
}
