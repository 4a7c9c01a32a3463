/* shards_json.h - the indexes searchd reads, as JSON, for /healthz and
 * /stats (docs/API.md, docs/SCALING.md). */
#ifndef KHABAR_SHARDS_JSON_H
#define KHABAR_SHARDS_JSON_H

#include <jansson.h>

#include "khabar.h"

/* [{"location": "...", "remote": false, "articles": N, "revision": N},
 * ...], one per index INDEX reads (one for a single index).  Sets
 * *STATUS; NULL when it is not KHABAR_STATUS_SUCCESS (the reason is in
 * INDEX's message) or when out of memory. */
json_t *shards_json(khabar_index_t *index, khabar_status_t *status);

#endif
