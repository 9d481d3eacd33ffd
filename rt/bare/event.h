/* SPDX-License-Identifier: MIT */
/*
 * event.h - a bare-metal board's event sources, seen by the runtime's
 * event loop as file descriptors.
 *
 * A board has no files, but its devices have work that arrives later (a
 * disk request completes): a driver registers a readiness check with
 * event_add() and watches the fd it gets with mirc_fd_watch()
 * (MIRC_FD_READ) while it has requests in flight, which also keeps the
 * loop running.  The board's platform_wait() calls event_poll() before
 * it sleeps and again after every wake-up; the devices' interrupts only
 * end the sleep (wfi, hlt), they do no work.  This file implements
 * platform_fd_check(), platform_watch_set() and platform_watch_clear()
 * for the boards that link it (rt/src/platform.h): the only fds are the
 * event sources.  A board with no event source could leave it out and
 * build with -DMIRC_FD_WATCHES=0; every board has some today.
 *
 * Everything runs on the program's single thread; nothing here is
 * called from an interrupt handler.
 */
#ifndef MIRC_BARE_EVENT_H
#define MIRC_BARE_EVENT_H

#include <stdbool.h>
#include <stddef.h>

#include "platform.h"

/* The first fd handed out (0-2 look like standard streams). */
#define EVENT_FD_FIRST 3
/* How many sources a program may register. */
#define EVENT_MAX 32

/*
 * Register an event source: returns the fd under which the event loop
 * waits for it, or -ENOSPC.  ready(ctx) is called by event_poll() with
 * the board's interrupts off; it must acknowledge the device's interrupt
 * first (so that work arriving after it raises the interrupt again),
 * then say whether the source has work, and must not call into the
 * runtime.
 */
int event_add(bool (*ready)(void *ctx), void *ctx);

/*
 * Ask every armed source (platform_watch_set(), which this file
 * implements too) whether it has work; stores up to n of those that have
 * in ev[], disarms them and returns how many.  For the board's
 * platform_wait(), with its arguments; n == 0 asks no source.
 */
int event_poll(struct platform_event *ev, size_t n);

#endif
