/* SPDX-License-Identifier: MIT */
/*
 * syscalls.c - what picolibc needs from a bare-metal board, written once
 * over rt/src/platform.h for every board that links Debian's picolibc
 * (cortex_m3 today; see rt/libc/README.md): the system calls of exit()
 * and abort(), and the thread-local block.
 *
 * picolibc is a complete C library but leaves the operating system out:
 * exit() ends in _exit(), and abort() raises SIGABRT, whose default
 * action is kill(getpid(), SIGABRT).  There is one process, 1, and a
 * signal ends it with 128 + the signal number, as a shell reports a
 * process killed by a signal: abort() gives 134 on every board, as on
 * the hosted targets.  The heap is picolibc's own sbrk() over the
 * linker script's __heap_start..__heap_end (a board whose runtime shares
 * the break defines sbrk() itself, which wins over the archive's).
 * Files and processes stay picolibc's: they fail with ENOSYS, or do not
 * link, which is the honest answer on a board without them.
 *
 * picolibc keeps errno (and the signal handlers of raise()) in
 * thread-local storage, reached through the thread pointer: on ARM the
 * variable __tls that __aeabi_read_tp() returns, on RISC-V and AArch64 a
 * register.  Until it is set, the first strtol() out of range or failed
 * malloc() writes near address 0: the vector table on cortex_m3.  The
 * program has one thread, so one block: the board's linker script lays
 * it out (.tdata, .tbss and the symbols picolibc's _init_tls() reads:
 * __tls_base, __tdata_source, __tdata_size, __tbss_offset, __tbss_size),
 * and the constructor below fills it and points the thread pointer at it
 * before main() runs (the board's startup runs .init_array), unless the
 * board does both itself (-DMIRC_PICOLIBC_STATIC_TLS: cortex_m3).
 */
#include <stdbool.h>
#include <stddef.h>

#include "platform.h"

/* The types are picolibc's (pid_t is int); its headers are not included
 * so that the file compiles against any C library's.  `used`: the
 * archive's objects that call them (raise, exit) are pulled in after
 * link-time optimisation has dropped what the program's own code does
 * not call, so without it abort() fails to link. */
int getpid(void) __attribute__((used));
int kill(int pid, int sig) __attribute__((used));
_Noreturn void _exit(int status) __attribute__((used));

enum { SIGNAL_ABRT = 6 };	/* SIGABRT, the same number everywhere */

int getpid(void)
{
	return 1;
}

static void say(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	platform_console_write(s, n, true);
}

int kill(int pid, int sig)
{
	if (pid != 1 && pid != 0 && pid != -1)
		return -1;	/* no such process */
	if (sig == 0)
		return 0;	/* the process exists */
	if (sig < 0 || sig > 127)
		return -1;
	say(sig == SIGNAL_ABRT ? "mirc: aborted\n" : "mirc: ended by a signal\n");
	platform_exit(128 + sig);
}

_Noreturn void _exit(int status)
{
	platform_exit(status);
}

/* A board that sets the block up itself (cortex_m3: its startup and
 * __aeabi_read_tp) builds with -DMIRC_PICOLIBC_STATIC_TLS and links no
 * constructor for it. */
#ifndef MIRC_PICOLIBC_STATIC_TLS
/* picolibc's own (<picotls.h>): copy .tdata's initial values into the
 * block and zero the rest; make the block the thread's. */
void _init_tls(void *tls);
void _set_tls(void *tls);

extern char __tls_base[];

static void __attribute__((constructor)) tls_init(void)
{
	_init_tls(__tls_base);
	_set_tls(__tls_base);
}
#endif
