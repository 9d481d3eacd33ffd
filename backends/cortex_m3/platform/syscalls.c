/* SPDX-License-Identifier: MIT */
/*
 * syscalls.c - the system calls newlib needs from the cortex_m3 platform.
 *
 * _sbrk feeds malloc() from the heap region of link.ld (end of .bss up
 * to the stack reservation) and fails with ENOMEM beyond it, so malloc()
 * returns NULL instead of growing into the stack.  _exit ends the
 * program like platform_exit() (exit() and abort() end there).  Every
 * other call (files, processes) is libnosys's: it fails with ENOSYS.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include "cm3.h"

extern char __heap_start[], __heap_end[];

/* Used: newlib's objects call them, which link-time optimisation does
 * not see. */
void *_sbrk(ptrdiff_t incr) __attribute__((used));
_Noreturn void _exit(int status) __attribute__((used));

void *_sbrk(ptrdiff_t incr)
{
	static char *brk = __heap_start;
	char *old = brk;

	if (incr > __heap_end - brk || incr < __heap_start - brk) {
		errno = ENOMEM;
		return (void *)-1;
	}
	brk += incr;
	return old;
}

_Noreturn void _exit(int status)
{
	cm3_exit(status);
}
