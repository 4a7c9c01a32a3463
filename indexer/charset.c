/* charset.c - decoding legacy single-byte charsets and NFC normalisation.
 *
 * Scraped text pages carry no charset declaration.  Text that is not valid
 * UTF-8 is, in practice, Windows-1252 (or Latin-1, its subset): the
 * chance that such bytes also form valid UTF-8 by accident is tiny, so
 * validity alone tells the two apart. */
#include "charset.h"
#include "text.h"

#include <ctype.h>
#include <libxml/encoding.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

/* Windows-1252's 0x80-0x9F; 0 where it defines no character. */
static const unsigned short cp1252_high[32] = {
    0x20ac, 0,      0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017d, 0,
    0,      0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,      0x017e, 0x0178,
};

static size_t utf8_encode(unsigned long cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    out[0] = (char)(0xe0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[2] = (char)(0x80 | (cp & 0x3f));
    return 3;
}

/* Decodes S[0..N) one byte a character; CP1252 chooses the table for
 * 0x80-0x9F. */
static char *from_single_byte(const char *s, size_t n, int cp1252)
{
    char *out = malloc(3 * n + 1), *o = out;

    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned long cp = c;
        if (c == 0)
            continue;
        if (cp1252 && c >= 0x80 && c < 0xa0)
            cp = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xfffd;
        o += utf8_encode(cp, o);
    }
    *o = '\0';
    return out;
}

char *charset_from_cp1252(const char *s, size_t n)
{
    return from_single_byte(s, n, 1);
}

char *charset_from_latin1(const char *s, size_t n)
{
    return from_single_byte(s, n, 0);
}

int charset_is_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        size_t len;
        unsigned long cp, min;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        if (p[i] >= 0xc2 && p[i] <= 0xdf)
            len = 2, cp = p[i] & 0x1f, min = 0x80;
        else if (p[i] >= 0xe0 && p[i] <= 0xef)
            len = 3, cp = p[i] & 0x0f, min = 0x800;
        else if (p[i] >= 0xf0 && p[i] <= 0xf4)
            len = 4, cp = p[i] & 0x07, min = 0x10000;
        else
            return 0;
        if (len > n - i)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i + k] & 0x3f);
        }
        if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
            return 0;
        i += len;
    }
    return 1;
}

char *charset_text_to_utf8(const char *s, size_t n)
{
    if (charset_is_utf8(s, n))
        return utf8_repair(s, n);   /* only drops NUL bytes here */
    return charset_from_cp1252(s, n);
}

/* The value after "charset=" at P (optionally quoted), into NAME. */
static int copy_charset(const char *p, const char *end, char *name,
                        size_t namelen)
{
    size_t k = 0;

    while (p < end && (*p == ' ' || *p == '"' || *p == '\''))
        p++;
    while (p < end && k + 1 < namelen &&
           (isalnum((unsigned char)*p) || strchr("-_.:", *p)))
        name[k++] = *p++;
    name[k] = '\0';
    return k > 0;
}

int charset_html_declared(const char *head, size_t n, char *name,
                          size_t namelen)
{
    static const char key[] = "charset=";
    const char *end = head + n;

    /* Only inside a <meta ...> tag: "charset=" in text is no declaration. */
    for (const char *p = head; p + 5 < end; p++) {
        const char *close, *q;
        if (p[0] != '<' || strncasecmp(p + 1, "meta", 4) != 0)
            continue;
        close = memchr(p, '>', (size_t)(end - p));
        if (!close)
            return 0;
        for (q = p; q + sizeof key - 1 <= close; q++)
            if (strncasecmp(q, key, sizeof key - 1) == 0)
                return copy_charset(q + sizeof key - 1, close, name, namelen);
        p = close;
    }
    return 0;
}

int charset_known(const char *name)
{
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(name);

    if (!handler)
        return 0;
    xmlCharEncCloseFunc(handler);
    return 1;
}


int charset_nfc(char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    utf8proc_uint8_t *nfc;

    /* ASCII is already NFC: the common case costs one scan. */
    while (*p && *p < 0x80)
        p++;
    if (!*p)
        return 0;
    nfc = utf8proc_NFC((const utf8proc_uint8_t *)*s);
    if (!nfc)
        return charset_is_utf8(*s, strlen(*s)) ? -1 : 0;
    free(*s);
    *s = (char *)nfc;
    return 0;
}
