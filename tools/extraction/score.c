/* score.c - khabar-extraction-score: how well khabar-index finds the
 * article in an HTML page, scored as the article-extraction benchmark does.
 *
 *   khabar-extraction-score [-v] [--dump NAME] DIR
 *
 * DIR is either the scrapinghub article-extraction benchmark (a
 * ground-truth.json.gz of {"<id>": {"articleBody": ...}} and html/<id>.html.gz)
 * or a folder of NAME.html.gz pages each with its expected text in NAME.txt
 * (the newspaper3k fixtures).  Each page goes through page_html_extract(),
 * the body it returns is compared with the expected text by 4-word shingles
 * (shingles.h), and the tool prints the mean precision and recall over the
 * pages, F1 of the two, and the extractor's speed.  docs/EXTRACTION.md has
 * the figures.
 *
 *   -v           also print one line a page: name, precision, recall
 *   --dump NAME  score only the page NAME, and print the title, provenance
 *                and body extracted from it
 *
 * Exit status: 0 measured, 1 a file could not be read, 2 bad usage. */
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <zlib.h>

#include "page_html.h"
#include "shingles.h"

static const char *program = "khabar-extraction-score";

typedef struct {
    int verbose;
    const char *dump;
    size_t pages, counted_p, counted_r;
    double sum_p, sum_r, seconds, bytes;
} score_t;

/* The whole of PATH, gunzipped when it is gzip, NUL-terminated. */
static char *slurp(const char *path, size_t *n)
{
    gzFile f = gzopen(path, "rb");
    char *data = NULL;
    size_t len = 0, cap = 0;
    int got;

    if (!f)
        return NULL;
    do {
        if (cap - len < 65536) {
            char *grown = realloc(data, cap = cap ? 2 * cap : 262144);
            if (!grown) {
                free(data);
                gzclose(f);
                return NULL;
            }
            data = grown;
        }
        got = gzread(f, data + len, (unsigned)(cap - len - 1));
        if (got > 0)
            len += (size_t)got;
    } while (got > 0);
    gzclose(f);
    if (got < 0) {
        free(data);
        return NULL;
    }
    data[len] = '\0';
    *n = len;
    return data;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void dump(const char *name, const article_t *a)
{
    printf("== %s\ntitle: %s\ndate: %s\nbyline: %s\nurl: %s\nsource: %s\n"
           "lang: %s\nextraction: %s\n\n%s\n",
           name, a->title ? a->title : "", a->date ? a->date : "",
           a->byline ? a->byline : "", a->url ? a->url : "",
           a->source ? a->source : "", a->lang ? a->lang : "",
           a->extraction ? a->extraction : "", a->body ? a->body : "");
}

/* Extracts the page at PATH and scores its body against TRUTH. */
static int score_page(score_t *s, const char *name, const char *path,
                      const char *truth)
{
    article_t a = {0};
    shingle_match_t m;
    char err[256];
    size_t n;
    char *html = slurp(path, &n);
    double start, p, r;

    if (!html) {
        fprintf(stderr, "%s: %s: cannot read\n", program, path);
        return -1;
    }
    start = now();
    if (page_html_extract(html, n, &a, err, sizeof err) < 0 && s->verbose)
        fprintf(stderr, "%s: %s: %s\n", program, path, err);
    s->seconds += now() - start;
    s->bytes += (double)n;
    free(html);
    if (shingles_match(truth, a.body, &m) < 0) {
        fprintf(stderr, "%s: out of memory\n", program);
        exit(1);
    }
    p = shingles_precision(&m);
    r = shingles_recall(&m);
    s->pages++;
    if (p >= 0)
        s->sum_p += p, s->counted_p++;
    if (r >= 0)
        s->sum_r += r, s->counted_r++;
    if (s->verbose)
        printf("%s\t%.3f\t%.3f\n", name, p, r);
    if (s->dump && strcmp(s->dump, name) == 0)
        dump(name, &a);
    article_clear(&a);
    return 0;
}

/* The benchmark's layout: ground-truth.json.gz names the pages. */
static int score_benchmark(score_t *s, const char *dir, json_t *truth)
{
    const char *id;
    json_t *entry;
    char path[4096];

    json_object_foreach(truth, id, entry) {
        const char *body =
            json_string_value(json_object_get(entry, "articleBody"));
        if (s->dump && strcmp(s->dump, id) != 0)
            continue;
        snprintf(path, sizeof path, "%s/html/%s.html.gz", dir, id);
        if (score_page(s, id, path, body ? body : "") < 0)
            return -1;
    }
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names NAME of DIR's NAME.html.gz files, sorted. */
static char **page_names(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t cap = 0;

    *count = 0;
    if (!d)
        return NULL;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len <= 8 || strcmp(e->d_name + len - 8, ".html.gz") != 0)
            continue;
        if (*count == cap) {
            cap = cap ? 2 * cap : 64;
            names = realloc(names, cap * sizeof *names);
            if (!names)
                exit(1);
        }
        names[(*count)++] = strndup(e->d_name, len - 8);
    }
    closedir(d);
    if (*count)
        qsort(names, *count, sizeof *names, by_name);
    return names;
}

/* The fixtures' layout: NAME.html.gz beside NAME.txt. */
static int score_pairs(score_t *s, const char *dir)
{
    size_t count, n;
    char **names = page_names(dir, &count);
    char path[4096];
    int rc = 0;

    for (size_t i = 0; i < count; i++) {
        if (s->dump && strcmp(s->dump, names[i]) != 0) {
            free(names[i]);
            continue;
        }
        snprintf(path, sizeof path, "%s/%s.txt", dir, names[i]);
        char *truth = slurp(path, &n);
        snprintf(path, sizeof path, "%s/%s.html.gz", dir, names[i]);
        if (!truth || (rc == 0 && score_page(s, names[i], path, truth) < 0))
            rc = -1;
        free(truth);
        free(names[i]);
    }
    free(names);
    return count ? rc : -1;
}

static void report(const score_t *s)
{
    double p = s->counted_p ? s->sum_p / (double)s->counted_p : 0;
    double r = s->counted_r ? s->sum_r / (double)s->counted_r : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;

    printf("pages %zu  precision %.3f  recall %.3f  F1 %.3f\n", s->pages, p,
           r, f1);
    printf("extraction %.2f s: %.0f pages/s, %.1f MB/s of HTML\n", s->seconds,
           s->pages / s->seconds, s->bytes / 1e6 / s->seconds);
}

int main(int argc, char **argv)
{
    score_t s = {0};
    const char *dir = NULL;
    char path[4096];
    size_t n;
    char *text;
    int rc;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            s.verbose = 1;
        else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
            s.dump = argv[++i];
        else if (!dir && argv[i][0] != '-')
            dir = argv[i];
        else
            dir = NULL, i = argc;
    }
    if (!dir) {
        fprintf(stderr, "usage: %s [-v] [--dump NAME] DIR\n", program);
        return 2;
    }
    /* Word characters are Unicode's: the benchmark tokenises with \w. */
    setlocale(LC_CTYPE, "C.UTF-8");
    snprintf(path, sizeof path, "%s/ground-truth.json.gz", dir);
    if ((text = slurp(path, &n))) {
        json_t *truth = json_loadb(text, n, 0, NULL);
        free(text);
        rc = truth ? score_benchmark(&s, dir, truth) : -1;
        json_decref(truth);
    } else {
        rc = score_pairs(&s, dir);
    }
    if (rc < 0) {
        fprintf(stderr, "%s: %s: cannot read the pages and their text\n",
                program, dir);
        return 1;
    }
    report(&s);
    return 0;
}
