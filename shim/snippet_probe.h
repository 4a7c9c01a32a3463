/* snippet_probe.h - what a test may switch in how snippets are made:
 * Xapian's own generator (MSet::snippet) in place of snippet.cc's, so
 * that the two can be compared.  Plain C; not part of the API (khabar.h),
 * and nothing but tests calls it. */
#ifndef KHABAR_SNIPPET_PROBE_H
#define KHABAR_SNIPPET_PROBE_H

#ifdef __cplusplus
extern "C" {
#endif

/* From now on, in every thread, snippets are made by Xapian (ON
 * non-zero) or by snippet.cc wherever it can (ON 0, the default). */
void _khabar_probe_snippets_by_xapian(int on);

/* How many snippets snippet.cc, and Xapian, have made in this thread,
 * so that a test can tell which made them. */
unsigned long _khabar_probe_snippets_ours(void);
unsigned long _khabar_probe_snippets_xapian(void);

#ifdef __cplusplus
}
#endif

#endif
