/* SPDX-License-Identifier: MIT */
/*
 * pclock_cmos.h - PCLOCK: the CMOS RTC (MC146818) read once at boot, to
 * the second, plus the TSC since.  Stateless; connect fails with -ENODEV
 * where the machine has no RTC (qemu -M microvm,rtc=off).
 */
#ifndef MIRC_DEV_PCLOCK_CMOS_H
#define MIRC_DEV_PCLOCK_CMOS_H

#include <stdint.h>

int pclock_cmos_connect(void);
/* Nanoseconds since the Unix epoch. */
int64_t pclock_cmos_now_ns(void);

#endif
