/* SPDX-License-Identifier: MIT */
/*
 * random_xorshift_unsafe.h - RANDOM for targets without an entropy
 * source: a xorshift64* generator.
 *
 * NOT CRYPTOGRAPHIC.  Its output is predictable from a few outputs, and
 * its seed is either given on the command line (--insecure-random-seed)
 * or taken from the clocks at boot, which an attacker can often guess
 * (under qemu -icount the monotonic clock at boot is the same on every
 * run).  Never use it for keys, nonces, session ids or anything else an
 * adversary must not guess; it is good for jitter, sampling, test data.
 * The prelude picks it only when the user configures with
 * --insecure-random.
 *
 * Portable C: uses only the runtime's clocks (platform.h).
 */
#ifndef MIRC_DEV_RANDOM_XORSHIFT_UNSAFE_H
#define MIRC_DEV_RANDOM_XORSHIFT_UNSAFE_H

#include <stddef.h>
#include <stdint.h>

struct random_xorshift_unsafe {
	uint64_t state;		/* never 0 */
};

/*
 * Seed the generator with `insecure_random_seed`, or, when it is 0, from
 * the monotonic clock (mixed with the wall clock where the platform has
 * one).  The seed goes through splitmix64 first, so that nearby seeds
 * give unrelated streams.  Logs a warning that the generator is not
 * cryptographic.  Always returns 0.
 */
int random_xorshift_unsafe_connect(struct random_xorshift_unsafe *self,
				   int64_t insecure_random_seed);

/* Fill buf with len bytes of the stream. */
void random_xorshift_unsafe_fill(struct random_xorshift_unsafe *self,
				 void *buf, size_t len);

#endif
