/* SPDX-License-Identifier: MIT */
/*
 * console_bare.c - CONSOLE: the platform's console (console_bare.h).
 */
#include <limits.h>

#include "platform.h"
#include "console_bare.h"

int console_bare_write(const void *buf, size_t len)
{
	/* The result is an int: write at most INT_MAX bytes.  The
	 * platform's serial line waits while its transmitter is full and
	 * cannot fail, so the count is all of them. */
	if (len > INT_MAX)
		len = INT_MAX;
	platform_console_write(buf, len, false);
	return (int)len;
}
