/* route_health.c - GET /healthz: 200 with the number of articles, the
 * revision and the shards when the index can be read, 503 when it cannot, so that a load
 * balancer stops sending searches to a searchd that would fail them. */
#include <jansson.h>

#include "khabar.h"
#include "reader.h"
#include "respond.h"
#include "routes.h"
#include "shards_json.h"

static enum MHD_Result
unavailable(struct MHD_Connection *connection)
{
    char why[512];

    /* A shard down is named, so that whoever looks knows where. */
    if (reader_take_unavailable(why, sizeof(why)))
        return respond_error(connection, MHD_HTTP_SERVICE_UNAVAILABLE,
                             "shard_unavailable", why);
    return respond_error(connection, MHD_HTTP_SERVICE_UNAVAILABLE,
                         "unavailable", "the index cannot be read");
}

enum MHD_Result
route_health(struct MHD_Connection *connection)
{
    khabar_index_t *index;
    khabar_status_t status;
    unsigned long documents = 0, revision = 0;
    json_t *shards = NULL;

    if (reader_acquire(&index) != KHABAR_STATUS_SUCCESS)
        return unavailable(connection);
    status = khabar_index_count(index, &documents);
    while (reader_should_retry(index, status))
        status = khabar_index_count(index, &documents);
    if (status == KHABAR_STATUS_SUCCESS)
        status = khabar_index_revision(index, &revision);
    if (status == KHABAR_STATUS_SUCCESS)
        shards = shards_json(index, &status);
    if (status != KHABAR_STATUS_SUCCESS) {
        reader_fail(index, status, "healthz");
        return unavailable(connection);
    }
    return respond_json(connection, MHD_HTTP_OK,
                        json_pack("{s:s,s:I,s:I,s:o*}", "status", "ok",
                                  "documents", (json_int_t)documents,
                                  "revision", (json_int_t)revision,
                                  "shards", shards),
                        &revision);
}
