/* fuzz_entities.c - entity extraction: entities_extract() with the
 * gazetteer of the Debian data files, loaded once.  The first line of the
 * input is the title, the rest the body (paragraphs split by blank lines,
 * as the readers join them); both are repaired to valid UTF-8 first, as
 * every reader's output is. */
#include "entities.h"
#include "fuzz_common.h"
#include "text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static entity_gazetteer_t *gaz;
static entity_list_t *list;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char err[256];

    (void)argc;
    (void)argv;
    gaz = entity_gazetteer_load(NULL, err, sizeof err);
    if (!gaz) {
        fprintf(stderr, "fuzz_entities: %s\n", err);
        abort();
    }
    list = entity_list_new();
    FUZZ_ASSERT(list != NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t title_len = nl ? (size_t)(nl - data) : size;
    char *title = utf8_repair((const char *)data, title_len);
    char *body = nl ? utf8_repair((const char *)nl + 1, size - title_len - 1)
                    : NULL;

    FUZZ_ASSERT(title != NULL && (body != NULL || !nl));
    if (entities_extract(gaz, title, body, list) == 0) {
        for (size_t i = 0; i < entity_list_count(list); i++) {
            const entity_t *e = entity_list_get(list, i);
            FUZZ_ASSERT(e && e->name && e->kind < ENTITY_KIND_LAST);
            fuzz_check_text(e->name);
            fuzz_check_text(e->abbrev);
            fuzz_check_text(e->country);
        }
    }
    free(body);
    free(title);
    return 0;
}
