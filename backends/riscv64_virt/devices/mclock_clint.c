/* SPDX-License-Identifier: MIT */
/*
 * mclock_clint.c - MCLOCK: the same clock as the runtime's timers.
 */
#include "mirc/rt.h"
#include "mclock_clint.h"

uint64_t mclock_clint_elapsed_ns(void)
{
	return mirc_now_ns();
}
