/* SPDX-License-Identifier: MIT */
/*
 * show_random.c - the job of samples/random: fill --count buffers of 16
 * bytes from RANDOM, log each in hex, and check that the generator did
 * its job: no buffer is all zeros and no two are equal (for a working
 * generator both happen with probability below 2^-120).
 */
#include <inttypes.h>
#include <string.h>

#include "mirc.h"

#define SIZE 16
#define MAX_COUNT 64

static unsigned char bufs[MAX_COUNT][SIZE];

static void hex(char *out, const unsigned char *b, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

static bool all_zero(const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

int show_random_start(struct RANDOM rng, int64_t count)
{
	char text[2 * SIZE + 1];

	if (count < 1 || count > MAX_COUNT) {
		mirc_log_err("--count must be between 1 and %d, not %" PRId64,
			     MAX_COUNT, count);
		return 1;
	}
	for (int64_t i = 0; i < count; i++) {
		RANDOM_fill(rng, bufs[i], SIZE);
		hex(text, bufs[i], SIZE);
		mirc_log_info("%2" PRId64 ": %s", i + 1, text);
		if (all_zero(bufs[i], SIZE)) {
			mirc_log_err("buffer %" PRId64 " is all zeros", i + 1);
			return 1;
		}
		for (int64_t j = 0; j < i; j++)
			if (memcmp(bufs[i], bufs[j], SIZE) == 0) {
				mirc_log_err("buffers %" PRId64 " and %" PRId64
					     " are equal", j + 1, i + 1);
				return 1;
			}
	}
	mirc_log_info("%" PRId64 " buffers of %d random bytes, all different",
		      count, SIZE);
	return 0;
}
