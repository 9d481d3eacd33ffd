/* SPDX-License-Identifier: MIT */
/*
 * pclock_semihosting.c - PCLOCK: the platform's wall clock.
 */
#include <errno.h>

#include "../../../rt/src/platform.h"
#include "pclock_semihosting.h"

int pclock_semihosting_connect(void)
{
	/* The platform asks the host once, at the first call: do it now,
	 * so that a program without a wall clock fails at boot rather
	 * than reading -1 later. */
	return platform_wall_ns() < 0 ? -ENOSYS : 0;
}

int64_t pclock_semihosting_now_ns(void)
{
	return platform_wall_ns();
}
