/* SPDX-License-Identifier: MIT */
/*
 * pclock_goldfish_rtc.h - PCLOCK: the virt board's goldfish RTC at
 * 0x101000, which qemu sets from the host's clock (-rtc base=...
 * changes it).  Stateless.
 */
#ifndef MIRC_DEV_PCLOCK_GOLDFISH_RTC_H
#define MIRC_DEV_PCLOCK_GOLDFISH_RTC_H

#include <stdint.h>

/* Nanoseconds since the Unix epoch. */
int64_t pclock_goldfish_rtc_now_ns(void);

#endif
