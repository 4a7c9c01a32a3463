/* reader.c - one read-only index handle per worker thread; see reader.h. */
#include "reader.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

static const char *db_path;
static pthread_key_t handle_key;
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

int
reader_init(const char *path)
{
    int err = pthread_key_create(&handle_key, close_handle);

    if (err == 0) {
        err = pthread_key_create(&retry_key, NULL);
        if (err != 0)
            (void)pthread_key_delete(handle_key);
    }
    if (err != 0) {
        log_error("pthread_key_create: %s", strerror(err));
        return -1;
    }
    db_path = path;
    key_created = 1;
    return 0;
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

    status = khabar_index_open(db_path, KHABAR_INDEX_READ_ONLY, &index,
                               &message);
    if (status != KHABAR_STATUS_SUCCESS) {
        /* The message names the index already. */
        log_error("open: %s", message != NULL ? message :
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

    /* A new request: no retries yet.  Setting a NULL value allocates
     * nothing, so this cannot fail once the key exists. */
    (void)pthread_setspecific(retry_key, NULL);
    /* A handle opened just now is already at the latest revision. */
    if (index == NULL)
        return open_handle(out);
    status = khabar_index_reopen(index);
    /* A commit landing during the reopen itself: try once more. */
    if (status == KHABAR_STATUS_MODIFIED)
        status = khabar_index_reopen(index);
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
    log_error("%s: %s: %s", db_path, what, message);
    drop_handle();
}
