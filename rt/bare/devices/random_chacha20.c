/* SPDX-License-Identifier: MIT */
/*
 * random_chacha20.c - RANDOM: the fast-key-erasure ChaCha20 generator
 * (see the header for the design and its promises).
 *
 * Keys live in two places: one root key for the program, made from the
 * board's seed by the first connect, and one key per instance, derived
 * from the root by a step of the generator itself.  Every derivation or
 * fill replaces the key it used with fresh keystream before anything
 * leaves, and every temporary copy is wiped.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mirc/rt.h"
#include "platform.h"
#include "rt/bare/chacha20.h"
#include "random_chacha20.h"

/* The least seed accepted: 256 bits, the key's size. */
#define SEED_MIN CHACHA20_KEY_SIZE
/* The most read: qemu gives 32 bytes; a longer seed is folded in. */
#define SEED_MAX 128u

static unsigned char root[CHACHA20_KEY_SIZE];
static bool root_ready;

/*
 * One step of fast key erasure: the first block of key's stream under
 * `nonce` becomes the new key, and its second half goes to out (32
 * bytes), which is the only output of the old key.
 */
static void ratchet(unsigned char key[CHACHA20_KEY_SIZE],
		    const unsigned char nonce[CHACHA20_NONCE_SIZE],
		    unsigned char out[CHACHA20_KEY_SIZE])
{
	unsigned char b[CHACHA20_BLOCK_SIZE];

	chacha20_block(key, 0, nonce, b);
	memcpy(key, b, CHACHA20_KEY_SIZE);
	if (out)
		memcpy(out, b + CHACHA20_KEY_SIZE, CHACHA20_KEY_SIZE);
	chacha20_wipe(b, sizeof(b));
}

/* Distinct nonces keep the root's, the instances' and the requests'
 * streams apart even if two keys were ever equal. */
static const unsigned char nonce_absorb[CHACHA20_NONCE_SIZE] = "mirc:absorb";
static const unsigned char nonce_derive[CHACHA20_NONCE_SIZE] = "mirc:derive";
static const unsigned char nonce_fill[CHACHA20_NONCE_SIZE] = "mirc:fill";

/* Make the root key from the board's seed, which the platform hands out
 * only once.  false when there is not enough of it. */
static bool take_seed(void)
{
	unsigned char seed[SEED_MAX];
	size_t n = platform_seed(seed, sizeof(seed));

	if (n > sizeof(seed))
		n = sizeof(seed);	/* a platform that overstates */
	if (n < SEED_MIN) {
		chacha20_wipe(seed, sizeof(seed));
		return false;
	}
	/* Absorb the seed 32 bytes at a time: XOR a chunk into the key,
	 * then ratchet, so every seed byte affects the whole key (a
	 * trailing partial chunk counts as if padded with zeros). */
	for (size_t off = 0; off < n; off += CHACHA20_KEY_SIZE) {
		for (size_t i = 0; i < CHACHA20_KEY_SIZE && off + i < n; i++)
			root[i] ^= seed[off + i];
		ratchet(root, nonce_absorb, NULL);
	}
	chacha20_wipe(seed, sizeof(seed));
	return true;
}

int random_chacha20_connect(struct random_chacha20 *self)
{
	if (!root_ready) {
		if (!take_seed()) {
			mirc_log(MIRC_LOG_ERROR, "random_chacha20",
				 "the board gave no boot seed (device tree "
				 "/chosen/rng-seed, at least %u bytes): no "
				 "random bytes without one",
				 (unsigned)SEED_MIN);
			return -ENODEV;
		}
		root_ready = true;
	}
	/* The instance's key is output of the root, which moves on. */
	ratchet(root, nonce_derive, self->key);
	return 0;
}

void random_chacha20_fill(struct random_chacha20 *self, void *buf,
			  size_t len)
{
	unsigned char once[CHACHA20_KEY_SIZE], b[CHACHA20_BLOCK_SIZE];
	unsigned char nonce[CHACHA20_NONCE_SIZE] = { 0 };
	unsigned char *p = buf;
	uint32_t counter = 0;

	/* Erase first: the key that made this request is gone before a
	 * byte of it is returned. */
	ratchet(self->key, nonce_fill, once);
	while (len > 0) {
		size_t n = len < sizeof(b) ? len : sizeof(b);

		chacha20_block(once, counter, nonce, b);
		memcpy(p, b, n);
		p += n;
		len -= n;
		/* 2^32 blocks is 256 GiB: past that the nonce carries the
		 * count on, so no block of this key is ever repeated. */
		if (++counter == 0)
			for (size_t i = 0; i < sizeof(nonce) && ++nonce[i] == 0; i++)
				;
	}
	chacha20_wipe(once, sizeof(once));
	chacha20_wipe(b, sizeof(b));
}
