/* json_out.c - JSON written straight into a buffer; see json_out.h. */
#include "json_out.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
json_out_init(struct json_out *out)
{
    memset(out, 0, sizeof(*out));
    out->first[0] = 1;
}

void
json_out_fail(struct json_out *out)
{
    out->failed = 1;
}

/* Appends N bytes of S. */
static void
put(struct json_out *out, const char *s, size_t n)
{
    if (out->failed)
        return;
    if (out->cap - out->len < n + 2) {
        size_t cap = out->cap ? out->cap : 4096;
        char *p;

        while (cap - out->len < n + 2)
            cap *= 2;
        p = realloc(out->buf, cap);
        if (p == NULL) {
            out->failed = 1;
            return;
        }
        out->buf = p;
        out->cap = cap;
    }
    memcpy(out->buf + out->len, s, n);
    out->len += n;
}

/* The comma before a value or key, unless it is the first or follows
 * its key. */
static void
separate(struct json_out *out)
{
    if (out->after_key) {
        out->after_key = 0;
        return;
    }
    if (!out->first[out->depth])
        put(out, ",", 1);
    out->first[out->depth] = 0;
}

void
json_out_open(struct json_out *out, char bracket)
{
    separate(out);
    if (out->depth + 1 >= JSON_OUT_DEPTH) {
        out->failed = 1;
        return;
    }
    put(out, &bracket, 1);
    out->first[++out->depth] = 1;
}

void
json_out_close(struct json_out *out, char bracket)
{
    put(out, &bracket, 1);
    if (out->depth > 0)
        out->depth--;
}

/* The length of the UTF-8 sequence at S (of at most N bytes), or 0 when it
 * is not valid UTF-8: no overlong forms, no surrogates, nothing past
 * U+10FFFF (what jansson accepts). */
static size_t
utf8_length(const unsigned char *s, size_t n)
{
    size_t len, i;
    unsigned long c;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        len = 2, c = s[0] & 0x1F;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        len = 3, c = s[0] & 0x0F;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        len = 4, c = s[0] & 0x07;
    else
        return 0;
    if (len > n)
        return 0;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
        (len == 4 && (c < 0x10000 || c > 0x10FFFF)))
        return 0;
    return len;
}

/* The bytes written as they are, by byte: printable ASCII but '"', '\\'
 * and the three that escape() writes as \u escapes (no markup in an
 * answer). */
#define PLAIN_8(c) ((c) >= 0x20 && (c) < 0x80 && (c) != '"' && (c) != '\\' && \
                    (c) != '<' && (c) != '>' && (c) != '&')
#define PLAIN_ROW(r)                                                        \
    PLAIN_8(r), PLAIN_8(r + 1), PLAIN_8(r + 2), PLAIN_8(r + 3),             \
    PLAIN_8(r + 4), PLAIN_8(r + 5), PLAIN_8(r + 6), PLAIN_8(r + 7)
static const unsigned char plain_ascii[256] = {
    PLAIN_ROW(0), PLAIN_ROW(8), PLAIN_ROW(16), PLAIN_ROW(24), PLAIN_ROW(32),
    PLAIN_ROW(40), PLAIN_ROW(48), PLAIN_ROW(56), PLAIN_ROW(64), PLAIN_ROW(72),
    PLAIN_ROW(80), PLAIN_ROW(88), PLAIN_ROW(96), PLAIN_ROW(104),
    PLAIN_ROW(112), PLAIN_ROW(120),
};
#undef PLAIN_ROW
#undef PLAIN_8

/* The escape of byte C, or NULL when it is written as it is. */
static const char *
escape(unsigned char c, char *buf)
{
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    /* As respond_encode() writes them: no markup in an answer. */
    case '<': return "\\u003c";
    case '>': return "\\u003e";
    case '&': return "\\u0026";
    default:
        if (c >= 0x20)
            return NULL;
        snprintf(buf, 8, "\\u%04X", c);
        return buf;
    }
}

void
json_out_string(struct json_out *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), run = 0, i = 0, len;
    char buf[8];

    separate(out);
    put(out, "\"", 1);
    while (i < n) {
        const char *esc;

        /* Most bytes are printable ASCII that is written as it is: passed
         * over here, a table look-up each, without escape() and
         * utf8_length(). */
        if (plain_ascii[p[i]]) {
            i++;
            continue;
        }
        esc = escape(p[i], buf);

        if (esc == NULL && (len = utf8_length(p + i, n - i)) > 0) {
            i += len;
            continue;
        }
        put(out, s + run, i - run);
        if (esc == NULL) {
            out->failed = 1;
            return;
        }
        put(out, esc, strlen(esc));
        run = ++i;
    }
    put(out, s + run, i - run);
    put(out, "\"", 1);
}

void
json_out_key(struct json_out *out, const char *key)
{
    json_out_string(out, key);
    put(out, ":", 1);
    out->after_key = 1;
}

void
json_out_int(struct json_out *out, long long n)
{
    /* Written digit by digit, as "%lld" would: snprintf() cost 700
     * instructions a number, and a page of hits has a dozen or more. */
    char buf[24], *p = buf + sizeof(buf);
    unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n
                                 : (unsigned long long)n;

    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (n < 0)
        *--p = '-';
    separate(out);
    put(out, p, (size_t)(buf + sizeof(buf) - p));
}

void
json_out_real(struct json_out *out, double x)
{
    char buf[40], *e, *from, *to;
    int len;

    separate(out);
    if (!isfinite(x)) {
        out->failed = 1;
        return;
    }
    /* jansson's way: 17 significant digits, a ".0" when that looks like
     * an integer, and the exponent without '+' or leading zeros. */
    len = snprintf(buf, sizeof(buf) - 2, "%.17g", x);
    if (strchr(buf, '.') == NULL && strchr(buf, 'e') == NULL) {
        memcpy(buf + len, ".0", 3);
        len += 2;
    }
    if ((e = strchr(buf, 'e')) != NULL) {
        to = e + 1;
        if (*to == '-')
            to++;
        for (from = to; *from == '+' || *from == '0'; from++)
            ;
        if (*from == '\0')
            from--;
        memmove(to, from, strlen(from) + 1);
        len = (int)strlen(buf);
    }
    put(out, buf, (size_t)len);
}

void
json_out_bool(struct json_out *out, int b)
{
    separate(out);
    if (b)
        put(out, "true", 4);
    else
        put(out, "false", 5);
}

void
json_out_value(struct json_out *out, const json_t *value)
{
    char *text;
    size_t i, n, run;
    char buf[8];

    separate(out);
    text = value != NULL ? json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY)
                         : NULL;
    if (text == NULL) {
        out->failed = 1;
        return;
    }
    /* Inside JSON text '<', '>' and '&' occur only in strings, where the
     * escape means the same. */
    n = strlen(text);
    for (i = run = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];

        if (c != '<' && c != '>' && c != '&')
            continue;
        put(out, text + run, i - run);
        put(out, escape(c, buf), 6);
        run = i + 1;
    }
    put(out, text + run, n - run);
    free(text);
}

char *
json_out_finish(struct json_out *out, size_t *len)
{
    put(out, "\n", 1);
    if (out->failed) {
        free(out->buf);
        out->buf = NULL;
        return NULL;
    }
    out->buf[out->len] = '\0';
    *len = out->len;
    return out->buf;
}
