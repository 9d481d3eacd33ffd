/* SPDX-License-Identifier: MIT */
/*
 * syscalls.c - the heap of the cortex_m3 platform, shared by picolibc's
 * malloc() and the runtime's own allocator.
 *
 * picolibc's malloc() grows its heap with sbrk(); the runtime's
 * platform_realloc() (platform.c) is a bump allocator over the same
 * region, link.ld's __heap_start up to the handlers' stack.  Both go
 * through cm3_sbrk(), so they share one break and neither can hand out
 * the other's memory; beyond the region the break fails, and malloc()
 * returns NULL instead of growing into the stack.  This sbrk() takes the
 * place of picolibc's own (an object file's definition wins over the
 * archive's), which knows nothing of the runtime's allocator.  The other
 * calls picolibc needs (_exit, kill, getpid) are the same on every board:
 * rt/libc/picolibc/syscalls.c.
 */
#include <stddef.h>
#include <stdint.h>

#include "cm3.h"

extern char __heap_start[], __heap_end[];

/* Used: picolibc's malloc calls it from the archive, which link-time
 * optimisation does not see.  So it is in every program, and touches no
 * errno: malloc() sets ENOMEM itself when it gets (void *)-1. */
void *sbrk(ptrdiff_t incr) __attribute__((used));

/* The break, shared by picolibc's malloc (through sbrk) and the
 * runtime's own allocator (platform_realloc() in platform.c). */
char *cm3_sbrk(ptrdiff_t incr)
{
	static char *brk = __heap_start;
	char *old = brk;

	if (incr > __heap_end - brk || incr < __heap_start - brk)
		return NULL;
	brk += incr;
	return old;
}

void *sbrk(ptrdiff_t incr)
{
	char *old = cm3_sbrk(incr);

	return old ? old : (void *)-1;
}
