/* fuzz_dates.cc - dates as pages write them (indexer/dates.c:
 * date_parse(), date_find()) and the shim's checks of what may be stored
 * and searched (shim/date.cc: _khabar_date_is_valid();
 * khabar_query_date_is_valid()).  A date the indexer accepts must be one
 * the shim stores. */
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "internal.h"

extern "C" {
#include "dates.h"
#include "fuzz_common.h"
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    char day[11];

    if (date_parse(s, day) == 0) {
        FUZZ_ASSERT(memchr(day, '\0', sizeof day) != NULL);
        FUZZ_ASSERT(_khabar_date_is_valid(day));
        FUZZ_ASSERT(khabar_query_date_is_valid(day));
    }
    if (date_find(s, size, day) == 0)
        FUZZ_ASSERT(_khabar_date_is_valid(day));
    (void)_khabar_date_is_valid(s);
    (void)khabar_query_date_is_valid(s);
    free(s);
    return 0;
}
