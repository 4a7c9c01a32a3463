/* test_shim_normalize.c - unit tests of the Arabic-script normalisation
 * (khabar_normalize(), shim/normalize.cc): one table of cases, each an
 * input, the mode, and what it must become. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "khabar.h"

#define I KHABAR_NORMALIZE_INDEX
#define Q KHABAR_NORMALIZE_QUERY

static const struct {
    const char *name;
    khabar_normalize_mode_t mode;
    const char *in, *out;
} cases[] = {
    { "ASCII is unchanged", I, "Doha talks (ceasefire)", "Doha talks (ceasefire)" },
    { "query syntax is unchanged", Q, "title:\"a b\" -c OR d", "title:\"a b\" -c OR d" },
    { "Farsi yeh becomes Arabic yeh", I, "\xDB\x8C", "\xD9\x8A" },
    { "alef maksura becomes Arabic yeh", I, "\xD9\x89", "\xD9\x8A" },
    { "Arabic yeh stays", I, "\xD9\x8A", "\xD9\x8A" },
    { "keheh becomes Arabic kaf", I, "\xDA\xA9", "\xD9\x83" },
    { "Persian word typed on a Persian keyboard", Q,
      "\xDA\xA9\xD8\xAA\xD8\xA7\xD8\xA8\xDB\x8C", /* کتابی */
      "\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8\xD9\x8A" },
    { "Arabic-Indic digits become ASCII", I,
      "\xD9\xA0\xD9\xA1\xD9\xA9", "019" },
    { "Persian digits become ASCII", Q,
      "\xDB\xB1\xDB\xB3\xDB\xB8\xDB\xB6", "1386" },
    { "tatweel is removed", I,
      "\xD9\x83\xD8\xAA\xD9\x80\xD9\x80\xD8\xA7\xD8\xA8", /* كتــاب */
      "\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8" },
    { "harakat are removed", I,
      "\xD9\x85\xD9\x8F\xD8\xAD\xD9\x8E\xD9\x85\xD9\x91\xD9\x8E\xD8\xAF", /* مُحَمَّد */
      "\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF" },
    { "tanwin and sukun are removed", I, "\xD8\xA7\xD9\x8B\xD9\x92", "\xD8\xA7" },
    { "superscript alef is removed", I, "\xD9\x87\xD9\xB0\xD8\xB0\xD8\xA7", "\xD9\x87\xD8\xB0\xD8\xA7" },
    { "hamza above is removed", I, "\xD9\x87\xD9\x94", "\xD9\x87" },
    { "alef with hamza is kept", I, "\xD8\xA3\xD8\xA5\xD8\xA2", "\xD8\xA3\xD8\xA5\xD8\xA2" },
    { "Pashto letters are kept", I,
      "\xD9\xBC\xDA\x89\xDA\x93\xDA\x96\xDA\x9A\xDA\xAB\xDA\xBC\xDB\x90\xDB\x8D", /* ټډړږښګڼېۍ */
      "\xD9\xBC\xDA\x89\xDA\x93\xDA\x96\xDA\x9A\xDA\xAB\xDA\xBC\xDB\x90\xDB\x8D" },
    { "ZWNJ splits a compound for the index", I,
      "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85", /* می‌روم */
      "\xD9\x85\xD9\x8A \xD8\xB1\xD9\x88\xD9\x85" },
    { "ZWNJ in a query becomes a phrase of the parts", Q,
      "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85",
      "\xD9\x85\xD9\x8A-\xD8\xB1\xD9\x88\xD9\x85" },
    { "ZWNJ next to a space is dropped from a query", Q,
      "a \xE2\x80\x8C\xD8\xB1", "a \xD8\xB1" },
    /* Text before the first Arabic-script byte or ZWNJ is copied whole;
     * the word character just before a ZWNJ must still be seen. */
    { "ZWNJ after an unfolded non-ASCII letter joins it", Q,
      "caf\xC3\xA9\xE2\x80\x8C\xD8\xB1", "caf\xC3\xA9-\xD8\xB1" },
    { "ZWNJ after an ASCII letter joins it", Q,
      "ab\xE2\x80\x8C\xD8\xB1", "ab-\xD8\xB1" },
    { "ZWNJ after a stray continuation byte joins nothing", Q,
      "a\x80\xE2\x80\x8C\xD8\xB1", "a\x80\xD8\xB1" },
    { "ZWNJ after a dropped mark still joins letters", Q,
      "\xD9\x85\xD9\x8E\xE2\x80\x8C\xD8\xB1", "\xD9\x85-\xD8\xB1" },
    { "invalid UTF-8 is copied", I, "a\xFF\xC3" "b", "a\xFF\xC3" "b" },
    { "the empty string", Q, "", "" },
};

static void
test_cases(void **state)
{
    (void) state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = NULL;
        assert_int_equal(khabar_normalize(cases[i].in, cases[i].mode, &out),
                         KHABAR_STATUS_SUCCESS);
        if (strcmp(out, cases[i].out) != 0)
            fail_msg("%s: got '%s', expected '%s'", cases[i].name, out,
                     cases[i].out);
        free(out);
    }
}

static void
test_bad_arguments(void **state)
{
    (void) state;
    char *out = (char *) "x";
    assert_int_equal(khabar_normalize(NULL, I, &out),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_null(out);
    assert_int_equal(khabar_normalize("a", (khabar_normalize_mode_t) 7, &out),
                     KHABAR_STATUS_INVALID_ARGUMENT);
    assert_int_equal(khabar_normalize("a", I, NULL),
                     KHABAR_STATUS_INVALID_ARGUMENT);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
