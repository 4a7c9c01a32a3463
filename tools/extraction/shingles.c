/* shingles.c - 4-word shingles as scrapinghub/article-extraction-benchmark
 * counts them (evaluate.py: string_shingle_matching). */
#include "shingles.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

enum { SHINGLE_WORDS = 4 };

typedef struct {
    uint64_t *items;
    size_t count, cap;
} hashes_t;

static int push(hashes_t *h, uint64_t v)
{
    if (h->count == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 1024;
        uint64_t *items = realloc(h->items, cap * sizeof *items);
        if (!items)
            return -1;
        h->items = items;
        h->cap = cap;
    }
    h->items[h->count++] = v;
    return 0;
}

/* A word character as Python's \w: alphanumeric or the underscore. */
static int is_word_char(wchar_t c)
{
    return c == L'_' || iswalnum((wint_t)c);
}

/* 64-bit FNV-1a of one word; words are compared exactly, case and all, as
 * the benchmark does. */
static uint64_t word_hash(const char *s, size_t n)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

/* The hashes of the words of TEXT, in order. */
static int words_of(const char *text, hashes_t *words)
{
    mbstate_t state;
    size_t n = strlen(text), i = 0, start = 0;
    int in_word = 0;

    memset(&state, 0, sizeof state);
    while (i <= n) {
        wchar_t c = 0;
        size_t len = 1;
        if (i < n) {
            len = mbrtowc(&c, text + i, n - i, &state);
            if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
                memset(&state, 0, sizeof state);
                c = 0;
                len = 1;
            }
        }
        int word = i < n && is_word_char(c);
        if (word && !in_word)
            start = i;
        if (!word && in_word && push(words, word_hash(text + start, i - start)) < 0)
            return -1;
        in_word = word;
        i += len;
    }
    return 0;
}

/* The sorted hashes of the 4-word shingles of TEXT. */
static int shingles_of(const char *text, hashes_t *out)
{
    hashes_t words = {0};
    int rc = words_of(text ? text : "", &words);

    for (size_t i = 0; rc == 0 && i + SHINGLE_WORDS <= words.count; i++) {
        uint64_t h = UINT64_C(1469598103934665603);
        for (size_t k = 0; k < SHINGLE_WORDS; k++)
            h = (h ^ words.items[i + k]) * UINT64_C(1099511628211) + k;
        rc = push(out, h);
    }
    free(words.items);
    return rc;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

int shingles_match(const char *truth, const char *pred, shingle_match_t *out)
{
    hashes_t t = {0}, p = {0};
    size_t i = 0, j = 0;
    double tp = 0, fp = 0, fn = 0, sum;

    memset(out, 0, sizeof *out);
    if (shingles_of(truth, &t) < 0 || shingles_of(pred, &p) < 0) {
        free(t.items);
        free(p.items);
        return -1;
    }
    if (t.count)
        qsort(t.items, t.count, sizeof *t.items, compare_u64);
    if (p.count)
        qsort(p.items, p.count, sizeof *p.items, compare_u64);
    /* A merge of the two sorted multisets: equal hashes pair off. */
    while (i < t.count || j < p.count) {
        if (j == p.count || (i < t.count && t.items[i] < p.items[j])) {
            fn++, i++;
        } else if (i == t.count || p.items[j] < t.items[i]) {
            fp++, j++;
        } else {
            tp++, i++, j++;
        }
    }
    free(t.items);
    free(p.items);
    sum = tp + fp + fn;
    if (sum > 0) {
        out->tp = tp / sum;
        out->fp = fp / sum;
        out->fn = fn / sum;
    }
    return 0;
}

double shingles_precision(const shingle_match_t *m)
{
    if (m->tp + m->fp <= 0)
        return -1;
    if (m->fp == 0 && m->fn == 0)
        return 1;
    return m->tp / (m->tp + m->fp);
}

double shingles_recall(const shingle_match_t *m)
{
    if (m->tp + m->fn <= 0)
        return -1;
    if (m->fp == 0 && m->fn == 0)
        return 1;
    return m->tp / (m->tp + m->fn);
}
