/* workers.c - the worker threads that run requests; see workers.h. */
#include "workers.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "reader.h"

/* A request waiting for a worker, on its connection thread's stack. */
struct job {
    void (*run)(void *);
    void *arg;
    int done;                   /* under lock */
    pthread_cond_t finished;
    struct job *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queued = PTHREAD_COND_INITIALIZER;
/* The jobs not yet taken, oldest first; under lock. */
static struct job *head, *tail;
static int stopping;
static pthread_t *threads;
static unsigned n_threads;

/* The next job, waiting for one; NULL once stopping with none left. */
static struct job *
next_job(void)
{
    struct job *job;

    pthread_mutex_lock(&lock);
    while (head == NULL && !stopping)
        pthread_cond_wait(&queued, &lock);
    job = head;
    if (job != NULL) {
        head = job->next;
        if (head == NULL)
            tail = NULL;
    }
    pthread_mutex_unlock(&lock);
    return job;
}

static void *
work(void *unused)
{
    struct job *job;

    (void)unused;
    while ((job = next_job()) != NULL) {
        job->run(job->arg);
        reader_release();
        pthread_mutex_lock(&lock);
        job->done = 1;
        pthread_cond_signal(&job->finished);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

int
workers_start(unsigned n)
{
    int err;

    if (n == 0)
        n = 1;
    threads = calloc(n, sizeof(*threads));
    if (threads == NULL) {
        log_error("out of memory for %u worker threads", n);
        return -1;
    }
    stopping = 0;
    for (n_threads = 0; n_threads < n; n_threads++) {
        err = pthread_create(&threads[n_threads], NULL, work, NULL);
        if (err != 0) {
            log_error("cannot start a worker thread: %s", strerror(err));
            workers_stop();
            return -1;
        }
    }
    return 0;
}

void
workers_run(void (*run)(void *), void *arg)
{
    struct job job;

    job.run = run;
    job.arg = arg;
    job.done = 0;
    job.next = NULL;
    pthread_cond_init(&job.finished, NULL);
    pthread_mutex_lock(&lock);
    if (tail != NULL)
        tail->next = &job;
    else
        head = &job;
    tail = &job;
    pthread_cond_signal(&queued);
    while (!job.done)
        pthread_cond_wait(&job.finished, &lock);
    pthread_mutex_unlock(&lock);
    pthread_cond_destroy(&job.finished);
}

void
workers_stop(void)
{
    unsigned i;

    pthread_mutex_lock(&lock);
    stopping = 1;
    pthread_cond_broadcast(&queued);
    pthread_mutex_unlock(&lock);
    for (i = 0; i < n_threads; i++)
        (void)pthread_join(threads[i], NULL);
    free(threads);
    threads = NULL;
    n_threads = 0;
}
