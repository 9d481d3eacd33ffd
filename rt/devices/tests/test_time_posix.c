/* SPDX-License-Identifier: MIT */
/*
 * test_time_posix.c - time_posix: sleeps end after (not before) their
 * duration, in deadline order, on the runtime's loop; a chain of sleeps
 * started from callbacks ends in the order started, then the loop ends.
 */
#include "harness.h"
#include "mclock_posix.h"
#include "time_posix.h"

static uint64_t woke[3];
static int order[3], n;

static void wake(void *arg)
{
	int i = (int)(intptr_t)arg;

	woke[i] = mclock_posix_elapsed_ns();
	order[n++] = i;
}

/* ---- a chain: sleeps started from the callbacks of sleeps ----------------- */

#define CHAIN 200
static unsigned chained;

static void chain_next(void)
{
	if (chained++ == CHAIN)
		return;
	/* Equal sleeps started together end in the order started. */
	time_posix_sleep_ns(0, on_ticket_woke, ticket(0, NULL));
	time_posix_sleep_ns(chained % 2, on_ticket_woke, ticket(0, NULL));
	time_posix_sleep_ns(MIRC_US(chained % 5) + 1, on_ticket_woke,
			    ticket(0, chain_next));
}

int main(void)
{
	uint64_t t0, t1;

	harness_boot();
	t0 = mclock_posix_elapsed_ns();
	time_posix_sleep_ns(MIRC_MS(30), wake, (void *)(intptr_t)0);
	time_posix_sleep_ns(MIRC_MS(10), wake, (void *)(intptr_t)1);
	time_posix_sleep_ns(0, wake, (void *)(intptr_t)2);
	t1 = mclock_posix_elapsed_ns();
	CHECK_INT(n, 0);
	CHECK_INT(mirc_run(), 0);
	CHECK_INT(n, 3);
	/* Deadlines are absolute: on a machine so loaded that setting the
	 * timers took 10 ms, the order may legitimately differ. */
	if (t1 - t0 < MIRC_MS(10))
		CHECK(order[0] == 2 && order[1] == 1 && order[2] == 0);
	CHECK(woke[1] - t0 >= MIRC_MS(10));
	CHECK(woke[0] - t0 >= MIRC_MS(30));
	CHECK(woke[2] >= t0);
	/* Generous: a loaded machine may be late, never early. */
	CHECK(woke[0] - t0 < MIRC_SEC(5));
	/* The loop ends once the last sleep of a chain has ended. */
	chain_run(chain_next);
	CHECK_INT(chained, CHAIN + 1);
	printf("SUCCESS\n");
	return 0;
}
