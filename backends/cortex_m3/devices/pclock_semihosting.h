/* SPDX-License-Identifier: MIT */
/*
 * pclock_semihosting.h - PCLOCK: the host's time, read once through ARM
 * semihosting SYS_TIME (whole seconds), then advanced by SysTick.  It is
 * off by up to a second and drifts as far as the guest's clock does (with
 * qemu -icount ... sleep=off, virtual time runs ahead of the host's).
 * Stateless.
 */
#ifndef MIRC_DEV_PCLOCK_SEMIHOSTING_H
#define MIRC_DEV_PCLOCK_SEMIHOSTING_H

#include <stdint.h>

/* Read the host's time now: -ENOSYS when semihosting cannot tell it. */
int pclock_semihosting_connect(void);
/* Nanoseconds since the Unix epoch. */
int64_t pclock_semihosting_now_ns(void);

#endif
