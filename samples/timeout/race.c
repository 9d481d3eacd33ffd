/* SPDX-License-Identifier: MIT */
/*
 * race.c - the job of samples/timeout: a sleep of random length (the
 * "work", between 1 ms and --max-work) against --timeout.
 *
 * The first callback to run decides the outcome, logs it and stops the
 * program with mirc_exit(0): TIME has no cancel, and the loser's timer
 * must not keep the program waiting.  Both callbacks check with MCLOCK
 * that their timer did not fire early.
 */
#include <inttypes.h>

#include "mirc.h"

static struct {
	struct MCLOCK clock;
	uint64_t t0;
	uint64_t timeout, work;	/* ns */
	const char *winner;
} race;

static uint64_t ms(uint64_t ns)
{
	return ns / MIRC_MS(1);
}

/* A timer that fires early is a bug of the TIME device: stop with 1. */
static bool early(const char *what, uint64_t now, uint64_t want)
{
	if (now >= want)
		return false;
	mirc_log_err("%s fired after %" PRIu64 " ns, before its %" PRIu64 " ns",
		     what, now, want);
	mirc_exit(1);
	return true;
}

static void work_done(void *arg)
{
	uint64_t now = MCLOCK_elapsed_ns(race.clock) - race.t0;

	(void)arg;
	if (early("the work", now, race.work))
		return;
	if (race.winner)
		return;
	race.winner = "work";
	mirc_log_info("Work finished after %" PRIu64 " ms, before the timeout "
		      "of %" PRIu64 " ms", ms(race.work), ms(race.timeout));
	mirc_exit(0);
}

static void timed_out(void *arg)
{
	uint64_t now = MCLOCK_elapsed_ns(race.clock) - race.t0;

	(void)arg;
	if (early("the timeout", now, race.timeout))
		return;
	if (race.winner)
		return;
	race.winner = "timeout";
	mirc_log_info("Timed out after %" PRIu64 " ms, the work needed %" PRIu64
		      " ms", ms(race.timeout), ms(race.work));
	mirc_exit(0);
}

int race_start(struct RANDOM rng, struct TIME time, struct MCLOCK clock,
	       uint64_t timeout, uint64_t max_work)
{
	uint64_t r;
	uint64_t max_ms = ms(max_work);

	if (max_ms < 1) {
		mirc_log_err("--max-work must be at least 1ms");
		return 1;
	}
	RANDOM_fill(rng, &r, sizeof r);
	race.clock = clock;
	race.timeout = timeout;
	race.work = MIRC_MS(1 + r % max_ms);
	race.t0 = MCLOCK_elapsed_ns(clock);
	TIME_sleep_ns(time, race.timeout, timed_out, NULL);
	TIME_sleep_ns(time, race.work, work_done, NULL);
	return 0;
}
