/* reuters21578.c - the Reuters-21578 collection, read with string search:
 * the files are SGML, not XML (no root element, undeclared entities), and
 * their structure is flat and regular (README.txt, section VI). */
#include "reuters21578.h"
#include "text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { ERRLEN = 512 };

/* The content of the element TAG (opened "<TAG>" or "<TAG ...>") inside
 * [FROM, TO), or NULL; *LEN is its length. */
static const char *element(const char *from, const char *to, const char *tag,
                           size_t *len)
{
    char close[32];
    size_t k = strlen(tag);
    const char *s = from, *e;

    snprintf(close, sizeof close, "</%s>", tag);
    for (;; s++) {
        s = memchr(s, '<', (size_t)(to - s));
        if (!s || (size_t)(to - s) < k + 2)
            return NULL;
        if (strncmp(s + 1, tag, k) == 0 && (s[k + 1] == '>' || s[k + 1] == ' '))
            break;
    }
    if (!(s = memchr(s, '>', (size_t)(to - s))))
        return NULL;
    s++;
    for (e = s; (e = memchr(e, '<', (size_t)(to - e))); e++)
        if ((size_t)(to - e) >= strlen(close) &&
            strncmp(e, close, strlen(close)) == 0) {
            *len = (size_t)(e - s);
            return s;
        }
    return NULL;
}

/* Appends the character reference &#N; (at S, LEN bytes long), dropping
 * the wire's control codes (&#2; start of text, &#3; end, ...). */
static int append_reference(strbuf_t *out, unsigned long cp)
{
    char utf8[4];
    size_t k;

    if (cp < 0x20 && cp != '\n' && cp != '\t')
        return 0;
    if (cp == '\t')
        cp = ' ';
    if (cp < 0x80)
        utf8[0] = (char)cp, k = 1;
    else if (cp < 0x800)
        utf8[0] = (char)(0xc0 | (cp >> 6)), utf8[1] = (char)(0x80 | (cp & 0x3f)), k = 2;
    else
        return strbuf_append(out, "\xef\xbf\xbd", 3);
    return strbuf_append(out, utf8, k);
}

/* S[0..N), Latin-1 with SGML entities, as UTF-8 text. */
static char *decode(const char *s, size_t n)
{
    static const struct { const char *name; char c; } named[] = {
        {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'},
        {"&apos;", '\''}};
    strbuf_t out = {0};
    int failed = strbuf_append(&out, "", 0);

    for (size_t i = 0; i < n && !failed; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t k;
        if (c == '&' && i + 2 < n && s[i + 1] == '#' && isdigit((unsigned char)s[i + 2])) {
            char *end;
            unsigned long cp = strtoul(s + i + 2, &end, 10);
            if (end < s + n && *end == ';') {
                failed = append_reference(&out, cp);
                i = (size_t)(end - s);
                continue;
            }
        }
        for (k = 0; c == '&' && k < sizeof named / sizeof named[0]; k++)
            if (n - i >= strlen(named[k].name) &&
                strncmp(s + i, named[k].name, strlen(named[k].name)) == 0)
                break;
        if (c == '&' && k < sizeof named / sizeof named[0]) {
            failed = strbuf_append(&out, &named[k].c, 1);
            i += strlen(named[k].name) - 1;
        } else if (c >= 0x80) {
            char two[2] = {(char)(0xc0 | (c >> 6)), (char)(0x80 | (c & 0x3f))};
            failed = strbuf_append(&out, two, 2);
        } else if (c >= 0x20 || c == '\n') {
            failed = strbuf_append(&out, s + i, 1);
        } else if (c == '\t') {
            failed = strbuf_append(&out, " ", 1);
        }
    }
    if (failed) {
        strbuf_free(&out);
        return NULL;
    }
    return strbuf_take(&out);
}

/* Cuts the wire's sign-off, "Reuter" (or "REUTER") at the end; a few
 * stories carry it twice. */
static void cut_signoff(char *body)
{
    size_t n = strlen(body), before;

    do {
        before = n;
        while (n > 0 && isspace((unsigned char)body[n - 1]))
            n--;
        if (n >= 6 && strncasecmp(body + n - 6, "reuter", 6) == 0 &&
            (n == 6 || isspace((unsigned char)body[n - 7])))
            n -= 6;
    } while (n != before);
    body[n] = '\0';
}

/* Reuters starts each paragraph on an indented line and wraps the rest;
 * Khabar separates paragraphs by blank lines.  DATELINE, when given,
 * opens the first paragraph, as in the printed story. */
static char *paragraphs(const char *dateline, const char *text)
{
    strbuf_t out = {0};
    int failed = 0;

    if (dateline && *dateline)
        failed = strbuf_append_str(&out, dateline);
    for (const char *line = text; *line && !failed;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        char *squeezed = text_squeeze(line, len);
        int starts = len > 0 && (line[0] == ' ' || line[0] == '\t');
        if (!squeezed)
            failed = 1;
        else if (*squeezed && out.len > 0)
            failed = strbuf_append_str(&out, starts ? "\n\n" : " ");
        if (!failed && squeezed)
            failed = strbuf_append_str(&out, squeezed);
        free(squeezed);
        line += len + (nl != NULL);
    }
    if (failed) {
        strbuf_free(&out);
        return NULL;
    }
    return strbuf_take(&out);
}

static const char *const months[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                     "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

static int days_in(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

int reuters21578_date(const char *s, char *out)
{
    int day, year, month = 0, hh, mm, ss, used = 0;
    char mon[4];

    if (sscanf(s, " %2d-%3[A-Za-z]-%4d%n", &day, mon, &year, &used) != 3)
        return -1;
    for (int i = 0; i < 12; i++)
        if (strcasecmp(mon, months[i]) == 0)
            month = i + 1;
    if (!month || day < 1 || day > days_in(year, month) || year < 1000)
        return -1;
    if (sscanf(s + used, " %2d:%2d:%2d", &hh, &mm, &ss) == 3 && hh <= 23 &&
        mm <= 59 && ss <= 59 && isspace((unsigned char)s[used]))
        sprintf(out, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hh, mm,
                ss);
    else
        sprintf(out, "%04d-%02d-%02d", year, month, day);
    return 0;
}

/* The NEWID="N" of the opening tag [EL, TAG_END) into OUT->id. */
static int take_id(const char *el, const char *tag_end, article_t *out)
{
    const char *p = el;
    char id[64] = "reuters21578-";
    size_t k = strlen(id);

    /* Only within the tag: the comparison never reads past TAG_END. */
    while ((p = memchr(p, 'N', (size_t)(tag_end - p))) &&
           ((size_t)(tag_end - p) < 7 || memcmp(p, "NEWID=\"", 7) != 0))
        p++;
    if (!p)
        return -1;
    for (p += 7; p < tag_end && isdigit((unsigned char)*p) && k < 40; p++)
        id[k++] = *p;
    if (k == strlen("reuters21578-"))
        return -1;
    id[k] = '\0';
    out->id = strdup(id);
    return out->id ? 0 : -1;
}

/* DATE, TITLE and the body from the element [EL, END) into OUT. */
static int take_fields(const char *el, const char *end, article_t *out)
{
    size_t len, tl, dl, bl;
    const char *date = element(el, end, "DATE", &len);
    const char *text = element(el, end, "TEXT", &tl);
    const char *title, *dateline, *body;
    char iso[32], *raw, *d = NULL, *b = NULL;

    if (date && (raw = decode(date, len))) {
        if (reuters21578_date(raw, iso) == 0)
            out->date = strdup(iso);
        free(raw);
    }
    if (!text)
        return 0;
    title = element(text, text + tl, "TITLE", &len);
    if (title && (raw = decode(title, len))) {
        out->title = text_squeeze(raw, strlen(raw));
        free(raw);
    }
    dateline = element(text, text + tl, "DATELINE", &dl);
    body = element(text, text + tl, "BODY", &bl);
    if (dateline && (raw = decode(dateline, dl))) {
        d = text_squeeze(raw, strlen(raw));
        free(raw);
    }
    /* <TEXT TYPE="UNPROC"> has no BODY: its text is the story. */
    b = body ? decode(body, bl) : !title ? decode(text, tl) : NULL;
    if (b) {
        cut_signoff(b);
        out->body = paragraphs(d, b);
    }
    free(d);
    free(b);
    return 0;
}

int reuters21578_parse(const char *el, size_t n, article_t *out, char *err,
                       size_t errlen)
{
    const char *end = el + n, *tag_end = memchr(el, '>', n);

    if (!tag_end || take_id(el, tag_end, out) < 0) {
        snprintf(err, errlen, "<REUTERS> element without a NEWID attribute");
        return -1;
    }
    if (take_fields(tag_end, end, out) < 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (!out->source)
        out->source = strdup("reuters");
    out->lang = strdup("en");
    if ((!out->title || !*out->title) && (!out->body || !*out->body)) {
        snprintf(err, errlen, "<REUTERS> element %s has neither TITLE nor "
                 "text", out->id);
        return -1;
    }
    return 0;
}

/* One element being gathered, line by line. */
typedef struct {
    strbuf_t text;
    unsigned long line;     /* where it opened; 0: none open */
    size_t bytes;           /* its size, when too large to keep */
} gather_t;

static int finish_element(source_t *src, gather_t *g)
{
    char err[ERRLEN];
    article_t a = {0};
    where_t at = {src->file, g->line, -1, g->text.data, g->text.len, 0};
    int rc = 0;

    if (g->bytes) {
        snprintf(err, sizeof err, "<REUTERS> element of more than %zu bytes "
                 "(--max-article-bytes)", src->options->max_article_bytes);
        at.record = NULL;
        at.bytes = g->bytes;
        sink_reject_at(src->sink, &at, err);
    } else if (reuters21578_parse(g->text.data, g->text.len, &a, err,
                                  sizeof err) < 0) {
        article_clear(&a);
        sink_reject_at(src->sink, &at, err);
    } else {
        rc = reader_finish(src, &a, &at);
    }
    strbuf_free(&g->text);
    g->line = 0;
    g->bytes = 0;
    return rc;
}

/* Adds LINE[0..N) to the open element, or notes it is too large. */
static int gather(source_t *src, gather_t *g, const char *line, size_t n)
{
    if (g->bytes || g->text.len + n + 1 > src->options->max_article_bytes) {
        g->bytes = (g->bytes ? g->bytes : g->text.len) + n + 1;
        strbuf_free(&g->text);
        return 0;
    }
    return strbuf_append(&g->text, line, n) || strbuf_append(&g->text, "\n", 1)
               ? -1 : 0;
}

static int unclosed(source_t *src, gather_t *g, const char *why)
{
    where_t at = {src->file, g->line, -1, g->text.data, g->text.len, g->bytes};
    sink_reject_at(src->sink, &at, why);
    strbuf_free(&g->text);
    g->line = 0;
    g->bytes = 0;
    return 0;
}

static int closes(const char *line, size_t n)
{
    for (const char *p = line; (p = memchr(p, '<', n - (size_t)(p - line)));
         p++)
        if (n - (size_t)(p - line) >= 10 && memcmp(p, "</REUTERS>", 10) == 0)
            return 1;
    return 0;
}

static int read_line(source_t *src, gather_t *g, const char *line, size_t n,
                     unsigned long lineno)
{
    int opens = n >= 8 && memcmp(line, "<REUTERS", 8) == 0;

    if (opens && g->line)
        unclosed(src, g, "<REUTERS> element not closed before the next one");
    if (opens)
        g->line = lineno;
    if (!g->line)
        return 0;   /* the DOCTYPE line, or stray text between elements */
    if (gather(src, g, line, n) < 0) {
        sink_reject(src->sink, src->file, lineno, "out of memory");
        return -1;
    }
    if (closes(line, n))
        return finish_element(src, g);
    return 0;
}

int reuters21578_read(source_t *src)
{
    char err[ERRLEN];
    gather_t g = {{0}, 0, 0};
    const char *line;
    size_t n;
    unsigned long lineno = 0;
    int got, rc = 0;

    while (rc == 0 && (got = input_getline(src->in, &line, &n, err,
                                           sizeof err)) != 0) {
        lineno++;
        if (got == -1) {
            /* One message: the open element, if any, dies with it. */
            where_t at = {src->file, 0, (long long)input_offset(src->in),
                          g.text.data, g.text.len, 0};
            sink_reject_at(src->sink, &at, err);
            strbuf_free(&g.text);
            g.line = 0;
            break;
        }
        if (got == -2)
            sink_reject(src->sink, src->file, lineno, err);
        else
            rc = read_line(src, &g, line, n, lineno);
    }
    if (g.line)
        unclosed(src, &g, "<REUTERS> element not closed at the end of the "
                          "input");
    return rc;
}
