/* reader.c - one read-only index handle per worker thread; see reader.h. */
#include "reader.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

static const char *const *db_locations;
static size_t db_count;
static unsigned remote_timeout_ms;
/* The locations joined, for log lines. */
static char db_names[1024];
static pthread_key_t handle_key;
/* Why the calling thread's current request found a shard unreachable: a
 * malloc()ed message, or NULL (reader_take_unavailable()). */
static pthread_key_t unavailable_key;
/* The retries made by the calling thread's current request, as a
 * pointer-sized integer: reader_acquire() resets it. */
static pthread_key_t retry_key;
static int key_created;

/* Runs when a worker thread exits, so each handle is closed by the thread
 * that used it. */
static void
close_handle(void *handle)
{
    khabar_index_close(handle);
}

/* LOCATIONS joined by ", " into db_names, cut short when too long. */
static void
name_locations(const char *const *locations, size_t n)
{
    size_t i, used = 0;

    db_names[0] = '\0';
    for (i = 0; i < n && used < sizeof(db_names); i++) {
        int len = snprintf(db_names + used, sizeof(db_names) - used, "%s%s",
                           i ? ", " : "", locations[i]);
        if (len < 0)
            break;
        used += (size_t)len;
    }
}

int
reader_init(const char *const *locations, size_t n, unsigned timeout_ms)
{
    int err = pthread_key_create(&handle_key, close_handle);

    if (err == 0) {
        err = pthread_key_create(&retry_key, NULL);
        if (err != 0)
            (void)pthread_key_delete(handle_key);
    }
    if (err == 0) {
        err = pthread_key_create(&unavailable_key, free);
        if (err != 0) {
            (void)pthread_key_delete(handle_key);
            (void)pthread_key_delete(retry_key);
        }
    }
    if (err != 0) {
        log_error("pthread_key_create: %s", strerror(err));
        return -1;
    }
    db_locations = locations;
    db_count = n;
    remote_timeout_ms = timeout_ms;
    name_locations(locations, n);
    key_created = 1;
    return 0;
}

khabar_status_t
reader_open(const char *const *locations, size_t n, unsigned timeout_ms,
            khabar_index_t **out, char **message)
{
    /* One location goes through khabar_index_open(), which opens a plain
     * local index as a single database; it hands a tcp:// or a directory
     * of shards on to khabar_index_open_shards() itself (with its default
     * timeout, so say ours instead). */
    if (n == 1 && strncmp(locations[0], "tcp://", 6) != 0)
        return khabar_index_open(locations[0], KHABAR_INDEX_READ_ONLY, out,
                                 message);
    return khabar_index_open_shards(locations, n, timeout_ms, out, message);
}

/* Remembers MESSAGE as why this request found a shard unreachable. */
static void
note_unavailable(const char *message)
{
    char *copy = strdup(message);

    free(pthread_getspecific(unavailable_key));
    if (pthread_setspecific(unavailable_key, copy) != 0)
        free(copy);
}

int
reader_take_unavailable(char *buf, size_t size)
{
    char *message;

    if (!key_created || (message = pthread_getspecific(unavailable_key)) == NULL)
        return 0;
    snprintf(buf, size, "%s", message);
    free(message);
    (void)pthread_setspecific(unavailable_key, NULL);
    return 1;
}

/* Closes the calling thread's handle and empties its slot. */
static void
drop_handle(void)
{
    khabar_index_t *index = pthread_getspecific(handle_key);

    if (index == NULL)
        return;
    /* Empty the slot first: the destructor must not see a closed handle. */
    (void)pthread_setspecific(handle_key, NULL);
    khabar_index_close(index);
}

void
reader_fini(void)
{
    if (!key_created)
        return;
    drop_handle();
    (void)pthread_key_delete(handle_key);
    (void)pthread_key_delete(retry_key);
    free(pthread_getspecific(unavailable_key));
    (void)pthread_key_delete(unavailable_key);
    key_created = 0;
}

/* Opens a handle for the calling thread and stores it in its slot. */
static khabar_status_t
open_handle(khabar_index_t **out)
{
    khabar_index_t *index = NULL;
    char *message = NULL;
    khabar_status_t status;
    int err;

    status = reader_open(db_locations, db_count, remote_timeout_ms, &index,
                         &message);
    if (status != KHABAR_STATUS_SUCCESS) {
        /* The message names the index, or the shard, already. */
        log_error("open: %s", message != NULL ? message :
                  khabar_status_to_string(status));
        if (status == KHABAR_STATUS_UNAVAILABLE)
            note_unavailable(message != NULL ? message :
                             khabar_status_to_string(status));
        free(message);
        return status;
    }
    err = pthread_setspecific(handle_key, index);
    if (err != 0) {
        log_error("pthread_setspecific: %s", strerror(err));
        khabar_index_close(index);
        return KHABAR_STATUS_OUT_OF_MEMORY;
    }
    *out = index;
    return KHABAR_STATUS_SUCCESS;
}

khabar_status_t
reader_acquire(khabar_index_t **out)
{
    khabar_index_t *index = pthread_getspecific(handle_key);
    khabar_status_t status;

    /* A new request: no retries yet, no shard found down yet.  Setting
     * a NULL value allocates nothing, so this cannot fail once the key
     * exists. */
    (void)pthread_setspecific(retry_key, NULL);
    free(pthread_getspecific(unavailable_key));
    (void)pthread_setspecific(unavailable_key, NULL);
    /* A handle opened just now is already at the latest revision. */
    if (index == NULL)
        return open_handle(out);
    status = khabar_index_reopen(index);
    /* A commit landing during the reopen itself: try once more. */
    if (status == KHABAR_STATUS_MODIFIED)
        status = khabar_index_reopen(index);
    /* A connection to a remote shard that has since restarted is dead
     * for good: connect afresh, once, rather than fail this request. */
    if (status == KHABAR_STATUS_UNAVAILABLE) {
        drop_handle();
        return open_handle(out);
    }
    if (status != KHABAR_STATUS_SUCCESS) {
        reader_fail(index, status, "reopen");
        return status;
    }
    *out = index;
    return KHABAR_STATUS_SUCCESS;
}

int
reader_should_retry(khabar_index_t *index, khabar_status_t status)
{
    uintptr_t retries = (uintptr_t)pthread_getspecific(retry_key);

    if (status != KHABAR_STATUS_MODIFIED || retries >= READER_MAX_RETRIES)
        return 0;
    if (pthread_setspecific(retry_key, (void *)(retries + 1)) != 0)
        return 0;
    return khabar_index_reopen(index) == KHABAR_STATUS_SUCCESS;
}

void
reader_fail(khabar_index_t *index, khabar_status_t status, const char *what)
{
    const char *message = khabar_index_message(index);

    if (message == NULL || *message == '\0')
        message = khabar_status_to_string(status);
    log_error("%s: %s: %s", db_names, what, message);
    /* Before the handle goes: the message lives in it. */
    if (status == KHABAR_STATUS_UNAVAILABLE)
        note_unavailable(message);
    drop_handle();
}
