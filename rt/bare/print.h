/* SPDX-License-Identifier: MIT */
/*
 * print.h - text and numbers on a bare-metal board's console without the
 * runtime's formatter: for boot errors, fault reports and the virtio
 * layer's notes about the machine, which may come before the runtime is
 * up or when its state cannot be trusted.  Everything goes through
 * platform_console_write() (the board's polled serial line), so these
 * work from a fault handler too.
 */
#ifndef MIRC_BARE_PRINT_H
#define MIRC_BARE_PRINT_H

#include <stdint.h>

/* The NUL-terminated string s, as is. */
void print_str(const char *s);
/* v in hexadecimal with a 0x prefix and no leading zeros ("0x0" for 0). */
void print_hex(uint64_t v);
/* v in decimal. */
void print_dec(uint64_t v);

#endif
