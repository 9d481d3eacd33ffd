/* SPDX-License-Identifier: MIT */
/*
 * tls.h - the thread-local block of a board that links picolibc (tls.c).
 */
#ifndef MIRC_LIBC_PICOLIBC_TLS_H
#define MIRC_LIBC_PICOLIBC_TLS_H

/* Fill the block the linker script laid out and make it the thread's.
 * A constructor: startup code that runs .init_array needs no call. */
void picolibc_tls_init(void);

#endif
