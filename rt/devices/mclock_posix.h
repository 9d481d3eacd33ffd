/* SPDX-License-Identifier: MIT */
/*
 * mclock_posix.h - MCLOCK: clock_gettime(CLOCK_MONOTONIC).  Stateless.
 */
#ifndef MIRC_DEV_MCLOCK_POSIX_H
#define MIRC_DEV_MCLOCK_POSIX_H

#include <stdint.h>

/* Nanoseconds since an arbitrary origin (the host's boot on Linux). */
uint64_t mclock_posix_elapsed_ns(void);

#endif
