/* fuzz_jsonl.c - one JSON Lines line: jsonl_parse_line(), then what the
 * sink does with an article (its id, its view for the index). */
#include "fuzz_common.h"
#include "jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *line = fuzz_copy(data, size);
    article_t a = {0};
    char err[256];

    if (!jsonl_is_blank(line, size) &&
        jsonl_parse_line(line, size, &a, err, sizeof err) == 0) {
        fuzz_check_article(&a);
        FUZZ_ASSERT(article_ensure_id(&a) == 0);
        FUZZ_ASSERT(a.id != NULL);
        (void)article_view(&a);
    } else {
        FUZZ_ASSERT(memchr(err, '\0', sizeof err) != NULL);
    }
    article_clear(&a);
    return 0;
}
