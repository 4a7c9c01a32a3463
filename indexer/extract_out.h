/* extract_out.h - the --extract sink: each article as one JSON line on
 * standard output, exactly as it would be indexed, without an index. */
#ifndef KHABAR_EXTRACT_OUT_H
#define KHABAR_EXTRACT_OUT_H

#include "sink.h"

/* Makes SINK write to OUT instead of indexing. */
void extract_out_init(sink_t *sink, FILE *out);

/* The sink_put_fn: writes A as {"id":...,"url":...,"title":...,"date":...,
 * "source":...,"lang":...,"byline":...,"body":...,"origin":...,
 * "extraction":{...}}, absent fields left out.  0, or -1 when the output
 * failed (reported). */
int extract_out_put(sink_t *sink, article_t *a, const where_t *at);

#endif
