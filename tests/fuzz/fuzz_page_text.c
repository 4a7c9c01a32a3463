/* fuzz_page_text.c - a scraped text page: page_text_extract(), whose
 * contract is valid UTF-8 input (reader.c repairs first, so do we). */
#include "fuzz_common.h"
#include "page_text.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *repaired = utf8_repair((const char *)data, size);
    size_t n;
    const char *text;
    article_t a = {0};
    char err[256];

    FUZZ_ASSERT(repaired != NULL);
    n = strlen(repaired);
    fuzz_check_text(repaired);
    text = fuzz_copy((const uint8_t *)repaired, n);
    if (page_text_extract(text, n, &a, err, sizeof err) == 0)
        fuzz_check_article(&a);
    article_clear(&a);
    free(repaired);
    return 0;
}
