/* SPDX-License-Identifier: MIT */
/*
 * console_ns16550.c - CONSOLE: the UART of the riscv64_virt platform.
 */
#include <limits.h>

#include "../../../rt/src/platform.h"
#include "console_ns16550.h"

int console_ns16550_write(const void *buf, size_t len)
{
	/* The result is an int: write at most INT_MAX bytes.  A polled
	 * UART cannot fail. */
	if (len > INT_MAX)
		len = INT_MAX;
	platform_console_write(buf, len, false);
	return (int)len;
}
