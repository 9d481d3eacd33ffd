/* SPDX-License-Identifier: MIT */
/*
 * malloc.c - the heap of mirc's freestanding C library.
 *
 * The heap is [__heap_start, __heap_end), two symbols the target defines
 * (normally in its linker script).  Blocks are carved from the bottom of
 * the region upwards ("the break"); freed blocks go to a free list kept in
 * address order, where neighbours merge, and a freed block at the top
 * lowers the break again.  Allocation is first fit.  Every block starts
 * with a header of HDR bytes (the block's size and a check word), so
 * payloads are aligned for any object (alignof(max_align_t)).
 *
 * free() and realloc() of a pointer that malloc did not return, or of a
 * block already freed, are caught by the check word and end the program
 * with a message (like glibc's "free(): invalid pointer").
 *
 * Single-threaded, like the whole runtime; never call from an interrupt.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/platform.h"

extern char __heap_start[], __heap_end[];

struct block {
	size_t size;		/* of the whole block, header included */
	struct block *next;	/* free: next free block (address order);
				 * in use: IN_USE(block) */
};

#define ALIGN alignof(max_align_t)
#define ROUND(n) (((n) + (ALIGN - 1)) & ~(size_t)(ALIGN - 1))
#define HDR ROUND(sizeof(struct block))
#define MIN_BLOCK (HDR + ALIGN)
#define IN_USE(b) ((struct block *)((uintptr_t)(b) ^ (uintptr_t)0x5a5aa5a5u))

static uintptr_t brk_lo, brk, brk_hi;	/* heap bounds and the break */
static struct block *free_list;

static void heap_init(void)
{
	if (brk_lo)
		return;
	brk_lo = ((uintptr_t)__heap_start + (ALIGN - 1)) & ~(uintptr_t)(ALIGN - 1);
	brk_hi = (uintptr_t)__heap_end & ~(uintptr_t)(ALIGN - 1);
	if (brk_hi < brk_lo)
		brk_hi = brk_lo;
	brk = brk_lo;
}

static _Noreturn void corrupt(const char *what)
{
	static const char head[] = "libc: ";
	static const char tail[] = ": invalid pointer or heap corruption\n";

	platform_console_write(head, sizeof(head) - 1, true);
	platform_console_write(what, strlen(what), true);
	platform_console_write(tail, sizeof(tail) - 1, true);
	abort();
}

/* The block of payload p, checked. */
static struct block *block_of(void *p, const char *who)
{
	struct block *b = (struct block *)(void *)((char *)p - HDR);

	if ((uintptr_t)b < brk_lo || (uintptr_t)b >= brk ||
	    ((uintptr_t)p & (ALIGN - 1)) || b->next != IN_USE(b) ||
	    b->size < MIN_BLOCK || b->size > brk - (uintptr_t)b)
		corrupt(who);
	return b;
}

/* Bytes of block needed for a payload of n, or 0 if n is absurd. */
static size_t need_for(size_t n)
{
	if (n > SIZE_MAX - HDR - ALIGN)
		return 0;
	n = ROUND(n) + HDR;
	return n < MIN_BLOCK ? MIN_BLOCK : n;
}

/* Put b (not in the list) on the free list, merging with neighbours, or
 * give it back to the break if it is the top block. */
static void release(struct block *b)
{
	struct block **pp = &free_list, *prev = NULL, *n;

	if ((uintptr_t)b + b->size == brk) {
		brk = (uintptr_t)b;
		/* The last free block may now touch the break too. */
		for (prev = NULL, n = free_list; n && n->next; n = n->next)
			prev = n;
		if (n && (uintptr_t)n + n->size == brk) {
			brk = (uintptr_t)n;
			if (prev)
				prev->next = NULL;
			else
				free_list = NULL;
		}
		return;
	}
	while (*pp && *pp < b) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	n = *pp;
	b->next = n;
	*pp = b;
	if (n && (uintptr_t)b + b->size == (uintptr_t)n) {
		b->size += n->size;
		b->next = n->next;
	}
	if (prev && (uintptr_t)prev + prev->size == (uintptr_t)b) {
		prev->size += b->size;
		prev->next = b->next;
	}
}

/* Cut block b down to `need` bytes when the rest can be a block. */
static void trim(struct block *b, size_t need)
{
	if (b->size - need >= MIN_BLOCK) {
		struct block *rest = (struct block *)(void *)((char *)b + need);

		rest->size = b->size - need;
		b->size = need;
		release(rest);
	}
}

void *malloc(size_t n)
{
	size_t need = need_for(n);
	struct block **pp, *b;

	heap_init();
	if (!need)
		return NULL;
	for (pp = &free_list; (b = *pp) != NULL; pp = &b->next)
		if (b->size >= need) {
			*pp = b->next;
			b->next = IN_USE(b);
			trim(b, need);
			return (char *)b + HDR;
		}
	if (brk_hi - brk < need)
		return NULL;
	b = (struct block *)brk;
	brk += need;
	b->size = need;
	b->next = IN_USE(b);
	return (char *)b + HDR;
}

void free(void *p)
{
	struct block *b;

	if (!p)
		return;
	b = block_of(p, "free()");
	release(b);
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	struct block *b, **pp, *f;
	size_t need;
	void *q;

	if (!p)
		return malloc(n);
	b = block_of(p, "realloc()");
	if (n == 0) {
		release(b);
		return NULL;
	}
	need = need_for(n);
	if (!need)
		return NULL;
	if (b->size >= need) {
		trim(b, need);
		return p;
	}
	/* Grow in place: into the break, or into a free neighbour. */
	if ((uintptr_t)b + b->size == brk) {
		if (brk_hi - (uintptr_t)b >= need) {
			brk = (uintptr_t)b + need;
			b->size = need;
			return p;
		}
	} else {
		for (pp = &free_list; (f = *pp) != NULL && f < b; pp = &f->next)
			;
		if (f && (uintptr_t)b + b->size == (uintptr_t)f &&
		    b->size + f->size >= need) {
			*pp = f->next;
			b->size += f->size;
			trim(b, need);
			return p;
		}
	}
	q = malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, b->size - HDR);
	release(b);
	return q;
}

void *aligned_alloc(size_t align, size_t size)
{
	/* Every block is aligned for any object; more is not supported. */
	if (align == 0 || (align & (align - 1)) || align > ALIGN)
		return NULL;
	return malloc(size);
}
