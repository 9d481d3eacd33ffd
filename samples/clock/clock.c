/* SPDX-License-Identifier: MIT */
/*
 * clock.c - the job of samples/clock: log the wall-clock time (PCLOCK)
 * and the time since the start (MCLOCK) --ticks times, --interval apart,
 * checking both clocks as it goes.
 */
#include <inttypes.h>

#include "mirc.h"

/* 2020-01-01T00:00:00Z in seconds since the epoch: any later reading of a
 * working wall clock is after it. */
#define WALL_MIN_SECONDS INT64_C(1577836800)

static struct {
	struct MCLOCK mclock;
	struct PCLOCK pclock;
	struct TIME time;
	int64_t ticks, tick;
	uint64_t interval;
	uint64_t start, last;	/* MCLOCK readings */
} state;

/* A UTC date and time of day. */
struct civil {
	int64_t year, month, day, hour, min, sec, ms;
};

/*
 * ns since the epoch to a UTC date (proleptic Gregorian; days to a civil
 * date by the 400-year-era method, in which March-based years make the
 * leap day the last day of the year).  Only for times after the epoch,
 * which the caller has checked.
 */
static struct civil civil_of(int64_t ns)
{
	int64_t secs = ns / 1000000000, days = secs / 86400, sod = secs % 86400;
	int64_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	struct civil c;

	c.day = doy - (153 * mp + 2) / 5 + 1;
	c.month = mp < 10 ? mp + 3 : mp - 9;
	c.year = yoe + era * 400 + (c.month <= 2);
	c.hour = sod / 3600;
	c.min = sod / 60 % 60;
	c.sec = sod % 60;
	c.ms = ns / 1000000 % 1000;
	return c;
}

static void fail(const char *what)
{
	mirc_log_err("%s", what);
	mirc_exit(1);
}

static void tick(void *arg)
{
	int64_t wall = PCLOCK_now_ns(state.pclock);
	uint64_t now = MCLOCK_elapsed_ns(state.mclock);
	uint64_t since = now - state.start;
	struct civil c;

	(void)arg;
	if (wall / 1000000000 < WALL_MIN_SECONDS) {
		fail("PCLOCK is before 2020-01-01: the wall clock is not set");
		return;
	}
	if (now < state.last) {
		fail("MCLOCK went back");
		return;
	}
	if (state.tick > 0 && now - state.last < state.interval) {
		fail("MCLOCK advanced by less than --interval between two ticks");
		return;
	}
	state.last = now;
	state.tick++;
	c = civil_of(wall);
	mirc_log_info("%" PRId64 "/%" PRId64 ": wall clock %04" PRId64 "-%02"
		      PRId64 "-%02" PRId64 "T%02" PRId64 ":%02" PRId64 ":%02"
		      PRId64 ".%03" PRId64 "Z, %" PRIu64 ".%03" PRIu64
		      " s since the start", state.tick, state.ticks, c.year,
		      c.month, c.day, c.hour, c.min, c.sec, c.ms,
		      since / 1000000000, since / 1000000 % 1000);
	if (state.tick < state.ticks)
		TIME_sleep_ns(state.time, state.interval, tick, NULL);
	else
		mirc_log_info("Both clocks look sane");
}

int clock_start(struct MCLOCK mclock, struct PCLOCK pclock, struct TIME time,
		int64_t ticks, uint64_t interval)
{
	if (ticks < 1) {
		mirc_log_err("--ticks must be at least 1, not %" PRId64, ticks);
		return 1;
	}
	state.mclock = mclock;
	state.pclock = pclock;
	state.time = time;
	state.ticks = ticks;
	state.interval = interval;
	state.start = state.last = MCLOCK_elapsed_ns(mclock);
	tick(NULL);
	return 0;
}
