/* SPDX-License-Identifier: MIT */
/* Call the chain `iterations` times; print the time per call. */
#include <inttypes.h>
#include <stdio.h>

#include "mirc.h"

static volatile uint64_t sink;

int bench_start(struct C8 c, int64_t iterations)
{
	uint64_t t0 = mirc_now_ns(), acc = 0;

	/* The same volatile round trip as direct.c, for a fair loop. */
	for (int64_t i = 0; i < iterations; i++) {
		acc = C8_step(c, acc);
		sink = acc;
		acc = sink;
	}
	uint64_t t1 = mirc_now_ns();
	printf("direct helpers: %" PRIu64 " calls in %.3f s, %.2f ns per call "
	       "(checksum %" PRIu64 ")\n", (uint64_t)iterations,
	       (double)(t1 - t0) / 1e9, (double)(t1 - t0) / (double)iterations,
	       acc);
	return 0;
}
