/* text.c - the string tools of text.h. */
#include "text.h"

#include <stdlib.h>
#include <string.h>

int strbuf_append(strbuf_t *buf, const char *s, size_t n)
{
    if (buf->len + n + 1 > buf->cap) {
        size_t cap = buf->cap ? buf->cap : 256;
        while (cap < buf->len + n + 1)
            cap *= 2;
        char *data = realloc(buf->data, cap);
        if (!data)
            return -1;
        buf->data = data;
        buf->cap = cap;
    }
    memcpy(buf->data + buf->len, s, n);
    buf->len += n;
    buf->data[buf->len] = '\0';
    return 0;
}

int strbuf_append_str(strbuf_t *buf, const char *s)
{
    return strbuf_append(buf, s, strlen(s));
}

char *strbuf_take(strbuf_t *buf)
{
    char *data = buf->data ? buf->data : strdup("");
    buf->data = NULL;
    buf->len = buf->cap = 0;
    return data;
}

void strbuf_free(strbuf_t *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}

/* The length of the valid UTF-8 sequence at S (at most N bytes), or 0 when
 * it is not one.  Overlong forms, surrogates and code points past U+10FFFF
 * are invalid, as RFC 3629 says. */
static size_t utf8_sequence_length(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned long cp;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        len = 2;
        cp = s[0] & 0x1f;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        len = 3;
        cp = s[0] & 0x0f;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        len = 4;
        cp = s[0] & 0x07;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        return 0;
    return len;
}

char *utf8_repair(const char *s, size_t n)
{
    static const char replacement[] = "\xef\xbf\xbd";
    const unsigned char *p = (const unsigned char *)s;
    strbuf_t out = {0};
    size_t i = 0;

    if (strbuf_append(&out, "", 0) < 0)
        return NULL;
    while (i < n) {
        size_t len = utf8_sequence_length(p + i, n - i);
        int failed;
        if (len == 0) {
            failed = strbuf_append(&out, replacement, 3);
            len = 1;
        } else if (p[i] == 0) {
            failed = 0;
        } else {
            failed = strbuf_append(&out, s + i, len);
        }
        if (failed) {
            strbuf_free(&out);
            return NULL;
        }
        i += len;
    }
    return strbuf_take(&out);
}

/* The length of the white space at S (at most N bytes), or 0. */
static size_t space_length(const char *s, size_t n)
{
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' ||
        *s == '\v')
        return 1;
    if (n >= 2 && (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
        return 2;
    return 0;
}

char *text_squeeze(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    size_t o = 0;
    int pending_space = 0;

    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        size_t sp = space_length(s + i, n - i);
        if (sp) {
            pending_space = o > 0;
            i += sp;
            continue;
        }
        if (pending_space)
            out[o++] = ' ';
        pending_space = 0;
        out[o++] = s[i++];
    }
    out[o] = '\0';
    return out;
}

size_t text_word_count(const char *s)
{
    size_t words = 0;
    int in_word = 0;

    for (; *s; s++) {
        int space = *s == ' ';
        if (!space && !in_word)
            words++;
        in_word = !space;
    }
    return words;
}

int text_ends_sentence(const char *s)
{
    static const char *const closers[] = {"\"", "'", ")", "\xe2\x80\x9d",
                                          "\xe2\x80\x99", "\xe3\x80\x8d",
                                          "\xe3\x80\x8f", NULL};
    static const char *const stops[] = {
        "\xe3\x80\x82", "\xef\xbc\x81", "\xef\xbc\x9f", "\xef\xbd\xa1",
        "\xd8\x9f", "\xdb\x94", "\xe0\xa5\xa4", NULL};
    size_t n = strlen(s);

    for (int again = 1; again && n > 0;) {
        again = 0;
        for (const char *const *c = closers; *c; c++) {
            size_t cl = strlen(*c);
            if (n >= cl && memcmp(s + n - cl, *c, cl) == 0) {
                n -= cl;
                again = 1;
                break;
            }
        }
    }
    if (n > 0 && strchr(".!?", s[n - 1]))
        return 1;
    /* The full stops and marks of CJK (。！？), Arabic script (؟ ۔) and
     * Devanagari (।), which are not ASCII. */
    for (const char *const *stop = stops; *stop; stop++) {
        size_t sl = strlen(*stop);
        if (n >= sl && memcmp(s + n - sl, *stop, sl) == 0)
            return 1;
    }
    return 0;
}
