/* SPDX-License-Identifier: MIT */
/*
 * test_chacha20.c - rt/bare/chacha20.c against the test vectors of
 * RFC 8439 (section 2.3.2 and appendix A.1), and random_chacha20 on a
 * platform without a boot seed (the host's: connect must refuse).
 *
 * Prints SUCCESS and exits 0, or names the first failed check.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chacha20.h"
#include "devices/random_chacha20.h"

static int failures;

static void unhex(const char *hex, unsigned char *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v;

		if (sscanf(hex + 2 * i, "%2x", &v) != 1) {
			fprintf(stderr, "bad hex in the test itself\n");
			exit(2);
		}
		out[i] = (unsigned char)v;
	}
}

/* One vector: key and nonce in hex, the block counter, the 64-byte
 * keystream block in hex. */
static void vector(const char *name, const char *key_hex, uint32_t counter,
		   const char *nonce_hex, const char *block_hex)
{
	unsigned char key[32], nonce[12], want[64], got[64];

	unhex(key_hex, key, sizeof(key));
	unhex(nonce_hex, nonce, sizeof(nonce));
	unhex(block_hex, want, sizeof(want));
	memset(got, 0xa5, sizeof(got));
	chacha20_block(key, counter, nonce, got);
	if (memcmp(got, want, sizeof(want)) != 0) {
		fprintf(stderr, "%s: keystream block differs\n  got:  ", name);
		for (size_t i = 0; i < sizeof(got); i++)
			fprintf(stderr, "%02x", got[i]);
		fprintf(stderr, "\n  want: %s\n", block_hex);
		failures++;
	}
}

#define ZERO32 "0000000000000000000000000000000000000000000000000000000000000000"
#define ZERO12 "000000000000000000000000"

static void rfc8439(void)
{
	/* 2.3.2: key 00 01 .. 1f, nonce 00:00:00:09:00:00:00:4a:00:00:00:00,
	 * block count 1. */
	vector("RFC 8439 2.3.2",
	       "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	       1, "000000090000004a00000000",
	       "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
	       "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
	/* A.1, test vectors #1 to #5. */
	vector("RFC 8439 A.1 #1", ZERO32, 0, ZERO12,
	       "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
	       "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
	vector("RFC 8439 A.1 #2", ZERO32, 1, ZERO12,
	       "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
	       "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f");
	vector("RFC 8439 A.1 #3",
	       "0000000000000000000000000000000000000000000000000000000000000001",
	       1, ZERO12,
	       "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a"
	       "8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0");
	vector("RFC 8439 A.1 #4",
	       "00ff000000000000000000000000000000000000000000000000000000000000",
	       2, ZERO12,
	       "72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca"
	       "13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096");
	vector("RFC 8439 A.1 #5", ZERO32, 0, "000000000000000000000002",
	       "c2c64d378cd536374ae204b9ef933fcd1a8b2288b3dfa49672ab765b54ee27c7"
	       "8a970e0e955c14f3a88e741b97c286f75f8fc299e8148362fa198a39531bed6d");
}

/* chacha20_wipe() zeroes exactly the bytes asked for. */
static void wipe(void)
{
	unsigned char b[16];

	memset(b, 0xff, sizeof(b));
	chacha20_wipe(b + 4, 8);
	for (size_t i = 0; i < sizeof(b); i++)
		if (b[i] != (i >= 4 && i < 12 ? 0 : 0xff)) {
			fprintf(stderr, "chacha20_wipe: byte %zu is %#x\n", i, b[i]);
			failures++;
		}
}

/* The host's platform gives no seed: random_chacha20 must refuse to
 * start rather than run on a guessable key. */
static void no_seed(void)
{
	struct random_chacha20 r;
	int rc;

	fprintf(stderr, "(an error line from random_chacha20 is expected)\n");
	rc = random_chacha20_connect(&r);
	if (rc != -ENODEV) {
		fprintf(stderr, "random_chacha20_connect without a seed: %d, "
			"expected -ENODEV\n", rc);
		failures++;
	}
}

int main(void)
{
	rfc8439();
	wipe();
	no_seed();
	if (failures)
		return 1;
	puts("SUCCESS");
	return 0;
}
