/* SPDX-License-Identifier: MIT */
/*
 * console_com1.h - CONSOLE on COM1 (16550 UART at I/O port 0x3f8), the
 * serial line qemu connects to its standard output.  Stateless: the
 * platform set the UART up at boot (115200 8N1) because the runtime logs
 * there before any device connects.
 */
#ifndef MIRC_DEV_CONSOLE_COM1_H
#define MIRC_DEV_CONSOLE_COM1_H

#include <stddef.h>

/* Write all of buf; returns len (a serial line has no error to report). */
int console_com1_write(const void *buf, size_t len);

#endif
