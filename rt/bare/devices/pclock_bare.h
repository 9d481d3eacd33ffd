/* SPDX-License-Identifier: MIT */
/*
 * pclock_bare.h - PCLOCK on every bare-metal board: the platform's wall
 * clock (platform_wall_ns()).  Its source is the board's: the host's
 * time read once through semihosting SYS_TIME and advanced by SysTick on
 * cortex_m3, the goldfish RTC on riscv64_virt, the CMOS RTC read at boot
 * and advanced by the TSC on virtio; so its resolution (a second or a
 * nanosecond) and its drift are the board's too (with qemu -icount
 * sleep=off, virtual time runs ahead of the host's).  Stateless.
 *
 * By the failure policy of the standard bare-metal devices
 * (console_bare.h), connect asks the platform for the time once and
 * fails with -ENODEV when it has none (no semihosting, qemu -M
 * microvm,rtc=off), so that the program stops at boot, naming the
 * device, rather than reading -1 later.
 */
#ifndef MIRC_BARE_PCLOCK_BARE_H
#define MIRC_BARE_PCLOCK_BARE_H

#include <stdint.h>

/* 0, or -ENODEV when the board has no wall clock. */
int pclock_bare_connect(void);
/* Nanoseconds since the Unix epoch. */
int64_t pclock_bare_now_ns(void);

#endif
