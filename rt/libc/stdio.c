/* SPDX-License-Identifier: MIT */
/*
 * stdio.c - snprintf() and vsnprintf() of mirc's freestanding C library.
 *
 * They are the runtime's own formatter (rt/src/fmt.c), which every
 * program carries anyway for its log lines: a user's snprintf() costs
 * some 40 bytes here, where a C library's own printf engine costs
 * kilobytes, and it prints what the runtime's log lines print, floating
 * point included.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "../src/core.h"

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	return mirc_vsnprintf(buf, size, fmt, ap);
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = mirc_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
