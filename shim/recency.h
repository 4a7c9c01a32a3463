/* recency.h - how many days the recency boost's table for remote shards
 * covers (rank.cc).  Plain C, so that a unit test can check the bound;
 * not part of the API (khabar.h). */
#ifndef KHABAR_RECENCY_H
#define KHABAR_RECENCY_H

#ifdef __cplusplus
extern "C" {
#endif

/* The most days the table holds: 20 years (rank.cc says why). */
#define KHABAR_RECENCY_DAYS_MAX 7305L

/* The greatest age in days in the table for an index whose dates run
 * from day OLDEST to day REFERENCE (days since 1970-01-01), with
 * HALF_LIFE days: the span of the dates, 20 half-lives or
 * KHABAR_RECENCY_DAYS_MAX, whichever is least; 0 when OLDEST is after
 * REFERENCE. */
long _khabar_recency_table_span(long reference, long oldest, double half_life);

#ifdef __cplusplus
}
#endif

#endif /* KHABAR_RECENCY_H */
