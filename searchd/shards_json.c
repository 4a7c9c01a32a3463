/* shards_json.c - the indexes searchd reads, as JSON; see shards_json.h. */
#include "shards_json.h"

static json_t *
shard_json(const khabar_shard_info_t *info)
{
    return json_pack("{s:s,s:b,s:I,s:I}", "location", info->location,
                     "remote", info->remote, "articles",
                     (json_int_t)info->articles, "revision",
                     (json_int_t)info->revision);
}

json_t *
shards_json(khabar_index_t *index, khabar_status_t *status)
{
    json_t *list = json_array();
    khabar_shard_info_t info;
    size_t i;

    *status = KHABAR_STATUS_SUCCESS;
    for (i = 0; list != NULL && i < khabar_index_shards(index); i++) {
        *status = khabar_index_shard(index, i, &info);
        if (*status != KHABAR_STATUS_SUCCESS ||
            json_array_append_new(list, shard_json(&info)) != 0) {
            json_decref(list);
            return NULL;
        }
    }
    return list;
}
