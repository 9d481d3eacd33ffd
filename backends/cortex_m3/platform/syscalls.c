/* SPDX-License-Identifier: MIT */
/*
 * syscalls.c - the system calls newlib needs from the cortex_m3 platform.
 *
 * _sbrk feeds malloc() from the heap region of link.ld (end of .bss up
 * to the handlers' stack), through cm3_sbrk(), which the runtime's own
 * allocator shares, and fails beyond it, so malloc()
 * returns NULL instead of growing into the stack.  _exit ends the
 * program like platform_exit() (exit() ends there).  raise() (and so
 * abort()) sends signals to the only process, 1, through _kill, which
 * ends it with 128 + the signal number, as a shell reports a process
 * killed by a signal: abort() gives 134.  Every other call (files,
 * processes) is libnosys's: it fails with ENOSYS.
 */
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "cm3.h"

extern char __heap_start[], __heap_end[];

/* Used: newlib's objects call them, which link-time optimisation does
 * not see.  So they are in every program, and touch no errno: that would
 * bring newlib's errno and its 100-byte reentrancy structure to programs
 * that do not call malloc() or abort() either.  malloc() sets ENOMEM
 * itself, and raise() checks the signal number before _kill() sees it. */
void *_sbrk(ptrdiff_t incr) __attribute__((used));
_Noreturn void _exit(int status) __attribute__((used));
int _getpid(void) __attribute__((used));
int _kill(int pid, int sig) __attribute__((used));

/* The break, shared by newlib's malloc (through _sbrk) and the
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

void *_sbrk(ptrdiff_t incr)
{
	char *old = cm3_sbrk(incr);

	return old ? old : (void *)-1;
}

_Noreturn void _exit(int status)
{
	cm3_exit(status);
}

int _getpid(void)
{
	return 1;
}

int _kill(int pid, int sig)
{
	if (pid != 1 && pid != 0 && pid != -1)
		return -1;	/* no such process */
	if (sig == 0)
		return 0;	/* the process exists */
	if (sig < 0 || sig > 127)
		return -1;
	if (sig == SIGABRT) {
		static const char msg[] = "mirc: aborted\n";
		cm3_uart_write(msg, sizeof(msg) - 1);
	} else {
		static const char msg[] = "mirc: ended by a signal\n";
		cm3_uart_write(msg, sizeof(msg) - 1);
	}
	cm3_exit(128 + sig);
}
