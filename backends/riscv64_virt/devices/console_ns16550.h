/* SPDX-License-Identifier: MIT */
/*
 * console_ns16550.h - CONSOLE on the virt board's ns16550a UART (the
 * platform's console, shared with the runtime's log).  Stateless.
 */
#ifndef MIRC_DEV_CONSOLE_NS16550_H
#define MIRC_DEV_CONSOLE_NS16550_H

#include <stddef.h>

/* Write all of buf to the UART (polled); returns len (at most INT_MAX). */
int console_ns16550_write(const void *buf, size_t len);

#endif
