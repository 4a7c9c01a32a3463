/* entities-eval: measures the entity extractor against the hand tags of
 * Reuters-21578 (docs/ENTITIES.md says how it counts).
 *
 *   entities-eval [-av] [-n MAX] REUTERS_DIR
 *
 * -a scores every place found, not only the salient ones; -v prints each
 * false positive and negative; -n stops after MAX articles.  The last line,
 * "result ...", is for scripts (tests/e2e/t120-entities-quality.sh).
 *
 * The mapping from extracted names to Reuters codes lives here, never in
 * the extractor: country names to country codes, organisation names and
 * acronyms to ORGS codes, surnames to PEOPLE codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "entities.h"
#include "reuters_sgml.h"

/* A sorted list of codes, with what each name maps to. */
typedef struct {
    char **key, **code;
    size_t n, cap;
} dict_t;

static void dict_add(dict_t *d, const char *key, const char *code)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 256;
        d->key = realloc(d->key, d->cap * sizeof *d->key);
        d->code = realloc(d->code, d->cap * sizeof *d->code);
        if (!d->key || !d->code) {
            perror("entities-eval");
            exit(3);
        }
    }
    d->key[d->n] = strdup(key);
    d->code[d->n] = strdup(code);
    d->n++;
}

static void dict_free(dict_t *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->key[i]);
        free(d->code[i]);
    }
    free(d->key);
    free(d->code);
}

static const char *dict_get(const dict_t *d, const char *key)
{
    for (size_t i = d->n; i > 0; i--)
        if (strcmp(d->key[i - 1], key) == 0)
            return d->code[i - 1];
    return NULL;
}

/* Lowercase, words joined by '-', dots, commas and quotes dropped,
 * "organization" spelt the British way, as Reuters codes are. */
static void normalise(const char *s, char *out, size_t outlen, char space)
{
    size_t o = 0;
    for (; *s && o + 1 < outlen; s++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c == ' ' || c == '-')
            c = space;
        if (c == '.' || c == ',' || c == '\'' || c == '(' || c == ')' || c == '\0')
            continue;
        if (c == space && (o == 0 || out[o - 1] == space))
            continue;
        out[o++] = c;
    }
    while (o > 0 && out[o - 1] == space)
        o--;
    out[o] = '\0';
    char *z = strstr(out, "organization");
    if (z)
        z[6] = 's';
}

typedef struct {
    dict_t places, orgs, people;   /* name -> code */
    dict_t vocab[REUTERS_TYPES];   /* every code, code -> code */
} mapping_t;

/* Country names that are not the Reuters code spelt out. */
static const char *const country_aliases[][2] = {
    {"united-states", "usa"}, {"united-kingdom", "uk"}, {"russia", "ussr"},
    {"soviet-union", "ussr"}, {"germany", "west-germany"},
    {"united-arab-emirates", "uae"}, {"côte-divoire", "ivory-coast"},
    {"myanmar", "burma"}, {"cambodia", "kampuchea"},
    {"congo-the-democratic-republic-of-the", "zaire"},
    {"trinidad-and-tobago", "trinidad-tobago"}, {"viet-nam", "vietnam"},
    {"holy-see-vatican-city-state", "vatican"}, {"yemen", "yemen-arab-republic"},
    {"virgin-islands-british", "british-virgin-islands"},
    {"virgin-islands-us", "us-virgin-islands"}, {"samoa", "western-samoa"},
    {"antigua-and-barbuda", "antigua"}, {NULL, NULL}
};

/* Reads "Full Name (CODE)@*" lines of one section of
 * cat-descriptions_120396.txt: organisation names and people. */
static void read_descriptions(mapping_t *m, const char *dir)
{
    char path[1024], line[512];
    snprintf(path, sizeof path, "%s/cat-descriptions_120396.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    int section = -1;
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, "@heading[Organization"))
            section = REUTERS_ORGS;
        else if (strstr(line, "@heading[People"))
            section = REUTERS_PEOPLE;
        else if (strstr(line, "@heading["))
            section = -1;
        char *open = strrchr(line, '('), *close = open ? strchr(open, ')') : NULL;
        if (section < 0 || !open || !close)
            continue;
        *close = '\0';
        *open = '\0';
        char code[128], name[512];
        normalise(open + 1, code, sizeof code, '-');
        normalise(line, name, sizeof name, ' ');
        dict_add(section == REUTERS_ORGS ? &m->orgs : &m->people, name, code);
    }
    fclose(f);
}

static const char *map_place(const mapping_t *m, const entity_t *e)
{
    if (!e->country)
        return NULL;
    char key[256];
    normalise(e->country, key, sizeof key, '-');
    for (size_t i = 0; country_aliases[i][0]; i++)
        if (strcmp(country_aliases[i][0], key) == 0)
            return country_aliases[i][1];
    return dict_get(&m->vocab[REUTERS_PLACES], key);
}

static const char *map_org(const mapping_t *m, const entity_t *e)
{
    char key[256];
    const char *code;
    normalise(e->name, key, sizeof key, ' ');
    if ((code = dict_get(&m->orgs, key)))
        return code;
    normalise(e->name, key, sizeof key, '\0');   /* "World Bank" -> worldbank */
    if ((code = dict_get(&m->vocab[REUTERS_ORGS], key)))
        return code;
    if (e->abbrev) {
        normalise(e->abbrev, key, sizeof key, '-');
        return dict_get(&m->vocab[REUTERS_ORGS], key);
    }
    return NULL;
}

/* Person codes are surnames ("volcker"), sometimes with the given name
 * ("james-baker") or a particle ("von-weizsaecker"). */
static const char *map_person(const mapping_t *m, const entity_t *e)
{
    const dict_t *v = &m->vocab[REUTERS_PEOPLE];
    char full[256], key[260];
    const char *code;
    normalise(e->name, full, sizeof full, '-');
    if ((code = dict_get(v, full)))
        return code;
    char spaced[256];
    normalise(e->name, spaced, sizeof spaced, ' ');
    if ((code = dict_get(&m->people, spaced)))
        return code;
    const char *last = strrchr(full, '-');
    last = last ? last + 1 : full;
    if ((code = dict_get(v, last)))
        return code;
    snprintf(key, sizeof key, "-%s", last);
    const char *found = NULL;
    for (size_t i = 0; i < v->n; i++) {
        size_t cl = strlen(v->code[i]), kl = strlen(key);
        if (cl > kl && strcmp(v->code[i] + cl - kl, key) == 0) {
            if (found)
                return NULL;
            found = v->code[i];
        }
    }
    return found;
}

typedef struct {
    unsigned long tp, fp, fn, articles;
} score_t;

static int has(char **list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

static int verbose;
/* Places: score only the salient ones (the default), or all (-a). */
static int all_places;

static void score_type(const mapping_t *m, const reuters_article_t *a,
                       const entity_list_t *l, int type, score_t *s)
{
    static const entity_kind_t kinds[] = {ENTITY_PLACE, ENTITY_PERSON, ENTITY_ORG};
    if (a->ntags[type] == 0)
        return;
    const char *pred[256], *name[256];
    size_t np = 0;
    for (size_t i = 0; i < entity_list_count(l) && np < 256; i++) {
        const entity_t *e = entity_list_get(l, i);
        if (e->kind != kinds[type] || (type == REUTERS_PLACES && !e->salient && !all_places))
            continue;
        const char *code = type == REUTERS_PLACES ? map_place(m, e)
                         : type == REUTERS_ORGS ? map_org(m, e) : map_person(m, e);
        if (code && !has((char **)pred, np, code)) {
            name[np] = e->name;
            pred[np++] = code;
        }
    }
    s->articles++;
    for (size_t i = 0; i < np; i++) {
        int hit = has(a->tags[type], a->ntags[type], pred[i]);
        s->tp += hit;
        s->fp += !hit;
        if (!hit && verbose)
            printf("FP %d %s (%s)\n", type, pred[i], name[i]);
    }
    for (size_t i = 0; i < a->ntags[type]; i++)
        if (!has((char **)pred, np, a->tags[type][i])) {
            s->fn++;
            if (verbose)
                printf("FN %d %s\n", type, a->tags[type][i]);
        }
}

/* CPU time of this thread: the figure for one core, whatever else the
 * machine is doing. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *file_name(const char *dir, int i)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/reut2-%03d.sgm.gz", dir, i);
    return path;
}

/* Every code used in the tags is part of the vocabulary the predictions
 * are mapped into, as are the country codes of the category list. */
static void collect_vocabulary(mapping_t *m, const char *dir)
{
    for (int i = 0; i < 22; i++) {
        size_t len, pos = 0;
        char *data = reuters_read_file(file_name(dir, i), &len);
        reuters_article_t a;
        while (data && reuters_next(data, &pos, &a) == 1) {
            for (int t = 0; t < REUTERS_TYPES; t++)
                for (size_t k = 0; k < a.ntags[t]; k++)
                    if (!dict_get(&m->vocab[t], a.tags[t][k]))
                        dict_add(&m->vocab[t], a.tags[t][k], a.tags[t][k]);
            reuters_article_clear(&a);
        }
        free(data);
    }
    for (size_t i = 0; i < m->orgs.n; i++)
        if (!dict_get(&m->vocab[REUTERS_ORGS], m->orgs.code[i]))
            dict_add(&m->vocab[REUTERS_ORGS], m->orgs.code[i], m->orgs.code[i]);
}

static double precision(const score_t *s)
{
    return s->tp + s->fp ? (double)s->tp / (double)(s->tp + s->fp) : 0;
}

static double recall(const score_t *s)
{
    return s->tp + s->fn ? (double)s->tp / (double)(s->tp + s->fn) : 0;
}

static void report(const char *what, const score_t *s)
{
    printf("%-14s articles %5lu  tp %5lu  fp %5lu  fn %5lu  precision %.3f  recall %.3f\n",
           what, s->articles, s->tp, s->fp, s->fn, precision(s), recall(s));
}

/* One line of name=value pairs for scripts. */
static void report_line(const score_t *s, unsigned long articles, double rate)
{
    static const char *const names[REUTERS_TYPES] = {"places", "people", "organisations"};
    printf("result articles=%lu", articles);
    for (int t = 0; t < REUTERS_TYPES; t++)
        printf(" %s_p=%.3f %s_r=%.3f", names[t], precision(&s[t]), names[t], recall(&s[t]));
    printf(" articles_per_s=%.0f\n", rate);
}

int main(int argc, char **argv)
{
    long max = -1;
    int opt;
    while ((opt = getopt(argc, argv, "avn:")) != -1) {
        if (opt == 'v')
            verbose = 1;
        else if (opt == 'a')
            all_places = 1;
        else if (opt == 'n')
            max = atol(optarg);
        else {
            fprintf(stderr, "usage: entities-eval [-av] [-n MAX] REUTERS_DIR\n");
            return 2;
        }
    }
    if (optind + 1 != argc) {
        fprintf(stderr, "usage: entities-eval [-av] [-n MAX] REUTERS_DIR\n");
        return 2;
    }
    const char *dir = argv[optind];
    char err[512];
    double t0 = now();
    entity_gazetteer_t *gaz = entity_gazetteer_load(NULL, err, sizeof err);
    double load = now() - t0;
    if (!gaz) {
        fprintf(stderr, "entities-eval: %s\n", err);
        return 1;
    }
    mapping_t m = {0};
    read_descriptions(&m, dir);
    collect_vocabulary(&m, dir);
    entity_list_t *list = entity_list_new();
    score_t score[REUTERS_TYPES] = {{0}};
    double spent = 0;
    unsigned long articles = 0, bytes = 0;
    for (int i = 0; i < 22 && (max < 0 || (long)articles < max); i++) {
        size_t len, pos = 0;
        char *data = reuters_read_file(file_name(dir, i), &len);
        reuters_article_t a;
        while (data && (max < 0 || (long)articles < max) && reuters_next(data, &pos, &a) == 1) {
            if (a.body) {
                double t = now();
                if (entities_extract(gaz, a.title, a.body, list) != 0) {
                    fprintf(stderr, "entities-eval: out of memory\n");
                    return 3;
                }
                spent += now() - t;
                articles++;
                bytes += strlen(a.body) + (a.title ? strlen(a.title) : 0);
                for (int t2 = 0; t2 < REUTERS_TYPES; t2++)
                    score_type(&m, &a, list, t2, &score[t2]);
            }
            reuters_article_clear(&a);
        }
        free(data);
    }
    printf("gazetteer load %.3f s (sources %u)\n", load, entity_gazetteer_sources(gaz));
    double rate = spent > 0 ? articles / spent : 0;
    printf("extraction: %lu articles, %.1f MB in %.3f s of CPU: %.0f articles/s, %.1f MB/s\n",
           articles, bytes / 1e6, spent, rate, spent > 0 ? bytes / 1e6 / spent : 0);
    report(all_places ? "places (all)" : "places", &score[REUTERS_PLACES]);
    report("people", &score[REUTERS_PEOPLE]);
    report("organisations", &score[REUTERS_ORGS]);
    report_line(score, articles, rate);
    entity_list_free(list);
    entity_gazetteer_free(gaz);
    dict_free(&m.places);
    dict_free(&m.orgs);
    dict_free(&m.people);
    for (int t = 0; t < REUTERS_TYPES; t++)
        dict_free(&m.vocab[t]);
    return 0;
}
