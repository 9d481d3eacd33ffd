/* SPDX-License-Identifier: MIT */
/*
 * stdio.h - formatting into memory, the part of <stdio.h> of mirc's
 * freestanding C library (rt/libc) that a board without files can give.
 *
 * There are no streams: no FILE, printf() or puts().  Programs print
 * with the runtime's log functions (mirc_log_info() and the rest), which
 * take the same formats.
 */
#ifndef MIRC_LIBC_STDIO_H
#define MIRC_LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

/* C semantics: at most size - 1 bytes and a NUL (nothing when size is
 * 0), returns the length the whole text has.  Every conversion of C11
 * but %n: d i u o x X c s p % f F e E g G a A (a and A print as e and
 * E), the flags, width and precision, the lengths hh h l ll j z t L, so
 * 64-bit integers with <inttypes.h>'s PRI* macros; floating point is
 * printed exactly, with precisions above 100 cut to 100. */
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif
