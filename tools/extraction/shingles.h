/* shingles.h - the article-extraction benchmark's text comparison: 4-word
 * shingles, counted, matched as multisets. */
#ifndef KHABAR_SHINGLES_H
#define KHABAR_SHINGLES_H

#include <stddef.h>

/* The fractions of a page's shingles that were found (tp), extra (fp) and
 * missed (fn), normalised to sum to 1 so that long pages weigh no more than
 * short ones; all 0 when neither text has a shingle. */
typedef struct {
    double tp, fp, fn;
} shingle_match_t;

/* Compares the extracted text PRED with the expected text TRUTH (both
 * UTF-8).  Words are runs of what Python's \w matches, as the benchmark's
 * regular expression does (approximated with iswalnum() under a UTF-8
 * locale, which the caller sets).  Returns -1 when memory ran out. */
int shingles_match(const char *truth, const char *pred, shingle_match_t *out);

/* The benchmark's per-page scores: precision and recall, with its rules for
 * empty texts.  Each returns -1 when the page does not count towards the
 * mean (nothing predicted, for precision; nothing expected, for recall). */
double shingles_precision(const shingle_match_t *m);
double shingles_recall(const shingle_match_t *m);

#endif
