/* SPDX-License-Identifier: MIT */
/*
 * mclock_bare.h - MCLOCK on every bare-metal board: the runtime's own
 * monotonic clock (platform_now_ns(), which its timers run on), in
 * nanoseconds since boot.  Its source and resolution are the board's:
 * SysTick's millisecond count plus its counter on cortex_m3 (40 ns
 * steps), the CLINT's mtime on riscv64_virt (10 MHz, 100 ns steps), the
 * TSC measured against the PIT at boot on virtio.  Stateless; it cannot
 * fail.
 */
#ifndef MIRC_BARE_MCLOCK_BARE_H
#define MIRC_BARE_MCLOCK_BARE_H

#include <stdint.h>

/* Nanoseconds since boot; never goes backwards. */
uint64_t mclock_bare_elapsed_ns(void);

#endif
