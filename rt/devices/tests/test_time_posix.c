/* SPDX-License-Identifier: MIT */
/*
 * test_time_posix.c - time_posix: sleeps end after (not before) their
 * duration, in deadline order, on the runtime's loop.
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
	printf("SUCCESS\n");
	return 0;
}
