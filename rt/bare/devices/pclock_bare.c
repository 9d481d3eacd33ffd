/* SPDX-License-Identifier: MIT */
/*
 * pclock_bare.c - PCLOCK: the platform's wall clock (pclock_bare.h).
 */
#include <errno.h>

#include "platform.h"
#include "pclock_bare.h"

int pclock_bare_connect(void)
{
	/* Some platforms ask their source once, at the first call
	 * (cortex_m3's semihosting): do it now, at boot. */
	return platform_wall_ns() < 0 ? -ENODEV : 0;
}

int64_t pclock_bare_now_ns(void)
{
	return platform_wall_ns();
}
