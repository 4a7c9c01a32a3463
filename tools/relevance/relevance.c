/* relevance.c - khabar-relevance: measures how well Khabar ranks.
 *
 *   khabar-relevance [options] cisi|hamshahri DIR
 *
 * Indexes a test collection through the shim (khabar.h), runs each of its
 * queries as a bag of words and prints MAP, nDCG@10 and P@10 against its
 * relevance judgements (qrels), as trec_eval computes them: over the
 * queries that have judgements, from the first 1000 hits.  The
 * collections and their formats are those of ../shared/corpus (see each
 * PROVENANCE.md); docs/RELEVANCE.md has the figures and how to get them.
 *
 * Options:
 *   --index DIR         keep the index in DIR; reuse it when it exists
 *   --k1 X, --b X       BM25 parameters (default: Khabar's)
 *   --stem-some         stem only uncapitalised words, as plain queries do
 *   --and               require every word instead of OR-ing them
 *   --persian-keyboard  type the queries' yeh and kaf as a Persian
 *                       keyboard does (U+06CC, U+06A9)
 *   --run FILE          also write the ranking in TREC run format
 *
 * Exit status: 0 measured, 1 a file could not be read, 2 bad usage,
 * 3 the index failed. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <zlib.h>

#include "khabar.h"

#define MAX_HITS 1000
#define CUTOFF 10

static const char *program = "khabar-relevance";

/* ---- growable strings and lists ---- */

typedef struct {
    char *s;
    size_t len, cap;
} buf_t;

static void
buf_add(buf_t *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            fprintf(stderr, "%s: out of memory\n", program);
            exit(1);
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static char *
xstrdup(const char *s)
{
    char *p = strdup(s ? s : "");
    if (!p) {
        fprintf(stderr, "%s: out of memory\n", program);
        exit(1);
    }
    return p;
}

/* Reads the whole of PATH, plain or gzipped, into a NUL-terminated
 * string, or NULL (with a message) when it cannot. */
static char *
read_file(const char *path)
{
    gzFile in = gzopen(path, "rb");
    if (!in) {
        fprintf(stderr, "%s: %s: %s\n", program, path, strerror(errno));
        return NULL;
    }
    buf_t b = { 0 };
    char chunk[65536];
    int n;
    while ((n = gzread(in, chunk, sizeof chunk)) > 0)
        buf_add(&b, chunk, (size_t) n);
    int errnum = 0;
    const char *why = n < 0 ? gzerror(in, &errnum) : NULL;
    gzclose(in);
    if (why) {
        fprintf(stderr, "%s: %s: %s\n", program, path, why);
        free(b.s);
        return NULL;
    }
    if (!b.s)
        buf_add(&b, "", 0);
    return b.s;
}

/* ---- a collection: documents, queries and judgements ---- */

typedef struct {
    char *id, *text;
} query_t;

typedef struct {
    char *qid, *docid;
} qrel_t;

typedef struct {
    query_t *queries;
    size_t nqueries;
    qrel_t *qrels;
    size_t nqrels;
} collection_t;

static void
add_query(collection_t *c, const char *id, const char *text)
{
    query_t *q = realloc(c->queries, (c->nqueries + 1) * sizeof *q);
    if (!q)
        exit(1);
    c->queries = q;
    c->queries[c->nqueries].id = xstrdup(id);
    c->queries[c->nqueries].text = xstrdup(text);
    c->nqueries++;
}

/* Reads a qrels file in trec_eval format ("qid 0 docid rel"), keeping the
 * pairs with rel > 0. */
static int
read_qrels(collection_t *c, const char *path)
{
    char *text = read_file(path);
    if (!text)
        return -1;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char qid[64], iter[64], docid[256];
        int rel;
        if (sscanf(line, "%63s %63s %255s %d", qid, iter, docid, &rel) != 4 ||
            rel <= 0)
            continue;
        qrel_t *q = realloc(c->qrels, (c->nqrels + 1) * sizeof *q);
        if (!q)
            exit(1);
        c->qrels = q;
        c->qrels[c->nqrels].qid = xstrdup(qid);
        c->qrels[c->nqrels].docid = xstrdup(docid);
        c->nqrels++;
    }
    free(text);
    return 0;
}

static void
upsert(khabar_index_t *index, const khabar_article_t *a)
{
    if (khabar_index_upsert(index, a, NULL) != KHABAR_STATUS_SUCCESS) {
        fprintf(stderr, "%s: article %s: %s\n", program, a->id,
                khabar_index_message(index));
        exit(3);
    }
}

/* ---- CISI: SMART format ---- */

/* Calls FN for each record of the SMART file TEXT with its id and the
 * fields .T and .W (either may be ""). */
static void
smart_records(char *text, void (*fn)(const char *id, const char *title,
                                     const char *body, void *ctx),
              void *ctx)
{
    buf_t title = { 0 }, body = { 0 };
    char id[64] = "";
    char field = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save);; line = strtok_r(NULL, "\n", &save)) {
        if (!line || !strncmp(line, ".I ", 3)) {
            if (*id)
                fn(id, title.s ? title.s : "", body.s ? body.s : "", ctx);
            title.len = body.len = 0;
            if (title.s) *title.s = '\0';
            if (body.s) *body.s = '\0';
            if (!line)
                break;
            snprintf(id, sizeof id, "%s", line + 3);
            field = 0;
        } else if (line[0] == '.' && line[1] && (line[2] == '\0' || line[2] == ' ')) {
            field = line[1];
        } else if (field == 'T' || field == 'W') {
            buf_t *b = field == 'T' ? &title : &body;
            buf_add(b, line, strlen(line));
            buf_add(b, " ", 1);
        }
    }
    free(title.s);
    free(body.s);
}

static void
cisi_document(const char *id, const char *title, const char *body, void *ctx)
{
    khabar_article_t a = { 0 };
    a.id = id;
    a.title = title;
    a.body = body;
    a.lang = "en";
    upsert(ctx, &a);
}

static void
cisi_query(const char *id, const char *title, const char *body, void *ctx)
{
    (void) title;
    add_query(ctx, id, body);
}

static int
load_cisi(const char *dir, collection_t *c, khabar_index_t *index)
{
    char path[4096];
    if (index) {
        snprintf(path, sizeof path, "%s/CISI.ALL.gz", dir);
        char *docs = read_file(path);
        if (!docs)
            return -1;
        smart_records(docs, cisi_document, index);
        free(docs);
    }
    snprintf(path, sizeof path, "%s/CISI.QRY.gz", dir);
    char *queries = read_file(path);
    if (!queries)
        return -1;
    smart_records(queries, cisi_query, c);
    free(queries);
    snprintf(path, sizeof path, "%s/qrels.trec.gz", dir);
    return read_qrels(c, path);
}

/* ---- Hamshahri: JSON Lines ---- */

/* Calls FN with each JSON object of the JSON Lines file at PATH. */
static int
json_lines(const char *path, void (*fn)(json_t *object, void *ctx), void *ctx)
{
    char *text = read_file(path);
    if (!text)
        return -1;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        json_error_t error;
        json_t *object = json_loads(line, 0, &error);
        if (!json_is_object(object)) {
            fprintf(stderr, "%s: %s:%d: %s\n", program, path, error.line,
                    error.text);
            json_decref(object);
            free(text);
            return -1;
        }
        fn(object, ctx);
        json_decref(object);
    }
    free(text);
    return 0;
}

static const char *
member(json_t *object, const char *name)
{
    const char *s = json_string_value(json_object_get(object, name));
    return s ? s : "";
}

/* The headline is the first line of `text`, the body the rest. */
static void
hamshahri_document(json_t *object, void *ctx)
{
    char *text = xstrdup(member(object, "text"));
    char *newline = strchr(text, '\n');
    khabar_article_t a = { 0 };
    a.id = member(object, "id");
    a.date = member(object, "date");
    a.lang = "fa";
    a.title = text;
    a.body = "";
    if (newline) {
        *newline = '\0';
        a.body = newline + 1;
    }
    upsert(ctx, &a);
    free(text);
}

static void
hamshahri_query(json_t *object, void *ctx)
{
    add_query(ctx, member(object, "qid"), member(object, "text"));
}

static int
load_hamshahri(const char *dir, collection_t *c, khabar_index_t *index)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/hamshahri-docs.jsonl.gz", dir);
    if (index && json_lines(path, hamshahri_document, index) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/hamshahri-queries.jsonl.gz", dir);
    if (json_lines(path, hamshahri_query, c) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/qrels.trec", dir);
    return read_qrels(c, path);
}

/* ---- queries as bags of words ---- */

/* TEXT as a bag of words in Khabar's query syntax: every ASCII character
 * that is not a letter or digit becomes a space (so no parenthesis, quote
 * or '-' of the text is read as an operator), and upper-case operator
 * words are lowercased into plain words. */
static char *
bag_of_words(const char *text, int persian_keyboard)
{
    buf_t b = { 0 };
    buf_add(&b, "", 0);
    for (const unsigned char *p = (const unsigned char *) text; *p; p++) {
        char c = (char) *p;
        if (*p < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9')))
            c = ' ';
        /* U+064A (D9 8A) and U+0643 (D9 83) as a Persian keyboard types
         * them: U+06CC (DB 8C) and U+06A9 (DA A9). */
        if (persian_keyboard && p[0] == 0xD9 && (p[1] == 0x8A || p[1] == 0x83)) {
            buf_add(&b, p[1] == 0x8A ? "\xDB\x8C" : "\xDA\xA9", 2);
            p++;
            continue;
        }
        buf_add(&b, &c, 1);
    }
    static const char *const ops[] = { "AND", "OR", "NOT", "XOR", "NEAR", "ADJ" };
    for (char *w = b.s; *w;) {
        size_t n = strcspn(w, " ");
        for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
            if (n == strlen(ops[i]) && !strncmp(w, ops[i], n))
                for (size_t k = 0; k < n; k++)
                    w[k] = (char) (w[k] - 'A' + 'a');
        w += n;
        w += strspn(w, " ");
    }
    return b.s;
}

/* ---- measures ---- */

typedef struct {
    double map, ndcg, p10;
    int queries;
} scores_t;

static int
is_relevant(const collection_t *c, const char *qid, const char *docid)
{
    for (size_t i = 0; i < c->nqrels; i++)
        if (!strcmp(c->qrels[i].qid, qid) && !strcmp(c->qrels[i].docid, docid))
            return 1;
    return 0;
}

static size_t
relevant_count(const collection_t *c, const char *qid)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nqrels; i++)
        n += !strcmp(c->qrels[i].qid, qid);
    return n;
}

/* Adds the average precision, nDCG@10 and P@10 of RESULTS for QUERY
 * (with NREL judged-relevant documents) to S. */
static void
score_query(const collection_t *c, const query_t *query, size_t nrel,
            const khabar_results_t *results, scores_t *s)
{
    double hits = 0, ap = 0, dcg = 0, idcg = 0;
    for (size_t i = 0; i < khabar_results_size(results); i++) {
        if (!is_relevant(c, query->id, khabar_results_hit(results, i)->id))
            continue;
        hits++;
        ap += hits / (double) (i + 1);
        if (i < CUTOFF)
            dcg += 1.0 / log2((double) i + 2);
    }
    for (size_t i = 0; i < nrel && i < CUTOFF; i++)
        idcg += 1.0 / log2((double) i + 2);
    double p10 = 0;
    for (size_t i = 0; i < khabar_results_size(results) && i < CUTOFF; i++)
        p10 += is_relevant(c, query->id, khabar_results_hit(results, i)->id);
    s->map += ap / (double) nrel;
    s->ndcg += dcg / idcg;
    s->p10 += p10 / CUTOFF;
    s->queries++;
}

struct options {
    const char *index_dir, *run_path;
    khabar_search_options_t search;
    int persian_keyboard;
};

static int
evaluate(const collection_t *c, khabar_index_t *index,
         const struct options *o, scores_t *s)
{
    FILE *run = o->run_path ? fopen(o->run_path, "w") : NULL;
    if (o->run_path && !run) {
        fprintf(stderr, "%s: %s: %s\n", program, o->run_path, strerror(errno));
        return -1;
    }
    for (size_t q = 0; q < c->nqueries; q++) {
        size_t nrel = relevant_count(c, c->queries[q].id);
        if (nrel == 0)
            continue;
        char *text = bag_of_words(c->queries[q].text, o->persian_keyboard);
        khabar_results_t *results = NULL;
        if (khabar_search_ex(index, text, &o->search, &results) !=
            KHABAR_STATUS_SUCCESS) {
            fprintf(stderr, "%s: query %s: %s\n", program, c->queries[q].id,
                    khabar_index_message(index));
            free(text);
            return -1;
        }
        score_query(c, &c->queries[q], nrel, results, s);
        for (size_t i = 0; run && i < khabar_results_size(results); i++) {
            const khabar_hit_t *hit = khabar_results_hit(results, i);
            fprintf(run, "%s Q0 %s %zu %.6f khabar\n", c->queries[q].id,
                    hit->id, i + 1, hit->score);
        }
        khabar_results_free(results);
        free(text);
    }
    if (run)
        fclose(run);
    return 0;
}

static void
free_collection(collection_t *c)
{
    for (size_t i = 0; i < c->nqueries; i++) {
        free(c->queries[i].id);
        free(c->queries[i].text);
    }
    for (size_t i = 0; i < c->nqrels; i++) {
        free(c->qrels[i].qid);
        free(c->qrels[i].docid);
    }
    free(c->queries);
    free(c->qrels);
}

/* ---- main ---- */

static void
usage(void)
{
    fprintf(stderr, "usage: %s [--index DIR] [--k1 X] [--b X] [--stem-some] "
                    "[--and] [--persian-keyboard] [--run FILE] "
                    "cisi|hamshahri DIR\n", program);
    exit(2);
}

static double
number(const char *s)
{
    char *end;
    double x = s ? strtod(s, &end) : 0;
    if (!s || *end || x <= 0)
        usage();
    return x;
}

static int
parse_args(int argc, char **argv, struct options *o)
{
    int i = 1;
    for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
        const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--index") && next) o->index_dir = argv[++i];
        else if (!strcmp(a, "--run") && next) o->run_path = argv[++i];
        else if (!strcmp(a, "--k1")) { o->search.bm25_k1 = number(next); i++; }
        else if (!strcmp(a, "--b")) { o->search.bm25_b = number(next); i++; }
        else if (!strcmp(a, "--stem-some")) o->search.stem_all = 0;
        else if (!strcmp(a, "--and")) o->search.default_or = 0;
        else if (!strcmp(a, "--persian-keyboard")) o->persian_keyboard = 1;
        else usage();
    }
    if (argc - i != 2)
        usage();
    return i;
}

int
main(int argc, char **argv)
{
    struct options o = { 0 };
    o.search.size = MAX_HITS;
    o.search.default_or = 1;
    o.search.stem_all = 1;
    o.search.no_snippets = 1;
    int i = parse_args(argc, argv, &o);
    const char *name = argv[i], *dir = argv[i + 1];
    int (*load)(const char *, collection_t *, khabar_index_t *) =
        !strcmp(name, "cisi") ? load_cisi :
        !strcmp(name, "hamshahri") ? load_hamshahri : NULL;
    if (!load)
        usage();

    char tmp[] = "/tmp/khabar-relevance.XXXXXX";
    const char *path = o.index_dir;
    if (!path && !(path = mkdtemp(tmp))) {
        fprintf(stderr, "%s: mkdtemp: %s\n", program, strerror(errno));
        return 1;
    }
    struct stat st;
    int build = !o.index_dir || stat(o.index_dir, &st) != 0;
    khabar_index_t *index = NULL;
    char *message = NULL;
    if (khabar_index_open(path, build ? KHABAR_INDEX_READ_WRITE
                                      : KHABAR_INDEX_READ_ONLY,
                          &index, &message) != KHABAR_STATUS_SUCCESS) {
        fprintf(stderr, "%s: %s\n", program, message ? message : path);
        return 3;
    }
    collection_t c = { 0 };
    int rc = load(dir, &c, build ? index : NULL);
    if (rc == 0 && build && khabar_index_commit(index) != KHABAR_STATUS_SUCCESS) {
        fprintf(stderr, "%s: %s\n", program, khabar_index_message(index));
        return 3;
    }
    scores_t s = { 0 };
    if (rc == 0)
        rc = evaluate(&c, index, &o, &s);
    khabar_index_close(index);
    free_collection(&c);
    if (!o.index_dir) {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
        if (system(cmd) != 0)
            fprintf(stderr, "%s: could not remove %s\n", program, path);
    }
    if (rc != 0)
        return 1;
    printf("%s queries %d MAP %.4f nDCG@10 %.4f P@10 %.4f\n", name, s.queries,
           s.queries ? s.map / s.queries : 0, s.queries ? s.ndcg / s.queries : 0,
           s.queries ? s.p10 / s.queries : 0);
    return 0;
}
