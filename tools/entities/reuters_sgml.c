/* Reuters-21578 SGML reader (see reuters_sgml.h). */
#include "reuters_sgml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

char *reuters_read_file(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 22, n = 0;
    char *buf = malloc(cap);
    int got;
    while (buf && (got = gzread(f, buf + n, (unsigned)(cap - n - 1))) > 0) {
        n += (size_t)got;
        if (cap - n < 2) {
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
    }
    gzclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

/* The text between <tag> and </tag> inside [from, to), or NULL. */
/* The first needle in [from, to), or NULL: bounded, so that a tag an
 * article lacks is not looked for through the rest of the file. */
static const char *find(const char *from, const char *to, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = from; p + n <= to; p++) {
        p = memchr(p, needle[0], (size_t)(to - p));
        if (!p || p + n > to)
            return NULL;
        if (memcmp(p, needle, n) == 0)
            return p;
    }
    return NULL;
}

static const char *element(const char *from, const char *to, const char *tag, size_t *len)
{
    char open[32], close[32];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *s = find(from, to, open);
    if (!s)
        return NULL;
    s += strlen(open);
    const char *e = find(s, to, close);
    if (!e)
        return NULL;
    *len = (size_t)(e - s);
    return s;
}

/* Latin-1 to UTF-8, SGML character references decoded, control
 * characters dropped. */
static char *decode(const char *s, size_t len)
{
    char *out = malloc(len * 2 + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '&') {
            static const struct { const char *ent; char ch; } ents[] = {
                {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {NULL, 0}};
            int done = 0;
            for (size_t k = 0; ents[k].ent && !done; k++) {
                size_t el = strlen(ents[k].ent);
                if (i + el <= len && memcmp(s + i, ents[k].ent, el) == 0) {
                    *o++ = ents[k].ch;
                    i += el - 1;
                    done = 1;
                }
            }
            if (!done && i + 1 < len && s[i + 1] == '#') {
                const char *semi = memchr(s + i, ';', len - i);
                if (semi && semi - (s + i) < 8) {
                    i = (size_t)(semi - s);
                    continue;
                }
            }
            if (done)
                continue;
        }
        if (c >= 0x80) {
            *o++ = (char)(0xC0 | (c >> 6));
            *o++ = (char)(0x80 | (c & 0x3F));
        } else if (c >= 0x20 || c == '\n') {
            *o++ = (char)c;
        }
    }
    *o = '\0';
    return out;
}

/* Reuters indents each paragraph; the extractor wants blank lines between
 * them.  The dateline ("TOKYO, March 3 -") opens the first paragraph, as
 * in the printed story; the closing "Reuter" sign-off is dropped. */
static char *paragraphs(const char *dateline, const char *body)
{
    size_t dl = dateline ? strlen(dateline) : 0, bl = body ? strlen(body) : 0;
    char *out = malloc(dl + bl * 2 + 4), *o = out;
    if (!out)
        return NULL;
    while (dateline && (*dateline == ' ' || *dateline == '\t'))
        dateline++;
    if (dateline) {
        strcpy(o, dateline);
        o += strlen(o);
        while (o > out && (o[-1] == ' ' || o[-1] == '\n'))
            o--;
        *o++ = ' ';
    }
    for (const char *p = body; p && *p; p++) {
        if (*p == '\n') {
            const char *q = p + 1;
            if (*q == ' ' || *q == '\t' || *q == '\n') {
                while (*q == ' ' || *q == '\t' || *q == '\n')
                    q++;
                if (strncmp(q, "Reuter", 6) == 0 && (q[6] == '\0' || q[6] == '\n'))
                    break;
                *o++ = '\n';
                *o++ = '\n';
                p = q - 1;
                continue;
            }
            *o++ = ' ';
            continue;
        }
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

static int read_tags(const char *from, const char *to, const char *tag, char ***out, size_t *n)
{
    size_t len;
    const char *s = element(from, to, tag, &len);
    *out = NULL;
    *n = 0;
    if (!s)
        return 0;
    const char *end = s + len;
    while ((s = find(s, end, "<D>"))) {
        s += 3;
        const char *e = find(s, end, "</D>");
        if (!e || e > end)
            break;
        char **p = realloc(*out, (*n + 1) * sizeof *p);
        if (!p)
            return -1;
        *out = p;
        if (!(p[(*n)++] = strndup(s, (size_t)(e - s))))
            return -1;
        s = e;
    }
    return 0;
}

int reuters_next(const char *data, size_t *pos, reuters_article_t *art)
{
    memset(art, 0, sizeof *art);
    const char *start = strstr(data + *pos, "<REUTERS");
    if (!start)
        return 0;
    const char *end = strstr(start, "</REUTERS>");
    if (!end)
        return 0;
    *pos = (size_t)(end - data) + 10;
    static const char *const tags[REUTERS_TYPES] = {"PLACES", "PEOPLE", "ORGS"};
    for (int t = 0; t < REUTERS_TYPES; t++)
        if (read_tags(start, end, tags[t], &art->tags[t], &art->ntags[t]) != 0)
            return -1;
    size_t tl = 0, dl = 0, bl = 0;
    const char *t = element(start, end, "TITLE", &tl);
    const char *d = element(start, end, "DATELINE", &dl);
    const char *b = element(start, end, "BODY", &bl);
    char *dd = d ? decode(d, dl) : NULL, *bd = b ? decode(b, bl) : NULL;
    art->title = t ? decode(t, tl) : NULL;
    art->body = b ? paragraphs(dd, bd) : NULL;
    free(dd);
    free(bd);
    return 1;
}

void reuters_article_clear(reuters_article_t *art)
{
    free(art->title);
    free(art->body);
    for (int t = 0; t < REUTERS_TYPES; t++) {
        for (size_t i = 0; i < art->ntags[t]; i++)
            free(art->tags[t][i]);
        free(art->tags[t]);
    }
    memset(art, 0, sizeof *art);
}
