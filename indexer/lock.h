/* lock.h - one khabar-index at a time per index. */
#ifndef KHABAR_LOCK_H
#define KHABAR_LOCK_H

#include <stddef.h>

/* Takes the writer's lock of the index DIR (creating DIR if needed): the
 * file DIR/khabar-index.lock, locked with flock() and holding our pid, so
 * that a second khabar-index can say who holds it.  Waits up to
 * WAIT_SECONDS for a holder to finish (0: not at all).  Returns the lock's
 * file descriptor, -1 when another khabar-index holds it (ERR names its
 * pid), or -2 on another failure (ERR says what). */
int lock_index(const char *dir, unsigned wait_seconds, char *err, size_t errlen);

/* Releases the lock (closing FD releases it too, as does dying). */
void unlock_index(int fd);

#endif
