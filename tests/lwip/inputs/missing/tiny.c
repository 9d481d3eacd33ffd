/* SPDX-License-Identifier: MIT */
/* tiny.c - the job of tests/lwip/inputs/missing: nothing to do. */
#include "mirc.h"

int tiny_start(void)
{
	return 0;
}
