/* SPDX-License-Identifier: MIT */
/*
 * pclock_goldfish_rtc.c - PCLOCK: the platform's wall clock, read from
 * the goldfish RTC (TIME_LOW, which latches TIME_HIGH, then TIME_HIGH).
 */
#include "../../../rt/src/platform.h"
#include "pclock_goldfish_rtc.h"

int64_t pclock_goldfish_rtc_now_ns(void)
{
	return platform_wall_ns();
}
