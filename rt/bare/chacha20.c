/* SPDX-License-Identifier: MIT */
/*
 * chacha20.c - the ChaCha20 block function (RFC 8439, 2.3), written from
 * the RFC's description: a 4x4 matrix of 32-bit words (constants, key,
 * counter, nonce), twenty rounds of quarter-rounds alternating between
 * columns and diagonals, then the input added back word by word.
 *
 * Checked against the RFC's test vectors by rt/bare/tests/test_chacha20.c.
 */
#include <stddef.h>
#include <stdint.h>

#include "chacha20.h"

/* "expand 32-byte k", the first row of every state. */
#define SIGMA0 0x61707865u
#define SIGMA1 0x3320646eu
#define SIGMA2 0x79622d32u
#define SIGMA3 0x6b206574u

static uint32_t rotl(uint32_t v, unsigned n)
{
	return v << n | v >> (32 - n);
}

static uint32_t load32_le(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void store32_le(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* The quarter round on words a, b, c, d of the state (RFC 8439, 2.2). */
static void quarter(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b];
	x[d] = rotl(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = rotl(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = rotl(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = rotl(x[b] ^ x[c], 7);
}

void chacha20_block(const unsigned char key[CHACHA20_KEY_SIZE],
		    uint32_t counter,
		    const unsigned char nonce[CHACHA20_NONCE_SIZE],
		    unsigned char out[CHACHA20_BLOCK_SIZE])
{
	uint32_t in[16], x[16];
	int i;

	in[0] = SIGMA0;
	in[1] = SIGMA1;
	in[2] = SIGMA2;
	in[3] = SIGMA3;
	for (i = 0; i < 8; i++)
		in[4 + i] = load32_le(key + 4 * i);
	in[12] = counter;
	for (i = 0; i < 3; i++)
		in[13 + i] = load32_le(nonce + 4 * i);

	for (i = 0; i < 16; i++)
		x[i] = in[i];
	/* Ten double rounds: a column round, then a diagonal round. */
	for (i = 0; i < 10; i++) {
		quarter(x, 0, 4, 8, 12);
		quarter(x, 1, 5, 9, 13);
		quarter(x, 2, 6, 10, 14);
		quarter(x, 3, 7, 11, 15);
		quarter(x, 0, 5, 10, 15);
		quarter(x, 1, 6, 11, 12);
		quarter(x, 2, 7, 8, 13);
		quarter(x, 3, 4, 9, 14);
	}
	/* Adding the input back makes the block function one-way: without
	 * it the rounds could be run backwards from the output to the key. */
	for (i = 0; i < 16; i++)
		store32_le(out + 4 * i, x[i] + in[i]);
	/* The working state holds the key: do not leave it on the stack. */
	chacha20_wipe(in, sizeof(in));
	chacha20_wipe(x, sizeof(x));
}

void chacha20_wipe(void *p, size_t len)
{
	/* Stores through a volatile pointer are observable behaviour, so
	 * the compiler keeps them even when p is never read again. */
	volatile unsigned char *v = p;

	while (len--)
		*v++ = 0;
}
