/* export_format.c - CSV and JSON Lines rows of GET /export; see
 * export_format.h. */
#include "export_format.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "respond.h"

/* Whether a spreadsheet could take a field starting with C for a
 * formula. */
static int
formula_start(char c)
{
    return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

/* Writes FIELD as one CSV field at OUT (when not NULL); returns its
 * length. */
static size_t
csv_field(const char *field, char *out)
{
    int quote = strpbrk(field, ",\"\r\n") != NULL;
    size_t n = 0;
    const char *p;

    if (quote && out != NULL)
        out[n] = '"';
    n += (size_t)quote;
    if (formula_start(field[0])) {
        if (out != NULL)
            out[n] = '\'';
        n++;
    }
    for (p = field; *p != '\0'; p++) {
        if (*p == '"' && out != NULL)
            out[n] = '"';
        n += *p == '"';
        if (out != NULL)
            out[n] = *p;
        n++;
    }
    if (quote && out != NULL)
        out[n] = '"';
    return n + (size_t)quote;
}

char *
export_csv_row(const khabar_hit_t *hit, size_t *len)
{
    const char *fields[] = { hit->id, hit->title, hit->url, hit->date,
                             hit->source };
    size_t i, n = 0, total = 0;
    char *row;

    /* Measure, then write: each field at most doubles, and the fields are
     * bounded by what the index holds. */
    for (i = 0; i < 5; i++)
        total += csv_field(fields[i], NULL) + 1;
    row = malloc(total + 2);
    if (row == NULL)
        return NULL;
    for (i = 0; i < 5; i++) {
        n += csv_field(fields[i], row + n);
        row[n++] = i < 4 ? ',' : '\r';
    }
    row[n++] = '\n';
    row[n] = '\0';
    *len = n;
    return row;
}

char *
export_jsonl_row(const khabar_hit_t *hit, size_t *len)
{
    json_t *row = json_pack("{s:s,s:s,s:s,s:s,s:s}", "id", hit->id,
                            "title", hit->title, "url", hit->url,
                            "date", hit->date, "source", hit->source);
    char *text;

    if (row == NULL)
        return NULL;
    /* jansson (2.8 and later) writes keys in the order they were
     * packed, so every row reads id, title, url, date, source. */
    text = respond_encode(row, len);
    json_decref(row);
    return text;
}
