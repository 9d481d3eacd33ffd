/* SPDX-License-Identifier: MIT */
/*
 * time_systick.c - TIME: a timer of the runtime's event loop.
 */
#include "time_systick.h"

void time_systick_sleep_ns(uint64_t ns, mirc_cb done, void *arg)
{
	/* Bare metal has room for MIRC_MAX_TIMERS pending timers and no
	 * more.  The caller would wait forever for a timer that was never
	 * set, so end the program, saying why. */
	if (mirc_timer_after(ns, done, arg) == 0) {
		mirc_log(MIRC_LOG_ERROR, "time_systick",
			 "cannot set a timer: too many pending");
		mirc_exit(1);
	}
}
