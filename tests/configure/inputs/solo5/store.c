/* SPDX-License-Identifier: MIT */
/* store.c - the job of tests/configure/inputs/solo5: says how big its two
 * disks are. */
#include <inttypes.h>

#include "mirc.h"

int store_start(struct BLOCK log, struct BLOCK data)
{
	mirc_block_info a, b;

	BLOCK_info(log, &a);
	BLOCK_info(data, &b);
	mirc_log_info("log: %" PRIu64 " sectors, data: %" PRIu64 " sectors",
		      a.sectors, b.sectors);
	return 0;
}
