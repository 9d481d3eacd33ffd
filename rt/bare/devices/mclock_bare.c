/* SPDX-License-Identifier: MIT */
/*
 * mclock_bare.c - MCLOCK: the same clock as the runtime's timers
 * (mclock_bare.h).
 */
#include "mirc/rt.h"
#include "mclock_bare.h"

uint64_t mclock_bare_elapsed_ns(void)
{
	return mirc_now_ns();
}
