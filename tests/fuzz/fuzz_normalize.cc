/* fuzz_normalize.cc - Arabic-script normalisation (shim/normalize.cc):
 * khabar_normalize() in both modes, and the ZWNJ compounds indexed
 * besides the words.  The fold is meant to be idempotent (a query is
 * normalised the way the text was), and keeps valid UTF-8 valid. */
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "internal.h"

extern "C" {
#include "fuzz_common.h"
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_mode(const char *s, khabar_normalize_mode_t mode, bool utf8)
{
    char *once = NULL, *twice = NULL;

    if (khabar_normalize(s, mode, &once) != KHABAR_STATUS_SUCCESS)
        return;
    FUZZ_ASSERT(once != NULL);
    if (utf8)
        fuzz_check_text(once);
    if (utf8 && mode == KHABAR_NORMALIZE_INDEX &&
        khabar_normalize(once, mode, &twice) == KHABAR_STATUS_SUCCESS) {
        FUZZ_ASSERT(strcmp(once, twice) == 0);
    }
    free(twice);
    free(once);
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    bool utf8 = charset_is_utf8(s, strlen(s));

    check_mode(s, KHABAR_NORMALIZE_INDEX, utf8);
    check_mode(s, KHABAR_NORMALIZE_QUERY, utf8);
    std::string compounds = _khabar_zwnj_compounds(s);
    if (utf8)
        fuzz_check_text(compounds.c_str());
    free(s);
    return 0;
}
