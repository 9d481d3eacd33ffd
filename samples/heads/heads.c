/* SPDX-License-Identifier: MIT */
/*
 * heads.c - the job of samples/heads: two concurrent sleeps.
 *
 * Both sleeps start in heads_start; each callback logs its name and the
 * time it fired.  The second callback to fire checks the total: at least
 * the longer sleep (a timer never fires early) and less than the sum of
 * the two (they overlapped).  A failed check stops the program with
 * status 1.
 */
#include <inttypes.h>

#include "mirc.h"

struct coin {
	const char *name;
	uint64_t ns;		/* how long it sleeps */
};

static struct {
	struct MCLOCK clock;
	uint64_t t0;
	uint64_t longer, sum;
	int pending;
	struct coin heads, tails;
} state;

static uint64_t ms(uint64_t ns)
{
	return ns / MIRC_MS(1);
}

static void landed(void *arg)
{
	struct coin *c = arg;
	uint64_t now = MCLOCK_elapsed_ns(state.clock) - state.t0;

	if (now < c->ns) {
		mirc_log_err("%s fired after %" PRIu64 " ms, before its %" PRIu64
			     " ms", c->name, ms(now), ms(c->ns));
		mirc_exit(1);
		return;
	}
	mirc_log_info("%s", c->name);
	if (--state.pending > 0)
		return;
	if (now >= state.sum) {
		mirc_log_err("both sleeps took %" PRIu64 " ms, not less than "
			     "their sum (%" PRIu64 " ms): they did not overlap",
			     ms(now), ms(state.sum));
		mirc_exit(1);
		return;
	}
	mirc_log_info("Finished after %" PRIu64 " ms: about the longer sleep "
		      "(%" PRIu64 " ms), less than the sum (%" PRIu64 " ms)",
		      ms(now), ms(state.longer), ms(state.sum));
}

int heads_start(struct TIME time, struct MCLOCK clock, uint64_t heads,
		uint64_t tails)
{
	if (heads >= tails) {
		mirc_log_err("--heads (%" PRIu64 " ms) must be shorter than "
			     "--tails (%" PRIu64 " ms)", ms(heads), ms(tails));
		return 1;
	}
	state.clock = clock;
	state.heads = (struct coin){ "Heads", heads };
	state.tails = (struct coin){ "Tails", tails };
	state.longer = tails;
	state.sum = heads + tails;
	state.pending = 2;
	state.t0 = MCLOCK_elapsed_ns(clock);
	/* The longer one first: the order of the output is the timers'. */
	TIME_sleep_ns(time, tails, landed, &state.tails);
	TIME_sleep_ns(time, heads, landed, &state.heads);
	return 0;
}
