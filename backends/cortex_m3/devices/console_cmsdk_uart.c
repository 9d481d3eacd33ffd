/* SPDX-License-Identifier: MIT */
/*
 * console_cmsdk_uart.c - CONSOLE: the platform's console, UART0.
 */
#include <limits.h>

#include "../../../rt/src/platform.h"
#include "console_cmsdk_uart.h"

int console_cmsdk_uart_write(const void *buf, size_t len)
{
	/* The result is an int; the UART takes every byte (it waits while
	 * its buffer is full), so the count is all of them. */
	if (len > INT_MAX)
		len = INT_MAX;
	platform_console_write(buf, len, false);
	return (int)len;
}
