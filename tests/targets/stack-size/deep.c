/* SPDX-License-Identifier: MIT */
/* deep.c - recursion with 256-byte frames, as deep as the boot argument
 * --depth says; prints the sum so that nothing is optimised away. */
#include <inttypes.h>

#include "mirc.h"

static unsigned down(unsigned n)
{
	volatile unsigned char frame[256];

	frame[0] = (unsigned char)n;
	frame[255] = 1;
	if (n == 0)
		return frame[255];
	return down(n - 1) + frame[0] + frame[255];
}

int deep_start(int64_t depth)
{
	mirc_log_info("%u", down((unsigned)(depth > 0 ? depth : 0)));
	return 0;
}
