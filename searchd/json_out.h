/* json_out.h - JSON text written straight into one buffer, for the answers
 * searchd writes most (/search): building jansson objects for every hit and
 * dumping them took a fifth of searchd's time (docs/BENCHMARKS.md).
 *
 * The text is what respond_encode() makes of the same values: compact,
 * strings escaped as jansson escapes them, with '<', '>' and '&' also
 * written \u003c, \u003e and \u0026, reals as jansson prints them.  A
 * string that is not UTF-8, a real that is not finite or a failed
 * allocation marks the writer failed; json_out_finish() then says so. */
#ifndef KHABAR_SEARCHD_JSON_OUT_H
#define KHABAR_SEARCHD_JSON_OUT_H

#include <stddef.h>

#include <jansson.h>

#define JSON_OUT_DEPTH 16

struct json_out {
    char *buf;
    size_t len, cap;
    int failed;
    int depth;
    int after_key;                  /* the next value follows a key */
    int first[JSON_OUT_DEPTH];      /* no member yet at this depth */
};

/* An empty writer. */
void json_out_init(struct json_out *out);

/* Opens an object ('{') or an array ('['), as a value; closes one. */
void json_out_open(struct json_out *out, char bracket);
void json_out_close(struct json_out *out, char bracket);

/* The key of the next member of the open object. */
void json_out_key(struct json_out *out, const char *key);

/* Values. */
void json_out_string(struct json_out *out, const char *s);
void json_out_int(struct json_out *out, long long n);
void json_out_real(struct json_out *out, double x);
void json_out_bool(struct json_out *out, int b);
/* VALUE as json_dumps() writes it compactly (NULL fails the writer). */
void json_out_value(struct json_out *out, const json_t *value);

/* Marks the writer failed, for a caller's own failed allocation. */
void json_out_fail(struct json_out *out);

/* The text with a newline after it, a malloc()ed string (the caller
 * frees it) of *LEN bytes; NULL when the writer failed, which frees it. */
char *json_out_finish(struct json_out *out, size_t *len);

#endif /* KHABAR_SEARCHD_JSON_OUT_H */
