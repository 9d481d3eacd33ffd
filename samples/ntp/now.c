/* SPDX-License-Identifier: MIT */
/*
 * now.c - the job of samples/ntp: the wall clock, logged as
 * "wall clock YYYY-MM-DDThh:mm:ssZ" once PCLOCK knows it (it is negative
 * until then), or an error after --wait.  The date is computed here
 * rather than with gmtime_r, which the boards' C library does not have
 * (mirc-targets(7), THE C LIBRARY).
 */
#include <inttypes.h>

#include "mirc.h"

#define STEP_NS MIRC_MS(50)

static struct {
	struct PCLOCK clock;
	struct TIME time;
	uint64_t left;		/* ns of --wait not slept yet */
} n;

/* The proleptic Gregorian date of a day counted from 1970-01-01 (day
 * 0): years of 400 years (146097 days) make the leap rule regular; the
 * year is counted from March, so that February's extra day comes last. */
static void civil(int64_t day, int64_t *y, int *m, int *d)
{
	int64_t z = day + 719468;	/* days since 0000-03-01 */
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;			/* [0, 146096] */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);	/* from March 1 */
	int64_t mp = (5 * doy + 2) / 153;		/* March = 0 */

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static void look(void *arg)
{
	int64_t wall = PCLOCK_now_ns(n.clock), secs, days, y;
	int m, d, sod;

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
	secs = wall / 1000000000;
	days = secs / 86400;
	sod = (int)(secs % 86400);
	civil(days, &y, &m, &d);
	if (y > 9999) {
		mirc_log_err("wall clock %" PRId64 " ns: out of range", wall);
		mirc_exit(1);
		return;
	}
	mirc_log_info("wall clock %04" PRId64 "-%02d-%02dT%02d:%02d:%02dZ",
		      y, m, d, sod / 3600, sod / 60 % 60, sod % 60);
}

int now_start(struct PCLOCK clock, struct TIME time, uint64_t wait)
{
	n.clock = clock;
	n.time = time;
	n.left = wait;
	look(NULL);
	return 0;
}
