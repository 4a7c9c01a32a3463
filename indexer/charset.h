/* charset.h - turning the bytes of an input into the text Khabar indexes:
 * valid UTF-8, in Unicode Normalization Form C. */
#ifndef KHABAR_CHARSET_H
#define KHABAR_CHARSET_H

#include <stddef.h>

/* Whether S[0..N) is valid UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing past U+10FFFF). */
int charset_is_utf8(const char *s, size_t n);

/* S[0..N) decoded from Windows-1252 to UTF-8, NUL bytes dropped.  Latin-1
 * is a subset of Windows-1252 except for the C1 controls 0x80-0x9F, which
 * no page means as controls; the five bytes Windows-1252 leaves undefined
 * become U+FFFD.  NULL when memory ran out. */
char *charset_from_cp1252(const char *s, size_t n);

/* S[0..N) decoded from ISO-8859-1 (Latin-1) to UTF-8, NUL bytes dropped.
 * NULL when memory ran out. */
char *charset_from_latin1(const char *s, size_t n);

/* The text of a page that should be UTF-8: S itself (copied, NUL bytes
 * dropped) when it is valid UTF-8, else its Windows-1252 decoding, which
 * is what a page that is not UTF-8 almost always is.  NULL when memory
 * ran out. */
char *charset_text_to_utf8(const char *s, size_t n);

/* The charset an HTML page declares in its first bytes HEAD[0..N) (<meta
 * charset=...> or <meta http-equiv=Content-Type content="...charset=...">),
 * copied into NAME; 0 when it declares none. */
int charset_html_declared(const char *head, size_t n, char *name,
                          size_t namelen);

/* Whether libxml2 can decode the charset NAME. */
int charset_known(const char *name);

/* Normalises the UTF-8 string *S to NFC in place (replacing *S).  Returns
 * 0, or -1 when memory ran out (*S is unchanged).  Invalid UTF-8 is left
 * as it is. */
int charset_nfc(char **s);

#endif
