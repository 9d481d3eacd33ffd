/* SPDX-License-Identifier: MIT */
/*
 * console_bare.h - CONSOLE on a bare-metal board's console: the serial
 * line the platform writes its log to (platform_console_write(), see
 * rt/src/platform.h).  One implementation for every board: the board's
 * platform drives the UART (CMSDK UART0 on cortex_m3, the ns16550a on
 * riscv64_virt, COM1 on virtio) and set it up at boot, because the
 * runtime logs there before any device connects.  Stateless.
 *
 * Failure policy of the standard bare-metal devices (console_bare,
 * time_bare, mclock_bare, pclock_bare): a device whose hardware may be
 * missing says so at connect time with a negative errno (-ENODEV), so
 * that the program stops at boot with the device named; once connected,
 * a device that cannot keep its contract (a call that has no way to
 * report an error and would otherwise leave the caller waiting for ever)
 * logs an error line naming itself and calls mirc_exit(1): the event
 * loop stops and the program ends with status 1 on every board, as it
 * does when a device fails to connect (block_virtio follows the same
 * policy).  Not abort(): newlib-nano's costs cortex_m3 some 900 bytes
 * of flash in every program.  A serial console has no error to report:
 * it always writes everything.
 */
#ifndef MIRC_BARE_CONSOLE_BARE_H
#define MIRC_BARE_CONSOLE_BARE_H

#include <stddef.h>

/* Write all of buf to the console; returns the number of bytes (len, at
 * most INT_MAX: the result is an int). */
int console_bare_write(const void *buf, size_t len);

#endif
