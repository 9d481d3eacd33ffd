/* SPDX-License-Identifier: MIT */
#include "mirc.h"

int run_start(struct TICKER t)
{
	TICKER_tick(t);
	mirc_log_info("ticked %d", TICKER_tick(t));
	return 0;
}
