/* SPDX-License-Identifier: MIT */
/*
 * console_cmsdk_uart.h - CONSOLE on UART0 of the MPS2 AN385 (a CMSDK APB
 * UART), the serial line qemu connects with -serial stdio.  Stateless:
 * the platform enables the transmitter at boot, and the runtime's logs
 * share the line.
 */
#ifndef MIRC_DEV_CONSOLE_CMSDK_UART_H
#define MIRC_DEV_CONSOLE_CMSDK_UART_H

#include <stddef.h>

/* Send all of buf; returns the number of bytes (at most INT_MAX). */
int console_cmsdk_uart_write(const void *buf, size_t len);

#endif
