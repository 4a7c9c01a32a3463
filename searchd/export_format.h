/* export_format.h - the rows of GET /export, as CSV (RFC 4180) or JSON
 * Lines.  Pure functions, apart from malloc(), for the unit tests.
 *
 * Every row has the fields id, title, url, date and source.  CSV rows end
 * in CRLF; a field holding a comma, a quote, CR or LF is quoted, quotes
 * doubled.  A field starting with '=', '+', '-', '@', TAB or CR gets a
 * leading "'", so that a spreadsheet opening the file does not run it as a
 * formula (CSV injection); the quote is part of the field's text. */
#ifndef KHABAR_SEARCHD_EXPORT_FORMAT_H
#define KHABAR_SEARCHD_EXPORT_FORMAT_H

#include <stddef.h>

#include "khabar.h"

/* The CSV header row, CRLF included. */
#define EXPORT_CSV_HEADER "id,title,url,date,source\r\n"

/* The row of HIT in CSV, or in JSON Lines (jansson, with '<', '>' and '&'
 * escaped as respond.h does, newline included); a malloc()ed string the
 * caller frees, its length in *LEN.  NULL when out of memory (and, for
 * JSON, when a field is not UTF-8). */
char *export_csv_row(const khabar_hit_t *hit, size_t *len);
char *export_jsonl_row(const khabar_hit_t *hit, size_t *len);

#endif /* KHABAR_SEARCHD_EXPORT_FORMAT_H */
