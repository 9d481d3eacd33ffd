/* SPDX-License-Identifier: MIT */
/*
 * test_mclock_posix.c - mclock_posix never goes back, advances, and
 * agrees with the runtime's own clock (the timers' clock).
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <time.h>

#include "harness.h"
#include "mclock_posix.h"

int main(void)
{
	uint64_t prev, a, b, rt;
	struct timespec ms = { 0, 5000000 };

	harness_boot();
	prev = mclock_posix_elapsed_ns();
	for (int i = 0; i < 100000; i++) {
		uint64_t now = mclock_posix_elapsed_ns();
		CHECK(now >= prev);
		prev = now;
	}
	a = mclock_posix_elapsed_ns();
	nanosleep(&ms, NULL);
	b = mclock_posix_elapsed_ns();
	CHECK(b - a >= 5000000);
	CHECK(b - a < MIRC_SEC(5));
	/* Same origin as mirc_now_ns() on posix: within a second. */
	rt = mirc_now_ns();
	b = mclock_posix_elapsed_ns();
	CHECK(b >= rt ? b - rt < MIRC_SEC(1) : rt - b < MIRC_SEC(1));
	CHECK_INT(mirc_run(), 0);
	printf("SUCCESS\n");
	return 0;
}
