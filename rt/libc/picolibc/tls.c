/* SPDX-License-Identifier: MIT */
/*
 * tls.c - the thread-local block of a board that links picolibc.
 *
 * picolibc keeps errno (and the signal handlers of raise()) in
 * thread-local storage, reached through the thread pointer: on ARM the
 * variable __tls that __aeabi_read_tp() returns, on RISC-V the register
 * tp.  Until it is set, the first strtol() out of range or failed
 * malloc() writes near address 0: the vector table on cortex_m3.  The
 * program has one thread, so one block: the board's linker script lays
 * it out (.tdata, .tbss and the symbols picolibc's _init_tls() reads:
 * __tls_base, __tdata_source, __tdata_size, __tbss_offset, __tbss_size),
 * and this constructor fills it and points the thread pointer at it
 * before main() runs.  Boards whose startup runs no constructors call
 * picolibc_tls_init() themselves, first thing.
 */
#include "tls.h"

/* picolibc's own (<picotls.h>): copy .tdata's initial values into the
 * block and zero the rest; make the block the thread's. */
void _init_tls(void *tls);
void _set_tls(void *tls);

extern char __tls_base[];

__attribute__((constructor)) void picolibc_tls_init(void)
{
	_init_tls(__tls_base);
	_set_tls(__tls_base);
}
