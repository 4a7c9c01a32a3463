/* reuters21578.h - articles from the Reuters-21578 SGML files
 * (reut2-NNN.sgm): a flat sequence of <REUTERS NEWID="..."> elements in
 * Latin-1. */
#ifndef KHABAR_REUTERS21578_H
#define KHABAR_REUTERS21578_H

#include "reader.h"

/* Reads every <REUTERS> element of SRC as an article.  An element that
 * does not close, or yields no article, is rejected with its first line;
 * the others are read.  0, or -1 when the sink failed. */
int reuters21578_read(source_t *src);

/* The article of one element EL[0..N) (from "<REUTERS" to "</REUTERS>"):
 * id "reuters21578-NEWID", date from DATE, title from TITLE, body the
 * DATELINE then BODY (without the "Reuter" sign-off) in paragraphs, or the
 * raw text of a <TEXT TYPE="UNPROC">; source "reuters", lang "en".  0, or
 * -1 with ERR. */
int reuters21578_parse(const char *el, size_t n, article_t *out, char *err,
                       size_t errlen);

/* "26-FEB-1987 15:01:01.79" as "1987-02-26T15:01:01" in OUT (at least 20
 * bytes); only "1987-02-26" when the time is not a real one.  0, or -1 when
 * S holds no real date. */
int reuters21578_date(const char *s, char *out);

#endif
