/* test_searchd_json_out.c - the JSON that searchd writes straight into a
 * buffer (json_out.h) must be, byte for byte, what jansson and
 * respond_encode() make of the same values: /search answers were written
 * that way before, and clients (and ETags) see the bytes. */
#include <setjmp.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "entities_json.h"
#include "json_out.h"
#include "respond.h"

/* What respond_encode() makes of VALUE, as a one-member array. */
static char *
reference(json_t *value)
{
    json_t *array = json_pack("[o]", value);
    size_t len;
    char *text = respond_encode(array, &len);

    json_decref(array);
    assert_non_null(text);
    return text;
}

/* The writer's text for a one-member array, the member written by
 * WRITE. */
#define WRITTEN(out, write) do { \
        json_out_init(&(out)); \
        json_out_open(&(out), '['); \
        write; \
        json_out_close(&(out), ']'); \
    } while (0)

/* Checks that json_out_string() writes S as jansson does. */
static void
assert_string_as_jansson(const char *s)
{
    struct json_out out;
    char *want = reference(json_string(s)), *got;
    size_t len;

    WRITTEN(out, json_out_string(&out, s));
    got = json_out_finish(&out, &len);
    assert_non_null(got);
    assert_string_equal(got, want);
    assert_int_equal(len, strlen(want));
    free(got);
    free(want);
}

static void
test_strings(void **state)
{
    static const char *const cases[] = {
        "", "plain", "quote \" and \\ backslash", "<mark>Doha</mark> & co",
        "tab\there\nnewline\rcr\bbs\fff", "\x01\x1f control", "/slash/",
        "\xc3\xa9t\xc3\xa9 \xd8\xb7\xd8\xa7\xd9\x84\xd8\xa8\xd8\xa7\xd9\x86",
        "\xe2\x80\xa6 ellipsis", "\xf0\x9f\x98\x80 emoji", "\x7f del",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_string_as_jansson(cases[i]);
}

/* Every ASCII byte but NUL, each on its own and all in one string, as
 * jansson writes them (json_out.c passes most over through a table). */
static void
test_every_ascii_byte(void **state)
{
    char all[128], one[2] = { 0, 0 };

    (void)state;
    for (int c = 1; c < 128; c++) {
        one[0] = (char)c;
        all[c - 1] = (char)c;
        all[c] = '\0';
        assert_string_as_jansson(one);
        assert_string_as_jansson(all);
    }
}

static void
test_numbers(void **state)
{
    static const double reals[] = {
        0.0, 1.0, -2.0, 1.5024, 12.2108, 0.1, 1e20, 1.5e-7, 123456789.0,
        3.141592653589793, 1e300, -4.25e-12,
    };
    static const long long ints[] = { 0, 1, -1, 9, 10, 10000, -10000,
                                      9007199254740993LL, LLONG_MAX,
                                      LLONG_MIN };
    size_t i, len;

    (void)state;
    for (i = 0; i < sizeof(reals) / sizeof(reals[0]); i++) {
        struct json_out out;
        char *want = reference(json_real(reals[i])), *got;

        WRITTEN(out, json_out_real(&out, reals[i]));
        got = json_out_finish(&out, &len);
        assert_string_equal(got, want);
        free(got);
        free(want);
    }
    for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
        struct json_out out;
        char *want = reference(json_integer(ints[i])), *got;

        WRITTEN(out, json_out_int(&out, ints[i]));
        got = json_out_finish(&out, &len);
        assert_string_equal(got, want);
        free(got);
        free(want);
    }
}

/* Objects, arrays, keys, booleans and a jansson value inside. */
static void
test_structure(void **state)
{
    struct json_out out;
    json_t *facets = json_pack("{s:[{s:s,s:i}]}", "person", "value",
                               "A <b>", "count", 3);
    json_t *whole = json_pack("{s:s,s:b,s:b,s:[],s:{},s:[i,i],s:O}", "q",
                              "x", "t", 1, "f", 0, "empty", "obj", "two",
                              1, 2, "facets", facets);
    size_t len;
    char *want = respond_encode(whole, &len), *got;

    (void)state;
    json_out_init(&out);
    json_out_open(&out, '{');
    json_out_key(&out, "q");
    json_out_string(&out, "x");
    json_out_key(&out, "t");
    json_out_bool(&out, 1);
    json_out_key(&out, "f");
    json_out_bool(&out, 0);
    json_out_key(&out, "empty");
    json_out_open(&out, '[');
    json_out_close(&out, ']');
    json_out_key(&out, "obj");
    json_out_open(&out, '{');
    json_out_close(&out, '}');
    json_out_key(&out, "two");
    json_out_open(&out, '[');
    json_out_int(&out, 1);
    json_out_int(&out, 2);
    json_out_close(&out, ']');
    json_out_key(&out, "facets");
    json_out_value(&out, facets);
    json_out_close(&out, '}');
    got = json_out_finish(&out, &len);
    assert_string_equal(got, want);
    free(got);
    free(want);
    json_decref(facets);
    json_decref(whole);
}

/* What jansson refuses fails the writer: no half-written answer. */
static void
test_failures(void **state)
{
    static const char *const bad[] = {
        "\xff", "a\xc3", "\xc0\xaf overlong", "\xed\xa0\x80 surrogate",
        "\xf4\x90\x80\x80 past U+10FFFF",
    };
    size_t i, len;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct json_out out;

        assert_null(json_string(bad[i]));
        WRITTEN(out, json_out_string(&out, bad[i]));
        assert_null(json_out_finish(&out, &len));
    }
    {
        struct json_out out;

        WRITTEN(out, json_out_real(&out, NAN));
        assert_null(json_out_finish(&out, &len));
        WRITTEN(out, json_out_value(&out, NULL));
        assert_null(json_out_finish(&out, &len));
    }
}

/* entities_write() must write what entities_json() builds (the /article
 * answer's object, encoded as every answer is): each name once whatever
 * its case, places in "place", salient ones also in "place_salient" and
 * their countries in "country", unknown kinds and empty names left out;
 * and so for a hit with more entities than its table on the stack. */
static void
test_entities(void **state)
{
    static const khabar_entity_t few[] = {
        { KHABAR_ENTITY_PERSON, "James Baker", NULL, 0 },
        { KHABAR_ENTITY_PLACE, "Doha", "Qatar", 1 },
        { KHABAR_ENTITY_PLACE, "Kabul", "Afghanistan", 0 },
        { KHABAR_ENTITY_COUNTRY, "qatar", NULL, 0 },
        { KHABAR_ENTITY_PERSON, "JAMES BAKER", NULL, 0 },
        { KHABAR_ENTITY_ORG, "OPEC", NULL, 0 },
        { KHABAR_ENTITY_PLACE, "doha", "Qatar", 1 },
        { KHABAR_ENTITY_LAST, "not a kind", NULL, 0 },
        { KHABAR_ENTITY_ORG, "", NULL, 0 },
        { KHABAR_ENTITY_PLACE, "Herat", "", 1 },
        { KHABAR_ENTITY_COUNTRY, "Afghanistan", NULL, 0 },
    };
    enum { MANY = 200 };
    khabar_entity_t many[MANY];
    char names[MANY][16];
    const struct { const khabar_entity_t *list; size_t n; } cases[] = {
        { few, 0 }, { few, sizeof(few) / sizeof(few[0]) }, { many, MANY },
    };
    size_t i, len;

    (void)state;
    /* Every name given twice, in another case; 80 people (more names in
     * one member than the table on the stack holds), then all kinds. */
    for (i = 0; i < MANY; i++) {
        snprintf(names[i], sizeof(names[i]), i % 2 ? "NAME %zu" : "name %zu",
                 i / 2);
        many[i].kind = i < 160 ? KHABAR_ENTITY_PERSON
                               : (khabar_entity_kind_t)(i / 2 %
                                                        KHABAR_ENTITY_LAST);
        many[i].name = names[i];
        many[i].country = i % 3 ? "Country" : "country";
        many[i].salient = (int)(i / 2 % 2);
    }
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct json_out out;
        json_t *built = entities_json(cases[i].list, cases[i].n);
        char *want, *got;

        assert_non_null(built);
        want = reference(built);
        WRITTEN(out, entities_write(&out, cases[i].list, cases[i].n));
        got = json_out_finish(&out, &len);
        assert_non_null(got);
        assert_string_equal(got, want);
        free(got);
        free(want);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_every_ascii_byte),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_failures),
        cmocka_unit_test(test_entities),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
