/* text.h - small string tools the readers share: a growable buffer,
 * UTF-8 repair and whitespace handling. */
#ifndef KHABAR_TEXT_H
#define KHABAR_TEXT_H

#include <stddef.h>

typedef struct {
    char *data;     /* always NUL-terminated once anything was appended */
    size_t len;
    size_t cap;
} strbuf_t;

/* Each returns 0, or -1 when memory ran out (the buffer is unchanged). */
int strbuf_append(strbuf_t *buf, const char *s, size_t n);
int strbuf_append_str(strbuf_t *buf, const char *s);
/* Hands the contents to the caller (an empty string when nothing was
 * appended, NULL when memory ran out) and resets BUF. */
char *strbuf_take(strbuf_t *buf);
void strbuf_free(strbuf_t *buf);

/* A copy of S[0..N) with invalid UTF-8 sequences replaced by U+FFFD and
 * NUL bytes dropped, so that every string reaching the index or a JSON
 * answer is valid text.  NULL when memory ran out. */
char *utf8_repair(const char *s, size_t n);

/* A copy of S[0..N) with runs of white space (including no-break space)
 * folded to one ASCII space and none at either end. */
char *text_squeeze(const char *s, size_t n);

/* The number of space-separated words in S. */
size_t text_word_count(const char *s);

/* Whether S ends a sentence: its last character is . ! ? (or a full stop
 * or mark of CJK, Arabic-script or Devanagari text) or a closing quote
 * after one of them. */
int text_ends_sentence(const char *s);

#endif
