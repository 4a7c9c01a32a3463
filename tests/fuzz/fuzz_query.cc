/* fuzz_query.cc - the query language: the syntax checker
 * (_khabar_query_check(), _khabar_query_check_fields()), the rewrites
 * applied before Xapian's QueryParser sees a query, and then the whole of
 * khabar_search_ex() over a three-article index built once in a temporary
 * directory.  A query the checker passes must not make the search fail
 * with anything but a syntax or argument status. */
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ftw.h>
#include <string>

#include "search_internal.h"

extern "C" {
#include "fuzz_common.h"
}

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static khabar_index_t *reader;
static char dir[4096];

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
    (void)st;
    (void)flag;
    (void)f;
    return remove(path);
}

static void
cleanup()
{
    khabar_index_close(reader);
    nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
build_index()
{
    static const char *const fa_title =
        "\xd9\x85\xd8\xb0\xd8\xa7\xda\xa9\xd8\xb1\xd8\xa7\xd8\xaa "
        "\xd8\xb5\xd9\x84\xd8\xad";
    static const char *const fa_body =
        "\xd9\x85\xd8\xb0\xd8\xa7\xda\xa9\xd8\xb1\xd8\xa7\xd8\xaa "
        "\xd8\xaf\xd8\xb1 \xd8\xaf\xd9\x88\xd8\xad\xd9\x87";
    /* id, title, date, source, lang, body: the members set one by one, so
     * that members khabar.h gains later stay zero. */
    static const char *const fields[][6] = {
        {"a1", "Doha talks ceasefire", "2021-02-27", "example.org", "en",
         "Negotiators met in Doha.\n\nThe talks on a ceasefire went on."},
        {"a2", fa_title, "2020-01-05T10:00:00Z", "tolonews.com", "fa", fa_body},
        {"a3", "Markets", NULL, NULL, NULL,
         "Stocks rose on Monday after the peace talks."},
    };
    const char *tmp = getenv("TMPDIR");
    khabar_index_t *writer = NULL;
    int n = snprintf(dir, sizeof dir, "%s/khabar-fuzz-XXXXXX",
                     tmp && *tmp ? tmp : "/tmp");

    FUZZ_ASSERT(n > 0 && (size_t)n < sizeof dir && mkdtemp(dir));
    atexit(cleanup);
    FUZZ_ASSERT(khabar_index_open(dir, KHABAR_INDEX_READ_WRITE, &writer,
                                  NULL) == KHABAR_STATUS_SUCCESS);
    for (const auto &f : fields) {
        khabar_article_t a;
        memset(&a, 0, sizeof a);
        a.id = f[0];
        a.title = f[1];
        a.date = f[2];
        a.source = f[3];
        a.lang = f[4];
        a.body = f[5];
        FUZZ_ASSERT(khabar_index_upsert(writer, &a, NULL) ==
                    KHABAR_STATUS_SUCCESS);
    }
    FUZZ_ASSERT(khabar_index_close(writer) == KHABAR_STATUS_SUCCESS);
    FUZZ_ASSERT(khabar_index_open(dir, KHABAR_INDEX_READ_ONLY, &reader,
                                  NULL) == KHABAR_STATUS_SUCCESS);
}

extern "C" int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    build_index();
    return 0;
}

/* The search itself, with options taken from the last byte so that
 * sorting, collapsing, OR and suggestions are reached too. */
static void
search(const char *q, uint8_t bits)
{
    khabar_search_options_t o;
    khabar_results_t *results = NULL;

    memset(&o, 0, sizeof o);
    o.size = 10;
    o.offset = bits & 1;
    o.default_or = bits & 2;
    o.stem_all = bits & 4;
    o.sort = (khabar_sort_t)((bits >> 3) % 3);
    o.collapse = bits & 32;
    o.suggest = bits & 64;
    o.recency_half_life = (bits & 128) ? 30 : 0;
    khabar_status_t status = khabar_search_ex(reader, q, &o, &results);
    if (status == KHABAR_STATUS_SUCCESS) {
        FUZZ_ASSERT(results != NULL);
        for (size_t i = 0; i < khabar_results_size(results); i++) {
            const khabar_hit_t *hit = khabar_results_hit(results, i);
            FUZZ_ASSERT(hit && hit->id && hit->snippet);
            fuzz_check_text(hit->snippet);
        }
    } else {
        if (status != KHABAR_STATUS_QUERY_SYNTAX &&
            status != KHABAR_STATUS_INVALID_ARGUMENT)
            fprintf(stderr, "fuzz_query: %s: %s\n",
                    khabar_status_to_string(status),
                    khabar_index_message(reader));
        FUZZ_ASSERT(status == KHABAR_STATUS_QUERY_SYNTAX ||
                    status == KHABAR_STATUS_INVALID_ARGUMENT);
    }
    khabar_results_free(results);
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char *q = fuzz_cstr(data, size - 1);
    std::string query(q), why;

    bool ok = _khabar_query_check(query, why);
    FUZZ_ASSERT(ok || !why.empty());
    ok = _khabar_query_check_fields(query, why) && ok;
    (void)_khabar_rewrite_paragraphs(query, KHABAR_PARAGRAPH_GAP + 1);
    (void)_khabar_lowercase_words(query);
    (void)_khabar_query_stemmer(query);
    /* searchd refuses a q that is not UTF-8 or over 1,024 bytes before
     * the shim sees it (route_search.c). */
    if (query.size() <= 1024 && charset_is_utf8(q, query.size()))
        search(q, data[size - 1]);
    free(q);
    return 0;
}
