/* SPDX-License-Identifier: MIT */
/*
 * mclock_tsc.c - MCLOCK: the runtime's clock, which is the TSC here.
 */
#include "mirc/rt.h"
#include "mclock_tsc.h"

uint64_t mclock_tsc_elapsed_ns(void)
{
	return mirc_now_ns();
}
