/* SPDX-License-Identifier: MIT */
/*
 * test_pclock_posix.c - pclock_posix is the wall clock, in ns since the
 * epoch: it matches time(), and is past the day this test was written.
 */
#include <time.h>

#include "harness.h"
#include "pclock_posix.h"

int main(void)
{
	int64_t ns, secs;

	harness_boot();
	ns = pclock_posix_now_ns();
	secs = (int64_t)time(NULL);
	CHECK(ns / 1000000000 >= secs - 1 && ns / 1000000000 <= secs + 1);
	CHECK(ns > INT64_C(1700000000) * 1000000000);	/* November 2023 */
	CHECK(pclock_posix_now_ns() >= ns - 1000000000);
	CHECK_INT(mirc_run(), 0);
	printf("SUCCESS\n");
	return 0;
}
