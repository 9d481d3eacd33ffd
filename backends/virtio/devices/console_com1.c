/* SPDX-License-Identifier: MIT */
/*
 * console_com1.c - CONSOLE: the platform's serial console (COM1).
 */
#include <limits.h>

#include "../../../rt/src/platform.h"
#include "console_com1.h"

int console_com1_write(const void *buf, size_t len)
{
	/* The result is an int: write at most INT_MAX bytes. */
	if (len > INT_MAX)
		len = INT_MAX;
	platform_console_write(buf, len, false);
	return (int)len;
}
