/* SPDX-License-Identifier: MIT */
/*
 * time_posix.c - TIME: a timer of the runtime's event loop.
 */
#include <stdlib.h>

#include "time_posix.h"

void time_posix_sleep_ns(uint64_t ns, mirc_cb done, void *arg)
{
	/* Hosted runtimes never fail here; if one ever did, the caller
	 * would wait forever, so stop loudly instead. */
	if (mirc_timer_after(ns, done, arg) == 0) {
		mirc_log(MIRC_LOG_ERROR, "time_posix", "cannot set a timer");
		abort();
	}
}
