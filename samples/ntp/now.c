/* SPDX-License-Identifier: MIT */
/*
 * now.c - the job of samples/ntp: the wall clock, logged as
 * "wall clock YYYY-MM-DDThh:mm:ssZ" once PCLOCK knows it (it is negative
 * until then), or an error after --wait.
 */
#include <inttypes.h>
#include <time.h>

#include "mirc.h"

#define STEP_NS MIRC_MS(50)

static struct {
	struct PCLOCK clock;
	struct TIME time;
	uint64_t left;		/* ns of --wait not slept yet */
} n;

static void look(void *arg)
{
	int64_t wall = PCLOCK_now_ns(n.clock);
	time_t secs;
	struct tm tm;

	(void)arg;
	if (wall < 0) {
		if (n.left < STEP_NS) {
			mirc_log_err("the wall clock is still not known");
			mirc_exit(1);
			return;
		}
		n.left -= STEP_NS;
		TIME_sleep_ns(n.time, STEP_NS, look, NULL);
		return;
	}
	secs = (time_t)(wall / 1000000000);
	if (!gmtime_r(&secs, &tm)) {
		mirc_log_err("wall clock %" PRId64 " ns: out of range", wall);
		mirc_exit(1);
		return;
	}
	mirc_log_info("wall clock %04d-%02d-%02dT%02d:%02d:%02dZ",
		      tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		      tm.tm_min, tm.tm_sec);
}

int now_start(struct PCLOCK clock, struct TIME time, uint64_t wait)
{
	n.clock = clock;
	n.time = time;
	n.left = wait;
	look(NULL);
	return 0;
}
