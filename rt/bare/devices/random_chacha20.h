/* SPDX-License-Identifier: MIT */
/*
 * random_chacha20.h - RANDOM: a ChaCha20-based deterministic random bit
 * generator with fast key erasure, seeded once from the boot seed the
 * board hands over (platform_seed(): the device tree's /chosen/rng-seed,
 * 32 fresh bytes from the host on qemu's virt machines).
 *
 * Suitable for keys and nonces as long as the seed is secret and fresh:
 * the design is Bernstein's "fast-key-erasure" generator, as Linux's
 * crng uses it.  Every fill first replaces the generator's key with
 * keystream (so a later compromise of the device's memory reveals
 * nothing already handed out), then streams the request from a one-time
 * key derived in the same block.  There is no reseeding: a board has one
 * seed per boot.
 *
 * connect fails with -ENODEV, and a log line, on a board that has no
 * seed: it never falls back to a guessable one.
 */
#ifndef MIRC_DEV_RANDOM_CHACHA20_H
#define MIRC_DEV_RANDOM_CHACHA20_H

#include <stddef.h>

struct random_chacha20 {
	unsigned char key[32];	/* this instance's current key */
};

/*
 * Take the board's seed (on the first connect of the program) and derive
 * this instance's key from it.  Returns 0, or -ENODEV when the board gave
 * fewer than 32 seed bytes.
 */
int random_chacha20_connect(struct random_chacha20 *self);

/* Fill buf with len bytes; the key moves on before any byte is given. */
void random_chacha20_fill(struct random_chacha20 *self, void *buf,
			  size_t len);

#endif
