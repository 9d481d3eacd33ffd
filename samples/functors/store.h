/* SPDX-License-Identifier: MIT */
/*
 * store.h - the state of the two STORE impls of samples/functors.
 *
 * mirc.h includes this header after it has defined the handle types
 * (struct STORE), so a cache can keep the handle of the store below it;
 * mirc.h also declares the impls' functions, from the signatures.
 *
 * Keys are C strings of at most STORE_KEY_MAX bytes, values are byte
 * strings of at most STORE_VALUE_MAX bytes.
 */
#ifndef FUNCTORS_STORE_H
#define FUNCTORS_STORE_H

#include <stddef.h>
#include <stdint.h>

#define STORE_KEY_MAX 31
#define STORE_VALUE_MAX 63

struct store_entry {
	char key[STORE_KEY_MAX + 1];	/* "" : a free slot */
	unsigned char value[STORE_VALUE_MAX];
	size_t len;
	uint64_t used;			/* cache: when last used (a counter) */
};

/* mem_store: a fixed table, enough for the sample. */
#define MEM_STORE_SIZE 32
struct mem_store {
	struct store_entry e[MEM_STORE_SIZE];
};

/* cache: up to `entries` (1 to CACHE_MAX) values read or written through
 * it, the least recently used evicted first; writes go through to the
 * store below at once. */
#define CACHE_MAX 64
struct cache {
	struct STORE backing;
	char name[16];			/* "cache1": its log source */
	size_t size;			/* the `entries` parameter */
	uint64_t clock;
	uint64_t hits, misses, evictions;
	struct store_entry e[CACHE_MAX];
};

#endif
