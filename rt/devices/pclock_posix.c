/* SPDX-License-Identifier: MIT */
/*
 * pclock_posix.c - PCLOCK: the host's wall clock.  It may jump (NTP,
 * the administrator); MCLOCK is the one for measuring durations.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>
#include <time.h>

#include "mirc/rt.h"
#include "pclock_posix.h"

int64_t pclock_posix_now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) != 0) {
		mirc_log(MIRC_LOG_ERROR, "pclock_posix",
			 "clock_gettime(CLOCK_REALTIME) failed");
		abort();
	}
	/* tv_nsec is in [0, 1e9) also before the epoch, so this is exact
	 * for any time int64 nanoseconds can hold (1677 to 2262). */
	return (int64_t)ts.tv_sec * 1000000000 + (int64_t)ts.tv_nsec;
}
