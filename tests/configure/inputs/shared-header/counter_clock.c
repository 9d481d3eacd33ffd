/* SPDX-License-Identifier: MIT */
#include "mirc.h"

static uint64_t t;

uint64_t counter_clock_now(void)
{
	return ++t;
}
