/* SPDX-License-Identifier: MIT */
/* small.c - the job of tests/configure/inputs/small. */
#include "mirc.h"

int small_start(int64_t fail)
{
	mirc_log_info("pi=%.2f [%8g] [%-8e] n=%d", 3.14159, 2.5, -1.0, 42);
	mirc_log_debug("debug is on");
	if (fail)
		return (int)fail;
	mirc_exit(0);
	return 0;
}
