/* SPDX-License-Identifier: MIT */
/*
 * mclock_tsc.h - MCLOCK: the TSC in nanoseconds since boot (its frequency
 * is measured against the PIT at boot).  The same clock as the runtime's
 * timers.  Stateless.
 */
#ifndef MIRC_DEV_MCLOCK_TSC_H
#define MIRC_DEV_MCLOCK_TSC_H

#include <stdint.h>

/* Nanoseconds since boot. */
uint64_t mclock_tsc_elapsed_ns(void);

#endif
