/* SPDX-License-Identifier: MIT */
/*
 * time_bare.h - TIME on the runtime's event loop, on every bare-metal
 * board: the loop sleeps in the board's platform_wait() (wfi until the
 * SysTick or CLINT interrupt, hlt until the local APIC timer) until its
 * first timer is due.  Stateless: the timers belong to the runtime.
 *
 * The loop has room for MIRC_MAX_TIMERS pending timers, more when the
 * board has a heap.  When no timer can be set, sleep_ns cannot report
 * it (TIME has no error result) and the caller would wait for ever: by
 * the failure policy of the standard bare-metal devices
 * (console_bare.h), it logs an error and calls mirc_exit(1).
 */
#ifndef MIRC_BARE_TIME_BARE_H
#define MIRC_BARE_TIME_BARE_H

#include <stdint.h>

#include "mirc/rt.h"

/* Call done(arg) from the event loop once ns nanoseconds have passed. */
void time_bare_sleep_ns(uint64_t ns, mirc_cb done, void *arg);

#endif
