/* SPDX-License-Identifier: MIT */
/*
 * The same chain as config.mir written by hand with direct calls: what a
 * C programmer would write without mirc.  Built with the same flags.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifdef SEPARATE
uint64_t d8(uint64_t x);	/* direct_chain.c */
#define f8 d8
#define WHAT "direct (separate file)"
#else
#define WHAT "direct (one file)"
static uint64_t leaf(uint64_t x) { return x + 1; }
static uint64_t f1(uint64_t x) { return leaf(x) + 1; }
static uint64_t f2(uint64_t x) { return f1(x) + 1; }
static uint64_t f3(uint64_t x) { return f2(x) + 1; }
static uint64_t f4(uint64_t x) { return f3(x) + 1; }
static uint64_t f5(uint64_t x) { return f4(x) + 1; }
static uint64_t f6(uint64_t x) { return f5(x) + 1; }
static uint64_t f7(uint64_t x) { return f6(x) + 1; }
static uint64_t f8(uint64_t x) { return f7(x) + 1; }
#endif

static volatile uint64_t sink;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	int64_t n = argc > 1 ? strtoll(argv[1], NULL, 10) : 50000000;
	uint64_t acc = 0, t0 = now_ns();

	/* Each result goes through a volatile store, in both programs, so
	 * the compiler cannot fold the loop into a closed form. */
	for (int64_t i = 0; i < n; i++) {
		acc = f8(acc);
		sink = acc;
		acc = sink;
	}
	uint64_t t1 = now_ns();
	printf("%s: %" PRIu64 " calls in %.3f s, %.2f ns per call "
	       "(checksum %" PRIu64 ")\n", WHAT, (uint64_t)n, (double)(t1 - t0) / 1e9,
	       (double)(t1 - t0) / (double)n, acc);
	return 0;
}
