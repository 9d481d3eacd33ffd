/* SPDX-License-Identifier: MIT */
/*
 * pclock_cmos.c - PCLOCK: the platform's wall clock (the RTC read at
 * boot, see backends/virtio/platform/clock.c).
 */
#include <errno.h>

#include "../../../rt/src/platform.h"
#include "pclock_cmos.h"

int pclock_cmos_connect(void)
{
	return platform_wall_ns() < 0 ? -ENODEV : 0;
}

int64_t pclock_cmos_now_ns(void)
{
	return platform_wall_ns();
}
