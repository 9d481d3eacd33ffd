/* SPDX-License-Identifier: MIT */
/*
 * time_bare.c - TIME: a timer of the runtime's event loop (time_bare.h).
 */
#include <inttypes.h>

#include "time_bare.h"

void time_bare_sleep_ns(uint64_t ns, mirc_cb done, void *arg)
{
	/* A timer that was not set would leave the caller waiting for
	 * ever: stop the program instead (the policy in console_bare.h). */
	if (mirc_timer_after(ns, done, arg) == 0) {
#ifdef MIRC_RUNTIME_SMALL
		mirc_log(MIRC_LOG_ERROR, "time_bare", "too many timers");
#else
		mirc_log(MIRC_LOG_ERROR, "time_bare",
			 "cannot set a timer of %" PRIu64 " ns: too many "
			 "pending timers", ns);
#endif
		mirc_exit(1);
	}
}
