/* SPDX-License-Identifier: MIT */
/*
 * chacha20.h - the ChaCha20 block function of RFC 8439 (section 2.3),
 * and nothing else: the building block of random_chacha20's generator.
 *
 * Portable C11 with freestanding headers only (bare-metal boards have no
 * C library to lean on).  Words are little-endian as the RFC defines
 * them, whatever the host's byte order.
 */
#ifndef MIRC_BARE_CHACHA20_H
#define MIRC_BARE_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

#define CHACHA20_KEY_SIZE 32u	/* bytes: 256-bit key */
#define CHACHA20_NONCE_SIZE 12u	/* bytes: 96-bit nonce */
#define CHACHA20_BLOCK_SIZE 64u	/* bytes of keystream per block */

/*
 * Write the keystream block number `counter` of (key, nonce) to out:
 * the RFC's chacha20_block(key, counter, nonce), serialised.  key is 32
 * bytes, nonce 12, out 64; out may not overlap the others.
 */
void chacha20_block(const unsigned char key[CHACHA20_KEY_SIZE],
		    uint32_t counter,
		    const unsigned char nonce[CHACHA20_NONCE_SIZE],
		    unsigned char out[CHACHA20_BLOCK_SIZE]);

/*
 * Overwrite len bytes at p with zeros in a way the compiler may not
 * remove as a dead store (a plain memset() before the memory goes out of
 * scope may be).  For keys and seeds that must not outlive their use.
 */
void chacha20_wipe(void *p, size_t len);

#endif
