/* SPDX-License-Identifier: MIT */
/*
 * time_clint.c - TIME: a timer of the runtime's event loop.
 */
#include <stdlib.h>

#include "time_clint.h"

void time_clint_sleep_ns(uint64_t ns, mirc_cb done, void *arg)
{
	/* On bare metal the loop has MIRC_MAX_TIMERS slots; when they are
	 * all taken the caller would wait forever, so stop loudly. */
	if (mirc_timer_after(ns, done, arg) == 0) {
		mirc_log(MIRC_LOG_ERROR, "time_clint",
			 "cannot set a timer: all MIRC_MAX_TIMERS are pending");
		abort();
	}
}
