/* Cities and their countries from libgeonames0.
 *
 * libgeonames keeps its data compiled into the shared library, reachable
 * only through its API; its header pulls in GLib and GIO.  We need six
 * plain functions once per run, so we dlopen the library instead of
 * linking it: no GLib flags on every compile, and a machine without the
 * package still indexes, with countries and subdivisions only. */
#include "entity_gazetteer.h"

#include <dlfcn.h>
#include <string.h>

typedef struct {
    int (*n_cities)(void);
    void *(*get_city)(int);
    void (*city_free)(void *);
    const char *(*name)(void *);
    const char *(*country_code)(void *);
    unsigned (*population)(void *);
} geonames_api_t;

/* POSIX guarantees a dlsym result converts to a function pointer; copying
 * the bytes says so without a cast the compiler would question. */
static int bind(void *lib, const char *symbol, void *fn, size_t size)
{
    void *p = dlsym(lib, symbol);
    if (!p)
        return -1;
    memcpy(fn, &p, size);
    return 0;
}

static int bind_api(void *lib, geonames_api_t *api)
{
    return bind(lib, "geonames_get_n_cities", &api->n_cities, sizeof api->n_cities) |
           bind(lib, "geonames_get_city", &api->get_city, sizeof api->get_city) |
           bind(lib, "geonames_city_free", &api->city_free, sizeof api->city_free) |
           bind(lib, "geonames_city_get_name", &api->name, sizeof api->name) |
           bind(lib, "geonames_city_get_country_code", &api->country_code,
                sizeof api->country_code) |
           bind(lib, "geonames_city_get_population", &api->population,
                sizeof api->population);
}

/* "Washington D.C." is written "Washington" and "New York City" "New
 * York"; the short form is added with the city's population so it
 * outranks the smaller namesakes. */
static int add_city(entity_gazetteer_t *gaz, const char *name, uint16_t country,
                    uint32_t population)
{
    if (gazetteer_add_place(gaz, name, country, PLACE_CITY, 0, population) != 0)
        return -1;
    size_t len = strlen(name);
    if (len > 5 && len < 128 && (strcmp(name + len - 5, " D.C.") == 0 ||
                                 strcmp(name + len - 5, " City") == 0)) {
        char base[128];
        memcpy(base, name, len - 5);
        base[len - 5] = '\0';
        return gazetteer_add_place(gaz, base, country, PLACE_CITY, 0, population);
    }
    return 0;
}

int gazetteer_load_geonames(entity_gazetteer_t *gaz)
{
    void *lib = dlopen("libgeonames.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return 1;
    geonames_api_t api = {0};
    if (bind_api(lib, &api) != 0) {
        dlclose(lib);
        return 1;
    }
    int rc = 0, n = api.n_cities();
    for (int i = 0; i < n && rc == 0; i++) {
        void *city = api.get_city(i);
        if (!city)
            continue;
        uint16_t country = gazetteer_find_country(gaz, api.country_code(city));
        if (country != NO_COUNTRY)
            rc = add_city(gaz, api.name(city), country, api.population(city));
        api.city_free(city);
    }
    /* The library stays loaded: GLib, which it brought in, cannot be
     * unloaded safely. */
    return rc;
}
