/* SPDX-License-Identifier: MIT */
/*
 * mclock_posix.c - MCLOCK: the same clock as the runtime's timers.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>
#include <time.h>

#include "mirc/rt.h"
#include "mclock_posix.h"

uint64_t mclock_posix_elapsed_ns(void)
{
	struct timespec ts;

	/* CLOCK_MONOTONIC exists on every POSIX system mirc targets; a
	 * failure would be a broken libc, and a made-up time is worse. */
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		mirc_log(MIRC_LOG_ERROR, "mclock_posix",
			 "clock_gettime(CLOCK_MONOTONIC) failed");
		abort();
	}
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
