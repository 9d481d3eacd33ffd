/* SPDX-License-Identifier: MIT */
/*
 * random_xorshift_unsafe.c - RANDOM: xorshift64* (Marsaglia's xorshift
 * with Vigna's multiplicative output scrambling), seeded by splitmix64.
 * NOT cryptographic: see the header.
 */
#include <stddef.h>
#include <stdint.h>

#include "../src/platform.h"
#include "mirc/rt.h"
#include "random_xorshift_unsafe.h"

/* splitmix64's output function: a bijection that spreads every input
 * bit over the whole word. */
static uint64_t mix(uint64_t z)
{
	z += UINT64_C(0x9e3779b97f4a7c15);
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t next(struct random_xorshift_unsafe *self)
{
	uint64_t x = self->state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	self->state = x;
	return x * UINT64_C(0x2545f4914f6cdd1d);
}

int random_xorshift_unsafe_connect(struct random_xorshift_unsafe *self,
				   int64_t insecure_random_seed)
{
	uint64_t seed = (uint64_t)insecure_random_seed;

	if (seed == 0) {
		int64_t wall = platform_wall_ns();

		seed = mix(platform_now_ns());
		if (wall != -1)
			seed ^= (uint64_t)wall;
	}
	self->state = mix(seed);
	if (self->state == 0)		/* xorshift's one fixed point */
		self->state = UINT64_C(0x9e3779b97f4a7c15);
	mirc_log(MIRC_LOG_WARNING, "random_xorshift_unsafe",
		 "RANDOM is a seeded xorshift64* generator: predictable, "
		 "NOT for keys or nonces");
	return 0;
}

void random_xorshift_unsafe_fill(struct random_xorshift_unsafe *self,
				 void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len > 0) {
		uint64_t v = next(self);

		for (int i = 0; i < 8 && len > 0; i++, len--) {
			*p++ = (unsigned char)v;
			v >>= 8;
		}
	}
}
