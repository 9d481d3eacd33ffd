/* SPDX-License-Identifier: MIT */
/*
 * time_lapic.c - TIME: a timer of the runtime's event loop.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "time_lapic.h"

void time_lapic_sleep_ns(uint64_t ns, mirc_cb done, void *arg)
{
	/* Bare metal has a fixed number of timers (MIRC_MAX_TIMERS); the
	 * caller would wait forever for a timer that was not set, so stop
	 * loudly instead. */
	if (mirc_timer_after(ns, done, arg) == 0) {
		mirc_log(MIRC_LOG_ERROR, "time_lapic",
			 "cannot set a timer of %" PRIu64 " ns: too many "
			 "pending timers", ns);
		abort();
	}
}
