/* reader.c - a pool of read-only index handles, one per worker; see
 * reader.h. */
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

/* A handle of the pool: opened by the first request to take the slot,
 * then kept, and touched only by the thread holding the slot.  BUSY is
 * under pool_lock, whose hand-over orders one holder's use before the
 * next one's. */
struct slot {
    khabar_index_t *index;
    int busy;
};

static struct slot *slots;
static size_t n_slots;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slot_freed = PTHREAD_COND_INITIALIZER;
/* Requests take slots in the order they asked, by ticket: the next to
 * be served, the next to hand out; and the slots held and the requests
 * waiting, for /metrics.  Under pool_lock. */
static unsigned long now_serving, next_ticket;
static unsigned n_busy, n_waiting;
/* Set by reader_stop(): no request takes a slot any more.  Under
 * pool_lock. */
static int stopping;
/* The slot the calling thread's current request holds, or NULL. */
static pthread_key_t held_key;
/* Why the calling thread's current request found a shard unreachable: a
 * malloc()ed message, or NULL (reader_take_unavailable()). */
static pthread_key_t unavailable_key;
/* The retries made by the calling thread's current request, as a
 * pointer-sized integer: reader_acquire() and reader_try_acquire() reset
 * it. */
static pthread_key_t retry_key;
/* Non-NULL when the calling thread's current request was refused a
 * handle because searchd is stopping (reader_take_stopped()). */
static pthread_key_t stopped_key;
static int key_created;

/* The keys above and what a thread's value is given to when it ends. */
static pthread_key_t *const keys[] = {
    &held_key, &unavailable_key, &retry_key, &stopped_key
};
#define N_KEYS (sizeof(keys) / sizeof(keys[0]))
static void give_back(void *slot);
static void (*const key_destructors[N_KEYS])(void *) = {
    give_back, free, NULL, NULL
};

/* Gives SLOT back to the pool and wakes the requests waiting: the first
 * in line takes it. */
static void
give_back(void *slot)
{
    pthread_mutex_lock(&pool_lock);
    ((struct slot *)slot)->busy = 0;
    n_busy--;
    pthread_cond_broadcast(&slot_freed);
    pthread_mutex_unlock(&pool_lock);
}

/* A free slot, one with its handle open if there is one, so that no
 * handle is opened while an open one idles; or NULL.  Under pool_lock. */
static struct slot *
free_slot(void)
{
    struct slot *found = NULL;
    size_t i;

    for (i = 0; i < n_slots; i++) {
        if (slots[i].busy)
            continue;
        if (found == NULL || slots[i].index != NULL)
            found = &slots[i];
        if (found->index != NULL)
            break;
    }
    return found;
}

/* Waits for the calling request's turn and a free slot, and takes it;
 * NULL once searchd is stopping. */
static struct slot *
take_slot(void)
{
    struct slot *found = NULL;
    unsigned long ticket;

    pthread_mutex_lock(&pool_lock);
    ticket = next_ticket++;
    n_waiting++;
    while (!stopping &&
           (ticket != now_serving || (found = free_slot()) == NULL))
        pthread_cond_wait(&slot_freed, &pool_lock);
    n_waiting--;
    if (stopping) {
        pthread_mutex_unlock(&pool_lock);
        return NULL;
    }
    now_serving++;
    found->busy = 1;
    n_busy++;
    /* The next in line may find another slot free. */
    if (n_waiting > 0 && free_slot() != NULL)
        pthread_cond_broadcast(&slot_freed);
    pthread_mutex_unlock(&pool_lock);
    return found;
}

/* Takes a free slot when no request waits for one, or returns NULL at
 * once: nobody's turn is taken.  (A slot is free while requests wait only
 * between a give_back() and the first in line waking, so no test can
 * catch a try that ignored them; it would take that request's slot.)
 * The tickets move on together, as they do for a request that had
 * waited for nothing. */
static struct slot *
take_slot_now(void)
{
    struct slot *found = NULL;

    pthread_mutex_lock(&pool_lock);
    if (!stopping && n_waiting == 0 && (found = free_slot()) != NULL) {
        next_ticket++;
        now_serving++;
        found->busy = 1;
        n_busy++;
    }
    pthread_mutex_unlock(&pool_lock);
    return found;
}

void
reader_stop(void)
{
    pthread_mutex_lock(&pool_lock);
    stopping = 1;
    pthread_cond_broadcast(&slot_freed);
    pthread_mutex_unlock(&pool_lock);
}

int
reader_take_stopped(void)
{
    if (!key_created || pthread_getspecific(stopped_key) == NULL)
        return 0;
    (void)pthread_setspecific(stopped_key, NULL);
    return 1;
}

int
reader_stopping(void)
{
    int now;

    pthread_mutex_lock(&pool_lock);
    now = stopping;
    pthread_mutex_unlock(&pool_lock);
    return now;
}

void
reader_load(unsigned *handles, unsigned *busy, unsigned *waiting)
{
    pthread_mutex_lock(&pool_lock);
    *handles = (unsigned)n_slots;
    *busy = n_busy;
    *waiting = n_waiting;
    pthread_mutex_unlock(&pool_lock);
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
reader_init(const char *const *locations, size_t n, unsigned timeout_ms,
            unsigned handles)
{
    size_t made;
    int err = 0;

    for (made = 0; made < N_KEYS && err == 0; made++)
        err = pthread_key_create(keys[made], key_destructors[made]);
    if (err == 0 &&
        (slots = calloc(handles > 0 ? handles : 1, sizeof(*slots))) == NULL)
        log_error("out of memory for %u index handles", handles);
    else if (err != 0) {
        log_error("pthread_key_create: %s", strerror(err));
        made--;         /* the one that failed */
    }
    if (err != 0 || slots == NULL) {
        while (made > 0)
            (void)pthread_key_delete(*keys[--made]);
        return -1;
    }
    n_slots = handles > 0 ? handles : 1;
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

/* Closes the handle of the slot the calling thread holds, if it is open:
 * the next request to take the slot opens it afresh. */
static void
drop_handle(void)
{
    struct slot *slot = pthread_getspecific(held_key);

    if (slot == NULL || slot->index == NULL)
        return;
    khabar_index_close(slot->index);
    slot->index = NULL;
}

void
reader_release(void)
{
    struct slot *slot;

    if (!key_created || (slot = pthread_getspecific(held_key)) == NULL)
        return;
    (void)pthread_setspecific(held_key, NULL);
    give_back(slot);
}

void
reader_fini(void)
{
    size_t i;

    if (!key_created)
        return;
    reader_release();
    for (i = 0; i < n_slots; i++)
        if (slots[i].index != NULL)
            khabar_index_close(slots[i].index);
    free(slots);
    slots = NULL;
    n_slots = 0;
    stopping = 0;
    free(pthread_getspecific(unavailable_key));
    for (i = 0; i < N_KEYS; i++)
        (void)pthread_key_delete(*keys[i]);
    /* No request is left: the next reader_init() starts afresh. */
    now_serving = next_ticket = 0;
    n_busy = n_waiting = 0;
    key_created = 0;
}

/* Opens a handle into SLOT, which the calling thread holds. */
static khabar_status_t
open_handle(struct slot *slot, khabar_index_t **out)
{
    khabar_index_t *index = NULL;
    char *message = NULL;
    khabar_status_t status;

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
    slot->index = index;
    *out = index;
    return KHABAR_STATUS_SUCCESS;
}

/* The slot the calling thread's request holds, taking one if it holds
 * none yet: waiting for it, or with NOW only if one is free at once.
 * NULL when NOW found none, when searchd is stopping, or if the hold
 * cannot be noted. */
static struct slot *
held_slot(int now)
{
    struct slot *slot = pthread_getspecific(held_key);
    int err;

    if (slot != NULL)
        return slot;
    slot = now ? take_slot_now() : take_slot();
    if (slot == NULL)
        return NULL;
    err = pthread_setspecific(held_key, slot);
    if (err != 0) {
        log_error("pthread_setspecific: %s", strerror(err));
        give_back(slot);
        return NULL;
    }
    return slot;
}

/* A new request: no retries yet, no shard found down yet.  Setting a
 * NULL value allocates nothing, so this cannot fail once the keys
 * exist. */
static void
start_request(void)
{
    (void)pthread_setspecific(retry_key, NULL);
    (void)pthread_setspecific(stopped_key, NULL);
    free(pthread_getspecific(unavailable_key));
    (void)pthread_setspecific(unavailable_key, NULL);
}

/* Sets *OUT to the handle of SLOT, which the calling thread holds,
 * opened or brought up to the latest revision. */
static khabar_status_t
bring_up(struct slot *slot, khabar_index_t **out)
{
    khabar_status_t status;

    /* A handle opened just now is already at the latest revision. */
    if (slot->index == NULL)
        return open_handle(slot, out);
    status = khabar_index_reopen(slot->index);
    /* A commit landing during the reopen itself: try once more. */
    if (status == KHABAR_STATUS_MODIFIED)
        status = khabar_index_reopen(slot->index);
    /* A connection to a remote shard that has since restarted is dead
     * for good: connect afresh, once, rather than fail this request. */
    if (status == KHABAR_STATUS_UNAVAILABLE) {
        drop_handle();
        return open_handle(slot, out);
    }
    if (status != KHABAR_STATUS_SUCCESS) {
        reader_fail(slot->index, status, "reopen");
        return status;
    }
    *out = slot->index;
    return KHABAR_STATUS_SUCCESS;
}

khabar_status_t
reader_acquire(khabar_index_t **out)
{
    struct slot *slot;

    start_request();
    slot = held_slot(0);
    if (slot != NULL)
        return bring_up(slot, out);
    if (!reader_stopping())
        return KHABAR_STATUS_OUT_OF_MEMORY;
    /* A static non-NULL value: setting it allocates nothing. */
    (void)pthread_setspecific(stopped_key, (void *)&stopped_key);
    return KHABAR_STATUS_UNAVAILABLE;
}

int
reader_try_acquire(khabar_index_t **out, khabar_status_t *status)
{
    struct slot *slot;

    start_request();
    slot = held_slot(1);
    if (slot == NULL)
        return 0;
    *status = bring_up(slot, out);
    return 1;
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
