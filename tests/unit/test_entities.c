/* Unit tests for the entity extractor (indexer/entities.h): the seed
 * article's entities, and a table of small cases, positive and negative. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "entities.h"

#define SEED "corpus/tolonews-170327.txt"

static entity_gazetteer_t *gaz;

static int load(void **state)
{
    (void)state;
    char err[512];
    gaz = entity_gazetteer_load(NULL, err, sizeof err);
    if (!gaz)
        fprintf(stderr, "gazetteer: %s\n", err);
    return gaz ? 0 : -1;
}

static int unload(void **state)
{
    (void)state;
    entity_gazetteer_free(gaz);
    return 0;
}

static const entity_t *find(const entity_list_t *l, entity_kind_t kind, const char *name)
{
    for (size_t i = 0; i < entity_list_count(l); i++) {
        const entity_t *e = entity_list_get(l, i);
        if (e->kind == kind && strcmp(e->name, name) == 0)
            return e;
    }
    return NULL;
}

static const entity_t *find_any(const entity_list_t *l, const char *name)
{
    for (size_t i = 0; i < entity_list_count(l); i++)
        if (strcmp(entity_list_get(l, i)->name, name) == 0)
            return entity_list_get(l, i);
    return NULL;
}

/* The seed page as the indexer sees it: the lines after the headline,
 * each paragraph once, without the trailing "Share this post". */
static char *seed_body(void)
{
    FILE *f = fopen(SEED, "r");
    if (!f)
        return NULL;
    char *body = calloc(1, 1 << 16), line[4096];
    size_t len = 0;
    int after_title = 0;
    while (body && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "MoFA:", 5) == 0) {
            after_title = 1;
            continue;
        }
        if (!after_title || !line[0] || strcmp(line, "Share this post") == 0 ||
            strstr(body, line) || len + strlen(line) + 3 > (1 << 16))
            continue;
        len += (size_t)sprintf(body + len, "%s\n\n", line);
    }
    fclose(f);
    return body;
}

typedef struct {
    entity_kind_t kind;
    const char *name;
    const char *country;
} expect_t;

static void test_seed(void **state)
{
    (void)state;
    char *body = seed_body();
    if (!body)
        skip();
    entity_list_t *l = entity_list_new();
    assert_int_equal(entities_extract(gaz, "MoFA: Russia Opposes Return of Taliban Regime",
                                      body, l), 0);
    static const expect_t want[] = {
        {ENTITY_PERSON, "Mohammad Haneef Atmar", NULL},
        {ENTITY_PERSON, "Sergey Lavrov", NULL},
        {ENTITY_PERSON, "Zamir Kabulov", NULL},
        {ENTITY_PERSON, "Sayed Saadat Mansoor Naderi", NULL},
        {ENTITY_PERSON, "Assadullah Saadati", NULL},
        {ENTITY_PLACE, "Afghanistan", "Afghanistan"},
        {ENTITY_PLACE, "Russia", "Russia"},
        {ENTITY_PLACE, "Moscow", "Russia"},
        {ENTITY_PLACE, "Doha", "Qatar"},
        {ENTITY_PLACE, "China", "China"},
        {ENTITY_ORG, "Taliban", NULL},
        {ENTITY_ORG, "Ministry of Foreign Affairs", NULL},
        {ENTITY_ORG, "UN", NULL},
        {ENTITY_ORG, "High Council for National Reconciliation", NULL},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const entity_t *e = find(l, want[i].kind, want[i].name);
        if (!e)
            fail_msg("missing %s %s", entity_kind_to_string(want[i].kind), want[i].name);
        if (want[i].country)
            assert_string_equal(e->country, want[i].country);
    }
    const entity_t *mofa = find(l, ENTITY_ORG, "Ministry of Foreign Affairs");
    assert_string_equal(mofa->abbrev, "MoFA");
    assert_true(mofa->mentions >= 4);   /* "MOFA said", "The MoFA statement" */
    assert_true(find(l, ENTITY_PERSON, "Mohammad Haneef Atmar")->mentions >= 4);
    assert_true(find(l, ENTITY_PERSON, "Sergey Lavrov")->mentions >= 2);
    static const char *const never[] = {
        "Kaboluv Stated", "Stated", "Skip", "Share", "Friday", "January", "Meanwhile",
        "Durable", "Atmar", "Lavrov", "Naderi", "MOFA", "MoFA", "The Taliban",
        "Taliban’s", "Russian", "Afghan", "Afghans", "Republic", "Let", "Sputnik",
    };
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
        if (find_any(l, never[i]))
            fail_msg("unexpected entity %s", never[i]);
    entity_list_free(l);
    free(body);
}

typedef struct {
    const char *title, *body;
    entity_kind_t kind;
    const char *name;        /* expected, or NULL for "nothing named absent" */
    const char *absent;      /* a name that must not be found, or NULL */
    const char *country;
} case_t;

static const case_t cases[] = {
    {NULL, "President Reagan said the deficit would fall.", ENTITY_PERSON, "Reagan", NULL, NULL},
    {NULL, "Treasury Secretary James Baker met Japanese officials. Baker said no.",
     ENTITY_PERSON, "James Baker", "Baker", NULL},
    {NULL, "Japanese officials met in Tokyo.", ENTITY_PLACE, "Japan", "Japanese", "Japan"},
    {NULL, "Fighting near Kabul went on.", ENTITY_PLACE, "Kabul", NULL, "Afghanistan"},
    {NULL, "The European Community (EC) said the EC would act.", ENTITY_ORG,
     "European Community", "EC", NULL},
    {NULL, "Prices rose, the Organization of Petroleum Exporting Countries said.",
     ENTITY_ORG, "Organization of Petroleum Exporting Countries", NULL, NULL},
    {NULL, "Shares of Acme Holdings Inc rose.", ENTITY_ORG, "Acme Holdings Inc", NULL, NULL},
    {NULL, "Russia's stance did not change.", ENTITY_PLACE, "Russia", "Russia's", "Russia"},
    {NULL, "TOKYO, March 3 - Exports rose.", ENTITY_PLACE, "Tokyo", "TOKYO", "Japan"},
    {NULL, "NEW YORK, March 3 - Stocks fell.", ENTITY_PLACE, "New York", "York",
     "United States"},
    {NULL, "On Monday, in March, talks resumed. Thursday was quiet.", ENTITY_PLACE, NULL,
     "Monday", NULL},
    {NULL, "Skip to main content\n\nShare this post", ENTITY_PLACE, NULL, "Skip", NULL},
    {NULL, "Meanwhile, prices held. However, trade slowed.", ENTITY_PLACE, NULL,
     "Meanwhile", NULL},
    {NULL, "The U.S. and the Soviet Union signed.", ENTITY_PLACE, "United States", "U.S.",
     "United States"},
    {NULL, "the Soviet Union signed.", ENTITY_PLACE, "Soviet Union", NULL, "Soviet Union"},
    {NULL, "Envoy Zalmay Khalilzad arrived. Khalilzad said the talks went well.",
     ENTITY_PERSON, "Zalmay Khalilzad", "Khalilzad", NULL},
    {NULL, "Prices fell 10:30 EST on the exchange.", ENTITY_PLACE, NULL, "EST", NULL},
    {"RUSSIA AND CHINA SIGN OIL DEAL", "", ENTITY_PLACE, "China", "SIGN", "China"},
    /* US datelines name the state the AP way after the city. */
    {NULL, "PHOENIX, Ariz., Feb 26 - The company said.", ENTITY_PLACE, "Arizona", "Ariz",
     "United States"},
    {NULL, "NEWARK, N.J., March 3 - Sales rose.", ENTITY_PLACE, "New Jersey", "N.J.",
     "United States"},
    {NULL, "It is based in Springfield, Ill., and Dayton.", ENTITY_PLACE, "Illinois", NULL,
     "United States"},
    {NULL, "Turkey's exports rose.", ENTITY_PLACE, "Turkey", NULL, "Turkey"},
    /* "International" opens the name, not only the sentence. */
    {NULL, "International Coffee Organization delegates met.", ENTITY_ORG,
     "International Coffee Organization", "Coffee Organization", NULL},
    {NULL, "Shares of Acme Holdings Inc rose.", ENTITY_ORG, "Acme Holdings Inc",
     "Shares of Acme Holdings Inc", NULL},
    {NULL, NULL, ENTITY_PLACE, NULL, NULL, NULL},
    {"", "", ENTITY_PLACE, NULL, NULL, NULL},
};

static void test_cases(void **state)
{
    (void)state;
    entity_list_t *l = entity_list_new();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const case_t *c = &cases[i];
        assert_int_equal(entities_extract(gaz, c->title, c->body, l), 0);
        if (c->name) {
            const entity_t *e = find(l, c->kind, c->name);
            if (!e)
                fail_msg("case %zu: missing %s %s", i, entity_kind_to_string(c->kind), c->name);
            if (c->country)
                assert_string_equal(e->country, c->country);
        }
        if (c->absent && find_any(l, c->absent))
            fail_msg("case %zu: unexpected entity %s", i, c->absent);
    }
    entity_list_free(l);
}

typedef struct {
    const char *title, *body;
    const char *name;        /* a place */
    int salient;
    unsigned where;          /* ENTITY_IN_* bits it must have */
} salience_case_t;

#define LONG_BODY \
    "TOKYO, March 3 - Japan's exports rose 5 pct in February, the ministry said.\n\n" \
    "Shipments of cars and steel led the rise.\n\n" \
    "Imports fell as oil prices eased.\n\n" \
    "The figures matched forecasts, analysts said, though some had looked\n" \
    "for a stronger yen to weigh on exports to France.\n\n" \
    "The Bank of England said nothing."

static const salience_case_t salience_cases[] = {
    /* The dateline, the lead and the headline make a place salient. */
    {NULL, LONG_BODY, "Tokyo", 1, ENTITY_IN_DATELINE | ENTITY_IN_LEAD},
    {NULL, LONG_BODY, "Japan", 1, ENTITY_IN_LEAD},
    {"FRANCE AND JAPAN TALK", LONG_BODY, "France", 1, ENTITY_IN_TITLE},
    /* Once deep in the body, or only inside an organisation's name: not. */
    {NULL, LONG_BODY, "France", 0, 0},
    {NULL, LONG_BODY, "United Kingdom", 0, 0},
    /* The country of a salient city is implied when not named. */
    {NULL, "HOUSTON, March 3 - Oil output fell, the company said.", "United States", 1,
     ENTITY_IMPLIED},
    /* The article's most prominent place is always salient. */
    {NULL, "Prices fell.\n\nTrade was thin.\n\nDealers in Paris were quiet.", "Paris", 1, 0},
};

static void test_salience(void **state)
{
    (void)state;
    entity_list_t *l = entity_list_new();
    for (size_t i = 0; i < sizeof salience_cases / sizeof salience_cases[0]; i++) {
        const salience_case_t *c = &salience_cases[i];
        assert_int_equal(entities_extract(gaz, c->title, c->body, l), 0);
        const entity_t *e = find(l, ENTITY_PLACE, c->name);
        if (!e)
            fail_msg("case %zu: missing place %s", i, c->name);
        if (e->salient != c->salient)
            fail_msg("case %zu: %s salient %d, score %u", i, c->name, e->salient, e->score);
        if ((e->where & c->where) != c->where)
            fail_msg("case %zu: %s where %#x, wanted %#x", i, c->name, e->where, c->where);
    }
    /* An implied country is not named: no mentions. */
    assert_int_equal(entities_extract(gaz, NULL, salience_cases[5].body, l), 0);
    assert_int_equal(find(l, ENTITY_PLACE, "United States")->mentions, 0);
    assert_true(find(l, ENTITY_PLACE, "Houston")->salient);
    entity_list_free(l);
}

static void test_free_null(void **state)
{
    (void)state;
    entity_list_free(NULL);
    entity_gazetteer_free(NULL);
    assert_string_equal(entity_kind_to_string(ENTITY_ORG), "organisation");
    char err[256];
    assert_null(entity_gazetteer_load("/nonexistent", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/iso_3166-1.json"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed),
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_salience),
        cmocka_unit_test(test_free_null),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
