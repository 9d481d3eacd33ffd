/* SPDX-License-Identifier: MIT */
/*
 * print.c - console output without the runtime (print.h).
 *
 * Numbers are built backwards in a buffer on the stack: no division
 * helpers beyond what the compiler inlines for constants, no static
 * state, so a fault handler may call these at any time.
 */
#include <string.h>

#include "platform.h"
#include "bare/print.h"

void print_str(const char *s)
{
	platform_console_write(s, strlen(s), true);
}

void print_hex(uint64_t v)
{
	char buf[18];
	int i = 18;

	do {
		buf[--i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	buf[--i] = 'x';
	buf[--i] = '0';
	platform_console_write(buf + i, (size_t)(18 - i), true);
}

void print_dec(uint64_t v)
{
	char buf[20];
	int i = 20;

	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	platform_console_write(buf + i, (size_t)(20 - i), true);
}
