/* SPDX-License-Identifier: MIT */
/* jobs.c - the jobs of tests/configure/inputs/broken. */
#include "mirc.h"

static void bye(void *arg)
{
	(void)arg;
	mirc_log_info("stopping with status 5");
	mirc_exit(5);
}

int one_start(struct DEV d, int fail_at)
{
	mirc_log_info("started on device %d", DEV_id(d));
	if (fail_at == FAIL_AT_START)
		return 1;
	if (fail_at == FAIL_AT_EXIT)
		mirc_defer(bye, NULL);
	return 0;
}

int two_start(struct DEV d)
{
	mirc_log_info("started on device %d", DEV_id(d));
	return 0;
}
