/* SPDX-License-Identifier: MIT */
/*
 * mclock_systick.c - MCLOCK: the same clock as the runtime's timers.
 */
#include "mirc/rt.h"
#include "mclock_systick.h"

uint64_t mclock_systick_elapsed_ns(void)
{
	return mirc_now_ns();
}
