/* SPDX-License-Identifier: MIT */
/*
 * pclock_posix.h - PCLOCK: clock_gettime(CLOCK_REALTIME).  Stateless.
 */
#ifndef MIRC_DEV_PCLOCK_POSIX_H
#define MIRC_DEV_PCLOCK_POSIX_H

#include <stdint.h>

/* Nanoseconds since the Unix epoch (negative before 1970). */
int64_t pclock_posix_now_ns(void);

#endif
